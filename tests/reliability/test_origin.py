"""Cross-site websocket hijacking: a foreign page must not get a socket."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
import websocket


def _refused(live, origin: str) -> bool:
    """True if the upgrade from *origin* is refused before the handshake (HTTP 403)."""
    try:
        ws = websocket.create_connection(live.ws_url, origin=origin, timeout=5)
    except websocket.WebSocketBadStatusException as exc:
        return exc.status_code == 403
    ws.close()
    return False  # the foreign page got an open socket


@pytest.mark.parametrize("origin", [
    "http://evil.example",
    "null",
    "http://localhost.evil.example",
    "file://",
])
def test_foreign_origin_is_refused_and_logged(live, warnings_log, origin):
    assert _refused(live, origin)
    assert live.sessions() == 0
    assert any("origin" in r.getMessage() for r in warnings_log.records)
    assert live.state.count == 0


def test_same_host_other_port_is_foreign(live):
    assert _refused(live, f"http://localhost:{live.server.port + 1}")


def test_lookalike_host_with_port_suffix_is_foreign(live):
    assert _refused(live, f"http://localhost:{live.server.port}.evil.example")


def test_same_origin_is_served(live):
    client = live.client(origin=f"http://localhost:{live.server.port}")
    client.alive()


def test_no_origin_header_is_served_for_non_browser_clients(live):
    ws = websocket.create_connection(live.ws_url, suppress_origin=True, timeout=5)
    try:
        ws.send('{"t":"hello","seq":-1}')
        assert "content" in ws.recv()
    finally:
        ws.close()


@pytest.mark.parametrize("live", [{"allowed_origins": {"https://app.example"}}], indirect=True)
def test_allowed_origins_are_configurable(live):
    client = live.client(origin="https://app.example")
    client.alive()
    assert _refused(live, "https://other.example")


# -- origins compared by scheme, host and port -----------------------------

@pytest.mark.parametrize("scheme", ["https", "chrome-extension", "ws"])
def test_same_host_and_port_with_another_scheme_is_foreign(live, scheme):
    assert _refused(live, f"{scheme}://localhost:{live.server.port}")


@pytest.mark.parametrize("live", [{"allowed_origins": "https://app.example"}], indirect=True)
def test_allowed_origins_given_as_a_string_is_one_origin_not_a_substring(live):
    live.client(origin="https://app.example").alive()
    for near in ("https://app.ex", "https://app", "app.example", "https://app.example.evil"):
        assert _refused(live, near), near


@pytest.mark.parametrize("live", [{"allowed_origins": ["https://app.example:8443"]}], indirect=True)
def test_allowed_origin_ports_must_match(live):
    live.client(origin="https://app.example:8443").alive()
    assert _refused(live, "https://app.example")


# -- DNS rebinding: the Host header ------------------------------------------

def _page_status(live, host: str) -> tuple[int, str]:
    req = urllib.request.Request(live.url, headers={"Host": host})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _ws_refused(live, host: str, origin: str | None = None) -> bool:
    try:
        ws = websocket.create_connection(live.ws_url, host=host, origin=origin or f"http://{host}", timeout=5)
    except websocket.WebSocketBadStatusException as exc:
        return exc.status_code == 403
    ws.close()
    return False


def test_a_rebound_host_name_gets_neither_page_nor_socket(live, warnings_log):
    port = live.server.port
    status, text = _page_status(live, f"attacker.test:{port}")
    assert status == 403
    assert "attacker.test" in text and "--allowed-hosts" in text
    assert _ws_refused(live, f"attacker.test:{port}")  # Origin and Host agree: still foreign
    assert live.sessions() == 0
    assert any("Host" in r.getMessage() for r in warnings_log.records)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "192.168.1.20"])
def test_loopback_names_and_ip_addresses_are_served(live, host):
    port = live.server.port
    assert _page_status(live, f"{host}:{port}")[0] == 200
    assert not _ws_refused(live, f"{host}:{port}")


@pytest.mark.parametrize("live", [{"allowed_hosts": ["viz.example", ".corp.test"]}], indirect=True)
def test_configured_host_names_are_served(live):
    port = live.server.port
    for host in ("viz.example", "corp.test", "a.b.corp.test"):
        assert _page_status(live, f"{host}:{port}")[0] == 200, host
        assert not _ws_refused(live, f"{host}:{port}"), host
    assert _page_status(live, f"notcorp.test:{port}")[0] == 403
    assert _page_status(live, f"viz.example.evil:{port}")[0] == 403


def test_allowed_hosts_from_the_environment(monkeypatch):
    from htmxtrame.server import Server

    monkeypatch.setenv("HTMXTRAME_ALLOWED_HOSTS", "a.test, b.test")
    server = Server("rel_env_hosts")
    http = server.flask_app().test_client()
    assert http.get("/", headers={"Host": "b.test"}).status_code == 200  # served (no layout: an empty page)
    assert http.get("/", headers={"Host": "c.test"}).status_code == 403


def test_allowed_hosts_from_the_command_line(monkeypatch):
    from .app_under_test import build

    monkeypatch.setenv("TRAME_ARGS", "--allowed-hosts cli.test")
    server = build("rel_cli_hosts")
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        lv = type("L", (), {"url": f"http://localhost:{server.port}/"})()
        assert _page_status(lv, f"cli.test:{server.port}")[0] == 200
        assert _page_status(lv, f"other.test:{server.port}")[0] == 403
    finally:
        server.stop()


def test_flask_trusted_hosts_of_an_embedding_site_are_honoured():
    from flask import Flask

    from .app_under_test import build

    app = Flask("host_site")
    app.config["TRUSTED_HOSTS"] = ["viz.example.com"]
    build("rel_trusted").init_app(app, url_prefix="/viz")
    http = app.test_client()
    assert http.get("/viz/", headers={"Host": "viz.example.com"}).status_code == 200
    assert http.get("/viz/", headers={"Host": "attacker.test"}).status_code == 400  # Flask refuses it first


def test_an_embedded_app_refuses_unknown_host_names_by_default():
    from flask import Flask

    from .app_under_test import build

    app = Flask("host_site_default")
    build("rel_embedded_hosts").init_app(app)
    http = app.test_client()
    assert http.get("/", headers={"Host": "localhost"}).status_code == 200
    refused = http.get("/", headers={"Host": "viz.example.com"})
    assert refused.status_code == 403
    assert "TRUSTED_HOSTS" in refused.get_data(as_text=True)


def test_every_interface_banner_says_how_to_allow_names():
    from htmxtrame.runner import banner

    text = banner("0.0.0.0", 8080, 0)
    assert "--allowed-hosts" in text and "HTMXTRAME_ALLOWED_HOSTS" in text
    assert "--allowed-hosts" not in banner("0.0.0.0", 8080, 0, ["mybox.local"])
    assert "--allowed-hosts" not in banner("localhost", 8080, 0)


def test_a_request_without_host_is_served(live):
    """HTTP/1.0 tools send no Host; no browser does, so there is nothing to rebind."""
    import socket

    with socket.create_connection(("localhost", live.server.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        status_line = sock.makefile("rb").readline()
    assert status_line.split()[1] == b"200", status_line

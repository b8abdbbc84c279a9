"""Mounting htmxtrame servers inside a host Flask app: prefixes, two apps, the host's login."""

from __future__ import annotations

import json
import re
import threading
import uuid

import pytest
import websocket
from flask import Flask, request, session
from werkzeug.serving import make_server

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def make(label: str) -> Server:
    server = Server(f"emb-{label}-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Button("+", id="inc", click="n += 1")
        html.Span(f"{label}: {{{{ n }}}}", id="n")
    server.state.n = 0
    return server


@pytest.fixture
def site():
    """A host app with a login guard and two embedded servers, served for real."""
    host = Flask("host")
    host.config["SECRET_KEY"] = "test"
    a, b = make("A"), make("B")
    a.init_app(host, url_prefix="/a")
    b.init_app(host, url_prefix="/tools/b")

    @host.before_request
    def guard():
        if request.endpoint != "login" and not session.get("user"):
            return "log in first", 401
        return None

    @host.get("/login")
    def login():
        session["user"] = "ada"
        return "ok"

    @host.get("/")
    def home():
        return "host home"

    httpd = make_server("127.0.0.1", 0, host, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    client = host.test_client()
    yield {"host": host, "a": a, "b": b, "port": httpd.server_port, "client": client}
    for server in (a, b):
        server.close_connections()
    httpd.shutdown()
    httpd.server_close()


def login_cookie(site) -> str:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{site['port']}/login") as resp:
        return resp.headers["Set-Cookie"].split(";")[0]


def test_two_apps_and_the_hosts_routes_live_side_by_side(site):
    c = site["client"]
    c.get("/login")
    assert c.get("/").data == b"host home"
    page_a = c.get("/a/").data.decode()
    page_b = c.get("/tools/b/").data.decode()
    assert "A: 0" in page_a and "B: 0" in page_b
    # Every URL the page uses is relative to it, so the prefix needs no configuration.
    assert 'hx-ws:connect="__htmxtrame/ws?ui=main"' in page_a
    script = re.search(r'src="(__htmxtrame/static/htmxtrame.bundle.js\?v=\w+)"', page_b)
    assert script is not None
    assert c.get("/tools/b/" + script.group(1)).status_code == 200
    assert c.get("/a").status_code == 308  # the page lives at /a/


def test_login_guards_the_page_and_the_websocket(site):
    c = site["client"]
    assert c.get("/a/").status_code == 401
    assert c.get("/a/__htmxtrame/static/htmxtrame.js").status_code == 401
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(f"ws://127.0.0.1:{site['port']}/a/__htmxtrame/ws?ui=main", timeout=5)
    assert refused.value.status_code == 401
    assert site["a"].connections == {}


def test_a_logged_in_websocket_drives_its_own_app_only(site):
    cookie = login_cookie(site)
    port = site["port"]
    page = site["client"]
    page.get("/login")
    body = page.get("/a/").data.decode()
    inc = body.split('data-ht="', 1)[1].split('"', 1)[0]
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/a/__htmxtrame/ws?ui=main", cookie=cookie, timeout=5)
    try:
        ws.send(json.dumps({"t": "hello", "seq": site["a"].scope_for_request().last_seq}))
        ws.send(json.dumps({"t": "ev", "id": inc, "ev": "click"}))
        msg = json.loads(ws.recv())
        assert "A: 1" in msg["content"] and msg["dirty"] == ["n"]
        assert site["a"].state.n == 1 and site["b"].state.n == 0
    finally:
        ws.close()


def test_mount_errors_are_clear():
    host = Flask("h2")
    server = make("C")
    with pytest.raises(ValueError, match="must start with '/'"):
        server.init_app(host, url_prefix="viz")
    server.init_app(host, url_prefix="/viz")
    with pytest.raises(ValueError, match="already registered"):
        server.init_app(host, url_prefix="/viz2")
    server.init_app(host, url_prefix="/viz2", name="second_mount")
    with pytest.raises(TypeError, match="Flask app"):
        server.init_app(object())


def hooked(label: str, host: Flask) -> tuple[Server, list]:
    """A server recording its bind/ready hooks (and whether bind got *host*)."""
    server = make(label)
    seen: list = []
    server.controller.on_server_bind.add(lambda app: seen.append(("bind", app is host)))
    server.controller.on_server_ready.add(lambda **state: seen.append(("ready", state["n"])))
    return server, seen


def test_init_app_runs_bind_and_ready_hooks_once():
    host = Flask("h3")
    server, seen = hooked("D", host)
    server.init_app(host, url_prefix="/d")
    assert seen == [("bind", True), ("ready", 0)] and server.state.is_ready


def test_a_blueprint_the_host_registers_itself_makes_the_app_live():
    host = Flask("h4")
    server, seen = hooked("E", host)

    @server.state.change("n")
    def doubled(n, **kwargs):
        server.state.twice = n * 2

    host.register_blueprint(server.blueprint(), url_prefix="/tools/e")
    assert seen == [("bind", True), ("ready", 0)]
    assert server.state.twice == 0  # the state is live: listeners ran once
    assert "E: 0" in host.test_client().get("/tools/e/").data.decode()
    assert host.config["SOCK_SERVER_OPTIONS"]["max_message_size"] == 1 << 20

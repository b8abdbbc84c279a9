"""What the third security probe found, each pinned by a test.

* ``max_sessions_per_client`` (and the websocket and upload caps per
  client) keyed clients by their whole address: an IPv6 client owning a
  /64 could take a fresh address for each session. IPv6 clients now count
  by their /64.
"""

from __future__ import annotations

from typing import Any

from htmxtrame.client_address import client_key
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

# -- an IPv6 client counts by its /64 ----------------------------------------------


def test_client_keys_group_an_ipv6_64_and_keep_ipv4_addresses_apart() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("10.0.0.1") == "10.0.0.1" != client_key("10.0.0.2")
    assert client_key("::ffff:10.0.0.1") == "10.0.0.1"  # an IPv4 client seen through an IPv6 socket
    assert client_key("fe80::1%eth0") == "fe80::/64"
    assert client_key(None) == client_key("") == "?"
    assert client_key("unix-socket") == "unix-socket"


def _sessions_app(**options: Any) -> Any:
    from htmxtrame.scopes import serve_per_session

    def ui(server: Any) -> None:
        with DivLayout(server):
            html.Div("{{ mine }}", id="mine")
        server.state.mine = 0

    return serve_per_session(ui, "probe3_sessions", secret_key="k", **options)


def test_an_ipv6_client_cannot_fill_max_sessions_from_fresh_addresses_of_its_64() -> None:
    server = _sessions_app(max_sessions=30, max_sessions_per_client=5)
    try:
        app = server.flask_app()
        for i in range(40):  # a fresh address of the same /64 per session, cookies kept
            http = app.test_client()
            addr = f"2001:db8:aa:bb::{i + 1:x}"
            assert http.get("/", environ_base={"REMOTE_ADDR": addr}).status_code == 200
            http.get("/", environ_base={"REMOTE_ADDR": addr})
        assert len(server.sessions) == 5  # its own oldest made room each time
        visitor = app.test_client().get("/", environ_base={"REMOTE_ADDR": "2001:db8:aa:cc::1"})
        assert visitor.status_code == 200  # another /64 is another client
        assert len(server.sessions) == 6
    finally:
        server.sessions.close_all()

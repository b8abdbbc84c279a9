"""What the server shows strangers: error pages, encodings, framing, layouts."""

from __future__ import annotations

import pytest
import websocket

from htmxtrame.widgets import html

from .app_under_test import build


@pytest.fixture
def http():
    """A test client of the reliability app, with a second layout named "admin"."""
    server = build("rel_exposure")
    with html.Div() as admin:
        html.Div("admin only")
    server.set_template("admin", admin)
    return server.flask_app().test_client()


@pytest.mark.parametrize("path", ["/__htmxtrame/static/x%00", "/__htmxtrame/static/htmxtrame.js%00.map",
                                  "/x%00", "/__htmxtrame/static/%00/../htmxtrame.js"])
def test_a_nul_byte_in_a_path_is_a_404_not_a_500(http, path):
    assert http.get(path).status_code == 404


@pytest.mark.parametrize("accept", ["gzip;q=0", "identity", "br", "gzip;q=0, deflate"])
def test_gzip_only_when_the_browser_accepts_it(http, accept):
    for path in ("/__htmxtrame/static/htmxtrame.js", "/"):
        resp = http.get(path, headers={"Accept-Encoding": accept})
        assert resp.status_code == 200
        assert "Content-Encoding" not in resp.headers, (path, accept)
        assert resp.data[:2] != b"\x1f\x8b"


def test_gzip_when_accepted(http):
    resp = http.get("/__htmxtrame/static/htmxtrame.js", headers={"Accept-Encoding": "deflate, gzip;q=0.5"})
    assert resp.headers["Content-Encoding"] == "gzip"


def test_pages_cannot_be_framed_by_other_sites(http):
    resp = http.get("/")
    assert resp.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert resp.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_named_sites_may_frame_the_pages():
    server = build("rel_framed", frame_ancestors=["https://portal.example"])
    resp = server.flask_app().test_client().get("/")
    assert resp.headers["Content-Security-Policy"] == "frame-ancestors 'self' https://portal.example"
    assert "X-Frame-Options" not in resp.headers  # it cannot name another site


def test_the_404_for_an_unknown_layout_does_not_list_the_others(http):
    resp = http.get("/?ui=nope")
    assert resp.status_code == 404
    text = resp.get_data(as_text=True)
    assert "nope" in text
    assert "admin" not in text and "'main'" not in text


def test_a_layout_guard_hides_a_layout_like_an_unknown_one():
    server = build("rel_guarded", layout_guard=lambda name: name != "admin")
    with html.Div() as admin:
        html.Div("admin only")
    server.set_template("admin", admin)
    http = server.flask_app().test_client()
    assert http.get("/").status_code == 200
    refused = http.get("/?ui=admin")
    assert refused.status_code == 404
    assert "admin only" not in refused.get_data(as_text=True)
    assert refused.get_data(as_text=True).count("no layout named") == 1


def test_a_guarded_layout_refuses_its_websocket_too():
    server = build("rel_guarded_ws", layout_guard=lambda name: name != "admin")
    with html.Div() as admin:
        html.Div("admin only")
    server.set_template("admin", admin)
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        ws = websocket.create_connection(f"ws://localhost:{server.port}/__htmxtrame/ws?ui=admin", timeout=5)
        opcode, data = ws.recv_data(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(data[:2], "big") == 1008
        assert len(server._scope.sessions) == 0
    finally:
        server.stop()

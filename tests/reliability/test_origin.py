"""Cross-site websocket hijacking: a foreign page must not get a socket."""

from __future__ import annotations

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

"""``trame_client.utils.testing.enable_testing`` (trame-vtk's validation apps use it)."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.utils.testing import enable_testing


def test_enable_testing_prints_watched_keys_and_the_port(capsys):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    assert enable_testing(server, "ready_flag") is server
    server.state.ready()
    server.state.ready_flag = True
    server.state.flush()
    server.port = 4321
    server.controller.on_server_ready()
    out = capsys.readouterr().out
    assert '"ready_flag": true' in out.split("STATE:", 1)[1]
    assert "SERVER_PORT: 4321" in out

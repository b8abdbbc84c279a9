"""``trame_client.utils.testing``: print chosen state keys for a test driver to read.

``enable_testing(server, "key", ...)`` prints ``STATE: {json}`` whenever one
of the keys changes and ``SERVER_PORT: <port>`` once the server is ready, as
trame-client's helper does, so validation scripts that watch an app's output
work unchanged.
"""

from __future__ import annotations

import json
from typing import Any


def print_state(**state: Any) -> None:
    """Print the state as one ``STATE:`` line (values JSON cannot hold print as text)."""
    print("STATE:", json.dumps(state, default=str), flush=True)


def enable_testing(server: Any, *state_monitor: str) -> Any:
    """Print *state_monitor* keys on change and the port once ready; returns *server*."""
    if state_monitor:
        server.state.change(*state_monitor)(print_state)

    @server.controller.add("on_server_ready")
    def print_server_port(**_: Any) -> None:
        print("SERVER_PORT:", server.port, flush=True)

    return server


__all__ = ["enable_testing", "print_state"]

"""``print_informations(server)``: where a running server answers (``trame_server.utils.server``)."""

from __future__ import annotations

from typing import Any


def print_informations(server: Any) -> None:
    """Print the connection info of a running *server* (what ``server.start()`` prints itself)."""
    from ..runner import banner  # utils sit below the runner; resolved lazily

    if not server.running:
        print(f"server {server.name!r} is not running", flush=True)
        return
    timeout = server._runner.idle.timeout if server._runner.idle is not None else 0
    print(banner(server.host or "localhost", server.port, timeout or 0), flush=True)


__all__ = ["print_informations"]

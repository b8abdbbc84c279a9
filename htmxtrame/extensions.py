"""Extra websockets that widgets bring, at ``__htmxtrame/x/<name>``.

A widget that streams something the page's main socket should not carry
(the VTK view's binary frames) registers a handler here by name; every
server's blueprint routes ``__htmxtrame/x/<name>`` to it after the same origin
check as the main socket. An unknown name is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, Any], None]  # (server, ws) -> None, returns when the socket is done

_lock = threading.Lock()
_handlers: dict[str, Handler] = {}


def register(name: str, handler: Handler) -> None:
    """Serve websockets at ``__htmxtrame/x/<name>`` with *handler(server, ws)*."""
    with _lock:
        _handlers[name] = handler


def find(name: str) -> Handler | None:
    """The handler registered as *name*, or None."""
    with _lock:
        return _handlers.get(name)

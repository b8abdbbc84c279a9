"""``trame.app.dev``: helpers for re-running an app's code while it serves.

``reload(module)`` executes the module's code again; before that,
``clear_change_listeners(server)`` or ``remove_change_listeners(server,
"key")`` drops the listeners the old code registered, so the new ones
replace them instead of running beside them. (``htmxtrame run app.py
--hot-reload`` does all of this on save; see docs/server.md.)
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def clear_change_listeners(server: Any) -> None:
    """Forget every ``@state.change`` listener of *server*'s state."""
    with server.state._lock:
        server.state._change_callbacks.clear()


def remove_change_listeners(server: Any, *names: str) -> None:
    """Forget the listeners of the state keys *names*."""
    with server.state._lock:
        for name in names:
            server.state._change_callbacks.pop(name, None)


def reload(*reload_list: ModuleType | None) -> None:
    """Execute each module's code again, in its own namespace (``None`` entries are skipped)."""
    for module in reload_list:
        if module is None:
            continue
        loader = getattr(module, "__loader__", None)
        if loader is None or not hasattr(loader, "exec_module"):
            raise TypeError(f"dev.reload: {module.__name__!r} has no loader that can run it again")
        loader.exec_module(module)


__all__ = ["clear_change_listeners", "reload", "remove_change_listeners"]

"""``trame_server.utils.hot_reload``'s names: htmxtrame does not reload code while it runs (see the decorator)."""

from __future__ import annotations

from collections.abc import Callable

from ..decorators import hot_reload


def reload(func: Callable, perform_checks: bool = True) -> Callable:
    """trame re-reads *func*'s source; here *func* is returned as is (restart the app to pick up changes)."""
    return func


__all__ = ["hot_reload", "reload"]

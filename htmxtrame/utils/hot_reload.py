"""``trame_server.utils.hot_reload``'s names: under ``--hot-reload`` each call runs the newest saved code."""

from __future__ import annotations

from collections.abc import Callable

from ..hot_reload import hot_reload


def reload(func: Callable, perform_checks: bool = True) -> Callable:
    """trame's ``reload(func)``: *func* wrapped so each call runs its newest saved version (see ``hot_reload``)."""
    return hot_reload(func)


__all__ = ["hot_reload", "reload"]

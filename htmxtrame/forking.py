"""Surviving ``os.fork()``: gunicorn ``--preload``, multiprocessing, any fork.

A forked child inherits memory but only the thread that forked: the event
loop thread and the pusher thread are gone, while the objects that say they
run are still there. Left alone, every coroutine, async listener and pushed
update of the child waits forever. :func:`on_fork` registers what each
owner does around a fork; :func:`revive_loop` gives a child its own copy of
an asyncio loop (own selector, own wake-up socket) so the tasks created
before the fork keep running in every process that serves.
"""

from __future__ import annotations

import asyncio
import logging
import os
import selectors
from collections.abc import Callable
from typing import Any

log = logging.getLogger("htmxtrame.forking")


def on_fork(
    before: Callable[[], Any] | None = None,
    parent: Callable[[], Any] | None = None,
    child: Callable[[], Any] | None = None,
) -> None:
    """Call *before* in the parent before a fork, then *parent* or *child* after it."""
    if not hasattr(os, "register_at_fork"):  # pragma: no cover - Windows: no fork
        return
    kwargs: dict[str, Callable[[], Any]] = {}
    for key, fn in (("before", before), ("after_in_parent", parent), ("after_in_child", child)):
        if fn is not None:
            kwargs[key] = _guarded(fn)
    os.register_at_fork(**kwargs)


def _guarded(fn: Callable[[], Any]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - a fork hook that raises would only print to stderr
            log.exception("fork hook %s failed", getattr(fn, "__qualname__", fn))

    return run


def revive_loop(loop: asyncio.AbstractEventLoop) -> bool:
    """In a forked child, make the inherited, stopped *loop* this process's own.

    The epoll set and the self-pipe socket pair are kernel objects shared
    with the parent: the child gets a new selector holding the same
    registrations and a new self-pipe. Timers and pending tasks are plain
    memory and carry over. Returns ``False`` for a loop it cannot revive
    (not a selector loop), which the caller replaces with a fresh one.
    """
    old = getattr(loop, "_selector", None)
    if old is None or not hasattr(loop, "_make_self_pipe") or loop.is_running():
        return False
    new = selectors.DefaultSelector()
    for key in list(old.get_map().values()):
        new.register(key.fileobj, key.events, key.data)
    loop._selector = new  # type: ignore[attr-defined]
    try:
        old.close()  # this process's handle on the shared epoll set only
    except OSError:
        pass
    loop._close_self_pipe()  # type: ignore[attr-defined]
    loop._make_self_pipe()  # type: ignore[attr-defined]
    # The default executor's threads did not survive the fork.
    loop._default_executor = None  # type: ignore[attr-defined]
    return True

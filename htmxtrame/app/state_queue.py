"""A state driven from another process: trame's ``StateQueue`` and its monitor task.

A worker process (``ProcessPoolExecutor``, ``multiprocessing.Process``) cannot
touch the server's state; it writes to a :class:`StateQueue` wrapping a
``multiprocessing`` queue instead, and :func:`create_state_queue_monitor_task`
applies what arrives to the server's state on its event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..aio import create_task
from ..state import KeyAttributes

QUEUE_EXIT = "STOP"  # put on the queue when the worker is done


class StateQueue(KeyAttributes):
    """State-like writes (``sq.a = 1``, ``sq.update({...})``) that travel through *queue*.

    With ``auto_flush`` (the default) every write is sent at once; otherwise
    call :meth:`flush`. Leaving the outermost ``with`` block flushes and
    tells the monitor task to stop.
    """

    def __init__(self, queue: Any, auto_flush: bool = True) -> None:
        d = self.__dict__
        d["_queue"] = queue
        d["_pending_update"] = {}
        d["_pushed_state"] = {}
        d["_auto_flush"] = auto_flush
        d["_ctx_count"] = 0

    @property
    def queue(self) -> Any:
        """The wrapped queue."""
        return self._queue

    def __getitem__(self, key: str) -> Any:
        return self._pending_update.get(key, self._pushed_state.get(key))

    def __setitem__(self, key: str, value: Any) -> None:
        self._pending_update[key] = value
        if self._auto_flush:
            self.flush()

    def update(self, values: dict) -> None:
        """Set several keys."""
        self._pending_update.update(values)
        if self._auto_flush:
            self.flush()

    def flush(self) -> None:
        """Send what changed since the last flush."""
        if self._pending_update:
            self._queue.put_nowait(self._pending_update)
            self._pushed_state.update(self._pending_update)
            self.__dict__["_pending_update"] = {}

    def exit(self) -> None:
        """Tell the monitor task the worker is done."""
        self._queue.put_nowait(QUEUE_EXIT)

    def __enter__(self) -> StateQueue:
        self.__dict__["_ctx_count"] += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        self.__dict__["_ctx_count"] -= 1
        if self._ctx_count == 0:
            self.flush()
            self.exit()


async def _apply_queue(server: Any, queue: Any, delay: float) -> None:
    while True:
        if queue.empty():
            await asyncio.sleep(delay)
            continue
        message = queue.get_nowait()
        if isinstance(message, str):
            if message == QUEUE_EXIT:
                return
            continue
        with server.state:
            server.state.update(message)


def create_state_queue_monitor_task(server: Any, queue: Any, delay: float = 1) -> Any:
    """Apply every update a :class:`StateQueue` sends on *queue* to *server*'s state.

    The queue is polled every *delay* seconds while empty; the task ends when
    the worker leaves its ``with StateQueue(queue)`` block.
    """
    return create_task(_apply_queue(server, queue, delay), on_error=getattr(server, "_on_error", None))

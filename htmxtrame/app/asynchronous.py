"""``htmxtrame.app.asynchronous``: trame's helpers for background coroutines."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from typing import Any

from ..aio import create_task, decorate_task, get_number_of_pending_tasks, loop, task
from .state_queue import QUEUE_EXIT, StateQueue, create_state_queue_monitor_task

log = logging.getLogger("htmxtrame.aio")


def handle_task_result(fut: Any) -> None:
    """Done-callback: log a task's exception (a cancelled task is not an error)."""
    try:
        fut.result()
    except (asyncio.CancelledError, concurrent.futures.CancelledError):
        pass
    except Exception:  # noqa: BLE001 - reported, never raised into the loop
        log.exception("a background task raised: %r", fut)


__all__ = [
    "QUEUE_EXIT", "StateQueue", "create_state_queue_monitor_task", "create_task", "decorate_task",
    "get_number_of_pending_tasks", "handle_task_result", "loop", "task",
]

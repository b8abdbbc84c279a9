"""``htmxtrame.app.asynchronous``: trame's helpers for background coroutines."""

from ..aio import create_task, loop, task

decorate_task = task

__all__ = ["create_task", "decorate_task", "loop", "task"]

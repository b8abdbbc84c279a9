"""The server-owned asyncio event loop, running in its own daemon thread.

trame runs apps on an asyncio loop; htmxtrame serves HTTP and websockets
from threads, so coroutines (``asynchronous.create_task``, async change
listeners, async controller methods) run on one loop thread that starts the
first time something needs it. Code on that thread changes state inside
``with state:`` like any other thread.

A task module code makes before the app's server is live (the usual
``asynchronous.create_task(animate())`` above ``server.start()``) waits
for it, as in trame, where it sits on the loop ``start()`` runs: it starts
once a server's state goes live, when the layout is built and its defaults
are in the state.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import threading
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any

from . import forking

log = logging.getLogger("htmxtrame.aio")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_thread: threading.Thread | None = None  # the thread running _loop
_paused = False  # the loop was stopped for a fork and runs again after it
_error_hooks: list = []  # weak references to fn(where, exc), told when a task raises
_servers_made = 0  # Server objects made in this process (server_made)
_live = False  # a server's state went live (server_live): module code's tasks start at once
_held: list[tuple[Coroutine, concurrent.futures.Future]] = []  # made before that, in order
FORK_STOP_TIMEOUT = 5.0  # seconds a fork waits for the loop's current callback to end
_starting = threading.local()  # .marks: this thread collects its tasks' first steps (first_steps)


def loop() -> asyncio.AbstractEventLoop:
    """The loop, started on first use (and again in a forked child)."""
    global _loop, _thread
    with _lock:
        if _loop is None or _loop.is_closed():
            _loop = asyncio.new_event_loop()
            _thread = None
        if _thread is None or not _thread.is_alive():
            _thread = _run(_loop)
        return _loop


def _run(lp: asyncio.AbstractEventLoop) -> threading.Thread:
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(lp)
        lp.call_soon(ready.set)
        lp.run_forever()

    thread = threading.Thread(target=run, name="htmxtrame-loop", daemon=True)
    thread.start()
    ready.wait()
    return thread


def _before_fork() -> None:
    # Stop the loop between two callbacks, so the child inherits it whole
    # (no callback half-run) and can run it again. Stopped before taking the
    # lock: its current callback may need the lock to finish.
    global _paused
    thread, lp = _thread, _loop
    stopped = False
    if lp is not None and thread is not None and thread.is_alive() and thread is not threading.current_thread():
        lp.call_soon_threadsafe(lp.stop)
        thread.join(FORK_STOP_TIMEOUT)
        stopped = not thread.is_alive()
    _lock.acquire()
    _paused = stopped and _loop is lp


def _after_fork_parent() -> None:
    global _thread
    try:
        if _paused and _loop is not None:
            _thread = _run(_loop)
    finally:
        _lock.release()


def _after_fork_child() -> None:
    # This process has only the forking thread: the loop's thread is gone.
    global _lock, _loop, _thread
    _lock = threading.Lock()
    _thread = None
    if _loop is None or _loop.is_closed():
        return
    if not _paused or not forking.revive_loop(_loop):
        if asyncio.all_tasks(_loop):
            log.warning(
                "forked while the event loop was busy: the async tasks created before the fork "
                "do not run in this process; create them after the fork (ctrl.on_server_ready)"
            )
        _loop = None
        return
    if asyncio.all_tasks(_loop):
        _thread = _run(_loop)  # tasks made before the fork (gunicorn --preload) keep running here
    # else: the loop thread starts on first use, in the process that serves.


forking.on_fork(before=_before_fork, parent=_after_fork_parent, child=_after_fork_child)


def current_loop() -> asyncio.AbstractEventLoop:
    """The running loop, else this thread's current loop (made and set if there is none).

    trame schedules ``exec_mode="task"`` servers here, so module code can
    start several and then ``loop.run_until_complete(asyncio.gather(...))``.
    """
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # "no current event loop" (3.12, 3.13)
        try:
            return asyncio.get_event_loop()
        except RuntimeError:  # not the main thread, or Python ≥ 3.14
            pass
    fresh = asyncio.new_event_loop()
    asyncio.set_event_loop(fresh)
    return fresh


_server_loop = loop  # create_task's ``loop`` argument shadows the name


def add_error_hook(fn: Callable[[str, BaseException], Any]) -> None:
    """Call ``fn(where, exc)`` whenever a task with no owner raises (held weakly)."""
    _error_hooks.append(weakref.WeakMethod(fn) if hasattr(fn, "__self__") else weakref.ref(fn))


def _hooks() -> list[Callable[[str, BaseException], Any]]:
    with _lock:
        _error_hooks[:] = [ref for ref in _error_hooks if ref() is not None]
        return [hook for hook in (ref() for ref in _error_hooks) if hook is not None]


def _report(fut: concurrent.futures.Future | asyncio.Future, owner: Callable | None = None) -> None:
    if fut.cancelled():
        return
    exc = fut.exception()
    if exc is None:
        return
    log.error("a background task raised", exc_info=exc)
    for hook in [owner] if owner is not None else _hooks():
        try:
            hook("background task", exc)
        except Exception:  # noqa: BLE001 - a reporting hook must not hide the first error
            log.exception("an error hook raised while reporting a background task failure")


_pending: set = set()  # tasks in flight: asyncio keeps only weak references to them


def get_number_of_pending_tasks() -> int:
    """How many tasks made by :func:`create_task`/:func:`decorate_task` have not finished."""
    return len(_pending)


def _track(fut: Any) -> None:
    _pending.add(fut)
    fut.add_done_callback(_pending.discard)


def create_task(
    coroutine: Coroutine | Awaitable,
    loop: asyncio.AbstractEventLoop | None = None,
    on_error: Callable[[str, BaseException], Any] | None = None,
) -> Any:
    """Schedule *coro*; exceptions are logged with traceback.

    As in trame, async code schedules on its own running loop (an
    ``asyncio.Task`` comes back; it starts at the caller's next ``await``),
    and an explicit *loop* is used as given: a loop that is not running yet
    runs the task once it starts (``loop.run_until_complete(...)``). From a
    plain thread with no *loop* (a websocket handler, a user thread) the
    task runs on the server's loop thread and a
    ``concurrent.futures.Future`` comes back (``.result(timeout)``); made
    by the main thread before any server of the process is live (module
    code above ``server.start()``), it starts once one is, as in trame.

    A failure is told to *on_error* (``fn(where, exc)``): a server passes its
    own, so one app's failing task never reaches another app's ``on_error``;
    without one, every hook of :func:`add_error_hook` hears it. The task is
    referenced until it finishes, so a fire-and-forget task is never
    garbage-collected half way.
    """
    coro = coroutine if asyncio.iscoroutine(coroutine) else _awaiting(coroutine)  # any awaitable works too
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    target = loop if loop is not None else running
    report = functools.partial(_report, owner=on_error)
    if target is not None and (target is running or not target.is_running()):
        # trame's rule: a task made from async code runs on that code's loop
        # (the server's own loop thread, or an app's loop in exec_mode="task").
        task = target.create_task(coro)  # type: ignore[arg-type]
        task.add_done_callback(report)
        _track(task)
        return task
    fut = _hold(coro) if target is None else None
    if fut is None:
        # From a plain thread (a websocket handler, a user thread): the server's
        # loop thread, or the given loop running in another thread.
        marks = getattr(_starting, "marks", None)
        mark = threading.Event() if marks is not None else None
        if mark is not None:
            coro = _marking_first_step(coro, mark)
        fut = asyncio.run_coroutine_threadsafe(coro, target or _server_loop())  # type: ignore[arg-type]
        if mark is not None:
            marks.append(mark)  # type: ignore[union-attr]
    fut.add_done_callback(report)
    _track(fut)
    return fut


@contextlib.contextmanager
def first_steps() -> Iterator[list[threading.Event]]:
    """Collect a mark, set once its first step has run, for each task this thread starts on another loop.

    The thread answering a page's click uses it: a task the click started
    usually changes state in its first step (before its first real
    ``await``), and waiting that long lets the answer carry that change
    in the same frame instead of the pusher sending a second one just after.
    """
    outer = getattr(_starting, "marks", None)
    marks: list[threading.Event] = []
    _starting.marks = marks
    try:
        yield marks
    finally:
        _starting.marks = outer


def wait_first_steps(marks: list[threading.Event], timeout: float) -> bool:
    """Wait, at most *timeout* seconds in all, for the tasks of :func:`first_steps` to take their first step."""
    if not marks:
        return True
    deadline = time.monotonic() + timeout
    for mark in marks:
        left = deadline - time.monotonic()
        if left <= 0 or not mark.wait(left):
            return False
    return True


async def _marking_first_step(coro: Coroutine, mark: threading.Event) -> Any:
    # Awaiting a coroutine runs it inside this task's step, up to its first
    # real suspension; the callback queued just before runs right after that
    # step. One hand-off to the loop thread, not a second to queue the mark.
    asyncio.get_running_loop().call_soon(mark.set)
    return await coro


def server_made() -> None:
    """A :class:`~htmxtrame.server.Server` was made: module code's tasks wait for one to go live."""
    global _servers_made
    with _lock:
        _servers_made += 1


def server_live() -> None:
    """A server's state went live: start the tasks module code made before, in order."""
    global _live
    with _lock:
        _live = True
        held = list(_held)
        _held.clear()
    for coro, outer in held:
        _start_held(coro, outer)


def _hold(coro: Coroutine) -> concurrent.futures.Future | None:
    # trame's create_task from module code puts the task on the main thread's
    # loop, which runs only once server.start() does: by then the layout is
    # built and has seeded its keys. The main thread, with a server made and
    # none live yet, is that moment here. Elsewhere (no server at all, a
    # websocket or user thread, any time after a server went live) it starts at once.
    if threading.current_thread() is not threading.main_thread():
        return None
    with _lock:
        if _live or not _servers_made:
            return None
        outer: concurrent.futures.Future = concurrent.futures.Future()
        _held.append((coro, outer))
    log.debug("a task made before the server is live (%r) starts once it is", coro)
    return outer


def _start_held(coro: Coroutine, outer: concurrent.futures.Future) -> None:
    if outer.cancelled():
        coro.close()  # cancelled while it waited: it never runs, and never warns it was not awaited
        return
    inner = asyncio.run_coroutine_threadsafe(coro, _server_loop())

    def settle(done: concurrent.futures.Future) -> None:
        try:
            if done.cancelled():
                outer.cancel()
            elif done.exception() is not None:
                outer.set_exception(done.exception())
            else:
                outer.set_result(done.result())
        except concurrent.futures.InvalidStateError:
            pass  # the caller cancelled it meanwhile

    inner.add_done_callback(settle)
    outer.add_done_callback(lambda f: inner.cancel() if f.cancelled() else None)


def decorate_task(task: Any) -> Any:
    """Log *task*'s exception when it finishes and keep it referenced until then; return it."""
    task.add_done_callback(functools.partial(_report, owner=None))
    _track(task)
    return task


async def _awaiting(awaitable: Awaitable) -> Any:
    return await awaitable


def task(func: Callable[..., Coroutine]) -> Callable[..., Any]:
    """Decorator: calling the async function schedules it as a task (see :func:`create_task`).

    trame's wrapper returns nothing; this one returns the task, which code
    written for trame simply ignores.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return create_task(func(*args, **kwargs))

    return wrapper

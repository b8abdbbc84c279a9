"""Shared state: values, the dirty set, change listeners and the flush loop.

A :class:`State` knows nothing about HTML or Flask. It holds committed values
and pending changes; :meth:`State.flush` commits the pending changes, runs the
change listeners (trame's order: keys in the order they were set, each key's
listeners in registration order, each listener at most once per pass, changes
made by listeners handled in a following pass) and hands the merged delta to
``commit_fn`` — the hook through which the renderer subscribes.

Every public method is safe to call from any thread: websocket threads, the
server's event-loop thread and user threads all change state.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import threading
from typing import Any, Callable, Iterator

from .values import ShowCheck, UnshowableValue

log = logging.getLogger("htmxtrame.state")

Listener = Callable[..., Any]
CommitFn = Callable[[dict], None]

# Attribute names that belong to the Python object, never to the shared state.
_OWN = frozenset(
    {
        "commit_fn", "ready", "modified_keys", "on_error", "scheduler",
        "translator", "listener_context",
    }
)


# Failures reported on this thread inside watch_failures() (a page's event).
_watched = threading.local()


@contextlib.contextmanager
def watch_failures() -> Iterator[list]:
    """Collect, in the list it yields, what app code reports failing on this
    thread inside the block (listeners, handlers, rendering), so the page
    whose input ran them can be told."""
    outer = getattr(_watched, "failures", None)
    failures: list = []
    _watched.failures = failures
    try:
        yield failures
    finally:
        _watched.failures = outer
        if outer is not None:
            outer.extend(failures)


def _same(old: Any, new: Any) -> bool:
    """trame's change test (``==``), made safe for odd ``__eq__`` results.

    ``True == 1`` in Python but a checkbox going from ``1`` to ``True`` is a
    change a page must see, so values of different types are never equal.
    Objects whose ``==`` raises or returns something that is not a bool
    (numpy arrays) count as changed.
    """
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    try:
        return bool(old == new)
    except Exception:  # noqa: BLE001 - any failure means "treat as changed"
        return False


class State:
    """The shared state of one server (or, later, of one session).

    Read with ``state.x`` or ``state["x"]`` (the pending value, else the last
    flushed one, else ``None``); write the same way. Writes are collected and
    pushed at the next :meth:`flush`, which ``with state:`` does on exit.
    """

    def __init__(
        self,
        commit_fn: CommitFn | None = None,
        *,
        ready: bool = True,
        on_error: Callable[[str, BaseException], None] | None = None,
        scheduler: Callable[[Any], Any] | None = None,
    ) -> None:
        d = self.__dict__
        d["_lock"] = threading.RLock()
        d["_data"] = {}
        d["_pending"] = {}  # key -> value, in the order first set
        d["_forced"] = {}  # keys marked dirty without a new value (ordered set)
        d["_listeners"] = {}  # key -> [listener, ...]
        d["_suppressed"] = set()
        d["_client_only"] = set()
        d["_flushing"] = False
        d["_held"] = False  # a flush was asked for before the server was ready
        d["commit_fn"] = commit_fn
        d["ready"] = ready
        d["modified_keys"] = set()
        d["on_error"] = on_error
        # Runs coroutines returned by async listeners; the server installs one
        # that schedules on its event-loop thread.
        d["scheduler"] = scheduler
        # Returns the context manager listeners run in (an embedding gives
        # them the host's context); None: none.
        d["listener_context"] = None
        # Which values pages can show (htmxtrame.values); each checked once.
        d["_shown"] = ShowCheck(self._unshowable)

    # -- reading ---------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        with self._lock:
            if key in self._pending:
                return self._pending[key]
            return self._data.get(key)

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._pending or key in self._data

    def has(self, key: str) -> bool:
        """True when *key* has a value (pending or flushed)."""
        return key in self

    def get(self, key: str, default: Any = None) -> Any:
        """The value of *key*, or *default* when it has none."""
        with self._lock:
            if key in self._pending:
                return self._pending[key]
            return self._data.get(key, default)

    def to_dict(self) -> dict:
        """A shallow copy of every value, pending values included."""
        with self._lock:
            merged = dict(self._data)
            merged.update(self._pending)
            return merged

    def keys(self) -> list[str]:
        """Every key that has a value."""
        return list(self.to_dict())

    # -- writing ---------------------------------------------------------
    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(
                f"state keys are strings; got {key!r} of type {type(key).__name__}."
            )
        with self._lock:
            if key in self._pending:
                self._pending[key] = value
            elif key not in self._data or not _same(self._data[key], value):
                self._pending[key] = value

    def __setattr__(self, key: str, value: Any) -> None:
        if key.startswith("_") or key in _OWN:
            self.__dict__[key] = value
        else:
            self[key] = value

    def update(self, values: dict | None = None, **kwargs: Any) -> None:
        """Set several keys at once."""
        for key, value in {**(values or {}), **kwargs}.items():
            self[key] = value

    def setdefault(self, key: str, value: Any) -> Any:
        """Give *key* a value unless it already has one; return its value."""
        with self._lock:
            if key not in self:
                self[key] = value
            return self[key]

    def is_dirty(self, *keys: str) -> bool:
        """True when any of *keys* waits to be flushed."""
        with self._lock:
            return any(k in self._pending or k in self._forced for k in keys)

    def dirty(self, *keys: str) -> None:
        """Mark *keys* changed even though ``==`` sees no change.

        Use it after mutating a list or dict in place: the next flush re-runs
        the listeners and re-renders what shows those keys.
        """
        with self._lock:
            for key in keys:
                self._forced[key] = None

    def clean(self, *keys: str) -> None:
        """Commit the pending values of *keys* silently: no listener, no push."""
        with self._lock:
            for key in keys:
                if key in self._pending:
                    self._data[key] = self._pending.pop(key)
                self._forced.pop(key, None)

    def client_only(self, *keys: str) -> None:
        """Accepted for trame compatibility: these keys are never pushed."""
        with self._lock:
            self._client_only.update(keys)

    @contextlib.contextmanager
    def suppress_change_listeners(self, *keys: str) -> Iterator[None]:
        """Inside the block, changes to *keys* do not call their listeners."""
        with self._lock:
            added = set(keys) - self._suppressed
            self._suppressed.update(added)
        try:
            yield
        finally:
            with self._lock:
                self._suppressed.difference_update(added)

    # -- listeners -------------------------------------------------------
    def change(self, *keys: str) -> Callable[[Listener], Listener]:
        """Decorator: call the function at flush when any of *keys* changed.

        The listener receives the whole state as keyword arguments, so it
        should accept ``**kwargs``.
        """
        if not keys or not all(isinstance(k, str) for k in keys):
            raise TypeError(
                "state.change() takes one or more key names, e.g. "
                "@state.change('slider_value'); got " + repr(keys)
            )

        def register(fn: Listener) -> Listener:
            with self._lock:
                for key in keys:
                    self._listeners.setdefault(key, []).append(fn)
            return fn

        return register

    def remove_change_listener(self, fn: Listener) -> None:
        """Forget *fn* for every key it listens to."""
        with self._lock:
            for fns in self._listeners.values():
                while fn in fns:
                    fns.remove(fn)

    # -- flushing --------------------------------------------------------
    def __enter__(self) -> "State":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.flush()

    def set_ready(self) -> None:
        """Mark the server ready and run the ready-time flush.

        Every listener fires once with every key modified, then whatever was
        held is pushed.
        """
        with self._lock:
            self.__dict__["ready"] = True
            for key in list(self._data) + list(self._pending):
                self._forced[key] = None
            self.__dict__["_held"] = False
        self.flush()

    def flush(self) -> None:
        """Commit pending changes, run listeners until quiet, push the delta.

        Called from inside a listener (or re-entrantly from the same thread)
        it returns at once: the running flush picks the new changes up in its
        next pass. Before the server is ready the flush is held.
        """
        with self._lock:
            if not self.ready:
                self.__dict__["_held"] = True
                return
            if self._flushing:
                return
            self.__dict__["_flushing"] = True
            delta: dict = {}
            around = (
                self.listener_context() if self.listener_context is not None and self._listeners
                else contextlib.nullcontext()
            )
            try:
                with around:
                    for _ in range(1000):
                        batch = self._take_batch()
                        if not batch:
                            break
                        delta.update(batch)
                        self._run_listeners(batch)
                    else:
                        log.error(
                            "state listeners kept changing state after 1000 passes; "
                            "stopped the flush. Check listeners that set a key "
                            "they listen to with a new value every time."
                        )
            finally:
                self.__dict__["_flushing"] = False
                self.__dict__["modified_keys"] = set()
            delta = {k: v for k, v in delta.items() if k not in self._client_only}
            if delta and self.commit_fn is not None:
                try:
                    self.commit_fn(delta)
                except Exception as exc:  # noqa: BLE001 - report, keep state
                    log.exception("commit_fn failed for keys %s", list(delta))
                    self._report("commit", exc)

    def _take_batch(self) -> dict:
        """Move pending values into the data; return {key: value} modified."""
        keys = list(self._pending)
        keys += [k for k in self._forced if k not in self._pending]
        if not keys:
            return {}
        self._data.update(self._pending)
        self._pending.clear()
        self._forced.clear()
        self._shown.forget(keys)  # new or mutated in place: check again when a page reads it
        return {k: self._data.get(k) for k in keys}

    def _run_listeners(self, batch: dict) -> None:
        self.__dict__["modified_keys"] = set(batch)
        called: set[int] = set()
        for key in batch:
            if key in self._suppressed:
                continue
            for fn in list(self._listeners.get(key, ())):
                if id(fn) in called:
                    continue
                called.add(id(fn))
                self._call_listener(key, fn)

    def _call_listener(self, key: str, fn: Listener) -> None:
        try:
            result = fn(**self.to_dict())
            if inspect.isawaitable(result):
                self._schedule(result)
        except Exception as exc:  # noqa: BLE001 - a listener must never break a flush
            log.exception(
                "change listener %s for state key %r raised",
                getattr(fn, "__qualname__", fn), key,
            )
            self._report(f"listener {getattr(fn, '__qualname__', fn)} ({key})", exc)

    def _schedule(self, awaitable: Any) -> None:
        if self.scheduler is not None:
            self.scheduler(awaitable)
            return
        try:
            asyncio.get_running_loop().create_task(awaitable)
        except RuntimeError:
            log.warning(
                "an async change listener returned a coroutine but no event "
                "loop runs here; it was not scheduled. Start the server first."
            )
            if inspect.iscoroutine(awaitable):
                awaitable.close()

    def page_value(self, key: str) -> Any:
        """The value pages see for *key*; KeyError when it has none.

        A value with no JSON form (an arbitrary object) reads as missing, as
        in trame, whose serializer skips such a key; it is reported once
        (log, ``on_error``, the page's error box with ``--debug``).
        """
        with self._lock:
            if key in self._pending:
                value = self._pending[key]
            elif key in self._data:
                value = self._data[key]
            else:
                raise KeyError(key)
            if self._shown.check(key, value):
                return value
            raise KeyError(key)

    def _unshowable(self, key: str, problem: str) -> None:
        log.error("state key %r cannot be shown on the page (pages see it as undefined): %s", key, problem)
        self._report(f"state key {key!r}", UnshowableValue(f"cannot be shown on the page: {problem}"))

    def _report(self, where: str, exc: BaseException) -> None:
        failures = getattr(_watched, "failures", None)
        if failures is not None:
            failures.append(where)
        if self.on_error is not None:
            try:
                self.on_error(where, exc)
            except Exception:  # noqa: BLE001
                log.exception("on_error hook failed")

    def __repr__(self) -> str:
        return f"State({self.to_dict()!r})"


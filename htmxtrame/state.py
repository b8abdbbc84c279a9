"""Shared state: values, the dirty set, change listeners and the flush loop.

A :class:`State` knows nothing about HTML or Flask. Its semantics are
trame-server's, so an app (or a test written for trame) observes the same
thing here:

* writes collect as *pending* values; writing back the last pushed value
  cancels the pending change (``a: 1 → 2 → 1`` is no change at all);
* nothing is flushed before :meth:`State.ready`; ``ready()`` then flushes
  everything set so far;
* a flush runs in passes: each pass hands the pending delta to ``commit_fn``
  *first* (``push {'a': 2}``), commits it, then calls the change listeners
  of the keys that were modified (keys in the order they were first set,
  each key's listeners in registration order, each listener once per pass)
  with the whole state as keyword arguments; changes the listeners make
  run in the next pass; ``modified_keys`` is the set of the current pass;
* ``suppress_change_listeners(*keys)`` (no keys: every key) keeps the keys
  *set inside the block* from reaching listeners; their values still go out;
* a listener may be a ``weakref.WeakMethod``/``weakref.ref``: it is skipped
  once its object is gone;
* child states (``State(internal=parent, translator=...)``) share the
  parent's storage through a :class:`~htmxtrame.translator.Translator`.

htmxtrame adds one thing the page needs: ``_flushed_fn`` hears the merged
delta of a whole flush once, after the last pass, so the renderer sends one
set of fragments per flush instead of one per pass.

Every public method is safe to call from any thread: websocket threads, the
server's event-loop thread and user threads all change state (one re-entrant
lock per root state).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from .translator import Translator
from .values import ShowCheck, UnshowableValue

log = logging.getLogger("htmxtrame.state")

Listener = Callable[..., Any]
CommitFn = Callable[[dict], None]

# Storage a child state shares with its parent (``internal=parent``).
_SHARED = (
    "_lock", "_pending_update", "_pushed_state", "_modified_keys", "_change_callbacks",
    "_listener_keys", "_suppress_stack", "_status", "_client_only", "_shown",
)
_MAX_PASSES = 1000


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

    A bool is never equal to a number here (``True == 1`` in Python, but a
    checkbox going from ``1`` to ``True`` is a change a page must see).
    Objects whose ``==`` raises or returns something that is not a bool
    (NumPy arrays) count as changed.
    """
    if old is new:
        return True
    if isinstance(old, bool) != isinstance(new, bool):
        return False
    try:
        return bool(old == new)
    except Exception:  # noqa: BLE001 - any failure means "treat as changed"
        return False


def _deref(fn: Any) -> Any:
    """The callable behind *fn*, or ``None`` when it is a dead weak reference."""
    if isinstance(fn, weakref.ref):  # WeakMethod is a weakref.ref too
        return fn()
    return fn


class _Status:
    """Whether a state (and its children) is ready, and whether it is flushing."""

    __slots__ = ("flushing", "ready")

    def __init__(self, ready: bool) -> None:
        self.ready = ready
        self.flushing = False


class KeyAttributes:
    """trame's attribute rule for state-like objects: ``obj.x`` is the key ``x``.

    Names starting with ``_`` are plain Python attributes (``None`` until
    set); dunder names are the object's own.
    """

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__") and key.endswith("__"):
            return getattr(object, key)
        if key.startswith("_"):
            return self.__dict__.get(key)
        return self[key]  # type: ignore[index]

    def __setattr__(self, key: str, value: Any) -> None:
        if key.startswith("_"):
            self.__dict__[key] = value
        else:
            self[key] = value  # type: ignore[index]


class State(KeyAttributes):
    """The shared state of one server.

    Read with ``state.x`` or ``state["x"]`` (the pending value, else the last
    pushed one, else ``None``); write the same way. Writes are collected and
    pushed at the next :meth:`flush`, which ``with state:`` does on exit.
    Names starting with ``_`` are plain Python attributes, never state.
    """

    def __init__(
        self,
        translator: Translator | None = None,
        internal: State | None = None,
        commit_fn: CommitFn | None = None,
        hot_reload: bool = False,
        ready: bool = False,
        *,
        on_error: Callable[[str, BaseException], None] | None = None,
        scheduler: Callable[[Any], Any] | None = None,
    ) -> None:
        d = self.__dict__
        d["_translator"] = translator or Translator()
        d["_push_state_fn"] = commit_fn
        d["_hot_reload"] = hot_reload
        d["_parent_state"] = internal
        d["_children_state"] = []
        if internal is not None:
            for name in _SHARED:
                d[name] = internal.__dict__[name]
            internal._children_state.append(self)
            d["_on_error"] = on_error or internal._on_error
            d["_scheduler"] = scheduler or internal._scheduler
        else:
            d["_lock"] = threading.RLock()
            d["_pending_update"] = {}  # key -> value, in the order first set
            d["_pushed_state"] = {}
            d["_modified_keys"] = set()
            d["_change_callbacks"] = {}  # key -> [(listener, translator), ...]
            d["_listener_keys"] = {}  # modified keys whose listeners run next pass (ordered set)
            d["_suppress_stack"] = []  # one set of keys per open suppress block; empty = all
            d["_status"] = _Status(ready)
            d["_client_only"] = set()
            # Runs coroutines returned by async listeners; the server installs
            # one that schedules on its event-loop thread.
            d["_on_error"] = on_error
            d["_scheduler"] = scheduler
            # Which values pages can show (htmxtrame.values); each checked once.
            d["_shown"] = ShowCheck(self._unshowable)
        d["_flushed_fn"] = None
        d["_on_ready"] = None  # called once ready() made the state live (the server starts held tasks)
        # Returns the context manager listeners run in (an embedding gives
        # them the host's request context); None: none.
        d["_listener_context"] = internal._listener_context if internal is not None else None

    @property
    def translator(self) -> Translator:
        """The translator that namespaces this state's keys."""
        return self._translator

    @property
    def is_ready(self) -> bool:
        """True once :meth:`ready` was called: flushes then push."""
        return self._status.ready

    @property
    def commit_fn(self) -> CommitFn | None:
        """The function each pass's delta is pushed to (``State(commit_fn=...)``)."""
        return self._push_state_fn

    @property
    def modified_keys(self) -> set[str]:
        """The keys modified in the flush pass whose listeners are running."""
        return self._modified_keys

    # -- reading ---------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        key = self._translator.translate_key(key)
        with self._lock:
            if key in self._pending_update:
                return self._pending_update[key]
            return self._pushed_state.get(key)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        key = self._translator.translate_key(key)
        with self._lock:
            return key in self._pending_update or key in self._pushed_state

    def has(self, key: str) -> bool:
        """True when *key* has a value (pending or pushed)."""
        return key in self

    def get(self, key: str, default: Any = None) -> Any:
        """The value of *key*, or *default* when it has none."""
        key = self._translator.translate_key(key)
        with self._lock:
            if key in self._pending_update:
                return self._pending_update[key]
            return self._pushed_state.get(key, default)

    def to_dict(self) -> dict:
        """Flush, then the pushed state (trame returns its own dict)."""
        self.flush()
        return self._pushed_state

    def keys(self) -> list[str]:
        """Every key that has a value."""
        with self._lock:
            return list({**self._pushed_state, **self._pending_update})

    @property
    def initial(self) -> dict:
        """Every value, pending ones committed without a flush (no listener, no push)."""
        with self._lock:
            self._pushed_state.update(self._pending_update)
            self._pending_update.clear()
            return self._pushed_state

    def snapshot(self) -> dict:
        """A copy of every value, pending ones included, touching nothing."""
        with self._lock:
            return {**self._pushed_state, **self._pending_update}

    # -- writing ---------------------------------------------------------
    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(f"state keys are strings; got {key!r} of type {type(key).__name__}.")
        key = self._translator.translate_key(key)
        with self._lock:
            if key in self._pushed_state and _same(self._pushed_state[key], value):
                # Back to the pushed value: nothing changed after all.
                self._pending_update.pop(key, None)
                self._listener_keys.pop(key, None)
                return
            self._pending_update[key] = value
            self._mark(key)

    def update(self, values: dict | None = None, **kwargs: Any) -> None:
        """Set several keys at once."""
        for key, value in {**(values or {}), **kwargs}.items():
            self[key] = value

    def setdefault(self, key: str, value: Any) -> Any:
        """Give *key* a value unless it already has one; return its value."""
        key = self._translator.translate_key(key)
        with self._lock:
            if key in self._pushed_state:
                return self._pushed_state[key]
            self._mark(key)
            return self._pending_update.setdefault(key, value)

    def is_dirty(self, *keys: str) -> bool:
        """True when any of *keys* waits to be flushed."""
        with self._lock:
            return any(k in self._pending_update for k in self._translator.translate_list(keys))

    def is_dirty_all(self, *keys: str) -> bool:
        """True when every one of *keys* waits to be flushed."""
        with self._lock:
            return all(k in self._pending_update for k in self._translator.translate_list(keys))

    def dirty(self, *keys: str) -> None:
        """Mark *keys* changed even though ``==`` sees no change.

        Use it after mutating a list or dict in place: the next flush pushes
        them again and re-runs their listeners.
        """
        with self._lock:
            for key in self._translator.translate_list(keys):
                self._pending_update.setdefault(key, self._pushed_state.get(key))
                self._mark(key)

    def clean(self, *keys: str) -> None:
        """Commit the pending values of *keys* silently: no listener, no push.

        As in trame, this also forgets which other keys were waiting to run
        their listeners; their values are still pushed at the next flush.
        """
        with self._lock:
            self._listener_keys.clear()
            for key in self._translator.translate_list(keys):
                if key in self._pending_update:
                    self._pushed_state[key] = self._pending_update.pop(key)

    def client_only(self, *keys: str) -> None:
        """Each page keeps what it writes to these keys to itself (no listener, no other page).

        A page starts from the server's value; a write on the server still
        reaches every page (and replaces what a page held), as in trame.
        """
        with self._lock:
            self._client_only.update(self._translator.translate_list(keys))

    @contextlib.contextmanager
    def suppress_change_listeners(self, *keys: str) -> Iterator[None]:
        """Keys set inside the block (every key when none is named) call no listener.

        Their values are still pushed. Blocks nest; leaving one restores the
        suppression of the blocks around it.
        """
        with self._lock:
            self._suppress_stack.append(set(self._translator.translate_list(keys)))
        try:
            yield
        finally:
            with self._lock:
                self._suppress_stack.pop()

    def _mark(self, key: str) -> None:
        """Queue *key*'s listeners for the next pass, unless suppressed now."""
        for keys in self._suppress_stack:
            if not keys or key in keys:
                return
        self._listener_keys[key] = None

    # -- listeners -------------------------------------------------------
    def change(self, *keys: str) -> Callable[[Listener], Listener]:
        """Decorator: call the function at flush when any of *keys* changed.

        The listener receives the whole state as keyword arguments, so it
        should accept ``**kwargs``. ``state.change("a")(weakref.WeakMethod(obj.m))``
        registers a method that is dropped with its object.
        """
        if not all(isinstance(k, str) for k in keys):
            raise TypeError(
                "state.change() takes key names, e.g. @state.change('slider_value'); got " + repr(keys)
            )

        def register(fn: Listener) -> Listener:
            with self._lock:
                for key in self._translator.translate_list(keys):
                    self._change_callbacks.setdefault(key, []).append((fn, self._translator))
            return fn

        return register

    def remove_change_listener(self, fn: Listener) -> None:
        """Forget *fn* for every key it listens to."""
        with self._lock:
            for entries in self._change_callbacks.values():
                entries[:] = [e for e in entries if e[0] is not fn]

    # -- flushing --------------------------------------------------------
    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.flush()

    def ready(self) -> None:
        """Mark the state ready for synchronization and flush what was set so far."""
        if self._status.ready:
            return
        self._status.ready = True
        self.flush()
        if self._on_ready is not None:
            self._on_ready()

    def flush(self) -> set[str] | None:
        """Push pending changes and run listeners, pass after pass, until quiet.

        Returns the keys pushed, or ``None`` when the flush was skipped: before
        :meth:`ready`, or called from inside a running flush (a listener's
        own ``flush()`` — the running flush takes its changes in its next pass).
        """
        with self._lock:
            status = self._status
            if status.flushing or not status.ready:
                return None
            status.flushing = True
            merged: dict = {}
            around = (
                self._listener_context() if self._listener_context is not None and self._change_callbacks
                else contextlib.nullcontext()
            )
            try:
                with around:
                    for _ in range(_MAX_PASSES):
                        if not self._pending_update:
                            break
                        merged.update(self._flush_pass())
                    else:
                        log.error(
                            "state listeners kept changing state after %d passes; stopped the flush. "
                            "Check listeners that set a key they listen to with a new value every time.",
                            _MAX_PASSES,
                        )
            finally:
                status.flushing = False
            self._tell_flushed(merged)
            return set(merged)

    def _flush_pass(self) -> dict:
        """One pass: push the pending delta, commit it, run its listeners."""
        delta = dict(self._pending_update)
        self._modified_keys.clear()
        self._modified_keys.update(delta)
        if self._push_state_fn is not None:
            try:
                self._push_state_fn(delta)
            except Exception as exc:  # noqa: BLE001 - report, keep state
                log.exception("commit_fn failed for keys %s", list(delta))
                self._report("commit", exc)
        self._pushed_state.update(delta)
        self._pending_update.clear()
        self._shown.forget(delta)  # new or mutated in place: check again when a page reads it
        # Each listener once per pass, in key order then registration order;
        # by identity, since a dead weak reference cannot be hashed.
        listeners: dict[tuple[int, int], tuple] = {}
        for key in list(self._listener_keys):
            for fn, translator in self._change_callbacks.get(key, ()):
                listeners.setdefault((id(fn), id(translator)), (fn, translator))
        self._listener_keys.clear()
        for fn, translator in listeners.values():
            self._call_listener(fn, translator)
        return delta

    def _call_listener(self, fn: Any, translator: Translator) -> None:
        callback = _deref(fn)
        if callback is None:
            return
        name = getattr(callback, "__qualname__", repr(callback))
        try:
            result = callback(**translator.reverse_translate_dict(self._pushed_state))
            if inspect.isawaitable(result):
                self._schedule(result)
        except Exception as exc:  # noqa: BLE001 - a listener must never break a flush
            keys = sorted(self._modified_keys)
            log.exception("change listener %s raised (modified keys: %s)", name, keys)
            self._report(f"listener {name} ({', '.join(keys)})", exc)

    def _tell_flushed(self, merged: dict) -> None:
        """Hand the whole flush's delta to the page renderer (htmxtrame's hook)."""
        hook = self._flushed_fn
        if hook is None or not merged:
            return
        # Client-only keys too: as in trame, the server's own write reaches
        # every page (a page's write never reaches the state: htmxtrame.scopes.page).
        delta = merged
        try:
            hook(delta)
        except Exception as exc:  # noqa: BLE001 - report, keep state
            log.exception("rendering the flush of keys %s failed", list(delta))
            self._report("commit", exc)

    def _schedule(self, awaitable: Any) -> Any:
        """Run a coroutine app code returned; the task (or future), else ``None``."""
        if self._scheduler is not None:
            return self._scheduler(awaitable)
        try:
            return asyncio.get_running_loop().create_task(awaitable)
        except RuntimeError:
            log.warning(
                "an async change listener returned a coroutine but no event loop runs here; "
                "it was not scheduled. Start the server first."
            )
            if inspect.iscoroutine(awaitable):
                awaitable.close()
            return None

    def page_value(self, key: str) -> Any:
        """The value pages see for the stored key *key*; KeyError when it has none.

        A value with no JSON form (an arbitrary object) reads as missing, as
        in trame, whose serializer skips such a key; it is reported once
        (log, ``on_error``, the page's error box with ``--debug``).
        """
        with self._lock:
            if key in self._pending_update:
                value = self._pending_update[key]
            elif key in self._pushed_state:
                value = self._pushed_state[key]
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
        if self._on_error is not None:
            try:
                self._on_error(where, exc)
            except Exception:  # noqa: BLE001
                log.exception("on_error hook failed")

    def __repr__(self) -> str:
        return f"State({self.snapshot()!r})"

"""One scope kept in step with a shared store: local flushes out, other workers' changes in.

Ordering. The store numbers every change of a scope (one sequence per scope
key) and every worker applies them in that order. A worker's own flush is
already in its state when its number comes back, so it is not applied
again; a change from another worker numbered *before* this worker's latest
write of the same key is older than that write and is skipped for that key.
So every worker ends with the value of the highest-numbered write of each
key: the same state everywhere, whatever order the writes raced in.

A write this worker has not flushed yet (a thread, module or ready code
without ``with state:``) has no number: a numbered value that arrives for
its key is newer and replaces it (logged once per key), as a second write
would before a flush. Kept, it would hide the newer value from this
worker's pages, then overwrite it everywhere at its late flush.

A number that skips ahead (a message lost while the subscription was down,
or the store restarted) makes the scope re-read the store's snapshot.

Remote changes are committed straight into the state (no listener runs:
listeners ran once, where the write happened) and rendered for this
worker's pages through the scope's own commit, as a local flush is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ..state import _same
from .codec import decode_snapshot, encode_delta, encode_value

if TYPE_CHECKING:
    from ..session import Scope

log = logging.getLogger("htmxtrame.backends")


class Store(Protocol):
    """The shared store a :class:`ScopeSync` talks to (Redis, in :mod:`.redis`)."""

    max_message_bytes: int

    @property
    def origin(self) -> str:
        """This worker's name in the messages it publishes."""

    def publish(self, key: str, fields: dict[str, str]) -> int:
        """Store and announce *fields* (``{key: json}``) of scope *key*; the change's number."""

    def load(self, key: str, defaults: dict[str, str]) -> tuple[int, dict]:
        """Fill the keys the store lacks from *defaults*; return ``(last number, stored fields)``."""


class ScopeSync:
    """The link between one scope and the store (see the module docstring)."""

    def __init__(self, key: str, scope: Scope, store: Store, on_failure: Callable[[BaseException], None]) -> None:
        self.key = key
        self.scope = scope
        self.store = store
        self.on_failure = on_failure  # the store failed: the backend degrades and retries
        self.wanted = False  # join() was asked for: keep it joined (re-join after an outage)
        self.live = False  # joined and publishing; False while the store is away
        self.applied = 0  # number of the last change applied from the store
        self.own: dict[str, int] = {}  # key -> number of this worker's latest write of it
        self.outage: set[str] = set()  # keys written here while not live: published on re-join
        self.replaced: set[str] = set()  # keys whose unflushed write a newer value replaced (logged once)
        scope.state._flushed_fn = self.flushed

    @property
    def state(self) -> Any:
        """The scope's state."""
        return self.scope.state

    def flushed(self, delta: dict) -> None:
        """``state._flushed_fn`` (called under the state lock): publish, then render for this worker's pages."""
        if self.live:
            self._publish(delta)
        elif self.wanted:
            self.outage.update(delta)
        self.scope.commit(delta)

    def _publish(self, delta: dict) -> None:
        try:
            for fields in encode_delta(delta, self.store.max_message_bytes):
                seq = self.store.publish(self.key, fields)
                for name in fields:
                    self.own[name] = seq
        except Exception as exc:  # noqa: BLE001 - any store failure: work locally, re-sync later
            self.live = False
            self.outage.update(delta)
            self.on_failure(exc)

    def join(self) -> None:
        """Publish what changed here while away, seed missing keys, adopt the store's values.

        Raises what the store raises (the backend retries).
        """
        state = self.state
        with state._lock:
            if not state.is_ready:
                return  # the first flush has not happened: the defaults are not all set yet
            if not self.wanted:
                # A boot mark unique to this worker (drawn here, after any fork):
                # a page that moves to another worker gets a whole-page resync on its hello.
                self.scope.new_boot_mark()
            self.wanted = True
            if self.outage:
                values = state.snapshot()
                self.live = True  # so _publish stores it; set back on failure
                self._publish({k: values[k] for k in self.outage if k in values})
                if not self.live:
                    raise ConnectionError("the store went away during the re-join")
                self.outage.clear()
            defaults = {}
            for name, value in state.snapshot().items():
                text = encode_value(name, value, self.store.max_message_bytes)
                if text is not None:
                    defaults[name] = text
            # Every write of ours is in the snapshot about to be read (they
            # were published under this lock): a number of ours above its
            # number only means the store lost its data, and must not win.
            self.own.clear()
            seq, fields = self.store.load(self.key, defaults)
            self.applied = seq
            self._apply(seq, decode_snapshot(fields, self.key))
            self.live = True

    def receive(self, seq: int, origin: str, delta: dict) -> bool:
        """A numbered change from the store; ``False`` when numbers were skipped (re-join needed)."""
        with self.state._lock:
            if not self.live or seq <= self.applied:
                return True  # already in the snapshot we hold, or a re-join will bring it
            if seq > self.applied + 1:
                return False
            self.applied = seq
            if origin != self.store.origin:
                self._apply(seq, delta)
            return True

    def _apply(self, seq: int, values: dict) -> None:
        """Commit *values* numbered *seq* without listeners, and render them (state lock held)."""
        state = self.state
        applied = {}
        for name, value in values.items():
            if self.own.get(name, 0) > seq:
                continue  # this worker published it later: its value wins everywhere
            pending = state._pending_update
            if name in pending and not _same(pending[name], value):
                self._replace_pending(name)
            if name in state._pushed_state and _same(state._pushed_state[name], value):
                continue
            state._pushed_state[name] = value
            applied[name] = value
        if not applied:
            return
        state._shown.forget(applied)
        delta = {k: v for k, v in applied.items() if k not in state._client_only}
        if delta:
            self.scope.commit(delta)

    def _replace_pending(self, name: str) -> None:
        """A numbered value of *name* arrived over this worker's unflushed write: the write is older.

        It was made before the value reached this worker and has no number
        yet (nothing flushed it: a thread, module or ready code without
        ``with state:``), so it is dropped as a second ``state[name] = ...``
        would replace it before a flush: the worker's pages show what every
        other worker shows, and the stale value is never published over the
        newer one later. Its listener does not run (the newer write's ran
        where it was made). Said once per key, with the fix.
        """
        state = self.state
        del state._pending_update[name]
        state._listener_keys.pop(name, None)
        if name in self.replaced:
            log.debug("scope %r: a newer value of %r from another worker replaced this worker's unflushed write",
                      self.key, name)
            return
        self.replaced.add(name)
        log.info(
            "scope %r: this worker's write of %r was not flushed yet when a newer value came from another "
            "worker; the newer value replaced it. Flush writes made outside a handler (with state: ..., or "
            "state.flush()) so they reach the other workers at once.", self.key, name,
        )

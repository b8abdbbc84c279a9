"""Showing ``trame__busy`` to the page whose event the server is handling.

See :mod:`htmxtrame.busy` for what trame does. Here, for a page whose
layout reads the key (and only for such a page: the renderer's key index
says so, so other pages pay one dictionary lookup per event):

* when one of its events starts (:func:`wait_for`), the fragments reading
  ``trame__busy`` are rendered as this page waiting, before the handler
  runs — a plain (not async) handler holds the state's lock while it runs,
  so nothing could be rendered later — and a timer is set on the pusher;
* if the event is still being handled :data:`~htmxtrame.busy.SHOW_AFTER`
  seconds later (a handler that answers sooner costs no frame), that view
  goes to this page alone, and the page holds ``trame__busy`` as one of its
  own values (:mod:`htmxtrame.scopes.page`), so any other update it gets
  meanwhile shows it too;
* when the handler is done — and the tasks its async handler or trigger
  started, which trame awaits before answering — the page drops the value
  and the same fragments are rendered again with the state's.

The busy view is rendered by a second renderer of the layout (its
"shadow"): rendering it with the layout's own renderer would make the
element instances events resolve against those of a waiting page, for
every page of the layout.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..busy import BUSY, BUSY_KEY, SHOW_AFTER
from ..render import Fragment, Renderer
from ..session import Batch, Session
from .sending import pusher

RETRY = 0.05  # seconds between attempts to render a busy view that went stale while the handler held the lock


_SCALARS = (str, int, float, bool, type(None))
_MISSING = object()


@dataclass
class _Kept:
    """A busy view kept for the next event of a page that holds no values of its own."""

    where: frozenset  # (fragment id, what its ancestors imposed: disabled, hidden...) of each
    seq: int  # the scope's seq it was rendered at
    inputs: dict | None  # the plain values it read besides trame__busy (None: some were not plain)
    frags: dict[str, str]


class _Shadow:
    """A second renderer of one layout, for the busy view; its instances are never used."""

    def __init__(self, source: Renderer) -> None:
        self.renderer = Renderer(source.state, source.root, source.functions, source.limits, source.fallback)
        self.kept: _Kept | None = None

    def render(self, source: Renderer, fids: list[str], overlay: dict,
               on_error: Callable[[str, Exception], None]) -> dict[str, str]:
        """*fids* of *source* rendered with *overlay* over the state (the caller holds the state's lock)."""
        shadow = self.renderer
        for fid in fids:
            frag = source.fragments[fid]
            mine = shadow.fragments.get(fid)
            if mine is None or mine.element is not frag.element:
                shadow.fragments[fid] = Fragment(frag.element, frag.parent, outer=frag.outer)
            else:
                mine.outer = frag.outer
        shadow.overlay = overlay
        try:
            return shadow.render_fragments(fids, on_error)
        finally:
            shadow.overlay = None

    def reuse(self, where: frozenset, fids: list[str], seq: int) -> dict[str, str] | None:
        """The kept view, if it still shows what the state holds (the caller holds the state's lock).

        Kept while nothing changed (same seq), or while the values it read
        besides ``trame__busy`` — plain ones, compared by type and value —
        are the same: a busy indicator that reads nothing else is rendered
        once, however many clicks change the rest of the page.
        """
        kept = self.kept
        if kept is None or kept.where != where:
            return None
        if kept.seq == seq or (kept.inputs is not None and _same(kept.inputs, self._inputs(fids))):
            return kept.frags
        return None

    def keep(self, where: frozenset, fids: list[str], seq: int, frags: dict[str, str]) -> None:
        """Keep *frags*, just rendered for *fids* at *seq*, for the next event."""
        self.kept = _Kept(where, seq, self._inputs(fids), frags)

    def _inputs(self, fids: list[str]) -> dict | None:
        shadow, keys, todo = self.renderer, set(), list(fids)
        while todo:
            frag = shadow.fragments.get(todo.pop())
            if frag is not None:
                keys |= frag.keys
                todo.extend(frag.children)
        keys.discard(BUSY_KEY)
        values = {}
        for key in keys:
            value = _value(shadow, key)
            if not isinstance(value, _SCALARS) and value is not _MISSING:
                return None  # a list or dict may have changed in place: only the seq tells
            values[key] = value
        return values


def _value(rend: Renderer, key: str) -> Any:
    # What the renderer reads for *key* (Renderer._read, without a page's values).
    for state in (rend.state, rend.fallback):
        if state is None:
            continue
        try:
            return state.page_value(key)
        except KeyError:
            if key in state:
                return _MISSING
    return _MISSING


def _same(old: dict, new: dict | None) -> bool:
    return new is not None and old.keys() == new.keys() and all(
        type(old[k]) is type(new[k]) and old[k] == new[k] for k in old)


_shadows: weakref.WeakKeyDictionary[Renderer, _Shadow] = weakref.WeakKeyDictionary()
_shadows_lock = threading.Lock()


def _shadow_of(rend: Renderer) -> _Shadow:
    with _shadows_lock:
        shadow = _shadows.get(rend)
        if shadow is None:
            shadow = _shadows[rend] = _Shadow(rend)
        return shadow


def busy_view(session: Session) -> tuple[int, dict[str, str]]:
    """The scope's seq, and the fragments reading ``trame__busy`` as *session* waiting shows them.

    The caller holds the state's lock.
    """
    scope, rend, own = session.scope, session.renderer, session.page.values
    fids = rend.dirty_fragments((BUSY_KEY,))
    shadow = _shadow_of(rend)
    seq = scope.last_seq
    where = frozenset((fid, rend.fragments[fid].outer) for fid in fids)
    kept = None if own else shadow.reuse(where, fids, seq)
    if kept is not None:
        return seq, kept
    frags = shadow.render(rend, fids, {**own, BUSY_KEY: BUSY}, scope._failed)
    if not own:
        shadow.keep(where, fids, seq, frags)
    return seq, frags


class PageBusy:
    """One page's events in hand, and whether it shows ``trame__busy``."""

    def __init__(self, session: Session) -> None:
        self.session = session  # named by the pusher's log if service() fails
        self._lock = threading.Lock()
        self.count = 0  # its events (and the tasks they started) being handled
        self.shown = False
        self._due = 0.0  # time.monotonic() when it shows busy
        self._armed = False  # a pusher timer is set: one at a time, however fast the page clicks
        self._view: tuple[int, dict[str, str]] | None = None  # rendered when the wait began

    def begin(self) -> None:
        """One of its events is being handled (the receiving thread, before dispatch)."""
        with self._lock:
            self.count += 1
            if self.count > 1:
                return  # already waiting: shown, or its timer is set
            self._view = None
            self._due = time.monotonic() + SHOW_AFTER
        with self.session.scope.state._lock:
            view = busy_view(self.session)
        with self._lock:
            if self.count and not self.shown:
                self._view = view
            due, armed, self._armed = self._due, self._armed, True
        if not armed:  # else the timer set for an earlier wait looks at _due when it fires
            pusher.later(self, max(0.0, due - time.monotonic()))  # SHOW_AFTER from the start, render included

    def done(self, tasks: list | None, answering: bool = True) -> None:
        """The event was handled; the page waits on for the unfinished *tasks* it started.

        *answering*: called by the thread answering the page, which renders
        the page's changed values itself (``Scope.page_update``) next.
        """
        pending = [t for t in tasks or () if not t.done()]
        if not pending:
            self._end(answering)
            return
        left = [len(pending)]
        lock = threading.Lock()

        def finished(_task: Any) -> None:
            with lock:
                left[0] -= 1
                last = left[0] == 0
            if last:
                self._end(False)

        for task in pending:
            task.add_done_callback(finished)

    def _end(self, answering: bool) -> None:
        with self._lock:
            self.count -= 1
            if self.count > 0:
                return
            shown, self.shown, self._view = self.shown, False, None
        if not shown:
            return
        session = self.session
        with session.scope.state._lock:
            page = session.page
            page.values = {k: v for k, v in page.values.items() if k != BUSY_KEY}
            page.changed.add(BUSY_KEY)  # so page_update renders what reads it with the state's value
            if not answering:
                session.scope.page_update(session)

    def service(self) -> None:
        """From the pusher, once :data:`SHOW_AFTER` is over: show the page busy if it still waits."""
        session = self.session
        with self._lock:
            self._armed = False
            if self.count == 0 or self.shown or session.closed:
                return
            wait = self._due - time.monotonic()
            if wait > 0.001:  # set for an earlier wait that ended: this one is due later
                self._armed = True
                pusher.later(self, wait)
                return
            frags = self._fresh_view()
            if frags is None:
                self._armed = True
                pusher.later(self, RETRY)
                return
            self.shown = True
            page = session.page
            # A new dict, not a write into the one a render or an event may
            # be reading on another thread (the handler holds the state's lock).
            page.values = {**page.values, BUSY_KEY: BUSY}
            session.push(Batch(session.scope.last_seq, dict(frags), dirty=[BUSY_KEY], local=True))
        if session.wake is not None:
            session.wake()  # the receiving thread is inside the handler: the pusher sends it

    def _fresh_view(self) -> dict[str, str] | None:
        # The view rendered when the wait began, if no update went out since;
        # else a new one, if the state's lock is free (an async handler awaits).
        view, scope = self._view, self.session.scope
        if view is not None and view[0] == scope.last_seq:
            return view[1]
        lock = scope.state._lock
        if not lock.acquire(blocking=False):
            return None  # the handler flushed and still runs: try again shortly
        try:
            return busy_view(self.session)[1]
        finally:
            lock.release()


def wait_for(session: Session) -> PageBusy | None:
    """An event of *session* is about to be handled: its wait, or ``None`` if its layout never reads the key."""
    if not session.renderer.index.get(BUSY_KEY):
        return None
    waits = session.busy
    if waits is None:
        waits = session.busy = PageBusy(session)
    waits.begin()
    return waits

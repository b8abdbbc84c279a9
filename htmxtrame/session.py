"""Sessions: one connected page, its view of the state and its send queue.

A :class:`Scope` is one state with its controller and one renderer per
layout template; by default a server has exactly one, shared by every page
(as in trame). A :class:`Session` is one websocket: it knows its scope and
template, and holds the updates not yet sent.

The queue is bounded by construction: pending updates are merged, not
appended — the latest HTML per fragment, the union of dirty keys — so a
page that reads slowly costs one pending page's worth of memory and, when
it catches up, shows the latest state.
"""

from __future__ import annotations

import itertools
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import own_input, shown
from .controller import Controller
from .events import functions_for
from .render import Renderer
from .render_limits import RenderLimits
from .scopes.page import PageValues, fragments_reading, render_for_page
from .shown import Memory
from .state import State

log = logging.getLogger("htmxtrame.session")

MAX_QUEUED_ERRORS = 20  # error frames kept for a page that is not reading (the newest)
# What a page shows, without --debug, when app code failed on its input.
NOTICE = "Something went wrong on the server; your last action may not have been applied."


@dataclass
class Batch:
    """What one websocket message will carry."""

    seq: int = 0
    fragments: dict = field(default_factory=dict)  # fragment id -> html (outerMorph)
    body: str | None = None  # whole layout (innerMorph of the app root)
    dirty: list = field(default_factory=list)
    calls: list = field(default_factory=list)
    title: str | None = None  # the document's title (trame__title)
    errors: list = field(default_factory=list)
    favicon: str | None = None  # the tab's icon (trame__favicon); "" for the default
    # Shows values this page alone holds (client-only keys): on reconnect the
    # page asks for the whole layout again, from the server's values.
    local: bool = False
    nav: list = field(default_factory=list)  # history moves for the page ($router, htmxtrame.routes)
    # Fragments this page typed into, left out for their text (htmxtrame.own_input):
    # fragment id -> (its html, the text). Kept for the page only until a newer
    # fragment follows in the same queue, which may hold the field: then it goes as html.
    kept: dict = field(default_factory=dict)
    # The scope's boot mark (Scope.new_boot_mark), on whole-page batches: the page says it in its hello.
    boot: str | None = None
    # The encoded frame, made once however many pages the batch goes to.
    frame: str | None = field(default=None, repr=False, compare=False)

    def merge(self, other: Batch) -> None:
        """Fold a newer batch into this one; the newer content wins."""
        self.frame = None
        self.seq = max(self.seq, other.seq)
        if other.body is not None or other.fragments:
            self._unkeep()
        if other.body is not None:
            self.body, self.fragments = other.body, {}
        for fid, html in other.fragments.items():
            # Re-insert so the order is "latest update last": an outer
            # fragment rendered after an inner one already contains it.
            self.fragments.pop(fid, None)
            self.fragments[fid] = html
        self.kept.update(other.kept)
        self.dirty.extend(k for k in other.dirty if k not in self.dirty)
        self.calls.extend(other.calls)
        self.nav.extend(other.nav)
        self.errors.extend(other.errors)
        # A page that sends junk and never reads must not grow this without bound.
        del self.errors[:-MAX_QUEUED_ERRORS]
        if other.title is not None:
            self.title = other.title
        if other.favicon is not None:
            self.favicon = other.favicon
        if other.boot is not None:
            self.boot = other.boot
        self.local = self.local or other.local

    def keep(self, fid: str, text: str) -> Batch:
        """This batch for the page that typed *text* into fragment *fid*: that fragment goes as its text."""
        mine = self.copy()
        mine.kept[fid] = (mine.fragments.pop(fid), text)
        return mine

    def _unkeep(self) -> None:
        # A newer fragment (or body) may hold a kept field with a newer value,
        # or an older one that the kept text must not then overwrite: send
        # the kept fields as what they are, in order, before it.
        for fid, (html, _) in self.kept.items():
            self.fragments.pop(fid, None)
            self.fragments[fid] = html
        self.kept = {}

    def copy(self) -> Batch:
        """A batch of the same content that merging into leaves this one alone."""
        twin = Batch(self.seq)
        twin.merge(self)
        return twin


DOCUMENT_KEYS = {"trame__title": "title", "trame__favicon": "favicon"}  # state key -> Batch field


def document_fields(values: dict, every: bool = False) -> dict:
    """Batch fields for the document-level keys among *values* (all of them if *every*)."""
    return {
        field_name: str(values.get(key) or "")
        for key, field_name in DOCUMENT_KEYS.items()
        if every or key in values
    }


class Scope:
    """One state, its controller and a renderer per layout template.

    ``key`` names it for backends: ``"shared"`` or ``"session:<sid>"``
    (make scopes with :func:`htmxtrame.scopes.factory.make_scope`). A scope
    with a *parent* (a browser session's, under the shared one) reads the
    parent's keys its own state lacks and re-renders when they change.
    """

    def __init__(
        self, state: State, controller: Controller, templates: Callable[[], dict], limits: RenderLimits | None = None,
        *, key: str = "shared", parent: Scope | None = None,
    ) -> None:
        self.key = key
        self.parent = parent
        self.children: set[Scope] = set()  # session scopes reading this one
        self.on_close: list[Callable[[], object]] = []  # run once by close()
        self.closed = False
        self.state = state
        self.controller = controller
        self._templates = templates
        self.limits = limits if limits is not None else RenderLimits()  # shared by its renderers
        self.renderers: dict[str, Renderer] = {}
        self.sessions: set[Session] = set()
        # Called with every flush's delta (values, not HTML): Python clients
        # (htmxtrame.transport.clients), which get state values, not fragments.
        self.value_watchers: list[Callable[[dict], None]] = []
        self.seq = itertools.count(1)
        self.last_seq = 0
        self.boot = ""
        self.new_boot_mark()
        self.lock = threading.Lock()
        if parent is not None:
            with parent.lock:
                parent.children.add(self)

    def close(self) -> None:
        """End this scope: unhook it from its parent, run its ``on_close`` callables once."""
        if self.closed:
            return
        self.closed = True
        if self.parent is not None:
            with self.parent.lock:
                self.parent.children.discard(self)
        for ended in self.on_close:
            try:
                ended()
            except Exception:  # noqa: BLE001 - a backend's failure must not stop the others
                log.exception("closing scope %s: %r failed", self.key, ended)
        self.on_close.clear()
        self.renderers.clear()

    def __hash__(self) -> int:
        return id(self)

    def renderer(self, template: str) -> Renderer:
        """The renderer of *template*, made on first use."""
        templates = self._templates()
        if template not in templates:
            raise KeyError(template)
        root = templates[template]
        rend = self.renderers.get(template)
        if rend is None or rend.root is not root:
            fallback = self.parent.state if self.parent is not None else None
            rend = Renderer(self.state, root, functions_for(self.state, self.controller), self.limits, fallback)
            # Render once so every element's instance id is known: a page that
            # outlived a server restart sends events before it asks for a page.
            rend.render_page_body()
            self.renderers[template] = rend
        return rend

    def commit(self, delta: dict) -> None:
        """``State.commit_fn``: render what the delta touched, queue it."""
        # Number every change, even with no page connected: a page rendered
        # before it says hello with the older seq and gets resynced.
        seq = self.next_seq()
        with self.lock:
            sessions = list(self.sessions)
        by_template: dict[str, Batch] = {}
        typing = own_input.typing_page()  # a page whose typing this flush answers: its field is not sent back
        for session in sessions:
            if session.page:
                session.page.forget(delta)  # the server's write replaces what the page held
            batch = by_template.get(session.template)
            if batch is None:
                batch = self._batch_for(session.template, delta, seq)
                by_template[session.template] = batch
            mine = self.for_page(session, batch) if session.page else batch
            kept = None
            if session is typing:
                kept = own_input.kept_fragment(self.renderer(session.template), delta, mine.fragments)
            session.push(mine if kept is None else mine.keep(*kept))
        self._mark_stale(by_template)
        with self.lock:
            children = list(self.children)
            watchers = list(self.value_watchers)
        for watcher in watchers:
            watcher(delta)
        for child in children:
            # A session's own keys hide the shared ones of the same name.
            own = {k: v for k, v in delta.items() if k not in child.state}
            if own:
                child.commit(own)

    def for_page(self, session: Session, batch: Batch) -> Batch:
        """*batch* as *session* must see it: what reads its client-only values rendered with them."""
        page = session.page
        rend = self.renderer(session.template)
        if batch.body is not None:
            personal = batch.copy()
            personal.body = render_for_page(rend, page, rend.render_page_body)
            personal.local = True
            return personal
        fids = fragments_reading(rend, batch.fragments, page.values)
        if not fids:
            return batch
        personal = batch.copy()
        personal.fragments.update(render_for_page(rend, page, lambda: rend.render_fragments(fids, self._failed)))
        personal.local = True
        return personal

    def page_update(self, session: Session, msg: dict | None = None) -> None:
        """Render, for *session* alone, what reads the client-only values its input *msg* just wrote."""
        changed = session.page.take_changed()
        if not changed:
            return
        with self.state._lock:
            rend = self.renderer(session.template)
            fids = rend.dirty_fragments(changed)
            frags = render_for_page(rend, session.page, lambda: rend.render_fragments(fids, self._failed))
            batch = Batch(self.last_seq, dict(frags), dirty=sorted(changed), local=True)
            kept = own_input.kept_for(msg.get("id"), msg.get("ev"), msg.get("value"), rend, changed, frags) if msg else None
            if kept is not None:
                batch = batch.keep(*kept)
            # What the page shows unchanged since its last input is not sent again (htmxtrame.shown).
            session.push(batch, own=(frags, rend))

    def _failed(self, fid: str, exc: Exception) -> None:
        # One broken fragment must not stop the others.
        log.exception("rendering fragment %s failed; the page keeps its previous version", fid)
        self.state._report(f"rendering fragment {fid}", exc)

    def _mark_stale(self, rendered: dict) -> None:
        # A layout no page showed was not re-rendered: its renderer's
        # instances now lag the state, and events must not resolve against
        # them (events.dispatch re-renders first).
        for template, rend in self.renderers.items():
            if template not in rendered:
                rend.stale = True

    def _batch_for(self, template: str, delta: dict, seq: int) -> Batch:
        rend = self.renderer(template)
        rend.refresh_if_stale()
        frags = rend.render_fragments(rend.dirty_fragments(delta), on_error=self._failed)
        return Batch(seq, frags, None, list(delta), **document_fields(delta))

    def refresh(self, template: str | None = None) -> None:
        """Send the whole layout to every page (of *template*, or all)."""
        with self.lock:
            sessions = [s for s in self.sessions if template is None or s.template == template]
        # Render and queue under the state lock: a flush slipping in between
        # would queue its newer fragments first, and this older body, merged
        # after them, would replace them.
        with self.state._lock:
            seq = self.next_seq()
            bodies: dict[str, str] = {}
            for session in sessions:
                if session.template not in bodies:
                    bodies[session.template] = self.renderer(session.template).render_page_body()
                batch = Batch(seq, body=bodies[session.template], **self.document())
                session.push(self.for_page(session, batch) if session.page else batch)

    def document(self) -> dict:
        """The title, favicon and boot mark a whole-page batch carries."""
        return document_fields({key: self.state[key] for key in DOCUMENT_KEYS}, every=True) | {"boot": self.boot}

    def broadcast(self, batch: Batch) -> None:
        """Queue *batch* (calls, errors) for every page of this scope."""
        batch.seq = self.next_seq()
        with self.lock:
            sessions = list(self.sessions)
        for session in sessions:
            session.push(batch)

    def new_boot_mark(self) -> None:
        """Mark this scope's pages with a new boot mark.

        A reconnecting page's hello carries the last seq it saw and the boot
        mark of the scope that sent it; it gets the whole page when either
        differs from ours. Seqs alone count from 1 in every scope, so a page
        from a restarted process (or a scope made again, or another worker)
        could name, by coincidence, the seq this scope is at, and keep a view
        this scope never sent. The mark costs the hello and whole-page
        batches a few bytes, and every other frame none.
        """
        self.boot = secrets.token_urlsafe(6)

    def next_seq(self) -> int:
        """A new message number, increasing across the scope."""
        self.last_seq = next(self.seq)
        return self.last_seq


class Session:
    """One connected page."""

    def __init__(self, scope: Scope, template: str) -> None:
        self.id = secrets.token_urlsafe(16)
        self.scope = scope
        self.template = template
        self.page = PageValues()  # this page's values of client-only keys
        # Fragments as this page shows them, sent by its own last input and
        # untouched since (Scope.page_update): not sent again while unchanged.
        self.shown: Memory = {}
        self.busy: Any = None  # its events in hand, for trame__busy (htmxtrame.transport.busy), made on first use
        self.running_tasks: list = []  # async tasks its events started, within max_tasks_per_page (transport.limits)
        self._pending: Batch | None = None
        self._owned = False  # _pending is this page's own (not shared with other pages)
        self._cond = threading.Condition()
        self.closed = False
        # Held from taking a batch until its frame is written: whichever
        # thread sends (the pusher, or the receiving thread answering the
        # page's own input), frames leave in the order batches were taken.
        self.send_lock = threading.Lock()
        self.last_sent = 0.0  # time.monotonic() of the last frame out
        # The receiving thread is handling the page's input and sends what it
        # queues itself: pushes meanwhile need not wake the pusher.
        self._answering = False
        self.wake: Callable[[], None] | None = None  # called when a push needs sending
        self.backed_up: Callable[[], bool] = lambda: False  # the socket holds unsent bytes
        # The page numbers its messages; the last one handled, and the last
        # number a frame told the page (transport/wire.py, with_ack).
        self.acked = 0
        self.acked_sent = 0

    @property
    def renderer(self) -> Renderer:
        """The renderer this page's events are resolved against."""
        return self.scope.renderer(self.template)

    def push(self, batch: Batch, own: tuple[dict, Renderer] | None = None) -> None:
        """Queue *batch*, merging with whatever is still pending.

        *own*: this page's batch answering its own input
        (``Scope.page_update``) and the fragments rendered for it: those the
        page shows unchanged are left out of it (htmxtrame.shown). Any other
        batch forgets the fragments it replaces or changes. Both under the
        lock that orders batches, so what is left out is what the page shows.
        """
        with self._cond:
            if self.closed:
                return
            if own is not None:
                self.shown = shown.leave_out_unchanged(self.shown, batch, *own)
            elif self.shown:
                self.shown = shown.forget(self.shown, batch)
            if self._pending is None:
                # Shared with every page the flush reached, so it is encoded
                # once; a second push copies it before merging into it.
                self._pending, self._owned = batch, False
            else:
                if not self._owned:
                    self._pending, self._owned = self._pending.copy(), True
                self._pending.merge(batch)
            wake = None if self._answering else self.wake
            self._cond.notify()
        if wake is not None:
            wake()

    def push_error(self, code: str, message: str) -> None:
        """Queue an error frame for this page only."""
        self.push(Batch(self.scope.last_seq, errors=[{"code": code, "message": message}]))

    def push_notice(self, code: str = "app-error") -> None:
        """Tell this page, without details, that app code failed on its input.

        The page shows :data:`NOTICE` for a few seconds; the details stay in
        the server log (and, with ``--debug``, in the page's error box).
        """
        self.push(Batch(self.scope.last_seq, errors=[{"code": code, "message": NOTICE, "notice": True}]))

    def take(self, timeout: float | None = None) -> Batch | None:
        """Wait for pending updates and take them all (``None`` on close/timeout)."""
        with self._cond:
            if self._pending is None and not self.closed:
                self._cond.wait(timeout)
            batch, self._pending = self._pending, None
            self._answering = False
            return batch

    def answering(self) -> None:
        """The receiving thread handles the page's input and will send the answer."""
        with self._cond:
            self._answering = True

    def has_pending(self) -> bool:
        """Something waits to be sent to this page (updates, or the number of its last handled message)."""
        return self._pending is not None or self.acked != self.acked_sent

    def drained(self) -> bool:
        """Nothing waits to be sent to this page and no frame to it is half out."""
        return self._pending is None and not self.send_lock.locked() and not self.backed_up()

    def close(self) -> None:
        """Stop queueing; wake anyone waiting in take()."""
        with self._cond:
            self.closed = True
            self._pending = None
            self._cond.notify_all()
        with self.scope.lock:
            self.scope.sessions.discard(self)

    def open(self) -> None:
        """Join the scope so flushes reach this page."""
        with self.scope.lock:
            self.scope.sessions.add(self)

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<Session {self.template} {self.id[:6]}>"


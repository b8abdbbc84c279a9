"""A page's own typing is not sent back to it.

Every keystroke in a ``v_model`` text field writes its state key, and the
flush re-renders what reads that key, the field itself included. The page
that typed already shows that text: sending it the field again costs a
render's bytes on the wire and a morph on the page for nothing, on every
keystroke (an autocomplete's input is a third of its keystroke's frame).

So while a page's own input is handled (:func:`handling`), the flush's batch
for *that page* carries, instead of the typed-in field's fragment, only its
text (``"kept": {fragment id: text}`` on the wire): the page sets the field's
``value`` attribute (a textarea's default text) to it, so the field and what
the server rendered agree again, whatever fragment came in between (another
page's edit). Every other page gets the fragment as before.

The fragment is left out only when it cannot differ from what the page has
but for that text: it is the very element typed into (not another field
bound to the same key), the renderer found that its model binding alone
reads the key, the text it now renders is exactly the text the page sent
(:attr:`htmxtrame.render.Fragment.echo`), and nothing else it reads changed
in this flush. A listener that rewrites the text (trims it, upper-cases it,
clears it after a pick) or a mask that formats it changes that text, and the
field is sent.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar
from typing import Any

from .elements import model_event


class _Typing:
    """The page's text input being handled; a context manager that makes it current."""

    __slots__ = ("active", "event", "iid", "session", "token", "value")

    def __init__(self, session: Any, iid: Any, event: Any, value: str) -> None:
        self.session, self.iid, self.event, self.value = session, iid, event, value
        self.active = False
        self.token: Any = None

    def __enter__(self) -> None:
        self.active = True
        self.token = _current.set(self)

    def __exit__(self, *exc: object) -> None:
        # An asyncio task the handler started copied the context: switched
        # off, the holder no longer marks that task's later flushes.
        self.active = False
        _current.reset(self.token)


_current: ContextVar[_Typing | None] = ContextVar("htmxtrame_own_input", default=None)
_NOTHING = nullcontext()  # a click, a checkbox: no text to keep


def handling(session: Any, msg: dict) -> AbstractContextManager:
    """While *session*'s input *msg* is handled, its flushes may keep the text it typed."""
    value = msg.get("value")
    if type(value) is not str:
        return _NOTHING
    return _Typing(session, msg.get("id"), msg.get("ev"), value)


def typing_page() -> Any:
    """The page whose text input is being handled on this thread (:func:`handling`), if any."""
    typing = _current.get()
    return typing.session if typing is not None and typing.active else None


def kept_fragment(renderer: Any, delta: Any, fragments: dict) -> tuple[str, str] | None:
    """The fragment in *fragments* that :func:`typing_page` need not get back, and its text, if any.

    *delta*: the keys (with values) this flush changed.
    """
    typing = _current.get()
    if typing is None or not typing.active:
        return None
    return kept_for(typing.iid, typing.event, typing.value, renderer, delta, fragments)


def kept_for(iid: Any, event: Any, value: Any, renderer: Any, delta: Any, fragments: dict) -> tuple[str, str] | None:
    """Which of *fragments* is the field *iid* showing exactly the *value* its *event* sent (and that text)."""
    inst = renderer.instances.get(iid)
    if inst is None or type(value) is not str:
        return None
    el = inst.element
    fid = el.dom_id
    if fid not in fragments or event != model_event(el):
        return None
    frag = renderer.fragments.get(fid)
    echo = frag.echo if frag is not None and frag.element is el else None
    if echo is None or echo[1] != value:
        return None  # it shows something else than was typed (a listener rewrote it, a mask formats it)
    key = echo[0]
    if any(k in frag.keys for k in delta if k != key):
        return None  # something else it shows changed too
    return fid, value

"""Client-only keys (trame's ``state.client_only``): values that live with one page.

A page that writes a client-only key keeps the value to itself: it lands in
that page's :class:`PageValues`, not in the state, so no change listener
runs and no other page sees it. What the page shows re-renders with its own
values laid over the state (:func:`render_for_page`); a new page, or a page
that reconnects, starts again from the server's value.

The values are bounded like any input: at most :data:`MAX_KEYS` keys per
page (a page only writes keys its layout binds, so this is generous).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

MAX_KEYS = 256  # client-only keys one page may hold values for


class PageFull(ValueError):
    """A page tried to hold more client-only values than :data:`MAX_KEYS`."""


class PageValues:
    """One page's values for client-only keys, and which of them changed."""

    __slots__ = ("changed", "moves", "values")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.changed: set[str] = set()
        self.moves: list[dict] = []  # history moves a handler asked of this page ($router.back(), htmxtrame.routes)

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def __bool__(self) -> bool:
        return bool(self.values)

    def get(self, key: str) -> Any:
        """The page's value of *key* (KeyError when it has none)."""
        return self.values[key]

    def put(self, key: str, value: Any) -> None:
        """Keep *value* for *key* on this page; a change re-renders what reads it."""
        if key not in self.values and len(self.values) >= MAX_KEYS:
            raise PageFull(f"a page holds at most {MAX_KEYS} client-only values")
        if key in self.values and _same(self.values[key], value):
            return
        self.values[key] = value
        self.changed.add(key)

    def touch(self, key: str) -> None:
        """The value of *key* was changed in place (``items[0].done = true``)."""
        if key in self.values:
            self.changed.add(key)

    def forget(self, keys: Iterable[str]) -> None:
        """Drop the page's own values of *keys* (the server wrote them: its value wins, as in trame)."""
        for key in keys:
            self.values.pop(key, None)
            self.changed.discard(key)

    def take_changed(self) -> set[str]:
        """The keys changed since the last call, forgotten."""
        changed, self.changed = self.changed, set()
        return changed


def _same(old: Any, new: Any) -> bool:
    try:
        return type(old) is type(new) and bool(old == new)
    except Exception:  # noqa: BLE001 - an == that raises counts as a change
        return False


def is_client_only(state: Any, key: str) -> bool:
    """Whether *state* declared *key* client-only (``state.client_only(key)``)."""
    return key in state._client_only


MIXED = object()  # Renderer.page_view: fragments show several pages' values


def render_for_page(renderer: Any, page: PageValues | None, render: Callable[[], Any]) -> Any:
    """Run *render* (a call on *renderer*) with *page*'s values laid over the state.

    The caller holds the state's lock, as every render does, so no other
    render sees the overlay.
    """
    saved = renderer.overlay, renderer.overlay_page
    renderer.overlay = page.values if page else None
    renderer.overlay_page = page if page else None
    try:
        return render()
    finally:
        renderer.overlay, renderer.overlay_page = saved


def reads_any(renderer: Any, fid: str, keys: set) -> bool:
    """Whether fragment *fid*, or one inside it, read any of *keys* when last rendered."""
    frag = renderer.fragments.get(fid)
    if frag is None:
        return False
    if not frag.keys.isdisjoint(keys):
        return True
    return any(reads_any(renderer, child, keys) for child in frag.children)


def fragments_reading(renderer: Any, fids: Iterable[str], keys: Iterable[str]) -> list[str]:
    """Those of *fids* whose content read any of *keys*."""
    keyset = set(keys)
    return [fid for fid in fids if reads_any(renderer, fid, keyset)]


def rendered(renderer: Any, fids: Iterable[str]) -> None:
    """Bookkeeping after *renderer* re-rendered *fids*: whose client-only values they now show.

    The renderer's element instances are those of its last render; where a
    client-only value decides what is on the page (``v_if="draft"``), they
    are one page's. :func:`show_page` re-renders before a page's event when
    they are not that page's.
    """
    keys = getattr(renderer.state, "_client_only", None)
    if not keys or renderer.overlay_page is renderer.page_view:
        return
    if fragments_reading(renderer, fids, keys):
        renderer.page_view = MIXED


def show_page(renderer: Any, state: Any, page: PageValues | None) -> None:
    """Make *renderer*'s instances those *page* sees (before resolving its event)."""
    keys = getattr(state, "_client_only", None)
    want = page if page else None
    if not keys or renderer.page_view is want:
        return
    fids = renderer.dirty_fragments(keys)
    if fids:
        render_for_page(renderer, page, lambda: renderer.render_fragments(fids, lambda fid, exc: None))
    renderer.page_view = want

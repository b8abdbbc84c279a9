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

    __slots__ = ("changed", "values")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.changed: set[str] = set()

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


def render_for_page(renderer: Any, page: PageValues, render: Callable[[], Any]) -> Any:
    """Run *render* (a call on *renderer*) with *page*'s values laid over the state.

    The caller holds the state's lock, as every render does, so no other
    render sees the overlay.
    """
    saved = renderer.overlay
    renderer.overlay = page.values or None
    try:
        return render()
    finally:
        renderer.overlay = saved


def fragments_reading(renderer: Any, fids: Iterable[str], keys: Iterable[str]) -> list[str]:
    """Those of *fids* whose content read any of *keys*."""
    keyset = set(keys)
    return [fid for fid in fids if renderer.reads_any(fid, keyset)]

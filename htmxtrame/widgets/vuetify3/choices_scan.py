"""The autocomplete's filter: which items' titles hold the typed text, fast on every keystroke.

Each keystroke scans every item. Two things make the scan cheap without
ever answering from stale items:

* the lowered titles are kept per widget, beside a snapshot of what they
  were made from (the items list's elements, or for dict items their
  titles). A scan compares the snapshot with the items it is given before
  using them: equal elements make equal titles (strings are immutable, and
  a dict's title is read again each time), so an item edited in place, added
  or removed is seen. The comparison is a pointer walk for unchanged items.
* the matches of the last few texts are kept: text typed one character at a
  time only narrows, and a title holding ``"nor"`` holds ``"no"``, so
  ``"nor"`` is looked for among ``"no"``'s matches only.

One cache per widget, replaced as a whole (one tuple): pages typing into the
same widget at once each get a right answer, at worst a slower one.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from ...expr.jsvalues import UNDEFINED

#: texts whose matches are kept per widget (the last few typed)
REMEMBERED = 4


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None or value is UNDEFINED else str(value)


def _titles(source: list, tk: Any) -> list:
    if isinstance(tk, str):
        return [item.get(tk, UNDEFINED) if isinstance(item, dict) else item for item in source]
    return [UNDEFINED if isinstance(item, dict) else item for item in source]


class Scan:
    """One widget's filter over its items: :meth:`hits` is the indexes of the matching items."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        # (tk, kind of items, snapshot, lowered titles, ((needle, hits), ...)) or None
        self._cache: tuple | None = None

    def _lowered(self, source: list, tk: Any) -> tuple:
        cache = self._cache
        if cache is not None and cache[0] == tk and len(cache[2]) == len(source):
            # a list of strings: its elements are the titles; with dicts, read the titles again
            if cache[1] == "strings":
                snapshot = source
            elif cache[1] == "dicts":
                try:  # every item was a dict holding a title: a third of the time of _titles
                    snapshot = list(map(itemgetter(tk), source))
                except (KeyError, TypeError, IndexError):
                    snapshot = _titles(source, tk)
            else:
                snapshot = _titles(source, tk)
            if snapshot == cache[2]:
                return cache
        titles = _titles(source, tk)
        lowered = [t.lower() if type(t) is str else _text(t).lower() for t in titles]
        if not any(isinstance(item, dict) for item in source):
            cache = (tk, "strings", list(source), lowered, ())
        elif isinstance(tk, str) and all(type(item) is dict and tk in item for item in source):
            cache = (tk, "dicts", titles, lowered, ())
        else:
            cache = (tk, "mixed", titles, lowered, ())
        # Equal snapshots must mean equal titles: true of strings, not of 1 == 1.0 == True
        # or of a list edited in place, so other titles are lowered again on each scan.
        if all(type(t) is str or t is None or t is UNDEFINED for t in titles):
            self._cache = cache
        return cache

    def hits(self, source: list, tk: Any, needle: str) -> list[int] | range:
        """The indexes of the items of *source* whose title holds *needle* (lowered), in order."""
        if not needle:
            return range(len(source))
        cache = self._lowered(source, tk)
        lowered, memo = cache[3], cache[4]
        base: Any = None
        for text, found in memo:  # the longest remembered text the new one holds: only its matches can match
            if text in needle and (base is None or len(text) > len(base[0])):
                base = (text, found)
        if base is not None and base[0] == needle:
            return base[1]
        if base is None:
            found = [i for i, t in enumerate(lowered) if needle in t]
        else:
            found = [i for i in base[1] if needle in lowered[i]]
        memo = ((needle, found),) + tuple(m for m in memo if m[0] != needle)[:REMEMBERED - 1]
        if self._cache is cache:  # (a cache of titles that cannot be kept is not kept either)
            self._cache = cache[:4] + (memo,)
        return found

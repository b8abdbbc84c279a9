"""Only the Vuetify rules a page can use, in its first load.

``vuetify.css`` holds every component's rules and thousands of utility
classes (150 KB, 21 KiB gzipped); a page uses a few dozen of them. A page
links a subset instead: the rules whose classes can all occur in that page.
A class belongs to a *family* — a component's classes share one (``v-btn``
for ``v-btn--disabled`` and ``v-btn__content``), a utility class is its own
— and a rule is kept when every family its selector needs is one the page
can show: families of the classes in the rendered page, and of every word in
the layout's attributes and expressions (a dialog that is closed now, a
``:class`` that may add ``d-none`` later). Classes inside ``:not()``,
``:is()``, ``:where()`` and ``:has()`` are not needed for a match, so they
never drop a rule; at-rules without selectors (``@keyframes``) always stay.

What a page could still show later and its subset lacks (a class computed
from state the layout never spelled out) is caught by the glue: the page
knows which families it has (``data-ht-families``) and which the full sheet
knows (``data-ht-all``: the first word of each utility class); a frame
bringing a ``v-`` class of a family not listed, or a utility class not
listed, makes it add the full sheet, once.
"""

from __future__ import annotations

import hashlib
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_WORD = re.compile(r"[A-Za-z][\w-]*")
_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|nth-child|nth-last-child)\(")
_NESTING = ("@media", "@supports", "@starting-style", "@layer", "@container")
MAX_SUBSETS = 64  # distinct subsets kept in memory (one per layout, in practice)


def family(cls: str) -> str:
    """The family of a class: a component's root (``v-btn``), or the utility class itself."""
    if cls.startswith("v-"):
        return cls.split("--", 1)[0].split("__", 1)[0]
    return cls


def _strip_functional(selector: str) -> str:
    """*selector* without attribute selectors and the arguments of ``:not()`` and friends."""
    selector = re.sub(r"\[[^\]]*\]", "", selector)
    while True:
        m = _FUNCTIONAL.search(selector)
        if m is None:
            return selector
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        selector = selector[:m.start()] + selector[j:]


def _needs(prelude: str) -> list[frozenset[str]]:
    """For each selector of a rule, the families it needs to match anything."""
    out = []
    for selector in prelude.split(","):
        classes = _CLASS.findall(_strip_functional(selector))
        # ht-busy, ht-disconnected...: the glue sets them on <html> at run time
        out.append(frozenset(family(c) for c in classes if not c.startswith("ht-")))
    return out


class Sheet:
    """A stylesheet parsed into rules, each with the families it needs."""

    def __init__(self, text: str) -> None:
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        self.items = self._parse(text, 0, len(text))
        self.families: set[str] = set()
        self._collect(self.items)
        self.full = text

    def _parse(self, text: str, i: int, end: int) -> list[Any]:
        items: list[Any] = []
        while i < end:
            brace = text.find("{", i, end)
            if brace < 0:
                break
            prelude = text[i:brace].strip()
            close = _matching(text, brace)
            if prelude.startswith(_NESTING):
                items.append((prelude, self._parse(text, brace + 1, close)))
            elif prelude.startswith("@"):
                items.append((None, text[i:close + 1].strip()))  # @keyframes, @font-face: always
            else:
                needs = _needs(prelude)
                items.append((needs, f"{prelude}{{{text[brace + 1:close].strip()}}}"))
            i = close + 1
        return items

    def _collect(self, items: list[Any]) -> None:
        for needs, body in items:
            if isinstance(body, list):
                self._collect(body)
            elif needs:
                for need in needs:
                    self.families |= need

    def subset(self, have: frozenset[str]) -> str:
        """The rules a page with the families *have* can use, in the sheet's order."""
        return "\n".join(self._subset(self.items, have)) + "\n"

    def _subset(self, items: list[Any], have: frozenset[str]) -> list[str]:
        out = []
        for needs, body in items:
            if isinstance(body, list):
                inner = self._subset(body, have)
                if inner:
                    out.append(f"{needs}{{{''.join(inner)}}}")
            elif needs is None or any(need <= have for need in needs):
                out.append(body)
        return out

    def vocabulary(self) -> str:
        """The first word of every utility class the sheet styles: with ``v-``, what
        the glue looks for in a frame's classes."""
        return " ".join(sorted({f.split("-", 1)[0] for f in self.families if not f.startswith("v-")}))


def _matching(text: str, brace: int) -> int:
    depth, j = 0, brace
    while j < len(text):
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return len(text) - 1


def families_in_html(html: str) -> set[str]:
    """The families of every class in *html*'s class attributes."""
    return {family(c) for value in _CLASS_ATTR.findall(html) for c in value.split()}


class TreeMemo:
    """One answer per layout root, computed once (walking a big layout takes milliseconds).

    Keyed by the root's id and checked through a weak reference, so a root
    that is gone is never mistaken for a new one at the same address; at
    most *size* roots are remembered. A tree changed in place later keeps
    its first answer.
    """

    def __init__(self, compute: Any, size: int) -> None:
        self.compute = compute
        self.size = size
        self._cache: OrderedDict[int, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, root: Any) -> Any:
        with self._lock:
            hit = self._cache.get(id(root))
            if hit is not None and hit[0]() is root:
                return hit[1]
        found = self.compute(root)
        try:
            ref = weakref.ref(root)
        except TypeError:
            return found
        with self._lock:
            self._cache[id(root)] = (ref, found)
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return found


def families_in_tree(root: Any) -> frozenset[str]:
    """Families of every word in the layout's attribute values and expressions.

    Over-counting costs a few rules; under-counting costs the full sheet
    later, so every string the elements hold counts. Kept per layout root
    (a tree changed in place later is covered by the glue's fallback).
    """
    return _families_memo(root)


def _families_in_tree(root: Any) -> frozenset[str]:
    words: set[str] = set()
    for el in _walk(root):
        for value in _strings(el):
            words.update(_WORD.findall(value))
    return frozenset(family(w) for w in words)


_families_memo = TreeMemo(_families_in_tree, MAX_SUBSETS)


def _walk(root: Any) -> Iterable[Any]:
    walk = getattr(root, "walk", None)
    if walk is not None:
        return walk()
    return [root]


def _strings(el: Any) -> Iterable[str]:
    d = getattr(el, "__dict__", {})
    for name in ("attributes", "_bindings", "_directives"):
        values = d.get(name)
        if isinstance(values, dict):
            for value in values.values():
                yield from _as_strings(value)
    for attr in ("_base", "_classes"):
        value = getattr(type(el), attr, None)
        yield from _as_strings(value)


def _as_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _as_strings(v)
    else:
        source = getattr(value, "source", None)
        if isinstance(source, str):
            yield source


class Subsets:
    """Subsets of one sheet, made on demand and kept by a short hash of their families."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self._by_key: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def key_for(self, have: Iterable[str]) -> tuple[str, str]:
        """``(key, families text)`` of the subset for *have*, made now if new."""
        # Every component family the page shows is listed (styled by the sheet
        # or not: the glue must not fetch the whole sheet for a class it has
        # seen); of the rest, those the sheet styles.
        shipped = frozenset(f for f in have if f.startswith("v-") or f in self.sheet.families)
        listed = " ".join(sorted(shipped))
        key = hashlib.sha256(listed.encode()).hexdigest()[:12]
        with self._lock:
            if key in self._by_key:
                self._by_key.move_to_end(key)
                return key, listed
        text = self.sheet.subset(shipped)
        with self._lock:
            self._by_key[key] = text
            while len(self._by_key) > MAX_SUBSETS:
                self._by_key.popitem(last=False)
        return key, listed

    def text(self, key: str) -> str | None:
        """A subset made earlier, or ``None`` (unknown, or dropped: serve the whole sheet)."""
        with self._lock:
            return self._by_key.get(key)

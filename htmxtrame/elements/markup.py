"""Inline markup in a text child: ``html.P("Level: <strong>{{ level }}</strong>")``.

In trame a string child is Vue template text, so an app's own ``<b>``,
``<br>`` or ``<code>`` in it shows as formatting. Here such a string becomes
elements of those tags, built on the server from the app author's literal
text (never from a page); the ``{{ }}`` parts stay interpolations, escaped
as every text is. Only plain formatting tags with ``class``/``style``/
``title`` are read this way: any other tag or attribute (an event, a
binding, a link) leaves the whole string as escaped text, as before.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

INLINE_TAGS = frozenset({"b", "strong", "i", "em", "u", "s", "code", "small", "sub", "sup", "mark", "kbd",
                         "span", "br", "hr", "p", "div", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
                         "h6", "blockquote"})
VOID_TAGS = frozenset({"br", "hr"})
ATTRS = frozenset({"class", "style", "title"})
_MUSTACHE = re.compile(r"\{\{.*?\}\}", re.S)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(\s[^<>]*)?/?>")
MAX_MARKUP = 20_000  # characters: a longer string stays text


def looks_like_markup(text: str) -> bool:
    """Whether *text* (outside its ``{{ }}`` parts) holds a tag."""
    return "<" in text and len(text) <= MAX_MARKUP and bool(_TAG.search(_MUSTACHE.sub("", text)))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Any] = []
        self.stack: list[tuple[str, dict[str, str], list[Any]]] = []
        self.ok = True

    def _children(self) -> list[Any]:
        return self.stack[-1][2] if self.stack else self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS or any(name not in ATTRS for name, _ in attrs):
            self.ok = False
            return
        node: tuple[str, dict[str, str], list[Any]] = (tag, {name: value or "" for name, value in attrs}, [])
        self._children().append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.ok = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self._children().append(data)


def read_markup(text: str) -> list[Any] | None:
    """*text* as a tree: strings and ``(tag, attrs, children)``; None when it is not plain formatting."""
    saved: list[str] = []

    def hide(m: re.Match) -> str:
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    reader = _Reader()
    try:
        reader.feed(_MUSTACHE.sub(hide, text))
        reader.close()
    except Exception:  # noqa: BLE001 - malformed markup stays text
        return None
    if not reader.ok or reader.stack:
        return None

    def restore(nodes: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            if isinstance(node, str):
                out.append(re.sub("\x00(\\d+)\x00", lambda m: saved[int(m.group(1))], node))
            else:
                out.append((node[0], node[1], restore(node[2])))
        return out

    return restore(reader.root)


__all__ = ["looks_like_markup", "read_markup"]

"""A tiny HTML tree with CSS-selector and label lookup, for the testing kit.

Enough of a DOM to let a browser-free simulated user find what a person
would click: ``tag``, ``#id``, ``.class``, ``[attr]``, ``[attr=value]``
compounds joined by descendant spaces, and lookup by visible label
(button text, ``<label for>``, ``aria-label``, ``placeholder``), matching
the innermost element as Playwright's ``get_by_text`` does. Text reads as a
person sees it: block elements apart, hidden ones left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Elements a browser lays out on their own line (or cell): their text never runs into a neighbour's.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# Never shown as text.
UNSEEN = frozenset({"script", "style", "template", "head", "title", "noscript"})
_DISPLAY_NONE = re.compile(r"(^|;)\s*display\s*:\s*none\s*(;|$)", re.I)
SUBMITS = frozenset({"submit", "image"})


class Node:
    """One element: ``tag``, ``attrs``, ``children`` (nodes and strings), ``parent``."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []
        self.parent = parent

    @property
    def id(self) -> str | None:
        """The ``id`` attribute."""
        return self.attrs.get("id")

    @property
    def classes(self) -> set[str]:
        """The class names."""
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The text a person reads: hidden parts left out, blocks apart, whitespace collapsed."""
        return " ".join("".join(self._texts()).split())

    @property
    def name_text(self) -> str:
        """The text that names the element: as :attr:`text`, ``aria-hidden`` parts left out too
        (a sort arrow or an icon is no part of a button's or header's name)."""
        return " ".join("".join(self._texts(named=True)).split())

    @property
    def hidden(self) -> bool:
        """Not shown: this element or an ancestor is ``hidden``, ``display: none`` or never rendered."""
        node: Node | None = self
        while node is not None:
            if node._self_hidden():
                return True
            node = node.parent
        return False

    @property
    def disabled(self) -> bool:
        """A control a person cannot use: ``disabled`` itself or inside a disabled fieldset."""
        if "disabled" in self.attrs:
            return True
        node = self.parent
        while node is not None:
            if node.tag == "fieldset" and "disabled" in node.attrs:
                return True
            node = node.parent
        return False

    def form(self) -> Node | None:
        """The ``<form>`` this element belongs to (``form=`` attribute, else the enclosing one)."""
        owner = self.get("form")
        if owner:
            root = self
            while root.parent is not None:
                root = root.parent
            return next((n for n in root.walk() if n.tag == "form" and n.id == owner), None)
        node = self.parent
        while node is not None and node.tag != "form":
            node = node.parent
        return node

    def submits_form(self) -> bool:
        """A click here submits its form, as a browser's would."""
        if self.tag == "button":
            return (self.get("type") or "submit").lower() == "submit"
        return self.tag == "input" and (self.get("type") or "").lower() in SUBMITS

    def _self_hidden(self) -> bool:
        if self.tag in UNSEEN or "hidden" in self.attrs:
            return True
        return bool(_DISPLAY_NONE.search(self.attrs.get("style", "")))

    def _texts(self, named: bool = False) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif not child._self_hidden() and not (named and child.attrs.get("aria-hidden") == "true"):
                block = child.tag in BLOCK
                if block:
                    yield "\n"
                yield from child._texts(named)
                if block:
                    yield "\n"

    def contains(self, other: Node) -> bool:
        """*other* is this node or below it."""
        node: Node | None = other
        while node is not None:
            if node is self:
                return True
            node = node.parent
        return False

    def walk(self) -> Iterator[Node]:
        """This node and every element below it."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def get(self, name: str, default: str | None = None) -> str | None:
        """An attribute value."""
        return self.attrs.get(name, default)

    def __repr__(self) -> str:
        shown = "".join(f' {k}="{v}"' for k, v in self.attrs.items() if k in ("id", "class", "type", "data-ht"))
        return f"<{self.tag}{shown}>{self.text[:40]}"


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.cur.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent  # type: ignore[assignment]
        if node is not self.root:
            self.cur = node.parent  # type: ignore[assignment]

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(html: str) -> Node:
    """The tree of *html* under a ``#root`` node."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


_COMPOUND = re.compile(r"""([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:([~^$*]?=)["']?([^"'\]]*)["']?)?\]""")


def _matches(node: Node, compound: str) -> bool:
    pos = 0
    for m in _COMPOUND.finditer(compound):
        if m.start() != pos:
            raise ValueError(f"unsupported CSS selector part {compound[pos:]!r}; use tag, #id, .class, [attr=value]")
        pos = m.end()
        tag, ident, cls, attr, op, value = m.groups()
        if tag and node.tag != tag.lower():
            return False
        if ident and node.id != ident:
            return False
        if cls and cls not in node.classes:
            return False
        if attr:
            have = node.attrs.get(attr)
            if have is None:
                return False
            if op == "=" and have != value:
                return False
            if op == "*=" and value not in have:
                return False
            if op == "^=" and not have.startswith(value):
                return False
            if op == "$=" and not have.endswith(value):
                return False
            if op == "~=" and value not in have.split():
                return False
    if pos != len(compound):
        raise ValueError(f"unsupported CSS selector part {compound[pos:]!r}; use tag, #id, .class, [attr=value]")
    return True


def select(root: Node, selector: str) -> list[Node]:
    """Every element under *root* matching *selector* (descendant combinators only)."""
    parts = selector.split()
    if not parts:
        raise ValueError("empty CSS selector")
    found = []
    for node in root.walk():
        if node is root or not _matches(node, parts[-1]):
            continue
        ancestor, i = node.parent, len(parts) - 2
        while i >= 0 and ancestor is not None:
            if ancestor is not root and _matches(ancestor, parts[i]):
                i -= 1
            ancestor = ancestor.parent
        if i < 0:
            found.append(node)
    return found


def by_label(root: Node, label: str) -> list[Node]:
    """Shown elements a person would call *label*: text, ``<label for>``, aria-label, placeholder.

    A button's or clickable element's text matches with or without its
    ``aria-hidden`` parts (a sorted header is "Score", as well as "Score ↑").

    When an element and one inside it both match (a form whose only text is
    its button's), the innermost wins, as with Playwright's ``get_by_text``.
    """
    wanted = " ".join(label.split())
    hits: list[Node] = []
    for node in root.walk():
        if node is root or node.hidden:
            continue
        if node.get("aria-label") == wanted or node.get("placeholder") == wanted or node.get("title") == wanted:
            hits.append(node)
        elif node.tag == "label" and node.text == wanted:
            target = node.get("for")
            inner = [n for n in node.walk() if n.tag in ("input", "select", "textarea")]
            if target:
                hits += [n for n in root.walk() if n.id == target]
            elif inner:
                hits += inner
        elif node.tag in ("button", "a", "option") or node.get("role") == "button" or "data-ht-on" in node.attrs:
            if wanted in (node.text, node.name_text):
                hits.append(node)
        elif node.tag == "input" and node.get("type") in ("button", "submit") and node.get("value") == wanted:
            hits.append(node)
    unique = list(dict.fromkeys(hits))
    return [n for n in unique if not any(o is not n and n.contains(o) for o in unique)]

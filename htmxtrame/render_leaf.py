"""Text-only fragments, precompiled: the commonest update takes the shortest path.

Most of what a click changes on a page is a ``{{ }}`` text inside an element
that has nothing else dynamic: ``html.Span("{{ count }}", id="count")``, a
label, a status line. Re-rendering one through the general path walks the
whole element machinery (bindings, directives, models, events, instances,
children, bookkeeping) to find that only the text moved. A click's Python runs
about three times slower when the machine has done something else in between
(bench/README.md, "cold clicks"), and that penalty grows with the amount of
code a click touches, not with the work it does: so a fragment of this kind
keeps, once rendered, its opening tag, its closing tag and the list of its
text pieces, and re-renders by evaluating the pieces alone.

:func:`leaf_of` says whether an element is such a leaf (and builds it); the
renderer falls back to the general path whenever anything in a leaf fails
(an expression error, the render budget), so errors are reported one way.
"""

from __future__ import annotations

from typing import Any

from .elements import AbstractElement, DynamicText, Text
from .render_limits import open_tag

# Tags the general path treats specially while rendering (options of a select).
_SPECIAL = frozenset(("option", "select", "textarea"))


class Leaf:
    """A fragment's opening tag, closing tag and pieces: literal HTML, or ``{{ }}`` templates."""

    __slots__ = ("close", "head", "pieces")

    def __init__(self, head: str, pieces: tuple, close: str) -> None:
        self.head, self.pieces, self.close = head, pieces, close


def leaf_of(el: AbstractElement, fid: str) -> Leaf | None:
    """*el* as a :class:`Leaf` if only ``{{ }}`` texts in it depend on state, else ``None``."""
    if (el._bindings or el._directives or el._model is not None or el._events or el._also
            or el._row_scoped or el.is_single or el.tagname in _SPECIAL
            or getattr(type(el), "content_for", None) is not None):
        return None
    pieces: list[Any] = []
    for child in el.children:
        if isinstance(child, DynamicText):
            pieces.append(child.template)
        elif isinstance(child, Text):
            pieces.append(child.html)
        else:
            return None  # an element, or a plain string the general path escapes
    return Leaf(open_tag(el.tagname, {**el.attributes, "id": fid}), tuple(pieces), f"</{el.tagname}>")

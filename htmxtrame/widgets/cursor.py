"""``Cursor``: the mouse cursor over the element it is placed in (trame's ``trame.widgets.trame.Cursor``).

``Cursor(active=("i", 0), cursors=("names", ["default", "wait"]))`` gives its
parent element the cursor ``cursors[active]`` (``default`` when that is not
a cursor name). It renders as a hidden marker whose ``data-ht-cursor``
follows the state; the page's stylesheet gives an element holding such a
marker that cursor (CSS ``:has``), so no script runs and a re-render of the
parent keeps it.
"""

from __future__ import annotations

import json
from typing import Any

from ..elements import AbstractElement
from ..elements import attrs as A
from ..elements.base import _seed_defaults

#: The CSS cursor keywords the stylesheet has a rule for (static/components.css).
CURSORS = (
    "auto", "default", "none", "context-menu", "help", "pointer", "progress", "wait", "cell", "crosshair",
    "text", "vertical-text", "alias", "copy", "move", "no-drop", "not-allowed", "grab", "grabbing",
    "all-scroll", "col-resize", "row-resize", "n-resize", "e-resize", "s-resize", "w-resize", "ne-resize",
    "nw-resize", "se-resize", "sw-resize", "ew-resize", "ns-resize", "nesw-resize", "nwse-resize",
    "zoom-in", "zoom-out",
)


class Cursor(AbstractElement):
    """Sets its parent's cursor: ``active`` (an index) into ``cursors`` (names), both bindable."""

    _page_css = True  # its rules are in static/components.css (transport/assets.py)

    def __init__(self, children: Any = None, active: Any = 0, cursors: Any = ("default", "wait"), **kwargs: Any) -> None:
        super().__init__("span", children, **kwargs)
        self.attributes["hidden"] = True
        names, index = self._source(cursors), self._source(active)
        self._set("data_ht_cursor", (f"({names})[{index}] || 'default'",))
        _seed_defaults(self)

    def _source(self, value: Any) -> str:
        """The expression for a prop: a binding's source (seeding its default), else the literal."""
        if isinstance(value, tuple) and value and isinstance(value[0], str):
            if len(value) > 1 and A.is_identifier(value[0]):
                self._defaults.append((value[0].strip(), value[1]))
            return value[0]
        if isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, (int, float, tuple)) or isinstance(value, bool):
            raise TypeError(f"Cursor takes a number for active and a list of names for cursors, got {value!r}")
        return json.dumps(list(value) if isinstance(value, tuple) else value)


__all__ = ["CURSORS", "Cursor"]

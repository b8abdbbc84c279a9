"""``trame.widgets.grid``: trame-grid-layout's ``GridLayout`` / ``GridItem``, placed on the server.

trame's grid is vue-grid-layout: items in a ``col_num``-column grid (12 by
default), each at column ``x``, row ``y``, ``w`` columns wide and ``h`` rows
high (``row_height`` pixels, 150 by default), ``margin`` pixels apart
([10, 10]); by default items float up to the first free row (vertical
compaction) and the container grows to fit them::

    with grid.GridLayout(layout=("layout", LAYOUT), row_height=20):
        grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item")

Here the server computes each item's position from the layout (the same
rules: columns as percentages of the container's width, rows in pixels,
compaction) and renders it as absolutely positioned CSS; when the layout
in the state changes the items move. With ``is_draggable`` (the default)
the user drags an item with the pointer: the page moves it under the
pointer and, on drop, tells the server the grid cell; the server moves it
there, pushes the items it lands on out of the way, compacts the grid
(:mod:`.grid_move`) and writes the new list to the ``layout`` state key,
so every view of the grid follows. With ``is_resizable`` (the default) each
item has a corner handle that resizes it the same way (whole cells). An
item with ``static`` (or ``is_draggable=False``) stays put, and with
``static`` in its layout entry pushes and compaction flow around it too;
``prevent_collision`` refuses a drop onto other items and stops a resize at
the first one in its way. Each movable item is a Tab stop: the arrow keys
move it one cell and Shift+arrows resize it, through the same move as a
drop, and a live region says where it went (``htmxtrame.js``). A ``layout``
that is not a bound state key is not changed. ``layout_updated`` is called
with the new list.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..elements import AbstractElement
from ..elements import attrs as A
from ..elements.base import _seed_defaults
from .grid_move import MoveBlocked, MoveRefused, move_item
from .vuetify3.computed import Computed
from .vuetify3.core import building, el, js

log = logging.getLogger("htmxtrame.widgets.grid")

#: Items compacted at most (each costs a scan of the ones placed before it); the rest keep their rows.
MAX_ITEMS = 300
DEFAULTS = {"col_num": 12, "row_height": 150, "margin": [10, 10], "vertical_compact": True}
# vue-grid-layout props with no effect here (pointer moves, responsive breakpoints, transitions).
_ACCEPTED = (
    "is_resizable", "is_mirrored", "is_bounded", "auto_size", "restore_on_drag",
    "use_css_transforms", "responsive", "breakpoints", "cols", "use_style_cursor",
    "transform_scale", "responsive_layouts", "max_rows", "min_w", "min_h", "max_w", "max_h", "static",
    "is_draggable", "drag_ignore_from", "drag_allow_from", "resize_ignore_from", "preserve_aspect_ratio", "drag_option",
    "resize_option",
)


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        try:
            value = float(value)
        except (TypeError, ValueError):
            return default
    return max(0.0, min(float(value), 1e6))


def _box(item: Any) -> tuple[float, float, float, float]:
    """An item's (x, y, w, h) in grid units; missing or bad numbers fall back to 0 / 1."""
    if not isinstance(item, dict):
        return 0.0, 0.0, 1.0, 1.0
    return (_number(item.get("x"), 0), _number(item.get("y"), 0),
            _number(item.get("w"), 1) or 1, _number(item.get("h"), 1) or 1)


def _collides(a: tuple, b: tuple) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


# (boxes, compacted) of the last layout: every item of a grid asks for the same one in turn.
_last: tuple = ((), ())


def compact(layout: Any) -> list[tuple[float, float, float, float]]:
    """vue-grid-layout's vertical compaction: each item (top to bottom, left to right) moves up
    to the highest row where it overlaps no item placed before it; ``static`` items stay where
    they are and the others flow around them. Returns the boxes in the layout's order."""
    items = layout[:MAX_ITEMS] if isinstance(layout, list) else []
    boxes = tuple(_box(item) for item in items)
    statics = frozenset(n for n, item in enumerate(items) if isinstance(item, dict) and item.get("static") is True)
    global _last
    seen, done = _last  # one tuple: a thread swapping it in never pairs boxes with another's result
    if seen == (boxes, statics):
        return list(done)
    result = _compact(boxes, statics)
    _last = ((boxes, statics), tuple(result))
    return result


def _compact(boxes: tuple, statics: frozenset = frozenset()) -> list[tuple[float, float, float, float]]:
    placed: list[tuple[float, float, float, float]] = [boxes[n] for n in sorted(statics) if n < len(boxes)]
    result: dict[int, tuple[float, float, float, float]] = {n: boxes[n] for n in statics if n < len(boxes)}
    items = [(box, index) for index, box in enumerate(boxes) if index not in result]
    for (x, y, w, h), index in sorted(items, key=lambda entry: (entry[0][1], entry[0][0])):
        y = min(y, max((p[1] + p[3] for p in placed), default=0.0))
        while y > 0 and not any(_collides((x, y - 1, w, h), p) for p in placed):
            y -= 1
        hit = next((p for p in placed if _collides((x, y, w, h), p)), None)
        while hit is not None:
            y = hit[1] + hit[3]
            hit = next((p for p in placed if _collides((x, y, w, h), p)), None)
        placed.append((x, y, w, h))
        result[index] = (x, y, w, h)
    return [result[i] for i in sorted(result)]


def _margins(margin: Any) -> tuple[float, float]:
    if isinstance(margin, (list, tuple)) and len(margin) == 2:
        return _number(margin[0], 10), _number(margin[1], 10)
    return 10.0, 10.0


def item_style(box: tuple, cols: Any, row_height: Any, margin: Any) -> str:
    """CSS placing *box* (x, y, w, h): columns as shares of the container's width, rows in pixels."""
    x, y, w, h = box
    n = max(1, int(_number(cols, 12)) or 1)
    rh = _number(row_height, 150)
    mx, my = _margins(margin)
    col = f"(100% - {mx * (n + 1):g}px) / {n}"
    return (f"position: absolute; box-sizing: border-box; left: calc({col} * {x:g} + {mx * (x + 1):g}px); "
            f"top: {rh * y + my * (y + 1):g}px; width: calc({col} * {w:g} + {mx * max(0, w - 1):g}px); "
            f"height: {rh * h + my * max(0, h - 1):g}px")


def _style_text(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{A.html_name(str(k))}: {v}" for k, v in value.items() if v is not None and v is not False)
    return "" if value is None else str(value)


def _source(value: Any, owner: AbstractElement) -> str:
    """The expression source of a prop: a binding's (seeding its default), else the literal as JS."""
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        if len(value) > 1 and A.is_identifier(value[0]):
            owner._defaults.append((value[0].strip(), value[1]))
        return f"({value[0]})"
    return js(value)


class GridLayout(AbstractElement):
    """The grid: ``layout`` (list of ``{i, x, y, w, h}``), ``col_num``, ``row_height``, ``margin``,
    ``vertical_compact``; items are the ``GridItem`` children."""

    _known_events = frozenset({"ht_grid_drop"})

    def __init__(self, children: Any = None, layout_updated: Any = None, **kwargs: Any) -> None:
        layout = kwargs.pop("layout", kwargs.pop("layout_sync", []))
        props = {name: kwargs.pop(name, default) for name, default in DEFAULTS.items()}
        draggable = kwargs.pop("is_draggable", True)
        resizable = kwargs.pop("is_resizable", True)
        blocking = kwargs.pop("prevent_collision", False)
        for name in _ACCEPTED:
            kwargs.pop(name, None)
        for event in ("layout_created", "layout_before_mount", "layout_mounted", "layout_ready", "breakpoint_changed"):
            kwargs.pop(event, None)
        super().__init__("div", children, **kwargs)
        self.__dict__["_grid"] = {"layout": _source(layout, self),
                                  **{name: _source(value, self) for name, value in props.items()}}
        self._layout_name = layout[0] if isinstance(layout, tuple) and layout else None
        classes = self.attributes.get("class")
        self.attributes["class"] = "ht-grid-layout" + (f" {classes}" if classes else "")
        g = self._grid
        g["resizable"] = _source(resizable, self)
        g["draggable"] = _source(draggable, self)
        self.__dict__["_grid_props"] = {**props, "draggable": draggable, "resizable": resizable,
                                        "prevent_collision": blocking, "updated": layout_updated}
        self._bindings["data-ht-grid"] = Computed(
            f"{self._ht_id} grid drag",
            [g["col_num"], g["row_height"], g["margin"], g["draggable"], g["resizable"]], _drag_attr,
        )
        self.__dict__["_keys_id"] = f"{self._ht_id}-keys"
        with building(self):  # what a keyboard user is told: how to move an item, and where it went
            el("span", KEYS_HELP, id=f"{self._ht_id}-keys", hidden=True)
            el("div", role="status", aria_live="polite", data_ht_grid_live=True, style=_UNSEEN)
        self._set("ht_grid_drop", (self._dropped, "[$event]"))
        self._bindings["style"] = Computed(
            f"{self._ht_id} grid height", [g["layout"], g["row_height"], g["margin"], g["vertical_compact"]],
            _layout_style,
        )
        _seed_defaults(self)

    def add(self, *items: Any) -> Any:
        """Append children; a ``GridItem`` among them is placed by this grid's props."""
        result = super().add(*items)
        for item in items:
            if isinstance(item, GridItem):
                item._place(self._grid, self._keys_id)
        return result

    def update(self, new_layout: Any = None) -> None:
        """trame's ``layout_updated`` handler: write *new_layout* to the layout's state key."""
        if self._layout_name and isinstance(new_layout, list):
            self.server.state[self._layout_name] = new_layout


    def _prop(self, name: str) -> Any:
        """A prop's value now: a bound state key's value, else the literal (bound expressions: the default)."""
        value = self._grid_props[name]
        if isinstance(value, tuple):
            key = value[0].strip() if value and isinstance(value[0], str) else ""
            return self.server.state[key] if A.is_identifier(key) and key in self.server.state else DEFAULTS.get(name)
        return value

    def _dropped(self, event: Any = None) -> None:
        """The page dropped an item on a cell: move it there, compact, and write the layout's state key."""
        what = "resizable" if isinstance(event, dict) and ("w" in event or "h" in event) else "draggable"
        if not self._layout_name or not A.is_identifier(self._layout_name) or self._prop(what) is False:
            log.warning("GridLayout: refused a drop on a grid whose layout is not a state key or not %s", what)
            return
        cols = _number(self._prop("col_num"), 12)
        vertical = self._prop("vertical_compact") is not False
        try:
            layout = move_item(self.server.state[self._layout_name], event, int(cols) or 1,
                               _compact if vertical else None, MAX_ITEMS,
                               prevent_collision=bool(self._prop("prevent_collision")))
        except MoveBlocked as exc:  # a person's ordinary move, not bad input
            log.info("GridLayout: %s", exc)
            return
        except MoveRefused as exc:
            log.warning("GridLayout: refused a drop: %s", exc)
            return
        self.server.state[self._layout_name] = layout
        updated = self._grid_props["updated"]
        if callable(updated):
            updated(layout)
        elif isinstance(updated, tuple) and updated and callable(updated[0]):
            updated[0](layout)


def _drag_attr(cols: Any, row_height: Any, margin: Any, draggable: Any, resizable: Any) -> str | None:
    """What the page needs to turn a drop point into a grid cell (none when items neither drag nor resize)."""
    if draggable is False and resizable is False:
        return None
    return json.dumps({"cols": max(1, int(_number(cols, 12)) or 1), "rowHeight": _number(row_height, 150),
                       "margin": list(_margins(margin)), "drag": draggable is not False,
                       "resize": resizable is not False})


def _layout_style(layout: Any, row_height: Any, margin: Any, vertical: Any) -> str:
    boxes = compact(layout) if vertical is not False else [_box(i) for i in (layout if isinstance(layout, list) else [])]
    rows = max((y + h for _, y, _, h in boxes), default=0.0)
    _, my = _margins(margin)
    return f"position: relative; min-height: {rows * (_number(row_height, 150) + my) + my:g}px"


class GridItem(AbstractElement):
    """One item: ``i``, ``x``, ``y``, ``w``, ``h`` (or ``v_bind`` an object holding them), placed
    by the enclosing ``GridLayout``'s columns, row height and margins."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        spread = kwargs.pop("v_bind", None)
        fields = {name: kwargs.pop(name, None) for name in ("i", "x", "y", "w", "h")}
        fixed = kwargs.get("static") is True or kwargs.get("is_draggable") is False
        sizable = kwargs.get("static") is not True and kwargs.get("is_resizable") is not False
        for name in _ACCEPTED:
            kwargs.pop(name, None)
        for event in ("move", "moved", "resize", "resized", "container_resized"):
            kwargs.pop(event, None)
        user_style = kwargs.pop("style", None)
        super().__init__("div", children, **kwargs)
        if spread is not None:
            item = spread[0] if isinstance(spread, tuple) else str(spread)
        else:
            item = "({" + ", ".join(f"{k}: {_source(v, self)}" for k, v in fields.items() if v is not None) + "})"
        style = None
        if isinstance(user_style, tuple):
            style = _source(user_style, self)
        elif user_style is not None:
            style = js(A.style_text(user_style))
        self.__dict__["_item"] = (item, style)
        if not fixed:  # the handle the page's drag code picks the item up by (grid_move.py)
            self._bindings["data-ht-grid-i"] = Computed(f"{self._ht_id} grid item key", [item], _item_key)
        classes = self.attributes.get("class")
        self.attributes["class"] = "ht-grid-item" + (f" {classes}" if classes else "")
        if sizable:  # vue-grid-layout's corner handle; the page's drag code resizes the item by it
            with building(self):
                handle = el("span", classes="ht-grid-item__resize", aria_hidden="true", data_ht_grid_resize=True,
                            style=_HANDLE)
            self.__dict__["_handle"] = handle
        self._place({})
        _seed_defaults(self)

    def _place(self, grid: dict, keys_id: str | None = None) -> None:
        """Position this item with *grid*'s props (expression sources; the defaults without a grid)."""
        item, style = self._item
        parts = [item, grid.get("layout", "[]"), grid.get("col_num", "12"), grid.get("row_height", "150"),
                 grid.get("margin", "[10, 10]"), grid.get("vertical_compact", "true")]
        self._bindings["data-ht-grid-cell"] = Computed(f"{self._ht_id} grid cell", parts[:2] + parts[5:], _item_cell)
        if style is not None:
            parts.append(style)
        self._bindings["style"] = Computed(f"{self._ht_id} grid item", parts, _item_style)
        if "data-ht-grid-i" in self._bindings:  # a Tab stop moved and resized with the keys (htmxtrame.js)
            self._bindings["tabindex"] = Computed(
                f"{self._ht_id} grid tab", [item, grid.get("draggable", "true"), grid.get("resizable", "true")],
                _item_tabindex)
            self.attributes["role"] = "group"  # aria-roledescription needs a role to describe
            self.attributes["aria-roledescription"] = "movable item"
            if keys_id:
                self.attributes["aria-describedby"] = keys_id
        handle = self.__dict__.get("_handle")
        if handle is not None:  # shown only when the grid and the item are resizable
            handle._bindings["hidden"] = Computed(f"{self._ht_id} grid resize", [grid.get("resizable", "true"), item],
                                                  _handle_hidden)


KEYS_HELP = "Arrow keys move the item one cell; Shift with arrow keys resizes it."
# seen by screen readers only: the live region saying where a keyboard move put the item
_UNSEEN = ("position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); "
           "white-space: nowrap")
_HANDLE = ("position: absolute; right: 0; bottom: 0; width: 14px; height: 14px; cursor: se-resize; "
           "touch-action: none; border-right: 2px solid currentColor; border-bottom: 2px solid currentColor; "
           "opacity: 0.5; box-sizing: border-box")


def _handle_hidden(resizable: Any, item: Any) -> bool:
    if resizable is False or _item_key(item) is None:
        return True
    return isinstance(item, dict) and item.get("isResizable") is False


def _item_key(item: Any) -> str | None:
    """The item's ``i`` as the page sends it back on a drop (none for a static item)."""
    if not isinstance(item, dict) or item.get("static") is True or item.get("isDraggable") is False:
        return None
    key = item.get("i")
    return str(key) if isinstance(key, (str, int)) and not isinstance(key, bool) else None


def _shown_box(item: Any, layout: Any, vertical: Any) -> tuple[float, float, float, float]:
    """Where *item* shows: its compacted box in *layout* (found by identity, else by its ``i``)."""
    box = _box(item)
    if vertical is not False and isinstance(layout, list):
        index = next((n for n, entry in enumerate(layout) if entry is item), None)
        if index is None and isinstance(item, dict) and "i" in item:
            index = next((n for n, entry in enumerate(layout)
                          if isinstance(entry, dict) and entry.get("i") == item["i"]), None)
        if index is not None and index < MAX_ITEMS:
            box = compact(layout)[index]
    return box


def _item_cell(item: Any, layout: Any, vertical: Any) -> str:
    """The cell the page's keyboard moves start from: ``x y w h`` in grid units."""
    return " ".join(f"{v:g}" for v in _shown_box(item, layout, vertical))


def _item_tabindex(item: Any, draggable: Any, resizable: Any) -> str | None:
    if _item_key(item) is None or (draggable is False and resizable is False):
        return None
    return "0"


def _item_style(item: Any, layout: Any, cols: Any, row_height: Any, margin: Any, vertical: Any,
                user: Any = None) -> str:
    style = item_style(_shown_box(item, layout, vertical), cols, row_height, margin)
    extra = _style_text(user)
    return f"{style}; {extra}" if extra else style


__all__ = ["GridItem", "GridLayout", "compact", "item_style"]

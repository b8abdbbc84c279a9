"""Moving one item of a ``trame.widgets.grid`` layout, as vue-grid-layout does when a user drops it.

The page sends where the user dropped an item (its ``i`` and the grid cell
``x``, ``y``; after a resize also ``w``, ``h``); :func:`move_item` returns the
new layout: the item at that cell (kept inside the columns), the items it
now overlaps pushed down below it, then every item floated up to the first
free row (vertical compaction), as vue-grid-layout's ``moveElement`` and
``compact`` leave it. Nothing the page sends is trusted: an unknown item or
a number out of range refuses the move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_ROW = 10_000  # a row past it is not a place a user dropped an item on


class MoveRefused(ValueError):
    """The page asked for a move that is not possible (unknown item, bad numbers)."""


def _cell(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise MoveRefused(f"{what} is not a number: {value!r:.40}")
    number = int(round(value))
    if not low <= number <= high:
        raise MoveRefused(f"{what} {number} is outside {low}..{high}")
    return number


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _num(item: dict, key: str, default: float) -> float:
    value = item.get(key, default)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value else default


def move_item(layout: list, event: Any, cols: int, compact: Callable[[tuple], list] | None = None,
              max_items: int = 300) -> list:
    """The layout after item ``event["i"]`` is dropped at ``event["x"]``, ``event["y"]`` (optionally
    resized to ``event["w"]`` x ``event["h"]``), then *compact*-ed (the grid's vertical compaction);
    raises :class:`MoveRefused` for a move that cannot be."""
    if not isinstance(event, dict):
        raise MoveRefused("the move is not an object")
    if not isinstance(layout, list) or len(layout) > max_items:
        raise MoveRefused(f"the layout is not a list of at most {max_items} items")
    key = event.get("i")
    if not isinstance(key, (str, int)) or isinstance(key, bool):
        raise MoveRefused("the item's i is missing")
    index = next((n for n, item in enumerate(layout) if isinstance(item, dict) and str(item.get("i")) == str(key)), None)
    if index is None:
        raise MoveRefused(f"no item {key!r:.40} in the layout")
    cols = max(1, int(cols))
    item = layout[index]
    if item.get("static") is True:
        raise MoveRefused(f"item {key!r:.40} is static")
    w = _cell(event["w"], 1, cols, "w") if "w" in event else max(1, min(cols, int(_num(item, "w", 1))))
    h = _cell(event["h"], 1, MAX_ROW, "h") if "h" in event else max(1, int(_num(item, "h", 1)))
    x = min(_cell(event.get("x", _num(item, "x", 0)), 0, MAX_ROW, "x"), cols - w)
    y = _cell(event.get("y", _num(item, "y", 0)), 0, MAX_ROW, "y")
    boxes = [(_num(e, "x", 0), _num(e, "y", 0), _num(e, "w", 1) or 1, _num(e, "h", 1) or 1)
             if isinstance(e, dict) else (0.0, 0.0, 1.0, 1.0) for e in layout]
    boxes[index] = (x, y, w, h)
    boxes = _push_down(boxes, index)
    if compact is not None:
        boxes = compact(tuple(boxes))
    result = []
    for entry, (bx, by, bw, bh) in zip(layout, boxes, strict=True):
        if not isinstance(entry, dict):
            result.append(entry)
            continue
        result.append({**entry, "x": _int(bx), "y": _int(by), "w": _int(bw), "h": _int(bh)})
    return result


def _int(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _push_down(boxes: list, moved: int) -> list:
    """The moved item stays; an item it lands on goes above it when there is room (dragging an
    item down past another swaps them, as in vue-grid-layout), else below whatever it overlaps."""
    placed = {moved: boxes[moved]}
    my = boxes[moved][1]
    for n in sorted((n for n in range(len(boxes)) if n != moved), key=lambda n: (boxes[n][1], boxes[n][0])):
        x, y, w, h = boxes[n]
        if _overlap((x, y, w, h), boxes[moved]):
            up = (x, max(my - h, 0), w, h)
            others = [b for k, b in enumerate(boxes) if k not in (n, moved) and k not in placed]
            if not any(_overlap(up, b) for b in [*placed.values(), *others]):
                placed[n] = up
                continue
        hit = next((p for p in placed.values() if _overlap((x, y, w, h), p)), None)
        while hit is not None:
            y = hit[1] + hit[3]
            hit = next((p for p in placed.values() if _overlap((x, y, w, h), p)), None)
        placed[n] = (x, y, w, h)
    return [placed[n] for n in range(len(boxes))]


__all__ = ["MoveRefused", "move_item"]

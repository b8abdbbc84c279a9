"""Moving one item of a ``trame.widgets.grid`` layout, as vue-grid-layout does when a user drops it.

The page sends where the user dropped an item (its ``i`` and the grid cell
``x``, ``y``; after a resize also ``w``, ``h``); :func:`move_item` returns the
new layout: the item at that cell (kept inside the columns), the items it
now overlaps pushed down below it, then every item floated up to the first
free row (vertical compaction), as vue-grid-layout's ``moveElement`` and
``compact`` leave it. Nothing the page sends is trusted: an unknown item or
a number out of range refuses the move.

A ``static`` item never moves: an item dropped on it goes above it when
there is room, else below it, and pushes and compaction flow around it; a
keyboard move (``step``) down onto one, or onto the gap above one, hops
below it.
With ``prevent_collision`` an item dropped on others is not moved at all
(:class:`MoveBlocked`), and a resize stops at the first item in its way, as
vue-grid-layout's ``moveElement`` and ``resizeEvent`` do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_ROW = 10_000  # a row past it is not a place a user dropped an item on


class MoveRefused(ValueError):
    """The page asked for a move that is not possible (unknown item, bad numbers)."""


class MoveBlocked(MoveRefused):
    """A move onto other items with ``prevent_collision``: the item stays where it was."""


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


def move_item(layout: list, event: Any, cols: int, compact: Callable[[tuple, frozenset], list] | None = None,
              max_items: int = 300, prevent_collision: bool = False) -> list:
    """The layout after item ``event["i"]`` is dropped at ``event["x"]``, ``event["y"]`` (optionally
    resized to ``event["w"]`` x ``event["h"]``), then *compact*-ed (the grid's vertical compaction,
    given the boxes and the indices of the static items); raises :class:`MoveRefused` for a move
    that cannot be, :class:`MoveBlocked` for one *prevent_collision* forbids."""
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
    statics = frozenset(n for n, e in enumerate(layout) if isinstance(e, dict) and e.get("static") is True)
    boxes = [(_num(e, "x", 0), _num(e, "y", 0), _num(e, "w", 1) or 1, _num(e, "h", 1) or 1)
             if isinstance(e, dict) else (0.0, 0.0, 1.0, 1.0) for e in layout]
    if compact is not None:  # the move starts from where the page shows the items
        boxes = list(compact(tuple(boxes), statics))
    resize = "w" in event or "h" in event
    w = _cell(event["w"], 1, cols, "w") if "w" in event else max(1, min(cols, int(boxes[index][2])))
    h = _cell(event["h"], 1, MAX_ROW, "h") if "h" in event else max(1, int(boxes[index][3]))
    x = min(_cell(event.get("x", boxes[index][0]), 0, MAX_ROW, "x"), cols - w)
    y = _cell(event.get("y", boxes[index][1]), 0, MAX_ROW, "y")
    place = (boxes, index, statics, compact, prevent_collision, resize)
    shown = boxes[index]
    out = _placed(*place, (x, y, w, h))
    if event.get("step") is True and not resize and y > shown[1] and out[index] == shown:
        # a keyboard move down that compaction undid: a static item (or a gap above one) is under
        # the item, which the keys could then never get past; the move hops below that item
        under = [b for n, b in enumerate(boxes) if n in statics and b[1] >= shown[1] + shown[3]
                 and b[0] < x + w and x < b[0] + b[2]]
        if under:
            nearest = min(under, key=lambda b: b[1])
            out = _placed(*place, (x, nearest[1] + nearest[3], w, h))
    result = []
    for entry, (bx, by, bw, bh) in zip(layout, out, strict=True):
        if not isinstance(entry, dict):
            result.append(entry)
            continue
        result.append({**entry, "x": _int(bx), "y": _int(by), "w": _int(bw), "h": _int(bh)})
    return result


def _placed(boxes: list, index: int, statics: frozenset, compact: Callable[[tuple, frozenset], list] | None,
            prevent_collision: bool, resize: bool, target: tuple) -> list:
    """The boxes once item *index* is at *target*: the others pushed aside, then compacted."""
    if prevent_collision:
        target = _unblocked(boxes, index, target, resize)
    moved = [*boxes[:index], target, *boxes[index + 1:]]
    moved = _push_down(_off_statics(moved, index, statics), index, statics)
    return list(compact(tuple(moved), statics)) if compact is not None else moved


def _unblocked(boxes: list, index: int, target: tuple, resize: bool) -> tuple:
    """*target* when it overlaps no other item; else a resize shrinks to the room before the
    nearest item right of / below the item's corner (vue-grid-layout's ``resizeEvent``) and a move
    is refused (its ``moveElement`` puts the item back)."""
    hits = [b for n, b in enumerate(boxes) if n != index and _overlap(target, b)]
    if not hits:
        return target
    if not resize:
        raise MoveBlocked("the item would overlap another (prevent_collision)")
    x, y, w, h = boxes[index]
    right = [b[0] for b in hits if b[0] > x]
    below = [b[1] for b in hits if b[1] > y]
    return (x, y, min(right) - x if right else w, min(below) - y if below else h)


def _off_statics(boxes: list, moved: int, statics: frozenset) -> list:
    """The moved item off any static item it lands on: just above it when that spot is free,
    else one row lower at a time (vue-grid-layout's ``moveElementAwayFromCollision``)."""
    x, y, w, h = boxes[moved]
    fixed = [boxes[n] for n in statics]
    hit = next((b for b in fixed if _overlap((x, y, w, h), b)), None)
    if hit is None:
        return boxes
    up = (x, max(hit[1] - h, 0), w, h)
    if not any(_overlap(up, b) for n, b in enumerate(boxes) if n != moved):
        y = up[1]
    else:
        while any(_overlap((x, y, w, h), b) for b in fixed):
            y += 1
    return [*boxes[:moved], (x, y, w, h), *boxes[moved + 1:]]


def _int(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _push_down(boxes: list, moved: int, statics: frozenset = frozenset()) -> list:
    """The moved item and the static ones stay; an item the moved one lands on goes above it when
    there is room (dragging an item down past another swaps them, as in vue-grid-layout), else
    below whatever it overlaps."""
    placed = {moved: boxes[moved], **{n: boxes[n] for n in statics if n != moved}}
    my = boxes[moved][1]
    rest = (n for n in range(len(boxes)) if n not in placed)
    for n in sorted(rest, key=lambda n: (boxes[n][1], boxes[n][0])):
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


__all__ = ["MoveBlocked", "MoveRefused", "move_item"]

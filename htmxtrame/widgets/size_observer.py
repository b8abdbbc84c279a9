"""``SizeObserver(name)``: the pixel size of an element, kept in the state (trame's component).

The page measures the element with a ``ResizeObserver`` (the glue watches
every ``data-ht-size`` element) and reports its box; the server checks the
numbers and sets ``state[name]`` to trame's shape::

    {"size": {"x", "y", "width", "height", "top", "right", "bottom", "left"},
     "pixelRatio": 2, "dpi": 192, "name": "figure_size"}

so a matplotlib figure or a chart can be drawn at the size it is shown::

    with trame.SizeObserver("figure_size"):
        figure = matplotlib.Figure(style="position: absolute")

The element is a ``div`` filling its parent (``width/height: 100%``), as in
trame. Each page reports its own size; the last report wins.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from ..elements import AbstractElement

log = logging.getLogger("htmxtrame.widgets.size_observer")

RECT_KEYS = ("x", "y", "width", "height", "top", "right", "bottom", "left")
MAX_PIXELS = 1_000_000  # larger than any screen: a report past it is not a real measurement
MAX_RATIO = 16.0
_STYLE = "overflow: hidden; position: relative; width: 100%; height: 100%; margin: 0; padding: 0;"


def _number(value: Any, limit: float) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if abs(value) > limit:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 3)


def size_report(event: Any, name: str) -> dict | None:
    """trame's size record from what a page reported, or ``None`` when it is not a plausible size."""
    if not isinstance(event, dict) or not isinstance(event.get("size"), dict):
        return None
    rect = {}
    for key in RECT_KEYS:
        value = _number(event["size"].get(key, 0), MAX_PIXELS)
        if value is None or (key in ("width", "height") and value < 0):
            return None
        rect[key] = value
    ratio = _number(event.get("pixelRatio", 1), MAX_RATIO)
    if ratio is None or ratio <= 0:
        return None
    return {"size": rect, "pixelRatio": ratio, "dpi": _number(96 * ratio, 96 * MAX_RATIO), "name": name}


class SizeObserver(AbstractElement):
    """A ``div`` whose size the page reports into ``state[name]`` (see the module docstring)."""

    _known_events = frozenset({"resize"})

    def __init__(self, name: str, children: Any = None, **kwargs: Any) -> None:
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"SizeObserver(name) takes the state key to fill, got {name!r}")
        style = kwargs.pop("style", None)
        super().__init__("div", children, **kwargs)
        self.attributes["style"] = _STYLE + (f" {style}" if isinstance(style, str) else "")
        self.attributes["data-ht-size"] = name
        self.__dict__["_size_key"] = name
        self._set("resize", (self._report, "[$event]"))

    def _report(self, event: Any = None) -> None:
        record = size_report(event, self.__dict__["_size_key"])
        if record is None:  # a page that sends nonsense changes nothing
            log.warning("SizeObserver(%r): refused a size report that is not a plausible size",
                        self.__dict__["_size_key"])
            return
        self.state[self.__dict__["_size_key"]] = record

"""``FloatCard``: a card floating over the page, moved by dragging its handle (trame's component).

``trame.FloatCard("text", location=[100, 50], handle_position="top")`` is a
Vuetify card fixed at ``location`` (pixels from the window's left and top
edges) above the page, with a dotted handle along one edge (``top``,
``bottom``, ``left`` or ``right``; ``handle_size`` pixels thick, in
``handle_color``). Dragging the handle moves the card with the pointer;
with the handle focused, the arrow keys move it too. As in trame the move
stays in the page: nothing goes to the server, and a re-render keeps the
card where the user left it until the server gives a new ``location``.

The card takes VCard's props (``color``, ``elevation``, ``width``, ...).
"""

from __future__ import annotations

import math
import re
from typing import Any

from .vuetify3.cards import VCard
from .vuetify3.computed import Computed
from .vuetify3.core import el, is_bound, src

DEFAULT_LOCATION = (100, 50)
HANDLE_POSITIONS = ("top", "bottom", "left", "right")
MAX_OFFSET = 100_000  # pixels: farther than any screen; a larger location is refused
_COLOR = re.compile(r"^[#A-Za-z0-9(),.%\s-]{1,64}$")  # one CSS colour, never a second declaration


def position(location: Any) -> dict[str, str]:
    """The card's ``left``/``top`` for *location* ``[x, y]``; trame's default for anything else."""
    if not isinstance(location, (list, tuple)) or len(location) != 2 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) <= MAX_OFFSET
            for v in location):
        location = DEFAULT_LOCATION
    return {"left": f"{location[0]:g}px", "top": f"{location[1]:g}px"}


def handle_style(color: Any, where: Any, size: Any) -> dict[str, str]:
    """The handle's CSS: a strip of dots ``size`` pixels thick along edge *where*."""
    color = color if isinstance(color, str) and _COLOR.match(color) else "#aaa"
    where = where if where in HANDLE_POSITIONS else "top"
    ok = isinstance(size, (int, float)) and not isinstance(size, bool) and math.isfinite(size)
    size = min(max(float(size), 4.0), 100.0) if ok else 12.0
    dots = f"radial-gradient({color} 25%, transparent 20%)"
    style = {
        "position": "absolute", "cursor": "grab", "touch-action": "none", "z-index": "1",
        "background-image": f"{dots}, {dots}",
        "background-position": f"-{size / 12:g}px 0, {size / 6:g}px {size / 4:g}px",
        "background-size": f"{size / 2:g}px {size / 2:g}px",
        where: "0",
    }
    if where in ("top", "bottom"):
        style.update({"background-repeat": "repeat, repeat-x", "left": "0", "width": f"calc(100% - {size / 3:g}px)",
                      "height": f"{size:g}px", "margin": f"0 {size / 6:g}px"})
    else:
        style.update({"background-repeat": "repeat, repeat-y", "top": "0", "height": f"calc(100% - {size / 3:g}px)",
                      "width": f"{size:g}px", "margin": f"{size / 6:g}px 0"})
    return style


def _location_key(location: Any) -> str:
    """The server's location as the page compares it (a new one moves a card the user dragged)."""
    box = position(location)
    return f"{box['left']},{box['top']}"


class FloatCard(VCard):
    """A card at ``location`` that the user drags by its handle (see the module docstring)."""

    _props = VCard._props | {"location", "handle_color", "handle_position", "handle_size"}

    def _build(self) -> None:
        super()._build()
        handle = el("div", classes="ht-float-card__handle", tabindex="0", role="button",
                    aria_label="Move the card (drag, or arrow keys)", data_ht_float_handle=True)
        parts = [src(self.prop("handle_color", "#aaa")), src(self.prop("handle_position", "top")),
                 src(self.prop("handle_size", 12))]
        handle._bindings["style"] = Computed(f"{self._ht_id} float card handle", parts, handle_style)

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        static = ["position: fixed", "z-index: 100"]
        location = self.prop("location", list(DEFAULT_LOCATION))
        if not is_bound(location):
            box = position(location)
            static += [f"left: {box['left']}", f"top: {box['top']}"]
        return static, []

    def _refresh(self) -> None:
        super()._refresh()
        location = self.prop("location", list(DEFAULT_LOCATION))
        self.attributes["class"] = f"{self.attributes.get('class', '')} ht-float-card".strip()
        if not is_bound(location):
            self.attributes["data-ht-float"] = _location_key(location)
            self._bindings.pop("data-ht-float", None)
            return
        self.attributes.pop("data-ht-float", None)
        self._bindings["data-ht-float"] = Computed(f"{self._ht_id} float card key", [src(location)], _location_key)
        user = self._bindings.get("style")
        parts = [src(location)] + ([f"({user.source})"] if user is not None else [])
        self._bindings["style"] = Computed(f"{self._ht_id} float card", parts, _bound_style)


def _bound_style(location: Any, user: Any = None) -> Any:
    return position(location) if user is None else [position(location), user]


__all__ = ["FloatCard", "handle_style", "position"]

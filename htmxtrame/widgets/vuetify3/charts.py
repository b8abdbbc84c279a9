"""Small charts drawn as SVG on the server: ``VSparkline``, ``VPie``, ``VPieSegment``, ``VPieTooltip``.

The geometry (a sparkline's path, a pie's arcs) is a Python function of the
values in state (:class:`~.computed.Computed`), so a chart re-renders when
its data changes and carries no script. Each chart is an ``<svg role="img">``
named by its ``title``/``aria_label``; a pie's legend lists every slice
with its value, readable without the picture.
"""

from __future__ import annotations

import math
from typing import Any

from ...elements.base import Loop
from .computed import Computed, Rows
from .core import VElement, el, is_bound, src, text_child

MAX_POINTS = 2000  # values a sparkline draws; the rest are dropped
MAX_SLICES = 100
PALETTE = ["#1867C0", "#E65100", "#2E7D32", "#AD1457", "#5E35B1", "#00838F", "#6D4C41", "#C62828", "#283593",
           "#558B2F"]


def _numbers(values: Any, key: Any = "value") -> list[float]:
    """The numbers of a data list (numbers, or dicts holding one at *key*), bounded, non-numbers as 0."""
    out = []
    for v in (values if isinstance(values, (list, tuple)) else [])[:MAX_POINTS]:
        if isinstance(v, dict):
            v = v.get(key, 0)
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = 0.0
        out.append(f if math.isfinite(f) else 0.0)
    return out


def _num(value: Any, default: float) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


def spark_points(values: Any, width: float, height: float, padding: float, lo: Any = None, hi: Any = None,
                 key: Any = "value") -> list[tuple[float, float]]:
    """Where each value sits in a ``width`` × ``height`` box (y grows downwards)."""
    nums = _numbers(values, key)
    if not nums:
        return []
    low = _num(lo, min(nums)) if lo is not None else min(nums)
    high = _num(hi, max(nums)) if hi is not None else max(nums)
    span = (high - low) or 1.0
    step = (width - 2 * padding) / max(1, len(nums) - 1)
    return [(round(padding + i * step, 2), round(height - padding - (min(max(v, low), high) - low) / span
                                                  * (height - 2 * padding), 2)) for i, v in enumerate(nums)]


def spark_path(points: list[tuple[float, float]], smooth: bool, fill: bool, height: float, padding: float) -> str:
    """An SVG path through *points* (rounded corners with *smooth*), closed to the bottom with *fill*."""
    if not points:
        return ""
    d = [f"M{points[0][0]} {points[0][1]}"]
    for i, (x, y) in enumerate(points[1:], 1):
        if smooth and i < len(points) - 1:
            nx, ny = points[i + 1]
            d.append(f"Q{x} {y} {round((x + nx) / 2, 2)} {round((y + ny) / 2, 2)}")
        else:
            d.append(f"L{x} {y}")
    if fill:
        d.append(f"L{points[-1][0]} {height - padding} L{points[0][0]} {height - padding} Z")
    return " ".join(d)


def bar_path(values: Any, width: float, height: float, padding: float, key: Any = "value") -> str:
    """Bars from the bottom, one per value, as one path of rectangles."""
    nums = _numbers(values, key)
    if not nums:
        return ""
    high = max(max(nums), 0) or 1.0
    slot = (width - 2 * padding) / len(nums)
    bar = max(0.5, slot * 0.7)
    out = []
    for i, v in enumerate(nums):
        h = max(0.0, v) / high * (height - 2 * padding)
        x = padding + i * slot + (slot - bar) / 2
        out.append(f"M{x:.2f} {height - padding:.2f}h{bar:.2f}v{-h:.2f}h{-bar:.2f}Z")
    return " ".join(out)


class VSparkline(VElement):
    """A tiny line (or ``type="bar"``) chart of ``model_value`` (numbers, or dicts with ``item_value``):
    ``color``, ``fill``, ``gradient`` (colours), ``line_width``, ``smooth``, ``padding``, ``min``/``max``,
    ``width``/``height`` (the drawing's units, default 300 × 75), ``labels``/``show_labels``.
    """

    _base = "v-sparkline"
    _tag = "svg"
    _color_mode = "text"
    _props = frozenset({"model_value", "value", "type", "fill", "gradient", "gradient_direction", "line_width",
                        "padding", "smooth", "labels", "show_labels", "label_size", "auto_line_width", "auto_draw",
                        "auto_draw_duration", "auto_draw_easing", "min", "max", "item_value", "title"})

    def _build(self) -> None:
        w, h = _num(self.prop("width", 300), 300), _num(self.prop("height", 75), 75)
        pad = _num(self.prop("padding", 8), 8)
        self.__dict__["_box"] = (w, h)
        self.attributes.update(viewBox=f"0 0 {w:g} {h:g}", role="img", preserveAspectRatio="none")
        title = self.prop("title", self.prop("aria_label"))
        if title is None:
            self.attributes.setdefault("aria-label", "Sparkline")
        elif is_bound(title):
            self._set("aria-label", title)
        else:
            self.attributes["aria-label"] = str(title)
        data = src(self.prop("model_value", self.prop("value", [])))
        key = self.prop("item_value", "value")
        lo, hi = src(self.prop("min")), src(self.prop("max"))
        smooth = self.prop("smooth") not in (None, False, 0)
        fill = self.prop("fill") not in (None, False)
        bar = self.prop("type") == "bar"
        gradient = self.prop("gradient")
        paint = "currentColor"
        if isinstance(gradient, (list, tuple)) and gradient:
            gid = f"{self._ht_id}-gradient"
            vertical = self.prop("gradient_direction", "top") in ("top", "bottom")
            with el("defs"):
                with el("linearGradient", id=gid, x1="0", y1="1" if vertical else "0", x2="0" if vertical else "1",
                        y2="0"):
                    for i, colour in enumerate(list(gradient)[:10]):
                        el("stop", offset=f"{i / max(1, len(gradient) - 1):.3f}", stop_color=str(colour))
            paint = f"url(#{gid})"
        path = el("path", stroke_linecap="round", stroke_linejoin="round")
        if bar:
            path._bindings["d"] = Computed(f"{self._ht_id} bars", [data], lambda v: bar_path(v, w, h, pad, key))
            path.attributes.update(fill=paint, stroke="none")
        else:
            def line(values: Any, low: Any, high: Any) -> str:
                return spark_path(spark_points(values, w, h, pad, low, high, key), smooth, fill, h, pad)

            path._bindings["d"] = Computed(f"{self._ht_id} line", [data, lo, hi], line)
            path.attributes.update({"fill": paint if fill else "none", "stroke": paint,
                                    "stroke-width": f"{_num(self.prop('line_width', 4), 4):g}"})
            path.attributes["vector-effect"] = "non-scaling-stroke"
        labels = self.prop("labels")
        if labels is not None or self.prop("show_labels") not in (None, False):
            shown = src(labels) if labels is not None else data

            def placed(values: Any, texts: Any, low: Any, high: Any) -> list[tuple]:
                pts = spark_points(values, w, h, pad, low, high, key)
                texts = texts if isinstance(texts, (list, tuple)) else []
                return [({"x": x, "text": texts[i] if i < len(texts) else ""},) for i, (x, _) in enumerate(pts)]

            rows = Rows(("lab",), [data, shown, lo, hi], placed, f"{self._ht_id} labels")
            text = el("text", "{{ lab.text }}", x=("lab.x",), y=str(h - 1), text_anchor="middle",
                      font_size=str(_num(self.prop("label_size", 7), 7)), fill="currentColor")
            text.__dict__["_loop"] = Loop(rows, rows.source)

    def _style_parts(self) -> tuple[list[str], list[str]]:
        saved = {k: self._p.pop(k) for k in ("width", "height") if k in self._p}  # drawing units, not CSS
        try:
            return super()._style_parts()
        finally:
            self._p.update(saved)


# -- pie -----------------------------------------------------------------------------------
def _tidy(x: float) -> float | int:
    """``60.0`` as ``60`` (what a person reads), other numbers as they are."""
    return int(x) if x.is_integer() else x


def arc_path(start: float, sweep: float, inner: float, radius: float = 50.0, center: float = 50.0) -> str:
    """An annular sector from angle *start* over *sweep* degrees (clockwise from 12 o'clock)."""
    sweep = max(0.0, min(sweep, 359.99))
    if sweep <= 0:
        return ""

    def at(angle: float, r: float) -> tuple[float, float]:
        a = math.radians(angle - 90)
        return round(center + r * math.cos(a), 3), round(center + r * math.sin(a), 3)

    large = 1 if sweep > 180 else 0
    x1, y1 = at(start, radius)
    x2, y2 = at(start + sweep, radius)
    if inner <= 0:
        return f"M{center} {center} L{x1} {y1} A{radius} {radius} 0 {large} 1 {x2} {y2} Z"
    x3, y3 = at(start + sweep, inner)
    x4, y4 = at(start, inner)
    return (f"M{x1} {y1} A{radius} {radius} 0 {large} 1 {x2} {y2} L{x3} {y3} "
            f"A{inner} {inner} 0 {large} 0 {x4} {y4} Z")


def pie_segments(items: Any, title_key: str = "title", value_key: str = "value", inner_cut: Any = 0,
                 rotate: Any = 0, gauge_cut: Any = 0, gap: Any = 0, palette: Any = None) -> list[dict]:
    """Each slice of a pie: its path, colour, title, value and percent."""
    rows = [i for i in (items if isinstance(items, (list, tuple)) else [])[:MAX_SLICES]]
    values = [max(0.0, v) for v in _numbers(rows, value_key)]
    total = sum(values) or 1.0
    colours = list(palette) if isinstance(palette, (list, tuple)) and palette else PALETTE
    cut = max(0.0, min(_num(gauge_cut, 0), 350))
    turn = 360.0 - cut
    angle = _num(rotate, 0) + cut / 2 + (180 if cut else 0)
    inner = max(0.0, min(_num(inner_cut, 0), 95)) / 2
    space = max(0.0, min(_num(gap, 0), 10))
    out = []
    for i, (item, value) in enumerate(zip(rows, values, strict=True)):
        sweep = value / total * turn
        d = arc_path(angle + space / 2, sweep - space if sweep > space else sweep, inner)
        angle += sweep
        colour = item.get("color") if isinstance(item, dict) and item.get("color") else colours[i % len(colours)]
        title = item.get(title_key, "") if isinstance(item, dict) else str(item)
        out.append({"d": d, "color": str(colour), "title": title, "value": _tidy(value),
                    "percent": _tidy(round(value / total * 100, 1)), "key": i})
    return out


class VPie(VElement):
    """A pie (``inner_cut`` > 0: a donut; ``gauge_cut``: a gauge) of ``items`` (``{title, value, color}``):
    ``item_title``/``item_value``, ``title``, ``legend`` (default on), ``rotate``, ``gap``, ``size``
    (px, default 250), ``palette``. Each slice has a ``<title>`` tooltip; the legend lists the values.
    """

    _base = "v-pie"
    _props = frozenset({"items", "item_key", "item_title", "item_value", "title", "legend", "rotate", "gap",
                        "inner_cut", "gauge_cut", "hover_scale", "rounded", "palette", "tooltip", "reveal",
                        "animation", "bg_color", "density", "hide_slice"})

    def _build(self) -> None:
        title = self.prop("title")
        if title is not None:
            el("div", text_child(title), classes="v-pie__title")
        size = _num(self.prop("size", 250), 250)
        keys = (str(self.prop("item_title", "title")), str(self.prop("item_value", "value")))
        parts = [src(self.prop("items", [])), src(self.prop("inner_cut", 0)), src(self.prop("rotate", 0)),
                 src(self.prop("gauge_cut", 0)), src(self.prop("gap", 0)), src(self.prop("palette"))]

        def rows(items: Any, inner: Any, rotate: Any, gauge: Any, gap: Any, palette: Any) -> list[tuple]:
            return [(s,) for s in pie_segments(items, keys[0], keys[1], inner, rotate, gauge, gap, palette)]

        with el("div", classes="v-pie__content"):
            name = title if title is not None else self.prop("aria_label", "Pie chart")
            picture = el("svg", viewBox="0 0 100 100", classes="v-pie__svg", role="img",
                         style=f"width: {size:g}px; height: {size:g}px")
            if is_bound(name):
                picture._set("aria-label", name)
            else:
                picture.attributes["aria-label"] = str(name)
            with picture:
                seg = el("path", classes="v-pie-segment", d=("s.d",), fill=("s.color",))
                loop = Rows(("s",), parts, rows, f"{self._ht_id} slices")
                seg.__dict__["_loop"] = Loop(loop, loop.source)
                with seg:
                    el("title", "{{ s.title }}: {{ s.value }} ({{ s.percent }}%)")
        legend = self.prop("legend", True)
        if legend not in (False, None):
            with el("ul", classes="v-pie__legend", aria_label="Legend"):
                item = el("li", classes="v-pie__legend-item")
                loop = Rows(("s",), parts, rows, f"{self._ht_id} legend")
                item.__dict__["_loop"] = Loop(loop, loop.source)
                with item:
                    el("span", classes="v-pie__legend-swatch", aria_hidden="true",
                       style=("{backgroundColor: s.color}",))
                    el("span", "{{ s.title }}", classes="v-pie__legend-title")
                    el("span", "{{ s.value }}", classes="v-pie__legend-value")

    def _style_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("size", None)
        try:
            return super()._style_parts()
        finally:
            if saved is not None:
                self._p["size"] = saved


class VPieSegment(VElement):
    """One slice on its own: ``value`` (percent of a turn), ``rotate`` (degrees), ``color``, ``inner_cut``."""

    _base = "v-pie-segment"
    _tag = "svg"
    _color_mode = "text"
    _props = frozenset({"value", "rotate", "inner_cut", "gap", "rounded", "hide_slice", "reveal", "animation",
                        "hover_scale", "title"})

    def _build(self) -> None:
        self.attributes.update(viewBox="0 0 100 100", role="img")
        value = self.prop("value", 0)
        self.attributes.setdefault("aria-label", f"{value}%" if not is_bound(value) else "Segment")
        if is_bound(value):
            self._set("aria-label", (f"({value[0]}) + '%'",))
        path = el("path", fill="currentColor")
        path._bindings["d"] = Computed(f"{self._ht_id} slice", [src(value), src(self.prop("rotate", 0)),
                                                                  src(self.prop("inner_cut", 0))],
                                       lambda v, r, c: arc_path(_num(r, 0), _num(v, 0) * 3.6,
                                                                max(0.0, min(_num(c, 0), 95)) / 2))
        if self.prop("color") is None:
            self._p["color"] = "primary"


class VPieTooltip(VElement):
    """A pie slice's details as a small box: ``title`` and ``value`` (or children)."""

    _base = "v-pie-tooltip"
    _props = frozenset({"title", "value", "segment", "offset", "transition", "model_value", "target"})

    def _build(self) -> None:
        self.attributes["role"] = "note"
        for part in ("title", "value"):
            if self.prop(part) is not None:
                el("span", text_child(self.prop(part)), classes=f"v-pie-tooltip__{part}")
        segment = self.prop("segment")
        if is_bound(segment):
            el("span", "{{ (" + str(segment[0]) + ").title }}: {{ (" + str(segment[0]) + ").value }}",
               classes="v-pie-tooltip__segment")


__all__ = ["VPie", "VPieSegment", "VPieTooltip", "VSparkline", "arc_path", "bar_path", "pie_segments", "spark_path",
           "spark_points"]

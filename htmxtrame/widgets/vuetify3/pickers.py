"""Pickers: ``VDatePicker`` (a month grid computed on the server), ``VColorPicker``, ``VRating``.

``VDatePicker(v_model=("day", "2024-05-17"))`` holds an ISO date string
(``"YYYY-MM-DD"``, what trame's date picker is given), or a list of them
with ``multiple``; the month shown moves with the previous/next buttons
and, as in Vuetify, to the model's month when the model changes. ``VColorPicker`` is the browser's colour input
plus a hex field and swatches; its model is a ``#RRGGBB`` string.
``VRating`` is a row of radio buttons drawn as stars, so arrow keys change
it as they do in Vuetify.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from ...elements.base import Loop, Model
from ...expr import compile_expr, compile_statement
from .computed import Assign, Computed, Rows
from .containers import VBtn
from .core import VElement, el, handler, is_bound, js, src
from .icons import VIcon

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def parse_date(value: Any) -> dt.date | None:
    """A state value as a date: ``date``/``datetime``, or a string starting ``YYYY-MM-DD``; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _ISO.match(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _shift(year: int, month: int, by: int) -> str:
    n = year * 12 + (month - 1) + by
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_view(model: Any, shown: Any, low: Any, high: Any, first_day: int = 0, today: dt.date | None = None) -> dict:
    """What a date picker shows: header text, month label, prev/next months and the weeks of day cells."""
    today = today or dt.date.today()
    chosen = [d for d in (parse_date(v) for v in (model if isinstance(model, list) else [model])) if d]
    if isinstance(shown, dict):  # the month a person paged to, while the model is what it was then
        shown = shown.get("month") if shown.get("at") == model else None
    m = re.fullmatch(r"(\d{4})-(\d{2})", shown) if isinstance(shown, str) else None
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 9999:
        year, month = int(m.group(1)), int(m.group(2))
    else:
        anchor = chosen[0] if chosen else today
        year, month = anchor.year, anchor.month
    low_d, high_d = parse_date(low), parse_date(high)
    weeks = []
    cal = calendar.Calendar(firstweekday=(first_day - 1) % 7)  # Vuetify counts from Sunday = 0
    for week in cal.monthdatescalendar(year, month):
        row = []
        for day in week:
            off = (low_d is not None and day < low_d) or (high_d is not None and day > high_d)
            # the button's name starts with the number it shows ("2 December 2026, Wednesday")
            name = f"{day.day} {_MONTHS[day.month - 1]} {day.year}, {_DAYS[day.weekday()]}"
            row.append({"date": day.isoformat(), "day": day.day, "name": name, "outside": day.month != month,
                        "disabled": off,
                        "today": day == today, "selected": day in chosen})
        weeks.append(row)
    header = ", ".join(f"{_DAYS[d.weekday()][:3]}, {_MONTHS[d.month - 1][:3]} {d.day}" for d in chosen[:3])
    first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return {"weeks": weeks, "label": f"{_MONTHS[month - 1]} {year}", "header": header,
            "prev": _shift(year, month, -1), "next": _shift(year, month, 1),
            "prevOff": low_d is not None and first <= low_d, "nextOff": high_d is not None and last >= high_d}


class VDatePicker(VElement):
    """A month calendar: ``v_model`` (ISO date string), ``min``/``max``, ``multiple``, ``title``, ``first_day_of_week``."""

    _base = "v-date-picker v-picker v-sheet"
    _props = frozenset({"min", "max", "multiple", "title", "header", "hide_header", "first_day_of_week",
                        "show_adjacent_months", "disabled", "bg_color", "header_color", "landscape", "readonly",
                        "no_title", "hide_weekdays", "divided", "show_week", "locale", "type", "month", "year",
                        "view_mode", "allowed_dates"})
    _known_events = VElement._known_events | {"update_month", "update_year", "update_viewMode", "click_date"}
    _controls = True  # VDatePickerMonth: the grid alone

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__date_{self._ht_id}"
            self._defaults.append((model, None))
        shown = f"ht__date_{self._ht_id}_month"
        self._defaults.append((shown, None))
        first = self.prop("first_day_of_week", 0)
        first = int(first) if isinstance(first, (int, float)) or str(first).isdigit() else 0
        parts = [model, shown, src(self.prop("min")), src(self.prop("max"))]
        rows = Rows(("dp",), parts, lambda m, s, lo, hi: [(month_view(m, s, lo, hi, first),)],
                    f"{self._ht_id} month")
        body = el("div", classes="v-slot")
        body.__dict__["_loop"] = Loop(rows, rows.source)
        disabled = self.prop("disabled") not in (None, False) or self.prop("readonly") not in (None, False)
        with body:
            if self.prop("hide_header") in (None, False) and self.prop("no_title") in (None, False):
                with el("div", classes="v-picker-title v-date-picker-header"):
                    el("div", str(self.prop("title", "Select date")), classes="v-date-picker-header__title")
                    el("div", "{{ dp.header || " + js(self.prop("header", "Enter date")) + " }}",
                       classes="v-date-picker-header__content", aria_live="polite")
            with el("div", classes="v-date-picker-controls", v_if="true" if self._controls else "false"):
                el("div", "{{ dp.label }}", classes="v-date-picker-controls__month-label", aria_live="polite")
                el("div", classes="v-spacer")
                for kind, glyph, label in (("prev", "mdi-chevron-left", "Previous month"),
                                           ("next", "mdi-chevron-right", "Next month")):
                    btn = VBtn(icon=glyph, variant="text", size="small", aria_label=label,
                               classes=f"v-date-picker-controls__{kind}", disabled=(f"dp.{kind}Off",))
                    btn._events["click"] = handler("click", f"{shown} = {{month: dp.{kind}, at: {model} ?? null}}")
            with el("div", classes="v-date-picker-month", role="grid", data_ht_roving=True, data_ht_cols="7",
                    aria_label=("dp.label",)):
                if self.prop("hide_weekdays") in (None, False):
                    with el("div", classes="v-date-picker-month__weekdays", role="row"):
                        for i in range(7):
                            name = ("Sunday",) + _DAYS[:6]
                            day = name[(first + i) % 7]
                            el("div", day[0], classes="v-date-picker-month__weekday", role="columnheader",
                               title=day)
                with el("div", classes="v-date-picker-month__days", role="row", v_for="week in dp.weeks"), \
                        el("div", classes="v-date-picker-month__day", role="gridcell", v_for="d in week"):
                    self._day(model, disabled)
        self.__dict__["_model_key"] = model

    def _day(self, model: str, disabled: bool) -> None:
        adjacent = self.prop("show_adjacent_months") not in (None, False)
        btn = el("button", "{{ d.day }}", type="button", data_ht_press=True, v_if="!d.outside" if not adjacent else None,
                 aria_label=("d.name",), data_v_date=("d.date",), aria_pressed=("String(d.selected)",),
                 classes=(("['v-date-picker-month__day-btn', {'v-date-picker-month__day--selected': d.selected, "
                          "'v-date-picker-month__day--today': d.today, 'v-date-picker-month__day--adjacent': "
                          "d.outside}]"),))
        if disabled:
            btn.attributes["disabled"] = True
            return
        btn._set("disabled", ("d.disabled",))
        if self.prop("multiple") not in (None, False):
            cur = f"[].concat({model} ?? [])"
            code = f"{model} = {cur}.includes(d.date) ? {cur}.filter(x => x !== d.date) : {cur}.concat([d.date])"
        else:
            code = f"{model} = d.date"
        btn._events["click"] = handler("click", code)
        self.chain(btn, "click", "update_modelValue", model)


# -- colour -------------------------------------------------------------------------------
SWATCHES = [["#F44336", "#E91E63", "#9C27B0", "#673AB7", "#3F51B5", "#2196F3", "#03A9F4", "#00BCD4", "#009688",
             "#4CAF50"],
            ["#8BC34A", "#CDDC39", "#FFEB3B", "#FFC107", "#FF9800", "#FF5722", "#795548", "#607D8B", "#9E9E9E",
             "#000000"]]


def hex_color(value: Any) -> str:
    """``#f80``, ``F80``, ``#ff8800ff`` → ``#FF8800``; anything else raises ValueError."""
    m = _HEX.fullmatch(value.strip()) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"a colour is a hex string such as '#1867C0', got {str(value)[:40]!r}")
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits[:6].upper()


def _shown_color(value: Any) -> str:
    try:
        return hex_color(value).lower()
    except ValueError:
        return "#000000"


class VColorPicker(VElement):
    """A colour chooser: ``v_model`` (``#RRGGBB``), ``show_swatches``/``swatches``, ``hide_inputs``.

    The browser's colour input stands in for Vuetify's canvas and sliders.
    """

    _base = "v-color-picker v-sheet"
    _default_variant = None
    _props = frozenset({"show_swatches", "swatches", "hide_inputs", "hide_canvas", "hide_sliders", "mode", "modes",
                        "disabled", "canvas_height", "dot_size", "swatches_max_height", "hide_mode_switch",
                        "hide_eye_dropper", "title", "landscape", "divided", "bg_color", "hide_header"})

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__color_{self._ht_id}"
            self._defaults.append((model, "#FF0000"))
        write = Assign(f"{self._ht_id} colour", compile_statement(f"{model} = $value"), ["$value"], hex_color)
        disabled = self.prop("disabled") not in (None, False)
        if self.prop("width") is None:
            self._p["width"] = 300
        with el("div", classes="v-color-picker-preview"):
            native = el("input", type="color", classes="v-color-picker__native", aria_label="Color")
            native.__dict__["_model"] = Model(Computed(f"{self._ht_id} shown colour", [model], _shown_color), write)
            el("span", classes="v-color-picker-preview__dot", style=(f"{{background: {model}}}",), aria_hidden="true")
            if self.prop("hide_inputs") in (None, False):
                text = el("input", type="text", classes="v-color-picker-edit__input", aria_label="Hex colour",
                          spellcheck="false", maxlength="9")
                text.__dict__["_model"] = Model(compile_expr(f"String({model} ?? '')"), write, frozenset({"lazy"}))
        if self.prop("show_swatches") not in (None, False) or self.prop("swatches") is not None:
            self._swatches(model)
        if disabled:
            for node in self.walk():
                if node.tagname in ("input", "button"):
                    node.attributes["disabled"] = True
        self.chain(native, "input", "update_modelValue", model)

    def _swatches(self, model: str) -> None:
        rows = self.prop("swatches", SWATCHES)
        rows = rows if isinstance(rows, list) else SWATCHES
        height = self.prop("swatches_max_height", 150)
        with el("div", classes="v-color-picker-swatches", role="group", aria_label="Swatches",
                style=f"max-height: {height}px" if isinstance(height, (int, float)) else None):
            for row in rows:
                with el("div", classes="v-color-picker-swatches__row"):
                    for color in (row if isinstance(row, list) else [row]):
                        try:
                            value = hex_color(color)
                        except ValueError:
                            continue
                        picked = f"String({model} ?? '').toUpperCase() === {js(value)}"
                        btn = el("button", type="button", classes="v-color-picker-swatches__color",
                                 style=f"background: {value}", aria_label=value, aria_pressed=(f"String({picked})",))
                        btn._events["click"] = handler("click", f"{model} = {js(value)}")
                        self.chain(btn, "click", "update_modelValue", model)


# -- rating -------------------------------------------------------------------------------
class VRating(VElement):
    """Stars to rate with: ``v_model`` (a number), ``length``, ``hover``, ``readonly``, icons, ``item_labels``."""

    _base = "v-rating"
    _color_mode = "text"
    _props = frozenset({"length", "hover", "readonly", "disabled", "clearable", "empty_icon", "full_icon",
                        "half_increments", "active_color", "item_aria_label", "item_labels", "item_label_position",
                        "ripple", "name", "model_value", "background_color", "half_icon", "icon_label", "dense"})
    _flag_props = ("hover", "readonly")

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__rating_{self._ht_id}"
            value = self.prop("model_value", 0)
            self._defaults.append((model, value if not is_bound(value) else 0))
        length = src(self.prop("length", 5))
        self.attributes["role"] = "radiogroup"
        self.attributes.setdefault("aria-label", "Rating")
        inactive = self.prop("readonly") not in (None, False) or self.prop("disabled") not in (None, False)
        label = self.prop("item_aria_label", self.prop("icon_label", "Rating {0} of {1}"))
        with el("div", classes="v-rating__wrapper"):
            item = el("label", v_for=f"i in {length}",
                      classes=(f"['v-rating__item', {{'v-rating__item--full': i <= Number({model} ?? 0)}}]",))
            with item:
                radio = el("input", type="radio", classes="v-rating__hidden", name=self._ht_id, value=("i",),
                           aria_label=(f"{js(str(label))}.replace('{{0}}', i).replace('{{1}}', {length})",))
                VIcon(icon=self.prop("full_icon", "mdi-star"), classes="v-rating__full")
                VIcon(icon=self.prop("empty_icon", "mdi-star-outline"), classes="v-rating__empty")
            labels = self.prop("item_labels")
            if labels is not None:
                item.add(el("span", "{{ (" + src(labels) + ")[i - 1] ?? '' }}", classes="v-rating__item-label"))
        if inactive:
            radio.attributes["disabled"] = True
            radio._set("checked", (f"i === Number({model})",))
            return
        radio.__dict__["_model"] = Model(compile_expr(model), compile_statement(f"{model} = $value"), frozenset())
        self.chain(radio, "change", "update_modelValue", model)
        if self.prop("clearable") not in (None, False):
            # a click on the chosen star clears it (a checked radio sends no change)
            radio._events["click"] = handler("click", f"{model} === i ? ({model} = 0) : null")

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if self.prop("disabled") not in (None, False):
            static.append("v-rating--disabled")
        return static, dynamic


__all__ = ["VColorPicker", "VDatePicker", "VRating", "hex_color", "month_view", "parse_date"]

"""Dates, times and colours typed or picked: ``VPicker``, the date picker's parts,
``VDateInput``, ``VTimePicker`` (+ clock, controls) and ``VColorInput``.

Models are what trame apps hand Vuetify: ISO date strings
(``"2024-05-17"``), ``"HH:MM"`` (``"HH:MM:SS"`` with ``use_seconds``) times,
``#RRGGBB`` colours, a month index 0–11 and a year number. Typed text that
does not parse keeps the old value and shows a message on the field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop, Model
from ...expr import compile_expr, compile_statement
from .computed import Assign, Computed, Rows
from .containers import VBtn
from .core import VElement, el, handler, is_bound, js, place, src, text_child
from .icons import icon
from .pickers import _MONTHS, VDatePicker, _shown_color, hex_color, parse_date
from .typed import ParsedField


def _on(value: Any) -> bool:
    return value not in (None, False)


class VPicker(VElement):
    """A picker's sheet: ``title`` on top, the body (default slot), an ``actions`` slot."""

    _base = "v-picker v-sheet"
    _props = frozenset({"title", "landscape", "hide_header", "bg_color", "divided", "location", "position",
                        "tag", "border"})

    def _build(self) -> None:
        if self.prop("title") is not None and not _on(self.prop("hide_header")):
            self._slots["title"] = VPickerTitle(text=self.prop("title"))
        self._slots["default"] = el("div", classes="v-picker__body")

    def _slot(self, name: str = "default") -> AbstractElement:
        if name == "actions":
            return self.named_slot("actions", lambda: el("div", classes="v-picker__actions"))
        if name == "title":  # a title slot replaces the prop's text, on top
            return self.named_slot("title", lambda: place(self, VPickerTitle(), 0))
        return super()._slot(name)


class VPickerTitle(VElement):
    """A picker's small upper-case title (``text`` or children)."""

    _base = "v-picker-title"
    _props = frozenset({"text", "tag"})

    def _build(self) -> None:
        if self.prop("text") is not None:
            self.add(text_child(self.prop("text")))


class VDatePickerHeader(VElement):
    """The date picker's header: ``title`` above the big ``header`` text; ``click_header`` when clicked."""

    _base = "v-date-picker-header"
    _props = frozenset({"header", "title", "append_icon", "transition"})
    _known_events = VElement._known_events | {"click_header", "click_append"}

    def _build(self) -> None:
        if self.prop("title") is not None:
            el("div", text_child(self.prop("title")), classes="v-date-picker-header__title")
        content = el("div", classes="v-date-picker-header__content", aria_live="polite")
        if self.prop("header") is not None:
            content.add(text_child(self.prop("header")))
        h = self.take_event("click_header")
        if h is not None:
            content._events["click"] = h
        if self.prop("append_icon") is not None:
            btn = el("button", icon(self.prop("append_icon")), type="button", classes="v-date-picker-header__append",
                     aria_label="More")
            h = self.take_event("click_append")
            if h is not None:
                btn._events["click"] = h


class VDatePickerControls(VElement):
    """The month/year line: ``text`` and the previous/next buttons, raising ``click_prev``/``click_next``/``click_text``."""

    _base = "v-date-picker-controls"
    _props = frozenset({"text", "disabled", "active", "next_icon", "prev_icon", "mode_icon", "view_mode",
                        "control_height"})
    _known_events = VElement._known_events | {"click_prev", "click_next", "click_text", "click_month", "click_year"}

    def _build(self) -> None:
        label = el("button", type="button", classes="v-date-picker-controls__month-btn")
        if self.prop("text") is not None:
            label.add(text_child(self.prop("text")))
        self.chain(label, "click", "click_text", None)
        el("div", classes="v-spacer")
        disabled = self.prop("disabled")
        for kind, glyph, name in (("prev", self.prop("prev_icon", "mdi-chevron-left"), "Previous month"),
                                  ("next", self.prop("next_icon", "mdi-chevron-right"), "Next month")):
            off = disabled if isinstance(disabled, bool) or is_bound(disabled) else \
                (kind in disabled if isinstance(disabled, (list, str)) else None)
            btn = VBtn(icon=glyph, variant="text", size="small", aria_label=name,
                       classes=f"v-date-picker-controls__{kind}", disabled=off)
            h = self.take_event(f"click_{kind}")
            if h is not None:
                btn._events["click"] = h


class VDatePickerMonth(VDatePicker):
    """The day grid alone (a :class:`VDatePicker` without header and controls)."""

    _controls = False

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("hide_header", True)
        super().__init__(children, **kwargs)


def _pick_button(widget: VElement, model: str, value: Any, text: str, classes: str, selected: str,
                 disabled: bool, **attrs: Any) -> None:
    """One button of a picker's grid or dial: pressed while *model* holds *value*, a click writes it."""
    v = js(value)
    btn = el("button", text, type="button", data_ht_press=True, aria_pressed=(f"String(({model}) === {v})",),
             classes=(f"['{classes}', {{'{selected}': ({model}) === {v}}}]",), **attrs)
    if disabled:
        btn.attributes["disabled"] = True
        return
    btn._events["click"] = handler("click", f"{model} = {v}")
    widget.chain(btn, "click", "update_modelValue", model)


def _grid_pick(widget: VElement, base: str, items: list[tuple[Any, str]], model: str, cols: int) -> None:
    """Buttons in a roving grid, each writing its value to *model* (months, years)."""
    disabled = _on(widget.prop("disabled"))
    with el("div", classes=f"{base}__content", role="group", data_ht_roving=True, data_ht_cols=str(cols),
            aria_label=widget.prop("aria_label", "")):
        for value, text in items:
            _pick_button(widget, model, value, text, f"{base}__btn v-btn v-btn--variant-text",
                         f"{base}__btn--selected", disabled, data_v_value=str(value))


class VDatePickerMonths(VElement):
    """Twelve month buttons: ``v_model`` the month index 0–11."""

    _base = "v-date-picker-months"
    _props = frozenset({"color", "height", "min", "max", "year", "disabled"})

    def _build(self) -> None:
        model = self.model_source() or self._local("month", None)
        self._p.setdefault("aria_label", "Months")
        _grid_pick(self, "v-date-picker-months", [(i, name[:3]) for i, name in enumerate(_MONTHS)], model, 3)

    def _local(self, what: str, value: Any) -> str:
        key = f"ht__{what}_{self._ht_id}"
        self._defaults.append((key, value))
        return key


class VDatePickerYears(VDatePickerMonths):
    """Year buttons from ``min`` to ``max`` (100 years either side of this one by default): ``v_model`` a year."""

    _base = "v-date-picker-years"

    def _build(self) -> None:
        model = self.model_source() or self._local("year", None)
        this = dt.date.today().year
        low, high = parse_date(self.prop("min")), parse_date(self.prop("max"))
        first = low.year if low else this - 100
        last = high.year if high else this + 100
        first, last = min(first, last), max(first, last)
        last = min(last, first + 400)  # a bounded page, whatever the props say
        self._p.setdefault("aria_label", "Years")
        _grid_pick(self, "v-date-picker-years", [(y, str(y)) for y in range(first, last + 1)], model, 3)

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        return ["max-height: 300px", "overflow-y: auto"], []


# -- typed dates ------------------------------------------------------------------------------------------------------
_US = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


def read_date(text: Any, low: Any = None, high: Any = None) -> str | None:
    """Typed text as an ISO date (``2024-05-17`` or ``5/17/2024``), within ``min``/``max``; else ValueError."""
    if text is None or not str(text).strip():
        return None
    s = str(text).strip()
    day = None
    m = _US.fullmatch(s)
    if m:
        try:
            day = dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            day = None
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        day = parse_date(s)
    if day is None:
        raise ValueError(f"{s[:40]!r} is not a date; write it as YYYY-MM-DD")
    lo, hi = parse_date(low), parse_date(high)
    if lo and day < lo:
        raise ValueError(f"Pick a date on or after {lo.isoformat()}")
    if hi and day > hi:
        raise ValueError(f"Pick a date on or before {hi.isoformat()}")
    return day.isoformat()


class VDateInput(ParsedField):
    """A date field: type ``YYYY-MM-DD`` (or ``M/D/YYYY``), or open the calendar with its button."""

    _kind = "date-input"
    _props = ParsedField._props | {"first_day_of_week", "hide_actions", "show_adjacent_months", "title", "header",
                                   "display_format", "input_format", "location", "update_on", "multiple"}
    _parsed_props = ("min", "max")

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", "YYYY-MM-DD")
        kwargs.setdefault("prepend_inner_icon", None)
        super().__init__(children, **kwargs)

    def parse(self, text: Any, current: Any, *parts: Any) -> Any:
        return read_date(text, *parts)

    def _build(self) -> None:
        super()._build()
        m = self._model_src
        if m is None:
            return
        opened = f"ht__open_{self._ht_id}"
        self._defaults.append((opened, False))
        btn = self.add_button("mdi-calendar", "Choose a date", f"{opened} = !{opened}", "end",
                              aria_expanded=(f"String(!!{opened})",))
        btn.attributes.pop("tabindex", None)  # the only way to the calendar: a tab stop
        if _on(self.prop("disabled")) or _on(self.prop("readonly")):
            btn.attributes["disabled"] = True
        for name in ("min", "max"):
            self.control.attributes.pop(name, None)
        with el("div", classes="v-date-input__menu", v_if=opened):
            picker = VDatePicker(v_model=(m,), min=self.prop("min"), max=self.prop("max"),
                                 title=self.prop("title", "Select date"),
                                 first_day_of_week=self.prop("first_day_of_week", 0),
                                 update_modelValue=f"{opened} = false; {self._err_key} = null")
        picker.attributes["aria-label"] = "Calendar"


# -- times --------------------------------------------------------------------------------------------------------------
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def read_time(text: Any, low: Any = None, high: Any = None, seconds: bool = False) -> str | None:
    """A time as ``HH:MM`` (``HH:MM:SS`` with *seconds*), within ``min``/``max``; else ValueError."""
    if text is None or not str(text).strip():
        return None
    m = _TIME.fullmatch(str(text).strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or int(m.group(3) or 0) > 59:
        raise ValueError(f"{str(text)[:40]!r} is not a time; write it as HH:MM")
    h, mi, se = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    value = f"{h:02d}:{mi:02d}" + (f":{se:02d}" if seconds else "")
    for bound, cmp, word in ((low, lambda a, b: a < b, "after"), (high, lambda a, b: a > b, "before")):
        if isinstance(bound, str) and _TIME.fullmatch(bound):
            b = _TIME.fullmatch(bound)
            assert b is not None
            if cmp((h, mi, se), (int(b.group(1)), int(b.group(2)), int(b.group(3) or 0))):
                raise ValueError(f"Pick a time at or {word} {bound}")
    return value


class VTimePicker(VElement):
    """A time picker: ``v_model`` ``"HH:MM"``, ``format`` (``"ampm"``/``"24hr"``), ``use_seconds``, ``min``/``max``.

    The header shows the time; the browser's time input (keyboard operable,
    in the person's locale) sets it.
    """

    _base = "v-time-picker v-picker v-sheet"
    _props = frozenset({"format", "use_seconds", "min", "max", "title", "hide_header", "disabled", "readonly",
                        "scrollable", "allowed_hours", "allowed_minutes", "allowed_seconds", "ampm_in_title",
                        "landscape", "bg_color", "view_mode", "divided", "hide_title"})
    _known_events = VElement._known_events | {"update_hour", "update_minute", "update_second", "update_period",
                                              "update_viewMode"}

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__time_{self._ht_id}"
            self._defaults.append((model, None))
        err = f"ht__error_{self._ht_id}"
        self._defaults.append((err, None))
        seconds = _on(self.prop("use_seconds"))
        if not _on(self.prop("hide_header")) and not _on(self.prop("hide_title")):
            VPickerTitle(text=self.prop("title", "Select time"))
            VTimePickerControls(value=(model,), ampm=self.prop("format") == "ampm")
        with el("div", classes="v-time-picker__body"):
            field = el("input", type="time", classes="v-time-picker__input", aria_label="Time",
                       id=f"{self._ht_id}-input", step="1" if seconds else "60")
            write = Assign(f"{self._ht_id} time", compile_statement(f"{model} = $value.v; {err} = $value.e"),
                           ["$value", model, src(self.prop("min")), src(self.prop("max")), js(seconds)], _time_write)
            # change: the browser sends it once the time is whole, not while a segment is half typed
            field.__dict__["_model"] = Model(compile_expr(f"String({model} ?? '')"), write, frozenset({"lazy"}))
            field.__dict__["_model_kind"] = "text"
            for name in ("min", "max"):
                if isinstance(self.prop(name), str):
                    field.attributes[name] = self.prop(name)
            if _on(self.prop("disabled")) or _on(self.prop("readonly")):
                field.attributes["disabled"] = True
            field._set("aria-invalid", (f"{err} ? 'true' : null",))
            field.attributes["aria-describedby"] = f"{self._ht_id}-messages"
            self.chain(field, "change", "update_modelValue", model)
            with el("div", classes="v-messages__live", role="alert", aria_live="polite", id=f"{self._ht_id}-messages"):
                el("div", "{{ " + err + " }}", classes="v-messages v-messages--error", v_if=err)


def _time_write(text: Any, current: Any, low: Any, high: Any, seconds: Any) -> dict:
    try:
        return {"v": read_time(text, low, high, bool(seconds)), "e": None}
    except ValueError as exc:
        return {"v": current, "e": str(exc)}


class VTimePickerControls(VElement):
    """The big time of a time picker: ``value`` (``"HH:MM"``) or ``hour``/``minute``/``second``; ``ampm``."""

    _base = "v-time-picker-controls"
    _props = frozenset({"value", "hour", "minute", "second", "ampm", "ampm_readonly", "color", "disabled",
                        "readonly", "use_seconds", "view_mode", "period"})
    _known_events = VElement._known_events | {"update_period", "update_viewMode"}

    def _build(self) -> None:
        value = self.prop("value")
        if value is not None:
            parts = [src(value)]
        else:
            parts = [src(self.prop(p)) for p in ("hour", "minute", "second")]
        ampm = _on(self.prop("ampm"))
        rows = Rows(("tv",), parts, lambda *v: [(clock_text(v, ampm),)], f"{self._ht_id} time")
        box = el("div", "{{ tv }}", classes="v-time-picker-controls__time", aria_live="polite")
        box.__dict__["_loop"] = Loop(rows, rows.source)


def clock_text(values: tuple, ampm: bool) -> str:
    """``("14:05",)`` or ``(14, 5, None)`` as the picker shows it: ``14:05`` or ``2:05 PM``."""
    if len(values) == 1:
        m = _TIME.fullmatch(str(values[0] or ""))
        if not m:
            return "--:--"
        nums = [int(g) for g in m.groups() if g is not None]
    else:
        nums = [int(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if len(nums) < 2:
            return "--:--"
    hour, rest = nums[0], ":".join(f"{n:02d}" for n in nums[1:])
    if ampm:
        return f"{(hour + 11) % 12 + 1}:{rest} {'AM' if hour < 12 else 'PM'}"
    return f"{hour:02d}:{rest}"


class VTimePickerClock(VElement):
    """A clock face of buttons: ``v_model`` a number from ``min`` to ``max`` (0–59 by ``step`` 5 shown)."""

    _base = "v-time-picker-clock"
    _props = frozenset({"min", "max", "step", "ampm", "disabled", "readonly", "scrollable", "double",
                        "format", "allowed_values", "display_value", "rotate", "model_value"})

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__clock_{self._ht_id}"
            value = self.prop("model_value")
            self._defaults.append((model, None if is_bound(value) else value))
        low = self.prop("min", 0)
        high = self.prop("max", 59)
        step = self.prop("step", 1)
        low = low if isinstance(low, int) else 0
        high = high if isinstance(high, int) else 59
        step = step if isinstance(step, int) and step > 0 else 1
        values = list(range(low, high + 1, step))[:60]
        self.attributes["role"] = "group"
        self.attributes["data-ht-roving"] = True
        self.attributes["aria-label"] = "Clock"
        count = max(1, len(values))
        inactive = _on(self.prop("disabled")) or _on(self.prop("readonly"))
        for i, value in enumerate(values):
            angle = 360 * i / count
            _pick_button(self, model, value, str(value), "v-time-picker-clock__item",
                         "v-time-picker-clock__item--active", inactive,
                         style=f"transform: rotate({angle:.1f}deg) translateY(-110px) rotate({-angle:.1f}deg)")


# -- colour field -----------------------------------------------------------------------------------------------------
class VColorInput(ParsedField):
    """A colour field: type a hex colour, or pick one with the browser's colour chooser; ``v_model`` ``#RRGGBB``."""

    _kind = "color-input"
    _props = ParsedField._props | {"mode", "modes", "hide_pip", "pip_icon", "swatches", "show_swatches",
                                   "hide_actions", "canvas_height", "pip_location", "color_pip"}

    def parse(self, text: Any, current: Any, *parts: Any) -> Any:
        if text is None or not str(text).strip():
            return None
        try:
            return hex_color(text)
        except ValueError:
            raise ValueError(f"{str(text)[:40]!r} is not a colour; write it as #RRGGBB") from None

    def _build(self) -> None:
        super()._build()
        m = self._model_src
        if m is None:
            return
        box = self.field_box()
        pick = el("input", type="color", classes="v-color-input__native", aria_label="Pick a colour")
        pick.__dict__["_model"] = Model(Computed(f"{self._ht_id} shown colour", [m], _shown_color),
                                        compile_statement(f"{m} = $value.toUpperCase(); {self._err_key} = null"),
                                        frozenset())
        pick.__dict__["_model_kind"] = "text"
        if _on(self.prop("disabled")) or _on(self.prop("readonly")):
            pick.attributes["disabled"] = True
        if pick.parent is not None:
            pick.parent.children.remove(pick)
        box.children.insert(0, pick)
        pick.parent = box
        self.chain(pick, "input", "update_modelValue", m)


__all__ = ["VColorInput", "VDateInput", "VDatePickerControls", "VDatePickerHeader", "VDatePickerMonth",
           "VDatePickerMonths", "VDatePickerYears", "VPicker", "VPickerTitle", "VTimePicker", "VTimePickerClock",
           "VTimePickerControls", "read_date", "read_time"]

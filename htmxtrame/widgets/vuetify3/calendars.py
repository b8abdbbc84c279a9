"""``VCalendar``: a month, week or day of events, laid out on the server.

``VCalendar(v_model=("focus", "2024-05-17"), events=("events",),
view_mode="month")`` shows the month holding the focused date; each event
(``{"title", "start", "end", "color"}``, dates as ``YYYY-MM-DD`` strings,
optionally with `` HH:MM``, or ``date``/``datetime`` values) is a chip on
every day it spans. The previous/next/today buttons move the model; a
day's button raises ``click_date`` (``$event``: ``{"date": "YYYY-MM-DD"}``)
and an event's chip ``click_event`` (``$event``: the event). Vuetify 2's
``VCalendar(type="week", value=...)`` and its ``VCalendarDaily``/
``Weekly``/``Monthly`` take the same path (see ``vuetify2.py``).
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from typing import Any

from ...elements.base import Loop
from .computed import Rows
from .containers import VBtn
from .core import VElement, el, handler, is_bound, src
from .pickers import _DAYS, _MONTHS, parse_date

VIEWS = ("month", "week", "day")
_MAX_EVENTS = 2000  # a bounded layout, whatever the state holds


def _event_days(event: Any) -> tuple[dt.date, dt.date] | None:
    if not isinstance(event, dict):
        return None
    start = parse_date(event.get("start"))
    end = parse_date(event.get("end")) or start
    if start is None or end is None:
        return None
    return (start, end) if end >= start else (end, start)


def _move(day: dt.date, view: str, by: int) -> dt.date:
    if view == "day":
        return day + dt.timedelta(days=by)
    if view == "week":
        return day + dt.timedelta(days=7 * by)
    n = day.year * 12 + day.month - 1 + by
    year, month = n // 12, n % 12 + 1
    return dt.date(year, month, min(day.day, cal.monthrange(year, month)[1]))


def calendar_view(model: Any, events: Any, view: Any, first_day: Any = 0, today: dt.date | None = None) -> dict:
    """What a calendar shows: its title, the prev/next/today dates and the weeks of day cells with their events."""
    today = today or dt.date.today()
    focus = parse_date(model[0] if isinstance(model, list) and model else model) or today
    view = view if view in VIEWS else "month"
    first = int(first_day) % 7 if isinstance(first_day, int) and not isinstance(first_day, bool) else 0
    week_start = (first - 1) % 7  # Vuetify counts from Sunday = 0; Python from Monday = 0
    if view == "month":
        weeks = cal.Calendar(firstweekday=week_start).monthdatescalendar(focus.year, focus.month)
        title = f"{_MONTHS[focus.month - 1]} {focus.year}"
    elif view == "week":
        start = focus - dt.timedelta(days=(focus.weekday() - week_start) % 7)
        weeks = [[start + dt.timedelta(days=i) for i in range(7)]]
        title = f"{_MONTHS[start.month - 1][:3]} {start.day} – {_MONTHS[weeks[0][-1].month - 1][:3]} " \
                f"{weeks[0][-1].day}, {weeks[0][-1].year}"
    else:
        weeks = [[focus]]
        title = f"{_DAYS[focus.weekday()]}, {_MONTHS[focus.month - 1]} {focus.day}, {focus.year}"
    spans = []
    for i, event in enumerate(events[:_MAX_EVENTS] if isinstance(events, list) else []):
        days = _event_days(event)
        if days is not None:
            spans.append((days, i, event))
    rows = []
    for week in weeks:
        row = []
        for day in week:
            on = [{"title": str(e.get("title", e.get("name", ""))), "color": str(e.get("color", "primary")),
                   "index": i} for (a, b), i, e in spans if a <= day <= b]
            row.append({"date": day.isoformat(), "day": day.day, "outside": view == "month" and day.month != focus.month,
                        "today": day == today, "weekday": _DAYS[day.weekday()][:3],
                        "name": f"{_DAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"
                                + (f", {len(on)} event{'s' if len(on) != 1 else ''}" if on else ""),
                        "events": on})
        rows.append(row)
    return {"title": title, "weeks": rows, "prev": _move(focus, view, -1).isoformat(),
            "next": _move(focus, view, 1).isoformat(), "today": today.isoformat(), "view": view,
            "cols": len(weeks[0])}


class VCalendar(VElement):
    """A calendar of ``events``: ``v_model`` (the focused date), ``view_mode`` (month, week, day), ``first_day_of_week``."""

    _base = "v-calendar"
    _props = frozenset({"events", "view_mode", "type", "first_day_of_week", "weekdays", "hide_header",
                        "hide_week_number", "title", "interval_count", "interval_height", "hide_day_header",
                        "day_index", "month", "year", "model_value", "next_icon", "prev_icon", "text",
                        "event_color", "event_name", "show_adjacent_months", "value", "now", "disabled"})
    _known_events = VElement._known_events | {"click_date", "click_event", "click_day", "next", "prev",
                                              "change", "click_today"}
    _view: str | None = None  # VCalendarDaily/Weekly/Monthly fix it

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__cal_{self._ht_id}"
            start = self.prop("model_value", self.prop("value"))
            self._defaults.append((model, None if is_bound(start) else start))
        view = self._view or self.prop("view_mode", self.prop("type", "month"))
        events = self.prop("events", [])
        first = self.prop("first_day_of_week", 0)
        first = first if isinstance(first, int) else 0
        rows = Rows(("cv",), [model, src(events), src(view)], lambda m, e, v: [(calendar_view(m, e, v, first),)],
                    f"{self._ht_id} calendar")
        body = el("div", classes="v-slot")
        body.__dict__["_loop"] = Loop(rows, rows.source)
        with body:
            if self.prop("hide_header") in (None, False):
                self._header(model)
            self._grid(model)

    def _header(self, model: str) -> None:
        with el("div", classes="v-calendar-header"):
            today = VBtn(text="Today", variant="outlined", classes="v-calendar-header__today")
            today._events["click"] = handler("click", f"{model} = cv.today")
            for kind, glyph, label in (("prev", self.prop("prev_icon", "mdi-chevron-left"), "Previous"),
                                       ("next", self.prop("next_icon", "mdi-chevron-right"), "Next")):
                btn = VBtn(icon=glyph, variant="text", size="small", aria_label=label,
                           classes=f"v-calendar-header__{kind}")
                btn._events["click"] = handler("click", f"{model} = cv.{kind}")
                self.chain(btn, "click", kind, f"cv.{kind}")
            el("div", "{{ cv.title }}", classes="v-calendar-header__title", aria_live="polite")

    def _grid(self, model: str) -> None:
        with el("div", classes="v-calendar__container", role="grid", aria_label=("cv.title",), data_ht_roving=True,
                data_ht_cols=("String(cv.cols)",)):
            with el("div", classes="v-calendar-weekly__head", role="row",
                    style=("{'grid-template-columns': 'repeat(' + cv.cols + ', 1fr)'}",)):
                el("div", "{{ d.weekday }}", classes="v-calendar-weekly__head-weekday", role="columnheader",
                   v_for="d in cv.weeks[0]")
            with el("div", classes="v-calendar-weekly__week", role="row", v_for="week in cv.weeks",
                    style=("{'grid-template-columns': 'repeat(' + cv.cols + ', 1fr)'}",)), \
                    el("div", role="gridcell", v_for="d in week",
                       classes=("['v-calendar-weekly__day', {'v-outside': d.outside, 'v-present': d.today}]",)):
                day = el("button", "{{ d.day }}", type="button", data_ht_press=True, aria_label=("d.name",),
                         data_v_date=("d.date",),
                         classes=(f"['v-calendar-weekly__day-label v-btn v-btn--icon', "
                                  f"{{'bg-primary': d.date === ({model})}}]",))
                day._events["click"] = handler("click", f"{model} = d.date")
                self.chain(day, "click", "click_date", "{date: d.date}")
                self.chain(day, "click", "click_day", "{date: d.date}")
                self.chain(day, "click", "update_modelValue", model)
                events = src(self.prop("events", []))
                chip = el("button", "{{ e.title }}", type="button", v_for="e in d.events",
                          classes=("['v-calendar-event v-chip v-chip--size-x-small', 'bg-' + e.color]",),
                          aria_label=("e.title + ', ' + d.name",), tabindex="-1")
                if "click_event" in self._events or "click_event" in self.__dict__.get("_taken_events", {}):
                    chip._events["click"] = handler("click", "null")
                    self.chain(chip, "click", "click_event", f"({events})[e.index]")


__all__ = ["VCalendar", "calendar_view"]

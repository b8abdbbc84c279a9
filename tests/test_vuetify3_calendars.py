"""VCalendar (and Vuetify 2's VCalendarDaily/Weekly/Monthly): events laid out on the server."""

from __future__ import annotations

import datetime as dt
import re

from htmxtrame.events import dispatch
from htmxtrame.widgets import vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.calendars import calendar_view
from test_vuetify import Page

EVENTS = [{"title": "Launch", "start": "2024-05-17", "end": "2024-05-18", "color": "red"},
          {"title": "Call", "start": dt.datetime(2024, 5, 21, 9, 30)},
          {"title": "broken", "start": "not a date"}, "not an event"]


def test_calendar_view_month_week_day():
    month = calendar_view("2024-05-17", EVENTS, "month", today=dt.date(2024, 5, 2))
    assert month["title"] == "May 2024" and month["prev"] == "2024-04-17" and month["next"] == "2024-06-17"
    days = {d["date"]: d for week in month["weeks"] for d in week}
    assert [e["title"] for e in days["2024-05-17"]["events"]] == ["Launch"]
    assert [e["title"] for e in days["2024-05-18"]["events"]] == ["Launch"]
    assert [e["title"] for e in days["2024-05-21"]["events"]] == ["Call"]
    assert days["2024-05-02"]["today"] and days["2024-04-28"]["outside"]
    assert days["2024-05-17"]["name"] == "Friday, May 17, 2024, 1 event"
    week = calendar_view("2024-05-17", EVENTS, "week", first_day=1)
    assert [d["date"] for d in week["weeks"][0]][0] == "2024-05-13" and week["cols"] == 7  # Monday first
    day = calendar_view("2024-05-31", [], "day")
    assert day["title"] == "Friday, May 31, 2024" and day["next"] == "2024-06-01" and day["cols"] == 1
    assert calendar_view("2024-01-31", [], "month")["next"] == "2024-02-29"  # the day is kept inside the month
    assert calendar_view("garbage", "not a list", "nonsense", today=dt.date(2024, 3, 3))["title"] == "March 2024"


def test_calendar_pages_and_reports_clicks():
    box = {}
    page = Page(lambda: box.setdefault("c", v.VCalendar(v_model=("focus", "2024-05-17"), events=("events",),
                                                        click_date="picked = $event.date",
                                                        click_event="hit = $event.title", next="went = $event")),
                events=EVENTS)
    c = box["c"]
    assert "May 2024" in page.html and page.html.count("v-calendar-event ") + page.html.count("v-calendar-event\"") == 3
    assert 'role="grid"' in page.html and 'aria-label="Friday, May 17, 2024, 1 event"' in page.html
    nxt = next(n for n in c.walk() if "v-calendar-header__next" in str(n.attributes.get("class", "")))
    page.fire(nxt, "click")
    assert page.state.focus == "2024-06-17" and page.state.went == "2024-06-17" and "June 2024" in page.html
    day = next(n for n in c.walk() if n.tagname == "button" and n.attributes.get("data-ht-press"))
    iid = next(i for i, inst in page.renderer.instances.items()
               if inst.element is day and (inst.locals.get("d") or {}).get("date") == "2024-06-03")
    dispatch(page.renderer, page.ctrl, iid, "click", None, None)
    assert page.state.picked == "2024-06-03" and page.state.focus == "2024-06-03"
    page.state.focus = "2024-05-20"
    page.state.flush()
    page.html = page.renderer.render_page_body()
    chip = next(n for n in c.walk() if n.tagname == "button" and "e.title" in str(n._bindings.get("aria-label")
                                                                                    and n._bindings["aria-label"].source))
    iid = next(i for i, inst in page.renderer.instances.items() if inst.element is chip)
    dispatch(page.renderer, page.ctrl, iid, "click", None, None)
    assert page.state.hit == "Launch"


def test_vuetify2_calendars():
    page = Page(lambda: (vuetify2.VCalendar(type="week", value="2024-05-17", events=[{"name": "X", "start": "2024-05-16"}]),
                         vuetify2.VCalendarDaily(value="2024-05-17"), vuetify2.VCalendarMonthly(value="2024-05-17")))
    titles = re.findall(r'v-calendar-header__title"[^>]*>([^<]*)', page.html)
    assert titles == ["May 12 – May 18, 2024", "Friday, May 17, 2024", "May 2024"]
    assert ">X<" in page.html

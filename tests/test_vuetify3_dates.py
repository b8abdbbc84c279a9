"""VDateInput, the date picker's parts, VPicker, VTimePicker (+ clock, controls) and VColorInput."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from htmxtrame.events import InputError
from htmxtrame.widgets import vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.dates import clock_text, read_date, read_time
from test_vuetify import Page


def error(page: Page, widget):
    return page.state[f"ht__error_{widget._ht_id}"]


def test_read_date_and_time():
    assert read_date("2024-05-17") == "2024-05-17" and read_date("5/7/2024") == "2024-05-07"
    assert read_date("  ") is None
    for bad in ("2024-02-30", "17.05.2024", "tomorrow", "13/45/2024"):
        with pytest.raises(ValueError, match="is not a date"):
            read_date(bad)
    with pytest.raises(ValueError, match="on or before 2024-05-01"):
        read_date("2024-05-02", None, "2024-05-01")
    assert read_time("9:05") == "09:05" and read_time("09:05:30", seconds=True) == "09:05:30"
    with pytest.raises(ValueError, match="is not a time"):
        read_time("25:00")
    with pytest.raises(ValueError, match="at or after 08:00"):
        read_time("07:59", "08:00")
    assert clock_text(("14:05",), True) == "2:05 PM" and clock_text((0, 7, None), True) == "12:07 AM"
    assert clock_text(("x",), False) == "--:--" and clock_text((9, 5, 3), False) == "09:05:03"


def test_date_input_typed_text_and_its_calendar():
    box = {}
    page = Page(lambda: box.setdefault("d", v.VDateInput(v_model=("day", "2024-05-17"), label="Due", min="2024-01-01",
                                                         update_modelValue="seen = $event")))
    d = box["d"]
    assert re.search(r'<input type="text" class="v-field__input"[^>]*placeholder="YYYY-MM-DD"[^>]*value="2024-05-17"',
                     page.html)
    page.fire(d.control, "change", "6/3/2024")
    assert page.state.day == "2024-06-03" and page.state.seen == "2024-06-03" and error(page, d) is None
    page.fire(d.control, "change", "2023-12-31")
    assert page.state.day == "2024-06-03" and error(page, d) == "Pick a date on or after 2024-01-01"
    assert "Pick a date on or after 2024-01-01" in page.html and 'aria-invalid="true"' in page.html
    opener = next(n for n in d.walk() if n.attributes.get("aria-label") == "Choose a date")
    assert "v-date-picker" not in page.html
    page.fire(opener, "click")
    assert "June 2024" in page.html and 'aria-expanded="true"' in page.html
    day = next(n for n in d.walk() if n.tagname == "button" and n.attributes.get("data-ht-press"))
    iid = next(i for i, inst in page.renderer.instances.items()
               if inst.element is day and (inst.locals.get("d") or {}).get("date") == "2024-06-20")
    from htmxtrame.events import dispatch

    dispatch(page.renderer, page.ctrl, iid, "click", None, None)
    out = page.renderer.render_page_body()
    assert page.state.day == "2024-06-20" and error(page, d) is None and "v-date-picker-month" not in out


def test_picker_title_header_controls():
    def build():
        with v.VPicker(title="Pick", id="p"):
            v.VDatePickerHeader(title="Title", header="Header", click_header="hits = (hits ?? 0) + 1")
            v.VDatePickerControls(text="May 2024", click_next="moved = 'next'", disabled=["prev"])
            with v.Template(v_slot_actions=True):
                v.VBtn("OK")

    page = Page(build)
    assert re.search(r'id="p" class="v-picker v-sheet"><div class="v-picker-title">Pick</div>', page.html)
    assert "v-date-picker-header__title\">Title" in page.html and ">Header<" in page.html
    assert re.search(r'<button aria-label="Previous month"[^>]*disabled', page.html)
    assert not re.search(r'<button aria-label="Next month"[^>]*disabled', page.html)
    assert re.search(r'class="v-picker__actions">.*OK', page.html)
    nxt = next(n for n in page.root.walk() if "v-date-picker-controls__next" in str(n.attributes.get("class", "")))
    page.fire(nxt, "click")
    assert page.state.moved == "next"


def test_months_years_and_month_grid():
    box = {}

    def build():
        box["m"] = v.VDatePickerMonths(v_model=("month", 4))
        box["y"] = v.VDatePickerYears(v_model=("year", 2024), min="2020-01-01", max="2022-12-31")
        box["g"] = v.VDatePickerMonth(v_model=("day", "2024-02-10"))

    page = Page(build)
    assert re.search(r'data-v-value="4"[^>]*aria-pressed="true"[^>]*>May<', page.html)
    assert re.findall(r'data-v-value="(\d{4})"', page.html) == ["2020", "2021", "2022"]
    assert "v-date-picker-controls" not in page.html and "v-date-picker-header" not in page.html
    assert 'data-v-date="2024-02-10"' in page.html
    page.fire([b for b in box["m"].walk() if b.tagname == "button"][0], "click")
    page.fire([b for b in box["y"].walk() if b.tagname == "button"][1], "click")
    assert page.state.month == 0 and page.state.year == 2021
    big = Page(lambda: v.VDatePickerYears(min="1000-01-01", max="9999-01-01"))
    assert len(re.findall(r"data-v-value=", big.html)) == 401  # bounded, whatever the props say
    this = Page(lambda: v.VDatePickerYears())
    assert f'data-v-value="{dt.date.today().year + 100}"' in this.html


def test_time_picker_round_trip_and_bad_values():
    box = {}
    page = Page(lambda: box.setdefault("t", v.VTimePicker(v_model=("time", "10:30"), format="ampm",
                                                          min="08:00", max="18:00")))
    t = box["t"]
    field = next(n for n in t.walk() if n.tagname == "input")
    assert re.search(r'type="time"[^>]*aria-label="Time"[^>]*step="60"[^>]*min="08:00" max="18:00"', page.html)
    assert "10:30 AM" in page.html and 'value="10:30"' in page.html
    page.fire(field, "change", "14:45")
    assert page.state.time == "14:45" and "2:45 PM" in page.html
    page.fire(field, "change", "07:00")
    assert page.state.time == "14:45" and "Pick a time at or after 08:00" in page.html
    page.fire(field, "change", "")
    assert page.state.time is None and "--:--" in page.html
    with pytest.raises(InputError):
        page.fire(field, "change", 1445)


def test_time_picker_clock_and_controls():
    box = {}

    def build():
        box["c"] = v.VTimePickerClock(v_model=("m", 10), min=0, max=55, step=5)
        v.VTimePickerControls(hour=("h",), minute=("m",), ampm=True)

    page = Page(build, h=13)
    assert len(re.findall(r'class="v-time-picker-clock__item', page.html)) == 12
    assert re.search(r'aria-pressed="true"[^>]*>10<', page.html) and "1:10 PM" in page.html
    page.fire([b for b in box["c"].walk() if b.tagname == "button"][3], "click")
    assert page.state.m == 15 and "1:15 PM" in page.html


def test_color_input_typed_and_native():
    box = {}
    page = Page(lambda: box.setdefault("c", v.VColorInput(v_model=("color", "#FF0000"), label="Accent")))
    c = box["c"]
    native = next(n for n in c.walk() if n.attributes.get("type") == "color")
    assert re.search(r'type="color"[^>]*value="#ff0000"', page.html)
    page.fire(c.control, "change", "0f0")
    assert page.state.color == "#00FF00"
    page.fire(c.control, "change", "javascript:alert(1)")
    assert page.state.color == "#00FF00" and "is not a colour" in error(page, c)
    page.fire(native, "input", "#123abc")
    assert page.state.color == "#123ABC" and error(page, c) is None


def test_vuetify2_time_picker_and_date_picker_names():
    page = Page(lambda: vuetify2.VTimePicker(v_model=("t", "08:15")))
    assert "08:15" in page.html and "v-time-picker" in page.html


def test_picker_title_slot_replaces_the_title_prop():
    def build():
        with v.VPicker(title="Prop title", id="a"):
            with v.Template(v_slot_title=True):
                v.VIcon("mdi-calendar")
                v.VBtn("Custom")
        with v.VPicker(id="b"), v.Template(v_slot_title=True):
            v.VBtn("Only")

    page = Page(build)
    assert "Prop title" not in page.html
    assert re.search(r'id="a" class="v-picker v-sheet"><div class="v-picker-title">.*Custom', page.html)
    assert re.search(r'id="b" class="v-picker v-sheet"><div class="v-picker-title">.*Only', page.html)

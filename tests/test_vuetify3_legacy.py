"""Vuetify 2's components with no Vuetify 3 namesake (htmxtrame.widgets.vuetify2, from vuetify3/legacy.py)."""

from __future__ import annotations

import re

from test_vuetify import Page, classes_of

from htmxtrame.widgets import html, vuetify, vuetify2


def test_every_v2_only_name_imports_from_both_v2_modules():
    for name in ("VFlex", "VCalendarDaily", "VCalendarWeekly", "VCalendarMonthly", "VSimpleCheckbox", "VOverflowBtn",
                 "VDataFooter", "VDataTableHeader", "VEditDialog", "VListItemAvatar", "VListItemActionText",
                 "VTabsSlider", "VTimePicker", "VOtpInput", "VInput", "VCalendar"):
        assert getattr(vuetify2, name).__module__ == "htmxtrame.widgets.vuetify2", name
        assert getattr(vuetify, name) is not None


def test_flex_sizes_become_column_classes():
    def build():
        with vuetify2.VLayout(), vuetify2.VFlex(xs12=True, md6=True, offset_md3=True, id="f"):
            html.Span("cell")

    page = Page(build)
    assert {"v-col", "v-col-12", "v-col-md-6", "offset-md-3"} <= classes_of(page.html, "f")


def test_simple_checkbox_and_overflow_btn():
    box = {}

    def build():
        box["c"] = vuetify2.VSimpleCheckbox(v_model=("ok", False), aria_label="OK")
        box["s"] = vuetify2.VOverflowBtn(v_model=("pick", "a"), items=["a", "b"], label="Pick", id="o")

    page = Page(build)
    page.fire(box["c"].control, "change", True)
    assert page.state.ok is True
    assert "v-overflow-btn" in classes_of(page.html, "o") and "Pick" in page.html
    plain = Page(lambda: vuetify2.VSimpleCheckbox(value=True))
    assert " checked" in plain.html  # Vuetify 2: value is the checked state


def test_data_footer_pages_a_bound_options_dict():
    box = {}
    page = Page(lambda: box.setdefault("f", vuetify2.VDataFooter(options=("opts",), pagination=("pg",),
                                                                  update_options="seen = $event.page")),
                opts={"page": 1, "itemsPerPage": 10}, pg={"itemsLength": 25})
    assert "1–10 of 25" in page.html
    prev, nxt = [n for n in box["f"].walk() if n.tagname == "button"]
    assert re.search(r'aria-label="Previous page"[^>]*disabled', page.html)
    page.fire(nxt, "click")
    page.fire(nxt, "click")
    assert page.state.opts == {"page": 3, "itemsPerPage": 10} and page.state.seen == 3
    assert "21–25 of 25" in page.html and re.search(r'aria-label="Next page"[^>]*disabled', page.html)


def test_data_table_header_and_list_parts():
    def build():
        with html.Table():
            vuetify2.VDataTableHeader(headers=[{"text": "Name", "value": "n"}, {"text": "Kcal", "align": "end"}])
        with vuetify2.VList(), vuetify2.VListItem(title="Ada"):
            vuetify2.VListItemAvatar(html.Span("A"))
            vuetify2.VListItemActionText("2 min")
        vuetify2.VTabsSlider()

    page = Page(build)
    assert re.search(r'<thead class="v-data-table-header"><tr[^>]*><th scope="col" class="text-start"[^>]*>Name</th>'
                     r'<th scope="col" class="text-end"[^>]*>Kcal</th>', page.html)
    assert re.search(r'v-list-item__prepend[^>]*>.*?v-list-item-avatar', page.html) or "v-list-item-avatar" in page.html
    assert "2 min" in page.html and "v-tabs-slider" in page.html



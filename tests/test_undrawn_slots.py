"""A slot Template a widget does not draw is dropped, as Vue drops it, with one warning."""

from __future__ import annotations

import logging

import pytest
from test_vuetify import Page

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3 import slots

ROWS = [{"n": "c", "v": 3}, {"n": "a", "v": 1}]
HEADERS = [{"title": "N", "key": "n"}, {"title": "V", "key": "v"}]


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(slots, "_warned", set())


def assert_clean(page: Page) -> None:
    assert "expression error" not in page.html and "data-ht-error" not in page.html
    assert "LOST" not in page.html


def test_unknown_slot_on_a_data_table_renders_nothing():
    def build():
        with v.VDataTable(id="t", headers=HEADERS, items=ROWS):
            with v.Template(raw_attrs=['v-slot:nonexistent-slot="{ item, props }"']):
                html.Span("LOST {{ item.n }} {{ props.x.y }}")
            with v.Template(v_slot_xyz="{ group }"):
                html.B("LOST {{ group.key.length }}")

    page = Page(build)
    assert_clean(page)
    assert "<td" in page.html and ">a<" in page.html  # the table itself still shows


@pytest.mark.parametrize("make", [lambda: v.VCard(title="T", id="w"), lambda: v.VBtn("Go", id="w")],
                         ids=["VCard", "VBtn"])
def test_unknown_slot_on_a_card_or_button_renders_nothing(make):
    def build():
        with make():
            with v.Template(v_slot_not_a_slot="{ item }"):
                html.Span("LOST {{ item.name.first }}")
            html.I("kept child")

    page = Page(build)
    assert_clean(page)
    assert "<i>kept child</i>" in page.html


def test_known_slots_still_render():
    def build():
        with v.VCard(title="Plain", id="c"):
            with v.Template(v_slot_title=True):
                html.B("Rich title")
            with v.Template(v_slot_actions=True):
                v.VBtn("OK")
        with v.VDataTable(id="t", headers=HEADERS, items=ROWS):
            with v.Template(v_slot_top=True):
                html.Span("above the table")
            with v.Template(raw_attrs=['v-slot:item.v="{ item }"']):
                html.Span("value {{ item.v * 10 }}")
            with v.Template(v_slot_default=True):
                html.Span("default content")

    page = Page(build)
    assert "<b>Rich title</b>" in page.html and "Plain" not in page.html and ">OK<" in page.html
    assert "above the table" in page.html and "value 30" in page.html and "value 10" in page.html
    assert "expression error" not in page.html


def test_an_unscoped_slot_with_no_place_still_shows_its_content(caplog):
    # A real Vuetify slot htmxtrame does not place (a drawer's append): better shown than lost.
    def build():
        with v.VNavigationDrawer():
            html.Span("menu")
            with v.Template(v_slot_somewhere_else=True):
                v.VBtn("Log out", id="logout")

    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        page = Page(build)
    assert "Log out" in page.html and "expression error" not in page.html
    assert any("'somewhere_else'" in r.getMessage() and "default content" in r.getMessage() for r in caplog.records)


def test_the_warning_is_logged_once_per_widget_and_slot(caplog):
    def build():
        for _ in range(3):
            with v.VBtn("a"):
                with v.Template(v_slot_nowhere="{ item }"):
                    html.Span("LOST {{ item }}")
        with v.VCard():
            with v.Template(v_slot_nowhere="{ item }"):
                html.Span("LOST {{ item }}")

    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        Page(build)
        Page(build)  # a second page (or render) of the same layout says nothing new
    said = [r.getMessage() for r in caplog.records if "not drawn" in r.getMessage()]
    assert len(said) == 2, said
    assert any("VBtn" in m and "'nowhere'" in m for m in said)
    assert any("VCard" in m and "'nowhere'" in m for m in said)


def test_the_warnings_remembered_are_bounded(monkeypatch, caplog):
    monkeypatch.setattr(slots, "MAX_WARNED", 2)
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        for name in ("a", "b", "c", "d"):
            slots.warn_undrawn("VBtn", name)
    assert len(slots._warned) == 2 and len(caplog.records) == 2

"""Vuetify widgets put straight into layout.content keep their own height, in Chromium."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vuetify3 as v


def stacked_server() -> Server:
    server = Server(f"stack{uuid.uuid4().hex[:6]}")
    server.state.rows = [{"name": "Ann"}, {"name": "Bob"}]
    with SinglePageLayout(server) as layout, layout.content:
        v.VSwitch(v_model=("dark", False), label="Dark mode")
        v.VTextField(v_model=("q", ""), label="Search")
        v.VDataTable(headers=[{"title": "Name", "key": "name"}], items=("rows",))
        v.VBtn("Add row", click="rows = rows.concat([{name: 'Cy'}])")
    return server


def test_a_switch_a_field_a_table_and_a_button_stack_as_in_vuetify(app_runner, page):
    # Vuetify's v-main is a block: a switch, a field and a table put straight
    # into the content are as tall as their contents, one under the other.
    # They used to share the page's height: a 165 px tall switch, and the
    # button pushed to the bottom of the window, far below the table.
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(app_runner(stacked_server()).url)
    wait_connected(page)
    switch = page.locator(".v-switch").bounding_box()
    field = page.get_by_role("textbox", name="Search").bounding_box()
    table = page.locator(".v-data-table").bounding_box()
    button = page.get_by_role("button", name="Add row")
    assert switch is not None and field is not None and table is not None
    assert switch["height"] < 90, switch
    assert field["width"] > 900, field  # a field is still as wide as the content
    assert button.bounding_box()["y"] - (table["y"] + table["height"]) < 20
    button.click()
    expect(page.locator("tbody tr")).to_have_count(3)
    assert page.errors == []

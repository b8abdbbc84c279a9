"""A data table whose ``item`` slot draws each row (a VDataTableRow with its own cell slots), clicked as a person would."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v


def rows_server() -> Server:
    server = Server(f"is{uuid.uuid4().hex[:6]}")
    state = server.state
    state.listing = [{"name": f"file{i}", "kind": "file", "index": i} for i in range(3)]

    def pick(entry: dict) -> None:
        state.active = entry["name"]

    with DivLayout(server):
        html.Div("picked: {{ active }}", id="picked")
        with v.VDataTable(headers=[{"title": "Name", "key": "name"}, {"title": "Kind", "key": "kind"}],
                          items=("listing",), items_per_page=-1):
            v.Template(raw_attrs=["v-slot:bottom"])
            with v.Template(raw_attrs=['v-slot:item="{ item }"']):
                with v.VDataTableRow(item=("item",), click=(pick, "[item]")):
                    with v.Template(raw_attrs=["v-slot:item.name"]):
                        html.B("{{ item.name.toUpperCase() }}")
    state.active = "none"
    return server


def test_rows_drawn_by_the_item_slot_show_their_cells_and_take_clicks(app_runner, page):
    page.goto(app_runner(rows_server()).url)
    wait_connected(page)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1).locator("td")).to_have_text(["FILE1", "file"])
    rows.nth(2).click()
    expect(page.locator("#picked")).to_have_text("picked: file2")
    assert page.errors == []

"""A VDataTable grouped by a column in Chromium: group headers open and close their rows."""

from __future__ import annotations

import uuid

from conftest import wait_connected
from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html, vuetify3

ROWS = [
    {"name": "Eclair", "category": "Cookie", "calories": 262},
    {"name": "Apple", "category": "Fruit", "calories": 95},
    {"name": "Brownie", "category": "Cookie", "calories": 466},
    {"name": "Pear", "category": "Fruit", "calories": 101},
]


def test_a_grouped_table_shows_group_headers_whose_toggle_hides_and_shows_rows(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server) as layout, layout.content:
        vuetify3.VDataTable(
            id="desserts", items=("desserts", ROWS), sort_by=[{"key": "name", "order": "asc"}],
            headers=[{"title": "Name", "key": "name"}, {"title": "Calories", "key": "calories"}],
            group_by=[{"key": "category", "order": "asc"}],
        )
    page.goto(app_runner(server).url)
    wait_connected(page)
    table = page.locator("#desserts")
    headers = table.locator("tr.v-data-table-group-header-row")
    expect(headers).to_have_text(["Cookie (2)", "Fruit (2)"])
    expect(table.get_by_text("Eclair")).to_have_count(0)  # Vuetify 3: groups start closed
    cookie = page.get_by_role("button", name="Toggle group category: Cookie")
    expect(cookie).to_have_attribute("aria-expanded", "false")
    cookie.click()
    expect(table.locator("tbody tr")).to_have_text(["Cookie (2)", "Brownie466", "Eclair262", "Fruit (2)"])
    expect(cookie).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="Toggle group category: Fruit").click()
    expect(table.get_by_text("Pear")).to_be_visible()
    cookie.click()
    expect(table.locator("tbody tr")).to_have_text(["Cookie (2)", "Fruit (2)", "Apple95", "Pear101"])
    assert page.errors == []


def test_the_group_header_slot_row_toggles_its_group(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server) as layout, layout.content:
        with vuetify3.VDataTable(id="desserts", items=("desserts", ROWS), group_by=[{"key": "category"}],
                                 headers=[{"title": "Name", "key": "name"}, {"title": "Calories", "key": "calories"}]):
            with vuetify3.Template(v_slot_group_header="{ item, columns, toggleGroup, isGroupOpen }"):
                with html.Tr(classes="my-group"), html.Td(colspan=("columns.length",)):
                    vuetify3.VBtn("{{ isGroupOpen(item) ? 'Hide' : 'Show' }} {{ item.value }}",
                                  click="toggleGroup(item)")
    page.goto(app_runner(server).url)
    wait_connected(page)
    table = page.locator("#desserts")
    expect(table.locator("tbody > tr.my-group > td[colspan='2']")).to_have_count(2)  # real rows of the table
    page.get_by_role("button", name="Show Fruit").click()
    expect(page.get_by_role("button", name="Hide Fruit")).to_be_visible()
    expect(table.get_by_text("Apple")).to_be_visible()
    expect(table.get_by_text("Eclair")).to_have_count(0)
    page.get_by_role("button", name="Hide Fruit").click()
    expect(table.get_by_text("Apple")).to_have_count(0)
    assert page.errors == []

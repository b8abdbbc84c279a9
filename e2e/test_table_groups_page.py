"""A VDataTable grouped by a column in Chromium: group headers open and close their rows."""

from __future__ import annotations

import uuid

from conftest import wait_connected
from playwright.sync_api import expect
from test_accessibility import FAILING, axe_violations

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
    expect(table.locator("tbody > tr.my-group > td[colspan='3']")).to_have_count(2)  # real rows (+ the Group column)
    page.get_by_role("button", name="Show Fruit").click()
    expect(page.get_by_role("button", name="Hide Fruit")).to_be_visible()
    expect(table.get_by_text("Apple")).to_be_visible()
    expect(table.get_by_text("Eclair")).to_have_count(0)
    page.get_by_role("button", name="Hide Fruit").click()
    expect(table.get_by_text("Apple")).to_have_count(0)
    assert page.errors == []


def test_a_group_checkbox_checks_all_its_rows_and_shows_mixed_when_some_are(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server) as layout, layout.content:
        vuetify3.VDataTable(
            id="desserts", items=("desserts", ROWS), show_select=True, item_value="name", v_model=("picked", []),
            headers=[{"title": "Name", "key": "name"}, {"title": "Calories", "key": "calories"}],
            group_by=[{"key": "category", "order": "asc"}],
        )
        html.Div("Picked: {{ picked.join(', ') }}", id="picked")
    page.goto(app_runner(server).url)
    wait_connected(page)
    table = page.locator("#desserts")
    expect(table.locator("thead th")).to_have_text(["", "Group", "Name", "Calories"])
    cookie = page.get_by_role("checkbox", name="Select group category: Cookie")
    page.get_by_role("button", name="Toggle group category: Cookie").click()
    expect(table.get_by_text("Eclair")).to_be_visible()
    cookie.click()
    expect(page.locator("#picked")).to_have_text("Picked: Eclair, Brownie")
    rows = table.get_by_role("checkbox", name="Select row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_be_checked()
    expect(rows.nth(1)).to_be_checked()
    expect(cookie).to_be_checked()
    assert server.state.picked == ["Eclair", "Brownie"]
    rows.nth(0).click()  # one row of the group unchecked: the group's box shows mixed
    expect(page.locator("#picked")).to_have_text("Picked: Brownie")
    expect(cookie).not_to_be_checked()
    page.wait_for_function("document.querySelector('[aria-label=\"Select group category: Cookie\"]').indeterminate")
    cookie.click()  # a mixed box checks the whole group again
    expect(page.locator("#picked")).to_have_text("Picked: Brownie, Eclair")
    page.wait_for_function("!document.querySelector('[aria-label=\"Select group category: Cookie\"]').indeterminate")
    fruit = page.get_by_role("checkbox", name="Select group category: Fruit")
    fruit.click()  # a closed group's rows are selected too
    expect(page.locator("#picked")).to_have_text("Picked: Brownie, Eclair, Apple, Pear")
    cookie.click()
    expect(page.locator("#picked")).to_have_text("Picked: Apple, Pear")
    expect(rows.nth(0)).not_to_be_checked()
    # critical/serious anywhere, or any rule about the roles and names of what this test added
    bad = [v for v in axe_violations(page) if v["impact"] in FAILING or v["id"].startswith(("aria-roledesc", "label"))]
    assert bad == []
    assert page.errors == []


def test_a_group_with_some_rows_picked_shows_mixed_when_the_page_opens(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server) as layout, layout.content:
        vuetify3.VDataTable(id="desserts", items=("desserts", ROWS), show_select=True, item_value="name",
                            v_model=("picked", ["Pear"]), headers=[{"title": "Name", "key": "name"}],
                            group_by=[{"key": "category", "order": "asc"}])
    page.goto(app_runner(server).url)
    wait_connected(page)
    fruit = page.get_by_role("checkbox", name="Select group category: Fruit")
    expect(fruit).not_to_be_checked()
    page.wait_for_function("document.querySelector('[aria-label=\"Select group category: Fruit\"]').indeterminate")
    assert page.evaluate("document.querySelector('[aria-label=\"Select group category: Cookie\"]').indeterminate") \
        is False
    fruit.click()
    expect(fruit).to_be_checked()
    page.wait_for_function("window.htmxtrame.settled")
    assert server.state.picked == ["Pear", "Apple"]
    assert page.errors == []

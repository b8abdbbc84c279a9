"""trame-grid-layout's grid in Chromium without a mouse: arrow keys move a focused item, Shift+arrows resize it."""

from __future__ import annotations

from playwright.sync_api import expect
from test_accessibility import FAILING, axe_violations
from test_grid_layout_page import open_grid

SHOWN = "{{ layout.map(e => e.i + ':' + e.x + ',' + e.y + ' ' + e.w + 'x' + e.h).join(' ') }}"


def test_arrow_keys_move_a_focused_item_and_say_where_it_went(app_runner, page):
    start = [{"x": 0, "y": 0, "w": 6, "h": 1, "i": "a"}, {"x": 0, "y": 1, "w": 6, "h": 1, "i": "b"},
             {"x": 6, "y": 0, "w": 6, "h": 2, "i": "c"}]
    server, cells, _ = open_grid(app_runner, page, start, SHOWN, style="border: solid 1px #333;")
    live = page.locator("#grid [data-ht-grid-live]")
    page.keyboard.press("Tab")
    expect(cells.first).to_be_focused()
    expect(cells.first).to_have_attribute("aria-describedby", page.locator("#grid [id$='-keys']").get_attribute("id"))
    page.keyboard.press("ArrowDown")  # a moves down past b: they swap
    expect(page.locator("#out")).to_have_text("a:0,1 6x1 b:0,0 6x1 c:6,0 6x2")
    expect(cells.first).to_have_css("top", "50px")
    expect(live).to_have_text("Item a is at column 1, row 2, 6 wide, 1 high.")
    expect(cells.first).to_be_focused()
    page.keyboard.press("ArrowRight")  # one column right: it lands on c, which goes below it
    expect(page.locator("#out")).to_have_text("a:1,1 6x1 b:0,0 6x1 c:6,2 6x2")
    page.keyboard.press("Shift+ArrowDown")  # a grows one row taller, pushing c further down
    expect(page.locator("#out")).to_have_text("a:1,1 6x2 b:0,0 6x1 c:6,3 6x2")
    expect(cells.first).to_have_css("height", "70px")
    expect(live).to_have_text("Item a is at column 2, row 2, 6 wide, 2 high.")
    page.keyboard.press("Shift+ArrowLeft")  # one column narrower: c floats back up
    expect(page.locator("#out")).to_have_text("a:1,1 5x2 b:0,0 6x1 c:6,0 6x2")
    assert server.state.layout[0] == {"x": 1, "y": 1, "w": 5, "h": 2, "i": "a"}
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#out")).to_have_text("a:0,0 5x2 b:0,2 6x1 c:6,0 6x2")
    expect(cells.first).to_be_focused()
    page.keyboard.press("ArrowLeft")  # already in the first column: nothing moves, and the page says so
    expect(live).to_have_text("Item a cannot move there; it stays at column 1, row 1, 5 wide, 2 high.")
    # critical/serious anywhere, or any rule about the roles and names of what this test added
    bad = [v for v in axe_violations(page) if v["impact"] in FAILING or v["id"].startswith(("aria-roledesc", "label"))]
    assert bad == []
    assert page.errors == []


def test_prevent_collision_and_static_items_from_the_keyboard(app_runner, page):
    start = [{"x": 0, "y": 0, "w": 2, "h": 1, "i": "a"}, {"x": 2, "y": 0, "w": 2, "h": 1, "i": "b"},
             {"x": 0, "y": 1, "w": 2, "h": 1, "i": "s", "static": True}]
    server, cells, _ = open_grid(app_runner, page, start, SHOWN, grid_props={"prevent_collision": True})
    assert cells.nth(2).get_attribute("tabindex") is None  # a static item is no Tab stop
    cells.first.focus()
    page.keyboard.press("ArrowRight")  # onto b: refused, nothing moves
    expect(page.locator("#grid [data-ht-grid-live]")).to_have_text(
        "Item a cannot move there; it stays at column 1, row 1, 2 wide, 1 high.")
    page.keyboard.press("Shift+ArrowRight")  # growing into b is stopped at b
    page.keyboard.press("Shift+ArrowDown")  # growing down into the static item too
    expect(page.locator("#grid [data-ht-grid-live]")).to_have_text(
        "Item a cannot move there; it stays at column 1, row 1, 2 wide, 1 high.")
    expect(page.locator("#out")).to_have_text("a:0,0 2x1 b:2,0 2x1 s:0,1 2x1")
    page.click("#swap")  # a to column 10: then down is free
    expect(page.locator("#out")).to_have_text("a:10,0 2x1 b:2,0 2x1 s:0,1 2x1")
    cells.first.focus()
    for _ in range(3):  # pressed faster than the server answers: each waits for the move before it
        page.keyboard.press("ArrowLeft")
    expect(page.locator("#out")).to_have_text("a:7,0 2x1 b:2,0 2x1 s:0,1 2x1")
    expect(page.locator("#grid [data-ht-grid-live]")).to_have_text("Item a is at column 8, row 1, 2 wide, 1 high.")
    assert server.state.layout[2]["static"] is True
    assert page.errors == []


def test_the_keys_get_an_item_past_a_static_one_that_stays_put(app_runner, page):
    start = [{"x": 0, "y": 0, "w": 2, "h": 1, "i": "a"}, {"x": 0, "y": 2, "w": 4, "h": 1, "i": "s", "static": True}]
    server, cells, _ = open_grid(app_runner, page, start, SHOWN)
    expect(cells.nth(1)).to_have_css("top", "90px")  # compaction leaves the static item on row 2
    cells.first.focus()
    page.keyboard.press("ArrowDown")  # a would float back up: it hops below s instead
    expect(page.locator("#out")).to_have_text("a:0,3 2x1 s:0,2 4x1")
    expect(page.locator("#grid [data-ht-grid-live]")).to_have_text("Item a is at column 1, row 4, 2 wide, 1 high.")
    page.keyboard.press("ArrowUp")  # onto s from below: just above it, then up to the first free row
    expect(page.locator("#out")).to_have_text("a:0,0 2x1 s:0,2 4x1")
    expect(cells.nth(1)).to_have_css("top", "90px")
    assert server.state.layout[1]["static"] is True
    assert page.errors == []

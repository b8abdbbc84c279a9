"""trame-grid-layout's grid in Chromium: items sit in their columns and rows, and move with the state."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import grid, html

LAYOUT = [
    {"x": 0, "y": 0, "w": 2, "h": 2, "i": "0"},
    {"x": 2, "y": 0, "w": 2, "h": 4, "i": "1"},
    {"x": 4, "y": 6, "w": 4, "h": 1, "i": "2"},  # floats up to row 0
]


def open_grid(app_runner, page, layout, shown: str = "", grid_props=None, **item_style):
    """A page with a 1210 px grid of *layout* (``.cell`` items, given *item_style*; the grid given
    *grid_props*), and a ``#out`` line showing *shown*."""
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with html.Div(style="width: 1210px"):
            with grid.GridLayout(layout=("layout", layout), row_height=30, id="grid", **(grid_props or {})):
                grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item",
                              classes="cell", **item_style)
        if shown:
            html.Div(shown, id="out")
        html.Button("swap", id="swap", click="layout = [{...layout[0], x: 10}, ...layout.slice(1)]")
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(app_runner(server).url)
    wait_connected(page)
    cells = page.locator(".cell")
    expect(cells).to_have_count(len(layout))
    return server, cells, page.locator("#grid").bounding_box()


def test_grid_items_are_placed_in_columns_and_rows_and_move_with_the_state(app_runner, page):
    _, cells, origin = open_grid(app_runner, page, LAYOUT, style="border: solid 1px #333;")

    def box(n):
        b = cells.nth(n).bounding_box()
        return round(b["x"] - origin["x"]), round(b["y"] - origin["y"]), round(b["width"]), round(b["height"])

    # 12 columns of (1210 - 130) / 12 = 90 px, 10 px margins; rows of 30 px
    assert box(0) == (10, 10, 190, 70)
    assert box(1) == (210, 10, 190, 150)
    assert box(2) == (410, 10, 390, 30)
    assert round(origin["height"]) == 170  # 4 rows * 40 + 10: the grid is as tall as its items
    page.click("#swap")
    expect(cells.first).to_have_css("left", "1010px")
    assert page.errors == []


def test_dragging_an_item_onto_another_swaps_them_and_updates_the_layout(app_runner, page):
    start = [{"x": 0, "y": 0, "w": 6, "h": 2, "i": "a"}, {"x": 0, "y": 2, "w": 6, "h": 2, "i": "b"},
             {"x": 6, "y": 0, "w": 6, "h": 1, "i": "c"}]
    server, cells, origin = open_grid(app_runner, page, start, "{{ layout.map(e => e.i + ':' + e.x + ',' + e.y).join(' ') }}",
                                      style="border: solid 1px #333;")
    b = cells.nth(1).bounding_box()  # item b, rows 2-3 of the left half
    page.mouse.move(b["x"] + 100, b["y"] + 20)
    page.mouse.down()
    page.mouse.move(b["x"] + 100, b["y"] - 40, steps=4)
    page.mouse.move(b["x"] + 100, b["y"] - 60, steps=4)  # up two rows (40 px each): b's top on row 0
    page.mouse.up()
    expect(page.locator("#out")).to_have_text("a:0,2 b:0,0 c:6,0")
    assert [e["y"] for e in server.state.layout] == [2, 0, 0]
    # a moved below b on the page, b now on top
    expect(cells.nth(0)).to_have_css("top", "90px")
    expect(cells.nth(1)).to_have_css("top", "10px")
    assert round(cells.nth(1).bounding_box()["y"] - origin["y"]) == 10
    # dragging c to the left half: it floats up to row 0 there and pushes b and a down
    c = cells.nth(2).bounding_box()
    page.mouse.move(c["x"] + 50, c["y"] + 10)
    page.mouse.down()
    page.mouse.move(c["x"] + 50 - 600, c["y"] + 10, steps=6)
    page.mouse.up()
    expect(page.locator("#out")).to_have_text("a:0,3 b:0,1 c:0,0")
    assert page.errors == []


def test_resizing_an_item_by_its_corner_pushes_the_item_below(app_runner, page):
    start = [{"x": 0, "y": 0, "w": 2, "h": 1, "i": "a"}, {"x": 0, "y": 1, "w": 2, "h": 1, "i": "b"}]
    open_grid(app_runner, page, start, "{{ layout.map(e => e.i + ':' + e.y + ' ' + e.w + 'x' + e.h).join(', ') }}")
    corner = page.locator(".cell").first.locator("[data-ht-grid-resize]").bounding_box()
    x, y = corner["x"] + corner["width"] / 2, corner["y"] + corner["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 100, y + 40, steps=4)  # one more column (100 px) and one more row (40 px)
    page.mouse.up()
    expect(page.locator("#out")).to_have_text("a:0 3x2, b:2 2x1")
    expect(page.locator(".cell").first).to_have_css("width", "290px")
    expect(page.locator(".cell").first).to_have_css("height", "70px")
    expect(page.locator(".cell").nth(1)).to_have_css("top", "90px")
    assert page.errors == []

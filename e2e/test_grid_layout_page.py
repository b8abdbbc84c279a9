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


def test_grid_items_are_placed_in_columns_and_rows_and_move_with_the_state(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with html.Div(style="width: 1210px"):
            with grid.GridLayout(layout=("layout", LAYOUT), row_height=30, id="grid"):
                grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item",
                              classes="cell", style="border: solid 1px #333;")
        html.Button("swap", id="swap", click="layout = [{...layout[0], x: 10}, layout[1], layout[2]]")
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(app_runner(server).url)
    wait_connected(page)
    cells = page.locator(".cell")
    expect(cells).to_have_count(3)
    origin = page.locator("#grid").bounding_box()

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

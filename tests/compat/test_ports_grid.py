"""trame.widgets.grid (trame-grid-layout): items placed from the layout, compacted upwards, following the state."""

from __future__ import annotations

import uuid

from htmxtrame.compat import importer
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import grid, html

LAYOUT = [
    {"x": 0, "y": 0, "w": 2, "h": 2, "i": "0"},
    {"x": 2, "y": 0, "w": 2, "h": 4, "i": "1"},
]


def test_compaction_floats_items_up_to_the_first_free_row():
    assert grid.compact([{"x": 0, "y": 5, "w": 2, "h": 2}]) == [(0, 0, 2, 2)]
    boxes = grid.compact([{"x": 0, "y": 0, "w": 4, "h": 2}, {"x": 1, "y": 7, "w": 2, "h": 1},
                          {"x": 6, "y": 3, "w": 2, "h": 1}])
    assert boxes == [(0, 0, 4, 2), (1, 2, 2, 1), (6, 0, 2, 1)]
    # overlapping input is pushed below what it overlaps
    assert grid.compact([{"x": 0, "y": 0, "w": 2, "h": 2}, {"x": 1, "y": 1, "w": 2, "h": 2}])[1] == (1, 2, 2, 2)


def test_malformed_layouts_neither_crash_nor_explode():
    assert grid.compact("nope") == []
    boxes = grid.compact(["junk", {"x": "a", "y": None, "w": -3, "h": float("nan")}, {"x": 1e300, "y": 1e300}])
    assert len(boxes) == 3 and all(max(b) <= 1e6 for b in boxes)
    many = [{"x": i % 12, "y": i, "w": 1, "h": 1} for i in range(grid.MAX_ITEMS + 40)]
    assert len(grid.compact(many)) == grid.MAX_ITEMS


def test_item_style_uses_vue_grid_layouts_geometry():
    style = grid.item_style((2, 1, 3, 2), 12, 20, [10, 5])
    assert "left: calc((100% - 130px) / 12 * 2 + 30px)" in style
    assert "top: 30px" in style  # 20 * 1 + 5 * 2
    assert "width: calc((100% - 130px) / 12 * 3 + 20px)" in style
    assert "height: 45px" in style  # 20 * 2 + 5


def test_the_grid_places_the_v_for_items_and_follows_the_layout_in_the_state(sim_user):
    server = Server(f"grid-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with grid.GridLayout(layout=("layout", LAYOUT), row_height=20, is_draggable=True):
            grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item",
                          style="border: solid 1px #333;")
        html.Button("move", id="move", click="layout = [{x: 6, y: 3, w: 3, h: 1, i: 'x'}]")
    user = sim_user(server)
    items = user.find_all(".ht-grid-item")
    assert [i.text for i in items] == ["0", "1"]
    assert "top: 10px" in items[0].get("style") and "height: 50px" in items[0].get("style")
    assert "border: solid 1px #333" in items[0].get("style")
    assert "min-height: 130px" in user.find(".ht-grid-layout").get("style")  # 4 rows of 20 + 10
    user.click("#move")
    moved = user.find_all(".ht-grid-item")
    assert [i.text for i in moved] == ["x"]
    assert "left: calc((100% - 130px) / 12 * 6 + 70px)" in moved[0].get("style")
    assert "top: 10px" in moved[0].get("style")  # floated up from row 3


def test_trame_widgets_grid_resolves_under_the_import_hook():
    assert importer.target_name("trame.widgets.grid") == "htmxtrame.widgets.grid"

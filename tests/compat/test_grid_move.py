"""Dragging trame.widgets.grid items: the server moves the dropped item, pushes and compacts the others."""

from __future__ import annotations

import json
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import grid
from htmxtrame.widgets.grid import _compact
from htmxtrame.widgets.grid_move import MoveRefused, move_item

LAYOUT = [
    {"i": "a", "x": 0, "y": 0, "w": 6, "h": 1, "title": "A"},
    {"i": "b", "x": 0, "y": 1, "w": 6, "h": 1},
    {"i": "c", "x": 6, "y": 0, "w": 6, "h": 2},
]


def boxes(layout):
    return {e["i"]: (e["x"], e["y"], e["w"], e["h"]) for e in layout}


def test_dropping_an_item_on_another_pushes_it_below_and_keeps_other_keys():
    out = move_item(LAYOUT, {"i": "b", "x": 0, "y": 0}, 12, _compact)
    assert boxes(out) == {"a": (0, 1, 6, 1), "b": (0, 0, 6, 1), "c": (6, 0, 6, 2)}
    assert out[0]["title"] == "A" and LAYOUT[0]["y"] == 0  # the state's list is not changed in place


def test_dragging_an_item_down_past_another_swaps_them():
    out = move_item(LAYOUT, {"i": "a", "x": 0, "y": 1}, 12, _compact)
    assert boxes(out)["a"] == (0, 1, 6, 1) and boxes(out)["b"] == (0, 0, 6, 1)


def test_an_item_moved_across_floats_up_and_the_rest_compacts():
    out = move_item(LAYOUT, {"i": "a", "x": 6, "y": 4}, 12, _compact)
    assert boxes(out) == {"a": (6, 2, 6, 1), "b": (0, 0, 6, 1), "c": (6, 0, 6, 2)}
    # without vertical compaction the item stays on the row it was dropped on
    assert boxes(move_item(LAYOUT, {"i": "a", "x": 0, "y": 4}, 12, None))["a"] == (0, 4, 6, 1)


def test_a_drop_past_the_last_column_keeps_the_item_inside():
    assert boxes(move_item(LAYOUT, {"i": "b", "x": 11, "y": 9}, 12, _compact))["b"][0] == 6


@pytest.mark.parametrize("event", [None, "a", {}, {"i": "zzz", "x": 0, "y": 0}, {"i": "a", "x": "1", "y": 0},
                                   {"i": "a", "x": -1, "y": 0}, {"i": "a", "x": 0, "y": 10**9},
                                   {"i": "a", "x": float("nan"), "y": 0}, {"i": True, "x": 0, "y": 0},
                                   {"i": ["a"], "x": 0, "y": 0}, {"i": "a", "x": 0, "y": 0, "w": 0}])
def test_bad_drops_are_refused(event):
    with pytest.raises(MoveRefused):
        move_item(LAYOUT, event, 12, _compact)


def test_a_static_item_is_not_moved():
    with pytest.raises(MoveRefused, match="static"):
        move_item([{**LAYOUT[0], "static": True}, LAYOUT[1]], {"i": "a", "x": 6, "y": 0}, 12, _compact)


def test_a_layout_past_the_limit_is_refused():
    with pytest.raises(MoveRefused):
        move_item([{"i": str(n), "x": 0, "y": n} for n in range(400)], {"i": "0", "x": 1, "y": 0}, 12, _compact)


def _page(sim_user, **kwargs):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    seen = []
    with DivLayout(server):
        with grid.GridLayout(layout=("layout", [dict(e) for e in LAYOUT]), row_height=30, id="g",
                             layout_updated=seen.append, **kwargs):
            grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item", classes="cell")
    return server, sim_user(server), seen


def test_a_drop_from_the_page_updates_the_layout_state_and_the_items(sim_user):
    server, user, seen = _page(sim_user)
    opts = json.loads(user.find("#g").get("data-ht-grid"))
    assert opts == {"cols": 12, "rowHeight": 30, "margin": [10, 10], "drag": True, "resize": True}
    assert [n.get("data-ht-grid-i") for n in user.find_all(".cell")] == ["a", "b", "c"]
    user.fire("#g", "ht_grid_drop", i="b", x=0, y=0)
    assert boxes(server.state.layout) == {"a": (0, 1, 6, 1), "b": (0, 0, 6, 1), "c": (6, 0, 6, 2)}
    assert seen == [server.state.layout]
    assert "top: 10px" in user.find_all(".cell")[1].get("style")  # b re-rendered on row 0
    assert "top: 50px" in user.find_all(".cell")[0].get("style")


def test_bad_drops_from_the_page_change_nothing(sim_user):
    server, user, seen = _page(sim_user)
    before = server.state.layout
    for event in ({"i": "nope", "x": 0, "y": 0}, {"i": "a", "x": "x", "y": 0}, {"x": 1}):
        user.fire("#g", "ht_grid_drop", **event)
    assert server.state.layout == before and seen == []


def test_a_grid_that_is_not_draggable_neither_offers_nor_takes_drops(sim_user):
    server, user, seen = _page(sim_user, is_draggable=False, is_resizable=False)
    assert user.find("#g").get("data-ht-grid") is None
    assert all(n.get("hidden") is not None for n in user.find_all(".cell [data-ht-grid-resize]"))
    user.fire("#g", "ht_grid_drop", i="b", x=0, y=0)
    user.fire("#g", "ht_grid_drop", i="b", w=2, h=2)
    assert boxes(server.state.layout)["b"] == (0, 1, 6, 1) and seen == []


def test_resizing_an_item_pushes_the_ones_below_and_keeps_it_in_the_columns(sim_user):
    out = move_item(LAYOUT, {"i": "a", "w": 6, "h": 3}, 12, _compact)
    assert boxes(out) == {"a": (0, 0, 6, 3), "b": (0, 3, 6, 1), "c": (6, 0, 6, 2)}
    with pytest.raises(MoveRefused):
        move_item(LAYOUT, {"i": "c", "w": 13, "h": 1}, 12, _compact)
    assert boxes(move_item(LAYOUT, {"i": "c", "w": 12, "h": 1}, 12, _compact))["c"][0] == 0
    server, user, seen = _page(sim_user, is_draggable=False)
    handles = user.find_all(".cell [data-ht-grid-resize]")
    assert len(handles) == 3 and all(n.get("hidden") is None for n in handles)
    user.fire("#g", "ht_grid_drop", i="a", w=6, h=3)
    assert boxes(server.state.layout)["b"] == (0, 3, 6, 1)
    user.fire("#g", "ht_grid_drop", i="a", x=6, y=0)  # not draggable: moves are refused
    assert boxes(server.state.layout)["a"] == (0, 0, 6, 3)


def test_static_items_have_no_drag_key(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with grid.GridLayout(layout=("layout", [{"i": "s", "x": 0, "y": 0, "w": 1, "h": 1, "static": True}])):
            grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item", classes="cell")
            grid.GridItem("fixed", i="f", x=1, y=0, w=1, h=1, static=True, id="fixed")
    user = sim_user(server)
    assert user.find(".cell").get("data-ht-grid-i") is None and user.find("#fixed").get("data-ht-grid-i") is None
    assert user.find(".cell [data-ht-grid-resize]").get("hidden") is not None
    assert user.find_all("#fixed [data-ht-grid-resize]") == []

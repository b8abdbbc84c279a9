"""trame.widgets.grid: static items, prevent_collision and the keyboard's Tab stops, as vue-grid-layout."""

from __future__ import annotations

import logging
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import grid
from htmxtrame.widgets.grid import _compact
from htmxtrame.widgets.grid_move import MoveBlocked, MoveRefused, move_item

STATIC = [
    {"i": "s", "x": 0, "y": 2, "w": 6, "h": 1, "static": True},
    {"i": "a", "x": 0, "y": 0, "w": 6, "h": 1},
    {"i": "b", "x": 0, "y": 1, "w": 6, "h": 1},
    {"i": "c", "x": 6, "y": 0, "w": 6, "h": 1},
]


def boxes(layout):
    return {e["i"]: (e["x"], e["y"], e["w"], e["h"]) for e in layout}


def test_compaction_leaves_static_items_where_they_are_and_flows_the_rest_around_them():
    # an item floats up until it meets the static one (it does not jump past it), one beside it to row 0
    assert grid.compact([{"x": 0, "y": 4, "w": 2, "h": 1, "static": True}, {"x": 0, "y": 9, "w": 2, "h": 1},
                         {"x": 2, "y": 9, "w": 2, "h": 1}]) == [(0, 4, 2, 1), (0, 5, 2, 1), (2, 0, 2, 1)]
    # an item overlapping a static one goes below it, not the static item
    assert grid.compact([{"x": 0, "y": 3, "w": 4, "h": 2}, {"x": 0, "y": 0, "w": 2, "h": 2, "static": True}]) \
        == [(0, 2, 4, 2), (0, 0, 2, 2)]


def test_a_push_never_moves_a_static_item():
    # a dragged down onto b: b would be pushed below a, onto s; s stays and b goes below s
    out = move_item(STATIC, {"i": "a", "x": 0, "y": 1}, 12, _compact)
    assert boxes(out)["s"] == (0, 2, 6, 1)
    assert boxes(out)["a"] == (0, 1, 6, 1) and boxes(out)["b"] == (0, 0, 6, 1)
    # an item dropped on a static one goes just above it when that spot is free, else below it
    out = move_item(STATIC, {"i": "c", "x": 0, "y": 2}, 12, None)
    assert boxes(out)["s"] == (0, 2, 6, 1) and boxes(out)["c"] == (0, 3, 6, 1)  # b holds the row above
    assert boxes(out)["b"] == (0, 1, 6, 1)
    out = move_item([e for e in STATIC if e["i"] != "b"], {"i": "c", "x": 0, "y": 2}, 12, None)
    assert boxes(out)["s"] == (0, 2, 6, 1) and boxes(out)["c"] == (0, 1, 6, 1)
    out = move_item(STATIC, {"i": "c", "x": 0, "y": 2}, 12, _compact)
    assert boxes(out)["s"] == (0, 2, 6, 1) and all(not (y <= 2 < y + h) for i, (x, y, w, h) in boxes(out).items()
                                                   if i != "s" and x < 6)
    # resizing an item over a static one: the static item stays
    out = move_item(STATIC, {"i": "b", "w": 6, "h": 3}, 12, _compact)
    assert boxes(out)["s"] == (0, 2, 6, 1)
    assert boxes(out)["b"][1] >= 3


def test_a_keyboard_step_down_hops_below_the_static_item_under_the_item():
    layout = [{"i": "a", "x": 0, "y": 0, "w": 2, "h": 1}, {"i": "s", "x": 0, "y": 3, "w": 4, "h": 1, "static": True},
              {"i": "b", "x": 1, "y": 4, "w": 2, "h": 1}]
    # a pointer drop in the gap above s floats back up (vue-grid-layout); a step with the keys hops below s
    assert boxes(move_item(layout, {"i": "a", "x": 0, "y": 1}, 12, _compact))["a"] == (0, 0, 2, 1)
    out = move_item(layout, {"i": "a", "x": 0, "y": 1, "step": True}, 12, _compact)
    assert boxes(out)["a"] == (0, 4, 2, 1) and boxes(out)["s"] == (0, 3, 4, 1) and boxes(out)["b"] == (1, 5, 2, 1)
    # and back up: a step up onto s goes just above it, then floats up
    assert boxes(move_item(out, {"i": "a", "x": 0, "y": 3, "step": True}, 12, _compact))["a"] == (0, 0, 2, 1)
    # with prevent_collision the hop is refused when the cell below s is taken
    blocked = [*layout[:2], {"i": "b", "x": 0, "y": 4, "w": 2, "h": 1}]
    with pytest.raises(MoveBlocked):
        move_item(blocked, {"i": "a", "x": 0, "y": 1, "step": True}, 12, _compact, prevent_collision=True)


def test_moving_or_resizing_a_static_item_is_refused():
    for event in ({"i": "s", "x": 6, "y": 0}, {"i": "s", "w": 2, "h": 2}):
        with pytest.raises(MoveRefused, match="static"):
            move_item(STATIC, event, 12, _compact)


LAYOUT = [
    {"i": "a", "x": 0, "y": 0, "w": 2, "h": 1},
    {"i": "b", "x": 4, "y": 0, "w": 2, "h": 2},
    {"i": "c", "x": 0, "y": 3, "w": 2, "h": 1},
]


def test_prevent_collision_refuses_a_drop_on_another_item_and_allows_a_free_one():
    with pytest.raises(MoveBlocked):
        move_item(LAYOUT, {"i": "a", "x": 3, "y": 0}, 12, _compact, prevent_collision=True)
    # c shows on row 1 (compacted): dropping a there overlaps it
    with pytest.raises(MoveBlocked):
        move_item(LAYOUT, {"i": "a", "x": 0, "y": 1}, 12, _compact, prevent_collision=True)
    assert boxes(move_item(LAYOUT, {"i": "a", "x": 2, "y": 0}, 12, _compact, prevent_collision=True))["a"] \
        == (2, 0, 2, 1)
    # without it the drop pushes b aside
    assert boxes(move_item(LAYOUT, {"i": "a", "x": 3, "y": 0}, 12, _compact))["b"] == (4, 1, 2, 2)


def test_prevent_collision_stops_a_resize_at_the_first_item_in_its_way():
    out = move_item(LAYOUT, {"i": "a", "w": 6, "h": 1}, 12, _compact, prevent_collision=True)
    assert boxes(out)["a"] == (0, 0, 4, 1) and boxes(out)["b"] == (4, 0, 2, 2)
    out = move_item(LAYOUT, {"i": "a", "w": 2, "h": 3}, 12, _compact, prevent_collision=True)
    assert boxes(out)["a"] == (0, 0, 2, 1)  # c (row 1 once compacted) is right below
    out = move_item(LAYOUT, {"i": "a", "w": 3, "h": 1}, 12, _compact, prevent_collision=True)
    assert boxes(out)["a"] == (0, 0, 3, 1)


def _page(sim_user, layout, **kwargs):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with grid.GridLayout(layout=("layout", [dict(e) for e in layout]), id="g", **kwargs):
            grid.GridItem("{{ item.i }}", v_for="item in layout", key="item.i", v_bind="item", classes="cell")
    return server, sim_user(server)


def test_prevent_collision_from_the_page_keeps_the_layout_and_logs_quietly(sim_user, caplog):
    server, user = _page(sim_user, LAYOUT, prevent_collision=True)
    before = server.state.layout
    with caplog.at_level(logging.INFO, logger="htmxtrame.widgets.grid"):
        user.fire("#g", "ht_grid_drop", i="a", x=4, y=0)
    assert server.state.layout == before
    assert any("prevent_collision" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)
    user.fire("#g", "ht_grid_drop", i="a", w=12, h=1)
    assert boxes(server.state.layout)["a"] == (0, 0, 4, 1)


def test_prevent_collision_bound_to_the_state(sim_user):
    server, user = _page(sim_user, LAYOUT, prevent_collision=("blocking", False))
    user.fire("#g", "ht_grid_drop", i="a", x=4, y=0)
    assert boxes(server.state.layout)["b"] == (4, 1, 2, 2)
    server.state.blocking = True
    server.state.flush()
    before = server.state.layout
    user.fire("#g", "ht_grid_drop", i="c", x=4, y=0)  # now the same kind of drop changes nothing
    assert server.state.layout == before


def test_movable_items_are_tab_stops_described_by_the_keys_and_static_ones_are_not(sim_user):
    server, user = _page(sim_user, STATIC)
    cells = user.find_all(".cell")
    assert [c.get("tabindex") for c in cells] == [None, "0", "0", "0"]
    help_id = cells[1].get("aria-describedby")
    assert help_id and "Arrow keys move" in user.find(f"[id='{help_id}']").text
    assert cells[1].get("aria-roledescription") == "movable item" and cells[1].get("role") == "group"
    assert [c.get("data-ht-grid-cell") for c in cells] == ["0 2 6 1", "0 0 6 1", "0 1 6 1", "6 0 6 1"]
    live = user.find("#g [data-ht-grid-live]")
    assert live.get("role") == "status" and live.get("aria-live") == "polite"
    user.fire("#g", "ht_grid_drop", i="s", x=6, y=5)  # a page asking to move a static item is refused
    assert boxes(server.state.layout)["s"] == (0, 2, 6, 1)
    server, user = _page(sim_user, STATIC, is_draggable=False, is_resizable=False)
    assert all(c.get("tabindex") is None for c in user.find_all(".cell"))

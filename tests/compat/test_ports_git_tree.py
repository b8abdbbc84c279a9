"""GitTree (trame-components): a pipeline's nodes as rows; clicking names and visibility toggles reaches the app."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import trame as trame_widgets
from htmxtrame.widgets.git_tree import MAX_NODES, tree_rows

PIPELINE = [
    {"id": "1", "parent": "0", "visible": 1, "name": "Mesh"},
    {"id": "3", "parent": "1", "visible": 0, "name": "Clip"},
    {"id": "2", "parent": "1", "visible": 1, "name": "Contour"},
    {"id": "4", "parent": "2", "visible": 1, "name": "Slice"},
]


def test_rows_are_depth_first_in_id_order_with_trames_lanes():
    rows = [r[0] for r in tree_rows(PIPELINE, ["2"], "0")]
    assert [(r["name"], r["lane"], r["visible"], r["active"]) for r in rows] == [
        ("Mesh", 0, True, False), ("Contour", 1, True, True), ("Slice", 1, True, False), ("Clip", 0, False, False)]


def test_malformed_sources_and_cycles_neither_crash_nor_loop():
    cyclic = [{"id": "1", "parent": "0"}, {"id": "2", "parent": "1"}, {"id": "1", "parent": "2"}, "junk", {"name": "no id"}]
    assert [r[0]["id"] for r in tree_rows(cyclic, None, "0")] == ["1", "2"]
    assert tree_rows("not a list", [], "0") == []
    many = [{"id": str(i), "parent": "0"} for i in range(1, MAX_NODES + 50)]
    assert len(tree_rows(many, [], "0")) == MAX_NODES


def test_clicks_reach_the_apps_handlers_and_mark_the_active_row(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    heard = []
    with DivLayout(server):
        trame_widgets.GitTree(sources=("pipeline", PIPELINE), actives_change=(heard.append, "[$event]"),
                              visibility_change=(heard.append, "[$event]"))
    user = sim_user(server)
    names = [n.text for n in user.find_all(".ht-git-tree__name")]
    assert names == ["Mesh", "Contour", "Slice", "Clip"]
    eyes = user.find_all(".ht-git-tree__eye")
    assert [e.get("aria-pressed") for e in eyes] == ["true", "true", "true", "false"]
    assert eyes[3].get("aria-label") == "Show Clip"
    user.click("Contour")
    assert heard == [["2"]]
    assert user.find(".ht-git-tree__row--active").text == "Contour"
    assert len(user.find_all(".ht-git-tree__row")) == 4
    user.click("Show Clip")
    assert heard[-1] == {"id": "3", "visible": True}

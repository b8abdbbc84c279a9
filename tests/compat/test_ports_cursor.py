"""Cursor (trame-components): its parent's cursor follows the state, through the stylesheet's rules."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets
from htmxtrame.widgets.cursor import CURSORS

CSS = (Path(__file__).resolve().parents[2] / "static" / "components.css").read_text()


def test_the_marker_follows_the_state_and_seeds_its_keys(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with html.Div(id="area"):
            trame_widgets.Cursor(active=("active", 1), cursors=("options", ["default", "wait"]), id="cur")
        with html.Div(id="lit"):
            trame_widgets.Cursor(active=0, cursors=["crosshair"], id="fixed")
        html.Button("past the end", id="far", click="active = 5")
    user = sim_user(server)
    assert server.state.options == ["default", "wait"]
    assert user.find("#cur").get("data-ht-cursor") == "wait" and user.find("#cur").get("hidden") is not None
    assert user.find("#fixed").get("data-ht-cursor") == "crosshair"
    user.click("#far")  # past the end of the list: the default cursor
    assert user.find("#cur").get("data-ht-cursor") == "default"


def test_every_cursor_name_has_a_rule():
    ruled = set(re.findall(r':has\(> \[data-ht-cursor="([a-z-]+)"\]\) \{ cursor: \1; \}', CSS))
    assert ruled == set(CURSORS) and len(CURSORS) == 36


@pytest.mark.parametrize("kwargs", [{"active": "1"}, {"cursors": "wait"}, {"active": True}])
def test_props_that_are_neither_bound_nor_numbers_and_lists_are_refused(kwargs):
    with pytest.raises(TypeError, match="Cursor takes"):
        trame_widgets.Cursor(**kwargs)


def test_only_pages_with_a_cursor_or_git_tree_carry_their_rules():
    from htmxtrame.transport.assets import page_assets

    def head(build):
        root = html.Div()
        with root:
            build()
        return page_assets("/static", str(root), tree=root)

    assert "data-ht-cursor" not in head(lambda: html.Span("plain"))
    assert 'cursor: wait' in head(lambda: trame_widgets.Cursor(active=1))
    # one the page shows only later (under a v_if that is false now) still brings them
    with_hidden = head(lambda: html.Div(trame_widgets.GitTree(sources=[]), v_if="false"))
    assert ".ht-git-tree__row" in with_hidden

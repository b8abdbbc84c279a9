"""FloatCard (trame-components): a fixed card at `location` with a drag handle on one edge."""

from __future__ import annotations

import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets
from htmxtrame.widgets.float_card import handle_style, position


def _style(node) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in (p.partition(":") for p in (node.get("style") or "").split(";")) if k.strip()}


def test_the_card_is_fixed_at_its_location_with_a_handle_and_its_content(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        trame_widgets.FloatCard("Drag me", id="fc", classes="pa-8", location=[120, 80], handle_position="bottom",
                                handle_color="red", handle_size=20)
    user = sim_user(server)
    card = user.find("#fc")
    style = _style(card)
    assert style["position"] == "fixed" and style["left"] == "120px" and style["top"] == "80px"
    assert "v-card" in card.get("class") and "ht-float-card" in card.get("class") and "pa-8" in card.get("class")
    assert "Drag me" in user.text("#fc")
    handle = user.find("#fc [data-ht-float-handle]")
    hs = _style(handle)
    assert hs["bottom"] == "0" and hs["height"] == "20px" and "red" in hs["background-image"]
    assert handle.get("tabindex") == "0" and handle.get("aria-label")


def test_a_bound_location_moves_the_card_when_the_state_changes(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        trame_widgets.FloatCard("x", id="fc", location=("where", [10, 20]))
        html.Button("move", id="go", click="where = [300, 40]")
    user = sim_user(server)
    assert server.state.where == [10, 20]
    assert _style(user.find("#fc"))["left"] == "10px"
    assert user.find("#fc").get("data-ht-float") == "10px,20px"
    user.click("#go")
    style = _style(user.find("#fc"))
    assert (style["left"], style["top"], style["position"]) == ("300px", "40px", "fixed")
    assert user.find("#fc").get("data-ht-float") == "300px,40px"


def test_the_trame_demo_expression_location_and_default(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        trame_widgets.FloatCard("demo", id="a", location=("[100, 100]",))
        trame_widgets.FloatCard("default", id="b")
    user = sim_user(server)
    assert (_style(user.find("#a"))["left"], _style(user.find("#a"))["top"]) == ("100px", "100px")
    assert (_style(user.find("#b"))["left"], _style(user.find("#b"))["top"]) == ("100px", "50px")


@pytest.mark.parametrize("bad", [None, "12", [1], [1, 2, 3], [float("nan"), 1], [True, 2], [10**9, 0], {"x": 1}])
def test_a_location_that_is_not_two_numbers_falls_back_to_the_default(bad):
    assert position(bad) == {"left": "100px", "top": "50px"}


def test_a_bad_bound_location_renders_the_default_and_the_page_stays_up(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        trame_widgets.FloatCard("x", id="fc", location=("where", [10, 20]))
        html.Button("bad", id="bad", click="where = 'nowhere'")
    user = sim_user(server)
    user.click("#bad")
    assert _style(user.find("#fc"))["left"] == "100px"


@pytest.mark.parametrize("color", ["red; position: static", "url(javascript:x)", "x" * 100, 3])
def test_a_handle_color_that_is_not_one_colour_is_refused(color):
    style = handle_style(color, "top", 12)
    assert "#aaa" in style["background-image"] and ";" not in style["background-image"]


def test_handle_positions_and_sizes():
    left = handle_style("#123", "left", 16)
    assert left["left"] == "0" and left["width"] == "16px" and left["background-repeat"] == "repeat, repeat-y"
    assert handle_style("#123", "sideways", 12)["top"] == "0"  # unknown edge: trame's default, the top
    assert handle_style("#123", "top", "huge")["height"] == "12px"
    assert handle_style("#123", "top", 10**6)["height"] == "100px"

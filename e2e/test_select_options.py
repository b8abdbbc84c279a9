"""A plain html.Select in Chromium: what a person picks is accepted (the server
checks every value against the options it rendered), options from state included."""

from __future__ import annotations

from conftest import wait_connected, wait_for_state
from playwright.sync_api import expect

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def test_picks_in_plain_selects_reach_the_state(app_runner, page):
    server = get_server("e2e-select-options")
    state = server.state
    state.colors = [{"id": 1, "name": "red"}, {"id": 2, "name": "green"}]
    with DivLayout(server):
        with html.Select(id="color", aria_label="Color", v_model=("color", "1")):
            html.Option("{{ c.name }}", v_for="c in colors", key="c.id", value=("c.id",))
        with html.Select(id="size", aria_label="Size", v_model=("size", "M")):
            html.Option("Small")
            html.Option(" M ")
            html.Option("Huge", disabled=True)
        with html.Select(id="tags", aria_label="Tags", multiple=True, v_model=("tags", [])):
            html.Option("x", value="x")
            html.Option("y", value="y")
        html.Button("add blue", id="add", click="colors = [...colors, {id: 3, name: 'blue'}]")
        html.Div("{{ color }} {{ size }} {{ tags.join(',') }}", id="out")
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    page.get_by_label("Color").select_option("green")
    wait_for_state(page, server, "color", "2")
    page.get_by_label("Size").select_option("Small")
    wait_for_state(page, server, "size", "Small")
    page.get_by_label("Tags").select_option(["x", "y"])
    wait_for_state(page, server, "tags", ["x", "y"])
    page.click("#add")
    expect(page.get_by_label("Color").locator("option")).to_have_count(3)
    page.get_by_label("Color").select_option("blue")
    wait_for_state(page, server, "color", "3")
    expect(page.locator("#out")).to_have_text("3 Small x,y")
    assert page.errors == []

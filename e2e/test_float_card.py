"""trame's FloatCard in Chromium: dragging its handle moves the card; a re-render keeps it there."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets


def _box(page):
    return page.locator("#fc").bounding_box()


def test_dragging_the_handle_moves_the_card_and_a_rerender_keeps_it(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.count = 0
    with DivLayout(server):
        trame_widgets.FloatCard("Drag the handle {{ count }}", id="fc", classes="pa-8", width=240,
                                location=("where", [100, 100]))
        html.Button("count", id="inc", click="count += 1")
        html.Button("home", id="home", click="where = [20, 300]")
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(app_runner(server).url)
    wait_connected(page)
    start = _box(page)
    assert (start["x"], start["y"]) == (100, 100)
    handle = page.locator("#fc [data-ht-float-handle]").bounding_box()
    hx, hy = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(hx, hy)
    page.mouse.down()
    page.mouse.move(hx + 150, hy + 60, steps=5)
    page.mouse.up()
    moved = _box(page)
    assert (moved["x"], moved["y"]) == (250, 160)
    # dragging the card's body does nothing
    page.mouse.move(moved["x"] + 120, moved["y"] + 60)
    page.mouse.down()
    page.mouse.move(moved["x"] + 20, moved["y"] + 300, steps=3)
    page.mouse.up()
    assert (_box(page)["x"], _box(page)["y"]) == (250, 160)
    # a frame that re-renders the card leaves it where the user put it (the move stays in the page)
    page.click("#inc")
    expect(page.locator("#fc")).to_contain_text("Drag the handle 1")
    assert (_box(page)["x"], _box(page)["y"]) == (250, 160)
    assert server.state.where == [100, 100]
    # the server giving a new location moves it there
    page.click("#home")
    page.wait_for_function("() => document.getElementById('fc').getBoundingClientRect().top === 300")
    assert _box(page)["x"] == 20
    # keyboard: the focused handle moves the card with the arrow keys
    page.locator("#fc [data-ht-float-handle]").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowDown")
    assert (_box(page)["x"], _box(page)["y"]) == (30, 350)
    assert page.errors == []

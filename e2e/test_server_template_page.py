"""client.ServerTemplate shows another layout inside the main one, as trame's multi-view apps use it."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import client, html


def embedding_server() -> Server:
    server = Server(f"st{uuid.uuid4().hex[:6]}")
    with DivLayout(server):  # the embedded layouts come after, as in trame's tutorial
        html.Div("Main view a={{ a }}", id="summary")
        client.ServerTemplate(name="view_a")
    with DivLayout(server, template_name="view_a"):
        html.Div("View a={{ a }}", id="inner")
        html.Button("More", click="a += 1")
        html.Input(v_model=("a", 0), aria_label="a")
    return server


def test_an_embedded_layout_shows_and_its_controls_change_the_state(app_runner, page):
    server = embedding_server()
    page.goto(app_runner(server).url)
    wait_connected(page)
    expect(page.locator("#inner")).to_have_text("View a=0")
    page.get_by_role("button", name="More").click()
    expect(page.locator("#summary")).to_have_text("Main view a=1")
    expect(page.locator("#inner")).to_have_text("View a=1")
    page.get_by_label("a").fill("7")
    expect(page.locator("#summary")).to_have_text("Main view a=7")
    assert page.errors == []


def test_rebuilding_an_embedded_layout_updates_the_page_that_shows_it(app_runner, page):
    server = Server(f"st{uuid.uuid4().hex[:6]}")
    layouts = {}

    def add_line() -> None:
        with layouts["part"] as layout:
            html.Div(f"Line {len(layout.root.children)}", classes="line")

    with DivLayout(server, template_name="part") as part:
        layouts["part"] = part
        html.Button("Add a line", click=add_line)
    with DivLayout(server):
        client.ServerTemplate(name="part", classes="pa-4")
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.get_by_role("button", name="Add a line").click()
    expect(page.locator(".line")).to_have_text(["Line 1"])
    page.get_by_role("button", name="Add a line").click()
    expect(page.locator(".line")).to_have_text(["Line 1", "Line 2"])
    assert page.errors == []

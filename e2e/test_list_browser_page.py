"""trame-components' ListBrowser in Chromium: typing filters the rows, clicks reach the app."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets


def test_list_browser_filters_and_reports_clicks(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.clicked = "-"
    with SinglePageLayout(server) as layout, layout.content:
        trame_widgets.ListBrowser(
            filter=True, path=("path", ["home", "data"]),
            list=("listing", [{"text": "Hello.txt", "value": "hello.txt", "type": "File"},
                              {"text": "Results", "type": "Folder"}]),
            click=(lambda e: server.state.update({"clicked": f"{e['type']}:{e['value']}"}), "[$event]"),
        )
        html.Span("clicked {{ clicked }}", id="clicked")
    page.goto(app_runner(server).url)
    wait_connected(page)
    rows = page.locator(".v-list-item:visible")
    expect(rows).to_have_count(2)
    page.get_by_label("Filter").fill("folder")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Results")
    rows.first.click()
    expect(page.locator("#clicked")).to_have_text("clicked Folder:1")
    page.get_by_role("button", name="Go to home").click()
    expect(page.locator("#clicked")).to_have_text("clicked path:home")
    assert page.errors == []

"""A sorted data-table header keeps its title as its name, in Chromium."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vuetify3 as v


def table_server() -> Server:
    server = Server(f"hdr{uuid.uuid4().hex[:6]}")
    server.state.rows = [{"name": n, "score": s} for n, s in (("Ann", 3), ("Bob", 9), ("Cy", 5))]
    with SinglePageLayout(server) as layout, layout.content:
        v.VDataTable(headers=[{"title": "Name", "key": "name"}, {"title": "Score", "key": "score"}], items=("rows",))
    return server


def test_the_score_header_is_named_score_while_sorted(app_runner, page):
    page.set_default_timeout(5000)
    page.goto(app_runner(table_server()).url)
    wait_connected(page)
    score = page.get_by_role("columnheader", name="Score", exact=True)
    score.click()
    expect(score).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("tbody tr").first).to_contain_text("Ann")
    score.click()  # still found by its name: the arrow beside it is no part of it
    expect(score).to_have_attribute("aria-sort", "descending")
    expect(page.locator("tbody tr").first).to_contain_text("Bob")
    expect(score).to_contain_text("↓")  # the arrow is still drawn
    assert page.errors == []

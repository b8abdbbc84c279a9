"""A VSwitch operated as Playwright users write it: by its role and name, in Chromium."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vuetify3 as v


def switch_server() -> Server:
    server = Server(f"sw{uuid.uuid4().hex[:6]}")
    with SinglePageLayout(server, theme=("dark ? 'dark' : 'light'",)) as layout, layout.content:
        v.VSwitch(v_model=("dark", False), label="Dark mode")
    return server


def test_a_switch_is_checked_and_unchecked_through_its_own_input(app_runner, page):
    page.set_default_timeout(5000)  # the switch's track used to take the click: check() timed out
    page.goto(app_runner(switch_server()).url)
    wait_connected(page)
    switch = page.get_by_role("switch", name="Dark mode")
    switch.check()
    expect(page.locator("#app")).to_have_class(re.compile(r"\bv-theme--dark\b"))
    page.get_by_label("Dark mode").click()
    expect(switch).not_to_be_checked()
    expect(page.locator("#app")).not_to_have_class(re.compile(r"\bv-theme--dark\b"))
    assert page.errors == []

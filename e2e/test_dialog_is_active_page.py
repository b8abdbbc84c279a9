"""A VDialog closed from inside through its default slot's ``{ isActive }``, in Chromium."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vuetify3 as v


def dialog_server() -> Server:
    server = Server(f"dlg{uuid.uuid4().hex[:6]}")
    with SinglePageLayout(server) as layout, layout.content, v.VDialog(max_width=400):
        with v.Template(v_slot_activator="{ props }"):
            v.VBtn("Open", v_bind="props")
        with v.Template(v_slot_default="{ isActive }"), v.VCard(title="Hi there"):
            v.VCardText("inside")
            with v.VCardActions():
                v.VBtn("Close it", click="isActive.value = false")
    return server


def test_the_close_button_written_as_in_vuetifys_docs_closes_the_dialog(app_runner, page):
    page.goto(app_runner(dialog_server()).url)
    wait_connected(page)
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("dialog")).to_contain_text("inside")
    page.get_by_role("button", name="Close it").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("inside")).to_have_count(0)
    page.get_by_role("button", name="Open").click()  # and it opens again
    expect(page.get_by_role("dialog")).to_contain_text("inside")
    assert page.errors == []

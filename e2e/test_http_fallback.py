"""The HTTP fallback in Chromium: the websocket is refused, the page uses SSE + POST.

The slider demo runs with ``HTMXTRAME_TRANSPORTS=sse``: its websocket
route answers 404, as behind a proxy that refuses the upgrade. Every slider
e2e test runs again on that page (imported below, so they use this module's
``slider`` fixture), then the reconnect after a server restart.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, AppProcess, wait_connected
from playwright.sync_api import expect
from test_slider import (  # noqa: F401  (collected here, against the fallback page)
    NAME,
    SLIDER,
    test_a_change_in_one_page_appears_in_the_other,
    test_button_steps_the_slider_and_wraps_past_15,
    test_drag_the_slider_and_text_and_listener_follow,
    test_the_clock_ticks,
    test_title_and_toolbar,
    test_toolbar_icon_buttons_have_names_and_work,
    test_typing_30_characters_fast_loses_nothing,
)

SSE_ONLY = {"HTMXTRAME_TRANSPORTS": "sse"}


@pytest.fixture
def slider(page, browser):
    app = AppProcess("apps/slider.py", env=SSE_ONLY)
    # Pages the slider tests open themselves (a second window) fall back too.
    try:
        page.goto(app.url)
        wait_connected(page)
        expect(page.locator("html")).to_have_attribute("data-ht-transport", "sse")
        page.app = app
        yield page
    finally:
        app.stop()


def test_the_page_says_it_uses_http(slider):
    assert slider.evaluate("window.htmxtrame.transport") == "sse"
    expect(slider.locator("#ht-status")).to_have_attribute("data-transport", "sse")
    # The websocket extension gave up: no socket is open or being retried.
    assert slider.evaluate("!document.getElementById('ht-app')._htmx.ws.connection")


def test_reconnects_after_a_server_restart_and_resyncs(page):
    app = AppProcess("apps/slider.py", env=SSE_ONLY)
    port = app.port
    try:
        page.goto(app.url)
        wait_connected(page)
        expect(page.locator("html")).to_have_attribute("data-ht-transport", "sse")
        page.click("#change")
        expect(page.locator("#slider_text")).to_have_text("slider_value = 9")
        app.stop()
        expect(page.locator("#ht-status")).to_have_text("Reconnecting over HTTP…")
        # Typed while the server is down: kept, and sent once it is back.
        page.click(NAME)
        page.keyboard.type("offline")
        app = _restart(port)
        wait_connected(page, timeout_ms=15000)
        expect(page.locator("#ht-status")).to_be_hidden(timeout=10000)
        # The new server starts at 8: the page resynced to it, then got the typing.
        expect(page.locator("#slider_text")).to_have_text("slider_value = 8")
        expect(page.locator("#name_text")).to_have_text("You typed: offline")
        page.click("#change")
        expect(page.locator("#slider_text")).to_have_text("slider_value = 9")
        expect(page.locator(SLIDER)).to_have_value("9")
        assert page.errors == []
    finally:
        app.stop()


def _restart(port: int) -> AppProcess:
    """The slider app again, on the port the page knows."""
    return AppProcess(
        "apps/slider.py", command=[sys.executable, str(ROOT / "apps/slider.py"), "--server", "--port", str(port)],
        env=SSE_ONLY,
    )

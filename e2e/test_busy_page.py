"""trame__busy in Chromium: apps/trame_busy.py, a trame app run unchanged by ``htmxtrame run``.

Its first button is trame's reserved_state.py example: a handler that
blocks a second. The page shows it busy while it waits, then idle; a quick
click never flashes it; another page never sees it.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT, AppProcess, open_page
from playwright.sync_api import expect

APP = str(ROOT / "apps" / "trame_busy.py")


@pytest.fixture(scope="module")
def app():
    process = AppProcess("apps/trame_busy.py", command=[sys.executable, "-m", "htmxtrame", "run", APP,
                                                        "--server", "--port", "0", "--timeout", "0"])
    yield process
    process.stop()


@pytest.fixture
def pg(page, app):
    return open_page(page, app.url)


def watch_busy(pg) -> None:
    """Record in the page whether #busy_text ever said busy (a flash would be missed by polling)."""
    pg.evaluate("""() => { window.__sawBusy = false;
        const seen = () => { if (document.getElementById('busy_text').textContent.includes('trame__busy: 1'))
                               window.__sawBusy = true; };
        new MutationObserver(seen).observe(document.getElementById('ht-app'),
                                           {subtree: true, childList: true, characterData: true}); }""")


@pytest.mark.parametrize("button", ["busy", "background"])
def test_the_page_shows_busy_while_the_server_works_then_idle(pg, button):
    text, spinner, save = pg.locator("#busy_text"), pg.locator("#spinner"), pg.locator("#save")
    expect(text).to_have_text("trame__busy: 0")
    expect(spinner).to_have_count(0)
    expect(save).to_be_enabled()
    pg.locator(f"#{button}").click()
    expect(text).to_have_text("trame__busy: 1", timeout=900)  # well inside the handler's second
    expect(spinner).to_be_visible()
    expect(save).to_be_disabled()
    expect(pg.locator("#busy_bar")).to_be_visible()
    expect(text).to_have_text("trame__busy: 0", timeout=3000)
    expect(spinner).to_have_count(0)
    expect(save).to_be_enabled()
    assert pg.errors == []


def test_a_quick_action_never_flashes_busy(pg):
    watch_busy(pg)
    before = int(pg.locator("#count_text").inner_text().split(": ")[1])
    for i in range(1, 4):
        pg.locator("#add").click()
        expect(pg.locator("#count_text")).to_have_text(f"Count: {before + i}")
    assert pg.evaluate("window.__sawBusy") is False
    expect(pg.locator("#busy_bar")).to_be_hidden()


def test_another_page_never_sees_this_pages_wait(pg, browser, app):
    other_ctx = browser.new_context()
    try:
        other = open_page(other_ctx.new_page(), app.url)
        watch_busy(other)
        pg.locator("#busy").click()
        expect(pg.locator("#busy_text")).to_have_text("trame__busy: 1", timeout=900)
        expect(pg.locator("#busy_text")).to_have_text("trame__busy: 0", timeout=3000)
        assert other.evaluate("window.__sawBusy") is False
        expect(other.locator("#busy_text")).to_have_text("trame__busy: 0")
        expect(other.locator("#save")).to_be_enabled()
    finally:
        other_ctx.close()


def test_the_layouts_busy_bar_stays_while_trame__busy_frames_arrive(pg):
    # The glue's ht-busy class (the layout's footer bar) clears on the frame
    # that answers the click, not on the busy frame the server sends meanwhile.
    pg.locator("#busy").click()
    expect(pg.locator("#busy_text")).to_have_text("trame__busy: 1", timeout=900)
    expect(pg.locator("html")).to_have_class(re.compile("ht-busy"))
    expect(pg.locator(".ht-footer .v-busy-bar")).to_be_visible()
    expect(pg.locator("#busy_text")).to_have_text("trame__busy: 1")  # still waiting: the bar is the click's
    expect(pg.locator("#busy_text")).to_have_text("trame__busy: 0", timeout=3000)
    expect(pg.locator("html")).not_to_have_class(re.compile("ht-busy"))

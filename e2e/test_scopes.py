"""Scopes in Chromium: per-session state (apps/per_session.py), client-only keys, forged cookies."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import AppProcess, wait_connected

from htmxtrame.widgets.vuetify3.choices import FIRST


@pytest.fixture(scope="module")
def app():
    proc = AppProcess("apps/per_session.py")
    yield proc
    proc.stop()


def open_page(context, app):
    page = context.new_page()
    page.goto(app.url)
    wait_connected(page)
    return page


def total(page) -> int:
    text = page.locator("#everyone").inner_text()
    return int(re.search(r"(\d+)", text).group(1))


def test_two_browsers_get_their_own_session_state_and_share_the_servers(browser, app):
    one, two = browser.new_context(), browser.new_context()
    try:
        a, b = open_page(one, app), open_page(two, app)
        start = total(a)
        a.get_by_role("button", name="Click").click()
        expect(a.locator("#mine")).to_have_text("You clicked 1 times.")
        a.get_by_role("button", name="Click").click()
        expect(a.locator("#mine")).to_have_text("You clicked 2 times.")
        # b's own count is its own; the shared total reaches b's page live.
        expect(b.locator("#everyone")).to_have_text(f"Everyone together clicked {start + 2} times.")
        expect(b.locator("#mine")).to_have_text("You clicked 0 times.")
        b.get_by_role("button", name="Click").click()
        expect(b.locator("#mine")).to_have_text("You clicked 1 times.")
        expect(a.locator("#everyone")).to_have_text(f"Everyone together clicked {start + 3} times.")
        expect(a.locator("#mine")).to_have_text("You clicked 2 times.")
        # Another tab of the first browser is the same session.
        a2 = open_page(one, app)
        expect(a2.locator("#mine")).to_have_text("You clicked 2 times.")
    finally:
        one.close()
        two.close()


def test_a_client_only_draft_stays_on_the_tab_that_typed_it(browser, app):
    context = browser.new_context()
    try:
        first, second = open_page(context, app), open_page(context, app)
        first.get_by_label("Draft (this tab only)").press_sequentially("hello")
        expect(first.locator("#draft-size")).to_have_text("5 characters in this tab's draft")
        second.get_by_role("button", name="Click").click()  # a change the session's pages all see
        expect(first.locator("#mine")).to_have_text("You clicked 1 times.")
        expect(second.locator("#draft-size")).to_have_text("0 characters in this tab's draft")
        expect(first.locator("#draft-size")).to_have_text("5 characters in this tab's draft")
        first.reload()
        wait_connected(first)
        expect(first.locator("#draft-size")).to_have_text("0 characters in this tab's draft")  # the server's value
    finally:
        context.close()


def test_a_forged_cookie_gets_a_fresh_session_not_the_owners(browser, app):
    owner, mallory = browser.new_context(), browser.new_context()
    try:
        page = open_page(owner, app)
        page.get_by_role("button", name="Click").click()
        expect(page.locator("#mine")).to_have_text("You clicked 1 times.")
        cookie = next(c for c in owner.cookies() if c["name"].startswith("htmxtrame_session"))
        sid_part = cookie["value"].split(".")[0]
        for forged in (sid_part, cookie["value"][:-4] + "AAAA"):
            mallory.clear_cookies()
            mallory.add_cookies([{**cookie, "value": forged}])
            other = open_page(mallory, app)
            expect(other.locator("#mine")).to_have_text("You clicked 0 times.")
            mine = next(c for c in mallory.cookies() if c["name"] == cookie["name"])
            assert mine["value"] not in (forged, cookie["value"])
            other.close()
    finally:
        owner.close()
        mallory.close()


def test_an_autocompletes_typed_text_is_not_seen_on_another_page(browser, app):
    context = browser.new_context()
    try:
        first, second = open_page(context, app), open_page(context, app)
        box = first.get_by_role("combobox", name="Fruit")
        box.click()
        box.press_sequentially("berr")
        expect(first.get_by_role("option")).to_have_count(4)  # Blackberry, Blueberry, Raspberry, Strawberry
        second.get_by_role("combobox", name="Fruit").click()
        expect(second.get_by_role("option", name="Banana")).to_be_visible()
        expect(second.get_by_role("option")).to_have_count(FIRST + 1)  # unfiltered: the first 10 of 17, and "more"
        expect(second.get_by_role("combobox", name="Fruit")).to_have_value("")
        first.keyboard.press("ArrowDown")
        first.keyboard.press("Enter")
        expect(first.locator("#fruit-shown")).to_have_text("Your fruit: Blackberry")
        # The pick is session state: the other tab sees it, its own menu still unfiltered.
        expect(second.locator("#fruit-shown")).to_have_text("Your fruit: Blackberry")
    finally:
        context.close()


def test_after_a_reconnect_a_client_only_value_starts_again_from_the_servers(browser, app):
    context = browser.new_context()
    try:
        page = open_page(context, app)
        draft = page.get_by_label("Draft (this tab only)")
        draft.press_sequentially("hello")
        expect(page.locator("#draft-size")).to_have_text("5 characters in this tab's draft")
        page.get_by_role("button", name="Click").focus()  # the field keeps no focus through the resync
        page.evaluate("document.getElementById('ht-app')._htmx.ws.connection.socket.close(4000, 'dropped by test')")
        expect(page.locator("#draft-size")).to_have_text("0 characters in this tab's draft")
        expect(draft).to_have_value("")
        wait_connected(page)
        draft.press_sequentially("again")  # and the page's own values work again
        expect(page.locator("#draft-size")).to_have_text("5 characters in this tab's draft")
    finally:
        context.close()

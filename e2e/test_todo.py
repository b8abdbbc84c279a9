"""The todo app in Chromium: add, tick, filter and delete as a person would."""

from __future__ import annotations

import pytest
from conftest import wait_connected
from playwright.sync_api import expect


@pytest.fixture
def todo(run_app, page):
    app = run_app("apps/todo.py")
    page.goto(app.url)
    wait_connected(page)
    page.app = app
    return page


def rows(page):
    return page.locator("#list li")


def test_add_an_item_by_typing_and_pressing_enter(todo):
    todo.click("#new")
    todo.keyboard.type("Buy milk")
    expect(todo.locator("#add")).to_be_enabled()
    todo.keyboard.press("Enter")
    expect(rows(todo)).to_have_count(3)
    expect(rows(todo).nth(2)).to_contain_text("3. Buy milk")
    expect(todo.locator("#new")).to_have_value("")  # the server cleared it
    expect(todo.locator("#add")).to_be_disabled()
    expect(todo.locator("#title")).to_have_text("Todo (2 left)")
    todo.app.wait_output(r"2 of 3 left")


def test_tick_an_item_updates_count_and_class(todo):
    second = rows(todo).nth(1)
    second.locator("input.toggle").check()
    expect(todo.locator("#title")).to_have_text("Todo (0 left)")
    expect(second).to_have_class("done")
    second.locator("input.toggle").uncheck()
    expect(todo.locator("#title")).to_have_text("Todo (1 left)")
    expect(second).not_to_have_class("done")


def test_filter_shows_only_matching_items(todo):
    todo.click("#filter-done")
    expect(todo.locator("#filter-done")).to_have_class("active")
    expect(rows(todo).nth(0)).to_be_visible()
    expect(rows(todo).nth(1)).to_be_hidden()
    todo.click("#filter-active")
    expect(rows(todo).nth(0)).to_be_hidden()
    expect(rows(todo).nth(1)).to_be_visible()
    todo.click("#filter-all")
    expect(rows(todo).nth(0)).to_be_visible()
    expect(rows(todo).nth(1)).to_be_visible()


def test_delete_items_until_empty(todo):
    rows(todo).nth(0).locator("button.delete").click()
    expect(rows(todo)).to_have_count(1)
    expect(rows(todo).nth(0)).to_contain_text("1. Write the e2e tests")
    rows(todo).nth(0).locator("button.delete").click()
    expect(rows(todo)).to_have_count(0)
    expect(todo.locator("#empty")).to_have_text("Nothing to do!")
    expect(todo.locator("#clear")).to_have_count(0)  # v_else branch gone


def test_clear_done_removes_ticked_items(todo):
    rows(todo).nth(1).locator("input.toggle").check()
    expect(todo.locator("#title")).to_have_text("Todo (0 left)")
    todo.click("#clear")
    expect(rows(todo)).to_have_count(0)
    assert todo.errors == []

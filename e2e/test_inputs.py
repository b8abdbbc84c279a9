"""Vuetify inputs in Chromium, driven as a person would: focus, type, blur,
click labels, press keys — with a second page and an async writer.

Waits are on page conditions and server state, never sleeps.
"""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
from conftest import wait_connected
from playwright.sync_api import expect

from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.testing import wait_for_state, wait_until
from htmxtrame.ui.vuetify3 import VAppLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v


def new_server() -> Server:
    return Server(f"e2e-inputs-{uuid.uuid4().hex[:8]}")


# -- focus and echo ------------------------------------------------------------------------
def note_app() -> Server:
    server = new_server()
    with VAppLayout(server):
        v.VTextField(v_model=("note", "start"), label="Note")
        html.Div("{{ note }}", id="shown")
        html.Button("elsewhere", id="elsewhere")
    return server


def start_writer(server: Server, stop: threading.Event) -> None:
    async def write() -> None:
        for i in range(1, 200):
            await asyncio.sleep(0.3)
            if stop.is_set():
                return
            with server.state:
                server.state.note = f"tick {i}"

    asynchronous.create_task(write())


def open_page(browser, url):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url)
    wait_connected(page)
    return context, page


def tick_of(text: str) -> int:
    return int(text.split()[-1]) if text.startswith("tick ") else 0


def test_a_focused_field_follows_an_async_writer(app_runner, page):
    server = note_app()
    page.goto(app_runner(server).url)
    wait_connected(page)
    field = page.get_by_label("Note")
    field.click()
    page.keyboard.type(" draft")  # the user typed, and it was handled
    wait_for_state(page, server, "note", "start draft")
    stop = threading.Event()
    start_writer(server, stop)
    try:
        # still focused, and showing what the server writes, tick after tick
        page.wait_for_function(
            "el => document.activeElement === el && el.value.startsWith('tick ') && Number(el.value.slice(5)) >= 4",
            arg=field.element_handle(), timeout=5000)
        expect(field).to_be_focused()
    finally:
        stop.set()
    wait_until(lambda: server.state.note.startswith("tick"))
    last = server.state.note
    expect(field).to_have_value(last)
    # once the writer is done, what the user types goes up and stays
    field.press("End")
    page.keyboard.type("!!")
    wait_for_state(page, server, "note", last + "!!")
    expect(field).to_have_value(last + "!!")
    assert page.errors == []


def test_another_pages_edit_shows_in_a_focused_field_and_is_never_overwritten(app_runner, page, browser):
    server = note_app()
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    other_ctx, other = open_page(browser, app.url)
    try:
        mine = page.get_by_label("Note")
        mine.click()  # page 1 only focuses the field
        theirs = other.get_by_label("Note")
        theirs.click()
        theirs.press("Control+a")
        other.keyboard.type("from page two", delay=15)
        wait_for_state(page, server, "note", "from page two")
        expect(mine).to_have_value("from page two")  # while focused
        expect(mine).to_be_focused()
        page.click("#elsewhere")  # blur: still the other page's text
        expect(mine).to_have_value("from page two")
        # page 1 types on: its keystroke starts from page 2's text
        mine.click()
        mine.press("End")
        page.keyboard.type("!")
        wait_for_state(page, server, "note", "from page two!")
        expect(theirs).to_have_value("from page two!")
        # and page 2 keeps typing over a field page 1 left focused
        other.keyboard.press("End")
        other.keyboard.type(" ok", delay=15)
        wait_for_state(page, server, "note", "from page two! ok")
        expect(mine).to_have_value("from page two! ok")
        assert page.errors == [] and other.errors == []
    finally:
        other_ctx.close()


def test_a_server_side_rewrite_of_typed_text_shows_once_typing_is_handled(app_runner, page):
    server = new_server()
    with VAppLayout(server):
        v.VTextField(v_model=("code", ""), label="Code")

    @server.state.change("code")
    def upper(code, **_):
        server.state.code = code.upper()

    page.goto(app_runner(server).url)
    wait_connected(page)
    field = page.get_by_label("Code")
    field.click()
    page.keyboard.type("abc def", delay=10)
    wait_for_state(page, server, "code", "ABC DEF")
    expect(field).to_have_value("ABC DEF")


# -- number fields --------------------------------------------------------------------------
def number_app() -> Server:
    server = new_server()
    with VAppLayout(server):
        v.VTextField(type="number", v_model=("age", 36), label="Age", rules=("[v => v !== '' || 'Required']",))
        v.VTextField(v_model_number=("price", 1), label="Price")
        html.Div("age={{ JSON.stringify(age) }} price={{ JSON.stringify(price) }}", id="shown")
    return server


def test_a_number_field_can_be_emptied_and_validation_sees_it(app_runner, page):
    server = number_app()
    page.goto(app_runner(server).url)
    wait_connected(page)
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("warning", "error") else None)
    age = page.get_by_label("Age")
    age.click()
    age.press("Control+a")
    age.press("Backspace")
    wait_for_state(page, server, "age", "")
    expect(page.locator("#shown")).to_contain_text('age=""')
    expect(page.get_by_role("alert")).to_have_text("Required")
    page.keyboard.type("42")
    wait_for_state(page, server, "age", "42")
    expect(page.get_by_role("alert")).to_have_text("")  # the live region stays, empty (as Vuetify's v-messages)
    assert console == [] and page.errors == []


def test_a_number_model_keeps_what_is_being_typed(app_runner, page):
    server = number_app()
    page.goto(app_runner(server).url)
    wait_connected(page)
    price = page.get_by_label("Price")
    price.click()
    price.press("Control+a")
    page.keyboard.type("1.05", delay=60)  # "1." and "1.0" are 1 to the server: the text stays
    wait_for_state(page, server, "price", 1.05)
    expect(price).to_have_value("1.05")
    page.keyboard.type("abc", delay=30)
    expect(price).to_have_value("1.05abc")  # parseFloat: still 1.05
    assert server.state.price == 1.05


# -- rows ------------------------------------------------------------------------------------
def test_the_label_of_each_row_toggles_its_own_checkbox(app_runner, page):
    server = new_server()
    server.state.items = [{"name": n, "done": False} for n in ("milk", "eggs", "bread", "jam")]
    seen = []
    with VAppLayout(server):
        v.VCheckbox(v_for="item, i in items", key="item.name", v_model="item.done", label=("item.name",),
                    change=(lambda i, value: seen.append((i, value)), "[i, $event]"))
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.locator("label.v-selection-control", has_text="eggs").click()
    wait_until(lambda: [it["done"] for it in server.state.items] == [False, True, False, False])
    expect(page.get_by_label("eggs")).to_be_checked()
    expect(page.get_by_label("milk")).not_to_be_checked()
    page.get_by_text("jam").click()
    wait_until(lambda: server.state.items[3]["done"] is True)
    page.get_by_text("eggs").click()
    wait_until(lambda: server.state.items[1]["done"] is False)
    assert seen == [(1, True), (3, True), (1, False)]  # $event is the checkbox's value


@pytest.mark.parametrize("clearable", [False, True])
def test_a_select_picks_from_its_menu_and_clears_only_when_clearable(app_runner, page, clearable):
    server = new_server()
    with VAppLayout(server):
        v.VSelect(v_model=("fruit", "pear"), items=("['apple', 'pear']",), label="Fruit", clearable=clearable)
    page.goto(app_runner(server).url)
    wait_connected(page)
    expect(page.locator(".v-field__clearable")).to_have_count(1 if clearable else 0)
    page.get_by_role("combobox", name="Fruit").click()
    page.get_by_role("option", name="apple").click()
    wait_for_state(page, server, "fruit", "apple")
    if clearable:
        page.locator(".v-field__clearable").click()
        wait_for_state(page, server, "fruit", None)


# -- keyboard ---------------------------------------------------------------------------------
def keyboard_app() -> Server:
    server = new_server()
    server.state.picked = ""
    with VAppLayout(server):
        with v.VDialog(v_model=("dialog", False), max_width=400):
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Open dialog", v_bind="props", id="open")
            with v.VCard(title="Dialog"):
                v.VCardText("Press Esc")
                v.VTextField(v_model=("in_dialog", ""), label="Inside")
        with v.VDialog(v_model=("sticky", False), persistent=True):
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Open persistent", v_bind="props", id="open_sticky")
            with v.VCard(title="Persistent"):
                v.VBtn("Close", id="close_sticky", click="sticky = false")
        with v.VMenu():
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Menu", v_bind="props", id="menu_btn")
            with v.VList():
                for name in ("Alpha", "Beta", "Gamma"):
                    v.VListItem(title=name, click=f"picked = '{name}'")
        with v.VList(id="list"):
            for name in ("One", "Two", "Three"):
                v.VListItem(title=name, click=f"picked = '{name}'")
        with v.VRadioGroup(v_model=("size", "S"), label="Size"):
            for name in ("S", "M", "L"):
                v.VRadio(label=name, value=name)
        html.Div("picked={{ picked }} dialog={{ dialog }} sticky={{ sticky }}", id="shown")
    return server


@pytest.fixture
def keys(app_runner, page):
    server = keyboard_app()
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.server = server
    return page


def test_esc_closes_a_dialog_and_focus_returns_to_its_button(keys):
    keys.click("#open")
    dialog = keys.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".v-overlay__content")).to_be_focused()
    keys.keyboard.press("Tab")
    expect(keys.get_by_label("Inside")).to_be_focused()
    keys.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert keys.server.state.dialog is False
    expect(keys.locator("#open")).to_be_focused()
    assert keys.errors == []


def test_esc_leaves_a_persistent_dialog_open(keys):
    keys.click("#open_sticky")
    expect(keys.get_by_role("dialog")).to_be_visible()
    keys.keyboard.press("Escape")
    expect(keys.locator("#shown")).to_contain_text("sticky=true")
    expect(keys.get_by_role("dialog")).to_be_visible()
    keys.click("#close_sticky")
    expect(keys.get_by_role("dialog")).to_have_count(0)
    expect(keys.locator("#open_sticky")).to_be_focused()


def test_arrows_move_in_a_menu_enter_picks_and_esc_closes(keys):
    button = keys.locator("#menu_btn")
    button.focus()
    keys.keyboard.press("ArrowDown")
    menu = keys.locator(".v-menu")
    expect(menu).to_be_visible()
    expect(menu.locator(".v-list-item", has_text="Alpha")).to_be_focused()
    keys.keyboard.press("ArrowDown")
    expect(menu.locator(".v-list-item", has_text="Beta")).to_be_focused()
    keys.keyboard.press("ArrowUp")
    keys.keyboard.press("ArrowUp")  # wraps round to the last
    expect(menu.locator(".v-list-item", has_text="Gamma")).to_be_focused()
    keys.keyboard.press("Enter")
    expect(keys.locator("#shown")).to_contain_text("picked=Gamma")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    button.click()
    expect(menu).to_be_visible()
    keys.keyboard.press("ArrowDown")
    keys.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()


def test_arrows_move_in_a_list_and_space_activates(keys):
    items = keys.locator("#list .v-list-item")
    items.nth(0).focus()
    keys.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    keys.keyboard.press("End")
    expect(items.nth(2)).to_be_focused()
    keys.keyboard.press(" ")
    expect(keys.locator("#shown")).to_contain_text("picked=Three")
    keys.keyboard.press("Home")
    keys.keyboard.press("Enter")
    expect(keys.locator("#shown")).to_contain_text("picked=One")


def test_arrows_move_in_a_radio_group(keys):
    keys.get_by_label("S", exact=True).focus()
    keys.keyboard.press("ArrowDown")
    expect(keys.get_by_label("M", exact=True)).to_be_checked()
    wait_until(lambda: keys.server.state.size == "M")
    keys.keyboard.press("ArrowDown")
    wait_until(lambda: keys.server.state.size == "L")
    expect(keys.get_by_label("L", exact=True)).to_be_focused()


def test_striped_progress_shows_stripes(app_runner, page):
    server = new_server()
    with VAppLayout(server):
        v.VProgressLinear(model_value=60, striped=True, height=16, id="bar")
    page.goto(app_runner(server).url)
    wait_connected(page)
    image = page.locator("#bar .v-progress-linear__determinate").evaluate("el => getComputedStyle(el).backgroundImage")
    assert "linear-gradient" in image


def test_js_call_to_an_unknown_ref_says_so_on_the_page(app_runner, page):
    server = new_server()
    server.debug = True
    with VAppLayout(server):
        v.VTextField(v_model=("city", ""), label="City", ref="city")
        v.VBtn("Typo", id="typo", click=lambda: server.js_call("ctiy", "focus"))
    page.goto(app_runner(server).url)
    wait_connected(page)
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.click("#typo")
    expect(page.locator("#ht-app-error")).to_contain_text('no element on this page has ref="ctiy"')
    assert any("ctiy" in line for line in console)


def test_arrows_move_between_tabs_and_enter_picks(app_runner, page):
    server = new_server()
    with VAppLayout(server):
        with v.VTabs(v_model=("tab", "a")):
            v.VTab("A", value="a")
            v.VTab("B", value="b")
            v.VTab("C", value="c")
    page.goto(app_runner(server).url)
    wait_connected(page)
    tabs = page.get_by_role("tab")
    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    expect(tabs.nth(1)).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round
    expect(tabs.nth(2)).to_be_focused()
    page.keyboard.press("Enter")
    wait_until(lambda: server.state.tab == "c")

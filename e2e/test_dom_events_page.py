"""DOM events in Chromium: a right-click handler that calls ``$event.preventDefault()``
and reads ``$event.srcElement.textContent`` (trame's discussion 443), and a Today
button running ``selected_date = new Date()`` beside a date picker (trame-vuetify's
datepicker example)."""

from __future__ import annotations

import datetime as dt
import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html, vuetify3
from htmxtrame.widgets import trame as trame_widgets

MENU = """
    $event.preventDefault();
    menuX = $event.clientX;
    menuY = $event.clientY;
    menuShow = $event.srcElement.textContent;
"""

# what the browser decided about its own menu: a listener after ours sees it
WATCH = """() => { window.seen = [];
  document.addEventListener('contextmenu', e => window.seen.push(e.defaultPrevented)); }"""


def test_right_click_prevents_the_browser_menu_and_the_handler_reads_the_item_text(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.menu_items = ["one", "two"]
    loaded = []
    with SinglePageLayout(server) as layout, layout.content:
        trame_widgets.ListBrowser(
            list=("listing", [{"text": "Hello.txt", "value": "hello.txt", "type": "File"}]),
            path=("path", []), contextmenu=MENU,
        )
        html.Div("{{ menuShow ? `menu for ${menuShow} at ${menuX},${menuY}` : 'closed' }}", id="menu")
        html.Div("plain text", id="plain")
        with vuetify3.VMenu(v_model=("menuShow", False)), vuetify3.VList():
            with vuetify3.VListItem(v_for="(item, i) in menu_items", key="i"):
                vuetify3.VBtn("{{ item }}", click=(lambda *a: loaded.append(a), "[menuShow, item]"))
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.evaluate(WATCH)
    item = page.get_by_text("Hello.txt", exact=True)
    box = item.bounding_box()
    item.click(button="right")
    expect(page.locator("#menu")).to_have_text(
        f"menu for Hello.txt at {round(box['x'] + box['width'] / 2)},{round(box['y'] + box['height'] / 2)}")
    # the menu the handler opened keeps the text as its model, as Vuetify's does
    page.get_by_role("button", name="two").click()
    expect(page.locator("#menu")).to_have_text("closed")  # the menu closed; the click went up before
    assert loaded == [("Hello.txt", "two")]
    page.locator("#plain").click(button="right")  # no handler there: the browser's menu stays
    assert page.evaluate("window.seen") == [True, False]
    assert page.errors == []


def test_today_button_sets_the_date_picker_with_new_date(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    heard = []
    server.state.change("selected_date")(lambda selected_date, **_: heard.append(selected_date))
    with SinglePageLayout(server) as layout:
        with layout.toolbar:
            vuetify3.VLabel("{{ selected_date }}", id="label")
            vuetify3.VBtn("Today", click="selected_date = new Date()")
        with layout.content:
            vuetify3.VDatePicker(v_model=("selected_date", None), id="picker")
    page.goto(app_runner(server).url)
    wait_connected(page)
    today = dt.datetime.now(dt.timezone.utc).date()
    page.get_by_role("button", name="Today").click()
    picker = page.locator("#picker")
    expect(picker.locator(f"button[data-v-date='{today.isoformat()}']")).to_have_attribute("aria-pressed", "true")
    expect(picker.locator(".v-date-picker-header__content")).to_have_text(today.strftime("%a, %b ") + str(today.day))
    expect(page.locator("#label")).to_contain_text(today.strftime("%a %b %d %Y"))  # String(date), as Vue shows it
    assert heard and isinstance(heard[-1], str) and heard[-1].startswith(today.isoformat() + "T")  # its ISO text
    assert page.errors == []

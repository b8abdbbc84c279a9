"""What a click costs on the wire and in the first load (issue 13), as a user's browser sees it.

A click whose handler reads nothing of the event goes up as its element and
event name alone; an event a handler reads ($event.key) carries its details.
A page loads only the Vuetify rules its layout can use, looks the same as
with the whole sheet, and gets the whole sheet once state brings a class
its subset lacks.
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from conftest import AppProcess, wait_connected

APP = '''
from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3

server = get_server()
state, ctrl = server.state, server.controller
state.count = 0
state.key = ""
state.level = 2


@ctrl.set("inc")
def inc():
    state.count += 1


@ctrl.set("slow")
def slow():
    import time

    time.sleep(0.6)
    state.count += 10


with SinglePageLayout(server) as layout:
    with layout.content:
        with v3.VCard(id="card"):
            v3.VBtn("+1", id="inc", click=ctrl.inc)
            html.Span("{{ count }}", id="count")
            html.Input(id="keys", keydown="key = $event.key")
            html.Span("{{ key }}", id="key")
            html.Div("shadow", id="shadow", classes=("'elevation-' + level",))
            v3.VBtn("deeper", id="deeper", click="level = 16")
            v3.VBtn("slow", id="slow", click=ctrl.slow)

if __name__ == "__main__":
    server.start()
'''


def _start(tmp_path):
    script = tmp_path / "wire_app.py"
    script.write_text(APP)
    return AppProcess(str(script))


def _sent_frames(page):
    sent: list[dict] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda data: sent.append(
        {"bytes": len(data.encode() if isinstance(data, str) else data), **json.loads(data)})))
    return sent


def test_a_click_goes_up_without_details_nobody_reads(page, tmp_path):
    app = _start(tmp_path)
    try:
        sent = _sent_frames(page)
        page.goto(app.url)
        wait_connected(page)
        page.click("#inc")
        expect(page.locator("#count")).to_have_text("1")
        [click] = [m for m in sent if m.get("ev") == "click"]
        assert "event" not in click
        assert click["bytes"] <= 80, click
        # a handler that reads $event gets it
        page.press("#keys", "q")
        expect(page.locator("#key")).to_have_text("q")
        [key] = [m for m in sent if m.get("ev") == "keydown"]
        assert key["event"]["key"] == "q"
        assert not page.errors
    finally:
        app.stop()


# Clicks the button the moment the parser adds it, long before the page's
# socket is open (and before DOMContentLoaded): what a person clicking a
# page that is still loading does.
CLICK_WHILE_LOADING = """
window.__clicked = null;
new MutationObserver((_, obs) => {
  const btn = document.getElementById("inc");
  if (!btn) return;
  obs.disconnect();
  window.__clicked = document.readyState;
  btn.click();
}).observe(document, { childList: true, subtree: true });
"""


def test_a_click_made_while_the_page_loads_is_answered(page, tmp_path):
    app = _start(tmp_path)
    try:
        page.add_init_script(CLICK_WHILE_LOADING)
        page.goto(app.url)
        expect(page.locator("#count")).to_have_text("1")
        assert page.evaluate("window.__clicked") in ("loading", "interactive")  # before the load event
        assert not page.errors
    finally:
        app.stop()


def test_the_page_loads_as_one_script_and_opens_its_socket_while_loading(page, tmp_path):
    app = _start(tmp_path)
    try:
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.add_init_script("""
            window.__early = null;
            const Native = window.WebSocket;
            window.WebSocket = function (url, protocols) {
              if (window.__early === null) window.__early = document.readyState;
              return new Native(url, protocols);
            };
            window.WebSocket.prototype = Native.prototype;
            Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
        """)
        page.goto(app.url)
        wait_connected(page)
        page.click("#inc")
        expect(page.locator("#count")).to_have_text("1")
        # the page, its script (htmx, the websocket extension, the glue); styles and icon are inline
        assert [u.split("?")[0].rsplit("/", 1)[-1] for u in fetched] == ["", "htmxtrame.bundle.js"], fetched
        assert page.evaluate("window.__early") == "loading"  # opened before the body was parsed
        assert len(sockets) == 1, sockets  # and it is the one htmx uses: no second connection
        assert not page.errors
    finally:
        app.stop()


def test_a_class_the_subset_lacks_brings_the_whole_sheet(page, tmp_path):
    app = _start(tmp_path)
    try:
        page.goto(app.url)
        wait_connected(page)
        # the page's own rules are in the page; no stylesheet is fetched
        assert page.locator("style[data-ht-families]").count() == 1
        assert page.locator("link[rel=stylesheet]").count() == 0
        before = page.eval_on_selector("#shadow", "el => getComputedStyle(el).boxShadow")
        assert before != "none"  # elevation-2, shown at load: in the subset
        page.click("#deeper")
        expect(page.locator("#shadow")).to_have_class("elevation-16")
        page.wait_for_function(
            "() => { const s = getComputedStyle(document.getElementById('shadow')).boxShadow;"
            " return s !== 'none' && s !== %s; }" % json.dumps(before))
        assert page.locator('link[rel=stylesheet][href$="vuetify.css"]').count() == 1
        assert not page.errors
    finally:
        app.stop()


def test_the_gallery_looks_the_same_with_its_subset_as_with_the_whole_sheet(pg):
    assert pg.locator("style[data-ht-families]").count() == 1
    before = pg.screenshot(full_page=True, animations="disabled")
    pg.evaluate("""() => new Promise(done => {
        const link = document.querySelector('style[data-ht-families]');
        const full = document.createElement('link');
        full.rel = 'stylesheet'; full.href = link.dataset.htFull; full.onload = done;
        link.after(full);
    })""")
    after = pg.screenshot(full_page=True, animations="disabled")
    assert before == after


def test_a_click_on_a_gallery_button_in_a_card_is_small_both_ways(page, gallery):
    sent = _sent_frames(page)
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(gallery.url)
    wait_connected(page)
    page.click("#btn-icon")
    expect(page.locator("#clicks-text")).to_have_text("clicks = 0")
    received.clear()
    page.click("#btn-click")
    expect(page.locator("#clicks-text")).to_have_text("clicks = 1")
    click = [m for m in sent if m.get("ev") == "click"][-1]
    assert "event" not in click and click["bytes"] <= 80, click
    assert received and max(received) < 2000, received


def test_the_page_shows_and_takes_a_click_before_its_script_arrives(page, tmp_path):
    app = _start(tmp_path)
    try:
        held: list = []
        page.route("**/htmxtrame.bundle.js*", lambda route: held.append(route))  # the script is slow today
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(app.url, wait_until="commit")
        expect(page.locator("#inc")).to_be_visible()  # drawn without waiting for the script
        page.click("#inc")
        assert held and page.evaluate("typeof window.htmx") == "undefined"
        assert len(sockets) == 1  # the page's head opened its socket already
        held[0].continue_()
        expect(page.locator("#count")).to_have_text("1")  # the click was kept, and answered once
        page.click("#inc")
        expect(page.locator("#count")).to_have_text("2")
        assert len(sockets) == 1 and not page.errors
    finally:
        app.stop()


def _with_csp(page, url: str, policy: str) -> None:
    def add_header(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route(url, add_header)


def test_a_site_refusing_inline_scripts_still_gets_a_working_page(page, tmp_path):
    app = _start(tmp_path)
    try:
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        _with_csp(page, app.url, "script-src 'self'")
        page.goto(app.url)  # (no wait_connected: Playwright's string predicates need 'unsafe-eval')
        page.click("#inc")
        expect(page.locator("#count")).to_have_text("1")
        assert refused, "the browser should have refused the inline script"
        assert page.evaluate("'htmxtrameEarly' in window") is False  # htmx opened the socket itself
        assert not page.errors
    finally:
        app.stop()


def test_allowing_the_inline_scripts_hash_keeps_the_early_socket(page, tmp_path):
    from htmxtrame.transport.assets import early_script_csp

    app = _start(tmp_path)
    try:
        _with_csp(page, app.url, f"script-src 'self' {early_script_csp()}")
        page.add_init_script(CLICK_WHILE_LOADING)
        page.goto(app.url)
        expect(page.locator("#count")).to_have_text("1")
        assert page.evaluate("'htmxtrameEarly' in window") is True  # early.js ran; the glue took its events
        assert not page.errors
    finally:
        app.stop()


# Records whether the footer's busy bar was ever visible (checked on every
# class change of <html>, where the glue says "waiting for the server").
WATCH_BUSY_BAR = """() => { window.__barShown = false;
    const bar = document.querySelector('.v-busy-bar');
    new MutationObserver(() => { if (getComputedStyle(bar).visibility === 'visible') window.__barShown = true; })
      .observe(document.documentElement, {attributes: true}); }"""


def test_the_busy_bar_shows_for_a_slow_answer_and_never_flashes_for_a_quick_one(page, tmp_path):
    app = _start(tmp_path)
    try:
        page.goto(app.url)
        wait_connected(page)
        page.evaluate(WATCH_BUSY_BAR)
        running = "document.getAnimations().filter(a => a.playState === 'running').length"
        assert page.evaluate(running) == 0  # an idle page draws no frames (the hidden bar does not spin)
        for n in range(1, 6):
            page.click("#inc")
            expect(page.locator("#count")).to_have_text(str(n))
        assert page.evaluate("window.__barShown") is False  # five quick answers: no flash
        page.click("#slow")
        expect(page.locator(".v-busy-bar")).to_be_visible()  # the server is taking its time: say so
        bar = "document.querySelector('.v-busy-bar .v-progress-linear__indeterminate').getAnimations()[0].playState"
        assert page.evaluate(bar) == "running"  # and its bar moves
        expect(page.locator("#count")).to_have_text("15")
        expect(page.locator(".v-busy-bar")).to_be_hidden()
        page.wait_for_function(f"() => {running} === 0")
        expect(page.locator("html")).not_to_have_class(re.compile("ht-busy"))
        assert not page.errors
    finally:
        app.stop()

"""Reliability in a real browser: reconnects, restarts, concurrent writers,
errors shown in --debug, and a bounded soak.

The app is tests/reliability/app_e2e.py, run as its own process.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import urllib.request

import pytest
import websocket

from conftest import wait_connected

APP = "tests/reliability/app_e2e.py"
SOAK_SECONDS = float(os.environ.get("HTMXTRAME_SOAK_SECONDS", "60"))


def _drop_socket(page) -> None:
    """Close the page's websocket as a network failure would (code 4000, not a clean 1000)."""
    page.evaluate("document.getElementById('ht-app')._htmx.ws.connection.socket.close(4000, 'dropped by test')")
    page.wait_for_function("!window.htmxtrame.connected")


def _errors_of(page) -> list:
    """Collect the page's uncaught script errors from now on."""
    errors: list = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_dropped_socket_shows_reconnecting_comes_back_with_current_state_and_keeps_typing(run_app, browser):
    app = run_app(APP)
    ctx1, ctx2 = browser.new_context(), browser.new_context()
    try:
        page, other = ctx1.new_page(), ctx2.new_page()
        errors = _errors_of(page)
        for p in (page, other):
            p.goto(app.url)
            wait_connected(p)
        page.click("#inc")
        page.wait_for_function("document.getElementById('count').textContent.trim() === '1'")
        page.click("#name")
        ctx1.set_offline(True)  # reconnects fail until the network is back
        _drop_socket(page)
        status = page.locator("#ht-status")
        # The socket reports "closing" a moment before the page hears the close.
        status.wait_for(state="visible")
        assert "Reconnecting" in (status.text_content() or "")
        # While this page is away, another changes the state and the user keeps typing.
        other.click("#inc")
        other.wait_for_function("document.getElementById('count').textContent.trim() === '2'")
        page.keyboard.type("typed while offline")
        ctx1.set_offline(False)
        wait_connected(page)
        page.wait_for_function("document.getElementById('count').textContent.trim() === '2'")
        page.wait_for_function("document.getElementById('name_text').textContent.trim() === 'typed while offline'")
        assert page.input_value("#name") == "typed while offline"
        assert page.evaluate("document.activeElement.id") == "name", "the input keeps focus through the resync"
        other.wait_for_function("document.getElementById('name_text').textContent.trim() === 'typed while offline'")
        assert status.is_hidden()
        assert errors == []
    finally:
        ctx1.close()
        ctx2.close()


def test_server_restart_under_the_page(run_app, page):
    first = run_app(APP)
    page.goto(first.url)
    wait_connected(page)
    for _ in range(3):
        page.click("#inc")
    page.wait_for_function("document.getElementById('count').textContent.trim() === '3'")
    page.click("#name")
    first.stop()
    page.wait_for_function("!window.htmxtrame.connected")
    status = page.locator("#ht-status")
    status.wait_for(state="visible")
    assert "Reconnecting" in (status.text_content() or ""), "the page says it lost the server"
    page.keyboard.type("kept across a restart")
    second = run_app(APP, "--port", str(first.port))
    assert second.port == first.port
    wait_connected(page)
    # The new process's state is the current state; what was typed reached it.
    page.wait_for_function("document.getElementById('count').textContent.trim() === '0'")
    page.wait_for_function("document.getElementById('name_text').textContent.trim() === 'kept across a restart'")
    assert page.input_value("#name") == "kept across a restart"
    assert page.locator("#ht-status").is_hidden()
    page.click("#inc")
    page.wait_for_function("document.getElementById('count').textContent.trim() === '1'")


# (button, what the error box says, what the server log shows)
APP_FAILURES = [
    ("boom", "controller method failed on purpose",
     r"Traceback[\s\S]*RuntimeError: controller method failed on purpose"),
    ("bad_listener", "change listener failed on purpose",
     r"Traceback[\s\S]*RuntimeError: change listener failed on purpose"),
    ("bad_task", "async task failed on purpose",
     r"Traceback[\s\S]*RuntimeError: async task failed on purpose"),
    # An expression's own "traceback" is its source with a caret under the failing part.
    ("bad_expr", "Cannot read properties of null (reading 'a')",
     r"while rendering text of .*: Cannot read properties of null \(reading 'a'\).*\n\s*obj\.a\.b\n\s*\^"),
]


@pytest.mark.parametrize("button,shown,logged", APP_FAILURES, ids=[f[0] for f in APP_FAILURES])
def test_debug_mode_shows_app_errors_on_the_page_and_keeps_serving(run_app, page, button, shown, logged):
    app = run_app(APP, "--debug")
    page.goto(app.url)
    wait_connected(page)
    page.click(f"#{button}")
    box = page.locator("#ht-app-error")
    box.wait_for(state="visible")
    assert shown in (box.text_content() or "")
    app.wait_output(logged)
    box.click()
    assert box.is_hidden()
    page.click("#inc")
    page.wait_for_function("document.getElementById('count').textContent.trim() === '1'")


@pytest.mark.parametrize("button", ["boom", "bad_listener", "bad_expr"])
def test_without_debug_a_failure_shows_a_short_notice_and_details_stay_in_the_log(run_app, page, button):
    app = run_app(APP)
    page.goto(app.url)
    wait_connected(page)
    page.click(f"#{button}")
    box = page.locator("#ht-app-error")
    box.wait_for(state="visible")
    text = box.text_content() or ""
    assert "Something went wrong" in text
    for internal in ("on purpose", "RuntimeError", "Traceback", "obj.a", "handler of"):
        assert internal not in text, "outside --debug the page shows no details"
    if button == "boom":
        app.wait_output(r"Traceback[\s\S]*RuntimeError: controller method failed on purpose")
    box.wait_for(state="hidden", timeout=10_000)  # a notice goes away by itself
    page.click("#inc")
    page.wait_for_function("document.getElementById('count').textContent.trim() === '1'")
    assert box.is_hidden()  # a successful action shows nothing


def _server_view(url: str) -> dict:
    """What a freshly loaded page shows: the server's state."""
    with urllib.request.urlopen(url, timeout=10) as resp:
        body = resp.read().decode()

    def text(eid: str) -> str:
        m = re.search(rf'id="{eid}"[^>]*>([^<]*)<', body)
        return m.group(1).strip() if m else ""

    slider = re.search(r'<input[^>]*id="slider"[^>]*value="([^"]*)"', body)
    return {"count": text("count"), "name_text": text("name_text"), "slider_text": text("slider_text"),
            "slider": slider.group(1) if slider else ""}


def _page_view(page) -> dict:
    return page.evaluate("""() => ({
        count: document.getElementById('count').textContent.trim(),
        name_text: document.getElementById('name_text').textContent.trim(),
        slider_text: document.getElementById('slider_text').textContent.trim(),
        slider: document.getElementById('slider').value,
    })""")


def test_two_pages_and_a_background_thread_writing_the_same_keys_agree_at_the_end(run_app, browser):
    app = run_app(APP)
    ctxs = [browser.new_context() for _ in range(2)]
    try:
        pages = [c.new_page() for c in ctxs]
        errors = [_errors_of(p) for p in pages]
        for p in pages:
            p.goto(app.url)
            wait_connected(p)
        pages[0].click("#storm")
        for p in pages:
            p.wait_for_function("document.getElementById('storm_status').textContent.trim() === 'running'")
        # Both pages click, drag and type into the keys the thread writes, until it stops.
        for p in pages:
            p.evaluate("""() => { window.__stop = false; (async () => {
                const s = document.getElementById('slider'), name = document.getElementById('name');
                let i = 0;
                while (!window.__stop) {
                  document.getElementById('inc').click();
                  s.value = String(i % 101); s.dispatchEvent(new Event('input', {bubbles: true}));
                  name.value = 'page ' + i; name.dispatchEvent(new Event('input', {bubbles: true}));
                  i++;
                  await new Promise(r => setTimeout(r, 7));
                }
              })(); }""")
        for p in pages:
            p.wait_for_function("document.getElementById('storm_status').textContent.trim() === 'done'",
                                timeout=60_000)
            p.evaluate("window.__stop = true")
        # Let the last inputs land, then both pages must show exactly what the server holds.
        deadline = time.monotonic() + 15
        while True:
            server = _server_view(app.url)
            views = [_page_view(p) for p in pages]
            if all(v == server for v in views):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"pages disagree with the server: server={server} pages={views}")
            pages[0].wait_for_timeout(100)  # polling the server between checks; no fixed waits on the page
        assert int(server["count"]) > 100
        assert "Traceback" not in app.output(), app.output()[-3000:]
        assert errors == [[], []]
    finally:
        for c in ctxs:
            c.close()


def _rss_of(app) -> int:
    pid = app.proc.pid
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def test_bounded_soak_memory_settles(run_app, page):
    """SOAK_SECONDS of clicks and pushes over 20 pages (1 browser + 19 websocket clients)."""
    os.environ["HT_PULSE_SECONDS"] = str(SOAK_SECONDS)
    try:
        app = run_app(APP)
    finally:
        os.environ.pop("HT_PULSE_SECONDS", None)
    page.goto(app.url)
    wait_connected(page)
    body = urllib.request.urlopen(app.url, timeout=10).read().decode()
    inc = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', body).group(1)
    ws_url = app.url.replace("http://", "ws://") + "__htmxtrame/ws?ui=main"
    stop = threading.Event()
    failures: list[str] = []
    clicks = [0] * 19

    def client(k: int) -> None:
        try:
            ws = websocket.create_connection(ws_url, timeout=10)
            ws.send(json.dumps({"t": "hello", "seq": -1}))
            while not stop.is_set():
                ws.send(json.dumps({"t": "ev", "id": inc, "ev": "click"}))
                clicks[k] += 1
                # Keep reading what the server pushes for 0.2 s, then click again
                # (pushes arrive at 20 Hz: waiting for a quiet socket would never click).
                until = time.monotonic() + 0.2
                try:
                    while (left := until - time.monotonic()) > 0:
                        ws.settimeout(left)
                        ws.recv()
                except websocket.WebSocketTimeoutException:
                    pass
            ws.close()
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(f"client {k}: {exc!r}")

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(19)]
    for t in threads:
        t.start()
    page.click("#pulse")
    page.wait_for_function("document.getElementById('pulse_status').textContent.trim() === 'running'")
    page.evaluate("""() => { window.__stop = false; window.__clicks = 0; (async () => {
        while (!window.__stop) {
          document.getElementById('inc').click(); window.__clicks++;
          await new Promise(r => setTimeout(r, 50));
        }
      })(); }""")
    # Settled: a quarter of the pushes (at most 15 s of them) have gone out.
    settle_ticks = int(min(15.0, SOAK_SECONDS / 4) * 20 * 0.75)
    page.wait_for_function(f"Number(document.getElementById('ticks').textContent) >= {settle_ticks}",
                           timeout=(SOAK_SECONDS + 30) * 1000)
    settled = _rss_of(app)
    page.wait_for_function("document.getElementById('pulse_status').textContent.trim() === 'done'",
                           timeout=(SOAK_SECONDS + 30) * 1000)
    page.evaluate("window.__stop = true")
    stop.set()
    for t in threads:
        t.join(10)
    final = _rss_of(app)
    assert failures == []
    assert final <= settled * 1.10, f"RSS grew from {settled} KiB (settled) to {final} KiB"
    assert "Traceback" not in app.output()
    assert min(clicks) >= SOAK_SECONDS, f"some pages barely clicked during the soak: {clicks}"
    # Every click of every page was counted, and the page shows the total.
    total = sum(clicks) + page.evaluate("window.__clicks")
    page.wait_for_function(f"Number(document.getElementById('count').textContent) === {total}")
    page.click("#inc")  # still serving
    page.wait_for_function(f"Number(document.getElementById('count').textContent) === {total + 1}")

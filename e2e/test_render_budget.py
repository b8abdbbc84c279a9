"""Issue 16 in Chromium: a huge loop count, and state that must not become script.

The app is tests/reliability/app_render.py, run as its own process. One
page types a million into the number feeding ``v_for="i in n"``; it shows
an error marker instead of a million rows, and another page keeps clicking,
its clicks answered in under 100 ms (timed inside the browser, from the
click to the count changing on screen; two outliers under a second are
allowed for the shared machine's scheduling).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from conftest import ROOT, wait_connected

APP = "tests/reliability/app_render.py"
_spec = importlib.util.spec_from_file_location("app_render", ROOT / APP)
_app = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_app)  # type: ignore[union-attr]
CRAFTED = _app.CRAFTED

# Times every click on #inc until #count changes, inside the page.
_CLICK_TIMER = """() => {
  window.__lat = [];
  let t0 = null, last = document.getElementById('count').textContent;
  document.addEventListener('click', e => { if (e.target.id === 'inc') t0 = performance.now(); }, true);
  new MutationObserver(() => {
    const now = document.getElementById('count').textContent;
    if (now !== last) { last = now; if (t0 !== null) { window.__lat.push(performance.now() - t0); t0 = null; } }
  }).observe(document.getElementById('ht-app'), {subtree: true, childList: true, characterData: true});
}"""


def test_a_million_row_loop_shows_a_marker_and_another_page_keeps_clicking_under_100ms(run_app, browser):
    app = run_app(APP)
    ctx1, ctx2 = browser.new_context(), browser.new_context()
    try:
        attacker, other = ctx1.new_page(), ctx2.new_page()
        for p in (attacker, other):
            p.goto(app.url)
            wait_connected(p)
        other.evaluate(_CLICK_TIMER)
        counts = ["1000000", "999999", "1000000", "500000"]
        for k in range(20):
            if k % 5 == 0:
                attacker.fill("#n", counts[k // 5])  # as a person pastes it: one input event
            other.click("#inc")
            other.wait_for_function(f"document.getElementById('count').textContent.trim() === '{k + 1}'")
        latencies = other.evaluate("window.__lat")
        print(f"click latencies (ms) while the other page asked for a million rows: {[round(x) for x in latencies]}")
        assert len(latencies) == 20
        # Under 100 ms. On a shared 2-core machine a click now and then
        # waits for the scheduler even with no attacker (seen: 80 ms at load
        # 18), so two may miss it, by less than a second; the code before
        # the budget missed every one by seconds.
        ordered = sorted(latencies)
        assert ordered[-3] < 100 and ordered[-1] < 1000, \
            f"clicks answered in {ordered} ms while the other page asked for a million rows"
        marker = attacker.locator("#list mark.ht-error")
        marker.wait_for(state="visible", timeout=5000)
        assert "too much to show" in (marker.text_content() or "")
        assert other.locator("#list mark.ht-error").is_visible(), "every page of the layout shows the marker"
        assert attacker.locator("#list span.row").count() == 0
        # Back to a sane count: the list is back, on both pages.
        attacker.fill("#n", "5")
        for p in (attacker, other):
            p.wait_for_function("document.querySelectorAll('#list span.row').length === 5")
        assert app.wait_output(r"v_for='i in n'.*render_max_rows")
    finally:
        ctx1.close()
        ctx2.close()


def test_a_crafted_state_value_runs_no_script(run_app, browser):
    app = run_app(APP)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(app.url)
        wait_connected(page)
        assert page.evaluate("window.userSeen") == CRAFTED, "the static script read the value, as data"
        assert page.text_content("#user_text") == CRAFTED
        # The same value typed into the page and pushed back as an update.
        page.fill("#user_in", CRAFTED + " again")
        page.wait_for_function("document.getElementById('user_text').textContent.endsWith(' again')")
        page.wait_for_timeout(200)  # an onerror would fire right after the swap
        assert page.evaluate("typeof window.pwned") == "undefined"
    finally:
        ctx.close()


def test_interpolating_state_into_a_script_stops_the_app_at_build_time():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HT_UNSAFE_SCRIPT": "1"}
    env.pop("PYTEST_CURRENT_TEST", None)
    done = subprocess.run([sys.executable, APP, "--server", "--port", "0"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "<script> cannot take {{ }} interpolation" in done.stderr, done.stderr[-2000:]

"""DNS rebinding in Chromium: a site whose name is pointed at the app's
address gets neither the page nor a websocket; the app's own name works."""

from __future__ import annotations

import pytest
from conftest import wait_connected

from htmxtrame.testing.browser import CHROMIUM_ARGS, chromium_executable
from tests.reliability.app_under_test import build

# What the attacker's script does once its name points at the app: read the
# app's page and open its websocket, as if they were the same site.
ATTACK = """async () => {
  const seen = [];
  try { seen.push('page ' + (await fetch('/')).status); } catch (e) { seen.push('page failed'); }
  await new Promise((done) => {
    const ws = new WebSocket('ws://' + location.host + '/__htmxtrame/ws?ui=main');
    ws.onopen = () => { seen.push('socket open'); ws.close(); };
    ws.onclose = (e) => { seen.push('socket closed ' + e.code); done(); };
  });
  return seen;
}"""


@pytest.fixture
def rebinding_browser(browser):
    """Chromium resolving attacker.test to 127.0.0.1, as a rebinding DNS answer would.

    A second browser from the session's Playwright (a second Playwright
    cannot start while the first runs).
    """
    b = browser.browser_type.launch(executable_path=chromium_executable(),
                                    args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP attacker.test 127.0.0.1"])
    yield b
    b.close()


def test_a_rebound_name_gets_neither_page_nor_socket(app_runner, rebinding_browser):
    app = app_runner(build("e2e_rebinding"))
    context = rebinding_browser.new_context()
    page = context.new_page()
    try:
        # Visiting the app under the foreign name: a clear refusal, no app.
        page.goto(f"http://attacker.test:{app.port}/")
        assert "is not allowed by this app" in page.inner_text("body")
        assert page.locator("#ht-app").count() == 0
        # A script running at attacker.test (here: in that refused page) reaches for the app.
        seen = page.evaluate(ATTACK)
        assert "page 403" in seen
        assert "socket open" not in seen and "socket closed 1006" in seen
        assert len(app.server._scope.sessions) == 0
        # The app under its own address still works in the same browser.
        page.goto(app.url)
        wait_connected(page)
        page.click("#inc")
        page.wait_for_function("document.getElementById('count').textContent.trim() === '1'")
    finally:
        context.close()

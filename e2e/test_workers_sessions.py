"""Per-session state under several gunicorn workers sharing Redis, in Chromium: no sticky sessions.

``apps/session_workers.py`` under ``gunicorn -k gthread -w 3`` (served as
``server.flask_app()``). One browser's tabs land on different workers and
share their session; another browser gets its own, and both share the total.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from conftest import AppProcess, wait_connected
from playwright.sync_api import expect

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")

WORKERS = 3


@pytest.fixture
def site(redis_server: Any) -> Any:
    app = AppProcess(
        "apps/session_workers.py",
        command=[sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "16", "-w", str(WORKERS),
                 "-b", "127.0.0.1:0", "apps.session_workers:app"],
        port_pattern=r"Listening at: http://[\d.]+:(\d+)",
        host="127.0.0.1",
        env={"HTMXTRAME_REDIS_URL": redis_server.url, "HTMXTRAME_SECRET_KEY": "e2e key", "MALLOC_ARENA_MAX": "2"},
    )
    app.wait_output(r"(Booting worker with pid: \d+[\s\S]*){%d}" % WORKERS)
    yield app
    app.stop()


def worker_of(page: Any) -> int:
    return int(page.locator("#worker").inner_text().split()[-1])


def open_tab(context: Any, url: str) -> Any:
    """A tab of *context* (one browser: one cookie), connected, showing its socket's worker."""
    page = context.new_page()
    page.goto(url)
    wait_connected(page)
    first = page.evaluate("Number(document.getElementById('ht-app').getAttribute('data-ht-seq'))")
    try:  # a socket on another worker than the page's gets a whole-page resync
        page.wait_for_function(f"window.htmxtrame.seq !== {first}", timeout=1500)
    except Exception:  # noqa: BLE001 - same worker: no resync
        pass
    return page


def tabs_on_two_workers(context: Any, url: str, limit: int = 15) -> tuple[Any, Any]:
    """Open tabs of one browser until two of them are served by different workers."""
    tabs: list[Any] = []
    for _ in range(limit):
        tab = open_tab(context, url)
        for other in tabs:
            if worker_of(other) != worker_of(tab):
                return other, tab
        tabs.append(tab)
    raise AssertionError(f"{limit} tabs all landed on worker {worker_of(tabs[0])}")


def test_one_browsers_tabs_on_different_workers_share_its_session_another_browser_has_its_own(
    browser: Any, site: AppProcess
) -> None:
    mine = browser.new_context()
    # A fresh browser's first tabs race for a cookie: load once so every tab carries the same one.
    first = open_tab(mine, site.url)
    first.locator("#inc").click()
    expect(first.locator("#mine")).to_have_text("mine: 1")
    one, two = tabs_on_two_workers(mine, site.url)
    expect(two.locator("#mine")).to_have_text("mine: 1")
    one.locator("#inc").click()
    expect(two.locator("#mine")).to_have_text("mine: 2")  # a click on one worker shows on the other
    two.locator("#inc").click()
    expect(one.locator("#mine")).to_have_text("mine: 3")
    expect(first.locator("#mine")).to_have_text("mine: 3")

    theirs = browser.new_context()
    other = open_tab(theirs, site.url)
    expect(other.locator("#mine")).to_have_text("mine: 0")  # nothing of the first browser's session
    expect(other.locator("#total")).to_have_text("everyone: 3")  # the shared state is everyone's
    other.locator("#inc").click()
    expect(other.locator("#mine")).to_have_text("mine: 1")
    for tab in (first, one, two):
        expect(tab.locator("#total")).to_have_text("everyone: 4")
        expect(tab.locator("#mine")).to_have_text("mine: 3")
    assert re.search(r"Traceback", site.output()) is None, site.output()

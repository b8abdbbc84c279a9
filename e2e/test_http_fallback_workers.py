"""The HTTP fallback (event stream down, POSTs up) under three gunicorn workers
sharing state through Redis, with no sticky sessions: each POST lands on
whichever worker accepts it, and the one holding the page's event stream
handles it (htmxtrame.backends.relay)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import wait_connected
from test_site_chromium import log_in
from test_site_workers import WORKER_SITE, site_fixture

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")

SSE_SITE = WORKER_SITE.replace('counter = Server("counter")', 'counter = Server("counter", transports=("sse",))', 1)
assert SSE_SITE != WORKER_SITE
# No keep-alive: each request a new connection, so each POST lands on any worker
# (as behind a load balancer that spreads requests, not connections).
site = site_fixture(SSE_SITE, "--keep-alive", "0")


def test_clicks_over_http_count_once_whichever_worker_takes_each_post(browser: Any, site: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page, other = context.new_page(), context.new_page()
        answers: list[int] = []
        page.on("response", lambda r: answers.append(r.status)
                if "/__htmxtrame/sse/" in r.url and r.request.method == "POST" else None)
        log_in(page, site.url)
        wait_connected(page)
        expect(page.locator("html")).to_have_attribute("data-ht-transport", "sse")
        other.goto(site.url + "app/")
        wait_connected(other)
        for n in range(1, 13):  # each POST goes to any of the three workers
            page.click("#inc")
            expect(page.locator("#count")).to_have_text(f"count = {n}", timeout=10_000)
        expect(other.locator("#count")).to_have_text("count = 12", timeout=10_000)
        assert len(answers) >= 12
        assert set(answers) == {204}, answers  # no POST was refused: none had to reconnect and resend
    finally:
        context.close()

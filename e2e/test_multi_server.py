"""trame's multi-server example pattern: two servers started as tasks from module code, two ports, one loop."""

from __future__ import annotations

import re
import sys

from conftest import ROOT, AppProcess, wait_connected, wait_for_text


def test_two_servers_from_module_code_pass_messages(browser):
    app = AppProcess("apps/multi_server.py",
                     command=[sys.executable, str(ROOT / "apps/multi_server.py"), "--port-a", "0", "--port-b", "0"])
    try:
        app.wait_output(r"(http://localhost:\d+/)[\s\S]*(http://localhost:\d+/)")
        url_a, url_b = re.findall(r"http://localhost:\d+/", app.output())[:2]
        assert url_a != url_b
        context = browser.new_context()
        page_a, page_b = context.new_page(), context.new_page()
        page_a.goto(url_a)
        page_b.goto(url_b)
        wait_connected(page_a)
        wait_connected(page_b)
        assert page_a.locator("h1").inner_text() == "Server A"

        page_a.fill("#draft", "hello B")
        page_a.click("#send")
        wait_for_text(page_b, "#inbox", "from A: hello B")  # arrives on the other server's page
        assert page_a.locator("#inbox li").count() == 0  # nothing came back to A

        page_b.fill("#draft", "hi A")
        page_b.click("#send")
        wait_for_text(page_a, "#inbox", "from B: hi A")
        assert page_b.locator("#inbox li").count() == 1
        context.close()
    finally:
        app.stop()

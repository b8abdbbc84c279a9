"""README.md's minimal app as a reader pastes and runs it, in Chromium."""

from __future__ import annotations

import re

from conftest import ROOT, open_page
from playwright.sync_api import expect


def test_the_readme_counter_looks_and_works_as_in_trame(tmp_path, run_app, page):
    block = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)[0]
    (tmp_path / "app.py").write_text(block)
    app = run_app(str(tmp_path / "app.py"))
    open_page(page, app.url)
    plus = page.get_by_role("button", name="+1")
    # Vuetify's v-main is a block: a button put straight into layout.content keeps
    # its own size instead of stretching over the page (it was 1280 x 157 px).
    box = plus.bounding_box()
    assert box is not None and box["height"] < 60 and box["width"] < 200, box
    plus.click()
    expect(page.get_by_text("1 clicks")).to_be_visible()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("clicks")).to_have_count(0)
    page.locator("input[type=range]").fill("7")
    expect(page.get_by_text("level: 7")).to_be_visible()
    assert page.errors == []

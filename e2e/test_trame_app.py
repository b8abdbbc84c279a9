"""A trame app, unchanged, run by ``htmxtrame run`` and ``python -m htmxtrame``.

apps/trame_counter.py imports only trame's modules (trame.app,
trame.decorators, trame.ui.vuetify3, trame.widgets.html/vuetify3); no
trame is installed here, so every name it uses is htmxtrame's.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, AppProcess, wait_connected
from playwright.sync_api import expect

COUNTER = str(ROOT / "apps" / "trame_counter.py")


def _console_script() -> list[str]:
    found = Path(sys.executable).with_name("htmxtrame")
    if found.exists():
        return [str(found)]
    on_path = shutil.which("htmxtrame")
    if on_path is None:
        pytest.skip("the htmxtrame console script is not installed (pip install -e .)")
    return [on_path]


@pytest.mark.parametrize("launcher", ["console script", "python -m"])
def test_a_trame_app_runs_unchanged_and_responds_to_clicks(launcher, page):
    cmd = _console_script() + ["run"] if launcher == "console script" else [sys.executable, "-m", "htmxtrame"]
    app = AppProcess("apps/trame_counter.py", command=[*cmd, COUNTER, "--server", "--port", "0", "--start", "5"])
    try:
        page.goto(app.url)
        wait_connected(page)
        expect(page).to_have_title("trame counter")
        # --start went to the app's own CLI flag; the @change listener computed the parity.
        expect(page.locator("#count_text")).to_have_text("Count: 5 (odd)")
        page.get_by_role("button", name="Add one").click()  # @controller.set("increment")
        expect(page.locator("#count_text")).to_have_text("Count: 6 (even)")
        app.wait_output(r"count is now 6\n")
        page.get_by_role("button", name="Reset").click()  # an icon-only toolbar button
        expect(page.locator("#count_text")).to_have_text("Count: 0 (even)")
        assert page.errors == []
    finally:
        app.stop()


def test_a_class_based_trame_app_hot_reloads_under_htmxtrame_run(tmp_path, page):
    pytest.importorskip("watchfiles")
    script = tmp_path / "app.py"
    source = Path(COUNTER).read_text()
    script.write_text(source)
    app = AppProcess("app.py", command=[sys.executable, "-m", "htmxtrame", "run", str(script), "--server",
                                        "--port", "0", "--hot-reload", "--start", "1"])
    try:
        page.goto(app.url)
        wait_connected(page)
        page.get_by_role("button", name="Add one").click()
        expect(page.locator("#count_text")).to_have_text("Count: 2 (even)")
        # The class's UI, its @change listener and its flag (added again by the re-run) all change.
        script.write_text(source.replace('"Add one"', '"Add 1"').replace('"even" if', '"EVEN" if'))
        expect(page.get_by_role("button", name="Add 1")).to_be_visible(timeout=3000)
        expect(page.locator("#count_text")).to_have_text("Count: 2 (even)")  # state kept
        page.get_by_role("button", name="Add 1").click()  # the new instance's @controller.set method
        page.get_by_role("button", name="Add 1").click()
        expect(page.locator("#count_text")).to_have_text("Count: 4 (EVEN)")  # the new listener, once
        assert app.output().count("count is now 4") == 1
        assert "hot reload failed" not in app.output().lower()
        assert page.errors == []
    finally:
        app.stop()

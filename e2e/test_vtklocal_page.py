"""A trame-vtklocal app, unchanged, in Chromium: the server-rendered view turns when dragged.

apps/trame_vtklocal.py (modelled on trame's validation/issues/101.py) imports
``trame.widgets.vtklocal``; ``htmxtrame run`` maps it to
htmxtrame.widgets.vtklocal, which renders the window on the server.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import AppProcess, wait_connected
from playwright.sync_api import expect
from test_vtk_views import diff, drag, seq, settle, variance

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")


def test_the_view_shows_the_window_turns_when_dragged_and_updates_on_a_slider(page):
    app = AppProcess("apps/trame_vtklocal.py", command=[sys.executable, "-m", "htmxtrame", "run",
                                                        "apps/trame_vtklocal.py", "--server", "--port", "0"])
    try:
        page.set_viewport_size({"width": 1000, "height": 700})
        page.goto(app.url)
        wait_connected(page)
        expect(page).to_have_title("vtklocal on htmxtrame")
        first = settle(page, 0)
        assert variance(first) > 50, "the first frame is blank"

        before = seq(page)
        drag(page, 160, 60)
        turned = settle(page, before)
        assert diff(turned, first) > 3, "dragging did not turn the view"

        updates = page.locator("#updates")
        expect(updates).to_have_text(re.compile(r"updates: \d+"))
        count = updates.inner_text()
        before = seq(page)
        slider = page.get_by_role("slider")
        slider.focus()
        page.keyboard.press("End")  # a 60-sided cone: view.update_throttle() renders it
        expect(updates).not_to_have_text(count)  # the `updated` event fired once the frame was out
        finer = settle(page, before)
        assert diff(finer, turned) > 0.5, "the update did not change the picture"
        assert page.errors == []
    finally:
        app.stop()
    assert "Traceback" not in app.output()

"""A PyVista trame app, unchanged, in Chromium: the toolbar's buttons change the picture.

apps/trame_pyvista.py imports ``pyvista.trame.ui.plotter_ui`` (PyVista's
trame plugin) and trame's layouts; ``htmxtrame run`` maps both to
htmxtrame. PyVista is a test extra: without it this module fails to import,
saying so.
"""

from __future__ import annotations

import sys

from conftest import AppProcess, wait_connected
from playwright.sync_api import expect
from test_vtk_views import diff, seq, settle

try:
    import pyvista  # noqa: F401
except ImportError as exc:  # pragma: no cover - the environment is broken, not the code
    raise ImportError(f"e2e/test_pyvista_page.py needs PyVista: pip install -e '.[test]' ({exc})") from exc


def test_toolbar_buttons_change_the_picture_and_the_camera(page):
    app = AppProcess("apps/trame_pyvista.py", command=[sys.executable, "-m", "htmxtrame", "run",
                                                       "apps/trame_pyvista.py", "--server", "--port", "0"])
    try:
        page.set_viewport_size({"width": 1000, "height": 700})
        page.goto(app.url)
        wait_connected(page)
        expect(page).to_have_title("PyVista on htmxtrame")
        first = settle(page, 0)
        assert max(first) - min(first) > 30  # the hills are drawn

        edges = page.get_by_role("button", name="Edge visibility")
        expect(edges).to_have_attribute("aria-pressed", "false")
        before = seq(page)
        edges.click()
        expect(edges).to_have_attribute("aria-pressed", "true")
        edged = settle(page, before)
        assert diff(first, edged) > 5.0  # the mesh's edges are drawn over it

        before = seq(page)
        page.get_by_role("button", name="View along Z").click()
        top = settle(page, before)
        assert diff(edged, top) > 5.0  # seen from above now

        page.get_by_role("button", name="Show or hide the menu").click()
        expect(edges).to_be_hidden()
        assert page.errors == []
    finally:
        app.stop()
    assert "Traceback" not in app.output()

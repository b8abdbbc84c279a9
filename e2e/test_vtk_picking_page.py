"""Picking on a 3D view in Chromium: a person clicks a shape and the page names it (apps/vtk_picking.py).

The view renders on the server; a click (not a drag) sends its position, the
server picks with VTK and the app's handler names and paints the shape.
"""

from __future__ import annotations

import pytest
from conftest import AppProcess, wait_connected
from playwright.sync_api import expect

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

VIEW = "[data-ht-vtk]"
SHOWN = "document.querySelector('[data-ht-vtk] img')?.src?.startsWith('blob:')"


@pytest.fixture(params=["remote", "local"])
def picking_app(request):
    app = AppProcess("apps/vtk_picking.py", env={"PICK_VIEW": request.param})
    yield app
    app.stop()


@pytest.fixture
def pg(browser, picking_app):
    context = browser.new_context(viewport={"width": 900, "height": 600})
    page = context.new_page()
    page.goto(picking_app.url)
    wait_connected(page)
    page.wait_for_function(SHOWN, timeout=20_000)
    yield page
    context.close()


def at(page, fx: float, fy: float = 0.5) -> tuple[float, float]:
    box = page.locator(VIEW).bounding_box()
    return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy


def test_clicking_a_shape_names_it_and_clicking_empty_space_clears_it(pg):
    expect(pg.locator("#picked")).to_contain_text("(0 clicks)")
    label = pg.locator("#picked")
    pg.mouse.click(*at(pg, 0.25))
    expect(label).to_contain_text("Picked: Cone")
    pg.mouse.click(*at(pg, 0.75))
    expect(label).to_contain_text("Picked: Sphere")
    pg.mouse.click(*at(pg, 0.02, 0.05))
    expect(label).to_contain_text("Picked: nothing")


def test_hovering_names_the_shape_under_the_pointer(pg):
    label = pg.locator("#picked")
    pg.mouse.move(*at(pg, 0.75))
    expect(label).to_contain_text("Hover: Sphere")
    pg.mouse.move(*at(pg, 0.25), steps=5)
    expect(label).to_contain_text("Hover: Cone")


def test_a_drag_turns_the_view_and_is_no_click(pg):
    label = pg.locator("#picked")
    pg.mouse.click(*at(pg, 0.25))
    expect(label).to_contain_text("Picked: Cone (1 clicks)")
    x, y = at(pg, 0.02, 0.05)
    pg.mouse.move(x, y)
    pg.mouse.down()
    pg.mouse.move(x + 120, y + 40, steps=10)
    pg.mouse.up()
    pg.mouse.click(*at(pg, 0.02, 0.05))  # picks run in order: this one's answer follows any the drag made
    expect(label).to_contain_text("Picked: nothing (2 clicks)")


def test_box_select_mode_draws_a_box_and_names_the_shapes_inside(pg):
    pg.click("#box")
    expect(pg.locator("#mode")).to_contain_text("Mode: select")  # the server has the new mode before the drag
    x, y = at(pg, 0.02, 0.1)
    pg.mouse.move(x, y)
    pg.mouse.down()
    pg.mouse.move(*at(pg, 0.45, 0.9), steps=10)
    expect(pg.locator(".ht-vtk-box")).to_be_visible()  # the rectangle follows the drag
    pg.mouse.up()
    expect(pg.locator("#selected")).to_contain_text("Selected: Cone ")
    expect(pg.locator(".ht-vtk-box")).to_have_count(0)
    pg.click("#pick")
    expect(pg.locator("#mode")).to_contain_text("Mode: click, hover")
    pg.mouse.click(*at(pg, 0.75))
    expect(pg.locator("#picked")).to_contain_text("Picked: Sphere")

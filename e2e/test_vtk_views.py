"""The 3D view and figures in Chromium, used as a person would (issue 11).

apps/cone.py, apps/seed_view.py and apps/figure.py run as their own
processes; VTK renders off-screen in them. The tests drag, scroll, click and
resize, and read what the page shows: the pixels of the view's picture
(drawn onto a canvas in the page), its size, the figure's SVG.
"""

from __future__ import annotations

import pytest
from conftest import wait_connected

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

VIEW = "[data-ht-vtk]"

# The view's picture, shrunk to 48 x 32 grey levels, read back from a canvas.
PIXELS_JS = """async (sel) => {
  const img = document.querySelector(sel).querySelector("img");
  await img.decode();
  const c = document.createElement("canvas"); c.width = 48; c.height = 32;
  const g = c.getContext("2d"); g.drawImage(img, 0, 0, 48, 32);
  const d = g.getImageData(0, 0, 48, 32).data; const out = [];
  for (let i = 0; i < d.length; i += 4) out.push((d[i] + d[i + 1] + d[i + 2]) / 3);
  return out;
}"""

# A still frame newer than `seq`, at the element's size, and no frame for
# 400 ms (the view has settled).
SETTLED_JS = """([sel, seq]) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect(), dpr = devicePixelRatio;
  return Number(el.dataset.htVtkSeq || 0) > seq && el.dataset.htVtkStill === "true"
    && el.dataset.htVtkSize === `${Math.round(r.width * dpr)}x${Math.round(r.height * dpr)}`
    && performance.now() - Number(el.dataset.htVtkAt || 0) > 400;
}"""


def seq(page) -> int:
    return int(page.eval_on_selector(VIEW, "e => Number(e.dataset.htVtkSeq || 0)"))


def settle(page, after: int, timeout_ms: int = 10_000) -> list[float]:
    """Wait for the view's next still frame after frame number *after*; its pixels."""
    page.wait_for_function(SETTLED_JS, arg=[VIEW, after], timeout=timeout_ms)
    return page.evaluate(PIXELS_JS, VIEW)


def variance(px: list[float]) -> float:
    mean = sum(px) / len(px)
    return sum((p - mean) ** 2 for p in px) / len(px)


def diff(a: list[float], b: list[float]) -> float:
    """Mean absolute difference of two pictures, in grey levels (0-255)."""
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def centre(page) -> tuple[float, float]:
    box = page.locator(VIEW).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, dx: float, dy: float, button: str = "left") -> None:
    x, y = centre(page)
    page.mouse.move(x, y)
    page.mouse.down(button=button)
    page.mouse.move(x + dx, y + dy, steps=15)
    page.mouse.up(button=button)


def wheel(page, dy: float) -> None:
    page.mouse.move(*centre(page))
    page.mouse.wheel(0, dy)


def open_page(browser, url: str, viewport: dict | None = None):
    context = browser.new_context(viewport=viewport or {"width": 900, "height": 600})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(url)
    wait_connected(pg)
    return context, pg


@pytest.fixture(scope="module")
def cone_app():
    from conftest import AppProcess

    app = AppProcess("apps/cone.py")
    yield app
    app.stop()


@pytest.fixture
def cone(browser, cone_app):
    context, pg = open_page(browser, cone_app.url)
    pg.app = cone_app
    yield pg
    context.close()


def test_first_frame_is_a_picture_and_wheel_zoom_then_reset_camera_brings_it_back(cone):
    first = settle(cone, 0)
    assert variance(first) > 50, "the first frame is blank"
    before = seq(cone)
    wheel(cone, -400)  # scroll up: zoom in
    zoomed = settle(cone, before)
    assert diff(zoomed, first) > 3, "zooming did not change the picture"
    assert sum(zoomed) / len(zoomed) > sum(first) / len(first), "zooming in should make the cone fill more"
    before = seq(cone)
    cone.click(".ht-toolbar-icon")  # the layout's icon: ctrl.view_reset_camera
    reset = settle(cone, before)
    assert diff(reset, first) < 2, "reset camera did not bring back the first picture"
    assert not cone.errors


def test_drag_turns_the_cone_and_a_second_page_sees_the_same_camera(browser, cone):
    first = settle(cone, 0)
    before = seq(cone)
    drag(cone, 160, 60)
    turned = settle(cone, before)
    assert diff(turned, first) > 3, "dragging did not turn the view"
    context, other = open_page(browser, cone.app.url)
    try:
        seen = settle(other, 0)
        assert diff(seen, turned) < 2, "the second page does not show the camera the first page moved"
    finally:
        context.close()


def test_a_drag_sends_one_move_ahead_of_the_frame_being_drawn_and_no_more(browser, cone_app):
    """With frames held back, the page sends two moves (one rendering, one queued), not a flood."""
    import json
    import time

    context = browser.new_context(viewport={"width": 900, "height": 600})
    page = context.new_page()
    moves: list[float] = []
    hold = {"frames": False}

    def route(ws) -> None:
        server = ws.connect_to_server()

        def up(message) -> None:
            if isinstance(message, str) and json.loads(message).get("t") == "move":
                moves.append(time.monotonic())
            server.send(message)

        def down(message) -> None:
            if not (hold["frames"] and isinstance(message, bytes)):
                ws.send(message)

        ws.on_message(up)
        server.on_message(down)

    page.route_web_socket("**/__htmxtrame/x/vtk", route)
    try:
        page.goto(cone_app.url)
        wait_connected(page)
        settle(page, 0)
        before = seq(page)
        hold["frames"] = True
        x, y = centre(page)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 120, y + 40, steps=20)
        # Let the route see what the page sent until 0.8 s after the first move (the page waits 1 s
        # for a frame before it gives up on it); evaluate() lets Playwright deliver the route's events.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (moves and time.monotonic() - moves[0] >= 0.8):
            page.evaluate("0")
        early = [t for t in moves if t - moves[0] < 0.8]  # before the page gives up on the frame (1 s)
        assert len(early) == 2, f"{len(early)} moves sent with no frame back; expected one ahead, then wait"
        hold["frames"] = False
        page.mouse.up()
        settle(page, before)  # the view keeps working: the still frame after the release arrives
    finally:
        context.close()


def test_slider_changes_the_geometry_and_reset_resolution_restores_it(cone):
    first = settle(cone, 0)
    before = seq(cone)
    slider = cone.locator("#resolution input[type=range]")
    slider.focus()
    slider.press("End")  # resolution 60: a smooth cone
    smooth = settle(cone, before)
    assert diff(smooth, first) > 1, "the resolution slider did not change the cone"
    before = seq(cone)
    cone.click("#reset_resolution")
    back = settle(cone, before)
    assert diff(back, first) < 2


def test_resizing_the_window_renders_at_the_new_size(cone):
    settle(cone, 0)
    old = cone.eval_on_selector(VIEW, "e => e.dataset.htVtkSize")
    before = seq(cone)
    cone.set_viewport_size({"width": 640, "height": 480})
    settle(cone, before)
    box = cone.locator(VIEW).bounding_box()
    dpr = cone.evaluate("devicePixelRatio")
    size = cone.eval_on_selector(VIEW, "e => e.dataset.htVtkSize")
    assert size != old
    assert size == f"{round(box['width'] * dpr)}x{round(box['height'] * dpr)}"


def test_pressing_r_and_right_drag_zoom(cone):
    first = settle(cone, 0)
    before = seq(cone)
    drag(cone, 0, -120, button="right")  # right drag up: zoom in
    zoomed = settle(cone, before)
    assert diff(zoomed, first) > 3
    before = seq(cone)
    cone.locator(VIEW).press("r")
    assert diff(settle(cone, before), first) < 2


def test_guide_reset_button_reaches_the_server_view_through_js_call_and_refs(run_app, page):
    app = run_app("apps/seed_view.py")
    page.set_viewport_size({"width": 900, "height": 600})
    page.goto(app.url)
    wait_connected(page)
    first = settle(page, 0)
    assert variance(first) > 50
    for button in ("#reset_camera", "#reset_refs"):
        before = seq(page)
        wheel(page, -400)
        assert diff(settle(page, before), first) > 3
        before = seq(page)
        page.click(button)
        assert diff(settle(page, before), first) < 2, f"{button} did not reset the camera"
    assert not page.errors


def test_figure_follows_the_slider(run_app, page):
    pytest.importorskip("matplotlib")
    app = run_app("apps/figure.py")
    page.goto(app.url)
    wait_connected(page)
    assert page.locator("#chart svg").count() == 1
    assert "sin(1 x)" in page.inner_html("#chart")
    slider = page.locator("#frequency input[type=range]")
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    page.wait_for_function("document.querySelector('#chart').innerHTML.includes('sin(3 x)')")
    assert page.locator("#chart svg").count() == 1


def test_twelve_views_each_show_a_picture_and_turn_on_their_own(run_app, page):
    app = run_app("apps/multi_views.py")
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(app.url)
    wait_connected(page)
    views = page.locator(VIEW)
    assert views.count() == 12
    sel = [f'[data-ht-vtk="{views.nth(i).get_attribute("data-ht-vtk")}"]' for i in range(12)]
    page.wait_for_function(f"sels => sels.every(s => ({SETTLED_JS})([s, 0]))", arg=sel, timeout=40_000)
    before = [page.evaluate(PIXELS_JS, s) for s in sel]
    assert all(variance(px) > 20 for px in before), "a view shows no picture"
    n = 6  # a cube: turning it shows
    box = views.nth(n).bounding_box()
    seq_before = int(views.nth(n).get_attribute("data-ht-vtk-seq"))
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2 + 20, steps=8)
    page.mouse.up()
    page.wait_for_function(SETTLED_JS, arg=[sel[n], seq_before], timeout=20_000)
    after = [page.evaluate(PIXELS_JS, s) for s in sel]
    assert diff(after[n], before[n]) > 2, "the dragged view did not turn"
    assert all(diff(after[i], before[i]) < 0.5 for i in range(12) if i != n), "another view moved"

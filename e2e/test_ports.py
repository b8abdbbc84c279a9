"""trame apps' browser helpers in Chromium: SizeObserver reports the size a
figure is shown at, and follows the window; utils.download saves a file."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import wait_connected
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets


def test_size_observer_reports_its_size_and_follows_the_window(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.box = None
    with DivLayout(server):
        with html.Div(style="width: 50vw; height: 200px"):
            trame_widgets.SizeObserver("box")
        html.Div("{{ box ? box.size.width + 'x' + box.size.height + ' at ' + box.dpi : 'unknown' }}", id="out")
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(app_runner(server).url)
    wait_connected(page)
    expect(page.locator("#out")).to_have_text("400x200 at 96")
    page.set_viewport_size({"width": 1000, "height": 600})
    expect(page.locator("#out")).to_have_text("500x200 at 96")
    assert page.errors == []


def test_utils_download_saves_what_a_trigger_returns(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")

    @server.trigger("report")
    def report():
        return "made on the server"

    with DivLayout(server):
        html.Button("Download", id="dl", click="utils.download('report.txt', trigger('report'), 'text/plain')")
    page.goto(app_runner(server).url)
    wait_connected(page)
    with page.expect_download() as info:
        page.click("#dl")
    download = info.value
    assert download.suggested_filename == "report.txt"
    assert open(download.path(), encoding="utf-8").read() == "made on the server"


def test_mouse_trap_runs_handlers_on_shortcuts_and_keeps_the_browsers_save(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.last = "none"

    def act(name):
        server.state.last = name

    with DivLayout(server):
        trap = trame_widgets.MouseTrap(Save=lambda: act("Save"), Escape="last = 'Escape'")
        html.Div("last: {{ last }}", id="last")
        html.Input(id="field", v_model=("text", ""))
    trap.bind(["ctrl+s", "mod+s"], "Save", stop_propagation=True)
    trap.bind("esc", "Escape")
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.locator("#last").click()
    page.keyboard.press("Control+s")
    expect(page.locator("#last")).to_have_text("last: Save")
    page.keyboard.press("Escape")
    expect(page.locator("#last")).to_have_text("last: Escape")
    page.locator("#field").click()  # in a text field a shortcut is the field's, as with Mousetrap
    page.keyboard.press("Control+s")
    page.keyboard.press("x")
    expect(page.locator("#field")).to_have_value("x")
    expect(page.locator("#last")).to_have_text("last: Escape")
    assert page.errors == []


def test_cursor_sets_the_cursor_of_the_element_it_is_in(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        with html.Div("hover me", id="area", style="height: 100px"):
            trame_widgets.Cursor(active=("active", 0), cursors=("options", ["default", "wait", "crosshair", "bogus"]))
        html.Button("next", id="next", click="active = (active + 1) % 4")
        html.Span("plain", id="outside")
    page.goto(app_runner(server).url)
    wait_connected(page)
    cursor = "e => getComputedStyle(e).cursor"
    assert page.locator("#area").evaluate(cursor) == "default"
    page.click("#next")
    page.wait_for_function("() => getComputedStyle(document.getElementById('area')).cursor === 'wait'")
    assert page.locator("#outside").evaluate(cursor) == "auto"  # only the marker's parent
    page.click("#next")
    page.wait_for_function("() => getComputedStyle(document.getElementById('area')).cursor === 'crosshair'")
    page.click("#next")  # not a cursor name: the browser's own, as a bad style.cursor is in trame
    page.wait_for_function("() => getComputedStyle(document.getElementById('area')).cursor === 'auto'")
    assert page.errors == []


def test_git_tree_rows_select_and_toggle_visibility(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.picked = "none"

    def on_visibility(event):
        server.state.pipeline = [{**n, "visible": int(event["visible"])} if n["id"] == event["id"] else n
                                 for n in server.state.pipeline]

    with DivLayout(server):
        trame_widgets.GitTree(
            sources=("pipeline", [{"id": "1", "parent": "0", "visible": 1, "name": "Mesh"},
                                  {"id": "2", "parent": "1", "visible": 1, "name": "Contour"}]),
            actives_change=(lambda ids: server.state.update({"picked": ids[0]}), "[$event]"),
            visibility_change=(on_visibility, "[$event]"),
        )
        html.Span("picked {{ picked }}", id="picked")
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.get_by_role("button", name="Contour", exact=True).click()
    expect(page.locator("#picked")).to_have_text("picked 2")
    expect(page.locator(".ht-git-tree__row--active")).to_have_text("Contour")
    page.get_by_role("button", name="Hide Mesh").click()
    expect(page.get_by_role("button", name="Show Mesh")).to_have_attribute("aria-pressed", "false")
    assert page.errors == []

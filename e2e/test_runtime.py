"""The server runtime in Chromium: js_call, two servers in one event loop,
the idle timeout, file upload and download, and a Flask site with a login
guarding two embedded apps, served by gunicorn.

Waits are on page conditions, process exits and server state, never sleeps.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
from conftest import AppProcess, wait_connected
from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.testing import expect_dirty, wait_for_state, wait_for_text
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def focus_app() -> Server:
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        html.Input(id="name", ref="name_input", v_model=("name", ""))
        html.Button("Focus the name", id="focus", click=lambda: server.js_call("name_input", "focus"))
        html.Button("Select all", id="select", click=lambda: server.js_call("name_input", "setSelectionRange", 0, 99))
    return server


def test_js_call_focuses_an_input_on_every_page(app_runner, page, browser):
    server = focus_app()
    app = app_runner(server)
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    try:
        for pg in (page, other):
            pg.goto(app.url)
            wait_connected(pg)
        page.fill("#name", "Ada Lovelace")
        wait_for_state(page, server, "name", "Ada Lovelace")
        page.click("#select")  # clicking a button takes the focus from the input...
        page.click("#focus")  # ...and the server gives it back
        expect(page.locator("#name")).to_be_focused()
        page.wait_for_function("document.activeElement.selectionEnd === 12")
        # The other page was told too: its input got the focus call.
        other.wait_for_function("document.activeElement && document.activeElement.id === 'name'")
        assert page.errors == []
    finally:
        other_ctx.close()


COUNTER_ELEMENT = """
customElements.define("x-tally", class extends HTMLElement {
  connectedCallback() { this.textContent = this.textContent || "tally 0"; }
  bump(by) { this.textContent = "tally " + (parseInt(this.textContent.slice(6), 10) + by); }
});
"""


def test_js_call_reaches_a_widgets_input_and_a_custom_elements_method(app_runner, page, tmp_path):
    from htmxtrame.elements import AbstractElement
    from htmxtrame.ui.vuetify3 import VAppLayout
    from htmxtrame.widgets import vuetify3 as v3

    (tmp_path / "tally.js").write_text(COUNTER_ELEMENT)
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.enable_module({"serve": {"tally": str(tmp_path)}, "scripts": ["tally/tally.js"]})
    with VAppLayout(server):
        v3.VTextField(v_model=("city", ""), label="City", ref="city", id="city")
        AbstractElement("x-tally", ref="tally", id="tally")
        v3.VBtn("Edit city", id="edit", click=lambda: server.js_call("city", "focus"))
        v3.VBtn("Pick all", id="pick", click=lambda: server.js_call("city", "setSelectionRange", 0, 3))
        v3.VBtn("Bump", id="bump", click=lambda: server.js_call("tally", "bump", 5))
    page.goto(app_runner(server).url)
    wait_connected(page)
    city = page.get_by_label("City")
    city.fill("Paris")
    wait_for_state(page, server, "city", "Paris")
    page.click("#edit")  # the ref is on the field's wrapper; the input inside gets the focus
    expect(city).to_be_focused()
    page.click("#pick")  # a method only the inner input has
    page.wait_for_function("el => el.selectionStart === 0 && el.selectionEnd === 3", arg=city.element_handle())
    expect(page.locator("#tally")).to_have_text("tally 0")  # the module's script defined the element
    page.click("#bump")
    page.click("#bump")
    expect(page.locator("#tally")).to_have_text("tally 10")
    assert page.errors == []


def test_expect_dirty_waits_for_the_keys_it_names(app_runner, page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    server = focus_app()
    page.goto(app_runner(server).url)
    wait_connected(page)
    with expect_dirty(page, "name"):
        page.fill("#name", "Grace")
    assert server.state.name == "Grace"  # the update was back before the block ended
    with pytest.raises(PlaywrightTimeout):
        with expect_dirty(page, "no_such_key", timeout_ms=300):
            page.fill("#name", "Hopper")


def test_two_servers_in_task_mode_share_one_event_loop(page):
    left, right = Server(f"left-{uuid.uuid4().hex[:6]}"), Server(f"right-{uuid.uuid4().hex[:6]}")
    for server, label in ((left, "Left"), (right, "Right")):
        with DivLayout(server):
            html.Button(f"{label} +1", id="inc", click="count += 1")
            html.Span(f"{label}: {{{{ count }}}}", id="count")
        server.state.count = 0
    loop = asyncio.new_event_loop()
    done = asyncio.Event()
    started = threading.Event()

    async def main():
        tasks = [s.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0,
                         show_connection_info=False) for s in (left, right)]
        await left.ready
        await right.ready
        started.set()
        await done.wait()
        await left.stop()
        await right.stop()
        await asyncio.gather(*tasks)

    runner = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    runner.start()
    try:
        assert started.wait(10)
        page.goto(left.url)
        wait_connected(page)
        page.click("#inc")
        page.click("#inc")
        wait_for_text(page, "#count", "Left: 2")
        page.goto(right.url)
        wait_connected(page)
        page.click("#inc")
        wait_for_text(page, "#count", "Right: 1")
        assert (left.state.count, right.state.count) == (2, 1)
    finally:
        loop.call_soon_threadsafe(done.set)
        runner.join(10)
    assert not runner.is_alive() and not left.running and not right.running


def test_idle_timeout_ends_the_process_once_the_last_page_leaves(run_app, browser):
    # 5 s: on a loaded machine the Vuetify page may take a few seconds to load and connect.
    app = run_app("apps/slider.py", "--timeout", "5")
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(app.url)
    wait_connected(pg)
    # While a page is connected the server answers (tests/test_server.py shows it outlives the timeout).
    pg.click("#change")
    expect(pg.locator("#slider_text")).not_to_have_text("slider_value = 8", timeout=5000)
    assert app.proc.poll() is None
    context.close()  # the last page leaves
    assert app.proc.wait(timeout=20) == 0
    assert "no page connected for 5 s" in app.output()


def files_app() -> Server:
    server = Server(f"files-{uuid.uuid4().hex[:8]}")

    @server.state.change("files")
    def on_files(files, **kwargs):
        server.state.summary = ", ".join(f"{f['name']} ({f['size']} B, {f['type']}): {f['content'].decode()}"
                                         for f in files or [])

    @server.trigger("export")
    def export():
        from htmxtrame.app import Download

        return Download(server.state.summary.upper().encode(), "summary.txt", "text/plain")

    with DivLayout(server):
        html.Input(type="file", id="file", multiple=True, v_model=("files", None))
        html.Div("{{ summary }}", id="summary")
        html.Button("Download", id="download", click="trigger('export')")
    server.state.summary = ""
    return server


def test_file_upload_and_download(app_runner, page, tmp_path):
    server = files_app()
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.csv").write_text("1,2")
    with expect_dirty(page, "files", "summary"):
        page.set_input_files("#file", [str(tmp_path / "a.txt"), str(tmp_path / "b.csv")])
    expect(page.locator("#summary")).to_have_text("a.txt (5 B, text/plain): alpha, b.csv (3 B, text/csv): 1,2")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "summary.txt"
    assert Path(download.path()).read_text() == "A.TXT (5 B, TEXT/PLAIN): ALPHA, B.CSV (3 B, TEXT/CSV): 1,2"
    assert page.errors == []


def test_an_upload_over_the_limit_is_refused_with_a_clear_error(app_runner, page, tmp_path):
    server = files_app()
    server.max_upload_bytes = 4
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    (tmp_path / "big.txt").write_text("too big")
    page.evaluate("""() => { window.errs = [];
        document.addEventListener('htmxtrame:error', e => window.errs.push(e.detail.message)); }""")
    page.set_input_files("#file", str(tmp_path / "big.txt"))
    page.wait_for_function("window.errs.length > 0")
    assert "limit of 4 bytes" in page.evaluate("window.errs[0]")
    assert server.state.summary == ""


class Gunicorn(AppProcess):
    """apps/embed_flask.py served by gunicorn's threaded worker."""

    def __init__(self) -> None:
        super().__init__(
            "apps/embed_flask.py",
            command=[sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "16", "-w", "1",
                     "-b", "127.0.0.1:0", "apps.embed_flask:app"],
            port_pattern=r"Listening at: http://[\d.]+:(\d+)",
            host="127.0.0.1",
            env={"SECRET_KEY": "e2e", "INVENTORY_DB": str(Path(tempfile.mkdtemp()) / "inventory.db")},
        )


@pytest.fixture
def gunicorn_site():
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        pytest.fail("gunicorn is missing: pip install -e '.[test]' installs it (this test is never skipped)")
    site = Gunicorn()
    yield site
    site.stop()


def test_flask_site_with_login_guards_two_apps_under_gunicorn(gunicorn_site, page, browser):
    base = gunicorn_site.url
    page.goto(base + "inventory/")
    expect(page).to_have_url(re.compile(r"/login\?next=/inventory/$"))
    page.fill("#user", "ada")
    page.fill("#password", "demo")
    page.click("#login")
    expect(page).to_have_url(base + "inventory/")
    wait_connected(page)
    page.fill("#name", "gunicorn bolts")
    page.click("#add")
    expect(page.locator("#items tbody tr").last).to_contain_text("gunicorn bolts")
    page.goto(base + "status/")
    wait_connected(page)
    expect(page.locator("#tick")).not_to_have_text("Tick 0")  # the async task ticks under gunicorn
    assert page.errors == []

    # A stranger gets the login form, and neither page nor websocket opens.
    stranger_ctx = browser.new_context()
    stranger = stranger_ctx.new_page()
    try:
        stranger.goto(base + "inventory/")
        expect(stranger.locator("#login")).to_be_visible()
        outcome = stranger.evaluate("""url => new Promise(done => {
            const ws = new WebSocket(url);
            ws.onopen = () => done('open');
            ws.onerror = () => done('refused');
        })""", base.replace("http", "ws") + "inventory/__htmxtrame/ws?ui=main")
        assert outcome == "refused"
    finally:
        stranger_ctx.close()


def test_title_and_favicon_follow_the_state_on_an_open_page(app_runner, page):
    server = Server(f"e2e-{uuid.uuid4().hex[:8]}")
    server.state.trame__title = "Idle"

    def work() -> None:
        server.state.update({"trame__title": "Working…", "trame__favicon": "data:image/svg+xml,%3Csvg%2F%3E"})

    with DivLayout(server):
        html.Button("Start", id="start", click=work)
        html.Button("Done", id="done", click=lambda: server.state.update({"trame__title": "Idle", "trame__favicon": None}))
    page.goto(app_runner(server).url)
    wait_connected(page)
    icon = page.locator('link[rel="icon"]')
    own = icon.get_attribute("href")
    expect(page).to_have_title("Idle")
    page.click("#start")
    expect(page).to_have_title("Working…")
    expect(icon).to_have_attribute("href", "data:image/svg+xml,%3Csvg%2F%3E")
    page.click("#done")
    expect(page).to_have_title("Idle")
    expect(icon).to_have_attribute("href", own)

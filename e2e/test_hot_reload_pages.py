"""Hot reload in Chromium: save the app's files while two pages are open.

The app is written to a temporary folder (with a module it imports from
there) and run with ``--hot-reload``; the test rewrites its files as an
editor would and checks what both pages show.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, AppProcess, wait_connected
from playwright.sync_api import expect

pytest.importorskip("watchfiles")

APP = '''
from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

from helper import greeting

server = get_server()
state, ctrl = server.state, server.controller
state.count = 0


@state.change("count")
def on_count(count, **kwargs):
    state.derived = count * FACTOR
    print(f"listener: {count} -> {state.derived}", flush=True)


def bump():
    state.count += 1

HANDLERS

with DivLayout(server) as layout:
    html.Div("VERSION", id="version")
    html.Div("count={{ count }} derived={{ derived }}", id="count_text")
    html.Button("bump", id="bump", click=bump)
    html.Input(type="text", id="note", v_model=("note", ""))
    html.Div("note={{ note }}", id="note_text")
    html.Div(greeting(), id="greeting")
    BUTTONS

TAIL
if __name__ == "__main__":
    server.start()
'''


def app_source(version="VERSION_ONE", factor=2, handlers="", buttons="", tail="") -> str:
    return (APP.replace("VERSION", version).replace("FACTOR", str(factor)).replace("HANDLERS", handlers)
            .replace("BUTTONS", buttons or "pass").replace("TAIL", tail))


NEW_HANDLER = '''
def reset():
    state.count = 100
'''
NEW_BUTTON = 'html.Button("reset", id="reset", click=reset)'


def save(path: Path, text: str) -> float:
    path.write_text(text)
    return time.monotonic()


@pytest.fixture
def hot_app(tmp_path):
    (tmp_path / "helper.py").write_text('def greeting():\n    return "hello from helper"\n')
    script = tmp_path / "app.py"
    script.write_text(app_source())
    app = AppProcess(
        str(script), command=[sys.executable, str(script), "--server", "--port", "0", "--hot-reload", "--timeout", "0"],
    )
    app.script = script
    app.folder = tmp_path
    yield app
    app.stop()


def within_a_second(page, selector: str, text: str, since: float) -> float:
    """Wait for *text* (a generous bound on a loaded machine) and return how long it took."""
    expect(page.locator(selector)).to_have_text(text, timeout=3000)
    return time.monotonic() - since


def test_saving_updates_both_pages_with_state_kept_and_errors_shown_then_recovered(hot_app, browser):
    contexts = [browser.new_context() for _ in range(2)]
    try:
        a, b = (c.new_page() for c in contexts)
        errors = {a: [], b: []}
        for p in (a, b):
            p.on("pageerror", lambda e, p=p: errors[p].append(str(e)))
            p.goto(hot_app.url)
            wait_connected(p)
        a.click("#bump")
        a.click("#bump")
        expect(b.locator("#count_text")).to_have_text("count=2 derived=4")
        b.click("#note")
        b.keyboard.type("hello")
        expect(a.locator("#note_text")).to_have_text("note=hello")

        # A new text, a new button with a new handler, a changed listener.
        t0 = save(hot_app.script, app_source("VERSION_TWO", factor=10, handlers=NEW_HANDLER, buttons=NEW_BUTTON))
        took = [within_a_second(p, "#version", "VERSION_TWO", t0) for p in (a, b)]
        print(f"pages updated {max(took) * 1000:.0f} ms after the save")
        assert max(took) < 1.5, f"pages took {took} s to show the saved change"
        for p in (a, b):
            expect(p.locator("#count_text")).to_have_text("count=2 derived=4")  # state kept
        # The focused field kept focus and its text, and typing goes on.
        expect(b.locator("#note")).to_be_focused()
        expect(b.locator("#note")).to_have_value("hello")
        b.keyboard.type(" world")
        expect(a.locator("#note_text")).to_have_text("note=hello world")
        expect(a.locator("#note")).to_have_value("hello world")
        # The new button runs the new handler; the changed listener answers.
        a.click("#reset")
        for p in (a, b):
            expect(p.locator("#count_text")).to_have_text("count=100 derived=1000")
        hot_app.wait_output(r"listener: 100 -> 1000")

        # A broken save: the error on both pages and in the log; the old UI keeps working.
        save(hot_app.script, app_source("VERSION_BROKEN", factor=10, handlers=NEW_HANDLER, buttons=NEW_BUTTON)
             + "\nx = (\n")
        for p in (a, b):
            expect(p.locator("#ht-app-error")).to_contain_text("Hot reload failed")
            expect(p.locator("#ht-app-error")).to_contain_text("SyntaxError")
        hot_app.wait_output(r"SyntaxError")
        b.click("#bump")
        for p in (a, b):
            expect(p.locator("#count_text")).to_have_text("count=101 derived=1010")
            expect(p.locator("#version")).to_have_text("VERSION_TWO")

        # Code that raises while it runs: the same, and the old bindings stay.
        save(hot_app.script, app_source("VERSION_RAISES", factor=10, handlers=NEW_HANDLER, buttons=NEW_BUTTON,
                                        tail='raise RuntimeError("boom at import")'))
        for p in (a, b):
            expect(p.locator("#ht-app-error")).to_contain_text("RuntimeError: boom at import")
        a.click("#reset")
        expect(b.locator("#count_text")).to_have_text("count=100 derived=1000")
        expect(b.locator("#version")).to_have_text("VERSION_TWO")

        # The next good save recovers: the error goes away, the state is still there.
        t0 = save(hot_app.script, app_source("VERSION_THREE", factor=10, handlers=NEW_HANDLER, buttons=NEW_BUTTON))
        for p in (a, b):
            within_a_second(p, "#version", "VERSION_THREE", t0)
            expect(p.locator("#ht-app-error")).to_be_hidden()
            expect(p.locator("#count_text")).to_have_text("count=100 derived=1000")
            expect(p.locator("#note")).to_have_value("hello world")

        # A module the app imports from its folder.
        save(hot_app.folder / "helper.py", 'def greeting():\n    return "hi again from helper"\n')
        for p in (a, b):
            expect(p.locator("#greeting")).to_have_text("hi again from helper")
        assert errors == {a: [], b: []}
    finally:
        for c in contexts:
            c.close()


def test_the_flag_says_how_to_install_watchfiles_when_it_is_missing(tmp_path):
    # A watchfiles that cannot be imported, first on the path.
    (tmp_path / "watchfiles.py").write_text("raise ImportError('not installed')\n")
    script = tmp_path / "app.py"
    script.write_text(app_source().replace("from helper import greeting", "greeting = lambda: 'x'"))
    import subprocess

    out = subprocess.run(
        [sys.executable, str(script), "--server", "--port", "0", "--hot-reload"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode != 0
    assert "pip install 'htmxtrame[hot-reload]'" in out.stderr

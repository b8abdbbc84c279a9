"""Hot reload in-process: re-running a saved app file against its running server."""

from __future__ import annotations

import logging
import sys
import textwrap
import time
import types
import uuid
from pathlib import Path

import pytest

from htmxtrame import aio, hot_reload
from htmxtrame.server import Server

TEMPLATE = '''
import asyncio
from htmxtrame.app import asynchronous, get_server
from htmxtrame.decorators import hot_reload
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = get_server(SERVER_NAME)
state, ctrl = server.state, server.controller
state.count = COUNT_INIT
state.trame__title = "TITLE"
calls = CALLS


@state.change("count")
def on_count(count, **kwargs):
    calls.append(("LISTENER", count))


def act():
    calls.append(("ACTION", state.count))


@hot_reload
def helper():
    return "HELPER"


async def ticker():
    while True:
        await asyncio.sleep(0.05)
        calls.append(("TICK", "TICKER"))


ctrl.act = act
asynchronous.create_task(ticker())
with DivLayout(server) as layout:
    html.Div("TEXT {{ count }}", id="text")
EXTRA
'''


class App:
    """An app file in a temporary folder, run once as a fake ``__main__``."""

    def __init__(self, folder: Path) -> None:
        self.name = f"hot-{uuid.uuid4().hex[:8]}"
        self.calls: list = []
        self.path = folder / "app.py"
        self.module = types.ModuleType("__main__")
        self.module.__file__ = str(self.path)
        self.module.__dict__.update(SERVER_NAME=self.name, CALLS=self.calls)
        self.write()
        exec(compile(self.path.read_text(), str(self.path), "exec"), self.module.__dict__)
        self.server: Server = self.module.server
        self.server.state.ready()
        self.reloader = hot_reload.Reloader(self.server, self.module, self.path)

    def write(self, text="TEXT", listener="LISTENER", action="ACTION", count_init=1, title="T1",
              helper="HELPER", ticker="TICKER", extra="") -> None:
        src = (TEMPLATE.replace("COUNT_INIT", str(count_init)).replace("TITLE", title)
               .replace("LISTENER", listener).replace("ACTION", action).replace("TEXT", text)
               .replace("HELPER", helper).replace("TICKER", ticker).replace("EXTRA", extra)
               .replace("SERVER_NAME", "SERVER_NAME").replace("CALLS", "CALLS"))
        # the placeholders SERVER_NAME and CALLS are globals of the fake module
        self.path.write_text(src)

    def page(self) -> str:
        return self.server.scope_for_request().renderer("main").render_page_body()

    def stop(self) -> None:
        for task, _ in self.reloader._app_tasks().items():
            aio.loop().call_soon_threadsafe(task.cancel)


@pytest.fixture
def app(tmp_path):
    a = App(tmp_path)
    yield a
    a.stop()
    hot_reload._active = False


def test_layout_listener_and_controller_are_the_new_code_and_state_is_kept(app):
    app.server.state.count = 7  # a page moved it
    app.server.state.flush()
    app.calls.clear()
    app.write(text="NEW TEXT", listener="NEW LISTENER", action="NEW ACTION")
    assert app.reloader.reload({app.path.resolve()})
    assert "NEW TEXT 7" in app.page()  # new layout, live value kept
    assert app.server.state.count == 7
    app.server.state.count = 8
    app.server.state.flush()
    listeners = [c for c in app.calls if c[0].endswith("LISTENER")]
    assert listeners == [("NEW LISTENER", 8)]  # the old one is gone, not called twice
    app.server.controller.act()
    assert ("NEW ACTION", 8) in app.calls and ("ACTION", 8) not in app.calls
    assert app.server.state[hot_reload.RELOAD_KEY] == 1


def test_a_changed_initial_value_in_code_wins_and_title_follows_the_code(app):
    app.server.state.count = 7
    app.server.state.flush()
    app.write(count_init=3, title="T2")
    assert app.reloader.reload(None)
    assert app.server.state.count == 3  # the developer changed the code's value
    assert app.server.state.trame__title == "T2"
    app.server.state.count = 9
    app.server.state.flush()
    app.write(count_init=3, title="T2", text="AGAIN")
    assert app.reloader.reload(None)
    assert app.server.state.count == 9  # unchanged in code: the live value stays


def test_a_syntax_error_keeps_the_previous_version_and_is_reported(app, caplog):
    before = app.page()
    app.write(extra="x = (")
    with caplog.at_level(logging.ERROR, logger="htmxtrame.hot_reload"):
        assert not app.reloader.reload(None)
    assert "SyntaxError" in caplog.text and "previous version keeps running" in caplog.text
    assert app.page() == before
    app.server.controller.act()
    assert ("ACTION", 1) in app.calls


def test_code_that_raises_puts_back_listeners_bindings_and_layout(app, caplog):
    before = app.page()
    app.write(text="HALF", listener="HALF LISTENER", action="HALF ACTION", extra='raise RuntimeError("boom")')
    with caplog.at_level(logging.ERROR, logger="htmxtrame.hot_reload"):
        assert not app.reloader.reload(None)
    assert "app.py line" in caplog.text and "RuntimeError: boom" in caplog.text
    assert app.page() == before
    app.calls.clear()
    app.server.state.count = 5
    app.server.state.flush()
    app.server.controller.act()
    assert app.calls == [("LISTENER", 5), ("ACTION", 5)]
    # and the next good save works
    app.write(text="GOOD")
    assert app.reloader.reload(None)
    assert "GOOD 5" in app.page()


def test_a_restarted_background_loop_replaces_the_old_one(app):
    app.write(ticker="NEW TICKER")
    assert app.reloader.reload(None)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and ("TICK", "NEW TICKER") not in app.calls:
        time.sleep(0.02)
    time.sleep(0.2)
    app.calls.clear()
    time.sleep(0.3)
    ticks = {c[1] for c in app.calls if c[0] == "TICK"}
    assert ticks == {"NEW TICKER"}


def test_hot_reload_decorator_calls_the_newest_saved_version(app):
    old_helper = app.module.helper
    assert old_helper() == "HELPER"
    hot_reload._active = True
    app.write(helper="NEW HELPER")
    assert app.reloader.reload(None)
    assert old_helper() == "NEW HELPER"  # a reference kept from before the save


def test_files_outside_the_app_are_ignored(app, tmp_path):
    other = tmp_path / "notes.py"
    other.write_text("x = 1\n")
    assert app.reloader.reload({other.resolve()}) is False


def test_env_switch():
    for value, on in (("1", True), ("true", True), ("0", False), ("", False), ("off", False)):
        import os

        os.environ["TRAME_HOT_RELOAD"] = value
        try:
            assert hot_reload.env_enabled() is on
        finally:
            del os.environ["TRAME_HOT_RELOAD"]


def test_env_turns_it_on_and_without_watchfiles_says_how_to_install(tmp_path):
    import subprocess

    (tmp_path / "watchfiles.py").write_text("raise ImportError('not installed')\n")
    (tmp_path / "app.py").write_text(textwrap.dedent("""
        from htmxtrame.app import get_server
        from htmxtrame.ui.html import DivLayout
        server = get_server()
        with DivLayout(server):
            pass
        server.start(port=0, open_browser=False)
    """))
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, str(tmp_path / "app.py")], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": f"{tmp_path}:{root}", "PATH": "/usr/bin:/bin", "TRAME_HOT_RELOAD": "1"})
    assert out.returncode != 0
    assert "pip install 'htmxtrame[hot-reload]'" in out.stderr

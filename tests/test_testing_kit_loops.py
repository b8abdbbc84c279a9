"""The simulated user beside Playwright's sync API, whose event loop stays set on the main thread."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

_names = itertools.count()


@pytest.fixture
def playwright_like_loop():
    """What `page` leaves behind: a loop registered as running on this thread, idle between calls."""
    loop = asyncio.new_event_loop()
    asyncio._set_running_loop(loop)
    try:
        yield loop
    finally:
        asyncio._set_running_loop(None)
        loop.close()


def _app() -> Server:
    server = Server(f"loops-{next(_names)}")
    server.state.update(done="", ready_ran=False)

    async def work():
        await asyncio.sleep(0.01)
        with server.state:
            server.state.done = "yes"

    async def on_ready(**_):
        await asyncio.sleep(0)
        with server.state:
            server.state.ready_ran = True

    server.controller.on_server_ready.add(on_ready)
    with DivLayout(server):
        html.Button("Go", click=work)
        html.P("{{ done }}", id="done")
    return server


def test_an_async_handler_runs_while_a_playwright_page_is_open(playwright_like_loop):
    # A test using both `page` and a simulated user (docs/testing.md: "most suites use
    # both"): the handler must run on the server's loop, as for a websocket message,
    # not on Playwright's loop, which only turns while a Playwright call runs.
    with User(_app()) as user:
        user.wait_for_state("ready_ran", True)
        user.click("Go")
        user.wait_for_state("done", "yes")
        user.should_see("yes")
    assert asyncio._get_running_loop() is playwright_like_loop

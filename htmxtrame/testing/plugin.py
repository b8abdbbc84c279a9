"""The pytest side of the testing kit: fixtures, registered through ``htmxtrame.testing``.

* ``app_runner(server)`` — the server on a free port in a thread; stopped after the test.
* ``sim_user(server, ui="main")`` — an opened :class:`~htmxtrame.testing.User`;
  the server's state is put back as it was after the test
  (``sim_user(build)`` with a function that builds a server gets a fresh one).
* ``site_runner(create_app, login_url="/login", login={...})`` — a whole
  Flask site on a free port (:class:`~htmxtrame.testing.Site`).
* ``redis_server`` — a throwaway ``redis-server`` on a free port
  (:class:`~htmxtrame.testing.redis.RedisServer`: ``.url``, ``.restart()``).
* ``browser`` / ``page`` — headless Chromium through Playwright (unless
  pytest-playwright, which has its own, is installed).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .browser import launch_chromium
from .inprocess import Isolation, host_app
from .running import RunningApp, start_app
from .site import Site, start_site
from .user import User


@pytest.fixture
def app_runner() -> Iterator[Callable[..., RunningApp]]:
    """Factory: ``app_runner(server, **start_options)``; stopped after the test.

    As with ``sim_user``, the server's state is put back after the test.
    """
    started: list[RunningApp] = []
    isolation = Isolation()

    def run(server: Any, **options: Any) -> RunningApp:
        isolation.enter(server)
        app = start_app(server, **options)
        started.append(app)
        return app

    yield run
    for app in started:
        app.stop()
    isolation.leave()


@pytest.fixture
def sim_user() -> Iterator[Callable[..., User]]:
    """Factory: ``sim_user(server, ui="main")`` → an opened :class:`User`.

    The first time a test uses a server, its state is put back to what it
    was when the kit first met it, and again after the test: no test sees
    another's changes. Controller bindings, ``server.context`` and module
    globals are the app's own business: pass a function that builds the
    server (``sim_user(make_server)``) to get a fresh one instead.
    """
    users: list[User] = []
    isolation = Isolation()

    def make(server: Any = None, ui: str = "main") -> User:
        if server is None:
            from ..server import get_server

            server = get_server()
        elif not hasattr(server, "templates") and callable(server):
            server = server()
        host_app(server)  # the start hooks, once, before the state is recorded
        isolation.enter(server)
        user = User(server, ui).open()
        users.append(user)
        return user

    yield make
    for user in users:
        user.close()
    isolation.leave()


@pytest.fixture
def site_runner() -> Iterator[Callable[..., Site]]:
    """Factory: ``site_runner(create_app_or_app, *args, login_url="/login", login=None, **kwargs)``.

    Serves the host Flask app (calling the factory with the other
    arguments) on a free port; stopped after the test.
    """
    sites: list[Site] = []

    def run(app_or_factory: Any, *args: Any, **kwargs: Any) -> Site:
        site = start_site(app_or_factory, *args, **kwargs)
        sites.append(site)
        return site

    yield run
    for site in sites:
        site.stop()


@pytest.fixture
def redis_server() -> Iterator[Any]:
    """A redis-server of its own on a free port (``.url``, ``.stop()``, ``.start()``, ``.restart()``)."""
    from .redis import RedisServer

    server = RedisServer()
    yield server
    server.close()


if importlib.util.find_spec("pytest_playwright") is None:

    # Per module, not per run: while Playwright's sync API is up, the main thread
    # has a running asyncio loop, which code under test (asyncio.run, "am I in
    # an event loop?" checks) must not find in the tests that follow.
    @pytest.fixture(scope="module")
    def browser() -> Iterator[Any]:
        """Headless Chromium: ``$HTMXTRAME_CHROMIUM``, one on ``PATH``, or Playwright's own (per test module)."""
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            pytest.fail("the browser/page fixtures need Playwright: pip install 'htmxtrame[test]' "
                        "(and Chromium: your system's package, or `playwright install chromium`)")
        with sync_playwright() as p:
            try:
                b = launch_chromium(p)
            except Exception as exc:  # noqa: BLE001 - say how to get a browser
                pytest.fail(f"cannot launch Chromium ({type(exc).__name__}: {str(exc).splitlines()[0]}); install "
                            "your system's chromium package, set HTMXTRAME_CHROMIUM to its path, or run "
                            "`playwright install chromium`")
            yield b
            b.close()

    @pytest.fixture
    def page(browser: Any) -> Iterator[Any]:
        """A fresh page in its own browser context; uncaught page errors collect in ``page.errors``."""
        context = browser.new_context()
        pg = context.new_page()
        pg.errors = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        yield pg
        context.close()

"""Playwright fixtures: apps run as real processes (Chromium comes from the kit).

In-process servers come from the kit's ``app_runner`` fixture; each app
under ``apps/`` starts in its own process on a free port
(``--server --port 0``); the fixture reads the port from the banner and
keeps the process output so tests can check what the server printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

# The testing kit (htmxtrame.testing, a pytest plugin) provides app_runner,
# sim_user and the Playwright waits; re-exported so tests keep importing
# wait_connected from here.
from htmxtrame.testing import wait_connected, wait_for_state, wait_for_text  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


class AppProcess:
    """A running app: ``url``, ``port`` and everything it printed (``output()``).

    By default ``python <script> --server --port 0 <args>``; *command* runs
    anything else (gunicorn, say) whose output names its port, matched by
    *port_pattern*'s first group.
    """

    def __init__(
        self, script: str, *args: str, command: list[str] | None = None,
        port_pattern: str = r"http://[\w.]+:(\d+)/", host: str = "localhost", env: dict | None = None,
    ) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT), **(env or {})}
        env.pop("PYTEST_CURRENT_TEST", None)
        self.proc = subprocess.Popen(
            command or [sys.executable, str(ROOT / script), "--server", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT,
        )
        self.lines: list[str] = []
        self._pattern = re.compile(port_pattern)
        self._port = threading.Event()
        self.port = 0
        threading.Thread(target=self._read, daemon=True).start()
        if not self._port.wait(30):
            self.stop()
            raise RuntimeError(f"{script} did not start:\n{self.output()}")
        self.url = f"http://{host}:{self.port}/"

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.append(line)
            m = self._pattern.search(line)
            if m and not self._port.is_set():
                self.port = int(m.group(1))
                self._port.set()

    def output(self) -> str:
        """Everything the app printed so far."""
        return "".join(self.lines)

    def wait_output(self, pattern: str, timeout: float = 10) -> re.Match:
        """Wait until the app prints a line matching *pattern*."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.output())
            if m:
                return m
            time.sleep(0.05)
        raise AssertionError(f"app never printed {pattern!r}; output:\n{self.output()[-2000:]}")

    def stop(self) -> None:
        """End the process."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def run_app():
    """Start ``apps/<name>.py`` (extra CLI args allowed); stopped after the test."""
    started: list[AppProcess] = []

    def start(script: str, *args: str) -> AppProcess:
        app = AppProcess(script, *args)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


# browser and page (headless Chromium, page.errors) come from the kit's plugin
# (htmxtrame.testing): one Playwright per test module.


def open_page(page, url: str):
    """*page* at desktop width, loaded from *url* and connected."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    wait_connected(page)
    return page


def serve_module(script: str):
    """Two fixtures for a test module of one app: ``app`` (*script*, one process per
    module) and ``pg`` (a connected page of it at desktop width).

    Use as ``app, pg = serve_module("apps/x.py")`` at the module's top level.
    """

    @pytest.fixture(scope="module")
    def app():
        process = AppProcess(script)
        yield process
        process.stop()

    @pytest.fixture
    def pg(page, app):
        return open_page(page, app.url)

    return app, pg


@pytest.fixture(scope="module")
def gallery():
    """``apps/gallery.py``, one process per test module."""
    app = AppProcess("apps/gallery.py")
    yield app
    app.stop()


@pytest.fixture
def pg(page, gallery):
    """A connected gallery page at desktop width."""
    return open_page(page, gallery.url)


def show_text(pg, sid: str, expected: Any) -> None:
    """Wait until the element with id *sid* shows *expected* (text or a regex)."""
    from playwright.sync_api import expect

    expect(pg.locator(f"#{sid}")).to_have_text(expected)

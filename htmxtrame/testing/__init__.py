"""Testing kit for htmxtrame apps and the Flask sites that host them.

Importable without pytest: :class:`User` (a simulated user, no browser),
:func:`start_app`, :func:`start_site` / :class:`Site` (a whole Flask site,
its login included), and the Playwright waits (:func:`wait_connected`,
:func:`wait_for_state`, :func:`expect_dirty`, :func:`wait_for_text`).

Installed as a pytest plugin (entry point ``htmxtrame.testing``), it adds
the fixtures of :mod:`htmxtrame.testing.plugin`: ``app_runner``,
``sim_user``, ``site_runner``, and ``browser``/``page`` (headless Chromium).
"""

from .browser import chromium_executable, expect_dirty, launch_chromium, wait_connected, wait_for_state, wait_for_text
from .inprocess import Isolation, Snapshot, host_app
from .running import DEFAULT_TIMEOUT, RunningApp, start_app, wait_until
from .site import HttpClient, Response, Site, start_site
from .user import Refused, User

# pytest loads the fixtures from here when it registers this module as a
# plugin; nothing above imports pytest.
pytest_plugins = ["htmxtrame.testing.plugin"]

__all__ = [
    "DEFAULT_TIMEOUT", "HttpClient", "Isolation", "Refused", "Response", "RunningApp", "Site", "Snapshot", "User",
    "chromium_executable", "expect_dirty", "host_app", "launch_chromium", "start_app", "start_site",
    "wait_connected", "wait_for_state", "wait_for_text", "wait_until",
]

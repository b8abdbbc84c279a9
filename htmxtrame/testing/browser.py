"""Playwright helpers: Chromium to launch, and waits that never sleep.

Plain functions over a Playwright ``page``; Playwright itself is imported
only when a browser is launched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from typing import Any

from .running import DEFAULT_TIMEOUT, wait_until

CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_executable() -> str | None:
    """The Chromium to drive: ``$HTMXTRAME_CHROMIUM``, else one on ``PATH``.

    ``None`` means "let Playwright use the browser it downloaded itself"
    (``playwright install chromium``).
    """
    override = os.environ.get("HTMXTRAME_CHROMIUM")
    if override:
        if not (os.path.isfile(override) and os.access(override, os.X_OK)):
            raise RuntimeError(f"HTMXTRAME_CHROMIUM={override!r} is not an executable; point it at Chromium")
        return override
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_chromium(playwright: Any, **options: Any) -> Any:
    """A headless Chromium from *playwright* (``sync_playwright().start()``)."""
    executable = chromium_executable()
    settings: dict[str, Any] = {"args": list(CHROMIUM_ARGS), **options}
    if executable is not None:
        settings.setdefault("executable_path", executable)
    return playwright.chromium.launch(**settings)


def wait_connected(page: Any, timeout_ms: int = 10_000) -> None:
    """Wait until the page's websocket is open."""
    page.wait_for_function("window.htmxtrame && window.htmxtrame.connected", timeout=timeout_ms)


def wait_for_state(page: Any, server: Any, key: str, value: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Wait until ``server.state[key] == value`` and the page has received that update.

    For a server running in the test process (``app_runner``, ``site_runner``).
    The page's glue counts the messages it received (``htmxtrame.seq``);
    once the state holds the value, the page must reach the message number
    the server had then.
    """
    wait_until(lambda: server.state[key] == value, timeout,
               f"state[{key!r}] never became {value!r}; it is {server.state[key]!r}")
    seq = server.scope_for_request().last_seq
    page.wait_for_function("n => window.htmxtrame && window.htmxtrame.seq >= n", arg=seq, timeout=int(timeout * 1000))


@contextlib.contextmanager
def expect_dirty(page: Any, *keys: str, timeout_ms: int = 10_000) -> Iterator[None]:
    """``with expect_dirty(page, "name"): page.fill(...)`` — wait for the update.

    Leaves the block once the page received a message whose ``dirty`` keys
    include every one of *keys* (any message when none are given). Works for
    servers in other processes too: it listens to the page's
    ``htmxtrame:dirty`` events, armed before the action so none is missed.
    """
    token = secrets.token_hex(8)
    page.evaluate(
        """([token, keys]) => {
            const waits = (window.__htWaits = window.__htWaits || {});
            waits[token] = false;
            const on = e => {
                const got = (e.detail && e.detail.keys) || [];
                if (keys.every(k => got.includes(k))) {
                    waits[token] = true;
                    document.removeEventListener("htmxtrame:dirty", on);
                }
            };
            document.addEventListener("htmxtrame:dirty", on);
        }""",
        [token, list(keys)],
    )
    yield
    page.wait_for_function("t => window.__htWaits[t] === true", arg=token, timeout=timeout_ms)


def wait_for_text(page: Any, selector: str, text: str, timeout_ms: int = 10_000) -> None:
    """Wait until the element's text contains *text*."""
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel); return !!el && el.textContent.includes(text); }",
        arg=[selector, text], timeout=timeout_ms,
    )

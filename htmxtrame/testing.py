"""Testing kit for htmxtrame apps, installed as a pytest plugin.

Fixtures (available in any project that installs htmxtrame):

* ``app_runner`` — ``app_runner(server)`` starts *server* on a free port in a
  background thread and returns a :class:`RunningApp` (``url``, ``port``,
  ``server``); every server started is stopped after the test.
* ``sim_user`` — ``sim_user(server, ui="main")`` returns a :class:`User`: a
  browser-free simulated user that loads the page, fires events on elements
  found by CSS selector or by label, and reads the rendered HTML and the
  state. It calls the same event dispatch the websocket does, in-process,
  so a test takes milliseconds.

Playwright helpers (plain functions): :func:`wait_connected`,
:func:`wait_for_state` (the page has received the update in which a state
key reached a value), :func:`expect_dirty` (a block that waits for the
update its action caused), :func:`wait_for_text`. None of them sleeps.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import pytest

from . import simdom
from .events import dispatch
from .files import as_download, store_upload
from .session import Session

DEFAULT_TIMEOUT = 5.0


# -- running a server in the test process ------------------------------------------
@dataclass
class RunningApp:
    """A server started by :func:`start_app`."""

    server: Any
    url: str
    port: int

    def stop(self) -> None:
        """Stop the server."""
        self.server.stop()


def start_app(server: Any, **options: Any) -> RunningApp:
    """Start *server* on a free localhost port in a thread; returns at once.

    No browser opens, nothing is printed, and the idle timeout is off unless
    *options* (``server.start`` keywords) say otherwise.
    """
    settings = {"port": 0, "host": "127.0.0.1", "thread": True, "open_browser": False,
                "show_connection_info": False, "timeout": 0, **options}
    server.start(**settings)
    if not server.ready.wait(10):
        raise RuntimeError(f"{server!r} did not bind a port within 10 s")
    return RunningApp(server, f"http://127.0.0.1:{server.port}/", server.port)


def wait_until(predicate: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT, message: str = "") -> Any:
    """Poll *predicate* until it returns something truthy; fail after *timeout* s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        time.sleep(0.002)


# -- the simulated user ----------------------------------------------------------------
class User:
    """A page opened without a browser; see the module docstring.

    ``user.click("Add")`` / ``user.click("#add")``, ``user.type("#name", "Ada")``,
    ``user.set("#slider", 12)``, ``user.fire(sel, "keyup", key="Enter")``,
    ``user.upload("#file", ("a.txt", b"hi", "text/plain"))``; read
    ``user.html``, ``user.text("#out")``, ``user.state`` and ``user.downloads``.
    """

    def __init__(self, server: Any, ui: str = "main") -> None:
        self.server = server
        self.ui = ui
        self.downloads: list[Any] = []
        self.calls: list[dict] = []
        self.session: Session | None = None

    # connection --------------------------------------------------------------------
    def open(self) -> "User":
        """Load the page: the server sees a connected client."""
        if self.ui not in self.server.templates:
            raise AssertionError(f"the server has no layout {self.ui!r}; it has {sorted(self.server.templates)}")
        if not self.server.state.is_ready:
            self.server.state.ready()  # a page only connects to a serving server
        scope = self.server.scope_for_request()
        self.session = Session(scope, self.ui)
        self.session.open()
        self.server.client_connected(self.session)
        return self

    def close(self) -> None:
        """Leave the page."""
        if self.session is not None:
            self.session.close()
            self.server.client_exited(self.session)
            self.session = None

    def __enter__(self) -> "User":
        return self.open() if self.session is None else self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # reading -----------------------------------------------------------------------
    @property
    def html(self) -> str:
        """The page body as the server renders it now."""
        return self._renderer().render_page_body()

    @property
    def state(self) -> dict:
        """A copy of the state this page shows."""
        return self.server.state.snapshot()

    def find_all(self, target: str) -> list[simdom.Node]:
        """Elements matching a CSS selector, else a label."""
        root = simdom.parse(self.html)
        try:
            found = simdom.select(root, target)
        except ValueError:
            found = []
        return found or simdom.by_label(root, target)

    def find(self, target: str) -> simdom.Node:
        """The one element a selector or label names (fails clearly otherwise)."""
        found = self.find_all(target)
        if len(found) != 1:
            what = "nothing" if not found else f"{len(found)} elements: {found[:5]}"
            raise AssertionError(f"{target!r} matched {what} on page {self.ui!r}; use a more precise selector")
        return found[0]

    def text(self, target: str) -> str:
        """The visible text of one element."""
        return self.find(target).text

    def should_see(self, text: str) -> None:
        """Fail unless *text* appears in the page's text."""
        page = simdom.parse(self.html)
        shown = " ".join(page.text.split())
        if text not in shown:
            raise AssertionError(f"{text!r} is not on the page; the page says: {shown[:400]!r}")

    def should_not_see(self, text: str) -> None:
        """Fail if *text* appears in the page's text."""
        if text in simdom.parse(self.html).text:
            raise AssertionError(f"{text!r} is on the page but should not be")

    # acting -------------------------------------------------------------------------
    def fire(self, target: str, event: str, value: Any = None, **payload: Any) -> Any:
        """Fire *event* on the element, as the glue script would send it.

        Returns what the handler returned; file content lands in
        :attr:`downloads`. A refused input or a failing handler raises.
        """
        node = self.find(target)
        owner = node
        while owner is not None and not _handles(owner, event):
            owner = owner.parent
        if owner is None:
            raise AssertionError(f"{target!r} ({node!r}) and its ancestors do not handle {event!r} events")
        if owner.get("data-ht-model") != event:
            value = None
        pl = {"type": event, **payload}
        if "value" in node.attrs or node.tag in ("input", "textarea", "select"):
            pl.setdefault("target", {"value": value if isinstance(value, str) else node.get("value", ""),
                                     "checked": bool(value) if isinstance(value, bool) else "checked" in node.attrs,
                                     "id": node.id or "", "name": node.get("name", "")})
        renderer = self._renderer()
        result = dispatch(renderer, self.server.controller, owner.get("data-ht"), event, value, pl)
        self._take_pushes()
        download = as_download(result)
        if download is not None:
            self.downloads.append(download)
        return result

    def click(self, target: str) -> Any:
        """Click a button, link or anything with a click handler."""
        node = self.find(target)
        if node.tag == "input" and node.get("type") == "checkbox" and node.get("data-ht-model") == "change":
            return self.fire(target, "change", "checked" not in node.attrs)
        return self.fire(target, "click")

    def type(self, target: str, text: str) -> Any:
        """Type *text* into an input (one ``input`` event with the full value)."""
        return self.fire(target, "input", text)

    def set(self, target: str, value: Any) -> Any:
        """Set an input's value: number for a range, bool for a checkbox, str otherwise."""
        node = self.find(target)
        event = node.get("data-ht-model") or "input"
        return self.fire(target, event, value)

    def upload(self, target: str, *files: tuple) -> Any:
        """Choose files ``(name, bytes, mime)`` in a file input."""
        token = store_upload([
            {"name": name, "size": len(data), "type": mime, "lastModified": None, "content": data}
            for name, data, mime in files
        ])
        return self.fire(target, "change", token)

    def wait_for_state(self, key: str, value: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until ``state[key] == value`` (async handlers, background tasks)."""
        wait_until(lambda: self.server.state[key] == value, timeout,
                   f"state[{key!r}] never became {value!r}; it is {self.server.state[key]!r}")

    # internals ------------------------------------------------------------------------
    def _renderer(self) -> Any:
        if self.session is None:
            self.open()
        return self.session.renderer  # type: ignore[union-attr]

    def _take_pushes(self) -> None:
        batch = self.session.take(0) if self.session is not None else None
        if batch is not None:
            self.calls.extend(batch.calls)


def _handles(node: simdom.Node, event: str) -> bool:
    if not node.get("data-ht"):
        return False
    return node.get("data-ht-model") == event or event in (node.get("data-ht-on") or "").split()


# -- Playwright helpers -------------------------------------------------------------------
def wait_connected(page: Any, timeout_ms: int = 10_000) -> None:
    """Wait until the page's websocket is open."""
    page.wait_for_function("window.htmxtrame && window.htmxtrame.connected", timeout=timeout_ms)


def wait_for_state(page: Any, server: Any, key: str, value: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Wait until ``server.state[key] == value`` and the page has received that update.

    For a server running in the test process (``app_runner``). The page's
    glue counts the messages it received (``htmxtrame.seq``); once the state
    holds the value, the page must reach the message number the server had
    then.
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


# -- pytest fixtures ------------------------------------------------------------------------
@pytest.fixture
def app_runner() -> Iterator[Callable[..., RunningApp]]:
    """Factory: ``app_runner(server, **start_options)``; stopped after the test."""
    started: list[RunningApp] = []

    def run(server: Any, **options: Any) -> RunningApp:
        app = start_app(server, **options)
        started.append(app)
        return app

    yield run
    for app in started:
        app.stop()


@pytest.fixture
def sim_user() -> Iterator[Callable[..., User]]:
    """Factory: ``sim_user(server, ui="main")`` → an opened :class:`User`."""
    users: list[User] = []

    def make(server: Any = None, ui: str = "main") -> User:
        if server is None:
            from .server import get_server

            server = get_server()
        user = User(server, ui).open()
        users.append(user)
        return user

    yield make
    for user in users:
        user.close()

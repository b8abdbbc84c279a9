"""Fixtures for the reliability suite: a live in-process server and raw clients.

The server runs the small app in :mod:`tests.reliability.app_under_test` on a
free port, in this process, so tests can read its state and its log
(``caplog``) directly. Clients speak the wire protocol with
``websocket-client``, as a hostile or broken page would.
"""

from __future__ import annotations

import json
import logging
import re
import time
import urllib.request
from html.parser import HTMLParser
from typing import Any, Callable

import pytest
import websocket

from .app_under_test import build

RECV_TIMEOUT = 5.0


class _Ids(HTMLParser):
    """DOM id → ``data-ht`` instance id, and DOM id → text shown, read from the rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id") and a.get("data-ht"):
            self.ids[a["id"]] = a["data-ht"]
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append(a.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag not in ("input", "br", "img", "meta", "link"):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1]:
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data


class Client:
    """One raw websocket page: send wire messages, read frames as dicts."""

    def __init__(self, live: "Live", origin: str | None = None, hello: bool = True) -> None:
        self.live = live
        kwargs: dict[str, Any] = {"timeout": RECV_TIMEOUT}
        if origin is not None:
            kwargs["origin"] = origin
        self.ws = websocket.create_connection(live.ws_url, **kwargs)
        if hello:
            # seq -1 never matches: the server answers with the whole body,
            # which proves the socket is served before a test starts.
            self.send({"t": "hello", "seq": -1})
            self.wait(lambda m: "content" in m)

    def send(self, msg: Any) -> None:
        """Send *msg* as JSON text (a str is sent as is)."""
        self.ws.send(msg if isinstance(msg, str) else json.dumps(msg))

    def ev(self, dom_id: str, ev: str, value: Any = None, event: Any = None) -> None:
        """An event message for the element with DOM id *dom_id*."""
        msg: dict[str, Any] = {"t": "ev", "id": self.live.iid(dom_id), "ev": ev}
        if value is not None:
            msg["value"] = value
        if event is not None:
            msg["event"] = event
        self.send(msg)

    def recv(self, timeout: float = RECV_TIMEOUT) -> dict:
        """The next frame, decoded."""
        self.ws.settimeout(timeout)
        frame = self.ws.recv()
        return json.loads(frame)

    def wait(self, pred: Callable[[dict], bool], timeout: float = RECV_TIMEOUT) -> dict:
        """Read frames until one satisfies *pred*; fail after *timeout* seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no matching frame arrived in time")
            msg = self.recv(left)
            if pred(msg):
                return msg

    def error(self, timeout: float = RECV_TIMEOUT) -> dict:
        """The next error the server reports to this page."""
        return self.wait(lambda m: "error" in m, timeout)["error"]

    def alive(self) -> None:
        """Prove the connection still works: a click round trip updates #count."""
        before = self.live.state.count
        self.ev("inc", "click")
        self.wait(lambda m: "count" in m.get("dirty", ()))
        assert self.live.state.count == before + 1

    def close(self) -> None:
        """Close the socket (ignoring one that is already gone)."""
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - already closed is fine
            pass


class Live:
    """A started test server: its state, URLs and instance ids."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.state = server.state
        self.url = f"http://localhost:{server.port}/"
        self.ws_url = f"ws://localhost:{server.port}/__htmxtrame/ws?ui=main"
        self._ids: dict[str, str] | None = None
        self.clients: list[Client] = []

    def page(self) -> str:
        """The rendered page, as a browser would get it."""
        with urllib.request.urlopen(self.url, timeout=5) as resp:
            return resp.read().decode()

    def shown(self, dom_id: str) -> str:
        """The text a freshly loaded page shows in the element with DOM id *dom_id*."""
        parser = _Ids()
        parser.feed(self.page())
        return parser.text.get(dom_id, "")

    def iid(self, dom_id: str) -> str:
        """The ``data-ht`` instance id of the element with DOM id *dom_id*."""
        if self._ids is None:
            parser = _Ids()
            parser.feed(self.page())
            self._ids = parser.ids
        return self._ids[dom_id]

    def client(self, **kwargs: Any) -> Client:
        """A connected raw client, closed after the test."""
        c = Client(self, **kwargs)
        self.clients.append(c)
        return c

    def sessions(self) -> int:
        """How many pages the server currently serves."""
        return len(self.server._scope.sessions)

    def wait_sessions(self, n: int, timeout: float = 10) -> None:
        """Wait until the server serves exactly *n* pages."""
        deadline = time.monotonic() + timeout
        while self.sessions() != n:
            if time.monotonic() > deadline:
                raise AssertionError(f"server still has {self.sessions()} sessions, expected {n}")
            time.sleep(0.02)


@pytest.fixture
def live(request):
    """A running server of the reliability test app (``Live``)."""
    options = getattr(request, "param", None) or {}
    server = build("rel_" + re.sub(r"\W", "_", request.node.name)[:60], **options)
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    lv = Live(server)
    yield lv
    for c in lv.clients:
        c.close()
    server.stop()


@pytest.fixture
def warnings_log(caplog):
    """caplog at WARNING for htmxtrame's loggers."""
    caplog.set_level(logging.WARNING, logger="htmxtrame")
    return caplog

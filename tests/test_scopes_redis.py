"""Per-session state across worker processes through Redis, no sticky sessions.

Two ``serve_per_session`` servers in this process, each on its own port and
joined to one redis-server, stand for two gunicorn workers of one app: a
browser's cookie may land on either.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from test_scopes_serve import Browser, send, shows, wait_for

from htmxtrame.scopes import serve_per_session
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


class App:
    """The app code every worker runs; ``heard`` counts this worker's listener runs."""

    def __init__(self) -> None:
        self.heard: list[int] = []

    def build(self, server: Any) -> None:
        state = server.state
        state.mine = 0

        @state.change("mine")
        def on_mine(mine: int, **_: Any) -> None:
            self.heard.append(mine)

        with DivLayout(server):
            html.Button("+1", id="inc", click="mine += 1")
            html.Div("mine {{ mine }} visits {{ visits }}", id="out")
            html.Button("Export", id="export", click=lambda: server.download(f"mine={state.mine}", "mine.txt"))


@pytest.fixture
def worker(redis_server: Any, request: Any) -> Any:
    made: list[Any] = []
    prefix = f"t:{request.node.name}"

    def make() -> Any:
        app = App()
        srv = serve_per_session(app.build, "sessions-redis", secret_key="test key",
                                redis_url=redis_server.url, redis_prefix=prefix)
        srv.app = app
        srv.state.visits = 0
        srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
        made.append(srv)
        return srv

    yield make
    for srv in made:
        srv.stop()
        srv.backend.close()


def on(browser: Browser, server: Any) -> Browser:
    """The same browser (its cookie), its next request landing on *server*."""
    browser.server = server
    return browser


def test_a_session_written_on_one_worker_shows_on_another_with_the_same_cookie(worker: Any) -> None:
    a, b = worker(), worker()
    me = Browser(a)
    try:
        me.load()
        ws, ids, _ = me.connect()
        send(ws, ids["inc"])
        wait_for(ws, shows("out", "mine 1 visits 0"))
        assert "mine 1 visits 0" in on(me, b).load()  # b never saw this browser: it joins from Redis
        tab, tab_ids, _ = me.connect()  # a second tab, on b
        send(tab, tab_ids["inc"])
        wait_for(tab, shows("out", "mine 2"))
        wait_for(ws, shows("out", "mine 2"))  # b's write reaches the tab on a
        # Each click's listener ran once, on the worker where the write happened
        # (0: each worker's start-up flush of the session, as trame runs it).
        assert a.app.heard == [0, 1] and b.app.heard == [0, 2]
        assert len(a.sessions) == len(b.sessions) == 1
        assert next(iter(a.sessions._entries)) == next(iter(b.sessions._entries))  # the same sid
    finally:
        me.close()


def test_another_cookie_sees_nothing_of_it_on_any_worker(worker: Any) -> None:
    a, b = worker(), worker()
    me, other = Browser(a), Browser(b)
    try:
        me.load()
        ws, ids, _ = me.connect()
        send(ws, ids["inc"])
        wait_for(ws, shows("out", "mine 1"))
        assert "mine 0" in other.load()
        assert "mine 0" in on(other, a).load()
        assert other.cookie != me.cookie
        forged = Browser(b, me.cookie.split("=", 1)[0] + "=" + next(iter(a.sessions._entries)))
        assert "mine 0" in forged.load()  # a bare sid, unsigned: a fresh session, not mine
        assert "mine 1" in on(me, b).load()
    finally:
        me.close()


def test_a_sessions_download_reaches_its_tabs_on_every_worker_and_no_other_browser(worker: Any) -> None:
    a, b = worker(), worker()
    me, other = Browser(a), Browser(b)
    try:
        me.load()
        here, ids, _ = me.connect()
        on(me, b).load()
        there, _, _ = me.connect()  # my second tab, its socket on b
        other.load()
        theirs, _, _ = other.connect()  # another browser's tab on b
        send(here, ids["export"])
        link = lambda m: [c["download"]["name"] for c in m.get("calls", []) if "download" in c] == ["mine.txt"]  # noqa: E731
        wait_for(here, link)
        wait_for(there, link)  # through Redis to b, to my session's page there
        theirs.settimeout(0.5)  # b has applied the message already: anything for them would be queued
        with pytest.raises(AssertionError):
            wait_for(theirs, link)
    finally:
        me.close()
        other.close()


def test_a_session_comes_back_as_it_was_after_its_worker_restarts(worker: Any) -> None:
    a = worker()
    me = Browser(a)
    me.load()
    ws, ids, _ = me.connect()
    for n in (1, 2, 3):
        send(ws, ids["inc"])
        wait_for(ws, shows("out", f"mine {n}"))
    me.close()
    a.stop()
    a.backend.close()
    restarted = worker()  # a new process: no session in memory, the same Redis
    assert "mine 3" in on(me, restarted).load()
    ws, ids, _ = me.connect()
    send(ws, ids["inc"])
    wait_for(ws, shows("out", "mine 4"))
    assert restarted.app.heard == [0, 4]  # the rejoin ran no listener; the click did
    me.close()


def test_an_expired_session_is_detached_here_and_kept_in_redis_for_other_workers(worker: Any) -> None:
    a, b = worker(), worker()
    me = Browser(a)
    me.load()
    ws, ids, _ = me.connect()
    send(ws, ids["inc"])
    wait_for(ws, shows("out", "mine 1"))
    me.close()
    sid = next(iter(a.sessions._entries))
    key = f"session:{sid}"
    assert key in a.backend.syncs
    deadline = time.monotonic() + 5
    while a.sessions.get(sid).busy() and time.monotonic() < deadline:
        time.sleep(0.01)
    a.sessions.timeout = 0.01
    time.sleep(0.05)
    assert a.sessions.sweep() == 1
    assert key not in a.backend.syncs  # this worker no longer follows it: its memory is freed
    assert "mine 1" in on(me, b).load()  # Redis still holds it for the next worker
    assert 0 < b.backend.client.ttl(f"{b.backend.prefix}:snap:{key}") <= b.backend.session_ttl


def test_redis_keeps_a_session_while_a_worker_holds_it_and_its_ttl_after(worker: Any) -> None:
    a = worker()
    a.backend.session_ttl = 60
    me = Browser(a)
    me.load()
    sid = next(iter(a.sessions._entries))
    snap = f"{a.backend.prefix}:snap:session:{sid}"
    client = a.backend.client
    client.expire(snap, 5)  # as if the session had sat unchanged for most of its TTL
    a.sessions.sweep()  # the worker still holds it (a page may come back): the TTL starts again
    assert 5 < client.ttl(snap) <= 60
    a.sessions.timeout = 0.01
    time.sleep(0.05)
    assert a.sessions.sweep() == 1
    client.expire(snap, 5)
    a.sessions.sweep()  # freed here: no longer refreshed, Redis lets it go when its TTL runs out
    assert 0 < client.ttl(snap) <= 5


def test_with_redis_away_a_new_browser_still_gets_a_session_at_once_and_it_syncs_when_redis_is_back(
    worker: Any, redis_server: Any
) -> None:
    a, b = worker(), worker()
    Browser(a).load()  # both workers up and subscribed
    Browser(b).load()
    redis_server.stop()
    me = Browser(a)
    try:
        deadline = time.monotonic() + 5
        while not a.backend.degraded and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        assert "mine 0" in me.load()
        assert time.monotonic() - started < 1.5  # no wait on a Redis known to be away
        ws, ids, _ = me.connect()
        send(ws, ids["inc"])
        wait_for(ws, shows("out", "mine 1"))  # the page works on its own worker
    finally:
        redis_server.start()
    deadline = time.monotonic() + 10
    while a.backend.degraded and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not a.backend.degraded
    assert "mine 1" in on(me, b).load()  # what the session did meanwhile reached Redis
    me.close()

"""The HTTP fallback under several workers, no sticky sessions: a POST that lands on
a worker not holding the page's event stream is passed to the one holding it
(htmxtrame.backends.relay).

Two Server objects in this process, each with its own Flask app and Redis
backend against one real redis-server, stand for two gunicorn workers.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from test_backends_redis import wait_until
from test_sse import Stream

from htmxtrame.backends import relay
from htmxtrame.scopes import serve_per_session
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


def worker(url: str, prefix: str, **options: Any) -> Server:
    """One worker's copy of the app."""
    srv = Server("w", redis_url=url, redis_prefix=prefix, **options)
    srv.state.count = 0

    def bump() -> None:
        srv.state.count += 1

    with DivLayout(srv):
        html.Div("count={{ count }}", id="count_text")
        html.Button("bump", id="bump", click=bump)
    return srv


@pytest.fixture
def pair(redis_server: Any, request: Any) -> Any:
    made: list[Server] = []

    def make(**options: Any) -> tuple[Server, Server]:
        for _ in range(2):
            made.append(worker(redis_server.url, f"t:{request.node.name}", **options))
        return made[-2], made[-1]

    yield make
    for srv in made:
        srv.backend.close()


def post_to(srv: Server, sid: str, *messages: Any, raw: str | None = None) -> Any:
    """A POST of the page that landed on *srv*."""
    body = raw if raw is not None else json.dumps([json.dumps(m) for m in messages])
    return srv.flask_app().test_client().post(f"/__htmxtrame/sse/{sid}", data=body, content_type="application/json")


def test_a_post_landing_on_another_worker_reaches_the_stream_in_order(pair: Any) -> None:
    a, b = pair()
    stream = Stream(a)  # the page's event stream: held by a
    try:
        bump = stream.instance("bump")
        assert post_to(b, stream.sid, {"t": "hello", "seq": -1}).status_code == 204
        assert "count=0" in stream.next_message()["content"]
        click = {"t": "ev", "id": bump, "ev": "click"}
        assert post_to(b, stream.sid, click, {**click, "n": 7}).status_code == 204  # b got it, a handled it
        msg = stream.next_message()
        assert "count=2" in msg["content"] and msg["ack"] == 7  # both, in order, acknowledged
        assert a.state.count == 2
        assert stream.post(click).status_code == 204  # and one landing on a itself, as before
        assert "count=3" in stream.next_message()["content"]
    finally:
        stream.close()


def test_refusals_on_the_holder_come_back_with_their_status(pair: Any) -> None:
    a, b = pair()
    stream = Stream(a)
    try:
        assert post_to(b, stream.sid, {"t": "ev", "id": "ht99999", "ev": "click"}).status_code == 204
        assert stream.next_message()["error"]["code"] == "unknown-element"  # the error frame, on the stream
        too_big = "x" * (2 * 1024 * 1024)
        resp = post_to(b, stream.sid, raw=json.dumps([too_big]))
        assert resp.status_code == 413  # over the fallback's own POST cap, refused by b
    finally:
        stream.close()


def test_a_post_for_an_ended_or_unknown_stream_is_404_at_once(pair: Any) -> None:
    a, b = pair()
    stream = Stream(a)
    assert post_to(b, stream.sid, {"t": "hello", "seq": -1}).status_code == 204
    stream.close()  # the page went away
    resp = post_to(b, stream.sid, {"t": "hello", "seq": 0})
    assert resp.status_code == 404 and "reconnect" in resp.get_json()["error"]
    assert post_to(b, "A" * 32, {"t": "hello", "seq": 0}).status_code == 404
    assert not b.backend.client.keys(f"{b.backend.prefix}:sse:*")  # the directory forgot it


def test_messages_over_the_redis_cap_are_refused_by_the_worker_that_got_them(pair: Any) -> None:
    a, b = pair(redis_max_message_bytes=4096)
    stream = Stream(a)
    try:
        resp = post_to(b, stream.sid, {"t": "ev", "id": stream.instance("bump"), "ev": "click", "pad": "y" * 5000})
        assert resp.status_code == 413 and "redis_max_message_bytes" in resp.get_json()["error"]
        assert a.state.count == 0
    finally:
        stream.close()


def test_with_redis_away_a_post_for_another_workers_stream_is_404_and_the_page_reconnects(
    pair: Any, redis_server: Any
) -> None:
    a, b = pair()
    stream = Stream(a)
    try:
        click = {"t": "ev", "id": stream.instance("bump"), "ev": "click"}
        assert post_to(b, stream.sid, click).status_code == 204
        redis_server.stop()
        assert post_to(b, stream.sid, click).status_code == 404
        assert stream.post(click).status_code == 204
        assert a.state.count == 2  # the holder still takes its own POSTs
        redis_server.start()  # empty: the directory of streams is gone too
        wait_until(lambda: a.backend.degraded is None and b.backend.degraded is None, timeout=10)
        assert post_to(b, stream.sid, click).status_code == 204  # the holder announced its stream again
        assert a.state.count == 3
    finally:
        stream.close()


def test_forged_relay_messages_are_logged_and_skipped(pair: Any, caplog: Any) -> None:
    a, b = pair()
    stream = Stream(a)
    try:
        channel = f"{a.backend.prefix}:ch:@control"
        junk = [
            {"op": "sse-post", "to": a.backend.origin, "sid": "../x", "frames": []},
            {"op": "sse-post", "to": a.backend.origin, "sid": stream.sid, "frames": [1]},
            {"op": "sse-post", "to": a.backend.origin, "sid": stream.sid, "frames": ["{}"] * 201},
            {"op": "sse-reply", "re": "x", "status": "204", "error": ""},
            {"op": "sse-reply", "re": "x", "status": 99, "error": ""},
        ]
        with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
            for m in junk:
                a.backend.client.publish(channel, "ctl\nid\nelsewhere\n" + json.dumps(m))
            click = {"t": "ev", "id": stream.instance("bump"), "ev": "click"}
            assert post_to(b, stream.sid, click).status_code == 204
        assert a.state.count == 1
        skipped = [r.getMessage() for r in caplog.records if "malformed control message" in r.getMessage()]
        assert any("bad sse-post" in m for m in skipped) and any("bad sse-reply" in m for m in skipped)
    finally:
        stream.close()


def test_a_per_session_stream_takes_posts_only_with_its_own_browsers_cookie(redis_server: Any, request: Any) -> None:
    def build(server: Any) -> None:
        server.state.mine = 0
        with DivLayout(server):
            html.Div("mine={{ mine }}", id="out")
            html.Button("+1", id="inc", click="mine += 1")

    prefix = f"t:{request.node.name}"
    a, b = (serve_per_session(build, "sess", secret_key="k", redis_url=redis_server.url, redis_prefix=prefix)
            for _ in range(2))
    try:
        stream = Stream(a)
        cookie = stream.client.get_cookie("htmxtrame_session_sess")
        assert cookie is not None
        inc = stream.instance("inc")
        click = json.dumps([json.dumps({"t": "ev", "id": inc, "ev": "click"})])
        stranger = b.flask_app().test_client()  # no cookie: another browser
        assert stranger.post(f"/__htmxtrame/sse/{stream.sid}", data=click).status_code == 404
        mine = b.flask_app().test_client()
        mine.set_cookie(cookie.key, cookie.value)
        assert mine.post(f"/__htmxtrame/sse/{stream.sid}", data=click).status_code == 204
        assert "mine=1" in stream.next_message()["content"]
        stream.close()
    finally:
        a.backend.close()
        b.backend.close()


def test_at_most_max_waiting_forwards_wait_on_one_worker(pair: Any, monkeypatch: Any) -> None:
    a, b = pair()
    stream = Stream(a)
    try:
        monkeypatch.setattr(relay, "MAX_WAITING", 0)
        resp = post_to(b, stream.sid, {"t": "hello", "seq": 0})
        assert resp.status_code == 503 and "too many" in resp.get_json()["error"]
    finally:
        stream.close()

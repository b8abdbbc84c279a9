"""What a worker asks of every worker's pages through Redis: ``server.js_call``
and ``htmxtrame.logout_sessions`` (htmxtrame.backends.control).

js_call: two Server objects in this process stand for two workers (each
has its own Redis backend). logout_sessions acts on the whole process's
open pages, so the other worker is a real second process.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest
from flask import Flask
from test_backends_redis import Worker, wait_until, workers  # noqa: F401 - the fixture

import htmxtrame
from htmxtrame.transport import auth

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


class Calls:
    """Every call queued for a page so far (batches merge, so keep taking)."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.seen: list[dict] = []

    def __call__(self) -> list[dict]:
        batch = self.worker.page.take(0)
        if batch is not None:
            self.seen += batch.calls
        return self.seen


def settled(*ws: Worker) -> None:
    """Every message published so far has been handled by each worker's listener.

    A write's number comes back in order on the one subscription, after any
    control message sent before it.
    """
    with ws[0].state:
        ws[0].state.label = f"mark {id(ws)}"
    for w in ws:
        wait_until(lambda w=w: w.state.label == f"mark {id(ws)}" and
                   w.server.backend.syncs["shared"].applied == ws[0].server.backend.syncs["shared"].applied)


def test_a_js_call_reaches_the_pages_of_every_worker_once(workers: Any) -> None:
    a, b = workers(), workers()
    on_a, on_b = Calls(a), Calls(b)
    a.server.js_call("plot", "resize", 3, {"w": 1.5})
    want = {"ref": "plot", "method": "resize", "args": [3, {"w": 1.5}]}
    wait_until(lambda: want in on_b())
    settled(a, b)
    assert on_a().count(want) == 1  # its own message coming back is not queued again
    assert on_b().count(want) == 1


def test_a_js_call_from_a_listener_or_task_reaches_the_other_worker(workers: Any) -> None:
    a, b = workers(), workers()
    on_b = Calls(b)

    @a.state.change("count")
    def focus(count: int, **_: Any) -> None:
        a.server.js_call("box", "focus")

    with a.state:
        a.state.count = 7
    wait_until(lambda: {"ref": "box", "method": "focus", "args": []} in on_b() and b.state.count == 7)


def test_malformed_or_oversized_control_messages_are_logged_and_skipped(workers: Any, caplog: Any) -> None:
    a, b = workers(redis_max_message_bytes=4096), workers(redis_max_message_bytes=4096)
    on_b = Calls(b)
    channel = "t:test_malformed_or_oversized_control_messages_are_logged_and_skipped:ch:@control"
    call = '"scope":"shared","call":{"ref":"r","method":"m","args":[]}'
    junk = [
        b"not a control message",
        b"ctl\nid1\nelsewhere\n{bad json",
        b"ctl\nid2\nelsewhere\n[1]",
        b'ctl\nid3\nelsewhere\n{"op":"rm -rf"}',
        b'ctl\nid4\nelsewhere\n{"op":"js_call","scope":"shared","call":{"ref":"r","method":"m","args":"no"}}',
        b'ctl\nid5\nelsewhere\n{"op":"js_call","scope":"shared","call":{"ref":"' + b"r" * 300 + b'","method":"m","args":[]}}',
        b'ctl\nid6\nelsewhere\n{"op":"js_call",' + call.encode() + b',"extra":1}',
        b'ctl\nid7\nelsewhere\n{"op":"logout","match":["user"],"reason":"x"}',
        b'ctl\nid8\nelsewhere\n{"op":"logout","match":{"user":"bob"},"reason":5}',
        b'ctl\nid9\nelsewhere\n{"op":"js_call",' + call.encode() + b',"pad":"' + b"y" * 5000 + b'"}',
        b"\xff\xfe",
    ]
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        for message in junk:
            a.server.backend.client.publish(channel, message)
        a.server.js_call("ok", "go")
        wait_until(lambda: {"ref": "ok", "method": "go", "args": []} in on_b())
        settled(a, b)  # both listeners have read everything published so far
    assert [c["ref"] for c in on_b()] == ["ok"]  # none of the junk reached the page
    skipped = [r.getMessage() for r in caplog.records if "malformed control message" in r.getMessage()]
    assert len(skipped) >= 2 * len(junk)  # each of the two workers skipped each one
    assert any("over the 4096-byte cap" in m for m in skipped)


def test_a_js_call_too_big_for_redis_stays_on_its_worker_and_says_so(workers: Any, caplog: Any) -> None:
    a, b = workers(redis_max_message_bytes=4096), workers(redis_max_message_bytes=4096)
    on_a, on_b = Calls(a), Calls(b)
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        a.server.js_call("plot", "draw", "x" * 5000)
        a.server.js_call("plot", "small")
        wait_until(lambda: any(c["method"] == "small" for c in on_b()))
    assert [c["method"] for c in on_b()] == ["small"]
    assert [c["method"] for c in on_a()] == ["draw", "small"]
    assert any("js_call stays on this worker" in r.getMessage() for r in caplog.records)


def test_a_js_call_names_its_scope_and_other_scopes_pages_do_not_get_it(workers: Any) -> None:
    a, b = workers(), workers()
    on_b = Calls(b)
    a.server.backend.broadcast_call("session:someone-else", {"ref": "r", "method": "secret", "args": []})
    a.server.js_call("r", "public")
    wait_until(lambda: any(c["method"] == "public" for c in on_b()))
    assert [c["method"] for c in on_b()] == ["public"]


# -- logout_sessions across processes -------------------------------------------------

OTHER_WORKER = textwrap.dedent("""
    import sys
    from htmxtrame.server import Server
    from htmxtrame.transport import auth

    server = Server("w", redis_url=sys.argv[1], redis_prefix=sys.argv[2])
    server.scope_for_request()  # the first request: subscribed from now on
    for user in ("bob", "ann"):
        auth.register({"user": user, "n": [1, 2]},
                      lambda code, reason, user=user: print("closed", user, code, reason, flush=True))
    print("ready", flush=True)
    sys.stdin.read()
""")


class OtherWorker:
    """A second worker process with two open pages (bob's and ann's); prints what it closes."""

    def __init__(self, url: str, prefix: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", OTHER_WORKER, url, prefix], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next() == "ready"

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def next(self, timeout: float = 10.0) -> str:
        return self.lines.get(timeout=timeout)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.fixture
def other(redis_server: Any, request: Any) -> Any:
    worker = OtherWorker(redis_server.url, f"t:{request.node.name}")
    yield worker
    worker.close()


@pytest.fixture
def here(workers: Any) -> Any:
    """This process as a worker, with an open page of bob's."""
    w = workers()
    closed: list[tuple[int, str]] = []
    handle = auth.register({"user": "bob", "n": [1, 2]}, lambda code, reason: closed.append((code, reason)))
    w.closed = closed
    yield w
    auth.unregister(handle)


def test_logout_with_session_items_closes_the_pages_on_the_other_worker(here: Any, other: OtherWorker) -> None:
    assert htmxtrame.logout_sessions({"user": "bob"}, reason="bye") == 1  # this worker's count
    assert other.next() == "closed bob 4401 bye"
    settled(here)
    assert here.closed == [(4401, "bye")]  # its own message coming back closes nothing twice
    with pytest.raises(queue.Empty):
        other.next(timeout=0.3)  # ann's page stays


def test_logout_of_the_current_request_closes_the_pages_on_the_other_worker(here: Any, other: OtherWorker) -> None:
    app = Flask(__name__)
    app.secret_key = "test"
    with app.test_request_context("/logout"):
        from flask import session

        session["user"] = "ann"
        session["n"] = (1, 2)  # a tuple here, a list once through JSON: still the same session
        session["_flashes"] = [("message", "hi")]  # volatile keys are not part of the match
        assert htmxtrame.logout_sessions() == 0
    assert other.next() == "closed ann 4401 logged out"


def test_a_function_or_a_value_with_no_json_form_closes_only_this_workers_pages(
    here: Any, other: OtherWorker, caplog: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(auth, "_told_local", False)
    with caplog.at_level(logging.INFO):
        assert htmxtrame.logout_sessions(lambda s: s.get("user") == "bob") == 1
        htmxtrame.logout_sessions(lambda s: False)
        assert htmxtrame.logout_sessions({"user": "ann", "when": object()}) == 0
        htmxtrame.logout_sessions({"user": "ann"})
    assert other.next() == "closed ann 4401 logged out"  # the first one the other worker saw
    messages = [r.getMessage() for r in caplog.records]
    assert sum("closes this worker's pages only" in m for m in messages) == 1  # said once
    assert any("logout stays on this worker" in m for m in messages)


def test_with_redis_away_a_js_call_and_a_logout_act_on_this_worker_and_are_not_replayed(
    workers: Any, redis_server: Any
) -> None:
    a, b = workers(), workers()
    on_a, on_b = Calls(a), Calls(b)
    closed: list[int] = []
    handle = auth.register({"user": "eve"}, lambda code, reason: closed.append(code))
    try:
        redis_server.stop()
        a.server.js_call("plot", "during")  # the first publish finds Redis gone: no error for the caller
        a.server.js_call("plot", "during again")  # known to be away: at once
        assert htmxtrame.logout_sessions({"user": "eve"}) == 1
        assert [c["method"] for c in on_a()] == ["during", "during again"]
        assert closed == [4401]
        redis_server.start()
        wait_until(lambda: a.server.backend.degraded is None and b.server.backend.degraded is None, timeout=10)
        a.server.js_call("plot", "after")
        wait_until(lambda: any(c["method"] == "after" for c in on_b()))
        assert [c["method"] for c in on_b()] == ["after"]
    finally:
        auth.unregister(handle)

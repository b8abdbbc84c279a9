"""The Redis backend against a real redis-server: two Server objects in this
process stand for two gunicorn workers sharing one app's state."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

from htmxtrame.server import Server
from htmxtrame.session import Session
from htmxtrame.widgets import html

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


def wait_until(check: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


class Worker:
    """One 'worker process': a server built by the same app code, joined to Redis."""

    def __init__(self, url: str, prefix: str, count: int = 0, **options: Any) -> None:
        self.server = Server("w", redis_url=url, redis_prefix=prefix, **options)
        state = self.server.state
        state.count = count  # module code: a default, run on every worker
        state.label = "start"
        self.heard: list[int] = []

        @state.change("count")
        def on_count(count: int, **_: Any) -> None:
            self.heard.append(count)

        self.server.set_template("main", html.Div(html.P("count={{ count }}", id="c")))
        state.ready()
        self.heard.clear()  # the start-up flush ran it on every worker, as trame does
        self.server.scope_for_request()  # the first request joins
        self.page = Session(self.server._scope, "main")
        self.page.open()

    @property
    def state(self) -> Any:
        return self.server.state

    def shown(self) -> str:
        """What #c holds in the newest frame queued for the page ('' when none)."""
        batch = self.page.take(0)
        return (batch.fragments.get("c") or "") if batch is not None else ""

    def close(self) -> None:
        self.server.backend.close()


@pytest.fixture
def workers(redis_server: Any, request: Any) -> Any:
    made: list[Worker] = []
    prefix = f"t:{request.node.name}"

    def make(**kwargs: Any) -> Worker:
        w = Worker(redis_server.url, prefix, **kwargs)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()


def test_a_write_on_one_worker_reaches_the_other_and_its_pages_and_listeners_run_once(workers: Any) -> None:
    a, b = workers(), workers()
    with a.state:
        a.state.count = 5
    wait_until(lambda: b.state.count == 5)
    wait_until(lambda: "count=5" in b.shown())
    assert a.heard == [5]
    assert b.heard == []  # the listener ran where the write happened, only there


def test_concurrent_writes_end_in_the_same_order_on_every_worker(workers: Any) -> None:
    a, b, c = workers(), workers(), workers()

    def write(w: Worker, tag: str) -> None:
        for i in range(60):
            with w.state:
                w.state.count = i
                w.state.label = f"{tag}{i}"

    threads = [threading.Thread(target=write, args=(w, t)) for w, t in ((a, "a"), (b, "b"), (c, "c"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wait_until(lambda: a.state.label == b.state.label == c.state.label and a.state.count == b.state.count == c.state.count)
    stored = a.server.backend.client.hget(f"t:{'test_concurrent_writes_end_in_the_same_order_on_every_worker'}:snap:shared",
                                           "label")
    assert stored.decode() == f'"{a.state.label}"'


def test_state_survives_a_worker_restart_and_defaults_do_not_overwrite_it(workers: Any) -> None:
    a = workers()
    with a.state:
        a.state.count = 42
    restarted = workers(count=0)  # its module code sets count = 0 again
    assert restarted.state.count == 42
    time.sleep(0.2)
    assert a.state.count == 42
    assert restarted.heard == []


def test_keys_redis_lacks_are_seeded_from_the_first_worker(workers: Any, redis_server: Any) -> None:
    import redis

    a = workers(count=7)
    client = redis.Redis.from_url(redis_server.url)
    assert client.hget("t:test_keys_redis_lacks_are_seeded_from_the_first_worker:snap:shared", "count") == b"7"
    assert a.state.count == 7


def test_values_go_through_the_value_codec(workers: Any) -> None:
    a, b = workers(), workers()
    with a.state:
        a.state.label = ("x", 1.5, {2: None})
    wait_until(lambda: b.state.label is not None and b.state.label != "start")
    assert b.state.label == ["x", 1.5, {"2": None}]


def test_a_malformed_message_is_logged_and_skipped(workers: Any, caplog: Any) -> None:
    a, b = workers(), workers()
    channel = "t:test_a_malformed_message_is_logged_and_skipped:ch:shared"
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        for junk in (b"not a message", b"1\norigin\n[1,2]", b"x\ny\n{}", b"\xff\xfe", b"1\no\n{bad json"):
            a.server.backend.client.publish(channel, junk)
        with a.state:
            a.state.count = 3
        wait_until(lambda: b.state.count == 3)
    assert sum("malformed message" in r.getMessage() for r in caplog.records) >= 4


def test_a_message_over_the_size_cap_is_skipped_and_a_value_over_it_is_not_shared(workers: Any, caplog: Any) -> None:
    a, b = workers(redis_max_message_bytes=4096), workers(redis_max_message_bytes=4096)
    channel = "t:test_a_message_over_the_size_cap_is_skipped_and_a_value_over_it_is_not_shared:ch:shared"
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        a.server.backend.client.publish(channel, b"99\nx\n{\"count\": \"" + b"y" * 10000 + b"\"}")
        with a.state:
            a.state.label = "z" * 10000  # too big to share: stays on this worker
            a.state.count = 9
        wait_until(lambda: b.state.count == 9)
    assert a.state.label == "z" * 10000
    assert b.state.label == "start"
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "over the 4096-byte cap" in messages and "'label' is not shared" in messages


def test_a_skipped_number_reloads_the_snapshot(workers: Any) -> None:
    a, b = workers(), workers()
    backend = a.server.backend
    prefix = "t:test_a_skipped_number_reloads_the_snapshot"
    # A change stored while b's subscription missed its message: the hash and number move on quietly.
    backend.client.hset(f"{prefix}:snap:shared", "count", "77")
    backend.client.incr(f"{prefix}:seq:shared")
    with a.state:
        a.state.label = "after"  # b sees a number two ahead of what it applied
    wait_until(lambda: b.state.count == 77 and b.state.label == "after")


def test_redis_going_away_degrades_and_recovers(workers: Any, redis_server: Any, caplog: Any) -> None:
    a, b = workers(), workers()
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        redis_server.stop()
        with a.state:
            a.state.count = 11  # during the outage: a's own pages still get it
        assert "count=11" in a.shown()
        assert a.state.count == 11
        wait_until(lambda: b.server.backend.degraded is not None)
        redis_server.start()  # empty: Redis lost everything
        wait_until(lambda: b.state.count == 11, timeout=10)
        wait_until(lambda: a.server.backend.degraded is None and b.server.backend.degraded is None, timeout=10)
        with b.state:
            b.state.count = 12
        wait_until(lambda: a.state.count == 12)
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "DEGRADED" in messages and "is back" in messages
    assert a.heard == [11] and b.heard == [12]


def test_a_worker_that_starts_while_redis_is_down_joins_when_it_is_back(workers: Any, redis_server: Any) -> None:
    a = workers()
    with a.state:
        a.state.count = 4
    redis_server.stop()
    late = workers(count=0)  # cannot reach Redis: serves its own defaults
    assert late.state.count == 0
    redis_server.start()
    wait_until(lambda: late.state.count == a.state.count, timeout=10)


def test_pages_moving_to_another_worker_always_get_a_whole_page_resync(workers: Any) -> None:
    a, b = workers(), workers()
    assert a.server._scope.boot != b.server._scope.boot  # a hello naming the other worker's scope resyncs


def test_without_redis_nothing_extra_is_imported() -> None:
    code = (
        "import sys; from htmxtrame.server import Server; s = Server('x'); s.state.ready(); "
        "assert type(s.backend).__name__ == 'LocalBackend'; "
        "assert 'redis' not in sys.modules and 'htmxtrame.backends.redis' not in sys.modules, sorted(sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_the_url_comes_from_the_environment_too(redis_server: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("HTMXTRAME_REDIS_URL", redis_server.url)
    server = Server("env")
    try:
        assert type(server.backend).__name__ == "RedisBackend"
    finally:
        server.backend.close()


def test_a_missing_redis_client_says_how_to_install_it(monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(ImportError, match=r"pip install 'htmxtrame\[redis\]'"):
        Server("noredis", redis_url="redis://127.0.0.1:1/0")


def test_any_scope_syncs_by_its_key_and_session_keys_expire(redis_server: Any) -> None:
    from htmxtrame.backends import session_key
    from htmxtrame.backends.redis import RedisBackend
    from htmxtrame.controller import Controller
    from htmxtrame.session import Scope
    from htmxtrame.state import State

    def session_scope(backend: RedisBackend) -> Scope:
        state = State(ready=True)
        state.name = ""
        state.flush()
        scope = Scope(state, Controller(), lambda: {"main": html.Div("{{ name }}")})
        backend.attach(session_key("s1"), scope)
        backend.join(session_key("s1"))
        return scope

    one = RedisBackend(redis_server.url, prefix="ttl", session_ttl=600)
    two = RedisBackend(redis_server.url, prefix="ttl", session_ttl=600)
    try:
        a, b = session_scope(one), session_scope(two)
        with a.state:
            a.state.name = "ada"
        wait_until(lambda: b.state.name == "ada")
        assert 0 < one.client.ttl("ttl:snap:session:s1") <= 600
        assert one.client.ttl("ttl:snap:shared") == -2  # no shared scope here; its keys never expire anyway
    finally:
        one.close()
        two.close()


def test_a_forked_worker_publishes_under_a_name_of_its_own(redis_server: Any, monkeypatch: Any) -> None:
    # gunicorn --preload builds the server (and its backend) before forking:
    # two workers named alike would each take the other's changes for their own.
    import os

    from htmxtrame.backends.redis import RedisBackend

    backend = RedisBackend(redis_server.url, prefix="fork")
    try:
        parent = backend.origin
        assert backend.origin == parent
        real = os.getpid()
        monkeypatch.setattr(os, "getpid", lambda: real + 1)
        assert backend.origin != parent
    finally:
        backend.close()

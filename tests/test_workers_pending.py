"""A write a worker has not flushed yet, against values arriving from other workers.

Two Server objects in this process stand for two gunicorn workers sharing
one real redis-server. A write made outside a handler and outside
``with state:`` (a thread, module or ready code) stays pending until
something flushes. A value another worker publishes for that key later is
the newer write: it must reach this worker's state and pages, and the stale
pending write must never be published over it afterwards.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from test_backends_redis import Worker, wait_until, workers  # noqa: F401 - the fixture

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


def applied_everywhere(*ws: Worker) -> None:
    """Each worker has applied every change numbered so far."""
    top = int(ws[0].server.backend.client.get(f"{ws[0].server.backend.prefix}:seq:shared") or 0)
    for w in ws:
        wait_until(lambda w=w: w.server.backend.syncs["shared"].applied >= top)


def pending_write(w: Worker, key: str, value: Any) -> None:
    """A write from a thread of the app, with no ``with state:`` and no flush."""
    t = threading.Thread(target=w.state.__setitem__, args=(key, value))
    t.start()
    t.join()
    assert w.state.is_dirty(key)


def test_a_newer_value_from_another_worker_replaces_a_pending_write_on_state_and_pages(workers: Any) -> None:
    a, b = workers(), workers()
    pending_write(a, "count", 7)
    with b.state:
        b.state.count = 8  # the newer write, published
    wait_until(lambda: a.state.count == 8)
    wait_until(lambda: "count=8" in a.shown())
    assert not a.state.is_dirty("count")


def test_a_stale_pending_write_is_never_published_over_a_newer_value(workers: Any) -> None:
    a, b = workers(), workers()
    pending_write(a, "count", 7)
    with b.state:
        b.state.count = 8
    applied_everywhere(a, b)
    with a.state:
        a.state.label = "a flush of something else"  # flushes whatever a still holds
    wait_until(lambda: b.state.label == "a flush of something else")
    assert a.state.count == b.state.count == 8
    assert b.server.backend.client.hget(f"{b.server.backend.prefix}:snap:shared", "count") == b"8"
    assert a.heard == []  # the replaced write's listener does not run; b's ran on b
    assert b.heard == [8]


def test_a_local_write_after_the_remote_value_wins_everywhere(workers: Any) -> None:
    a, b = workers(), workers()
    pending_write(a, "count", 7)
    with b.state:
        b.state.count = 8
    wait_until(lambda: a.state.count == 8)
    pending_write(a, "count", 9)  # written after 8 arrived: the newer one
    a.state.flush()
    wait_until(lambda: b.state.count == 9)
    wait_until(lambda: "count=9" in b.shown())
    assert a.state.count == 9
    assert a.heard == [9] and b.heard == [8]


def test_a_pending_write_of_the_value_that_arrives_still_publishes_and_runs_its_listener(workers: Any) -> None:
    a, b = workers(), workers()
    pending_write(a, "count", 8)
    with b.state:
        b.state.count = 8
    wait_until(lambda: "count=8" in a.shown())
    a.state.flush()
    assert a.heard == [8]  # a's own write: its listener runs at its flush, as in one process
    assert a.state.count == b.state.count == 8


def test_replacing_a_pending_write_is_logged_once_per_key_with_the_fix(workers: Any, caplog: Any) -> None:
    a, b = workers(), workers()
    with caplog.at_level(logging.INFO, logger="htmxtrame.backends"):
        for i in range(3):
            pending_write(a, "count", 100 + i)
            with b.state:
                b.state.count = i + 1
            wait_until(lambda i=i: a.state.count == i + 1)
    said = [r.getMessage() for r in caplog.records if "not flushed" in r.getMessage()]
    assert len(said) == 1, said
    assert "'count'" in said[0] and "with state:" in said[0]


def test_workers_converge_when_pending_writes_and_flushes_race(workers: Any) -> None:
    a, b, c = workers(), workers(), workers()

    def write(w: Worker, tag: str) -> None:
        for i in range(40):
            w.state.label = f"{tag}{i}"  # pending, flushed every other round: the last one stays pending
            if i % 2 == 0:
                w.state.flush()

    threads = [threading.Thread(target=write, args=(w, t)) for w, t in ((a, "a"), (b, "b"), (c, "c"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with b.state:
        b.state.label = "final"  # newer than every write still pending anywhere
    applied_everywhere(a, b, c)
    wait_until(lambda: a.state.label == b.state.label == c.state.label == "final")
    for w in (a, b, c):
        assert not w.state.is_dirty("label")
        w.state.flush()  # what each still held is older: publishing it changes nothing
    applied_everywhere(a, b, c)
    assert a.server.backend.client.hget(f"{a.server.backend.prefix}:snap:shared", "label") == b'"final"'

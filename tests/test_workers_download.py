"""``server.download(...)`` under several workers: every worker's pages get the file.

Two Server objects in this process stand for two workers, each with its own
Redis backend against one real redis-server. The bytes go to Redis once
(htmxtrame.backends.transfers); the link reaches the other worker's pages as
a control message (htmxtrame.backends.control).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from test_backends_redis import Worker, wait_until, workers  # noqa: F401 - the fixture
from test_workers_control import Calls, settled

from htmxtrame.backends import transfers

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


def downloads(calls: list[dict]) -> list[dict]:
    return [c["download"] for c in calls if "download" in c]


def test_a_download_reaches_the_pages_of_every_worker_once_and_its_bytes_are_in_redis(workers: Any) -> None:
    a, b = workers(), workers()
    on_a, on_b = Calls(a), Calls(b)
    a.server.download("id,total\n1,2\n", "report.csv", "text/csv")
    wait_until(lambda: downloads(on_b()))
    settled(a, b)
    assert downloads(on_b()) == downloads(on_a())  # the same link, once on each worker's page
    (link,) = downloads(on_b())
    assert link["name"] == "report.csv"
    stored = b.server.backend.client.get(f"{b.server.backend.prefix}:xfer:downloads:r:{link['token']}")
    item = transfers.decode("downloads", stored)
    assert (item.content, item.filename, item.mime) == (b"id,total\n1,2\n", "report.csv", "text/csv")


def test_a_download_from_a_listener_reaches_the_other_worker(workers: Any) -> None:
    a, b = workers(), workers()
    on_b = Calls(b)

    @a.state.change("count")
    def export(count: int, **_: Any) -> None:
        a.server.download(f"count={count}".encode(), "count.txt")

    with a.state:
        a.state.count = 3
    wait_until(lambda: [d["name"] for d in downloads(on_b())] == ["count.txt"] and b.state.count == 3)


def test_malformed_download_messages_are_logged_and_skipped(workers: Any, caplog: Any) -> None:
    a, b = workers(), workers()
    on_b = Calls(b)
    channel = f"{a.server.backend.prefix}:ch:@control"

    def message(call: Any, **extra: Any) -> bytes:
        return b"ctl\nid\nelsewhere\n" + json.dumps({"op": "download", "scope": "shared", "call": call, **extra}).encode()

    good = {"token": "A" * 32, "name": "f.txt"}
    junk = [
        message({"download": {**good, "token": "../../etc/passwd-and-more"}}),
        message({"download": {**good, "token": "short"}}),
        message({"download": {**good, "name": "n" * 300}}),
        message({"download": {**good, "extra": 1}}),
        message({"download": good, "ref": "x"}),
        message({"download": "not a link"}),
        message({"download": good}, extra=1),
    ]
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        for m in junk:
            a.server.backend.client.publish(channel, m)
        a.server.download(b"ok", "ok.txt")
        wait_until(lambda: downloads(on_b()))
        settled(a, b)
    assert [d["name"] for d in downloads(on_b())] == ["ok.txt"]
    skipped = [r.getMessage() for r in caplog.records if "malformed control message" in r.getMessage()]
    assert len(skipped) >= 2 * len(junk)
    assert any("bad download" in m for m in skipped)


def test_a_download_names_its_scope_and_other_scopes_pages_do_not_get_it(workers: Any) -> None:
    a, b = workers(), workers()
    on_b = Calls(b)
    a.server.backend.broadcast_call("session:someone-else", {"download": {"token": "B" * 32, "name": "secret.txt"}})
    a.server.download(b"x", "public.txt")
    wait_until(lambda: downloads(on_b()))
    settled(a, b)
    assert [d["name"] for d in downloads(on_b())] == ["public.txt"]


def test_with_redis_away_a_download_reaches_this_worker_only_says_so_and_is_not_replayed(
    workers: Any, redis_server: Any, caplog: Any
) -> None:
    a, b = workers(), workers()
    on_a, on_b = Calls(a), Calls(b)
    with caplog.at_level(logging.INFO):
        redis_server.stop()
        a.server.download(b"during", "during.txt")  # the first store finds Redis gone: no error for the caller
        a.server.download(b"again", "again.txt")  # known to be away: at once
    assert [d["name"] for d in downloads(on_a())] == ["during.txt", "again.txt"]
    said = [r.getMessage() for r in caplog.records if "reaches this worker's pages only" in r.getMessage()]
    assert len(said) == 2 and "'during.txt'" in said[0]
    redis_server.start()
    wait_until(lambda: a.server.backend.degraded is None and b.server.backend.degraded is None, timeout=10)
    a.server.download(b"after", "after.txt")
    wait_until(lambda: downloads(on_b()))
    settled(a, b)
    assert [d["name"] for d in downloads(on_b())] == ["after.txt"]


def test_the_download_caps_still_refuse_before_anything_is_sent(workers: Any) -> None:
    a, b = workers(max_download_bytes=1000), workers()
    on_a, on_b = Calls(a), Calls(b)
    with pytest.raises(OverflowError):
        a.server.download(b"x" * 2000, "big.bin")
    a.server.download(b"x" * 10, "small.bin")
    wait_until(lambda: downloads(on_b()))
    settled(a, b)
    assert [d["name"] for d in downloads(on_b())] == [d["name"] for d in downloads(on_a())] == ["small.bin"]


def test_a_download_other_workers_would_refuse_stays_on_this_worker_and_says_so(
    workers: Any, caplog: Any, monkeypatch: Any,
) -> None:
    # Names are cut to files.MAX_FILENAME (200) characters, which every worker takes: lift the cut to reach the refusal.
    monkeypatch.setattr("htmxtrame.files.MAX_FILENAME", 1000)
    a, b = workers(), workers()
    on_a, on_b = Calls(a), Calls(b)
    long_name = "n" * 300 + ".txt"
    with caplog.at_level(logging.INFO, logger="htmxtrame.backends"):
        a.server.download(b"x", long_name)
        a.server.download(b"y", "short.txt")
        wait_until(lambda: downloads(on_b()))
        settled(a, b)
    assert [d["name"] for d in downloads(on_a())] == [long_name, "short.txt"]
    assert [d["name"] for d in downloads(on_b())] == ["short.txt"]
    assert any("download stays on this worker" in r.getMessage() for r in caplog.records)
    assert not any("malformed" in r.getMessage() for r in caplog.records)

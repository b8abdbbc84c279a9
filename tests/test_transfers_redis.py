"""Uploads and download links under several workers (htmxtrame.backends.transfers).

Each worker process has its own ``files.uploads``/``files.downloads``; two
``_Store`` objects sharing one real redis-server stand for two workers: what
one stores, the other serves (once, for a single-use token), and a page that
closes frees its links on both.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from htmxtrame import files
from htmxtrame.backends.transfers import RedisTransfers

redis = pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")


@pytest.fixture
def workers(redis_server: Any, request: Any) -> Any:
    """Two workers' stores (uploads, downloads) sharing the test's Redis."""
    client = redis.Redis.from_url(redis_server.url, socket_timeout=1.0)
    prefix = f"t:{request.node.name}"

    def worker() -> tuple[files._Store, files._Store]:
        remote = RedisTransfers(client, prefix, (redis.RedisError, OSError))
        up = files._Store(files.UPLOAD_TTL, files.MAX_PENDING_BYTES, "uploads")
        down = files._Store(files.DOWNLOAD_TTL, files.MAX_DOWNLOAD_BYTES, "downloads")
        up.remote = down.remote = remote
        return up, down

    yield worker(), worker(), client
    client.close()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def test_an_upload_posted_to_one_worker_is_claimed_on_another_once(workers):
    (up_a, _), (up_b, _), _ = workers
    token = up_a.put([{"name": "a.png", "size": len(PNG), "type": "image/png", "lastModified": 1, "content": PNG}],
                     len(PNG))
    got = up_b.take(token)  # the page's websocket is held by worker B
    assert got == [{"name": "a.png", "size": len(PNG), "type": "image/png", "lastModified": 1, "content": PNG}]
    assert up_b.take(token) is None and up_a.take(token) is None  # single use, on every worker


def test_a_download_link_opens_on_any_worker_once_or_until_it_expires_when_shared(workers):
    (_, down_a), (_, down_b), _ = workers
    token = down_a.put(files.Download(b"a,b\n1,2\n", "table.csv", "text/csv"), 8)
    assert down_b.peek(token).filename == "table.csv"  # HEAD leaves it in place
    item = down_b.take(token)
    assert (item.content, item.filename, item.mime) == (b"a,b\n1,2\n", "table.csv", "text/csv")
    assert down_a.take(token) is None  # served once, wherever
    shared = down_a.put(files.Download(b"x" * 10, "all.bin"), 10, reusable=True)  # server.download: every page
    assert down_b.take(shared).content == b"x" * 10
    assert down_b.take(shared).content == b"x" * 10 and down_a.take(shared).content == b"x" * 10


def test_served_on_the_worker_that_stored_it_the_link_is_gone_for_the_others(workers):
    (_, down_a), (_, down_b), _ = workers
    token = down_a.put(files.Download(b"once"), 4)
    assert down_a.take(token).content == b"once"
    assert down_b.take(token) is None


def test_a_closed_page_frees_its_links_on_every_worker(workers):
    (_, down_a), (_, down_b), _ = workers
    token = down_a.put(files.Download(b"mine"), 4, owner="page-1")
    down_a.drop_owner("page-1")
    assert down_b.take(token) is None


def test_links_expire_in_redis_with_the_stores_ttl(workers):
    (_, down_a), _, client = workers
    token = down_a.put(files.Download(b"soon"), 4)
    keys = client.keys(f"*:xfer:downloads:*:{token}")
    assert len(keys) == 1 and 0 < client.pttl(keys[0]) <= files.DOWNLOAD_TTL * 1000


def test_what_is_not_htmxtraames_in_redis_is_refused_and_logged(workers, caplog):
    (up_a, down_a), (up_b, down_b), client = workers
    prefix = up_a.remote.prefix
    client.set(f"{prefix}:xfer:uploads:s:forged", b'{"content": "not base64!"}')
    client.set(f"{prefix}:xfer:downloads:s:forged", b"[1, 2]")
    client.set(f"{prefix}:xfer:downloads:s:junk", b"\xff\xfe")
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        assert up_b.take("forged") is None
        assert down_b.take("forged") is None
        assert down_b.take("junk") is None
    assert sum("not htmxtrame's" in r.getMessage() for r in caplog.records) == 3


def test_with_redis_gone_a_transfer_stays_on_its_worker(redis_server, caplog):
    dead = redis.Redis.from_url("redis://127.0.0.1:9/0", socket_timeout=0.2, socket_connect_timeout=0.2)
    store = files._Store(files.DOWNLOAD_TTL, None, "downloads")
    store.remote = RedisTransfers(dead, "t:dead", (redis.RedisError, OSError))
    with caplog.at_level(logging.WARNING, logger="htmxtrame.backends"):
        token = store.put(files.Download(b"local"), 5)
        assert store.take(token).content == b"local"  # served by the worker that stored it
        assert store.take("unknown") is None
    assert any("only this worker serves it" in r.getMessage() for r in caplog.records)


def test_while_the_backend_is_degraded_transfers_stay_local_without_asking_redis(redis_server):
    class Backend:
        degraded = "ConnectionError: gone"

    class Unreachable:
        def __getattr__(self, name):
            raise AssertionError(f"Redis was asked ({name}) while degraded")

    store = files._Store(files.DOWNLOAD_TTL, None, "downloads")
    store.remote = RedisTransfers(Unreachable(), "t:degraded", (redis.RedisError, OSError), Backend())
    token = store.put(files.Download(b"here"), 4, owner="p")
    assert store.take(token).content == b"here"
    assert store.take("elsewhere") is None and store.peek("elsewhere") is None
    store.drop_owner("p")


def test_the_redis_backend_shares_transfers_while_it_runs(redis_server):
    from htmxtrame.backends.redis import RedisBackend

    backend = RedisBackend(redis_server.url, prefix="t:backend")
    try:
        assert files.uploads.remote is not None and files.downloads.remote is files.uploads.remote
    finally:
        backend.close()
    assert files.uploads.remote is None and files.downloads.remote is None  # one process again

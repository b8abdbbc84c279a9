"""Several gunicorn workers behind one port sharing state through Redis, in Chromium.

``apps/shared_counter.py`` under ``gunicorn -k gthread -w 3`` with
``HTMXTRAME_REDIS_URL`` pointing at a redis-server of the test's own. Each
page shows the pid of the worker that rendered it, so the tests know which
worker serves which page.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import AppProcess, wait_connected

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")

WORKERS = 3


class Workers(AppProcess):
    """apps/shared_counter.py served by *n* gunicorn workers on one port."""

    def __init__(self, redis_url: str, n: int = WORKERS) -> None:
        super().__init__(
            "apps/shared_counter.py",
            command=[sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "32", "-w", str(n),
                     "-b", "127.0.0.1:0", "apps.shared_counter:app"],
            port_pattern=r"Listening at: http://[\d.]+:(\d+)",
            host="127.0.0.1",
            env={"HTMXTRAME_REDIS_URL": redis_url, "MALLOC_ARENA_MAX": "2"},
        )
        self.n = n

    def pids(self) -> list[int]:
        return [int(p) for p in re.findall(r"Booting worker with pid: (\d+)", self.output())]


@pytest.fixture
def workers(redis_server: Any) -> Any:
    site = Workers(redis_server.url)
    site.wait_output(r"(Booting worker with pid: \d+[\s\S]*){%d}" % WORKERS)
    yield site
    site.stop()


def worker_of(page: Any) -> int:
    return int(page.locator("#worker").inner_text().split()[-1])


def count_of(page: Any) -> str:
    return page.locator("#count").inner_text()


def open_page(browser: Any, url: str) -> Any:
    """A page in a context of its own (no shared connections), connected, showing its socket's worker."""
    page = browser.new_context().new_page()
    page.goto(url)
    wait_connected(page)
    # A socket on another worker than the one that rendered the page gets a
    # whole-page resync (page seqs differ per worker): wait for it if it comes.
    first = page.evaluate("Number(document.getElementById('ht-app').getAttribute('data-ht-seq'))")
    try:
        page.wait_for_function(f"window.htmxtrame.seq !== {first}", timeout=1500)
    except Exception:  # noqa: BLE001 - same worker: no resync, the pid shown is the socket's
        pass
    return page


def pages_on_every_worker(browser: Any, site: Workers, per_worker: int = 1, limit: int = 40) -> list[Any]:
    """Open pages until every worker serves at least *per_worker* of them."""
    pages: list[Any] = []
    for _ in range(limit):
        pages.append(open_page(browser, site.url))
        seen = [worker_of(p) for p in pages]
        if len(set(seen)) == site.n and min(seen.count(w) for w in set(seen)) >= per_worker:
            return pages
    raise AssertionError(f"{limit} pages landed on workers {sorted(set(worker_of(p) for p in pages))} only")


def all_show(pages: list[Any], pattern: str, timeout: float) -> None:
    for page in pages:
        expect(page.locator("#count")).to_have_text(re.compile(pattern), timeout=timeout * 1000)


def converged(pages: list[Any], timeout: float = 10) -> str:
    """Wait until every page shows the same count; return it."""
    deadline = time.monotonic() + timeout
    counts: list[str] = []
    while time.monotonic() < deadline:
        counts = [count_of(p) for p in pages]
        if len(set(counts)) == 1:
            return counts[0]
        time.sleep(0.05)
    raise AssertionError(f"pages never agreed: {counts}")


class Load:
    """A websocket client (no browser) clicking +1 as fast as its answers come, reconnecting when dropped."""

    def __init__(self, site: Workers) -> None:
        import websocket

        self.site, self.ws_mod = site, websocket
        html = urllib.request.urlopen(site.url, timeout=10).read().decode()
        self.inc = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        self.clicks = 0
        self.error: Exception | None = None
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        url = self.site.url.replace("http://", "ws://") + "__htmxtrame/ws?ui=main"
        n = 0
        while not self._stop.is_set():
            try:
                ws = self.ws_mod.create_connection(url, timeout=2)
                ws.send(json.dumps({"t": "hello", "seq": -1}))
                while not self._stop.is_set():
                    n += 1
                    ws.send(json.dumps({"t": "ev", "id": self.inc, "ev": "click", "event": {"type": "click"}, "n": n}))
                    while f'"ack":{n}' not in ws.recv():
                        pass
                    self.clicks += 1
                    time.sleep(0.01)
                ws.close()
            except Exception as exc:  # noqa: BLE001 - the worker died or Redis restarts: reconnect
                self.error = exc
                time.sleep(0.1)

    def wait_clicks(self, n: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.clicks < n:
            assert time.monotonic() < deadline, f"the load made {self.clicks} clicks; last error: {self.error!r}"
            time.sleep(0.02)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(10)


def stored_count(redis_url: str) -> str:
    import redis

    value = redis.Redis.from_url(redis_url).hget("htmxtrame:shared_counter:snap:shared", "count")
    return "" if value is None else value.decode()


def test_pages_on_three_workers_converge_after_concurrent_clicks(browser: Any, workers: Workers, redis_server: Any) -> None:
    pages = pages_on_every_worker(browser, workers)
    assert len({worker_of(p) for p in pages}) == WORKERS
    # Every page clicks at once, several times, each on its own worker.
    for _ in range(5):
        for page in pages:
            page.locator("#inc").click(no_wait_after=True)
    count = converged(pages)
    value = int(count.split()[-1])
    assert 5 <= value <= 5 * len(pages)  # increments race (read-modify-write), the result is one value everywhere
    assert stored_count(redis_server.url) == str(value)
    # And one more click, on the last page, reaches every page on every worker.
    pages[-1].locator("#inc").click()
    all_show(pages, rf"count: {value + 1}$", timeout=5)
    pages[0].fill("#note", "hello from one worker")
    for page in pages:
        expect(page.locator("#echo")).to_have_text("note: hello from one worker")


def test_killing_a_worker_under_load_its_pages_reconnect_and_keep_what_was_typed(
    browser: Any, workers: Workers
) -> None:
    pages = pages_on_every_worker(browser, workers)
    victim = worker_of(pages[0])
    orphans = [p for p in pages if worker_of(p) == victim]
    others = [p for p in pages if worker_of(p) != victim]
    # Each orphan page notes (its own clock) when its socket drops and when
    # the first frame after the reconnection arrives: what its user sees.
    for page in orphans:
        page.evaluate("""() => {
            document.addEventListener('htmx:ws:close', () => { window.__down ??= performance.now(); });
            document.addEventListener('htmxtrame:dirty', () => {
                if (window.__down !== undefined) window.__back ??= performance.now();
            });
        }""")
    load = Load(workers)
    try:
        load.wait_clicks(20)
        os.kill(victim, signal.SIGKILL)
        orphan = orphans[0]
        orphan.wait_for_function("window.__down !== undefined", timeout=5000)  # the page saw its socket drop
        orphan.fill("#note", "typed during the drop")  # queued by the page while its socket is down
        for page in orphans:
            page.wait_for_function("window.__back !== undefined", timeout=10000)
    finally:
        load.stop()
    current = converged(others)
    for page in orphans:
        expect(page.locator("#count")).to_have_text(current)
        assert worker_of(page) != victim
        took = page.evaluate("window.__back - window.__down")
        assert took <= 3000, f"the page showed the state again {took:.0f} ms after its socket dropped"
    for page in pages:
        expect(page.locator("#echo")).to_have_text("note: typed during the drop")


def test_redis_restarted_under_load_leaves_no_page_stale(browser: Any, workers: Workers, redis_server: Any) -> None:
    pages = pages_on_every_worker(browser, workers)
    load = Load(workers)
    try:
        load.wait_clicks(20)
        redis_server.restart()  # empty: it kept nothing
        time.sleep(0.5)  # still clicking while every worker finds Redis gone and back
    finally:
        load.stop()
    count = converged(pages, timeout=15)
    value = int(count.split()[-1])
    assert stored_count(redis_server.url) == str(value)
    pages[1].locator("#inc").click()
    all_show(pages, rf"count: {value + 1}$", timeout=5)
    assert "is back" in workers.output()

"""Several gunicorn workers sharing state through Redis: clicks served, click latency, fan-out.

    .venv/bin/python bench/workers.py                 # 200 pages on 1, 2, 4 workers; 2,000 pages on 4
    .venv/bin/python bench/workers.py --quick         # shorter, smaller

``apps/shared_counter.py`` under ``gunicorn -k gthread -w N`` with a
redis-server of its own (``HTMXTRAME_REDIS_URL``). The clients are
websockets without a browser (bench/wsload.py's asyncio client), in this
process, on the same machine as the server:

* **clicks** — *pages* clients connect (spread over the workers by the
  kernel), then each clicks ``+1`` in a closed loop for *seconds*: send a
  click, wait for the frame acknowledging it, click again. Every click
  changes the shared count, so each one is also pushed to every page on
  every worker. Reported: clicks served per second, p50/p99 click latency
  (click sent → its acknowledgement back), and the ratio to one worker.
* **fan-out** — *fanout* clients over 4 workers; one click; the time until
  each page got the new count: p50/p99 (target p99 ≤ 250 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from wsload import _Ws  # noqa: E402

from htmxtrame.testing.redis import RedisServer, free_port  # noqa: E402

WS_PATH = "/__htmxtrame/ws?ui=main"


def start_gunicorn(redis_url: str, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "HTMXTRAME_REDIS_URL": redis_url, "MALLOC_ARENA_MAX": "2", "PYTHONPATH": str(ROOT),
           "HTMXTRAME_MAX_WEBSOCKETS_PER_CLIENT": "100000",  # every client is 127.0.0.1 here
           "HTMXTRAME_MAX_WEBSOCKETS": "100000"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", str(threads), "-w", str(workers),
         "--backlog", "4096", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "apps.shared_counter:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    pids: set[str] = set()
    while time.monotonic() < deadline and len(pids) < workers:
        try:
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
            pids.add(re.search(r"worker (\d+)", page).group(1))  # type: ignore[union-attr]
        except OSError:
            time.sleep(0.2)
    return proc, port


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


async def connect(port: int, n: int) -> tuple[list[_Ws], dict[str, int]]:
    """*n* connected pages (hello answered); how many landed on each worker."""
    sem = asyncio.Semaphore(32)
    socks: list[_Ws] = []
    spread: dict[str, int] = {}

    async def one() -> None:
        async with sem:
            ws = await _Ws.connect("127.0.0.1", port, WS_PATH)
            ws.send(json.dumps({"t": "hello", "seq": -1}))
            body = await ws.recv()  # the whole page: names the worker that serves this socket
            m = re.search(rb"worker (\d+)", body)
            pid = m.group(1).decode() if m else "?"
            spread[pid] = spread.get(pid, 0) + 1
            socks.append(ws)

    await asyncio.gather(*(one() for _ in range(n)))
    return socks, spread


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


async def clicks(port: int, pages: int, seconds: float) -> dict:
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    inc = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    socks, spread = await connect(port, pages)
    await asyncio.sleep(1.0)
    latencies: list[float] = []
    end = time.perf_counter() + seconds

    async def clicker(ws: _Ws) -> None:
        n = 0
        while time.perf_counter() < end:
            n += 1
            mark = f'"ack":{n}'.encode()
            t0 = time.perf_counter()
            ws.send(json.dumps({"t": "ev", "id": inc, "ev": "click", "event": {"type": "click"}, "n": n}))
            while mark not in (await ws.recv())[:24]:
                pass
            latencies.append((time.perf_counter() - t0) * 1000)

    t = time.perf_counter()
    await asyncio.gather(*(clicker(ws) for ws in socks))
    took = time.perf_counter() - t
    for ws in socks:
        ws.close()
    return {"pages": pages, "spread": spread, "clicks_per_s": len(latencies) / took,
            "p50_ms": pct(latencies, 0.5), "p99_ms": pct(latencies, 0.99)}


async def fanout(port: int, pages: int) -> dict:
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    inc = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    t = time.perf_counter()
    socks, spread = await connect(port, pages)
    connect_s = time.perf_counter() - t
    await asyncio.sleep(2.0)
    arrivals: list[float] = []

    async def wait_update(ws: _Ws) -> None:
        while b'"count"' not in await ws.recv():
            pass
        arrivals.append(time.perf_counter())

    waiters = [asyncio.ensure_future(wait_update(ws)) for ws in socks]
    await asyncio.sleep(0.5)
    t0 = time.perf_counter()
    socks[0].send(json.dumps({"t": "ev", "id": inc, "ev": "click", "event": {"type": "click"}, "n": 1}))
    await asyncio.wait_for(asyncio.gather(*waiters), timeout=60)
    lat = [(a - t0) * 1000 for a in arrivals]
    for ws in socks:
        ws.close()
    return {"pages": pages, "spread": spread, "connect_s": connect_s, "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99),
            "max_ms": max(lat)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--fanout", type=int, default=2000)
    ap.add_argument("--workers", default="1,2,4", help="worker counts of the clicks run ('' skips it)")
    ap.add_argument("--quick", action="store_true", help="50 pages, 3 s, fan-out to 400")
    args = ap.parse_args()
    if args.quick:
        args.pages, args.seconds, args.fanout = 50, 3.0, 400
    redis = RedisServer()
    try:
        print(f"clicks: {args.pages} pages clicking in a closed loop for {args.seconds:.0f} s; "
              f"every click pushed to every page (cores: {os.cpu_count()}, load avg {os.getloadavg()[0]:.1f})")
        print(f"{'workers':>7} {'clicks/s':>9} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8}  pages per worker")
        base = None
        for n in [int(w) for w in args.workers.split(",") if w]:
            proc, port = start_gunicorn(redis.url, n, args.pages // n + 40)
            try:
                r = asyncio.run(clicks(port, args.pages, args.seconds))
            finally:
                stop(proc)
            base = base or r["clicks_per_s"]
            print(f"{n:>7} {r['clicks_per_s']:>9.0f} {r['clicks_per_s'] / base:>6.2f} {r['p50_ms']:>8.1f} "
                  f"{r['p99_ms']:>8.1f}  {sorted(r['spread'].values(), reverse=True)}")
        if args.fanout:
            proc, port = start_gunicorn(redis.url, 4, args.fanout // 4 + 200)
            try:
                r = asyncio.run(fanout(port, args.fanout))
            finally:
                stop(proc)
            print(f"fan-out: one click reaching {r['pages']} pages over 4 workers "
                  f"{sorted(r['spread'].values(), reverse=True)}: p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms "
                  f"(target ≤ 250), max {r['max_ms']:.0f} ms; connecting took {r['connect_s']:.1f} s")
    finally:
        redis.close()


if __name__ == "__main__":
    main()

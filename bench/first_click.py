"""First working click over many cold loads: htmxtrame beside the htmx4 floor, interleaved.

    make bench-first-click                 # 20 loads of each (after `make bench-shared` once)
    make bench-first-click LOADS=40
    python bench/first_click.py --latency-ms 40 --mbps 10   # over an emulated network (CDP)

The shared harness (``../shared/bench``) takes this figure from one cold
load per run, so two runs give two samples and the ratio moves ±20 % from
run to run. This takes the same figure the same way (its own init script:
clicks ``#inc`` from document start, every 25 ms until ``#count`` changes;
a fresh profile and the cache off for each load) over many loads,
alternating the two apps load by load so both see the same machine. Both
apps are the harness's own (``bench/.shared-run/apps``), run from the
harness's venv, with this checkout on ``PYTHONPATH``.

Prints, per app, the median, p25 and p75 of the first working click (ms
since navigation start), the median first contentful paint, and how many
loads needed a second click, then the ratio of the medians. On loopback the
page's script arrives at once; ``--latency-ms``/``--mbps`` emulate a real
network (Chromium's own throttling, both apps alike), where a page that
paints before its script has arrived shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.get("SHARED_BENCH_DIR", ROOT / "bench" / ".shared-run"))
APPS = {"htmxtrame": "htmxtrame_app.py", "htmx4 floor": "htmx4floor_app.py"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(script: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([str(RUN_DIR / "venv" / "bin" / "python"), f"apps/{script}", "--port", str(port)],
                            cwd=RUN_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{script} did not answer on {url} within 30 s")


async def _one_load(pw, harness, url: str, network: dict | None) -> dict:
    profile = tempfile.mkdtemp(prefix="first-click-")
    ctx = await pw.chromium.launch_persistent_context(
        profile, executable_path=os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium"),
        args=harness.CHROMIUM_ARGS, headless=True, viewport={"width": 1200, "height": 800})
    try:
        page = ctx.pages[0]
        cdp = await ctx.new_cdp_session(page)
        await cdp.send("Network.enable")
        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if network:
            await cdp.send("Network.emulateNetworkConditions", network)
        await page.add_init_script(harness.JS_COMMON)
        await page.add_init_script(harness.JS_TTI.replace(
            "__CFG__", json.dumps({"count": "#count", "inc": "#inc", "retry_ms": 25})))
        await page.goto(url, wait_until="load")
        await page.wait_for_function("window.__bench && window.__bench.tti !== null", polling=10)
        await page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", polling=10)
        return await page.evaluate("({tti: window.__bench.tti, clicks: window.__bench.clicks,"
                                   " fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime})")
    finally:
        await ctx.close()


async def _measure(urls: dict[str, str], loads: int, network: dict | None) -> dict[str, list[dict]]:
    sys.path.insert(0, str(RUN_DIR))
    import harness  # the shared harness's own module: its Chromium flags and init scripts
    from playwright.async_api import async_playwright

    out: dict[str, list[dict]] = {name: [] for name in urls}
    names = list(urls)
    async with async_playwright() as pw:
        for i in range(loads):
            for name in names if i % 2 == 0 else names[::-1]:
                out[name].append(await _one_load(pw, harness, urls[name], network))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=20, help="cold loads of each app (default 20)")
    parser.add_argument("--latency-ms", type=float, default=0, help="emulated round trip added to each request")
    parser.add_argument("--mbps", type=float, default=0, help="emulated download bandwidth (0: unlimited)")
    args = parser.parse_args()
    network = None
    if args.latency_ms or args.mbps:
        rate = args.mbps * 1e6 / 8 if args.mbps else -1
        network = {"offline": False, "latency": args.latency_ms, "downloadThroughput": rate, "uploadThroughput": rate}
    if not (RUN_DIR / "harness.py").is_file() or not (RUN_DIR / "venv").is_dir():
        raise SystemExit(f"{RUN_DIR} has no harness: run `make bench-shared RUNS=1` once to set it up")
    started = {name: _start(script) for name, script in APPS.items()}
    try:
        results = asyncio.run(_measure({name: url for name, (_, url) in started.items()}, args.loads, network))
    finally:
        for proc, _ in started.values():
            proc.terminate()
            proc.wait(10)
    print(f"bench/first_click.py, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, {args.loads} cold loads each, interleaved"
          + (f", network {args.latency_ms:g} ms / {args.mbps:g} Mbit/s" if network else ", loopback") + "\n")
    print(f"{'first working click (ms)':26}{'median':>9}{'p25':>9}{'p75':>9}{'paint':>9}   loads needing a 2nd click")
    medians = {}
    for name, rows in results.items():
        t = sorted(r["tti"] for r in rows)
        medians[name] = statistics.median(t)
        again = sum(r["clicks"] > 1 for r in rows)
        paint = statistics.median(r["fcp"] for r in rows)
        print(f"{name:26}{medians[name]:9.1f}{t[len(t) // 4]:9.1f}{t[3 * len(t) // 4]:9.1f}{paint:9.1f}   {again}/{len(rows)}")
    print(f"\nhtmxtrame / htmx4 floor: {medians['htmxtrame'] / medians['htmx4 floor']:.2f}x (target: ≤ 1.00x)")


if __name__ == "__main__":
    main()

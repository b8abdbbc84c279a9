"""Where a click's time goes in the page: glue script, htmx, style, layout, paint.

Opens an app in headless Chromium, clicks ``--inc`` N times back to back
(the shared harness's M1: each click waits for ``--count`` to change),
and meanwhile records V8's CPU profile (self time per script) and
Chromium's timeline trace (style recalculation, layout, paint, HTML
parsing on the page's main thread). Prints milliseconds per click.
Figures only.

    python bench/click_trace.py                       # the shared harness's app
    python bench/click_trace.py --url http://127.0.0.1:8085/   # any running app (e.g. a floor)
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_APP = Path(os.environ.get("SHARED_BENCH", "/work/shared/bench")) / "apps" / "htmxtrame_app.py"

CLICKS = r"""
async ({count, inc, n}) => {
  const num = () => Number(document.querySelector(count).textContent.trim());
  for (let i = 0; i < n; i++) {
    const want = num() + 1;
    await new Promise(done => {
      const obs = new MutationObserver(() => { if (num() === want) { obs.disconnect(); done(); } });
      obs.observe(document.body, {subtree: true, childList: true, characterData: true});
      document.querySelector(inc).dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window, button: 0}));
    });
    await new Promise(r => setTimeout(r, 0));
  }
}
"""

RENDERING = {"UpdateLayoutTree": "style", "Layout": "layout", "Paint": "paint", "PrePaint": "paint",
             "ParseHTML": "parse HTML", "HitTest": "hit test", "Commit": "paint"}


def _script(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    return name or ("(native)" if not url else url)


def profile_self_time(profile: dict) -> dict[str, float]:
    """Self time (ms) per script of a V8 CPU profile; built-ins (JSON.parse,
    querySelectorAll...) count for the script that called them."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", ())}
    out: collections.Counter[str] = collections.Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[node_id]["callFrame"]
        if frame["functionName"].startswith("("):
            name = frame["functionName"]
        else:
            at = node_id
            while at in parent and not nodes[at]["callFrame"]["url"]:
                at = parent[at]
            name = _script(nodes[at]["callFrame"]["url"]) or "(native)"
        out[name] += delta / 1000
    return dict(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="an app already running (default: start the shared harness's app)")
    ap.add_argument("--app", default=str(SHARED_APP))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--count", default="#count")
    ap.add_argument("--inc", default="#inc")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--init", help="a script to run in the page before its own (an experiment)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    proc = None
    url = args.url
    if url is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = subprocess.Popen([sys.executable, args.app, "--server", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/"
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page()
            if args.init:
                page.add_init_script(args.init)
            page.goto(url)
            page.wait_for_function("(s) => !isNaN(Number(document.querySelector(s)?.textContent.trim()))", arg=args.count)
            page.evaluate(CLICKS, {"count": args.count, "inc": args.inc, "n": 20})  # warm up
            cdp = page.context.new_cdp_session(page)
            trace: list[dict] = []
            cdp.on("Tracing.dataCollected", lambda e: trace.extend(e["value"]))
            done = []
            cdp.on("Tracing.tracingComplete", lambda e: done.append(1))
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cdp.send("Tracing.start", {"categories": "devtools.timeline", "transferMode": "ReportEvents"})
            cdp.send("Profiler.start")
            t0 = time.perf_counter()
            page.evaluate(CLICKS, {"count": args.count, "inc": args.inc, "n": args.n})
            wall = (time.perf_counter() - t0) * 1000
            profile = cdp.send("Profiler.stop")["profile"]
            cdp.send("Tracing.end")
            while not done:
                page.wait_for_timeout(50)
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    n = args.n
    js = profile_self_time(profile)
    main_tids = collections.Counter(e.get("tid") for e in trace if e.get("name") == "FunctionCall")
    tid = main_tids.most_common(1)[0][0] if main_tids else None
    render: collections.Counter[str] = collections.Counter()
    for e in trace:
        kind = RENDERING.get(e.get("name", ""))
        if kind and e.get("tid") == tid and e.get("ph") == "X":
            render[kind] += e.get("dur", 0) / 1000
    print(f"{url}: {n} clicks back to back, {wall / n:.2f} ms per click (wall, with the profiler on)")
    print("JavaScript self time per click (V8 sampling profile):")
    for name, ms in sorted(js.items(), key=lambda kv: -kv[1]):
        if name != "(idle)" and ms / n >= 0.005:
            print(f"  {name:<24} {ms / n:6.3f} ms")
    print(f"  {'(idle)':<24} {js.get('(idle)', 0) / n:6.3f} ms  (waiting for the server)")
    print("rendering per click (timeline trace, main thread):")
    for kind, ms in sorted(render.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<24} {ms / n:6.3f} ms")
    print(json.dumps({"js": {k: round(v / n, 4) for k, v in js.items()},
                      "render": {k: round(v / n, 4) for k, v in render.items()}, "wall_ms": round(wall / n, 3)}))


if __name__ == "__main__":
    main()

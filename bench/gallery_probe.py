"""The widget gallery (apps/gallery.py): first load and a click on a VBtn inside a card.

First load: a fresh page with the HTTP cache off, bytes as transferred
(CDP ``encodedDataLength``: compressed bodies and headers). Click: ``#btn-click``
(a VBtn in the "buttons" card, ``click=`` a server-side handler) until
``#clicks-text`` shows the next count, back to back, with the websocket
bytes each way per click. Figures only.

    python bench/gallery_probe.py [--root CHECKOUT] [--n 100]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CLICKS = r"""
async ({n}) => {
  const el = document.querySelector('#clicks-text');
  const num = () => Number(el.textContent.split('= ')[1]);
  const out = [];
  for (let i = 0; i < n; i++) {
    const want = num() + 1;
    const t0 = performance.now();
    await new Promise(done => {
      const obs = new MutationObserver(() => { if (num() === want) { obs.disconnect(); done(); } });
      obs.observe(document.body, {subtree: true, childList: true, characterData: true});
      document.querySelector('#btn-click').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window, button: 0}));
    });
    out.push(performance.now() - t0);
    await new Promise(r => setTimeout(r, 0));
  }
  return out;
}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=str(HERE.parent), help="the checkout whose htmxtrame and gallery to run")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    root = Path(args.root).resolve()
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, str(root / "apps" / "gallery.py"), "--server", "--port", "0"],
                            env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            m = re.search(r"http://[\w.]+:(\d+)/", proc.stdout.readline())  # type: ignore[union-attr]
            port = m and int(m.group(1))
        url = f"http://127.0.0.1:{port}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            cdp = page.context.new_cdp_session(page)
            sizes: dict[str, int] = {}
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            page.goto(url, wait_until="load")
            page.wait_for_function("window.htmxtrame && window.htmxtrame.connected")
            page.wait_for_timeout(500)
            load_bytes, load_requests = sum(sizes.values()), len(sizes)
            frames = {"sent": 0, "received": 0}
            page.evaluate(CLICKS, {"n": 10})  # warm up
            ws_bytes = {"sent": 0, "received": 0}

            def count(e: dict, way: str) -> None:
                ws_bytes[way] += len(e["response"]["payloadData"].encode())
                frames[way] += 1

            cdp.on("Network.webSocketFrameSent", lambda e: count(e, "sent"))
            cdp.on("Network.webSocketFrameReceived", lambda e: count(e, "received"))
            cdp.send("Network.disable")
            times = page.evaluate(CLICKS, {"n": args.n})
            cdp.send("Network.enable")
            page.evaluate(CLICKS, {"n": 20})
            page.wait_for_timeout(300)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    qs = statistics.quantiles(times, n=20)
    print(f"gallery at {root}:")
    print(f"  first load: {load_bytes / 1024:.1f} KiB in {load_requests} requests")
    print(f"  VBtn click in a card, back to back: p50 {statistics.median(times):.2f} ms, p95 {qs[18]:.2f} ms")
    print(f"  websocket payload per click: up {ws_bytes['sent'] / 20:.0f} B, down {ws_bytes['received'] / 20:.0f} B")


if __name__ == "__main__":
    main()

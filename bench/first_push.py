"""The first pushed value after a click starts a task: where its milliseconds go, in the page.

    python bench/first_push.py                # 12 clicks on #tick per app (after `make bench-shared` once)
    python bench/first_push.py --clicks 20

The shared harness's M3 takes "first update after click" once per run: the
time from a click on ``#tick`` to the first tick shown in ``#ticks`` (the
app's task sets ``ticks = 0`` and then ``1..500`` at 100 Hz; the reset is
not counted). This takes the same figure over many clicks, htmxtrame and
the htmx4 floor alternating click by click in one Chromium each, and splits
it with the page's own clocks:

* *to the frame*: click → the websocket message that brought the first
  tick arrived (the page's ``message`` event, caught by a listener added
  before the app's own): the network, the server's handling of the click,
  its task and its push;
* *in the page*: that message's arrival → ``#ticks`` showing the value (the
  glue, htmx's swap; a MutationObserver sees the DOM change);
* *frames before*: messages that arrived between the click and that one
  (the click's answer, the reset).

Both apps are the harness's own (``bench/.shared-run/apps``), run from its
venv with this checkout on ``PYTHONPATH``. Figures only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

from first_click import APPS, RUN_DIR, _start

# Before any page script: every websocket's messages are timestamped on arrival.
FRAMES = r"""
(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", e => window.__frames.push(performance.now()));
    }
  };
})();
"""

CLICK = r"""
async () => {
  const shown = () => Number(document.querySelector("#ticks").textContent.trim());
  const start = shown();
  const t0 = performance.now();
  const first = new Promise(done => {
    const obs = new MutationObserver(() => {
      const v = shown();
      if (!Number.isNaN(v) && v !== start && v !== 0) { obs.disconnect(); done([performance.now(), v]); }
    });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  });
  const click = {bubbles: true, cancelable: true, view: window, button: 0};
  document.querySelector("#tick").dispatchEvent(new MouseEvent("click", click));
  const [tDom, value] = await first;
  const frames = window.__frames.filter(t => t >= t0 && t <= tDom);
  // the run of 500 ticks ends before the next click can start one
  await new Promise(done => { const iv = setInterval(() => { if (shown() === 500) { clearInterval(iv); done(); } }, 20); });
  await new Promise(r => setTimeout(r, 300));
  return {total: tDom - t0, toFrame: frames.length ? frames[frames.length - 1] - t0 : null,
          inPage: frames.length ? tDom - frames[frames.length - 1] : null, before: Math.max(0, frames.length - 1), value};
}
"""


async def _measure(urls: dict[str, str], clicks: int) -> dict[str, list[dict]]:
    from playwright.async_api import async_playwright

    out: dict[str, list[dict]] = {name: [] for name in urls}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium"),
                                           args=["--no-sandbox", "--disable-gpu"], headless=True)
        pages = {}
        for name, url in urls.items():
            page = await browser.new_page()
            await page.add_init_script(FRAMES)
            await page.goto(url, wait_until="load")
            await page.wait_for_function("document.querySelector('#ticks') !== null")
            await asyncio.sleep(0.5)
            pages[name] = page
        names = list(urls)
        for i in range(clicks):
            for name in names if i % 2 == 0 else names[::-1]:
                out[name].append(await pages[name].evaluate(CLICK))
        await browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=12, help="clicks on #tick per app (each waits for 500 ticks, 5 s)")
    args = parser.parse_args()
    if not (RUN_DIR / "venv").is_dir():
        raise SystemExit(f"{RUN_DIR} has no harness venv: run `make bench-shared RUNS=1` once to set it up")
    started = {name: _start(script) for name, script in APPS.items()}
    try:
        results = asyncio.run(_measure({name: url for name, (_, url) in started.items()}, args.clicks))
    finally:
        for proc, _ in started.values():
            proc.terminate()
            proc.wait(10)
    print(f"bench/first_push.py, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}, {args.clicks} clicks on #tick each, interleaved\n")
    print(f"{'first tick shown (ms)':24}{'median':>8}{'p25':>8}{'p75':>8}{'to frame':>10}{'in page':>9}"
          f"   frames before it (median)   value shown first")
    medians = {}
    for name, rows in results.items():
        total = sorted(r["total"] for r in rows)
        medians[name] = statistics.median(total)
        to_frame = statistics.median(r["toFrame"] for r in rows if r["toFrame"] is not None)
        in_page = statistics.median(r["inPage"] for r in rows if r["inPage"] is not None)
        before = statistics.median(r["before"] for r in rows)
        values = sorted({r["value"] for r in rows})
        print(f"{name:24}{medians[name]:8.2f}{total[len(total) // 4]:8.2f}{total[3 * len(total) // 4]:8.2f}"
              f"{to_frame:10.2f}{in_page:9.2f}   {before:<27g} {values}")
    print(f"\nhtmxtrame / htmx4 floor: {medians['htmxtrame'] / medians['htmx4 floor']:.2f}x (target: ≤ 1.50x)")


if __name__ == "__main__":
    main()

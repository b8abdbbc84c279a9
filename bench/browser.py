"""What a user's Chromium sees: round trips, pushes, first load, bytes, CPU.

Every measurement runs the same JavaScript against each framework's page:
the scenario's element ids are the only contract.
"""

from __future__ import annotations

import base64
import time
from typing import Any

from procstat import cpu_seconds, rss_kib

# Clicks are CLICK_GAP_MS apart: a person cannot click faster, and htmxtrame
# sends a page at most one push per animation frame (16.7 ms), so clicks 2 ms
# apart would measure that coalescing rather than the round trip. A
# back-to-back run (gap 0) is reported separately.
CLICK_GAP_MS = 20

# performance.now() at dispatch -> a MutationObserver sees #count change.
CLICKS_JS = """async ([n, gap]) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    if (gap) await new Promise(r => setTimeout(r, gap));
    out.push(await new Promise((resolve) => {
      const before = document.getElementById('count').textContent;
      let t0 = 0;
      const timer = setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
      const obs = new MutationObserver(() => {
        const c = document.getElementById('count');
        if (c && c.textContent !== before) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); }
      });
      obs.observe(document.body, {subtree: true, childList: true, characterData: true});
      t0 = performance.now();
      document.getElementById('inc').click();
    }));
  }
  return out;
}"""

# value set + input event -> #slider_text shows it. Samples are 40 ms apart so
# no framework's input throttling (htmxtrame's is 30 ms) delays one.
SLIDER_JS = """async (n) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    await new Promise(r => setTimeout(r, 40));
    out.push(await new Promise((resolve) => {
      const s = document.getElementById('slider');
      const v = String(Number(s.value) >= 50 ? 10 + (i % 40) : 60 + (i % 40));
      let t0 = 0;
      const timer = setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
      const obs = new MutationObserver(() => {
        const t = document.getElementById('slider_text');
        if (t && t.textContent.trim() === v) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); }
      });
      obs.observe(document.body, {subtree: true, childList: true, characterData: true});
      t0 = performance.now();
      s.value = v;
      s.dispatchEvent(new Event('input', {bubbles: true}));
    }));
  }
  return out;
}"""

# Click #tick or #burst; record every distinct #ticks value and animation frames until *last*.
TICKS_JS = """async ([button, last]) => new Promise((resolve) => {
  const seen = [];
  let frames = 0, done = false;
  const raf = () => { if (!done) { frames++; requestAnimationFrame(raf); } };
  const finish = (timeout) => { done = true; obs.disconnect(); resolve({t0, seen, frames, timeout}); };
  const obs = new MutationObserver(() => {
    const t = document.getElementById('ticks').textContent.trim();
    if (!seen.length || seen[seen.length - 1][1] !== t) seen.push([performance.now(), t]);
    if (t === last) finish(false);
  });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  setTimeout(() => finish(true), 30000);
  const t0 = performance.now();
  requestAnimationFrame(raf);
  document.getElementById(button).click();
})"""

# Installed before any page script: keep clicking #inc from DOMContentLoaded
# until #count changes; the time (since navigation start) is the first working click.
FIRST_CLICK_INIT = """window.__firstClick = new Promise((resolve) => {
  let done = false;
  const attempt = () => {
    if (done) return;
    const inc = document.getElementById('inc'), c = document.getElementById('count');
    if (!inc || !c) { setTimeout(attempt, 5); return; }
    const before = c.textContent;
    const obs = new MutationObserver(() => {
      const c2 = document.getElementById('count');
      if (c2 && c2.textContent !== before) { done = true; obs.disconnect(); resolve(performance.now()); }
    });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
    inc.click();
    setTimeout(() => { obs.disconnect(); attempt(); }, 25);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attempt); else attempt();
});"""


class WsTap:
    """Counts and sizes websocket frames of one page through CDP."""

    def __init__(self, cdp: Any) -> None:
        self.sent: list[tuple[float, int]] = []
        self.received: list[tuple[float, int]] = []
        cdp.on("Network.webSocketFrameSent", lambda p: self.sent.append(_frame(p)))
        cdp.on("Network.webSocketFrameReceived", lambda p: self.received.append(_frame(p)))

    def mark(self) -> tuple[int, int]:
        """Where the frame lists are now (for a later :meth:`since`)."""
        return len(self.sent), len(self.received)

    def since(self, mark: tuple[int, int]) -> tuple[list, list]:
        """Frames sent and received after *mark*."""
        return self.sent[mark[0]:], self.received[mark[1]:]


def _frame(params: dict) -> tuple[float, int]:
    resp = params["response"]
    data = resp.get("payloadData", "")
    size = len(base64.b64decode(data)) if resp.get("opcode") == 2 else len(data.encode())
    return params.get("timestamp", 0.0), size


def pct(values: list[float], p: float) -> float:
    """The *p*-th percentile (nearest rank) of *values*."""
    vals = sorted(v for v in values if v >= 0)
    if not vals:
        return float("nan")
    k = max(0, min(len(vals) - 1, round(p / 100 * len(vals) + 0.5) - 1))
    return vals[k]


def first_load(browser: Any, url: str) -> dict:
    """Cold load in a fresh context: bytes (as transferred), requests, first working click."""
    ctx = browser.new_context()
    ctx.add_init_script(FIRST_CLICK_INIT)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda p: sizes.__setitem__(p["requestId"], p.get("encodedDataLength", 0)))
    page.goto(url)
    first_click = page.evaluate("window.__firstClick")
    page.wait_for_load_state("networkidle")
    result = {"load_kib": sum(sizes.values()) / 1024, "requests": len(sizes), "first_click_ms": first_click}
    ctx.close()
    return result


def measure_page(browser: Any, url: str, server_pid: int, clicks: int = 200, warmup: int = 20,
                 slider: int = 100, extra_pages: int = 20) -> dict:
    """All the per-page figures for one framework's running app."""
    ctx = browser.new_context()
    ctx.add_init_script(FIRST_CLICK_INIT)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    tap = WsTap(cdp)
    page.goto(url)
    page.evaluate("window.__firstClick")
    out: dict = {}

    page.evaluate(CLICKS_JS, [warmup, CLICK_GAP_MS])
    mark = tap.mark()
    cpu0, task0 = cpu_seconds(server_pid), _task_seconds(cdp)
    lat = page.evaluate(CLICKS_JS, [clicks, CLICK_GAP_MS])
    cpu1, task1 = cpu_seconds(server_pid), _task_seconds(cdp)
    sent, received = tap.since(mark)
    out.update(
        click_p50=pct(lat, 50), click_p95=pct(lat, 95), click_p99=pct(lat, 99),
        click_lost=sum(1 for v in lat if v < 0),
        server_cpu_ms=(cpu1 - cpu0) * 1000 / clicks, browser_cpu_ms=(task1 - task0) * 1000 / clicks,
        up_bytes=sum(s for _, s in sent) / clicks, down_bytes=sum(s for _, s in received) / clicks,
    )

    b2b = page.evaluate(CLICKS_JS, [clicks // 2, 0])
    out.update(click_b2b_p50=pct(b2b, 50), click_b2b_p95=pct(b2b, 95))

    sl = page.evaluate(SLIDER_JS, slider)
    out.update(slider_p50=pct(sl, 50), slider_p95=pct(sl, 95), slider_lost=sum(1 for v in sl if v < 0))

    r = page.evaluate(TICKS_JS, ["tick", "500"])
    vals = r["seen"]
    span = (vals[-1][0] - vals[0][0]) / 1000 if len(vals) > 1 else float("nan")
    out["push_100hz_per_s"] = (len(vals) - 1) / span if span and span > 0 else float("nan")
    time.sleep(0.3)
    mark = tap.mark()
    r = page.evaluate(TICKS_JS, ["burst", "1000"])
    _, received = tap.since(mark)
    final = [t for t, v in r["seen"] if v == "1000"]
    out["burst_final_ms"] = (final[0] - r["t0"]) if final else float("nan")
    out["burst_frames"] = len(received)
    out["burst_anim_frames"] = r["frames"]

    time.sleep(0.5)
    rss1 = rss_kib(server_pid)
    pages = []
    for _ in range(extra_pages):
        p = ctx.new_page()
        p.goto(url)
        p.evaluate("window.__firstClick")
        pages.append(p)
    time.sleep(0.5)
    rss21 = rss_kib(server_pid)
    out.update(rss_1page_mib=rss1 / 1024, rss_21pages_mib=rss21 / 1024, rss_per_page_kib=(rss21 - rss1) / extra_pages)
    ctx.close()
    return out


def _task_seconds(cdp: Any) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

"""Typing into a VAutocomplete over 10,000 items, beside a button click in the same page.

    python bench/autocomplete.py              # browser figures, then the server-side breakdown
    python bench/autocomplete.py --samples 60 # quicker

1. In Chromium (``bench/apps/autocomplete_app.py``, its own process): the
   keystroke round trip — ``performance.now()`` when the field's ``input``
   event is dispatched → a ``MutationObserver`` sees the menu hold the
   options filtered for that text (the list names the text it was filtered
   for: ``data-ht-typed``) — and, in the same page and the same run, the
   click round trip of a button (``#inc`` → ``#count``), the speed issue's
   click budget (p95 ≤ 4 ms, bench/README.md). Keystrokes are 40 ms apart
   (outside the glue's 30 ms input throttle), clicks 20 ms apart, as in
   bench/run.py; the texts are what a person typing city names produces,
   one character more (or a new word) each time. Rounds interleave clicks
   and keystrokes; p50/p95 over all samples.
2. Without a browser: what one keystroke costs the server (the input event
   writing the search key, the flush, rendering the options), over 10,000
   strings and 10,000 dicts.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import apps_proc  # noqa: E402
from browser import CLICKS_JS, pct  # noqa: E402

from htmxtrame.controller import Controller  # noqa: E402
from htmxtrame.elements import seed_tree  # noqa: E402
from htmxtrame.events import dispatch  # noqa: E402
from htmxtrame.render import Renderer  # noqa: E402
from htmxtrame.state import State  # noqa: E402
from htmxtrame.widgets import html  # noqa: E402
from htmxtrame.widgets import vuetify3 as v  # noqa: E402

REFERENCE_MS = 4.0


def setup(items: list, pick: Any = None) -> tuple[Renderer, Controller, str, State]:
    state = State(ready=True)
    root = html.Div()
    with root:
        v.VAutocomplete(v_model=("pick", pick), items=("items", items), item_title="title", label="City")
    seed_tree(root, state)
    state.flush()
    renderer = Renderer(state, root)
    page = renderer.render_page_body()
    iid = re.search(r'<input[^>]*role="combobox"[^>]*data-ht="([^"]+)"|<input[^>]*data-ht="([^"]+)"[^>]*role="combobox"',
                    page)
    return renderer, Controller(), [g for g in iid.groups() if g][0], state


def keystroke(renderer: Renderer, ctrl: Controller, iid: str, state: State, text: str) -> float:
    dirty: list = []
    state._flushed_fn = lambda delta: dirty.extend(delta)  # noqa: SLF001  (the renderer's hook: one merged delta)
    start = time.perf_counter()
    dispatch(renderer, ctrl, iid, "input", text, None)
    for fid in renderer.dirty_fragments(dirty):
        renderer.render_fragment(fid)
    return (time.perf_counter() - start) * 1000


CHROMIUM = os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
WORDS = ("North Oak 12", "Lake Pine 7", "Saint Elm 40", "Port Yew 99", "East Birch 3", "Old Maple 55")

# value set + input event → the menu shows the options filtered for that text
KEYS_JS = """async ([texts, gap]) => {
  const input = document.querySelector('#city input[role=combobox]');
  input.focus();
  const body = () => document.getElementById(input.getAttribute('aria-controls'))?.querySelector('[data-ht-typed]');
  const out = [];
  for (const text of texts) {
    await new Promise(r => setTimeout(r, gap));
    out.push(await new Promise((resolve) => {
      let t0 = 0;
      const timer = setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
      const obs = new MutationObserver(() => {
        const b = body();
        if (b && b.getAttribute('data-ht-typed') === text.trim()) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); }
      });
      obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
      t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: text.slice(-1)}));
    }));
  }
  input.blur();
  return out;
}"""


def typed_texts(n: int) -> list[str]:
    """*n* texts as typed, a character at a time: "N", "No", … "North Oak 12", "L", "La", …"""
    out: list[str] = []
    while len(out) < n:
        for word in WORDS:
            out.extend(word[:i] for i in range(1, len(word) + 1))
    return out[:n]


def browser_figures(samples: int, rounds: int) -> None:
    """Keystroke and click round trips in Chromium, same page, same run."""
    from playwright.sync_api import sync_playwright

    apps_proc.APPS["autocomplete"] = (sys.executable, HERE / "apps" / "autocomplete_app.py")
    app = apps_proc.App("autocomplete")
    clicks: list[float] = []
    keys: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(app.url)
            page.wait_for_function("() => window.htmxtrame && window.htmxtrame.connected")
            page.evaluate(CLICKS_JS, [20, 20])  # warm-up
            page.evaluate(KEYS_JS, [typed_texts(20), 40])
            per = max(1, samples // rounds)
            texts = typed_texts(per * rounds)
            for r in range(rounds):
                clicks += page.evaluate(CLICKS_JS, [per, 20])
                keys += page.evaluate(KEYS_JS, [texts[r * per:(r + 1) * per], 40])
            shown = page.evaluate("() => document.querySelectorAll('#city [role=option]').length")
            browser.close()
    finally:
        app.stop()
    lost = sum(1 for v in clicks + keys if v < 0)
    print(f"Chromium, {len(keys)} keystrokes and {len(clicks)} clicks in {rounds} interleaved rounds "
          f"(VAutocomplete over 10,000 items; {shown} options in the last menu){'; TIMED OUT: ' + str(lost) if lost else ''}")
    print(f"{'':34}{'p50 (ms)':>10}{'p95 (ms)':>10}{'p99 (ms)':>10}")
    for label, vals in (("keystroke → filtered menu", keys), ("button click → text (budget)", clicks)):
        print(f"{label:34}{pct(vals, 50):10.2f}{pct(vals, 95):10.2f}{pct(vals, 99):10.2f}")
    print(f"{'keystroke / click':34}{pct(keys, 50) / pct(clicks, 50):9.2f}x{pct(keys, 95) / pct(clicks, 95):9.2f}x"
          f"   (click budget: p95 ≤ {REFERENCE_MS} ms)")


def server_figures() -> None:
    """What one keystroke costs the server, without a browser."""
    names = [f"{a} {b} {n}" for a in ("North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Saint")
             for b in ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine", "Maple", "Willow", "Yew") for n in range(100)]
    dicts = [{"title": n, "value": i} for i, n in enumerate(names)]
    typing = typed_texts(120)  # "N", "No", … : each text narrows the one before
    # texts none of which holds another (nor the last few typed), each matching hundreds:
    # every one is a scan of all 10,000 titles
    fresh = [*"0123456789", "ash", "bir", "ced", "elm", "fir", "oak", "pin", "map", "wil", "yew",
             "nor", "sou", "eas", "wes", "new", "old", "por", "lak", "for", "sai"] * 2
    print(f"{'':19}{'typing city names':>28}{'a new word (full scan)':>28}")
    print(f"{'':19}{'median':>14}{'max':>14}{'median':>14}{'max':>14}   (ms)")
    # "…, 1 picked": the field holds a value (the last item's), as after a first pick
    for label, items, pick in (("10,000 strings", names, None), ("10,000 dicts", dicts, None),
                               ("strings, 1 picked", names, names[-1]), ("dicts, 1 picked", dicts, 9999)):
        renderer, ctrl, iid, state = setup(items, pick)
        for text in typing[:20]:  # warm-up
            keystroke(renderer, ctrl, iid, state, text)
        row = f"{label:19}"
        for texts in (typing, fresh):
            times = [keystroke(renderer, ctrl, iid, state, text) for text in texts]
            row += f"{statistics.median(times):14.2f}{max(times):14.2f}"
        print(row)
    print(f"(reference: the click budget, p95 ≤ {REFERENCE_MS} ms in the browser)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=200, help="keystrokes and clicks each (default 200)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds (default 4)")
    parser.add_argument("--server-only", action="store_true", help="skip the browser figures")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"bench/autocomplete.py, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, load average {load:.2f}\n")
    if not args.server_only:
        browser_figures(args.samples, args.rounds)
        print()
    print("Server side only (input event + flush + render of the options), 120 and 60 keystrokes:")
    server_figures()


if __name__ == "__main__":
    main()

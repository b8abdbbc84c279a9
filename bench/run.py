"""The benchmark: htmxtrame, trame and the floor, side by side, in one run.

    python bench/run.py                 # or: make bench
    python bench/run.py --readme        # also write the table into bench/README.md

Sets up what it needs (trame in bench/.venv-trame, from PyPI), runs the
same scenario on each framework in headless Chromium, then the 1000-session
websocket scale test, and prints one table. Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from apps_proc import TRAME_PY, App  # noqa: E402

FRAMEWORKS = ["floor", "htmxtrame", "trame"]
CHROMIUM = os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# (key, label, unit/format, target text, check(htmxtrame, results) -> bool | None)
ROWS = [
    ("click_p50", "click round trip p50 (ms)", "{:.2f}", "≤ 2 and ≤ 0.4× trame",
     lambda v, r: v <= 2 and v <= 0.4 * r["trame"].get("click_p50", math.inf)),
    ("click_p95", "click round trip p95 (ms)", "{:.2f}", "≤ 4", lambda v, r: v <= 4),
    ("click_p99", "click round trip p99 (ms)", "{:.2f}", "", None),
    ("click_b2b_p50", "click p50, back-to-back clicks (ms)", "{:.2f}", "", None),
    ("slider_p50", "slider round trip p50 (ms)", "{:.2f}", "≤ trame and ≤ 1.2× floor",
     lambda v, r: v <= r["trame"].get("slider_p50", math.inf) and v <= 1.2 * r["floor"].get("slider_p50", math.inf)),
    ("slider_p95", "slider round trip p95 (ms)", "{:.2f}", "", None),
    ("push_100hz_per_s", "push at 100 Hz: updates seen /s", "{:.0f}", "", None),
    ("burst_final_ms", "burst: final value shown after (ms)", "{:.0f}", "≤ 90", lambda v, r: v <= 90),
    ("burst_frames", "burst: websocket frames", "{:.0f}", "≤ animation frames",
     lambda v, r: v <= max(1, r["htmxtrame"].get("burst_anim_frames", 0))),
    ("burst_anim_frames", "burst: animation frames meanwhile", "{:.0f}", "", None),
    ("load_kib", "first load: KiB transferred", "{:.1f}", "≤ 40", lambda v, r: v <= 40),
    ("requests", "first load: requests", "{:.0f}", "", None),
    ("first_click_ms", "first load: first working click (ms)", "{:.0f}", "≤ 150", lambda v, r: v <= 150),
    ("up_bytes", "bytes per click, page → server", "{:.0f}", "", None),
    ("down_bytes", "bytes per click, server → page", "{:.0f}", "", None),
    ("server_cpu_ms", "server CPU per click (ms)", "{:.2f}", "≤ 0.4", lambda v, r: v <= 0.4),
    ("browser_cpu_ms", "browser CPU per click (ms)", "{:.2f}", "", None),
    ("rss_1page_mib", "server RSS, 1 page (MiB)", "{:.1f}", "", None),
    ("rss_21pages_mib", "server RSS, 21 pages (MiB)", "{:.1f}", "", None),
    ("rss_per_page_kib", "server RSS per extra page (KiB)", "{:.0f}", "≤ 64", lambda v, r: v <= 64),
    ("reach_p50_ms", "scale: one change reaches all sessions, p50 (ms)", "{:.0f}", "", None),
    ("reach_p99_ms", "scale: one change reaches all sessions, p99 (ms)", "{:.0f}", "≤ 250", lambda v, r: v <= 250),
    ("rss_per_session_kib", "scale: server RSS per session (KiB)", "{:.0f}", "", None),
]


def ensure_trame() -> str:
    """Create bench/.venv-trame with trame + trame-vuetify from PyPI if missing; its trame version."""
    if not TRAME_PY.exists():
        print("setting up bench/.venv-trame (trame, trame-vuetify from PyPI)…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(TRAME_PY.parent.parent)], check=True)
        subprocess.run([str(TRAME_PY), "-m", "pip", "install", "-q", "trame", "trame-vuetify"], check=True)
    out = subprocess.run([str(TRAME_PY), "-c", "from importlib.metadata import version as v; "
                          "print(v('trame'), v('trame-server'), v('trame-client'))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return f"trame {out[0]} (trame-server {out[1]}, trame-client {out[2]})"


def measure_browser(frameworks: list[str], quick: bool, rounds: int) -> dict:
    """Chromium figures for every framework: {name: {figure: [one value per round]}}.

    Rounds interleave the frameworks (a, b, c, a, b, c…) so a burst of load
    from elsewhere on the machine does not land on one framework only.
    """
    from playwright.sync_api import sync_playwright

    from browser import first_load, measure_page

    n = dict(clicks=40, warmup=5, slider=20, extra_pages=5) if quick else {}
    results: dict = {name: {} for name in frameworks}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for r in range(rounds):
                for name in frameworks:
                    print(f"  {name}: browser, round {r + 1}/{rounds}…", flush=True)
                    app = App(name)
                    try:
                        figures = {**first_load(browser, app.url), **measure_page(browser, app.url, app.pid, **n)}
                    finally:
                        app.stop()
                    for key, value in figures.items():
                        results[name].setdefault(key, []).append(value)
        finally:
            browser.close()
    return results


def measure_scale(frameworks: list[str], sessions: int) -> dict:
    """The no-browser websocket scale test, where we speak the framework's protocol."""
    from wsload import PROTOCOLS, run

    results: dict = {}
    for name in frameworks:
        if name not in PROTOCOLS:
            continue
        print(f"  {name}: {sessions} websocket sessions…", flush=True)
        app = App(name)
        try:
            results[name] = run("localhost", app.port, name, sessions, app.pid)
        finally:
            app.stop()
    return results


def table(results: dict, frameworks: list[str]) -> str:
    """The results as one Markdown table, with the targets and whether htmxtrame meets them."""
    head = ["figure", *frameworks, "target (htmxtrame)", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, label, fmt, target, check in ROWS:
        cells = []
        for name in frameworks:
            cells.append(_cell(results.get(name, {}).get(key), fmt))
        met = ""
        v = _median(results.get("htmxtrame", {}).get(key))
        if check is not None and v is not None:
            try:
                met = "yes" if check(v, _medians(results)) else "**no**"
            except (KeyError, TypeError):
                met = "?"
        lines.append("| " + " | ".join([label, *cells, target, met]) + " |")
    return "\n".join(lines)


def _median(values):
    """The median of a figure's rounds (a single value passes through)."""
    if not isinstance(values, list):
        return values
    vals = [v for v in values if not (isinstance(v, float) and math.isnan(v))]
    return statistics.median(vals) if vals else float("nan")


def _medians(results: dict) -> dict:
    return {name: {k: _median(v) for k, v in figs.items()} for name, figs in results.items()}


def _cell(values, fmt: str) -> str:
    """Median, and the min–max over rounds when there were several."""
    v = _median(values)
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    text = fmt.format(v)
    if isinstance(values, list) and len(values) > 1:
        lo, hi = min(values), max(values)
        if fmt.format(lo) != fmt.format(hi):
            text += f" ({fmt.format(lo)}–{fmt.format(hi)})"
    return text


def versions(trame: str) -> str:
    """What was measured, on what."""
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        chromium = "chromium ?"
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    return (f"htmxtrame {head} · {trame} · Flask {metadata.version('flask')} · flask-sock {metadata.version('flask-sock')} · "
            f"htmx 4.0.1 · Python {platform.python_version()} · {chromium} · {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.2f} at the start")


def write_readme(text: str) -> None:
    """Replace the results block in bench/README.md."""
    path = HERE / "README.md"
    doc = path.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    i, j = doc.index(start) + len(start), doc.index(end)
    path.write_text(doc[:i] + "\n" + text + "\n" + doc[j:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=FRAMEWORKS, help="frameworks to run (default: all)")
    ap.add_argument("--sessions", type=int, default=1000, help="websocket sessions in the scale test")
    ap.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    ap.add_argument("--rounds", type=int, default=2, help="browser rounds per framework, interleaved (default 2)")
    ap.add_argument("--readme", action="store_true", help="write the table into bench/README.md")
    ap.add_argument("--json", type=Path, help="also save the raw figures here")
    args = ap.parse_args()
    frameworks = args.only or FRAMEWORKS
    started = time.time()
    trame = ensure_trame() if "trame" in frameworks else "trame (not run)"
    info = versions(trame)
    print(f"benchmark {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC — {info}", flush=True)
    results = measure_browser(frameworks, args.quick, 1 if args.quick else args.rounds)
    for name, figures in measure_scale(frameworks, args.sessions).items():
        results.setdefault(name, {}).update(figures)
    text = (f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {time.time() - started:.0f} s"
            f"{' (--quick)' if args.quick else ''}: {info}; load average {os.getloadavg()[0]:.2f} at the end. "
            f"Scale rows: {args.sessions} websocket sessions on one server process. Browser rows: median of "
            f"{1 if args.quick else args.rounds} interleaved rounds, (min–max) when they differ.\n\n" + table(results, frameworks))
    print()
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()

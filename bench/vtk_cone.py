"""The cone, dragged for 3 s in Chromium: htmxtrame's server-rendered view beside trame's.

    python bench/vtk_cone.py               # htmxtrame, and trame if bench/.venv-trame has trame-vtk
    python bench/vtk_cone.py --no-trame    # htmxtrame only
    python bench/vtk_cone.py --seconds 5

Both sides render the same VTK pipeline (apps/cone.py, bench/apps/cone_trame.py)
off-screen, in the same window size (800 x 600 page), with the same view
settings (interactive_ratio 1, interactive_quality 60, still_quality 94).
Printed, for each: the first frame after page load (ms since navigation),
frames per second shown during a scripted 3 s circular drag, pointer-move to
new-image latency p50/p95 (for each image: the time since the first pointer
move it could reflect), and websocket bytes received per image during the drag.
Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium")
TRAME_PY = ROOT / "bench" / ".venv-trame" / "bin" / "python"

# Records pointer moves and every image the page shows (an <img> whose src changes).
PROBE = """
window.__bench = { moves: [], frames: [] };
document.addEventListener("pointermove", () => window.__bench.moves.push(performance.now()), true);
new MutationObserver(records => {
  for (const r of records) if (r.target.tagName === "IMG") window.__bench.frames.push(performance.now());
}).observe(document, { attributes: true, attributeFilter: ["src"], subtree: true });
"""


class App:
    """An app process; ``url`` once it printed its port."""

    def __init__(self, command: list[str]) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=env, cwd=ROOT)
        self.url = ""
        ready = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # type: ignore[union-attr]
                m = re.search(r"http://[\w.]+:(\d+)/", line)
                if m and not ready.is_set():
                    self.url = f"http://localhost:{m.group(1)}/"
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(60):
            self.stop()
            raise RuntimeError(f"{command} did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure(browser, url: str, seconds: float) -> dict:
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.add_init_script(PROBE)
    received = {"bytes": 0, "count": 0}

    def on_socket(ws) -> None:
        def frame(payload) -> None:
            if isinstance(payload, bytes):
                received["bytes"] += len(payload)
                received["count"] += 1
        ws.on("framereceived", frame)

    page.on("websocket", on_socket)
    page.goto(url)
    page.wait_for_function("window.__bench.frames.length > 0", timeout=30_000)
    first = page.evaluate("window.__bench.frames[0]")
    time.sleep(1.5)  # the still frame at the page's size, and any warm-up
    box = page.evaluate("""() => {
      let best = null;
      for (const img of document.querySelectorAll("img")) {
        const r = img.getBoundingClientRect();
        if (!best || r.width * r.height > best.width * best.height) best = r;
      }
      return { x: best.x, y: best.y, width: best.width, height: best.height };
    }""")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    radius = min(box["width"], box["height"]) / 4
    page.mouse.move(cx + radius, cy)
    page.mouse.down()
    start = page.evaluate("performance.now()")
    bytes0 = received["bytes"]
    t0 = time.monotonic()
    step = 0
    while time.monotonic() - t0 < seconds:
        step += 1
        angle = step * 0.05
        page.mouse.move(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        time.sleep(0.008)  # ≈ a 100 Hz mouse, as the browser would report it
    end = page.evaluate("performance.now()")
    page.mouse.up()
    time.sleep(0.3)
    drag_bytes = received["bytes"] - bytes0
    data = page.evaluate("window.__bench")
    context.close()
    frames = [t for t in data["frames"] if start <= t <= end + 100]
    moves = [t for t in data["moves"] if start <= t <= end]
    latencies, previous = [], start
    for t in frames:
        pending = [m for m in moves if previous <= m < t]
        if pending:
            latencies.append(t - pending[0])
        previous = t
    shown_after = [t for t in data["frames"] if t > start]
    return {
        "first frame (ms)": first,
        "fps during drag": len(frames) / ((end - start) / 1000),
        "latency p50 (ms)": statistics.median(latencies) if latencies else float("nan"),
        "latency p95 (ms)": _p95(latencies),
        "bytes / image": drag_bytes / max(len(shown_after), 1),
        "pointer moves": len(moves),
    }


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--no-trame", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    sides = [("htmxtrame", [sys.executable, str(ROOT / "apps/cone.py"), "--server", "--port", "0"])]
    has_trame = TRAME_PY.exists() and subprocess.run(
        [str(TRAME_PY), "-c", "import trame_vtk, trame_vuetify"], capture_output=True).returncode == 0
    if not args.no_trame:
        if has_trame:
            sides.append(("trame", [str(TRAME_PY), str(ROOT / "bench/apps/cone_trame.py"), "--server", "--port", "0"]))
        else:
            print("trame: not measured (python -m venv bench/.venv-trame && "
                  "bench/.venv-trame/bin/pip install trame trame-vtk trame-vuetify vtk)")
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, command in sides:
            app = App(command)
            try:
                results[name] = measure(browser, app.url, args.seconds)
            finally:
                app.stop()
        browser.close()
    keys = list(next(iter(results.values())))
    print(f"\ncone, 800x600 page, {args.seconds:g} s drag, {os.cpu_count()} CPU(s)")
    print(f"{'':22}" + "".join(f"{name:>14}" for name in results))
    for key in keys:
        print(f"{key:22}" + "".join(f"{results[name][key]:>14.1f}" for name in results))


if __name__ == "__main__":
    main()

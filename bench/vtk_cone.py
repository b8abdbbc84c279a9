"""The cone, dragged for 3 s in Chromium: htmxtrame's server-rendered view beside trame's.

    python bench/vtk_cone.py               # htmxtrame, and trame if bench/.venv-trame has trame-vtk
    python bench/vtk_cone.py --no-trame    # htmxtrame only
    python bench/vtk_cone.py --seconds 5 --runs 5
    python bench/vtk_cone.py --stages      # where one frame's time goes on the server (no browser)
    python bench/vtk_cone.py --no-msaa-too # also htmxtrame with interactive_multisamples=0

Both sides render the same VTK pipeline (apps/cone.py, bench/apps/cone_trame.py)
off-screen, in the same window size (800 x 600 page), with the same view
settings (interactive_ratio 1, interactive_quality 60, still_quality 94).
Printed, for each: the first frame after page load (ms since navigation),
frames per second shown during a scripted 3 s circular drag, pointer-move to
new-image latency p50/p95 (for each image: the time since the first pointer
move it could reflect), the same up to the image being decoded (its load
event), and websocket bytes received per image during the drag. Each side runs
``--runs`` times (fresh server and page each time, the sides taking turns, so
load on a shared machine hits both alike); the table gives the median and, in
brackets, the lowest and highest run, then the load average.
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
# apps/cone.py with every view built with interactive_multisamples=0 (a setting trame lacks).
NO_MSAA = """
import runpy, sys
from htmxtrame.widgets.vtk import views
init = views.VtkRemoteView.__init__
def patched(self, *args, **kwargs):
    kwargs.setdefault("interactive_multisamples", 0)
    init(self, *args, **kwargs)
views.VtkRemoteView.__init__ = patched
sys.argv = ["apps/cone.py", *sys.argv[1:]]
runpy.run_path("apps/cone.py", run_name="__main__")
"""
CHROMIUM = os.environ.get("HTMXTRAME_CHROMIUM", "/usr/bin/chromium")
TRAME_PY = ROOT / "bench" / ".venv-trame" / "bin" / "python"

# Records pointer moves and every image the page shows (an <img> whose src changes).
PROBE = """
window.__bench = { moves: [], frames: [] };
document.addEventListener("pointermove", () => window.__bench.moves.push(performance.now()), true);
window.__bench.loaded = [];
new MutationObserver(records => {
  for (const r of records) if (r.target.tagName === "IMG") window.__bench.frames.push(performance.now());
}).observe(document, { attributes: true, attributeFilter: ["src"], subtree: true });
document.addEventListener("load", e => {
  if (e.target.tagName === "IMG") window.__bench.loaded.push(performance.now());
}, true);
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
    latencies = _latencies(frames, moves, start)
    decoded = _latencies([t for t in data["loaded"] if start <= t <= end + 200], moves, start)
    shown_after = [t for t in data["frames"] if t > start]
    return {
        "first frame (ms)": first,
        "fps during drag": len(frames) / ((end - start) / 1000),
        "latency p50 (ms)": statistics.median(latencies) if latencies else float("nan"),
        "latency p95 (ms)": _p95(latencies),
        "to decoded p50 (ms)": statistics.median(decoded) if decoded else float("nan"),
        "bytes / image": drag_bytes / max(len(shown_after), 1),
        "pointer moves": len(moves),
    }


def _latencies(images: list[float], moves: list[float], start: float) -> list[float]:
    """For each image: the time since the first pointer move after the previous image."""
    out, previous = [], start
    for t in images:
        pending = [m for m in moves if previous <= m < t]
        if pending:
            out.append(t - pending[0])
        previous = t
    return out


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def stages(frames: int = 100) -> None:
    """Time each step of one frame on this machine: render, readback, encodings, message."""
    sys.path.insert(0, str(ROOT))
    from htmxtrame.widgets.vtk import _vtk
    from htmxtrame.widgets.vtk.frames import Encoder, Frame, _pillow

    _vtk.require()
    from vtkmodules.vtkFiltersSources import vtkConeSource
    from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkRenderWindow

    renderer, window = vtkRenderer(), vtkRenderWindow()
    window.AddRenderer(renderer)
    window.SetOffScreenRendering(1)
    source, mapper, actor = vtkConeSource(), vtkPolyDataMapper(), vtkActor()
    mapper.SetInputConnection(source.GetOutputPort())
    actor.SetMapper(mapper)
    renderer.AddActor(actor)
    renderer.ResetCamera()
    window.SetSize(800, 536)  # the cone's view in the 800 x 600 page
    window.Render()
    cam, encoder = renderer.GetActiveCamera(), Encoder(window)
    encoder.read()
    pil = _pillow()

    def timed(step, before=lambda: None) -> float:
        """Median ms of *step*, each time after an untimed *before* (medians: the machine is shared)."""
        before()
        step()
        times = []
        for _ in range(frames):
            before()
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000

    def render() -> None:
        cam.Azimuth(1)
        window.Render()

    def read(front: int) -> None:
        encoder.grab.SetReadFrontBuffer(front)
        encoder.grab.Modified()
        encoder.grab.Update()

    def vtk_jpeg(quality: int) -> bytes:
        encoder.jpeg.SetQuality(quality)
        encoder.jpeg.Write()
        return bytes(memoryview(encoder.jpeg.GetResult()))

    rows = [
        ("VTK Render()", timed(render), f"MSAA x{window.GetMultiSamples()}"),
        ("readback: back buffer (before)", timed(lambda: read(0), render), "resolves the MSAA buffer again"),
        ("readback: front buffer (now)", timed(lambda: read(1), render), "the image Render() resolved"),
        ("JPEG q60, VTK progressive", timed(lambda: vtk_jpeg(60)), f"{len(vtk_jpeg(60))} B"),
        ("JPEG q94, VTK progressive", timed(lambda: vtk_jpeg(94)), f"{len(vtk_jpeg(94))} B"),
    ]
    if pil is not None:
        q60 = encoder._pillow_jpeg(pil, 60)
        rows.append(("JPEG q60, Pillow optimised", timed(lambda: encoder._pillow_jpeg(pil, 60)), f"{len(q60)} B"))
        rows.append(("JPEG q94, Pillow optimised", timed(lambda: encoder._pillow_jpeg(pil, 94)),
                     f"{len(encoder._pillow_jpeg(pil, 94))} B"))
    data, _ = encoder.encode(60)
    rows.append(("frame message (header + copy)", timed(lambda: Frame("v1", 1, 800, 536, "image/jpeg", False, data)), ""))
    print(f"one cone frame at 800 x 536 on {type(window).__name__}, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.1f}")
    for name, ms, note in rows:
        print(f"  {name:34}{ms:8.2f} ms  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-trame", action="store_true")
    parser.add_argument("--no-msaa-too", action="store_true",
                        help="also measure htmxtrame with interactive_multisamples=0 (drag frames not anti-aliased)")
    parser.add_argument("--stages", action="store_true", help="time a frame's steps on the server and stop")
    args = parser.parse_args()
    if args.stages:
        stages()
        return
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
    if args.no_msaa_too:
        sides.append(("htmx, drag MSAA 0", [sys.executable, "-c", NO_MSAA, "--server", "--port", "0"]))
    results: dict[str, list[dict]] = {name: [] for name, _ in sides}
    loads = [os.getloadavg()[0]]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for run in range(max(1, args.runs)):
            for name, command in (sides if run % 2 == 0 else sides[::-1]):  # taking turns
                app = App(command)
                try:
                    results[name].append(measure(browser, app.url, args.seconds))
                finally:
                    app.stop()
                loads.append(os.getloadavg()[0])
        browser.close()
    keys = list(results[sides[0][0]][0])
    print(f"\ncone, 800x600 page, {args.seconds:g} s drag, {args.runs} run(s) per side, {os.cpu_count()} CPU(s), "
          f"1-min load average {min(loads):.1f}-{max(loads):.1f} (median {statistics.median(loads):.1f})")
    print(f"{'':22}" + "".join(f"{name:>26}" for name in results))
    for key in keys:
        cells = []
        for name in results:
            values = [r[key] for r in results[name]]
            cells.append(f"{statistics.median(values):.1f} [{min(values):.1f}-{max(values):.1f}]")
        print(f"{key:22}" + "".join(f"{c:>26}" for c in cells))
    if "trame" in results:
        theirs = results["trame"]
        for name in [n for n in results if n != "trame"]:
            for key in ("fps during drag", "latency p50 (ms)", "latency p95 (ms)", "bytes / image"):
                ratio = statistics.median(r[key] for r in results[name]) / statistics.median(r[key] for r in theirs)
                print(f"{name} / trame, {key}: {ratio:.2f}")


if __name__ == "__main__":
    main()

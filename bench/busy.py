"""What ``trame__busy`` costs per click: bytes, frames and server CPU.

    python bench/busy.py                      # 300 clicks per row
    python bench/busy.py --clicks 1000 --pythonpath /path/to/other/checkout

One server process (an app written to a temporary folder), one websocket
client in this process clicking as fast as the answers come back. Rows:

* ``plain`` — a counter layout that never reads ``trame__busy`` (the
  reference: what every app that does not use it pays);
* ``reads busy, fast`` — the same counter plus ``{{ trame__busy }}``, a
  ``VProgressLinear(active=("trame__busy",))`` and a ``disabled=("trame__busy",)``
  button: a handler that answers at once (never shown busy);
* ``reads busy, slow`` — the same layout, a handler taking 80 ms (shown busy
  to its page after 50 ms, then idle).

``--pythonpath`` runs the server from another checkout (run it there for
``plain`` to compare before/after). Keep ``--clicks`` at 1000 or less: past
the server's ``max_messages_per_second`` budget clicks are dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websocket  # websocket-client (the test extra)
from procstat import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent

APP = '''
import time
from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3

server = get_server()
state = server.state
state.count = 0


def inc():
    state.count += 1


def slow_inc():
    time.sleep(0.08)
    state.count += 1


for name, reads_busy in (("plain", False), ("busy", True)):
    with SinglePageLayout(server, template_name=name) as layout:
        layout.title.set_text("busy bench")
        with layout.content:
            html.Div("count = {{ count }}", id="count")
            v3.VBtn("inc", id="inc", click=inc)
            v3.VBtn("slow", id="slow", click=slow_inc)
            for i in range(20):
                html.Div(f"row {i}: {{{{ count + {i} }}}}")
            if reads_busy:
                v3.VProgressLinear(indeterminate=True, active=("trame__busy",))
                html.Div("busy: {{ trame__busy }}")
                v3.VBtn("save", disabled=("trame__busy",))

if __name__ == "__main__":
    server.start(open_browser=False, timeout=0)
'''


def clicks(port: int, ui: str, button: str, n: int, pid: int) -> dict:
    ws = websocket.create_connection(f"ws://localhost:{port}/__htmxtrame/ws?ui={ui}", timeout=10)
    ws.send(json.dumps({"t": "hello", "seq": -1}))
    body = ws.recv()
    iid = re.search(rf'id=\\?"{button}\\?"[^>]*data-ht=\\?"([^"\\]+)', body).group(1)  # type: ignore[union-attr]
    total = frames = 0
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    for k in range(1, n + 1):
        ws.send(json.dumps({"t": "ev", "id": iid, "ev": "click", "n": k}))
        while True:
            text = ws.recv()
            total += len(text.encode())
            frames += 1
            if json.loads(text).get("ack", 0) >= k:
                break
    cpu, wall = cpu_seconds(pid) - cpu0, time.perf_counter() - t0
    ws.close()
    return {"bytes": total / n, "frames": frames / n, "cpu_ms": 1000 * cpu / n, "wall_ms": 1000 * wall / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=300)
    parser.add_argument("--pythonpath", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder) / "busy_bench_app.py"
        app.write_text(APP)
        proc = subprocess.Popen([sys.executable, str(app), "--server", "--port", "0"], cwd=folder,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env={"PYTHONPATH": str(args.pythonpath), "PATH": "/usr/bin:/bin"})
        try:
            port = 0
            for line in proc.stdout:  # type: ignore[union-attr]
                m = re.search(r"http://[\w.]+:(\d+)/", line)
                if m:
                    port = int(m.group(1))
                    break
            rows = [("plain", "plain", "inc", args.clicks), ("reads busy, fast", "busy", "inc", args.clicks),
                    ("reads busy, slow (80 ms)", "busy", "slow", max(20, args.clicks // 10))]
            clicks(port, "plain", "inc", 50, proc.pid)  # warm up
            print(f"{'layout / handler':28} {'clicks':>6} {'bytes/click':>12} {'frames/click':>13} "
                  f"{'server CPU ms/click':>20} {'wall ms/click':>14}")
            for label, ui, button, n in rows:
                r = clicks(port, ui, button, n, proc.pid)
                print(f"{label:28} {n:>6} {r['bytes']:>12.0f} {r['frames']:>13.2f} {r['cpu_ms']:>20.3f} "
                      f"{r['wall_ms']:>14.2f}")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()

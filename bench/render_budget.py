"""What a huge loop count costs, and what another page's clicks wait meanwhile.

    python bench/render_budget.py [--rows 1000000] [--clicks 40]

Figures, never pass/fail. The app is ``tests/reliability/app_render.py``:
``#n`` (``v_model_number``) feeds ``v_for="i in n"``. Printed:

* **page load** — rendering the whole layout with ``n = --rows``, in-process;
* **flush** — one socket message setting ``n``, to the frame that answers it
  (its size too), over a live server;
* **other page's click** — round trips of a second page clicking ``#inc``
  while the first sends a new huge count each time it is answered (p50 / max).

Reference: the same script run against the code before the render budget
(``PYTHONPATH=<old checkout> python bench/render_budget.py --rows 200000``;
a million rows took minutes there, so the old figures below are for fewer):
page load of 200,000 rows ≈ 1.3 s and a 6 MB body; 1,000,000 rows: 108 s
under the state lock and a 14.9 MB frame to every page (issue 16).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reliability.app_render import build  # noqa: E402
from tests.reliability.conftest import Live  # noqa: E402


def page_load(rows: int) -> tuple[float, int]:
    """Seconds and characters to render the whole layout with *rows* rows."""
    server = build("bench_render_load")
    server.state.set_ready()
    server.state.n = rows
    server.state.flush()
    rend = server._scope.renderer("main")
    started = time.perf_counter()
    body = rend.render_page_body()
    return time.perf_counter() - started, len(body)


def _connect(live: Live) -> websocket.WebSocket:
    ws = websocket.create_connection(live.ws_url, timeout=600)
    ws.send(json.dumps({"t": "hello", "seq": -1}))
    while "content" not in json.loads(ws.recv()):
        pass
    return ws


def _until(ws: websocket.WebSocket, key: str) -> dict:
    while True:
        msg = json.loads(ws.recv())
        if key in msg.get("dirty", ()):
            return msg


def live_figures(rows: int, clicks: int) -> dict:
    """Flush time and size for *rows*, and another page's click round trips meanwhile."""
    server = build("bench_render_live")
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    live = Live(server)
    try:
        n_id, inc_id = live.iid("n"), live.iid("inc")
        attacker, other = _connect(live), _connect(live)
        started = time.perf_counter()
        attacker.send(json.dumps({"t": "ev", "id": n_id, "ev": "input", "value": rows}))
        frame = _until(attacker, "n")
        flush = time.perf_counter() - started
        size = len(frame.get("content", ""))
        stop = threading.Event()

        def keep_asking() -> None:
            value = rows
            while not stop.is_set():
                value = rows - 1 if value == rows else rows  # a new value each time, so each one renders
                attacker.send(json.dumps({"t": "ev", "id": n_id, "ev": "input", "value": value}))
                _until(attacker, "n")  # as fast as the server answers

        asker = threading.Thread(target=keep_asking, daemon=True)
        asker.start()
        times = []
        for _ in range(clicks):
            t0 = time.perf_counter()
            other.send(json.dumps({"t": "ev", "id": inc_id, "ev": "click"}))
            _until(other, "count")
            times.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.02)
        stop.set()
        asker.join()
        return {"flush": flush, "size": size, "p50": statistics.median(times), "max": max(times)}
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clicks", type=int, default=40)
    args = parser.parse_args()
    load, chars = page_load(args.rows)
    figures = live_figures(args.rows, args.clicks)
    print(f"rows asked for                      {args.rows:>12,}")
    print(f"page load render                    {load * 1000:>10.1f} ms  ({chars:,} characters)")
    print(f"flush (message → its frame)         {figures['flush'] * 1000:>10.1f} ms  ({figures['size']:,} characters)")
    print(f"other page's click, p50 / max       {figures['p50']:>10.1f} / {figures['max']:.1f} ms "
          f"({args.clicks} clicks while the first page keeps asking)")


if __name__ == "__main__":
    main()

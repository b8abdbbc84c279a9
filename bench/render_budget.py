"""What a huge loop count costs, and what another page's clicks wait meanwhile.

    python bench/render_budget.py [--rows 1000000] [--clicks 40]

Figures, never pass/fail. The app is ``tests/reliability/app_render.py``:
``#n`` (``v_model_number``) feeds ``v_for="i in n"``. Printed:

* **page load** — rendering the whole layout with ``n = --rows``, in-process;
* **flush** — one socket message setting ``n``, to the frame that answers it
  (its size too), over a live server;
* **other page's click** — round trips of a second page clicking ``#inc``
  right after the first sent the huge count (with ``--flood``, the first
  sends a new huge count each time it is answered) (p50 / max).

Reference, the code before the render budget (issue 16), same app in
process: a page load of 1,000,000 rows took 25.6 s for 31.9 MB of HTML, the
flush 23.5 s under the state lock for a 31.9 MB frame to every page, and a
second page over sockets was dropped (its pings went unanswered); 200,000
rows: 3.9 s, 6.3 MB. With the budget: well under 10 ms and a few hundred
characters, the other page's clicks p50 under 1 ms.
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

from tests.reliability.app_render import build
from tests.reliability.conftest import Live


def page_load(rows: int) -> tuple[float, int]:
    """Seconds and characters to render the whole layout with *rows* rows."""
    server = build("bench_render_load")
    server.state.ready()
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


def live_figures(rows: int, clicks: int, flood: bool) -> dict:
    """Flush time and size for *rows*, and another page's click round trips meanwhile."""
    server = build("bench_render_live")
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    live = Live(server)
    try:
        n_id, inc_id = live.iid("n"), live.iid("inc")
        attacker, other = _connect(live), _connect(live)
        answered: list[float] = []
        sizes: list[int] = []

        def ask(value: int) -> None:
            attacker.send(json.dumps({"t": "ev", "id": n_id, "ev": "input", "value": value}))

        def read_answers() -> None:
            # The attacker's answers, as they come; with --flood a new count each time.
            value = rows
            while len(answered) < 1 or (flood and not stop.is_set()):
                msg = _until(attacker, "n")
                answered.append(time.perf_counter())
                sizes.append(len(msg.get("content", "")))
                if flood and not stop.is_set():
                    time.sleep(0.005)  # under the server's 500 messages a second, which would drop some
                    value = rows - 1 if value == rows else rows  # a new value, so each one renders
                    ask(value)

        stop = threading.Event()
        reader = threading.Thread(target=read_answers, daemon=True)
        started = time.perf_counter()
        ask(rows)
        reader.start()
        times = []
        for _ in range(clicks):  # right away: while the server handles the huge count
            t0 = time.perf_counter()
            other.send(json.dumps({"t": "ev", "id": inc_id, "ev": "click"}))
            _until(other, "count")
            times.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.02)
        stop.set()
        reader.join()
        return {"flush": answered[0] - started, "size": sizes[0], "p50": statistics.median(times), "max": max(times)}
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--flood", action="store_true", help="the first page sends a new count each time it is answered")
    args = parser.parse_args()
    load, chars = page_load(args.rows)
    figures = live_figures(args.rows, args.clicks, args.flood)
    print(f"rows asked for                      {args.rows:>12,}")
    print(f"page load render                    {load * 1000:>10.1f} ms  ({chars:,} characters)")
    print(f"flush (message → its frame)         {figures['flush'] * 1000:>10.1f} ms  ({figures['size']:,} characters)")
    print(f"other page's click, p50 / max       {figures['p50']:>10.1f} / {figures['max']:.1f} ms "
          f"({args.clicks} clicks right after the first page's message{', which keeps asking' if args.flood else ''})")


if __name__ == "__main__":
    main()

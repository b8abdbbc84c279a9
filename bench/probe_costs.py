"""What one visitor's hostile messages cost the server, kind by kind.

    python bench/probe_costs.py [--messages 400]

Figures, never pass/fail. A live server of the reliability app
(``tests/reliability/app_under_test.py``) gets, from one raw websocket, a
burst of each kind of message a probe sends; then one ordinary click, whose
answer shows the burst was handled. Printed per kind: CPU of the whole
process per message (the client's sending included), log lines and their
characters, bytes sent back, and the growth of the process's peak memory.

Reference (2 shared cores, 400 messages each; main before the third
probe's fixes -> after):

    kind                      µs CPU/msg   log lines   log chars
    refused value (checkbox)     89 -> 85    400 -> 20   32400 -> 1620
    unknown element id           64 -> 43    400 -> 20   52290 -> 2644
    frame not JSON               37 -> 35    400 -> 20   55200 -> 2760
    handler that raises         401 -> 84    800 -> 40  716800 -> 36480

A slider past its max, a hello, a route: under 70 µs, at most one line.
A 1 MB text value: about 17 ms a message (decoded, rendered twice, sent
back: 14 MB for 40 of them), peak memory +31 MB, no log line; the
websocket's reader stops reading while such messages wait.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reliability.app_under_test import build  # noqa: E402
from tests.reliability.conftest import Client, Live  # noqa: E402


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines = 0
        self.chars = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += 1
        self.chars += len(self.format(record))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=400)
    args = parser.parse_args()
    n = args.messages
    counter = _Count()
    counter.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("htmxtrame")
    root.addHandler(counter)
    root.propagate = False
    server = build("probe_costs")
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    live = Live(server)
    client = Client(live, hello=False)
    client.ws.close()
    # websocket-client checks UTF-8 in Python unless told not to: that would be most of the CPU measured.
    client.ws = websocket.create_connection(live.ws_url, skip_utf8_validation=True, timeout=30)
    client.send({"t": "hello", "seq": -1})
    kinds = {
        "refused value (checkbox)": lambda i: {"t": "ev", "id": live.iid("check"), "ev": "change", "value": "x"},
        "slider past its max": lambda i: {"t": "ev", "id": live.iid("slider"), "ev": "input", "value": 1e9},
        "unknown element id": lambda i: {"t": "ev", "id": f"forged{i}", "ev": "click"},
        "frame not JSON": lambda i: "{not json",
        "handler that raises": lambda i: {"t": "ev", "id": live.iid("boom"), "ev": "click"},
        "hello (whole page)": lambda i: {"t": "hello", "seq": -1},
        "route": lambda i: {"t": "route", "path": f"/x{i}"},
        "1 MB text value": lambda i: {"t": "ev", "id": live.iid("name"), "ev": "input", "value": f"{i}" + "x" * 999_000},
    }
    print(f"{'kind':28s} {'µs CPU/msg':>10s} {'log lines':>9s} {'log chars':>9s} {'bytes back':>10s} {'peak RSS +MB':>12s}")
    for kind, make in kinds.items():
        time.sleep(2.5)  # the rate limit's bucket refills: each kind starts afresh
        counter.lines = counter.chars = 0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        received = 0
        cpu = time.process_time()
        count = n if "1 MB" not in kind else min(n, 40)
        for i in range(count):
            client.send(make(i))
        client.ev("inc", "click")
        while True:
            frame = client.ws.recv()
            received += len(frame)
            if '"count"' in frame and '"dirty"' in frame:
                break
        spent = time.process_time() - cpu
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
        print(f"{kind:28s} {spent / count * 1e6:10.0f} {counter.lines:9d} {counter.chars:9d} {received:10d} {grown:12.1f}")
    client.close()
    server.stop()


if __name__ == "__main__":
    main()

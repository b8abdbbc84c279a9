"""Profile the running htmxtrame server (all threads) while a client clicks.

py-spy samples the app process (installed in bench/.venv-tools, not a
runtime dependency); a websocket client sends N clicks one after another,
each waiting for its push. Prints the top self-time functions and the
share of samples per area (transport, rendering, state, ...).

    bench/.venv-tools/bin/pip install py-spy pyinstrument
    python bench/profile_server.py [clicks]
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYSPY = HERE / ".venv-tools" / "bin" / "py-spy"

def main(clicks: int = 2000) -> None:
    raw = Path(tempfile.mkdtemp()) / "server.txt"
    proc = subprocess.Popen(
        [str(PYSPY), "record", "--format", "raw", "--rate", "500", "--threads", "-o", str(raw), "--",
         sys.executable, str(HERE / "apps" / "scenario_htmxtrame.py"), "--server", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
    )
    port = None
    for line in proc.stdout:  # type: ignore[union-attr]
        m = re.search(r"http://[\w.]+:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    assert port, "app did not start under py-spy"
    page = urllib.request.urlopen(f"http://localhost:{port}/").read().decode()
    iid = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', page).group(1)
    ws = websocket.create_connection(f"ws://localhost:{port}/__htmxtrame/ws?ui=main", timeout=10)
    ws.send(json.dumps({"t": "hello", "seq": -1}))
    ws.recv()
    msg = json.dumps({"t": "ev", "id": iid, "ev": "click", "event": {"type": "click"}})
    t = time.perf_counter()
    for _ in range(clicks):
        ws.send(msg)
        while b'"count"' not in ws.recv().encode():
            pass
        time.sleep(0.02)  # clicks 20 ms apart, as in the browser bench
    elapsed = time.perf_counter() - t
    ws.close()
    subprocess.run(["pkill", "-INT", "-P", str(proc.pid)], check=False)  # the app, child of py-spy
    proc.wait(30)
    summarise(raw, clicks, elapsed)


def summarise(raw: Path, clicks: int, elapsed: float) -> None:
    """Top self-time and inclusive functions (py-spy leaves out idle threads)."""
    self_time: collections.Counter = collections.Counter()
    inclusive: collections.Counter = collections.Counter()
    busy = waiting = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        leaf = frames[-1]
        n = int(count)
        if WAITS.match(_short(leaf)):
            waiting += n  # a thread blocked in a wait py-spy did not call idle
            continue
        busy += n
        self_time[_short(leaf)] += n
        for f in {_short(f) for f in frames}:
            inclusive[f] += n
    print(f"{clicks} clicks in {elapsed:.1f} s; {busy} computing samples at 500 Hz "
          f"≈ {busy / 500 / clicks * 1000:.2f} ms of computing per click; {waiting} more samples blocked in waits")
    print("\ntop self time (share of busy samples):")
    for name, n in self_time.most_common(20):
        print(f"  {100 * n / busy:5.1f}%  {name}")
    print("\ntop inclusive (share of busy samples):")
    for name, n in inclusive.most_common(30):
        print(f"  {100 * n / busy:5.1f}%  {name}")


WAITS = re.compile(r"^(Condition\.wait|Event\.wait|\w*Selector\.select|sleep|socket\.recv\w*|Lock\.acquire) ")


def _short(frame: str) -> str:
    m = re.match(r"(.*) \((.*?):(\d+)\)$", frame.strip())
    if not m:
        return frame.strip()
    func, path = m.group(1), m.group(2)
    for marker in ("site-packages/", "lib/python3.11/", "/work/main/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{func} ({path})"


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)

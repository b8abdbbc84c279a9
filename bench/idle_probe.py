"""What wakes up in an idle htmxtrame server: per-thread CPU and wake-ups.

Starts the shared harness's app (or any app given with --app), opens one
page in headless Chromium, waits until it is connected, then watches every
thread of the server for --seconds: CPU time (utime+stime, /proc stat) and
the number of times the scheduler ran it (/proc schedstat's third field).
A server that does nothing while nothing changes shows 0 wake-ups on every
thread. Figures only, never pass/fail.

    python bench/idle_probe.py [--seconds 10] [--app path/to/app.py]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# the shared harness's app (Vuetify layout); this folder's scenario otherwise
SHARED_APP = Path(os.environ.get("SHARED_BENCH", "/work/shared/bench")) / "apps" / "htmxtrame_app.py"
DEFAULT_APP = SHARED_APP if SHARED_APP.is_file() else HERE / "apps" / "scenario_htmxtrame.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def threads(pid: int) -> dict[int, tuple[str, float, int]]:
    """tid -> (name, cpu seconds, times scheduled)."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            cpu = (int(fields[11]) + int(fields[12])) / tick
            runs = int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[2])
        except (OSError, ValueError, IndexError):
            continue
        out[int(tid)] = (name, cpu, runs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--app", default=str(DEFAULT_APP))
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, args.app, "--server", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("window.htmxtrame && window.htmxtrame.connected")
            time.sleep(1.0)
            before = threads(proc.pid)
            time.sleep(args.seconds)
            after = threads(proc.pid)
            browser.close()
        total_cpu = 0.0
        print(f"idle server, one page open, {args.seconds:g} s: per thread (wake-ups, CPU ms)")
        for tid, (name, cpu, runs) in sorted(after.items()):
            b = before.get(tid, (name, 0.0, 0))
            d_runs, d_cpu = runs - b[2], (cpu - b[1]) * 1000
            total_cpu += d_cpu
            print(f"  {tid:>8} {name:<28} wake-ups {d_runs:>5}   CPU {d_cpu:6.1f} ms")
        print(f"total: {total_cpu / args.seconds:.2f} ms CPU per second")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()

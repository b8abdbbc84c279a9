"""RSS per idle browser session (serve_per_session) beside RSS per page of the shared-state app.

Both run ``apps/per_session.py``'s ``build``: once per browser session
(the app itself), and once on a plain shared-state server (the reference).
Each is its own process; figures are the growth of its RSS (/proc) divided
by how many sessions or pages were added, after a warm-up.

    python bench/sessions_memory.py [--n 200]

* **idle session** — a browser loads the page (no cookie: a new session is
  built, rendered once) and leaves; nothing is connected afterwards.
* **connected page (reference)** — a websocket page of the shared-state
  app, connected and synced (what every tab of a trame-style app costs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import websocket  # websocket-client (the test extra)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procstat import rss_kib  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_APP = """
import sys
sys.path.insert(0, {apps!r})
from per_session import build
from htmxtrame.app import get_server
server = get_server("reference")
server.shared = server  # build() reads server.shared.state: here the one state
server.state.total = 0
build(server)
server.start()
"""
ENV = {"HTMXTRAME_MAX_WEBSOCKETS": "5000", "HTMXTRAME_MAX_WEBSOCKETS_PER_CLIENT": "5000", "MALLOC_ARENA_MAX": "2"}


class Proc:
    """An app process on a free port."""

    def __init__(self, args: list[str]) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT), **ENV}
        self.proc = subprocess.Popen([sys.executable, *args, "--server", "--port", "0", "--timeout", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
        self.port = 0
        found = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # type: ignore[union-attr]
                m = re.search(r"http://[\w.]+:(\d+)/", line)
                if m and not found.is_set():
                    self.port = int(m.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(60):
            self.stop()
            raise RuntimeError("the app did not start")
        self.url = f"http://localhost:{self.port}/"

    def rss(self) -> int:
        return rss_kib(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def load(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read().decode()


def settle(proc: Proc) -> int:
    """RSS once it stops moving (threads finishing, buffers freed)."""
    last = proc.rss()
    for _ in range(20):
        time.sleep(0.25)
        now = proc.rss()
        if abs(now - last) < 64:
            return now
        last = now
    return last


def per_idle_session(n: int) -> tuple[float, int]:
    proc = Proc([str(ROOT / "apps" / "per_session.py")])
    try:
        for _ in range(20):  # warm-up: imports, first renders, the first sessions' allocator pools
            load(proc.url)
        before = settle(proc)
        for _ in range(n):
            load(proc.url)  # no cookie: a new browser, a new session, then it leaves
        after = settle(proc)
        return (after - before) / n, after
    finally:
        proc.stop()


def per_connected_page(n: int) -> tuple[float, int]:
    proc = Proc(["-c", SHARED_APP.format(apps=str(ROOT / "apps"))])
    sockets = []
    try:
        ws_url = f"ws://localhost:{proc.port}/__htmxtrame/ws?ui=main"

        def connect() -> None:
            load(proc.url)
            ws = websocket.create_connection(ws_url, timeout=30)
            ws.send(json.dumps({"t": "hello", "seq": -1}))
            ws.recv()  # the page's body: connected and synced
            sockets.append(ws)

        for _ in range(20):
            connect()
        before = settle(proc)
        for _ in range(n):
            connect()
        after = settle(proc)
        return (after - before) / n, after
    finally:
        for ws in sockets:
            ws.close()
        proc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="sessions / pages added (default 200)")
    n = parser.parse_args().n
    session, session_total = per_idle_session(n)
    page, page_total = per_connected_page(n)
    print(f"apps/per_session.py, {n} added after a warm-up of 20 (RSS growth / {n}):")
    print(f"  {'idle browser session (serve_per_session)':46} {session:8.1f} KiB   process RSS {session_total / 1024:6.1f} MiB")
    print(f"  {'connected page, shared-state app (reference)':46} {page:8.1f} KiB   process RSS {page_total / 1024:6.1f} MiB")
    print(f"  ratio session / page: {session / page:.2f}" if page > 0 else "")


if __name__ == "__main__":
    main()

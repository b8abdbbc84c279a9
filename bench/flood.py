"""Floods one visitor can send, and what they cost the server: RSS before and
after, threads, and how fast another page's click is answered.

Figures, not pass/fail. The server (the reliability suite's test app) runs
as its own process so its RSS is its own; ``--tree`` runs another checkout
of htmxtrame (e.g. the code before the transport limits) as the reference::

    python bench/flood.py                      # this checkout
    python bench/flood.py --tree /tmp/old      # a reference checkout
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20

SERVER = """
import json, sys
from tests.reliability.app_under_test import build
server = build("flood", **json.loads(sys.argv[1]))
server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
print(server.port, flush=True)
sys.stdin.read()
server.stop()
"""


class Server:
    """The test app in a child process."""

    def __init__(self, tree: Path, options: dict) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree), "TRAME_ARGS": "--timeout 0"}
        self.proc = subprocess.Popen([sys.executable, "-c", SERVER, json.dumps(options)], cwd=tree, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.ws_url = f"ws://127.0.0.1:{self.port}/__htmxtrame/ws?ui=main"
        page = urllib.request.urlopen(self.url, timeout=10).read().decode()
        self.ids = _ids(page)

    def status(self, key: str) -> int:
        """A field of /proc/<pid>/status (VmRSS in KiB, Threads)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def rss_mb(self) -> float:
        return self.status("VmRSS") / 1024

    def stop(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _ids(page: str) -> dict[str, str]:
    """DOM id -> data-ht instance id, read from the rendered page."""
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class Ids(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            a = dict(attrs)
            if a.get("id") and a.get("data-ht"):
                found[a["id"]] = a["data-ht"]

    Ids().feed(page)
    return found


def connect(srv: Server, source: str = "127.0.0.1", hello: bool = True) -> websocket.WebSocket:
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=30, source_address=(source, 0))
    ws = websocket.create_connection(srv.ws_url, socket=sock, timeout=30)
    if hello:
        ws.send(json.dumps({"t": "hello", "seq": -1}))
        while "content" not in json.loads(ws.recv()):
            pass
    return ws


def click_ms(srv: Server, ws: websocket.WebSocket) -> float:
    """One click on #inc, until the frame that answers it: milliseconds."""
    start = time.perf_counter()
    ws.send(json.dumps({"t": "ev", "id": srv.ids["inc"], "ev": "click"}))
    while True:
        msg = json.loads(ws.recv())
        if "count" in msg.get("dirty", ()):
            return (time.perf_counter() - start) * 1000


def settle(seconds: float = 1.0) -> None:
    time.sleep(seconds)


def flood_downloads(srv: Server) -> dict:
    ws = connect(srv)
    before = srv.rss_mb()
    start = time.perf_counter()
    for _ in range(400):
        ws.send(json.dumps({"t": "ev", "id": srv.ids["dl"], "ev": "click"}))
    # Refusals merge into a page's pending errors (the newest 20 kept), so
    # count links, and take the flood as answered once the page goes quiet.
    links = refused = 0
    took = 0.0
    ws.settimeout(3)
    try:
        while True:
            msg = json.loads(ws.recv())
            links += sum("download" in c for c in msg.get("calls", ()))
            refused += sum(e.get("code") == "download-refused" for e in msg.get("errors", ()))
            took = time.perf_counter() - start
    except websocket.WebSocketTimeoutException:
        pass
    ws.settimeout(30)
    settle()
    probe = connect(srv)
    answer = click_ms(srv, probe)
    after = srv.rss_mb()
    ws.close()
    probe.close()
    return {"flood": "downloads 400 x 1 MiB", "rss_before": before, "rss_after": after,
            "note": f"{links} links handed out, the rest refused; answered in {took:.1f} s", "answer_ms": answer}


def flood_pings(srv: Server, megabytes: int) -> dict:
    probe = connect(srv)
    flooder = connect(srv)
    # It never reads. (Not with a shrunken receive buffer: the kernel then drops
    # the server's packets, ACKs included, and the flooder stalls itself.)
    frame = websocket.ABNF.create_frame(b"p" * 125, websocket.ABNF.OPCODE_PING).format()
    chunk = frame * 8000
    before = srv.rss_mb()
    answers: list[float] = []
    done = threading.Event()

    def probing() -> None:
        while not done.is_set():
            answers.append(click_ms(srv, probe))
            time.sleep(0.1)

    t = threading.Thread(target=probing, daemon=True)
    t.start()
    sent = 0
    start = time.perf_counter()
    try:
        while sent < megabytes * MB:
            flooder.sock.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass  # the server cut the flooder off
    took = time.perf_counter() - start
    settle(2)
    done.set()
    t.join(10)
    after = srv.rss_mb()
    probe.close()
    try:
        flooder.close()
    except Exception:  # noqa: BLE001 - already cut
        pass
    return {"flood": f"ping flood, {sent // MB} MiB of pings, never reading", "rss_before": before, "rss_after": after,
            "note": f"sent in {took:.1f} s", "answer_ms": max(answers) if answers else float("nan")}


def flood_sockets(srv: Server, n: int = 300, update_kb: int = 500) -> dict:
    writer = connect(srv)  # the page that keeps working, connected before the flood
    before, threads_before = srv.rss_mb(), srv.status("Threads")
    opened: list[websocket.WebSocket] = []
    refused = 0
    for i in range(n):
        try:
            ws = connect(srv, f"127.0.0.{2 + i % 10}", hello=False)
            ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a page that never reads
            opened.append(ws)
        except (websocket.WebSocketBadStatusException, OSError):
            refused += 1
    settle()
    threads = srv.status("Threads")
    # Big updates to every page, which none of them reads.
    for i in range(5):
        value = f"{i}:" + "z" * (update_kb * 1024)
        writer.send(json.dumps({"t": "ev", "id": srv.ids["name"], "ev": "input", "value": value}))
        settle(0.5)
    settle(2)
    peak = srv.rss_mb()
    answer = click_ms(srv, writer)
    settle(8)  # past the bench server's send_stall_timeout
    after = srv.rss_mb()
    for ws in opened:
        try:
            ws.sock.close()
        except OSError:
            pass
    writer.close()
    return {"flood": f"{n} sockets, then 5 x {update_kb} KB updates none reads", "rss_before": before,
            "rss_after": after, "answer_ms": answer,
            "note": (f"{len(opened)} open, {refused} refused; threads {threads_before} -> {threads}; "
                     f"RSS peak {peak:.0f} MB")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout to run the server from")
    ap.add_argument("--ping-mb", type=int, default=64, help="megabytes of pings in the ping flood")
    args = ap.parse_args()
    rows = []
    for run in (lambda s: flood_downloads(s), lambda s: flood_pings(s, args.ping_mb), lambda s: flood_sockets(s)):
        srv = Server(args.tree, {"send_stall_timeout": 5})  # a fresh server per flood
        try:
            rows.append(run(srv))
        finally:
            srv.stop()
    print(f"server tree: {args.tree}")
    print("| flood | RSS before (MB) | RSS after (MB) | another page's click (ms) | notes |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['flood']} | {r['rss_before']:.0f} | {r['rss_after']:.0f} | {r['answer_ms']:.0f} | {r['note']} |")


if __name__ == "__main__":
    main()

"""Forks: the event loop and the pusher work in a forked child (gunicorn --preload),
gunicorn's sync worker is refused, several workers are warned about."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websocket

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")

FORK_SCRIPT = """
import asyncio, os, time
from htmxtrame import aio
from htmxtrame.transport.sending import pusher
ticks = []
async def tick():
    while True:
        ticks.append(os.getpid())
        await asyncio.sleep(0.01)
aio.create_task(tick())
time.sleep(0.1)
pid = os.fork()
if pid == 0:
    n = len(ticks)
    time.sleep(0.3)
    kept = len(ticks) > n + 5 and ticks[-1] == os.getpid()
    try:
        fresh = aio.create_task(asyncio.sleep(0.01, "ran")).result(2)
    except Exception as exc:
        fresh = repr(exc)
    print("child", kept, fresh, pusher._thread is None, flush=True)
    os._exit(0)
os.waitpid(pid, 0)
n = len(ticks)
time.sleep(0.1)
print("parent", len(ticks) > n, flush=True)
"""


def test_tasks_made_before_a_fork_keep_running_in_the_child_and_new_ones_run():
    out = subprocess.run([sys.executable, "-c", FORK_SCRIPT], capture_output=True, text=True, timeout=30,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "child True ran True" in out.stdout, out.stdout + out.stderr
    assert "parent True" in out.stdout


SITE = '''
import asyncio
from flask import Flask
from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

app = Flask(__name__)
server = Server("ticker")
server.state.ticks = 0
with DivLayout(server):
    html.Span("{{ ticks }}", id="ticks")
server.init_app(app, url_prefix="/t")


async def tick():
    while True:
        await asyncio.sleep(0.05)
        with server.state:
            server.state.ticks += 1


asynchronous.create_task(tick())  # at import: gunicorn --preload runs this in the master
'''


class Gunicorn:
    def __init__(self, tmp_path: Path, *args: str) -> None:
        (tmp_path / "tickersite.py").write_text(textwrap.dedent(SITE))
        env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-b", "127.0.0.1:0", *args, "tickersite:app"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
        )
        self.lines: list[str] = []
        self.port = 0
        seen = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # type: ignore[union-attr]
                self.lines.append(line)
                m = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
                if m:
                    self.port = int(m.group(1))
                if "Booting worker" in line:
                    seen.set()

        threading.Thread(target=read, daemon=True).start()
        if not seen.wait(30):
            self.stop()
            raise RuntimeError("gunicorn did not start:\n" + self.output())
        time.sleep(0.3)

    def output(self) -> str:
        return "".join(self.lines)

    def wait_output(self, text: str, timeout: float = 10) -> str:
        """The output once it holds *text* (a worker's log line reaches the pipe a moment after its answer)."""
        deadline = time.monotonic() + timeout
        while text not in self.output() and time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.02)
        return self.output()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def gunicorn(tmp_path):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed (pip install -e '.[test]')")
    started: list[Gunicorn] = []

    def start(*args: str) -> Gunicorn:
        g = Gunicorn(tmp_path, *args)
        started.append(g)
        return g

    yield start
    for g in started:
        g.stop()


def test_under_gunicorn_preload_an_async_task_keeps_pushing_to_pages(gunicorn):
    g = gunicorn("--preload", "-k", "gthread", "--threads", "4", "-w", "1")
    ws = websocket.create_connection(f"ws://127.0.0.1:{g.port}/t/__htmxtrame/ws?ui=main", timeout=5)
    try:
        ws.send(json.dumps({"t": "hello", "seq": 0}))
        seen = []
        deadline = time.monotonic() + 5
        while len(seen) < 5 and time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            if "ticks" in msg.get("dirty", []):
                seen.append(int(re.search(r'<span id="ticks">(\d+)</span>', msg["content"]).group(1)))
        assert len(seen) >= 5 and seen == sorted(seen) and seen[-1] > seen[0], g.output()
    finally:
        ws.close()


def test_gunicorns_sync_worker_is_refused_naming_the_worker_to_use(gunicorn):
    g = gunicorn("-w", "1")  # gunicorn's default worker class: sync
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{g.port}/t/", timeout=5)
    assert refused.value.code == 500
    assert "-k gthread --threads" in refused.value.read().decode()
    assert "-k gthread --threads" in g.wait_output("-k gthread --threads")


def test_several_workers_log_a_warning_once_each(gunicorn):
    g = gunicorn("-k", "gthread", "--threads", "2", "-w", "2")
    for _ in range(4):
        urllib.request.urlopen(f"http://127.0.0.1:{g.port}/t/", timeout=5).read()
    deadline = time.monotonic() + 3
    while "several worker processes" not in g.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert 1 <= g.output().count("several worker processes") <= 2  # once per process at most

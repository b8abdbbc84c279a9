"""A click that starts a task: the task's first change rides in the click's answer.

The page should see what a task it started changes before its first real
``await`` (a progress value, the first tick) in the same frame as the
answer to its click, not in a second frame just behind it; and a task
whose first step is slow must not hold that answer back for long.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import urllib.request

import pytest
import websocket  # websocket-client

from htmxtrame import aio
from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.transport.blueprint import FIRST_STEP_WAIT
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def _serve(first_step_blocks: float = 0.0):
    srv = Server(f"first-step-{int(first_step_blocks * 1000)}")
    state = srv.state
    state.progress = 0
    state.running = False

    async def work():
        if first_step_blocks:
            time.sleep(first_step_blocks)  # a first step that computes before it awaits
        with state:
            state.progress = 1
        await asyncio.sleep(0.2)
        with state:
            state.progress = 2

    @state.change("running")
    def start(running, **_):
        if running:
            asynchronous.create_task(work())

    with DivLayout(srv) as layout:
        html.Button("go", id="go", click="running = true")
        html.Div("{{ progress }}", id="progress")
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False, timeout=0)
    return srv


def _frames_until(ws, predicate, timeout=5.0) -> list[dict]:
    frames: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ws.settimeout(max(0.01, deadline - time.monotonic()))
        frames.append(json.loads(ws.recv()))
        if predicate(frames[-1]):
            return frames
    raise AssertionError(f"no such frame within {timeout} s: {frames}")


def _click(srv: Server) -> list[dict]:
    body = urllib.request.urlopen(f"http://localhost:{srv.port}/").read().decode()
    seq = int(re.search(r'data-ht-seq="(\d+)"', body).group(1))
    go = re.search(r'id="go"[^>]*data-ht="([^"]+)"', body).group(1)
    ws = websocket.create_connection(f"ws://localhost:{srv.port}/__htmxtrame/ws?ui=main", timeout=10)
    try:
        ws.send(json.dumps({"t": "hello", "seq": seq}))
        ws.send(json.dumps({"t": "ev", "id": go, "ev": "click", "n": 1}))
        return _frames_until(ws, lambda f: ">1<" in f.get("content", ""))
    finally:
        ws.close()


def _stop(srv: Server) -> None:
    done = threading.Thread(target=srv.stop)
    done.start()
    done.join(10)


def test_the_first_change_of_a_task_a_click_started_comes_with_the_answer():
    srv = _serve()
    try:
        frames = _click(srv)
    finally:
        _stop(srv)
    answer = next(f for f in frames if f.get("ack") == 1)
    assert "progress" in answer.get("dirty", []), f"the answer came without the task's first change: {frames}"
    assert 'id="progress">1<' in answer["content"]


def test_a_slow_first_step_does_not_hold_the_answer_back():
    srv = _serve(first_step_blocks=0.3)
    try:
        frames = _click(srv)
    finally:
        _stop(srv)
    answer = next(i for i, f in enumerate(frames) if f.get("ack") == 1)
    change = next(i for i, f in enumerate(frames) if ">1<" in f.get("content", ""))
    assert answer < change, f"the answer waited for a 300 ms first step: {frames}"


def test_first_steps_are_collected_only_where_asked_and_waits_are_bounded():
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()
    seen: list[str] = []

    async def quick():
        seen.append("first step")
        await asyncio.sleep(0.5)

    async def blocking():
        time.sleep(0.2)

    try:
        aio.create_task(quick(), loop=loop)  # nobody collects: nothing kept, nothing waited for
        with aio.first_steps() as marks:
            aio.create_task(quick(), loop=loop)
        assert len(marks) == 1
        assert aio.wait_first_steps(marks, 1.0)
        assert seen == ["first step", "first step"]
        with aio.first_steps() as marks:
            aio.create_task(blocking(), loop=loop)
        assert not aio.wait_first_steps(marks, FIRST_STEP_WAIT)  # gives up rather than wait 200 ms
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(5)


@pytest.mark.parametrize("nested", [False, True])
def test_collecting_nests_and_restores(nested):
    with aio.first_steps() as outer:
        if nested:
            with aio.first_steps() as inner:
                pass
            assert inner == []
        assert aio._starting.marks is outer  # noqa: SLF001 - the thread's collector is put back
    assert aio._starting.marks is None  # noqa: SLF001

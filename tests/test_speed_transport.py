"""Issue 13: a lone push goes at once, an idle server sleeps, frames carry what is read.

(The figures are in bench/; these check the behaviour behind them.)
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import websocket  # websocket-client

from htmxtrame.controller import Controller
from htmxtrame.elements.eventuse import payload_events
from htmxtrame.render import Renderer
from htmxtrame.server import Server
from htmxtrame.session import Batch, Scope, Session
from htmxtrame.state import State
from htmxtrame.transport import csssubset, wire
from htmxtrame.transport.sending import Channel
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


class _Ws:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, text: str) -> None:
        self.sock.send(text.encode() + b"\n")

    def close(self, reason: int, message: str) -> None:
        pass


class _Pusher:
    """Records what the channel asks of the pusher thread instead of running one."""

    def __init__(self) -> None:
        self.later_calls: list[float] = []

    def wake(self, channel: Channel) -> None:
        pass

    def later(self, channel: Channel, delay: float) -> None:
        self.later_calls.append(delay)


def _frames(sock: socket.socket) -> list[dict]:
    sock.setblocking(False)
    data = b""
    try:
        while True:
            data += sock.recv(65536)
    except BlockingIOError:
        pass
    return [json.loads(line) for line in data.splitlines() if line]


def test_the_first_push_after_a_click_answer_goes_at_once_and_what_follows_merges():
    ours, page = socket.socketpair()
    session = Session(Scope(State(ready=True), Controller(), lambda: {}), "main")
    pusher = _Pusher()
    channel = Channel(session, _Ws(ours), pusher)  # type: ignore[arg-type]
    session.open()
    session.push(Batch(1, {"count": "<b id='count'>1</b>"}, dirty=["count"]))
    assert channel.reply()  # the click's answer, from the receiving thread
    session.push(Batch(2, {"ticks": "<b id='ticks'>1</b>"}, dirty=["ticks"]))  # the task it started
    channel.service()  # the pusher's turn
    assert [m["seq"] for m in _frames(page)] == [1, 2], "the task's first value waited for the frame pacing"
    session.push(Batch(3, {"ticks": "<b id='ticks'>2</b>"}, dirty=["ticks"]))
    channel.service()
    assert _frames(page) == [] and session.has_pending(), "a push right after another was not merged"
    assert pusher.later_calls and 0 < pusher.later_calls[-1] <= 1 / 60
    session.close()
    ours.close()
    page.close()


def test_a_frame_leaves_out_what_it_does_not_carry():
    bare = json.loads(wire.encode(Batch(7, {"count": "<b id='count'>1</b>"}, dirty=["count"])))
    assert set(bare) == {"seq", "dirty", "content"}
    call = {"ref": "x", "method": "focus", "args": []}
    assert json.loads(wire.encode(Batch(8, {}, dirty=[], calls=[call])))["calls"] == [call]


def _renderer(build) -> Renderer:
    state = State(ready=True)
    state.update({"count": 0, "key": ""})
    ctrl = Controller()
    with html.Div() as root:
        build(ctrl)
    return Renderer(state, root)


def test_only_events_a_handler_reads_ask_the_page_for_their_details():
    def build(ctrl):
        html.Button("a", id="bare", click=ctrl.inc)
        html.Button("b", id="expr", click="count += 1")
        html.Input(id="key", keydown="key = $event.key", click="count += 1")
        html.Button("c", id="args", click=(ctrl.log, "[$event.clientX]"))

    body = _renderer(build).render_page_body()
    tags = {m.split('id="')[1].split('"')[0]: m for m in body.split("<")[1:] if 'id="' in m}
    assert "data-ht-ev" not in tags["bare"] and "data-ht-ev" not in tags["expr"]
    assert 'data-ht-ev="keydown"' in tags["key"]
    assert 'data-ht-ev="click"' in tags["args"]


def test_a_handler_the_server_cannot_inspect_is_assumed_to_read_the_event():
    class Opaque:
        def evaluate(self, ctx):
            return None

    el = html.Button("x", click="n = 1")
    el._events["click"].code = Opaque()
    assert payload_events(el) == ["click"]


def test_the_subset_keeps_what_the_families_can_match_and_at_rules():
    sheet = csssubset.Sheet(
        ".v-btn{a:1}\n.v-btn--flat .v-icon{b:2}\n.v-card:not(.v-card--flat){c:3}\n"
        "/* note */ .d-none{d:4}\n@media (min-width:9px){.d-sm-none{e:5}.v-btn__content{f:6}}\n"
        "@keyframes spin{to{g:7}}\nhtml{h:8}\n.ht-busy .v-busy-bar{i:9}\n"
    )
    out = sheet.subset(frozenset({"v-btn", "v-card", "v-busy-bar"}))
    assert "a:1" in out and "c:3" in out and "f:6" in out and "g:7" in out and "h:8" in out and "i:9" in out
    assert "b:2" not in out and "d:4" not in out and "e:5" not in out and "note" not in out
    assert csssubset.family("v-btn--variant-text") == csssubset.family("v-btn__content") == "v-btn"


def _wakeups(tids: list[int]) -> int:
    total = 0
    for tid in tids:
        try:
            total += int(Path(f"/proc/self/task/{tid}/schedstat").read_text().split()[2])
        except (OSError, IndexError):
            pass
    return total


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts wake-ups through Linux's /proc")
def test_an_idle_server_with_a_page_open_does_not_wake_up():
    before = set(os.listdir("/proc/self/task"))
    srv = Server("idle")
    with DivLayout(srv) as layout:
        html.Div("{{ n }}", id="n")
    srv.ui_main = layout
    srv.state.n = 0
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False, timeout=0)
    ws = websocket.create_connection(f"ws://localhost:{srv.port}/__htmxtrame/ws?ui=main", timeout=10)
    try:
        ws.send(json.dumps({"t": "hello", "seq": -1}))
        ws.recv()
        time.sleep(0.3)
        ours = [int(t) for t in set(os.listdir("/proc/self/task")) - before]
        assert ours, "the server started no thread"
        start = _wakeups(ours)
        time.sleep(1.5)
        assert _wakeups(ours) - start == 0, "a thread of an idle server woke up (a polling loop?)"
    finally:
        ws.close()
        done = threading.Thread(target=srv.stop)
        done.start()
        done.join(10)
        assert not done.is_alive(), "stop() hung"

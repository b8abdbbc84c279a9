"""trame__busy: a page waiting on the server sees it, per page, after trame's 50 ms, never by its own writes.

A live server on a free port and real websocket clients (see test_websocket).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
import websocket
from test_websocket import Client, partial

from htmxtrame.busy import BUSY_KEY, SHOW_AFTER
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

SLOW = 0.4  # seconds the slow handlers take


@pytest.fixture(scope="module")
def server():
    srv = Server("test-busy")
    state, ctrl = srv.state, srv.controller
    release = threading.Event()

    def slow():
        time.sleep(SLOW)

    async def aslow():
        await asyncio.sleep(SLOW)

    def fast():
        state.count += 1

    def held():
        release.wait(5)  # until the test lets it go

    with DivLayout(srv):
        html.Div("busy = {{ trame__busy }}; count = {{ count }}", id="flag")
        html.Button("slow", id="slow", click=slow)
        html.Button("async", id="aslow", click=aslow)
        html.Button("fast", id="fast", click=fast)
        html.Button("held", id="held", click=held, disabled=("trame__busy",))
        html.Button("trigger", id="trig", click="trigger('aslow')")
        html.Input(id="write", v_model=(BUSY_KEY,))
        html.Button("hack", id="hack", click="trame__busy = 5")
        html.Button("set", id="set", click="set('trame__busy', 5)")
    with DivLayout(srv, template_name="plain"):
        html.Div("count = {{ count }}", id="plain_count")
        html.Button("slow", id="plain_slow", click=slow)
        html.Button("fast", id="plain_fast", click=fast)
    ctrl.trigger("aslow")(aslow)
    state.count = 0
    srv.release = release  # type: ignore[attr-defined]
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    yield srv
    release.set()
    srv.stop()


class Page(Client):
    """A connected page that numbers its events, as the glue does, and keeps the raw frames."""

    def __init__(self, server: Server, ui: str = "main") -> None:
        super().__init__(server, ui)
        self.n = 0
        self.wait_body()

    def act(self, dom_id: str, ev: str = "click", value=None) -> int:
        self.n += 1
        self.send({"t": "ev", "id": self.ids[dom_id], "ev": ev, "value": value, "n": self.n})
        return self.n

    def frames_until_answered(self, n: int, timeout: float = 5) -> list[tuple[float, str]]:
        """Every frame (arrival time, text) up to the one saying event *n* was handled."""
        self.ws.settimeout(timeout)
        frames = []
        while True:
            text = self.ws.recv()
            frames.append((time.monotonic(), text))
            if json.loads(text).get("ack", 0) >= n:
                return frames

    def quiet(self, seconds: float = 0.3) -> bool:
        """Nothing arrives for *seconds*."""
        self.ws.settimeout(seconds)
        try:
            self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return True
        finally:
            self.ws.settimeout(5)
        return False


@pytest.fixture
def page(server):
    opened: list[Page] = []

    def open_page(ui: str = "main") -> Page:
        opened.append(Page(server, ui))
        return opened[-1]

    yield open_page
    for p in opened:
        p.close()


def flags(frames) -> list[str]:
    """What #flag showed, frame by frame (frames that did not touch it left out)."""
    return [shown for shown in (partial(json.loads(text), "flag") for _, text in frames) if shown is not None]


def test_a_slow_handler_shows_busy_to_its_page_then_idle(page, server):
    p = page()
    start = time.monotonic()
    n = p.act("slow")
    frames = p.frames_until_answered(n)
    shown = flags(frames)
    assert len(shown) == 2 and "busy = 1" in shown[0] and "busy = 0" in shown[1], shown
    busy_at = next(t for t, text in frames if "busy = 1" in text)
    assert busy_at - start >= SHOW_AFTER * 0.9  # not at once: trame waits 50 ms
    assert busy_at - start < SLOW  # but well before the handler is done
    assert server.state[BUSY_KEY] == 0  # the server's value never moved


def test_the_busy_view_shows_what_the_state_holds_now(page, server):
    p = page()
    for _ in range(2):  # the busy view of the first slow click must not come back stale
        n = p.act("fast")
        p.frames_until_answered(n)
        count = server.state.count
        n = p.act("slow")
        shown = flags(p.frames_until_answered(n))
        assert f"busy = 1; count = {count}<" in shown[0], shown


def test_a_fast_handler_shows_nothing_and_costs_no_extra_frame(page):
    p = page()
    n = p.act("fast")
    frames = p.frames_until_answered(n)
    assert len(frames) == 1  # the answer alone
    assert all("busy = 1" not in text for _, text in frames)


def test_another_page_never_sees_my_wait(page):
    mine, other = page(), page()
    n = mine.act("slow")
    assert any("busy = 1" in s for s in flags(mine.frames_until_answered(n)))
    assert other.quiet()  # nothing at all: the slow handler changed no state


def test_an_async_handler_keeps_its_page_busy_until_its_task_ends(page):
    p = page()
    start = time.monotonic()
    n = p.act("aslow")
    frames = p.frames_until_answered(n)  # answered at once: the task runs on
    assert flags(frames) == []
    busy = p.wait_for(lambda m: "busy = 1" in (partial(m, "flag") or ""), "busy shown")
    assert busy["local"] is True
    p.wait_for(lambda m: "busy = 0" in (partial(m, "flag") or ""), "idle again")
    assert time.monotonic() - start >= SLOW


def test_an_async_trigger_from_an_expression_counts_too(page):
    p = page()
    p.act("trig")
    p.wait_for(lambda m: "busy = 1" in (partial(m, "flag") or ""), "busy shown")
    p.wait_for(lambda m: "busy = 0" in (partial(m, "flag") or ""), "idle again")


def test_updates_a_waiting_page_gets_meanwhile_still_show_it_busy(page, server):
    waiting, other = page(), page()
    waiting.act("aslow")
    waiting.wait_for(lambda m: "busy = 1" in (partial(m, "flag") or ""), "busy shown")
    count = server.state.count
    n = other.act("fast")
    assert any(f"busy = 0; count = {count + 1}" in s for s in flags(other.frames_until_answered(n)))
    waiting.wait_for(lambda m: f"busy = 1; count = {count + 1}" in (partial(m, "flag") or ""),
                     "the new count, still busy")
    waiting.wait_for(lambda m: f"busy = 0; count = {count + 1}" in (partial(m, "flag") or ""), "idle again")


def test_what_reads_busy_is_rendered_busy_for_that_page_only(page, server):
    p = page()
    n = p.act("held")
    shown = p.wait_for(lambda m: partial(m, "held") is not None, "the button re-rendered")
    assert "disabled" in partial(shown, "held")  # disabled=("trame__busy",) while it waits
    server.release.set()
    frames = p.frames_until_answered(n)
    assert "disabled" not in (partial(json.loads(frames[-1][1]), "held") or "disabled")
    server.release.clear()


def test_a_layout_that_never_reads_busy_pays_nothing(page):
    p = page("plain")
    n = p.act("plain_slow")
    frames = p.frames_until_answered(n)
    assert len(frames) == 1 and "content" not in json.loads(frames[0][1])  # the ack alone
    n = p.act("plain_fast")
    frames = p.frames_until_answered(n)
    assert len(frames) == 1 and BUSY_KEY not in frames[0][1]


@pytest.mark.parametrize("dom_id, ev, value, code", [
    ("write", "input", "5", "bad-value"),  # v_model=("trame__busy",): the page's input
])
def test_a_page_cannot_write_busy(page, server, dom_id, ev, value, code):
    p = page()
    p.act(dom_id, ev, value)
    err = p.wait_error(code)
    assert BUSY_KEY in err["error"]["message"]
    assert server.state[BUSY_KEY] == 0
    n = p.act("fast")
    assert all("busy = 5" not in text for _, text in p.frames_until_answered(n))


@pytest.mark.parametrize("dom_id", ["hack", "set"])
def test_handler_code_writing_busy_is_refused(page, server, dom_id):
    p = page()
    n = p.act(dom_id)
    frames = p.frames_until_answered(n)
    assert any(json.loads(text).get("errors") for _, text in frames)  # the page is told its action failed
    assert server.state[BUSY_KEY] == 0
    assert all("busy = 5" not in text for _, text in frames)


def test_the_state_holds_busy_idle_and_client_only():
    srv = Server("busy-seed")
    assert srv.state[BUSY_KEY] == 0
    assert BUSY_KEY in srv.state._client_only

"""A page is not sent again what it shows unchanged since its own input (htmxtrame/shown.py).

Typing into an autocomplete: while the typed text still picks the same
first options, the answer carries the counts and the text they were filtered
for, not the options again. Anything else that brings the page those
options, a fragment holding them or a whole page makes the server forget
them, so the next keystroke sends them.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
import websocket  # websocket-client

from htmxtrame.render import Renderer
from htmxtrame.server import Server
from htmxtrame.session import Batch
from htmxtrame.shown import family, forget
from htmxtrame.state import State
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3

TIMEOUT = 5.0
CITIES = [f"{a} {b}" for a in ("North", "South", "Lake") for b in ("Ash", "Elm", "Oak", "Pine")]


# -- what the server forgets ---------------------------------------------------------------

def test_a_fragment_s_family_is_itself_what_holds_it_and_what_it_holds():
    state = State(ready=True)
    with DivLayout(None) as layout:
        with html.Div(id="outer", title=("a",)):
            with html.Div(id="middle", title=("a",)):
                html.Span("{{ a }}", id="inner")
        html.Span("{{ a }}", id="aside")
    state.update({"a": 1})
    rend = Renderer(state, layout.root)
    rend.render_page_body()
    assert family(rend, "middle") == {"outer", "middle", "inner"}
    assert "aside" not in family(rend, "outer") and family(rend, "aside") >= {"aside"}


def test_a_batch_forgets_what_it_replaces_or_changes_and_nothing_else():
    memory = {"opts": ("<div>1</div>", frozenset({"menu", "opts"})), "tail": ("<div>t</div>", frozenset({"tail"}))}
    assert forget(memory, Batch(1, calls=[{"x": 1}])) is memory, "no fragments: nothing to forget"
    assert set(forget(memory, Batch(2, {"count": "<span>2</span>"}))) == {"opts", "tail"}
    assert set(forget(memory, Batch(3, {"menu": "<div>…</div>"}))) == {"tail"}, "the menu holds the options"
    assert forget(memory, Batch(4, body="<div>whole page</div>")) == {}
    kept = Batch(5, {"tail": "<div>t2</div>"}).keep("tail", "t2")
    assert set(forget(memory, kept)) == {"opts"}, "a field sent as its text changed too"


# -- live: typing into an autocomplete -----------------------------------------------------

@pytest.fixture(scope="module")
def server():
    srv = Server("test-shown")
    srv.state.count = 0
    with DivLayout(srv) as layout:
        html.Button("+1", id="inc", click="count += 1")
        html.Span("{{ count }}", id="count")
        v3.VAutocomplete(v_model=("city", None), items=("cities", CITIES), label="City", id="city")
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    yield srv
    srv.stop()


class Page:
    """A websocket connected as a page, after loading the page's HTML."""

    def __init__(self, server: Server) -> None:
        page = urllib.request.urlopen(f"http://localhost:{server.port}/", timeout=TIMEOUT).read().decode()
        self.input = re.search(r'<input[^>]*role="combobox"[^>]*data-ht="([^"]+)"', page).group(1)
        self.inc = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', page).group(1)
        seq, boot = re.search(r'data-ht-seq="(\d+)" data-ht-boot="([^"]*)"', page).groups()
        self.ws = websocket.create_connection(f"ws://localhost:{server.port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT)
        self.n = 0
        self.send({"t": "hello", "seq": int(seq), "boot": boot})

    def send(self, msg: dict) -> None:
        self.ws.send(json.dumps(msg))

    def answer(self, ev: str, iid: str, value=None) -> str:
        """The frame answering this page's event (its ack), as text."""
        self.n += 1
        self.send({"t": "ev", "id": iid, "ev": ev, "value": value, "event": {"type": ev}, "n": self.n})
        while True:
            frame = self.ws.recv()
            if json.loads(frame).get("ack") == self.n:
                return frame

    def type(self, text: str) -> str:
        return self.answer("input", self.input, text)


def _options(frame: str) -> list[str]:
    return re.findall(r'role=\\"option\\"[^>]*>(?:<div class=\\"v-list-item-title\\">)?([^<]+)<', frame)


def test_a_keystroke_that_keeps_the_same_options_sends_only_the_counts(server):
    page = Page(server)
    try:
        first = page.type("no")
        assert _options(first)[:4] == ["North Ash", "North Elm", "North Oak", "North Pine"]
        again = page.type("nor")  # the same four options
        assert "North Ash" not in again, "the options the page shows are not sent again"
        assert 'data-ht-typed=\\"nor\\"' in again, "the page learns they now stand for 'nor'"
        assert len(again) < len(first) / 2
        changed = page.type("north o")
        assert _options(changed)[:1] == ["North Oak"], "other options are sent"
    finally:
        page.ws.close()


def test_an_unrelated_update_keeps_the_memory_a_change_to_the_options_drops_it(server):
    page = Page(server)
    try:
        page.type("lake")
        page.answer("click", page.inc)  # #count: nothing to do with the menu
        assert "Lake Ash" not in page.type("lake "), "still shown as sent"
        with server.state:
            server.state.cities = CITIES + ["Lake Zed"]  # every page's options re-rendered from the server
        assert "Lake Ash" in page.type("lake"), "the options came again another way: sent again"
        assert "Lake Ash" not in page.type("lake "), "and remembered again"
    finally:
        with server.state:
            server.state.cities = CITIES
        page.ws.close()


def test_two_pages_typing_each_get_their_own_options(server):
    mine, theirs = Page(server), Page(server)
    try:
        assert "South Ash" in mine.type("sou")
        assert "North Ash" in theirs.type("nor")
        assert "South Ash" not in mine.type("sout") and "North Ash" not in theirs.type("nort")
    finally:
        mine.ws.close()
        theirs.ws.close()

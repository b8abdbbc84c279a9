"""A page's own typing is not sent back to it (htmxtrame/own_input.py).

The page that typed into a field gets, instead of the field's fragment, only
the text (``kept``); every other page, and the typing page whenever the field
could differ from what it shows (a listener rewrote the text, another binding
of the field changed, another field bound to the same key), gets the fragment.
"""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest
import websocket  # websocket-client

from htmxtrame.app import asynchronous
from htmxtrame.render import Renderer
from htmxtrame.server import Server
from htmxtrame.session import Batch
from htmxtrame.state import State
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3

TIMEOUT = 5.0


# -- which fragments are a field's own echo ------------------------------------------------

def _fragments(build) -> dict:
    state = State(ready=True)
    with DivLayout(None) as layout:
        build()
    state.update({"text": "a", "other": "b", "flag": False, "n": 1, "table": {"b": "x"}})
    rend = Renderer(state, layout.root)
    rend.render_page_body()
    return {fid: frag.echo for fid, frag in rend.fragments.items()}


def test_a_text_field_whose_model_alone_reads_its_key_is_an_echo_of_that_key():
    echoes = _fragments(lambda: (
        html.Input(id="plain", v_model=("text",)),
        html.Textarea(id="area", v_model=("other",)),
    ))
    assert echoes == {"plain": ("text", "a"), "area": ("other", "b")}


def test_a_field_that_shows_its_key_elsewhere_or_is_not_text_is_no_echo():
    echoes = _fragments(lambda: (
        html.Input(id="titled", v_model=("text",), title=("'now ' + text",)),
        html.Input(id="both", v_model=("table[other]",)),  # reads two keys
        html.Input(id="check", type="checkbox", v_model=("flag",)),
        html.Input(id="num", type="number", v_model=("n",)),
        html.Div("{{ text }}", id="shows"),
    ))
    assert echoes == {"titled": None, "both": None, "check": None, "num": None, "shows": None}


# -- how a kept field travels in a page's queue --------------------------------------------

def test_a_kept_field_stays_text_until_a_newer_fragment_follows_it():
    answer = Batch(1, {"field": '<input id="field" value="ab">', "shown": "<div>ab</div>"}).keep("field", "ab")
    assert answer.kept == {"field": ('<input id="field" value="ab">', "ab")} and list(answer.fragments) == ["shown"]
    queued = answer.copy()
    queued.merge(Batch(2, errors=[{"code": "x", "message": "y"}]))
    assert set(queued.kept) == {"field"}  # nothing newer that could hold the field
    queued.merge(Batch(3, {"outer": '<div id="outer"><input id="field" value="abc"></div>'}))
    # the outer fragment is newer and may hold the field: the kept one goes as html, before it
    assert queued.kept == {} and list(queued.fragments) == ["shown", "field", "outer"]


# -- live: two pages on one server ---------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    srv = Server("test-own-input")
    state = srv.state

    @state.change("shout")
    def upper(shout, **_):
        state.shout = shout.upper()

    @state.change("later")
    def start(later, **_):
        if later == "go":
            asynchronous.create_task(rewrite())

    async def rewrite():
        # Once another page has typed "x", write back the text this page typed.
        for _ in range(500):
            if state.later == "x":
                break
            await asyncio.sleep(0.01)
        with state:
            state.later = "go"

    state.client_only("draft")
    state.draft = ""

    with DivLayout(srv) as layout:
        html.Input(id="draft", v_model=("draft",))  # each page's own text (an autocomplete's search)
        html.Div("{{ draft }}", id="draft_shown")
        html.Input(id="name", v_model=("name", ""))
        html.Input(id="twin", v_model=("name", ""))
        html.Div("{{ name }}", id="shown")
        html.Input(id="shout", v_model=("shout", ""))
        html.Input(id="titled", v_model=("titled", ""), title=("titled",))
        html.Textarea(id="notes", v_model=("notes", ""))
        html.Input(id="later", v_model=("later", ""))
        v3.VMaskInput(id="masked", mask="(###) ###-####", v_model=("phone", ""))
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False, timeout=0)
    yield srv
    srv.stop()


class Page:
    def __init__(self, srv: Server) -> None:
        self.ws = websocket.create_connection(f"ws://localhost:{srv.port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT)
        self.ws.send(json.dumps({"t": "hello", "seq": -1}))
        body = self.next(lambda m: "#ht-app" in m.get("content", ""))
        self.body = body["content"]
        self.ids = dict(re.findall(r'id="([\w-]+)"[^>]*data-ht="([^"]+)"', self.body))
        self.n = 0

    def type(self, dom_id: str, text: str, ev: str = "input") -> dict:
        """Send *text* as #dom_id's *ev*; the frame that answers it."""
        self.n += 1
        self.ws.send(json.dumps({"t": "ev", "id": self.ids[dom_id], "ev": ev, "value": text, "n": self.n}))
        return self.next(lambda m: m.get("ack") == self.n)

    def next(self, pred) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if pred(msg):
                return msg
        raise AssertionError("no such frame")


def _partial(msg: dict, dom_id: str) -> str | None:
    m = re.search(rf'hx-target="#{dom_id}" hx-swap="outerMorph">(.*?)</hx-partial>', msg.get("content", ""))
    return m.group(1) if m else None


@pytest.fixture
def pages(server):
    opened: list[Page] = []
    yield lambda: opened.append(Page(server)) or opened[-1]
    for page in opened:
        page.ws.close()


def test_the_typing_page_gets_its_text_and_every_other_field_while_another_page_gets_all(pages):
    a, b = pages(), pages()
    answer = a.type("name", "Ada")
    assert answer["kept"] == {"name": "Ada"}
    assert _partial(answer, "name") is None
    assert 'value="Ada"' in _partial(answer, "twin")  # another field bound to the same key
    assert ">Ada<" in _partial(answer, "shown")
    seen = b.next(lambda m: "name" in m.get("dirty", []))
    assert "kept" not in seen and 'value="Ada"' in _partial(seen, "name")


def test_text_a_listener_rewrites_comes_back_to_the_page_that_typed_it(pages):
    a = pages()
    answer = a.type("shout", "hey")
    assert "kept" not in answer and 'value="HEY"' in _partial(answer, "shout")


def test_a_field_whose_other_bindings_read_the_key_comes_back(pages):
    a = pages()
    answer = a.type("titled", "tip")
    assert "kept" not in answer and 'title="tip"' in _partial(answer, "titled")


def test_a_textarea_typed_into_is_kept_too(pages):
    a = pages()
    answer = a.type("notes", "line one")
    assert answer["kept"] == {"notes": "line one"} and _partial(answer, "notes") is None


def test_what_a_task_writes_after_the_typing_is_sent_even_when_it_is_the_text_typed(pages):
    a, b = pages(), pages()
    answer = a.type("later", "go")  # starts the task
    assert answer["kept"] == {"later": "go"}
    b.type("later", "x")
    # a is sent "x", then the task started by a's typing writes "go" again: a may show "x"
    # (or the two pushes went out as one frame), so it needs the field, not its own text back
    pushed = a.next(lambda m: 'value="go"' in (_partial(m, "later") or ""))
    assert "kept" not in pushed


def test_a_field_that_formats_the_text_comes_back_formatted(pages, server):
    a = pages()
    field = re.search(r'id="masked".*?<input[^>]* id="([\w-]+)"', a.body).group(1)
    answer = a.type(field, "5551234567", "change")
    assert "kept" not in answer and 'value="(555) 123-4567"' in _partial(answer, field)


def test_a_field_holding_a_client_only_key_gives_its_page_the_text_too(pages):
    a = pages()
    answer = a.type("draft", "only mine")
    assert answer["kept"] == {"draft": "only mine"} and _partial(answer, "draft") is None
    assert ">only mine<" in _partial(answer, "draft_shown")

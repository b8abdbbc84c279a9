"""Client-only keys (``state.client_only``): a page's own values stay with that page."""

from __future__ import annotations

import json
import re

import pytest

from htmxtrame.scopes.page import MAX_KEYS, PageFull, PageValues
from htmxtrame.server import Server
from htmxtrame.session import Batch
from htmxtrame.testing import User
from htmxtrame.transport import wire
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


@pytest.fixture
def app():
    srv = Server("scopes-page")
    heard: list = []
    srv.state.update({"b": "server", "items": [{"done": False}], "shared": 1})
    srv.state.client_only("b", "items")

    @srv.state.change("b", "items")
    def on_b(**kwargs):
        heard.append((kwargs["b"], kwargs["items"]))

    with DivLayout(srv):
        html.Input(id="b_in", v_model=("b",), aria_label="b")
        html.Div("b is {{ b }}", id="b_out")
        html.Div("{{ b }} and {{ shared }}", id="both")
        html.Input(id="done", type="checkbox", v_model=("items[0].done",), aria_label="done")
        html.Div("done {{ items[0].done }}", id="done_out")
        html.Button("more", id="more", click="shared += 1")
    srv.state.ready()
    heard.clear()
    srv.heard = heard
    return srv


def test_a_page_writing_a_client_only_key_sees_it_alone_and_no_listener_runs(app):
    mine, other = User(app).open(), User(app).open()
    mine.type("#b_in", "mine")
    assert mine.text("#b_out") == "b is mine"
    assert other.text("#b_out") == "b is server"
    assert app.state.b == "server"
    assert app.heard == []


def test_the_write_is_pushed_to_the_writing_page_only_and_marked_local(app):
    mine, other = User(app).open(), User(app).open()
    mine.fire("#b_in", "input", "typed")
    # User's own pushes were taken by the kit; the render goes to this page only.
    assert other.session.take(0) is None
    mine.session.page.put("b", "again")
    mine.session.scope.page_update(mine.session)
    batch = mine.session.take(0)
    assert batch is not None and batch.local and "b is again" in batch.fragments["b_out"]
    assert json.loads(wire.encode(batch))["local"] is True


def test_a_new_page_starts_from_the_server_value(app):
    User(app).open().type("#b_in", "mine")
    assert User(app).open().text("#b_out") == "b is server"


def test_a_member_write_changes_the_pages_copy_never_the_servers_value(app):
    mine, other = User(app).open(), User(app).open()
    mine.set("#done", True)
    assert mine.text("#done_out") == "done true"
    assert other.text("#done_out") == "done false"
    assert app.state.items == [{"done": False}]
    assert app.heard == []


def test_a_shared_change_keeps_each_pages_own_value_in_a_fragment_reading_both(app):
    mine, other = User(app).open(), User(app).open()
    mine.type("#b_in", "mine")
    other.click("#more")  # a shared write: every page re-renders #both
    pushed = mine.session.take(0)
    assert pushed is not None and "mine and 2" in pushed.fragments["both"]
    assert mine.text("#both") == "mine and 2"
    assert other.text("#both") == "server and 2"


def test_a_server_write_to_a_client_only_key_reaches_every_page_and_replaces_their_own(app):
    mine, other = User(app).open(), User(app).open()
    mine.type("#b_in", "mine")
    app.state.b = "from python"
    app.state.flush()
    assert mine.text("#b_out") == "b is from python" and other.text("#b_out") == "b is from python"
    assert app.heard == [("from python", [{"done": False}])]  # server-side writes reach listeners, as in trame
    mine.type("#b_in", "typed again")  # and the page's next write is its own again
    assert mine.text("#b_out") == "b is typed again" and other.text("#b_out") == "b is from python"


def test_a_reconnect_resync_renders_the_new_pages_own_values():
    # The glue sends the queued input first, then a hello that asks for the body.
    srv = Server("scopes-page-resync")
    srv.state.client_only("b")
    with DivLayout(srv):
        html.Input(id="b_in", v_model=("b", "server"), aria_label="b")
        html.Div("b is {{ b }}", id="b_out")
    srv.state.ready()
    page = User(srv).open()
    page.type("#b_in", "typed while away")
    batch = Batch(1, body=page.session.renderer.render_page_body())
    personal = page.session.scope.for_page(page.session, batch)
    assert "b is typed while away" in personal.body and personal.local
    assert "b is server" in batch.body


def test_page_values_are_bounded_and_ignore_unchanged_writes():
    page = PageValues()
    page.put("a", 1)
    assert page.take_changed() == {"a"}
    page.put("a", 1)
    assert page.take_changed() == set()
    page.put("a", True)  # a bool is not the number 1
    assert page.take_changed() == {"a"}
    for i in range(MAX_KEYS - 1):
        page.put(f"k{i}", i)
    with pytest.raises(PageFull):
        page.put("one-too-many", 0)


def test_elements_a_client_only_value_shows_answer_on_the_page_that_shows_them():
    srv = Server("scopes-page-vif")
    sent: list = []
    srv.state.client_only("draft")
    srv.controller.send = lambda: sent.append("sent")
    srv.controller.hint = lambda: sent.append("hint")
    with DivLayout(srv):
        html.Input(id="draft", v_model=("draft", ""), aria_label="draft")
        with html.Div(id="actions"):
            html.Button("Send", id="send", v_if="draft", click=srv.controller.send)
            html.Button("Type something", id="hint", v_else=True, click=srv.controller.hint)
    srv.state.ready()
    typing, idle = User(srv).open(), User(srv).open()
    typing.type("#draft", "hi")
    assert "Send" in typing.text("#actions") and "Type something" in idle.text("#actions")
    idle.click("#hint")  # the renderer last drew the typing page's view: it must answer the idle page too
    typing.click("#send")
    idle.click("#hint")
    assert sent == ["hint", "sent", "hint"]
    # and an element only the other page shows is refused
    from htmxtrame.events import InputError, dispatch

    send_id = re.search(r'id="send"[^>]*data-ht="([^"]+)"', typing.html).group(1)
    with pytest.raises(InputError):
        dispatch(idle.session.renderer, srv.controller, send_id, "click", None, {}, idle.session.page)
    assert sent == ["hint", "sent", "hint"]

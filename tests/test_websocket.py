"""The websocket protocol against a live server on a free port, with a real client.

One server for the module, started in a thread; every test opens its own
connections. Waits are on messages (``Client.wait_for``), never on sleeps.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request

import pytest
import websocket  # websocket-client

from htmxtrame import aio
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

TIMEOUT = 5.0


@pytest.fixture(scope="module")
def server():
    srv = Server("test-websocket")
    ctrl = srv.controller
    with DivLayout(srv) as layout:
        html.Input(id="slider", type="range", min=0, max=15, v_model=("slider_value", 8))
        html.Div("slider_value = {{ slider_value }}", id="slider_text")
        html.Input(id="name", type="text", v_model=("name", ""))
        html.Input(id="flag", type="checkbox", v_model=("flag", False))
        html.Div("bg = {{ bg }}", id="bg_text")
        html.Button("boom", id="boom", click=ctrl.boom)
    srv.ui_main = layout

    def boom():
        srv.state.bg = "set before the raise"
        raise RuntimeError("handler bug")

    ctrl.boom = boom
    with DivLayout(srv, template_name="second") as second:
        html.P("second page", id="second_p")
        # A radio whose bound value cannot be evaluated: picking it is an app bug.
        html.Input(id="bad_radio", type="radio", value=("missing.deep",), v_model=("pick", "a"))
    srv.ui_second = second
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    yield srv
    srv.stop()


class Client:
    """A websocket connected to the server as a page would be."""

    def __init__(self, server: Server, ui: str = "main", seq: int | None = 0) -> None:
        self.ws = websocket.create_connection(
            f"ws://localhost:{server.port}/__htmxtrame/ws?ui={ui}", timeout=TIMEOUT
        )
        self.ids: dict[str, str] = {}
        if seq is not None:
            self.hello(seq)

    def hello(self, seq: int) -> None:
        self.send({"t": "hello", "seq": seq})

    def send(self, msg: dict) -> None:
        self.ws.send(json.dumps(msg))

    def event(self, dom_id: str, ev: str, value=None) -> None:
        """Send the event a page sends when #dom_id sees *ev*."""
        self.send({"t": "ev", "id": self.ids[dom_id], "ev": ev, "value": value, "event": {"type": ev}})

    def recv(self) -> dict:
        return json.loads(self.ws.recv())

    def wait_for(self, pred, what: str) -> dict:
        """The first message for which *pred* holds; earlier ones are skipped."""
        deadline = time.monotonic() + TIMEOUT
        seen = []
        while time.monotonic() < deadline:
            try:
                msg = self.recv()
            except websocket.WebSocketTimeoutException:
                break
            if pred(msg):
                return msg
            seen.append(msg)
        raise AssertionError(f"no message with {what}; got {seen}")

    def wait_body(self) -> dict:
        """Wait for a full-body resync and learn the page's event ids from it."""
        msg = self.wait_for(lambda m: 'hx-target="#ht-app"' in m.get("content", ""), "a full body")
        self.ids = dict(re.findall(r'id="([\w-]+)"[^>]*data-ht="([^"]+)"', msg["content"]))
        return msg

    def wait_error(self, code: str) -> dict:
        return self.wait_for(lambda m: m.get("error", {}).get("code") == code, f"error {code}")

    def wait_view(self, dom_ids: list[str], expected: dict[str, str]) -> None:
        """Apply every message's partials in order until each #id shows its text."""
        view: dict[str, str] = {}

        def converged(msg: dict) -> bool:
            for dom_id in dom_ids:
                html_ = partial(msg, dom_id)
                if html_ is not None:
                    view[dom_id] = html_
            return all(text in view.get(i, "") for i, text in expected.items())

        self.wait_for(converged, f"a view showing {expected}")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def connect(server):
    opened: list[Client] = []

    def open_client(ui: str = "main", seq: int | None = 0) -> Client:
        client = Client(server, ui, seq)
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        client.close()


def partial(msg: dict, dom_id: str) -> str | None:
    """The HTML of the outerMorph partial targeting #dom_id in *msg*, if any.

    A field this client typed into comes back as its text alone (``kept``,
    htmxtrame.own_input): read as the ``value`` attribute the page sets.
    """
    if dom_id in msg.get("kept", {}):
        return f'value="{msg["kept"][dom_id]}"'
    return partial_html(msg, dom_id)


def partial_html(msg: dict, dom_id: str) -> str | None:
    """The HTML of the outerMorph partial targeting #dom_id in *msg*, if any, as sent."""
    m = re.search(
        rf'<hx-partial hx-target="#{dom_id}" hx-swap="outerMorph">(.*?)</hx-partial>', msg.get("content", "")
    )
    return m.group(1) if m else None


def fragment_shows(dom_id: str, text: str):
    return lambda m: (partial(m, dom_id) or "").find(text) >= 0


# -- connecting ---------------------------------------------------------------------------

def test_hello_with_an_old_seq_gets_the_whole_body(connect, server):
    client = connect(seq=0)
    msg = client.wait_body()
    assert msg["seq"] == server._scope.last_seq
    assert set(client.ids) >= {"slider", "name", "flag", "boom"}
    assert re.search(r'<input id="slider"[^>]*value="\d+"', msg["content"])
    assert "title" in msg


def test_a_page_from_before_a_restart_gets_the_whole_page_whatever_its_seq():
    """A restarted server, or another worker, numbers its messages from 1 too:
    the page's hello names the scope it saw (its boot mark), so coinciding
    numbers do not leave it showing the old server's view."""

    def started(name: str) -> Server:
        srv = Server(name)
        with DivLayout(srv) as layout:
            html.Div("{{ who }}", id="who")
            html.Input(id="name", v_model=("name", ""))
        srv.state.who = name
        srv.ui_main = layout
        srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
        return srv

    before, after = started("before"), started("after")
    try:
        with urllib.request.urlopen(f"http://localhost:{before.port}/") as resp:
            page_seq, boot = re.search(r'data-ht-seq="(\d+)" data-ht-boot="([^"]+)"', resp.read().decode()).groups()
        assert after._scope.last_seq == int(page_seq), "the numbers coincide"
        client = Client(after, seq=None)
        try:
            client.send({"t": "hello", "seq": int(page_seq), "boot": boot})
            msg = client.wait_body()
            assert ">after<" in msg["content"], "the page shows the new server's view"
            assert msg["boot"] == after._scope.boot, "and learns whose it is, for its next hello"
            client.send({"t": "hello", "seq": msg["seq"], "boot": msg["boot"]})
            client.event("name", "input", "typed")  # answered after the hello: no body, whatever the timing
            answer = client.recv()
            assert 'hx-target="#ht-app"' not in answer.get("content", "") and "boot" not in answer, "an up-to-date page gets no resync"
            assert answer["kept"] == {"name": "typed"}
        finally:
            client.close()
    finally:
        before.stop()
        after.stop()


def test_hello_with_the_current_seq_gets_no_body(connect, server):
    first = connect()
    first.wait_body()
    page_seq = server._scope.last_seq
    up_to_date = connect(seq=page_seq)
    up_to_date.ids = first.ids
    up_to_date.event("name", "input", "no resync")
    msg = up_to_date.recv()
    assert 'hx-target="#ht-app"' not in msg.get("content", ""), "an up-to-date page needs no resync"
    assert msg["kept"] == {"name": "no resync"}  # what it typed stands; the field is not sent back


def load_page(server: Server) -> tuple[str, int]:
    """GET the page as a browser would: its HTML and the seq it was rendered at."""
    with urllib.request.urlopen(f"http://localhost:{server.port}/", timeout=TIMEOUT) as resp:
        page = resp.read().decode()
    return page, int(re.search(r'data-ht-seq="(\d+)"', page).group(1))


def test_page_route_serves_the_layout(server):
    page, seq = load_page(server)
    assert re.search(r'hx-ws:connect="[^"]*__htmxtrame/ws\?ui=main"', page)
    assert 'id="slider_text"' in page
    assert seq == server._scope.last_seq


def test_change_between_page_load_and_connect_is_not_lost(connect, server):
    # The page is rendered, then state changes before its websocket says
    # hello (no page connected at that moment): the hello must resync it.
    page, seq = load_page(server)
    with server.state:
        server.state.bg = "changed while the page was loading"
    client = connect(seq=seq)
    msg = client.wait_body()
    assert "changed while the page was loading" in msg["content"]


# -- input and pushes -------------------------------------------------------------------------------

def test_input_event_pushes_fragments_dirty_keys_and_a_higher_seq(connect, server):
    client = connect()
    seq0 = client.wait_body()["seq"]
    value = 3 if server.state.slider_value != 3 else 4
    client.event("slider", "input", str(value))
    msg = client.wait_for(lambda m: "slider_value" in m["dirty"], "slider_value dirty")
    assert msg["seq"] > seq0
    assert re.search(r'<input id="slider"[^>]*value="%d"' % value, partial(msg, "slider"))
    assert partial(msg, "slider_text") == f'<div id="slider_text">slider_value = {value}</div>'
    assert server.state.slider_value == value


def test_checkbox_change_round_trips(connect, server):
    client = connect()
    client.wait_body()
    target = not server.state.flag
    client.event("flag", "change", target)
    msg = client.wait_for(lambda m: "flag" in m["dirty"], "flag dirty")
    assert ("checked" in partial(msg, "flag")) is target
    assert server.state.flag is target


def test_two_clients_both_receive_a_change_made_by_one(connect, server):
    a, b = connect(), connect()
    a.wait_body()
    b.wait_body()
    a.event("name", "input", "typed in a")
    got = {}
    for client in (a, b):
        got[client] = msg = client.wait_for(fragment_shows("name", 'value="typed in a"'), "the new name")
        assert "name" in msg["dirty"]
    # the page that typed gets back the text it typed, the other the field
    assert got[a]["kept"] == {"name": "typed in a"} and partial_html(got[a], "name") is None
    assert "kept" not in got[b] and 'value="typed in a"' in partial_html(got[b], "name")


def test_background_thread_with_state_reaches_every_client(connect, server):
    a, b = connect(), connect()
    a.wait_body()
    b.wait_body()

    def work():
        with server.state:
            server.state.bg = "from a thread"

    t = threading.Thread(target=work)
    t.start()
    t.join()
    for client in (a, b):
        client.wait_for(fragment_shows("bg_text", "bg = from a thread"), "the thread's value")


def test_asyncio_task_on_the_server_loop_reaches_every_client(connect, server):
    a, b = connect(), connect()
    a.wait_body()
    b.wait_body()
    ran_on = []

    async def work():
        ran_on.append(threading.current_thread().name)
        with server.state:
            server.state.bg = "from a task"

    aio.create_task(work()).result(timeout=TIMEOUT)
    assert ran_on == ["htmxtrame-loop"]
    for client in (a, b):
        client.wait_for(fragment_shows("bg_text", "bg = from a task"), "the task's value")


def test_threads_loop_and_pages_writing_at_once_end_with_every_page_showing_the_last_values(connect, server):
    a, b = connect(), connect()
    a.wait_body()
    b.wait_body()
    rounds = 60

    def thread_writer() -> None:
        for i in range(rounds):
            with server.state:
                server.state.bg = f"thread {i}"

    async def loop_writer() -> None:
        for i in range(rounds):
            with server.state:
                server.state.slider_value = i % 16

    writer = threading.Thread(target=thread_writer)
    writer.start()
    task = aio.create_task(loop_writer())
    for i in range(rounds):
        a.event("name", "input", f"typed {i}")
    writer.join()
    task.result(timeout=TIMEOUT)
    last_slider = (rounds - 1) % 16
    expected = {
        "bg_text": f"bg = thread {rounds - 1}<",
        "slider_text": f"slider_value = {last_slider}<",
        "name": f'value="typed {rounds - 1}"',
    }
    for client in (a, b):
        client.wait_view(list(expected), expected)
    assert server.state.bg == f"thread {rounds - 1}"
    assert server.state.slider_value == last_slider
    assert server.state.name == f"typed {rounds - 1}"


def test_title_change_arrives_as_title(connect, server):
    client = connect()
    client.wait_body()
    with server.state:
        server.state.trame__title = "A <new> title"
    msg = client.wait_for(lambda m: "trame__title" in m["dirty"], "trame__title dirty")
    assert msg["title"] == "A <new> title"


def test_favicon_change_arrives_as_favicon_and_a_resync_carries_it(connect, server):
    client = connect()
    client.wait_body()
    with server.state:
        server.state.trame__favicon = "/icons/busy.png"
    msg = client.wait_for(lambda m: "trame__favicon" in m["dirty"], "trame__favicon dirty")
    assert msg["favicon"] == "/icons/busy.png"
    late = connect(seq=-1)  # a page that missed it gets it with the whole body
    body = late.wait_for(lambda m: "ht-app" in m.get("content", ""), "whole body")
    assert body["favicon"] == "/icons/busy.png"
    with server.state:
        server.state.trame__favicon = None
    msg = client.wait_for(lambda m: "trame__favicon" in m["dirty"], "trame__favicon dirty")
    assert msg["favicon"] == "", "no favicon: the page's own comes back"


def test_re_entering_the_layout_sends_a_full_body_to_every_page(connect, server):
    pages = [connect(ui="second"), connect(ui="second")]
    for page in pages:
        page.wait_body()
    layout = server.ui_second
    with layout:
        html.P("added later", id="added")
    for page in pages:
        msg = page.wait_body()
        assert '<p id="added">added later</p>' in msg["content"]
        assert '<p id="second_p">second page</p>' in msg["content"]


def test_unexpected_server_error_gets_an_error_frame_and_keeps_the_connection(connect, server, caplog):
    client = connect(ui="second")
    client.wait_body()
    before = server.state.to_dict()
    client.event("bad_radio", "change", "on")
    msg = client.wait_error("server-error")
    assert "see the server log" in msg["error"]["message"]
    assert server.state.to_dict() == before
    assert "missing" in caplog.text and "Traceback" in caplog.text
    client.hello(-1)
    client.wait_body()  # still connected and answered


# -- refusals ----------------------------------------------------------------------------------------------

def _still_works(client: Client, server: Server) -> None:
    """The connection is up: an ordinary input still round-trips."""
    text = f"alive {time.monotonic_ns()}"
    client.event("name", "input", text)
    client.wait_for(fragment_shows("name", f'value="{text}"'), "the round trip after an error")
    assert server.state.name == text


def test_malformed_json_gets_an_error_frame(connect, server):
    client = connect()
    client.wait_body()
    before = server.state.to_dict()
    client.ws.send("{not json")
    msg = client.wait_error("bad-json")
    assert "not valid JSON" in msg["error"]["message"]
    assert server.state.to_dict() == before
    _still_works(client, server)


def test_binary_frame_gets_an_error_frame(connect, server):
    client = connect()
    client.wait_body()
    before = server.state.to_dict()
    client.ws.send_binary(b'{"t": "hello", "seq": 0}')
    msg = client.wait_error("bad-frame")
    assert "binary" in msg["error"]["message"]
    assert server.state.to_dict() == before
    _still_works(client, server)


def test_unknown_message_type_gets_an_error_frame(connect, server):
    client = connect()
    client.wait_body()
    client.send({"t": "eval", "code": "state.x = 1"})
    client.wait_error("bad-message")
    assert "x" not in server.state
    _still_works(client, server)


def test_hello_with_a_non_integer_seq_gets_an_error_frame(connect, server):
    client = connect(seq=None)
    client.send({"t": "hello", "seq": "12"})
    client.wait_error("bad-message")
    client.hello(-1)
    client.wait_body()
    _still_works(client, server)


def test_websocket_from_a_foreign_origin_is_refused(server):
    # Refused before the handshake: the foreign page never holds an open socket.
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(
            f"ws://localhost:{server.port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT, origin="http://evil.example"
        )
    assert refused.value.status_code == 403


def test_unknown_element_id_gets_an_error_frame(connect, server):
    client = connect()
    client.wait_body()
    before = server.state.to_dict()
    client.send({"t": "ev", "id": "ht-does-not-exist", "ev": "input", "value": "1"})
    msg = client.wait_error("unknown-element")
    assert "ht-does-not-exist" in msg["error"]["message"]
    assert server.state.to_dict() == before
    _still_works(client, server)


def test_wrong_value_type_gets_an_error_frame_and_state_is_unchanged(connect, server):
    client = connect()
    client.wait_body()
    before = server.state.to_dict()
    client.event("slider", "input", "not a number")
    msg = client.wait_error("bad-value")
    assert "number" in msg["error"]["message"]
    client.event("flag", "change", "yes")
    client.wait_error("bad-value")
    assert server.state.to_dict() == before
    _still_works(client, server)


def test_failing_handler_reports_an_error_and_keeps_earlier_changes(connect, server):
    other = connect()
    other.wait_body()
    client = connect()
    client.wait_body()
    client.event("boom", "click")
    client.wait_error("handler-failed")
    # the other page sees what the handler changed before it raised
    other.wait_for(fragment_shows("bg_text", "set before the raise"), "the handler's change")
    _still_works(client, server)


DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"


def _negotiated_extensions(port: int) -> str | None:
    """Open a socket offering permessage-deflate, as Chromium does; what the server accepted."""
    ws = websocket.create_connection(
        f"ws://localhost:{port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT, header=[DEFLATE_OFFER]
    )
    try:
        return (ws.getheaders() or {}).get("sec-websocket-extensions")
    finally:
        ws.close()


def test_permessage_deflate_is_declined_by_default(server):
    # A zlib compressor and decompressor per page cost far more memory than
    # compressing fragments of a few hundred bytes saves on the wire.
    assert _negotiated_extensions(server.port) is None


def test_permessage_deflate_can_be_turned_on():
    srv = Server("test-websocket-deflate", websocket_compression=True)
    with DivLayout(srv) as layout:
        html.Div("x")
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        assert "permessage-deflate" in (_negotiated_extensions(srv.port) or "")
    finally:
        srv.stop()


def test_the_served_socket_is_written_without_blocking(connect, server):
    # A socket with a timeout would make every write wait for a slow page,
    # and with one pusher for all pages, that page would hold up the others.
    client = connect()
    client.wait_body()
    with server._connections_lock:
        channels = list(server.connections.values())
    assert channels and all(ch.outbox is not None and ch.outbox._nonblocking for ch in channels)


# -- acknowledgements: which of its messages the page's content reflects ------------------
def test_numbered_input_is_acknowledged_with_the_content_it_caused(connect, server):
    page, other = connect(seq=-1), connect(seq=-1)
    page.wait_body()
    other.wait_body()
    page.send({"t": "ev", "id": page.ids["name"], "ev": "input", "value": "ack-1", "event": {"type": "input"}, "n": 41})
    msg = page.wait_for(lambda m: "ack" in m, "an ack")
    assert msg["ack"] == 41 and msg["kept"] == {"name": "ack-1"}
    # the same value again changes nothing: the page still learns it was handled
    page.send({"t": "ev", "id": page.ids["name"], "ev": "input", "value": "ack-1", "event": {"type": "input"}, "n": 42})
    assert page.wait_for(lambda m: "ack" in m, "an ack") == {"ack": 42}
    # another page's frames never carry this page's numbers
    seen = other.wait_for(lambda m: 'value="ack-1"' in m.get("content", ""), "the new name")
    assert "ack" not in seen


def test_a_bad_message_number_is_refused(connect, server):
    page = connect(seq=-1)
    page.wait_body()
    for n in (-1, "7", True, 2**60):
        page.send({"t": "ev", "id": page.ids["name"], "ev": "input", "value": "x", "n": n})
        assert page.wait_error("bad-message")["error"]["message"].startswith("'n' numbers")

"""The HTTP fallback's server side: event stream down, POST up, same messages and refusals."""

from __future__ import annotations

import json
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.transport import sse
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def make_server(**options) -> Server:
    srv = Server(f"test-sse-{uuid.uuid4().hex[:8]}", **options)
    srv.state.count = 0

    def bump():
        srv.state.count += 1

    def boom():
        raise RuntimeError("handler bug")

    with DivLayout(srv):
        html.Div("count={{ count }}", id="count_text")
        html.Button("bump", id="bump", click=bump)
        html.Button("boom", id="boom", click=boom)
    srv.state.ready()
    return srv


class Stream:
    """One page's event stream through Flask's test client, read event by event."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.client = server.flask_app().test_client()
        self.resp = self.client.get("/__htmxtrame/sse?ui=main", buffered=False)
        assert self.resp.status_code == 200, self.resp.get_data(as_text=True)
        assert self.resp.mimetype == "text/event-stream"
        self.chunks = iter(self.resp.response)
        first = self.next_chunk()
        assert "event: ht-open" in first
        self.sid = json.loads(first.split("data: ", 1)[1])["sid"]

    def next_chunk(self) -> str:
        chunk = next(self.chunks)
        return chunk.decode() if isinstance(chunk, bytes) else chunk

    def next_message(self) -> dict:
        """The next ``data:`` event (pings skipped)."""
        while True:
            chunk = self.next_chunk()
            if chunk.startswith("data: "):
                return json.loads(chunk[len("data: "):])

    def post(self, *messages, origin: str | None = None, raw=None):
        body = raw if raw is not None else json.dumps([json.dumps(m) for m in messages])
        headers = {"Origin": origin} if origin else {}
        return self.client.post(f"/__htmxtrame/sse/{self.sid}", data=body, headers=headers,
                                content_type="application/json")

    def instance(self, element_id: str) -> str:
        page = self.client.get("/").get_data(as_text=True)
        import re

        return re.search(rf'id="{element_id}"[^>]*data-ht="([^"]+)"', page).group(1)

    def close(self) -> None:
        self.resp.close()


@pytest.fixture
def stream():
    s = Stream(make_server())
    yield s
    s.close()


def test_hello_resyncs_and_a_click_comes_back_as_the_websocket_frame(stream):
    bump = stream.instance("bump")
    assert stream.post({"t": "hello", "seq": -1}).status_code == 204
    whole = stream.next_message()
    assert 'hx-target="#ht-app"' in whole["content"] and "count=0" in whole["content"]
    click = {"t": "ev", "id": bump, "ev": "click"}
    assert stream.post(click, click).status_code == 204
    msg = stream.next_message()
    assert msg["dirty"] == ["count"] and "count=2" in msg["content"]  # two messages in order, one merged frame
    assert stream.server.state.count == 2


def test_bad_messages_get_error_frames_and_the_stream_stays(stream):
    assert stream.post({"t": "ev", "id": "ht99999", "ev": "click"}).status_code == 204
    assert stream.next_message()["error"]["code"] == "unknown-element"
    assert stream.post({"t": "nope"}).status_code == 204
    assert stream.next_message()["error"]["code"] == "bad-message"
    assert stream.post({"t": "ev", "id": stream.instance("boom"), "ev": "click"}).status_code == 204
    assert stream.next_message()["error"]["code"] == "handler-failed"
    # still working
    assert stream.post({"t": "ev", "id": stream.instance("bump"), "ev": "click"}).status_code == 204
    assert "count=1" in stream.next_message()["content"]


@pytest.mark.parametrize("raw, status", [
    ("not json", 400),
    ('{"t": "hello"}', 400),  # an array of message texts, not one message
    ("[1, 2]", 400),
    (json.dumps(["{}"] * (sse.MAX_POSTED_MESSAGES + 1)), 413),
    ("[" + " " * sse.MAX_POST_BYTES + "]", 413),
])
def test_malformed_posts_are_refused_with_a_clear_error(stream, raw, status):
    resp = stream.post(raw=raw)
    assert resp.status_code == status
    assert resp.get_json()["error"]
    assert stream.post({"t": "ev", "id": stream.instance("bump"), "ev": "click"}).status_code == 204
    assert "count=1" in stream.next_message()["content"]


def test_a_post_to_an_unknown_or_ended_connection_is_404(stream):
    resp = stream.client.post("/__htmxtrame/sse/not-a-connection", data="[]")
    assert resp.status_code == 404 and "reconnect" in resp.get_json()["error"]
    stream.close()  # the page went away
    assert stream.post({"t": "hello", "seq": 0}).status_code == 404
    assert not stream.server.connections


def test_a_foreign_origin_is_refused_like_the_websocket(stream):
    resp = stream.post({"t": "ev", "id": stream.instance("bump"), "ev": "click"}, origin="http://evil.example")
    assert resp.status_code == 403
    assert stream.server.state.count == 0
    client = stream.server.flask_app().test_client()
    assert client.get("/__htmxtrame/sse", headers={"Origin": "http://evil.example"}).status_code == 403
    # the page's own origin is fine
    assert stream.post({"t": "hello", "seq": 0}, origin="http://localhost").status_code == 204


def test_transports_option_refuses_the_websocket_or_the_fallback():
    only_sse = make_server(transports=("sse",)).flask_app().test_client()
    resp = only_sse.get("/__htmxtrame/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert resp.status_code == 404 and "transports" in resp.get_json()["error"]
    only_ws = make_server(transports=("websocket",)).flask_app().test_client()
    assert only_ws.get("/__htmxtrame/sse").status_code == 404
    with pytest.raises(ValueError, match="transports"):
        sse.transports(make_server(transports=("carrier-pigeon",)))


def test_stop_closes_the_stream_and_the_page_leaves(stream):
    assert stream.server.connections
    stream.server.close_connections()
    with pytest.raises(StopIteration):
        while True:
            stream.next_chunk()
    assert not stream.server.connections


def test_the_fallback_works_under_a_url_prefix_in_a_host_app():
    from flask import Flask

    srv = make_server()
    host = Flask("host")
    srv.init_app(host, url_prefix="/viz")
    client = host.test_client()
    resp = client.get("/viz/__htmxtrame/sse?ui=main", buffered=False)
    assert resp.status_code == 200
    chunks = iter(resp.response)
    first = next(chunks).decode()
    sid = json.loads(first.split("data: ", 1)[1])["sid"]
    assert client.post(f"/viz/__htmxtrame/sse/{sid}", data=json.dumps([json.dumps({"t": "hello", "seq": -1})])
                       ).status_code == 204
    assert "count=0" in next(c for c in chunks if c.startswith(b"data: ")).decode()
    resp.close()


def test_a_message_over_the_frame_cap_ends_the_connection_as_on_the_websocket(stream):
    from htmxtrame.transport import wire

    huge = json.dumps({"t": "ev", "id": "x", "ev": "input", "value": "a" * (wire.MAX_FRAME + 10)})
    resp = stream.post(raw=json.dumps([huge]))
    assert resp.status_code == 413 and "closed" in resp.get_json()["error"]
    assert stream.post({"t": "hello", "seq": 0}).status_code == 404  # the page reconnects


def test_a_flood_is_rate_limited_with_one_error_frame():
    s = Stream(make_server(max_messages_per_second=5))
    try:
        bump = s.instance("bump")
        assert s.post(*[{"t": "ev", "id": bump, "ev": "click"}] * 30).status_code == 204
        msg = s.next_message()
        assert msg["error"]["code"] == "rate-limited"
        assert s.server.state.count == 10  # the burst allowance (twice the rate), no more
    finally:
        s.close()


def test_a_page_from_another_server_process_is_always_resynced():
    srv = make_server()
    client = srv.flask_app().test_client()
    scope = srv.scope_for_request()
    seq = scope.last_seq  # by chance the same number the old process had reached
    for boot, resynced in ((scope.boot, False), ("an-older-process", True)):
        resp = client.get("/__htmxtrame/sse?ui=main", buffered=False)
        chunks = iter(resp.response)
        first = json.loads(next(chunks).decode().split("data: ", 1)[1])
        hello = json.dumps([json.dumps({"t": "hello", "seq": seq, "boot": boot})])
        assert client.post(f"/__htmxtrame/sse/{first['sid']}", data=hello).status_code == 204
        srv.state.count += 1  # something to send either way
        srv.state.flush()
        msg = json.loads(next(c for c in chunks if c.startswith(b"data: ")).decode()[len("data: "):])
        assert ('hx-target="#ht-app"' in msg["content"]) is resynced
        resp.close()


# -- main's guards apply to the fallback as to the websocket -------------------

def test_a_posted_message_is_acknowledged_with_the_frame_it_caused(stream):
    # The glue keeps a typed field's text until its message number comes back.
    assert stream.post({"t": "ev", "id": stream.instance("bump"), "ev": "click", "n": 7}).status_code == 204
    msg = stream.next_message()
    assert msg["ack"] == 7 and "count=1" in msg["content"]


def test_streams_count_against_the_websocket_connection_caps():
    srv = make_server(max_websockets_per_client=1)
    first = Stream(srv)
    resp = srv.flask_app().test_client().get("/__htmxtrame/sse?ui=main", buffered=False)
    assert resp.status_code == 503 and "max_websockets_per_client" in resp.get_json()["error"]
    resp.close()
    first.close()  # its slot is free again
    Stream(srv).close()


def test_a_foreign_host_name_gets_no_stream_and_no_post(stream):
    foreign = {"Host": "attacker.example"}
    assert stream.client.get("/__htmxtrame/sse?ui=main", headers=foreign).status_code == 403
    body = json.dumps([json.dumps({"t": "ev", "id": stream.instance("bump"), "ev": "click"})])
    resp = stream.client.post(f"/__htmxtrame/sse/{stream.sid}", data=body, headers=foreign)
    assert resp.status_code == 403 and stream.server.state.count == 0


def test_a_page_no_longer_allowed_is_sent_to_log_in_and_its_message_is_dropped():
    import re

    from flask import Flask

    allowed = {"ok": True}
    srv = make_server()
    host = Flask(f"auth-{uuid.uuid4().hex[:6]}")
    srv.init_app(host, url_prefix="/viz", authorize=lambda req: allowed["ok"])
    client = host.test_client()
    bump = re.search(r'id="bump"[^>]*data-ht="([^"]+)"', client.get("/viz/").get_data(as_text=True)).group(1)
    resp = client.get("/viz/__htmxtrame/sse?ui=main", buffered=False)
    chunks = (c.decode() for c in resp.response)
    sid = json.loads(next(chunks).split("data: ", 1)[1])["sid"]

    def click():
        return client.post(f"/viz/__htmxtrame/sse/{sid}", data=json.dumps([json.dumps({"t": "ev", "id": bump, "ev": "click"})]))

    assert click().status_code == 204 and srv.state.count == 1
    allowed["ok"] = False  # logged out meanwhile
    refused = click()
    assert refused.status_code == 403 and srv.state.count == 1
    rest = "".join(c for _, c in zip(range(10), chunks))  # the stream ends after the close event
    assert "event: ht-close" in rest and '"code": 4401' in rest
    resp.close()

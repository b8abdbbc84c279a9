"""A page's websocket read on its own thread (htmxtrame/transport/reading.py).

The reader speaks RFC 6455 to a client over a real socket pair: what a
browser sends arrives as messages, control frames are answered, and every
frame a client must not send closes the connection with the right code.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import urllib.request

import pytest
import websocket  # websocket-client
from simple_websocket import ConnectionClosed

from htmxtrame.server import Server
from htmxtrame.transport.reading import Reader, unmask
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


class _WS:
    """What the reader needs of a simple-websocket connection."""

    def __init__(self, sock: socket.socket, max_size: int | None = 1 << 20, ping: float | None = None) -> None:
        self.sock, self.max_message_size, self.ping_interval = sock, max_size, ping
        self.connected, self.close_reason, self.close_message = True, 1005, None


def _frame(opcode: int, payload: bytes, fin: bool = True, mask: bool = True, rsv: int = 0) -> bytes:
    """A client's frame (masked unless told otherwise)."""
    head = bytes((0x80 * fin | rsv | opcode,))
    n = len(payload)
    size = bytes((n,)) if n < 126 else b"\x7e" + n.to_bytes(2, "big") if n < 65536 else b"\x7f" + n.to_bytes(8, "big")
    if not mask:
        return head + size + payload
    key = os.urandom(4)
    size = bytes((size[0] | 0x80,)) + size[1:]
    return head + size + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def _server_frames(sock: socket.socket) -> list[tuple[int, bytes]]:
    """The frames the reader wrote back: (opcode, payload)."""
    sock.settimeout(1)
    data = sock.recv(65536)
    frames = []
    while data:
        n = data[1] & 0x7F
        frames.append((data[0] & 0x0F, data[2:2 + n]))
        data = data[2 + n:]
    return frames


@pytest.fixture
def pair():
    server, client = socket.socketpair()
    yield server, client
    server.close()
    client.close()


def test_messages_arrive_whole_in_one_frame_or_several(pair):
    server, client = pair
    reader = Reader(_WS(server), 10, "test")
    client.sendall(_frame(1, b'{"t":"hello"}') + _frame(1, b"par", fin=False) + _frame(0, "tés".encode())
                   + _frame(2, b"\x00\x01"))
    assert reader.receive(1) == '{"t":"hello"}'
    assert reader.pending() and len(reader) == 3
    assert reader.receive(1) == "partés"
    assert reader.receive(1) == b"\x00\x01"
    assert not reader.pending() and reader.receive(0.05) is None  # nothing more: a timeout, not an error


def test_a_ping_gets_its_pong_and_a_flood_of_pings_does_not(pair):
    server, client = pair
    reader = Reader(_WS(server), 2, "test")
    client.sendall(b"".join(_frame(9, b"p%d" % i) for i in range(10)) + _frame(1, b"x"))
    assert reader.receive(1) == "x"
    pongs = _server_frames(client)
    assert pongs[:2] == [(0xA, b"p0"), (0xA, b"p1")] and len(pongs) == 4  # the rate's burst of twice the rate, no more


def test_the_page_closing_is_answered_and_ends_reading(pair):
    server, client = pair
    ws = _WS(server)
    reader = Reader(ws, 10, "test")
    client.sendall(_frame(8, (1001).to_bytes(2, "big") + b"bye"))
    with pytest.raises(ConnectionClosed):
        reader.receive(1)
    assert (ws.connected, ws.close_reason, ws.close_message) == (False, 1001, "bye")
    assert _server_frames(client) == [(8, b"")]  # a bare close: htmx reconnects after 1005


@pytest.mark.parametrize(("frame", "code"), [
    (_frame(1, b"plain", mask=False), 1002),  # clients must mask
    (_frame(1, b"x", rsv=0x40), 1002),  # no extension was agreed
    (_frame(3, b"x"), 1002),  # no such opcode
    (_frame(9, b"p" * 10, fin=False), 1002),  # a control frame split
    (_frame(0, b"x"), 1002),  # continuing nothing
    (_frame(1, b"\xff\xfe"), 1007),  # not UTF-8
])
def test_a_frame_no_client_may_send_closes_with_its_code(pair, frame, code):
    server, client = pair
    ws = _WS(server)
    reader = Reader(ws, 10, "test")
    client.sendall(frame)
    with pytest.raises(ConnectionClosed):
        reader.receive(1)
    assert not ws.connected and ws.close_reason == code
    assert _server_frames(client)[0][1][:2] == code.to_bytes(2, "big")


def test_a_message_over_the_cap_is_refused_before_its_bytes_arrive(pair):
    server, client = pair
    ws = _WS(server, max_size=1000)
    reader = Reader(ws, 10, "test")
    client.sendall(b"\x81\xff" + (1 << 40).to_bytes(8, "big") + b"MASK")  # says a terabyte follows
    with pytest.raises(ConnectionClosed):
        reader.receive(1)
    assert ws.close_reason == 1009 and "too big" in ws.close_message
    ws2 = _WS(server, max_size=1000)
    reader2 = Reader(ws2, 10, "test")
    client.sendall(_frame(1, b"a" * 600, fin=False) + _frame(0, b"b" * 600))  # too big only together
    with pytest.raises(ConnectionClosed):
        reader2.receive(1)
    assert ws2.close_reason == 1009


def test_a_silent_page_is_pinged_and_closed_when_it_does_not_answer(pair):
    server, client = pair
    ws = _WS(server, ping=0.05)
    reader = Reader(ws, 10, "test")
    with pytest.raises(ConnectionClosed):
        reader.receive(None)
    assert ws.close_reason == 1008 and "Ping/Pong" in ws.close_message
    assert [op for op, _ in _server_frames(client)] == [9, 8]


def test_closing_from_another_thread_wakes_the_reader(pair):
    server, _client = pair
    reader = Reader(_WS(server), 10, "test")
    threading.Timer(0.05, reader.wake).start()
    with pytest.raises(ConnectionClosed):
        reader.receive(10)  # without the wake: None after 10 s, not ConnectionClosed


def test_unmasking_matches_the_rfc():
    data, key = os.urandom(1001), os.urandom(4)
    assert unmask(data, key) == bytes(b ^ key[i % 4] for i, b in enumerate(data))
    assert unmask(b"", key) == b""


def test_a_page_socket_has_no_reader_thread_of_its_own():
    srv = Server("reading-live")
    with DivLayout(srv) as layout:
        html.Button("+", id="inc", click="n = (n || 0) + 1")
        html.Span("{{ n }}", id="n")
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False, timeout=0)
    try:
        urllib.request.urlopen(f"http://localhost:{srv.port}/").read()
        readers = lambda: sum("simple_websocket" in t.name for t in threading.enumerate())  # noqa: E731
        before = readers()
        pages = [websocket.create_connection(f"ws://localhost:{srv.port}/__htmxtrame/ws?ui=main", timeout=5)
                 for _ in range(3)]
        for page in pages:
            page.send(json.dumps({"t": "hello", "seq": -1}))
            assert "#ht-app" in json.loads(page.recv())["content"]
        assert readers() == before  # the page's own thread reads its socket
        for page in pages:
            page.close()
    finally:
        srv.stop()


def test_under_green_workers_a_page_socket_keeps_simple_websockets_reader(monkeypatch):
    import types

    monkeypatch.setitem(sys.modules, "gevent", types.ModuleType("gevent"))  # as a gevent worker has it
    srv = Server("reading-green")
    with DivLayout(srv) as layout:
        html.Span("{{ n }}", id="n")
    srv.ui_main = layout
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False, timeout=0)
    try:
        readers = lambda: sum("simple_websocket" in t.name for t in threading.enumerate())  # noqa: E731
        before = readers()
        page = websocket.create_connection(f"ws://localhost:{srv.port}/__htmxtrame/ws?ui=main", timeout=5)
        page.send(json.dumps({"t": "hello", "seq": -1}))
        assert "#ht-app" in json.loads(page.recv())["content"]
        assert readers() == before + 1  # no blocking poll() on a green thread: the worker's reader reads
        page.close()
    finally:
        srv.stop()

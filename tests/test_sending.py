"""sending.py: frames written without blocking, in order, and one pusher for every page."""

from __future__ import annotations

import socket
import threading

from htmxtrame.controller import Controller
from htmxtrame.session import Batch, Scope, Session
from htmxtrame.state import State
from htmxtrame.transport.sending import Channel, Outbox, Pusher


def _pair() -> tuple[socket.socket, socket.socket]:
    a, b = socket.socketpair()
    a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    return a, b


def _read_all(sock: socket.socket, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        out += sock.recv(65536)
    return bytes(out)


def test_a_page_that_does_not_read_never_blocks_the_writer_and_gets_every_byte_in_order():
    ours, page = _pair()
    box = Outbox(ours)
    frames = [bytes([i]) * 300_000 for i in range(3)]  # far more than the socket buffers hold
    writer = threading.Thread(target=lambda: [box.send(f) for f in frames])
    writer.start()
    writer.join(10)
    assert not writer.is_alive(), "send() waited for the page to read"
    assert box.backed_up
    received = bytearray()
    while box.backed_up or len(received) < sum(map(len, frames)):
        box.flush()
        received += page.recv(1 << 20)
    assert bytes(received) == b"".join(frames), "bytes lost, or frames interleaved"
    ours.close()
    page.close()


def test_a_ping_written_while_a_frame_is_half_out_waits_behind_it():
    ours, page = _pair()
    box = Outbox(ours)
    box.send(b"F" * 200_000)
    box.send(b"PING")
    data = bytearray()
    while box.backed_up or len(data) < 200_004:
        box.flush()
        data += page.recv(1 << 20)
    assert bytes(data) == b"F" * 200_000 + b"PING"
    ours.close()
    page.close()


class _FakeWs:
    """simple-websocket's Server as far as a Channel needs it."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, text: str) -> None:
        self.sock.send(text.encode())

    def close(self, reason: int, message: str) -> None:
        pass


def test_a_stalled_page_holds_one_merged_batch_and_gets_the_latest_when_it_reads():
    ours, page = _pair()
    session = Session(Scope(State(ready=True), Controller(), lambda: {}), "main")
    pusher = Pusher()
    channel = Channel(session, _FakeWs(ours), pusher)
    session.open()
    page.settimeout(10)
    big = "x" * 100_000
    for i in range(50):
        session.push(Batch(i, {"f": f"<p id='f'>{i}:{big}</p>"}, dirty=["k"]))
        channel.service()  # what the pusher does on each wake
    assert session.has_pending(), "updates were taken while the socket was full"
    assert len(session._pending.fragments["f"]) < 2 * len(big), "the pending batch grew instead of merging"
    got = bytearray()
    while b"49:" not in got:  # the page reads again: the pusher's retries deliver the latest
        got += page.recv(1 << 20)
    assert got.count(b"<p id='f'>") < 10, "the page was sent a backlog, not the latest state"
    session.close()
    ours.close()
    page.close()


def test_the_closing_frame_is_on_the_wire_before_the_handler_returns():
    """werkzeug writes an HTTP status line once the handler returns; a page that
    read it before the closing frame would see a broken frame, not a close."""
    import time

    ours, page = _pair()
    ws = _FakeWs(ours)
    ws.connected = False  # the page broke the protocol: the reader marked the socket closed...

    def reader() -> None:
        time.sleep(0.2)  # ...and writes its closing frame a moment later
        ws.sock.send(b"CLOSE-FRAME")

    channel = Channel(Session(Scope(State(ready=True), Controller(), lambda: {}), "main"), ws, Pusher())
    ws.thread = threading.Thread(target=reader)
    ws.thread.start()
    channel.finish()
    page.setblocking(False)
    assert page.recv(100) == b"CLOSE-FRAME", "the handler returned before the closing frame was written"
    ours.close()
    page.close()


def test_our_text_frames_are_byte_for_byte_what_wsproto_frames():
    # Channel.send frames its own text frames: a browser must read them exactly as wsproto's.
    from wsproto import ConnectionType
    from wsproto.connection import Connection
    from wsproto.events import TextMessage

    from htmxtrame.transport.sending import text_frame

    for size in (0, 1, 125, 126, 65535, 65536, 200_000):
        text = ("é" * size)[:size] if size < 1000 else "x" * size
        expected = Connection(ConnectionType.SERVER).send(TextMessage(data=text))
        assert text_frame(text.encode()) == expected, size

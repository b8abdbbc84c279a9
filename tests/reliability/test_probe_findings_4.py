"""What the fourth security probe found, each pinned by a test.

* the page's own-thread websocket reader (``transport/reading.py``) kept a
  message's frames as a list of pieces until its last frame: empty
  continuation frames (6 bytes each on the wire) grew that list without
  end, as they add nothing to the message's size, and 1-byte ones held
  about 40 bytes of server memory per byte sent. A message in progress now
  holds its bytes only.
"""

from __future__ import annotations

import logging
import socket
import threading
import tracemalloc

import pytest
import websocket
from simple_websocket import ConnectionClosed

from htmxtrame.transport.reading import Reader

from .conftest import Live


class _WS:
    """What the reader needs of a simple-websocket connection."""

    def __init__(self, sock: socket.socket, max_size: int | None = 1 << 20) -> None:
        self.sock, self.max_message_size, self.ping_interval = sock, max_size, None
        self.connected, self.close_reason, self.close_message = True, 1005, None


def _frame(opcode: int, payload: bytes, fin: bool = True) -> bytes:
    """A masked client frame of at most 125 bytes (a zero mask: the payload as is)."""
    return bytes((0x80 * fin | opcode, 0x80 | len(payload))) + b"\0\0\0\0" + payload


@pytest.fixture
def pair():
    server, client = socket.socketpair()
    yield server, client
    server.close()
    client.close()


def _held_after(reader: Reader, client: socket.socket, data: bytes) -> int:
    """Bytes of Python memory the reader holds once it has read *data* (a message it is still waiting to end)."""
    sender = threading.Thread(target=client.sendall, args=(data,), daemon=True)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        sender.start()
        while sender.is_alive():
            assert reader.receive(0.05) is None  # the message never ends
        assert reader.receive(0.2) is None  # and the rest of what was sent is read
        return tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("piece", [b"", b" "], ids=["empty-pieces", "one-byte-pieces"])
def test_a_message_sent_in_tiny_frames_holds_no_more_than_its_bytes(pair, piece: bytes) -> None:
    server, client = pair
    reader = Reader(_WS(server), 10, "probe")
    frames = 200_000
    data = _frame(1, b"{", fin=False) + _frame(0, piece, fin=False) * frames
    held = _held_after(reader, client, data)
    # Before: a list entry per frame (1.6 MB for empty pieces, 8 MB for 1-byte ones).
    assert held < 64 * 1024 + len(piece) * frames * 2, held


def test_a_message_in_many_frames_still_arrives_whole(pair) -> None:
    server, client = pair
    reader = Reader(_WS(server), 10, "probe")
    client.sendall(_frame(1, b'{"t":', fin=False) + _frame(0, b"", fin=False) + _frame(0, "\"h\u00e9\"".encode(), fin=False)
                   + _frame(0, b"}"))
    assert reader.receive(1) == '{"t":"h\u00e9"}'
    client.sendall(_frame(2, b"\x00", fin=False) + _frame(0, b"\x01"))
    assert reader.receive(1) == b"\x00\x01"


def test_the_size_cap_still_counts_every_frame_of_a_message(pair) -> None:
    server, client = pair
    ws = _WS(server, max_size=1000)
    reader = Reader(ws, 10, "probe")
    client.sendall(_frame(1, b"a" * 100, fin=False) + _frame(0, b"b" * 100, fin=False) * 10)
    with pytest.raises(ConnectionClosed):
        reader.receive(1)
    assert ws.close_reason == 1009


# -- a Python client's hello ---------------------------------------------------------


def _client_close(live: Live, hello: str) -> tuple[int, str]:
    """Connect to the Python-client endpoint, send *hello* as is: the close code and reason the server sends."""
    ws = websocket.create_connection(f"ws://localhost:{live.server.port}/__htmxtrame/client", timeout=5)
    try:
        ws.send(hello)
        opcode, data = ws.recv_data(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE, (opcode, data[:200])
        return int.from_bytes(data[:2], "big"), data[2:].decode()
    finally:
        ws.close()


@pytest.mark.parametrize("secret", ["\\ud800", "wslink-secret\\udfff", "\\udcff"])
def test_a_secret_with_a_lone_surrogate_is_a_wrong_secret_not_a_crash(live: Live, caplog, secret: str) -> None:
    caplog.set_level(logging.WARNING, logger="htmxtrame")
    # Before: UnicodeEncodeError escaped the handshake check, a traceback was
    # logged for every such connection and an HTTP 500 was written into the socket.
    code, reason = _client_close(live, '{"t": "hello", "secret": "' + secret + '"}')
    assert (code, reason) == (1008, "wrong client secret (the server's --authKey)")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert _client_close(live, '{"t": "hello", "secret": "nope"}')[0] == 1008  # the endpoint still serves

"""What the fourth security probe found, each pinned by a test.

* the page's own-thread websocket reader (``transport/reading.py``) kept a
  message's frames as a list of pieces until its last frame: empty
  continuation frames (6 bytes each on the wire) grew that list without
  end, as they add nothing to the message's size, and 1-byte ones held
  about 40 bytes of server memory per byte sent. A message in progress now
  holds its bytes only.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import os
import socket
import threading
import tracemalloc
import zlib

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


# -- websocket_compression=True -------------------------------------------------------


def _deflated_page(port: int) -> tuple[socket.socket, str, bytes]:
    """A raw page socket offering permessage-deflate, as browsers do: (socket, agreed extensions, bytes read past the head)."""
    sock = socket.create_connection(("localhost", port), timeout=5)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /__htmxtrame/ws?ui=main HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    head, rest = data.split(b"\r\n\r\n", 1)
    agreed = [line.split(b":", 1)[1].strip().decode() for line in head.split(b"\r\n")
              if line.lower().startswith(b"sec-websocket-extensions:")]
    return sock, agreed[0] if agreed else "", rest


def _server_message(sock: socket.socket, data: bytes) -> tuple[int, bytes]:
    """The next whole frame the server sends: (opcode, payload inflated when compressed)."""
    while True:
        if len(data) >= 2:
            n, pos = data[1] & 0x7F, 2
            if n >= 126:
                pos = 4 if n == 126 else 10
                n = int.from_bytes(data[2:pos], "big") if len(data) >= pos else 1 << 62
            if len(data) >= pos + n:
                payload = data[pos:pos + n]
                if data[0] & 0x40:  # RSV1: a compressed message
                    payload = zlib.decompressobj(-15).decompress(payload + b"\x00\x00\xff\xff")
                return data[0] & 0x0F, payload
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk


def test_a_page_that_compresses_its_messages_is_served_when_compression_is_on() -> None:
    from .app_under_test import build

    server = build("probe4_deflate", websocket_compression=True)
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        sock, agreed, rest = _deflated_page(server.port)
        assert agreed.startswith("permessage-deflate")
        squeeze = zlib.compressobj(wbits=-15)
        body = squeeze.compress(json.dumps({"t": "hello", "seq": -1}).encode()) + squeeze.flush(zlib.Z_SYNC_FLUSH)
        body = body[:-4]  # RFC 7692: the sync flush's tail is left out
        sock.sendall(bytes((0xC1, 0x80 | len(body))) + b"\0\0\0\0" + body)  # FIN | RSV1 | text, masked
        # Before: the page's own-thread reader refused the compressed frame (1002, "reserved bits set").
        opcode, payload = _server_message(sock, rest)
        assert opcode == 1, payload
        assert "#ht-app" in json.loads(payload)["content"]
        sock.close()
    finally:
        server.stop()


# -- guessing the client secret ----------------------------------------------------


def _hello_secret(live: Live, secret: str) -> tuple[int, str]:
    """A Python client's hello with *secret*: (opcode, the welcome's type or the close reason)."""
    ws = websocket.create_connection(f"ws://localhost:{live.server.port}/__htmxtrame/client", timeout=5)
    try:
        ws.send(json.dumps({"t": "hello", "secret": secret}))
        opcode, data = ws.recv_data(control_frame=True)
        return opcode, json.loads(data)["t"] if opcode == websocket.ABNF.OPCODE_TEXT else data[2:].decode()
    finally:
        ws.close()


@pytest.mark.parametrize("live", [{"client_secret": "4821"}], indirect=True)
def test_the_client_secret_cannot_be_guessed_online(live: Live, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="htmxtrame")
    assert _hello_secret(live, "4821") == (websocket.ABNF.OPCODE_TEXT, "welcome")
    # Before: about 400 guesses a second from one address, each with a log line (a 4-digit
    # secret was found in 12 s). A burst of wrong secrets is told so; then the address waits.
    for guess in range(30):
        opcode, reason = _hello_secret(live, f"{guess:04d}")
        assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert reason.startswith("too many wrong client secrets from this address")
    # the right secret is not even compared now: a guess cannot be confirmed
    assert _hello_secret(live, "4821") == (websocket.ABNF.OPCODE_CLOSE, reason)
    for guess in range(30):  # still refused, and no longer one log line each
        assert _hello_secret(live, f"{guess:04d}")[0] == websocket.ABNF.OPCODE_CLOSE
    from htmxtrame.log_budget import BURST

    refusals = [r for r in caplog.records if "Python client" in r.getMessage()]
    assert 1 <= len(refusals) <= BURST + 5, len(refusals)
    live.client().alive()  # pages of that address are served as before


def test_wrong_secrets_are_counted_per_address_and_forgotten_in_time() -> None:
    from htmxtrame.transport.clients import WRONG_SECRETS_BURST, Guesses

    guesses = Guesses()
    for _ in range(WRONG_SECRETS_BURST):
        assert not guesses.blocked("10.0.0.1", now=0.0)
        guesses.wrong("10.0.0.1", now=0.0)
    assert guesses.blocked("10.0.0.1", now=0.0)
    assert not guesses.blocked("10.0.0.2", now=0.0)  # another address guesses on its own account
    assert not guesses.blocked("10.0.0.1", now=60.0)  # a minute later: a few more tries


def test_the_wrong_secrets_table_stays_bounded() -> None:
    from htmxtrame.transport.clients import Guesses

    guesses = Guesses(max_tracked=100)
    for n in range(1000):
        guesses.wrong(f"10.0.{n // 256}.{n % 256}", now=0.0)
    assert len(guesses) == 100


# -- log lines of refused requests ----------------------------------------------------


def _requests(live: Live, path: str, n: int, origin: str | None = "http://evil.example", upgrade: bool = True) -> set:
    """*n* requests for *path* on one keep-alive connection; the statuses answered."""
    conn = http.client.HTTPConnection("localhost", live.server.port, timeout=5)
    statuses = set()
    for _ in range(n):
        headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                   "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="} if upgrade else {}
        if origin is not None:
            headers["Origin"] = origin
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        statuses.add(resp.status)
        if resp.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("localhost", live.server.port, timeout=5)
    conn.close()
    return statuses


@pytest.mark.parametrize(("path", "upgrade"), [
    ("/__htmxtrame/ws?ui=main", True),
    ("/__htmxtrame/sse?ui=main", False),
    ("/__htmxtrame/download/abc", False),
])
def test_requests_refused_for_their_origin_write_a_bounded_number_of_log_lines(live: Live, caplog, path: str,
                                                                                upgrade: bool) -> None:
    from htmxtrame.log_budget import BURST

    caplog.set_level(logging.WARNING, logger="htmxtrame")
    # Before: a line each, about 1,200 a second from one keep-alive connection (or from a
    # hostile page's script in the user's browser opening sockets in a loop).
    assert _requests(live, path, 200, upgrade=upgrade) == {403}
    lines = [r for r in caplog.records if "origin" in r.getMessage()]
    assert 1 <= len(lines) <= BURST + 5, len(lines)


def test_sockets_closed_for_broken_frames_write_a_bounded_number_of_log_lines(live: Live, caplog) -> None:
    from htmxtrame.log_budget import BURST

    caplog.set_level(logging.WARNING, logger="htmxtrame")
    for _ in range(60):  # a fresh socket each time: each one's own budget would never run out
        ws = websocket.create_connection(live.ws_url, timeout=5)
        ws.sock.sendall(b"\x81\x01x")  # unmasked: 1002
        try:
            ws.recv_data(control_frame=True)
        finally:
            ws.close()
    live.wait_sessions(0)
    lines = [r for r in caplog.records if "code 1002" in r.getMessage()]
    assert 1 <= len(lines) <= BURST + 5, len(lines)


# -- uploads ------------------------------------------------------------------------------


def test_an_upload_of_too_many_small_files_is_told_which_limit_it_passed(live: Live) -> None:
    boundary = "XyZ"
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="f{i}"\r\n'
                    f"Content-Type: text/plain\r\n\r\na\r\n".encode() for i in range(1500))
    body += f"--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("localhost", live.server.port, timeout=10)
    conn.request("POST", "/__htmxtrame/upload", body=body,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    resp = conn.getresponse()
    error = json.loads(resp.read())["error"]
    conn.close()
    # Before: "uploaded files exceed this app's limit of 10485760 bytes", for 1,500 bytes of files.
    assert resp.status == 413
    assert "1000 files and fields" in error, error

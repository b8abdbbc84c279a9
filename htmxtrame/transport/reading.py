"""A page's websocket, read by the thread that handles it.

simple-websocket gives every connection a reader thread: it waits on the
socket, decodes frames with wsproto and hands each message to the handling
thread through an event. Measured per click on the bench app (per-thread
CPU clocks, bench/README.md), that thread cost 0.15 ms against 0.25 ms for
all the rest of the click: a second thread woken and put to sleep for every
message, a selector around every read. A page's messages are handled one at
a time, in order, by one thread anyway; so for pages that thread reads the
socket itself (:class:`Reader`), and simple-websocket's reader is never
started (:class:`NoReader`, given as its ``thread_class``).

What the reader thread did is done here, with the same limits: control
frames (a pong for each ping, at most ``max_pings_per_second``; the closing
handshake), keep-alive pings every ``ping_interval`` seconds and a close
when one goes unanswered, messages in several frames, the message size cap
(1009), text that is not UTF-8 (1007), and every frame RFC 6455 forbids a
client to send (1002). Reading one message at a time is also the backlog
limit: a page that sends faster than it is answered waits in its own TCP
buffer, not in ours.

Another thread closing the connection (a logout, a page that stopped
reading) wakes the reader by shutting the socket's read side.
"""

from __future__ import annotations

import functools
import logging
import select
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from simple_websocket import ConnectionClosed

from .limits import ReportEvery, TokenBucket

log = logging.getLogger("htmxtrame.transport")

_READ = 1 << 16
_POLL_IN = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP


class NoReader:
    """Stands in for simple-websocket's reader thread, which is never started."""

    def __init__(self, target: Any = None, **_: Any) -> None:
        self.name = "htmxtrame: the page's own thread reads"

    def start(self) -> None:
        """Nothing to start: :class:`Reader` reads on the page's thread."""

    def join(self, timeout: float | None = None) -> None:
        """Nothing ran."""

    def is_alive(self) -> bool:
        """Never running."""
        return False


def install(ws: Any, max_pings_per_second: float, who: Any) -> Reader | None:
    """Make *ws* (accepted by :func:`route`) read on the calling thread; ``None`` if it has its own reader."""
    if not isinstance(getattr(ws, "thread", None), NoReader):
        return None
    reader = Reader(ws, max_pings_per_second, who)
    ws.receive, ws.input_buffer, ws.event = reader.receive, reader, reader
    return reader


def route(bp: Any, path: str, **options: Any) -> Callable[[Callable[..., None]], Callable[..., Any]]:
    """``@route(bp, path)``: flask-sock's ``sock.route`` for a page's socket, with no reader thread.

    A request offering an extension (the blueprint drops the offer unless
    ``websocket_compression=True``) keeps simple-websocket's reader. The
    handler must call :func:`install` before it reads. As flask-sock
    does, the connection is closed when the handler returns and the WSGI
    server is told the request was taken over; with no reader thread to
    close the socket afterwards, it is closed here.
    """
    from flask import Response, current_app, request
    from simple_websocket import Server

    if "gevent" in sys.modules or "eventlet" in sys.modules:
        # Green workers: a blocking poll() here would stall every greenlet;
        # simple-websocket's reader, made a greenlet by the worker, reads.
        from flask_sock import Sock

        return Sock().route(path, bp=bp, **options)

    def decorator(handler: Callable[..., None]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def accept(*args: Any, **kwargs: Any) -> Any:
            config = {**current_app.config.get("SOCK_SERVER_OPTIONS", {})}
            if not request.environ.get("HTTP_SEC_WEBSOCKET_EXTENSIONS"):
                # An extension (permessage-deflate, websocket_compression=True) is
                # simple-websocket's to decode: its reader inflates, within the size cap.
                config["thread_class"] = NoReader
            ws = Server(request.environ, **config)
            try:
                handler(ws, *args, **kwargs)
            except ConnectionClosed:
                pass
            finally:
                try:
                    if ws.connected:
                        ws.close()
                except (ConnectionClosed, OSError):
                    pass
                linger(getattr(ws.sock, "_sock", ws.sock))
                try:
                    ws.sock.close()
                except OSError:
                    pass
            mode = ws.mode

            class Taken(Response):
                def __call__(self, *a: Any, **k: Any) -> Any:
                    if mode == "gunicorn":
                        raise StopIteration()
                    if mode == "werkzeug":
                        return super().__call__(*a, **k)
                    return []

            return Taken()

        bp.route(path, websocket=True, **options)(accept)
        return accept

    return decorator


LINGER = 1.0  # seconds a closing socket keeps reading what the page still sends


def linger(raw: socket.socket, seconds: float = LINGER) -> None:
    """Before closing: say we are done writing, and read what the page still sends for a moment.

    Closing a socket that has unread bytes (the rest of a message refused for
    its size, the page's own closing frame) makes the kernel reset the
    connection, and the page may then never read the closing frame and its
    code. So the close waits, at most *seconds*, for the page to close its side.
    """
    try:
        raw.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + seconds
        poller = select.poll()
        poller.register(raw.fileno(), _POLL_IN)
        while (left := deadline - time.monotonic()) > 0:
            if poller.poll(int(left * 1000) + 1) and not raw.recv(_READ):
                return  # the page closed its side
    except OSError:
        pass  # already gone


def control_frame(opcode: int, payload: bytes = b"") -> bytes:
    """One unmasked control frame from the server (payload at most 125 bytes)."""
    return bytes((0x80 | opcode, len(payload))) + payload


def unmask(data: bytes | bytearray, key: bytes | bytearray) -> bytes:
    """*data* XORed with the 4-byte masking *key* (RFC 6455, 5.3), as one big-integer XOR."""
    n = len(data)
    if not n:
        return b""
    pad = (bytes(key) * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "big") ^ int.from_bytes(pad, "big")).to_bytes(n, "big")


class Reader:
    """Reads one page's messages from its socket, on the calling thread."""

    def __init__(self, ws: Any, max_pings_per_second: float, who: Any) -> None:
        self.ws = ws
        self.raw: socket.socket = getattr(ws.sock, "_sock", ws.sock)  # under the Outbox, if any
        self.who = who
        self.max_size: int | None = ws.max_message_size
        self.ping_interval: float | None = ws.ping_interval
        self.buf = bytearray()
        # The message whose frames are coming, as one buffer: a list of its
        # pieces grew by an entry per frame, however small (an empty one too).
        self._data = bytearray()
        self._size = 0
        self._opcode: int | None = None  # of the message whose frames are coming
        self._pings = TokenBucket(max_pings_per_second)
        self._report = ReportEvery()
        self._poll = select.poll()
        self._poll.register(self.raw.fileno(), _POLL_IN)
        self._ping_due = time.monotonic() + (self.ping_interval or 0)
        self._awaiting_pong = False

    # -- public ------------------------------------------------------------------------------
    def receive(self, timeout: float | None = None) -> str | bytes | None:
        """The next message; ``None`` after *timeout* seconds; ``ConnectionClosed`` once it is gone."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            msg = self._message()
            if msg is not None:
                return msg
            if not self.ws.connected:
                raise ConnectionClosed(self.ws.close_reason, self.ws.close_message)
            now = time.monotonic()
            wait = self._ping_due - now if self.ping_interval else None
            if deadline is not None:
                wait = deadline - now if wait is None else min(wait, deadline - now)
            if not self._poll.poll(None if wait is None else max(0, int(wait * 1000) + 1)):
                now = time.monotonic()
                if self.ping_interval and now >= self._ping_due:
                    self._keep_alive(now)
                if deadline is not None and now >= deadline:
                    return None
                continue
            try:
                data = self.raw.recv(_READ)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                self._gone()
            self.buf += data
            if self.ping_interval:
                self._ping_due = time.monotonic() + self.ping_interval
                self._awaiting_pong = False  # the page is alive: anything it sends will do

    def pending(self) -> bool:
        """A whole frame waits in what was read already (a burst of input: answer it once)."""
        return self._whole_frame(0) is not None

    def __len__(self) -> int:
        """How many whole frames wait in what was read (at most one read's worth: 64 KiB)."""
        count, at = 0, self._whole_frame(0)
        while at is not None:
            count, at = count + 1, self._whole_frame(at)
        return count

    def _whole_frame(self, start: int) -> int | None:
        """Where the frame at *start* of the buffer ends, if all of it was read."""
        buf = self.buf
        if len(buf) < start + 2:
            return None
        n = buf[start + 1] & 0x7F
        head = start + 2 + (2 if n == 126 else 8 if n == 127 else 0) + 4
        if len(buf) < head:
            return None
        if n >= 126:
            n = int.from_bytes(buf[start + 2:head - 4], "big")
        return head + n if len(buf) >= head + n else None

    def wake(self) -> None:
        """From another thread: the connection is being closed; stop waiting for the page."""
        try:
            self.raw.shutdown(socket.SHUT_RD)
        except OSError:
            pass  # already gone

    # Standing in for simple-websocket's input queue and its "a frame arrived"
    # event (see install): the code that handles pages uses those two.
    __bool__ = pending
    set = wake

    # -- frames ------------------------------------------------------------------------------
    def _message(self) -> str | bytes | None:
        """Decode what the buffer holds: a whole message, else ``None`` (control frames are answered)."""
        while True:
            frame = self._frame()
            if frame is None:
                return None
            fin, opcode, payload = frame
            if opcode >= 8:
                self._control(opcode, payload)
                continue
            if opcode == 0:
                if self._opcode is None:
                    self._fail(1002, "a continuation frame with no message to continue")
            elif self._opcode is not None:
                self._fail(1002, "a new message before the last one ended")
            else:
                self._opcode = opcode
            if not fin:
                self._data += payload
                continue
            data = payload
            if self._data:  # the last of several frames
                self._data += payload
                data = bytes(self._data)
            kind, self._opcode, self._data, self._size = self._opcode, None, bytearray(), 0
            if kind == 2:
                return data
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                self._fail(1007, "text that is not UTF-8")

    def _frame(self) -> tuple[bool, int, bytes] | None:
        buf = self.buf
        if len(buf) < 2:
            return None
        b0, b1 = buf[0], buf[1]
        opcode, n = b0 & 0x0F, b1 & 0x7F
        if b0 & 0x70:
            self._fail(1002, "reserved bits set (no extension was agreed)")
        if not b1 & 0x80:
            self._fail(1002, "an unmasked frame from the client")
        if opcode >= 8:
            if not b0 & 0x80 or n > 125:
                self._fail(1002, "a control frame split or over 125 bytes")
            if opcode > 10:
                self._fail(1002, f"unknown opcode {opcode}")
        elif opcode > 2:
            self._fail(1002, f"unknown opcode {opcode}")
        pos = 2
        if n == 126:
            pos = 4
        elif n == 127:
            pos = 10
        if len(buf) < pos:
            return None
        if pos > 2:
            n = int.from_bytes(buf[2:pos], "big")
        if opcode < 8 and self.max_size is not None and self._size + n > self.max_size:
            # Refused before its bytes arrive: a length is no promise to send them.
            self._fail(1009, f"message too big (over {self.max_size} bytes)")
        end = pos + 4 + n
        if len(buf) < end:
            return None
        payload = unmask(buf[pos + 4:end], buf[pos:pos + 4])
        del buf[:end]
        if opcode < 8:
            self._size += n
        return bool(b0 & 0x80), opcode, payload

    def _control(self, opcode: int, payload: bytes) -> None:
        if opcode == 9:  # ping
            if self._pings.allow():
                self._send(control_frame(0xA, payload))
            elif self._report.due():
                log.warning("%r sends more than %s pings a second; not answering them", self.who, self._pings.rate)
        elif opcode == 8:  # close: answer it (unless ours went first) and stop
            code, reason = 1005, ""
            if len(payload) >= 2:
                code = int.from_bytes(payload[:2], "big")
                reason = payload[2:].decode("utf-8", "replace")
            self._closed_by_page(code, reason)

    # -- endings -----------------------------------------------------------------------------
    def _keep_alive(self, now: float) -> None:
        if self._awaiting_pong:
            self._fail(1008, "Ping/Pong timeout")
        self._awaiting_pong = True
        self._ping_due = now + (self.ping_interval or 0)
        self._send(control_frame(0x9))

    def _closed_by_page(self, code: int, reason: str) -> None:
        ws = self.ws
        if ws.connected:
            ws.connected = False
            # A bare close, not the page's code echoed (RFC 6455 allows both):
            # htmx reconnects after 1005 and not after most codes a page
            # closes with, and a page that closed for good (it is leaving,
            # or htmx dropped the connection) does not come back anyway.
            self._send(control_frame(0x8))
        ws.close_reason, ws.close_message = code, reason
        raise ConnectionClosed(code, reason)

    def _fail(self, code: int, why: str) -> None:
        """The page broke the protocol (or a limit): close with *code* and stop."""
        ws = self.ws
        if ws.connected:
            ws.connected = False
            self._send(control_frame(0x8, code.to_bytes(2, "big") + why.encode()[:120]))
        ws.close_reason, ws.close_message = code, why
        raise ConnectionClosed(code, why)

    def _gone(self) -> None:
        ws = self.ws
        if ws.connected:
            ws.connected = False
            ws.close_reason, ws.close_message = 1006, "the connection was lost"
        raise ConnectionClosed(ws.close_reason, ws.close_message)

    def _send(self, frame: bytes) -> None:
        try:
            self.ws.sock.send(frame)  # the Outbox: whole frames, in order with ours
        except OSError:
            pass  # the page is gone; the next read says so

"""Getting batches to pages, without a thread ever waiting on a page's network.

Two threads write to a page. Its *receiving* thread answers the page's own
input at once (:meth:`Channel.reply`): no hand-off, no pacing. One
process-wide *pusher* thread carries everything else — another page's
click, a background thread, an async task. The first push of a quiet
period goes out at once; what follows within the same animation frame
(``FRAME_INTERVAL``) merges into the next frame, so a burst costs the
browser a few swaps, not hundreds, and a lone update waits for nothing.

Frames leave with ``MSG_DONTWAIT``. What the kernel does not take stays in
the page's :class:`Outbox` (the rest of one frame, and any ping or close
frame queued behind it), and until it drains no newer batch is taken: new
updates merge into the page's pending batch instead. The pusher retries a
stalled page every ``STALL_POLL`` seconds. So one thread serves every
page's pushes, a page that stops reading costs one frame and one merged
batch, and a page that reads again gets the latest state.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import select
import socket
import threading
import time
from typing import Any, Protocol

from simple_websocket import ConnectionClosed
from wsproto.connection import ConnectionState

from .. import forking
from ..session import Session
from . import wire
from .limits import Limits

log = logging.getLogger("htmxtrame.transport")

FRAME_INTERVAL = 1 / 60  # at most one push per animation frame per page
STALL_POLL = 0.02  # seconds between write attempts to a page that stopped reading
RECEIVE_POLL = 1.0  # seconds between checks that a silent socket is still open, where nothing wakes us
_DONTWAIT = getattr(socket, "MSG_DONTWAIT", None)
_OPEN = ConnectionState.OPEN


def text_frame(payload: bytes) -> bytes:
    """One final, unmasked websocket text frame carrying *payload* (RFC 6455, 5.2)."""
    n = len(payload)
    if n < 126:
        return bytes((0x81, n)) + payload
    if n < 65536:
        return b"\x81\x7e" + n.to_bytes(2, "big") + payload
    return b"\x81\x7f" + n.to_bytes(8, "big") + payload


class Outbox:
    """A websocket's TCP socket, written whole frames at a time, never blocking.

    simple-websocket writes frames through ``sock.send`` from several
    threads (ours, and its reader's pings, pongs and close): the lock keeps
    each frame whole on the wire, and the queue keeps their order when the
    socket is full. Where ``MSG_DONTWAIT`` is missing (not Linux/macOS) or
    the socket has a timeout, writes block instead, as plain ``sendall``.
    """

    def __init__(self, sock: Any, max_control_backlog: int | None = None) -> None:
        self._sock = sock
        self._lock = threading.Lock()
        self._queue = bytearray()
        self._nonblocking = _DONTWAIT is not None and sock.gettimeout() is None
        # Bytes other than our frames (pongs, pings, close) queued behind
        # unread ones: a page that never reads but sends pings must not
        # grow the queue without bound.
        self.max_control_backlog = max_control_backlog
        self._control = 0
        self._local = threading.local()  # .data: the calling thread writes one of our frames
        self.progress = time.monotonic()  # when the page last took bytes (or had none waiting)
        self.on_overflow: Any = None  # called (outside the lock) with a reason when the cap is hit
        self.on_closed: Any = None  # called once the socket is closed (simple-websocket's reader does that last)
        self.aborted = False

    @property
    def backed_up(self) -> bool:
        """Bytes are waiting for the page to read what it was sent."""
        return bool(self._queue)

    def send(self, data: bytes, ours: bool = False) -> int:
        """Write *data* now, or queue what the socket does not take yet.

        *ours*: one of our own frames (else a control frame, unless written
        inside :meth:`send_frame`): only control frames count against
        ``max_control_backlog``.
        """
        overflow = None
        with self._lock:
            if self.aborted:
                raise BrokenPipeError("the page was disconnected for not reading")
            if not self._nonblocking:
                self._sock.sendall(data)
            elif self._queue:
                if not ours and not getattr(self._local, "data", False):
                    self._control += len(data)
                    cap = self.max_control_backlog
                    if cap is not None and self._control > cap:
                        overflow = f"{self._control} bytes of pongs and pings wait behind unread frames"
                if overflow is None:
                    self._queue += data
            else:
                sent = self._write(data)
                if sent < len(data):
                    self._queue += memoryview(data)[sent:]
                    self.progress = time.monotonic()  # the page's time to read starts now
        if overflow is not None and self.on_overflow is not None:
            self.on_overflow(overflow)
        return len(data)

    def send_frame(self, write: Any) -> None:
        """Call *write* (which writes one of our own frames) so its bytes count as data, not control."""
        self._local.data = True
        try:
            write()
        finally:
            self._local.data = False

    def flush(self) -> bool:
        """Write what is queued; ``True`` once nothing is left."""
        with self._lock:
            while self._queue:
                sent = self._write(self._queue)
                if not sent:
                    return False
                del self._queue[:sent]
                self.progress = time.monotonic()
            self._control = 0
            self.progress = time.monotonic()
            return True

    def stalled_for(self) -> float:
        """Seconds the page has left queued bytes unread (0 when nothing waits)."""
        return time.monotonic() - self.progress if self._queue else 0.0

    def abort(self) -> None:
        """Drop what is queued and cut the connection: the page is not reading."""
        with self._lock:
            self.aborted = True
            self._queue = bytearray()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already gone

    def drain(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for the queue to go out; ``True`` if it did."""
        deadline = time.monotonic() + timeout
        try:
            while not self.flush():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                select.select([], [self._sock], [], min(left, STALL_POLL))
        except (OSError, ValueError):
            return False  # the page is gone
        return True

    def close(self) -> None:
        """Close the socket, then tell whoever waits for the page's next frame."""
        try:
            self._sock.close()
        finally:
            if self.on_closed is not None:
                self.on_closed()

    def _write(self, data: Any) -> int:
        try:
            return self._sock.send(data, _DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class Channel:
    """The sending side of one page's websocket."""

    def __init__(self, session: Session, ws: Any, pusher: Pusher, limits: Limits | None = None) -> None:
        self.session = session
        self.ws = ws
        self.limits = limits or Limits()
        self.outbox: Outbox | None = None
        #: how often the receiving thread must look whether the socket closed
        #: (``None``: never, it is woken when it does)
        self.receive_poll: float | None = RECEIVE_POLL
        self._received = getattr(ws, "event", None)  # simple-websocket's "a frame arrived" event
        self._direct = False  # our text frames framed here, not by wsproto (see send)
        if hasattr(ws, "sock"):
            self.outbox = ws.sock = Outbox(ws.sock, self.limits.max_control_backlog)
            self.outbox.on_overflow = self.abort
            if self._received is not None:
                # simple-websocket's reader sets the event before it marks the
                # socket closed, and closes the socket last: waking the
                # receiver then means it never waits on a dead socket, and an
                # idle page costs no timer.
                self.outbox.on_closed = self._received.set
                self.receive_poll = None
            session.backed_up = lambda: self.outbox.backed_up  # type: ignore[union-attr]
            proto = getattr(getattr(ws, "ws", None), "_proto", None)
            self._direct = proto is not None and not proto.client and not proto.extensions
        self.pusher = pusher
        session.wake = lambda: pusher.wake(self)  # pushes the page did not ask for go through the pusher
        self.closed = False
        self._close_lock = threading.Lock()
        # When the pusher last wrote to this page. Only its own frames pace
        # it: the answer to a click just sent must not hold back the first
        # push of the task that click started.
        self.last_pushed = -FRAME_INTERVAL

    def send(self, text: str) -> None:
        """Frame and write *text* (never while the socket is being closed)."""
        with self._close_lock:
            if self._direct:
                # A server's unmasked text frame with no extension (we decline
                # permessage-deflate) is a 2-10 byte header: framing it here
                # skips wsproto's general path, a tenth of a click's Python.
                ws = self.ws
                if not ws.connected or ws.ws.state is not _OPEN:
                    raise ConnectionClosed(ws.close_reason, ws.close_message)
                self.outbox.send(text_frame(text.encode()), ours=True)  # type: ignore[union-attr]
            elif self.outbox is None:
                self.ws.send(text)
            else:
                self.outbox.send_frame(lambda: self.ws.send(text))

    def abort(self, why: str) -> None:
        """The page does not read what it is sent: say so in the log and cut its connection.

        A close frame could not reach it (it would wait behind the unread
        bytes), so the TCP connection is shut; its receiving thread then
        ends the session and frees what was queued.
        """
        if self.closed:
            return
        self.closed = True
        log.warning("closed the websocket of %r: it does not read what it is sent (%s)", self.session, why)
        if self.outbox is not None:
            self.outbox.abort()

    def close(self, reason: int = 1000, message: str = "") -> None:
        """Send the closing frame."""
        with self._close_lock:
            self.closed = True
            try:
                self.ws.close(reason, message)
            finally:
                if self._received is not None:
                    self._received.set()  # the receiving thread sees the socket closed now

    def finish(self, timeout: float = 1.0) -> None:
        """The page's handler is returning: get the closing frame onto the wire first.

        The WSGI server writes bytes of its own to the socket once the
        handler returns (werkzeug an HTTP status line). The closing frame must
        be out before them, or the page reads them as a frame: the reader
        thread writes it (the answer to the page's close, or the close it
        sends when the page broke the protocol) just after it marks the
        socket closed, and ours may still be queued in the outbox.
        """
        try:
            if getattr(self.ws, "connected", False):
                self.close(1000)
        except (ConnectionClosed, OSError):
            pass
        reader = getattr(self.ws, "thread", None)
        if isinstance(reader, threading.Thread) and reader is not threading.current_thread():
            reader.join(timeout)
        if self.outbox is not None:
            self.outbox.drain(timeout)

    def reply(self) -> bool:
        """From the receiving thread: send what is pending now; ``False`` once the socket is gone."""
        if self.outbox is not None and self.outbox.backed_up:
            self.pusher.later(self, STALL_POLL)  # the pusher sends it once the page reads again
            return True
        alive = self._send_pending()
        if alive and self.outbox is not None and self.outbox.backed_up:
            # A frame bigger than the socket takes at once (a whole page):
            # the pusher writes the rest, or nobody would until the page's next input.
            self.pusher.later(self, STALL_POLL)
        return alive

    def service(self) -> None:
        """From the pusher: flush, pace, then send what is pending."""
        if self.closed or self.session.closed:
            return
        if self.outbox is not None and self.outbox.backed_up:
            try:
                drained = self.outbox.flush()
            except OSError:
                return  # the page is gone; its receiving thread cleans up
            if not drained:
                stalled = self.outbox.stalled_for()
                if stalled > self.limits.send_stall_timeout:
                    self.abort(f"a frame left unread for {stalled:.0f} s; send_stall_timeout is "
                               f"{self.limits.send_stall_timeout:g} s")
                    return
                self.pusher.later(self, STALL_POLL)
                return
        if not self.session.has_pending():
            return
        now = time.monotonic()
        wait = self.last_pushed + FRAME_INTERVAL - now
        if wait > 0:
            self.pusher.later(self, wait)  # let more updates merge into one frame
            return
        self.last_pushed = now
        self._send_pending()
        if self.outbox is not None and self.outbox.backed_up:
            self.pusher.later(self, STALL_POLL)

    def _send_pending(self) -> bool:
        session = self.session
        with session.send_lock:
            # Read before taking: everything that message's handling queued is in this batch or went before it.
            ack = session.acked
            batch = session.take(0)
            if batch is None and ack == session.acked_sent:
                return True
            text = wire.encode(batch) if batch is not None else "{}"
            if ack != session.acked_sent:
                text = wire.with_ack(text, ack)
            try:
                self.send(text)
            except (ConnectionClosed, OSError):
                self.closed = True
                return False
            session.acked_sent = ack
            session.last_sent = time.monotonic()
            return True


class Due(Protocol):
    """What the pusher services: a page's :class:`Channel`, or a timer of one page's (``transport.busy``)."""

    session: Session

    def service(self) -> None:
        """Do what is due (the pusher calls it, on its thread)."""


class Pusher:
    """One thread sending server-initiated updates to every page of the process."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._ready: dict[Due, None] = {}  # insertion-ordered set
        self._timers: list[tuple[float, int, Due]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def wake(self, channel: Channel) -> None:
        """*channel* has something pending: service it soon."""
        with self._cond:
            self._ready[channel] = None
            self._start()
            self._cond.notify()

    def later(self, channel: Due, delay: float) -> None:
        """Service *channel* again after *delay* seconds."""
        with self._cond:
            heapq.heappush(self._timers, (time.monotonic() + delay, next(self._order), channel))
            self._start()
            self._cond.notify()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="htmxtrame-pusher", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._ready and not self._due():
                    timeout = self._timers[0][0] - time.monotonic() if self._timers else None
                    self._cond.wait(timeout)
                now = time.monotonic()
                while self._timers and self._timers[0][0] <= now:
                    self._ready[heapq.heappop(self._timers)[2]] = None
                ready, self._ready = list(self._ready), {}
            for channel in ready:
                try:
                    channel.service()
                except Exception:  # noqa: BLE001 - one page's failure must not stop every page's pushes
                    log.exception("pushing to %r failed", channel.session)

    def _due(self) -> bool:
        return bool(self._timers) and self._timers[0][0] <= time.monotonic()

    def forked(self) -> None:
        """In a forked child: no thread, no pages (their sockets are the parent's)."""
        self._cond = threading.Condition()
        self._ready = {}
        self._timers = []
        self._thread = None  # started again on first use, in the process that serves


pusher = Pusher()  # the process's one pusher thread, started on first use
forking.on_fork(child=pusher.forked)

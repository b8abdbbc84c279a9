"""The HTTP fallback: Server-Sent Events down, POST up, for pages whose websocket is refused.

Some proxies refuse the websocket upgrade. The glue then opens
``GET __htmxtrame/sse?ui=main``, a ``text/event-stream`` that carries the
very frames the websocket would (``data: {"content": …, "seq": …}``), and
posts what it would have sent on the socket to
``POST __htmxtrame/sse/<id>``: a JSON array of the same message texts,
one request in flight at a time, so they arrive in order. The stream's
first event (``ht-open``) gives the page its connection id, a random
token only that page sees.

A stream is one :class:`~htmxtrame.session.Session`, like a websocket:
pushes merge in its queue, at most one frame per animation frame goes out,
the hello on (re)connect resyncs a page that missed updates, and every
message passes the same rate limit and wire checks and is handled by the
websocket's own handler (``blueprint._handle``): same refusals, same error
frames. Both routes check the Origin as the
websocket does, and the host app's ``before_request`` runs for them too.

Under several workers sharing state through Redis, a POST that lands on
a worker not holding the page's stream is passed to the one holding it
(:mod:`htmxtrame.backends.relay`): no sticky sessions needed.

``get_server(transports=("sse",))`` (or ``HTMXTRAME_TRANSPORTS=sse``)
refuses websockets (pages switch to HTTP after two refused attempts);
``("websocket",)`` turns the fallback off.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from flask import Blueprint, Response, request

from ..backends import relay
from ..client_address import request_client
from ..files import downloads
from ..log_budget import budget_of, log_refused
from ..session import Session
from . import flaskctx, wire
from .blueprint import (
    RESYNCS_PER_SECOND,
    _check_worker,
    _handle,
    _json_error,
    _layout_allowed,
    _origin_allowed,
    _RateLimit,
)
from .sending import FRAME_INTERVAL

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

log = logging.getLogger("htmxtrame.transport")

TRANSPORTS = ("websocket", "sse")
PING_INTERVAL = 15.0  # seconds between keep-alive comments (a gone page is noticed at the next one)
MAX_POSTED_MESSAGES = 200  # messages in one POST (the glue's own queue holds as many)
MAX_POST_BYTES = 2 * wire.MAX_FRAME  # one POST's body
MAX_STREAMS = 1000  # open event streams per server (each holds a thread, as a websocket does)


def transports(server: Server) -> tuple[str, ...]:
    """The transports *server* accepts: the ``transports=`` option, else
    ``HTMXTRAME_TRANSPORTS`` (``sse``, ``websocket,sse``), else both."""
    chosen = server.options.get("transports") or os.environ.get("HTMXTRAME_TRANSPORTS") or TRANSPORTS
    if isinstance(chosen, str):
        chosen = tuple(t.strip() for t in chosen.split(",") if t.strip())
    chosen = tuple(chosen)
    unknown = set(chosen) - set(TRANSPORTS)
    if unknown or not chosen:
        raise ValueError(f"transports={chosen!r}: pick one or both of {TRANSPORTS}")
    return chosen


def websocket_refused(server: Server) -> Response | None:
    """An error response when *server* takes no websockets (``transports=("sse",)``)."""
    if "websocket" in transports(server):
        return None
    return _json_error(404, "this server takes no websockets (transports=('sse',)); pages use HTTP")


class StreamChannel:
    """One page's event stream: what ``server.connections`` holds for it."""

    def __init__(self, server: Server, session: Session, page: flaskctx.PageContext, client: str) -> None:
        self.server = server
        self.session = session
        self.page = page  # the Flask request context each posted message runs in
        self.client = client  # counted in server.websockets while the stream is open
        self.id = secrets.token_urlsafe(24)
        self.limiter = _RateLimit(server.max_messages_per_second)
        self.resyncs = _RateLimit(RESYNCS_PER_SECOND)
        self.closed = False
        self.post_lock = threading.Lock()  # one POST at a time: messages keep their order
        self.close_code: tuple[int, str] | None = None  # a close the page must hear (login, too big)
        self._ended = False
        self._end_lock = threading.Lock()

    def close(self, code: int = 1000, reason: str = "") -> None:
        """End the stream (the page reconnects); the websocket's close, for ``stop()``."""
        if not self.closed:
            self.closed = True
            if code != 1000:
                log.info("closing the event stream of %r: %s %s", self.session, code, reason)
                self.close_code = (code, reason)
            self.session.close()  # wakes the stream's wait

    def end(self) -> None:
        """The stream is over (written out, or never started): free what it held, once."""
        with self._end_lock:
            if self._ended:
                return
            self._ended = True
        self.closed = True
        streams.remove(self)
        shared = _relay(self.server)
        if shared is not None:
            shared.closed(self.id)
        self.page.detach()
        self.session.close()
        downloads.drop_owner(self.session.id)  # its links die with the page
        self.server.websockets.release(self.client)
        self.server.client_exited(self.session)

    def wake(self) -> None:
        """A POST was handled: the stream sends what it queued and its number (ack)."""
        with self.session._cond:
            self.session._cond.notify_all()


class _Streams:
    """Open streams by connection id (a page's POSTs find their session here)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, StreamChannel] = {}

    def add(self, channel: StreamChannel, cap: int) -> bool:
        with self._lock:
            mine = sum(c.server is channel.server for c in self._by_id.values())
            if mine >= cap:
                return False
            self._by_id[channel.id] = channel
            return True

    def get(self, sid: str) -> StreamChannel | None:
        with self._lock:
            return self._by_id.get(sid)

    def remove(self, channel: StreamChannel) -> None:
        with self._lock:
            self._by_id.pop(channel.id, None)


streams = _Streams()


def register(bp: Blueprint, server: Server) -> None:
    """Add the event-stream and POST routes to *server*'s blueprint."""

    @bp.get("/__htmxtrame/sse")
    def sse_stream() -> Response:
        refused = _check_worker(server) or _refuse(server)
        if refused is not None:
            return refused
        template = request.args.get("ui", "main")
        if not _layout_allowed(server, template):
            return _json_error(404, f"no layout named {template!r}")
        # A stream holds a thread as a websocket does: the same caps count both.
        client = request_client()  # an IPv6 client counts by its /64
        refused_why = server.websockets.acquire(client, server.limits)
        if refused_why is not None:
            log_refused(log, "refused an event stream: %s", refused_why)
            return _json_error(503, f"too many connections: {refused_why}; close other tabs or try again later")
        session = Session(server.scope_for_request(), template)
        channel = StreamChannel(server, session, flaskctx.PageContext(server, bp.name), client)
        if not streams.add(channel, int(server.options.get("max_sse_streams", MAX_STREAMS))):
            server.websockets.release(client)
            log_refused(log, "refused an event stream: %s already open", MAX_STREAMS)
            return _json_error(503, "too many open connections; try again later")
        session.open()
        shared = _relay(server)
        if shared is not None:
            shared.opened(channel.id, session.scope.key)  # POSTs landing on other workers find it
        channel.page.attach(session, channel.close)
        server.client_connected(session, channel)
        resp = Response(_events(channel), mimetype="text/event-stream")
        # The WSGI server closes the response even when the body never started.
        resp.call_on_close(channel.end)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Accel-Buffering"] = "no"  # nginx: pass events on as they come
        return resp

    @bp.post("/__htmxtrame/sse/<sid>")
    def sse_post(sid: str) -> Response:
        refused = _refuse(server)
        if refused is not None:
            return refused
        channel = streams.get(sid)
        shared = _relay(server)
        if shared is not None and (channel is None or channel.server is not server):
            return _forward(server, shared, sid)  # another worker holds the stream
        if (channel is None or channel.server is not server or channel.closed
                or not server.request_owns(channel.session.scope)):  # another browser's session: never
            return _json_error(404, "no such connection (it ended); reconnect")
        frames = _posted_frames()
        if isinstance(frames, Response):
            return frames
        try:
            with channel.post_lock:
                return _handle_posted(server, channel, frames)
        finally:
            channel.wake()


def _handle_posted(server: Server, channel: StreamChannel, frames: list[str]) -> Response:
    """Each posted message in the page's request context, as the websocket's receive loop does."""
    for frame in frames:
        msg = _admit(channel, frame)
        if channel.closed:
            return _json_error(413, "message too big; the connection was closed")
        if msg is None:
            continue
        with channel.page.message() as refusal:
            if refusal is not None:
                # The host's login check no longer lets this page act: the
                # message is dropped, and the stream tells the page why.
                log.info("closed the event stream of %r: %s", channel.session, refusal.reason)
                channel.close(refusal.code, refusal.reason)
                return _json_error(403, refusal.reason)
            _handle(server, channel.session, msg, channel.resyncs, channel.page)
    return Response(status=204)


def _relay(server: Server) -> relay.StreamRelay | None:
    """The relay of *server*'s Redis backend; ``None`` in one process."""
    return getattr(server.backend, "relay", None)


class _KeyOnly:
    """What ``request_owns`` reads of a scope: its key (the holder's scope is in another process)."""

    def __init__(self, key: str) -> None:
        self.key = key


def _forward(server: Server, shared: relay.StreamRelay, sid: str) -> Response:
    """A POST for a stream another worker holds: passed to it, its answer returned."""
    frames = _posted_frames()
    if isinstance(frames, Response):
        return frames
    status, error = shared.forward(sid, frames, lambda key: server.request_owns(_KeyOnly(key)))  # type: ignore[arg-type]
    return Response(status=204) if status == 204 else _json_error(status, error or f"HTTP {status}")


def _serve_forwarded(backend: object, sid: str, frames: list[str]) -> tuple[int, str | None]:
    """Messages another worker got for a stream held here: handled as a POST here is."""
    channel = streams.get(sid)
    if channel is None or channel.closed or channel.server.backend is not backend:
        return 404, relay.GONE
    page = channel.page
    # The page's own request context when the app is server.flask_app()'s (a mounted
    # app's message() makes its own, inside this app context).
    context = page.app.request_context(page.environ) if page.standalone else page.app.app_context()
    try:
        with context, channel.post_lock:
            resp = _handle_posted(channel.server, channel, frames)
    finally:
        channel.wake()
    answer = resp.get_json(silent=True) if resp.status_code != 204 else None
    return resp.status_code, (answer or {}).get("error") if isinstance(answer, dict) else None


relay.on_post(_serve_forwarded)


def _refuse(server: Server) -> Response | None:
    if "sse" not in transports(server):
        return _json_error(404, "the HTTP fallback is off on this server (transports=('websocket',))")
    if not _origin_allowed(server):
        log_refused(log, "refused an HTTP connection from origin %r", request.headers.get("Origin"))
        return _json_error(403, "origin not allowed")
    return None


def _admit(channel: StreamChannel, frame: str) -> dict | None:
    """A posted message past the rate limit and the wire checks, as the
    websocket's receive loop admits a frame; ``None`` when refused."""
    session, limiter = channel.session, channel.limiter
    if not limiter.allow():
        if limiter.report_due():
            log.warning("%r sends more than %s messages a second; dropping them", session, limiter.rate)
            text = f"more than {limiter.rate} messages a second; messages were dropped, slow down"
            session.push_error("rate-limited", text)
        return None
    try:
        return wire.decode(frame)
    except wire.WireError as exc:
        budget_of(session).log(log, logging.WARNING, "bad message from %r: %s", session, exc)
        if exc.code == "too-big":
            channel.close(1009, "message too big")  # as the websocket closes with 1009
        else:
            session.push_error(exc.code, str(exc))
        return None


def _posted_frames() -> list[str] | Response:
    """The message texts a POST carries, or the error response."""
    if request.content_length is not None and request.content_length > MAX_POST_BYTES:
        return _json_error(413, f"a POST carries at most {MAX_POST_BYTES} bytes")
    body = request.stream.read(MAX_POST_BYTES + 1)
    if len(body) > MAX_POST_BYTES:
        return _json_error(413, f"a POST carries at most {MAX_POST_BYTES} bytes")
    try:
        frames = json.loads(body)
    except (ValueError, RecursionError):
        return _json_error(400, "the body must be a JSON array of message texts")
    if not isinstance(frames, list) or not all(isinstance(f, str) for f in frames):
        return _json_error(400, "the body must be a JSON array of message texts")
    if len(frames) > MAX_POSTED_MESSAGES:
        return _json_error(413, f"at most {MAX_POSTED_MESSAGES} messages per POST")
    return frames


def _events(channel: StreamChannel) -> Iterator[str]:
    """The stream's body: the connection id, then one ``data:`` event per batch."""
    session = channel.session
    try:
        yield f"retry: 1000\nevent: ht-open\ndata: {json.dumps({'sid': channel.id})}\n\n"
        while not channel.closed and not session.closed:
            wait = session.last_sent + FRAME_INTERVAL - time.monotonic()
            if wait > 0:
                time.sleep(wait)  # let a burst of updates merge into one event
            _wait_pending(session, PING_INTERVAL)
            # Held until the event is written (the WSGI server writes it before
            # resuming us): network_completion sees the page as behind till then.
            with session.send_lock:
                text = _take_frame(session)
                if text is not None:
                    yield f"data: {text}\n\n"
                elif not session.closed:
                    yield ": ping\n\n"
        if channel.close_code is not None:
            # As a websocket's close code: 4401/4403 send the page to log in.
            code, reason = channel.close_code
            yield f"event: ht-close\ndata: {json.dumps({'code': code, 'reason': reason})}\n\n"
    finally:
        # The page went away (a write failed) or the server closed the stream.
        channel.end()


def _take_frame(session: Session) -> str | None:
    """What is pending for *session* as one frame, with the number of its last handled message."""
    ack = session.acked  # read before taking: what that message queued is in this batch or went before
    batch = session.take(0)
    if batch is None and ack == session.acked_sent:
        return None
    text = wire.encode(batch) if batch is not None else "{}"
    if ack != session.acked_sent:
        text = wire.with_ack(text, ack)
    session.acked_sent = ack
    session.last_sent = time.monotonic()
    return text


def _wait_pending(session: Session, timeout: float) -> None:
    """Wait until *session* has something to send or closes (at most *timeout*)."""
    with session._cond:
        if not session.has_pending() and not session.closed:
            session._cond.wait(timeout)


__all__ = ["StreamChannel", "register", "transports", "websocket_refused"]

"""The Flask side: a blueprint with the page, the static files and the websocket.

Only this package imports Flask. :func:`make_blueprint` builds a blueprint
for one server; mount it at ``/`` (what ``server.start()`` does) or under a
prefix inside any Flask app.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, jsonify, request, send_file, send_from_directory
from flask_sock import Sock
from simple_websocket import ConnectionClosed
from werkzeug.exceptions import RequestEntityTooLarge

from ..events import HandlerError, InputError, dispatch
from ..files import as_download, download_call, downloads, store_upload
from ..session import Batch, Session
from . import assets, wire
from .sending import Channel, pusher

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

log = logging.getLogger("htmxtrame.transport")

# Close codes the websocket layer uses when it refuses what the page sent.
_PROTOCOL_CLOSES = frozenset({1002, 1003, 1007, 1008, 1009})
RECEIVE_POLL = 1.0  # seconds between checks that a silent socket is still open
RESYNCS_PER_SECOND = 2  # whole-page renders one page may ask for (bursts of twice that)


def make_blueprint(server: "Server", name: str | None = None) -> Blueprint:
    """A blueprint serving *server*'s pages, websocket and static files."""
    from . import sse  # the HTTP fallback builds on this module's message handling

    bp = Blueprint(name or f"htmxtrame_{server.name}", __name__)
    sock = Sock()
    threading.Thread(target=assets.warm, name="htmxtrame-warm", daemon=True).start()

    @bp.get("/")
    def page() -> Response:
        template = request.args.get("ui", "main")
        if template not in server.templates:
            abort(404, description=f"no layout named {template!r}; this server has {sorted(server.templates)}")
        scope = server.scope_for_request()
        rend = scope.renderer(template)
        with scope.state._lock:
            # The seq read with the body it belongs to: a flush between the
            # two would give an old body a new seq, and the hello would then
            # skip the resync the page needs.
            body = rend.render_page_body()
            seq = scope.last_seq
        html = assets.page(
            title=str(scope.state["trame__title"] or server.name),
            favicon=scope.state["trame__favicon"],
            body=body,
            # Relative to the page, so a prefix or a proxy in front changes nothing.
            static="__htmxtrame/static",
            ws_url=f"__htmxtrame/ws?ui={template}",
            seq=seq,
            extra_head=server.extra_head(),
        )
        return assets.html_response(html)

    @bp.get("/__htmxtrame/static/<path:filename>")
    def static_file(filename: str) -> Response:
        return assets.serve(filename)

    @bp.post("/__htmxtrame/upload")
    def upload() -> Response:
        if not _origin_allowed(server):
            return _json_error(403, "origin not allowed")
        return _upload(server)

    @bp.get("/__htmxtrame/download/<token>")
    def download(token: str) -> Response:
        item = downloads.take(token)
        if item is None:
            return _json_error(404, "this download link was used already or has expired")
        resp = send_file(io.BytesIO(item.content), mimetype=item.mime, as_attachment=True, download_name=item.filename)
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @bp.get("/<path:filename>")
    def module_file(filename: str) -> Response:
        found = server.modules.find(filename)
        if found is None:
            abort(404)
        return send_from_directory(found[0], found[1])

    @bp.before_request
    def refuse_foreign_upgrade() -> Response | None:
        # Cross-site websocket hijacking: refuse before the handshake, so a
        # foreign page never holds an open socket, not even briefly.
        if request.endpoint != f"{bp.name}.websocket":
            return None
        refused = sse.websocket_refused(server)  # transports=("sse",)
        if refused is not None:
            return refused
        if not _origin_allowed(server):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            return _json_error(403, "origin not allowed")
        if not server.websocket_compression:
            # Unoffered, permessage-deflate is never negotiated (see Server).
            request.environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return None

    @sock.route("/__htmxtrame/ws", bp=bp)
    def websocket(ws: Any) -> None:
        if not _origin_allowed(server):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            ws.close(1008, "origin not allowed")
            return
        template = request.args.get("ui", "main")
        if template not in server.templates:
            ws.close(1008, f"no layout named {template!r}")
            return
        _serve(server, server.scope_for_request(), template, ws)

    sse.register(bp, server)
    return bp


def _origin_allowed(server: "Server") -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser: nothing to hijack
    allowed = server.allowed_origins
    if allowed is not None and origin in allowed:
        return True
    return urlsplit(origin).netloc == request.host


def _serve(server: "Server", scope: Any, template: str, ws: Any) -> None:
    session = Session(scope, template)
    channel = Channel(session, ws, pusher)
    session.open()
    server.client_connected(session, channel)
    try:
        _receive_loop(server, session, ws, channel)
    finally:
        session.close()
        channel.finish()
        server.client_exited(session)


def _receive_loop(server: "Server", session: Session, ws: Any, channel: Channel) -> None:
    limiter = _RateLimit(server.max_messages_per_second)
    resyncs = _RateLimit(RESYNCS_PER_SECOND)
    while True:
        # Answer what the page sent once nothing more from it is waiting:
        # a burst of its input gets one frame back.
        if not getattr(ws, "input_buffer", None) and not channel.reply():
            return
        try:
            frame = _receive(ws)
        except ConnectionClosed as exc:
            code, why = _close_reason(ws, exc)
            if code in _PROTOCOL_CLOSES:
                # The websocket layer refused the page's frame (too big, not UTF-8):
                # the page only sees the close code, so say why in the log.
                log.warning("closed the websocket of %r with code %s: %s", session, code, why)
            return
        if frame is None:
            return
        session.answering()
        if not limiter.allow():
            if limiter.report_due():
                # At most once a second: a flood must not flood the log or the page's queue.
                log.warning("%r sends more than %s messages a second; dropping them", session, limiter.rate)
                session.push_error("rate-limited", f"more than {limiter.rate} messages a second; messages were dropped, slow down")
            continue
        try:
            msg = wire.decode(frame)
        except wire.WireError as exc:
            log.warning("bad frame from %r: %s", session, exc)
            if exc.code == "too-big":
                ws.close(1009, "message too big")
                return
            session.push_error(exc.code, str(exc))
            continue
        _handle(server, session, msg, resyncs)


def _handle(server: "Server", session: Session, msg: dict, resyncs: "_RateLimit") -> None:
    """One decoded message from a page, whatever carried it (websocket, POST)."""
    if msg["t"] == "hello":
        if msg.get("seq", 0) != session.scope.last_seq:
            if not resyncs.allow():
                # A resync renders the whole page: a page sends one hello per
                # connection, so a stream of them is abuse, not a client.
                if resyncs.report_due():
                    log.warning("%r asks for the whole page too often; refused", session)
                    session.push_error("too-many-hellos", "one hello per connection; reconnect instead of repeating it")
                return
            _resync(session)
        return
    try:
        result = dispatch(session.renderer, session.scope.controller, msg["id"], msg["ev"], msg.get("value"), msg.get("event"))
        if as_download(result) is not None:
            # A handler that returns file content: this page downloads it.
            session.push(Batch(session.scope.last_seq, calls=[download_call(result)]))
    except InputError as exc:
        log.warning("refused input from %r: %s", session, exc)
        session.push_error(exc.code, str(exc))
    except HandlerError as exc:
        session.push_error("handler-failed", str(exc) if server.debug else "the server's handler failed; see the server log")
    except Exception as exc:  # noqa: BLE001 - a bug must not end the page's connection
        # Escaping here would end the websocket with an HTTP 500 written
        # into it; the page would only see a broken frame.
        log.exception("handling %r from %r failed", msg.get("ev"), session)
        text = f"{type(exc).__name__}: {exc}" if server.debug else "the server failed to handle this event; see the server log"
        session.push_error("server-error", text)


def _json_error(status: int, message: str) -> Response:
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def _upload(server: "Server") -> Response:
    """Keep the posted files; answer the token the page sends over the socket."""
    cap = server.max_upload_bytes
    if request.content_length is not None and request.content_length > cap + 64 * 1024:
        return _json_error(413, f"upload of {request.content_length} bytes exceeds this app's limit of {cap} bytes")
    # A chunked body has no length to check up front: let the form parser stop it.
    request.max_content_length = cap + 64 * 1024
    files = []
    total = 0
    try:
        modified = request.form.getlist("lastModified")
        parts = request.files.getlist("files")
    except RequestEntityTooLarge:
        return _json_error(413, f"uploaded files exceed this app's limit of {cap} bytes")
    for i, part in enumerate(parts):
        content = part.stream.read(cap - total + 1)
        total += len(content)
        if total > cap:
            return _json_error(413, f"uploaded files exceed this app's limit of {cap} bytes")
        files.append({
            "name": part.filename or "",
            "size": len(content),
            "type": part.mimetype or "application/octet-stream",
            "lastModified": int(modified[i]) if i < len(modified) and modified[i].isdigit() else None,
            "content": content,
        })
    try:
        token = store_upload(files)
    except OverflowError as exc:
        return _json_error(503, str(exc))
    return jsonify({"token": token, "count": len(files)})


def _receive(ws: Any) -> Any:
    """The next frame; raises ``ConnectionClosed`` once the socket is gone.

    simple-websocket wakes its reader before it marks the socket closed
    (after it refuses an oversized frame, say), so a reader that waits
    without a timeout can wait forever and leak the session: poll instead.
    """
    while True:
        frame = ws.receive(timeout=RECEIVE_POLL)
        if frame is not None:
            return frame
        if not ws.connected:
            raise ConnectionClosed(ws.close_reason, ws.close_message)


def _close_reason(ws: Any, exc: ConnectionClosed) -> tuple[int, str]:
    """Why the socket closed; simple-websocket does not record its own 1009."""
    cap = getattr(ws, "max_message_size", None)
    if cap and getattr(ws, "incoming_message_len", 0) > cap:
        return 1009, f"message larger than {cap} bytes"
    return int(exc.reason), str(exc.message or "")


def _resync(session: Session) -> None:
    """The page missed updates (reconnect, or changes while it loaded): send it all."""
    rend = session.renderer
    state = session.scope.state
    # Under the state lock, so no flush queues newer fragments between the
    # render and the push (this older body would then replace them).
    with state._lock:
        body = rend.render_page_body()
        session.push(Batch(session.scope.last_seq, body=body, **session.scope.document()))


class _RateLimit:
    """A token bucket: *rate* messages a second, bursts of twice that."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate * 2
        self.stamp = time.monotonic()
        self.reported = float("-inf")  # when refusals were last reported

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.rate * 2, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def report_due(self) -> bool:
        """True at most once a second: whether to report refused messages now."""
        now = time.monotonic()
        if now - self.reported < 1.0:
            return False
        self.reported = now
        return True

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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, abort, current_app, g, jsonify, request, send_file, send_from_directory
from flask_sock import Sock
from simple_websocket import ConnectionClosed
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from wsproto.utilities import RemoteProtocolError

from .. import aio, extensions, own_input
from ..client_address import request_client
from ..elements import AbstractElement
from ..events import HandlerError, InputError, dispatch
from ..files import ClientQuotaFull, StoreFull, as_download, download_call, downloads, store_upload
from ..log_budget import budget_of, log_refused
from ..session import Batch, Session
from ..state import watch_failures
from . import assets, busy, flaskctx, origin, reading, routing, wire, workers
from .limits import ReportEvery, TokenBucket, admit_tasks, close_text, gate_pings
from .pushback import show_state_again
from .sending import RECEIVE_POLL, Channel, pusher
from .wrap import page_html

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

log = logging.getLogger("htmxtrame.transport")

# Close codes the websocket layer uses when it refuses what the page sent.
_PROTOCOL_CLOSES = frozenset({1002, 1003, 1007, 1008, 1009})
RESYNCS_PER_SECOND = 2  # whole-page renders one page may ask for (bursts of twice that)
FIRST_STEP_WAIT = 0.003  # seconds an answer waits for the first step of the tasks its event started


def make_blueprint(server: Server, name: str | None = None, trame_path: bool = False) -> Blueprint:
    """A blueprint serving *server*'s pages, websocket and static files (*trame_path*: Python clients at ``/ws`` too)."""
    from . import clients, sse  # both build on this module's message handling

    bp = Blueprint(name or f"htmxtrame_{server.name}", __name__)
    sock = Sock()
    threading.Thread(target=assets.warm, name="htmxtrame-warm", daemon=True).start()

    @bp.get("/")
    def page() -> Response:
        refused = _check_worker(server)
        if refused is not None:
            return refused
        template = request.args.get("ui", "main")
        if not _layout_allowed(server, template):
            # Never the list of layouts: their names are not for strangers.
            abort(404, description=f"no layout named {template!r}")
        scope = server.scope_for_request()
        rend = scope.renderer(template)
        with scope.state._lock:
            # The seq read with the body it belongs to: a flush between the
            # two would give an old body a new seq, and the hello would then
            # skip the resync the page needs.
            body = rend.render_page_body()
            seq = scope.last_seq
        html = page_html(server, bp.name, scope, template, body, seq)
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
        if not _origin_allowed(server):
            # Another site's script must not fetch (and so use up) a page's link.
            log_refused(log, "refused a download for origin %r", request.headers.get("Origin"))
            return _json_error(403, "origin not allowed")
        # A HEAD (a link checker, a prefetch) must not use up a one-time link.
        item = downloads.peek(token) if request.method == "HEAD" else downloads.take(token)
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

    host_refusals = ReportEvery()
    sockets = {f"{bp.name}.{e}" for e in ("websocket", "extension_socket", *clients.ENDPOINTS)}

    @bp.before_request
    def refuse_foreign_requests() -> Response | None:
        # DNS rebinding: a foreign name pointed at this address gets nothing.
        if not origin.host_allowed(request.headers.get("Host"), _allowed_hosts(server)):
            if host_refusals.due():
                log.warning("refused a request for Host %r (not an allowed host name)", request.headers.get("Host"))
            return _text_error(403, f"Host {request.headers.get('Host')!r} is not allowed by this app. {origin.HOST_HELP}")
        # Cross-site websocket hijacking: refuse before the handshake, so a
        # foreign page never holds an open socket, not even briefly.
        if current_app.debug and not server.debug:
            server.debug = True  # app.debug (flask run --debug) turns on htmxtrame's debug mode
        if request.endpoint not in sockets:
            return None
        refused = _check_worker(server) or sse.websocket_refused(server)  # transports=("sse",)
        if refused is not None:
            return refused
        if not _origin_allowed(server):
            log_refused(log, "refused a websocket from origin %r", request.headers.get("Origin"))
            return _json_error(403, "origin not allowed")
        client = request_client()  # an IPv6 client counts by its /64
        too_many = server.websockets.acquire(client, server.limits)
        if too_many is not None:
            log_refused(log, "refused a websocket: %s", too_many)
            return _json_error(503, f"too many connections: {too_many}; close other tabs or try again later")
        g.htmxtrame_counted = client  # released when the request ends (teardown below)
        if not server.websocket_compression:
            # Unoffered, permessage-deflate is never negotiated (see Server).
            request.environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return None

    @bp.teardown_request
    def release_websocket(_exc: BaseException | None) -> None:
        client = g.pop("htmxtrame_counted", None)
        if client is not None:
            server.websockets.release(client)

    handshake_refusals = ReportEvery()

    @bp.errorhandler(RemoteProtocolError)
    def bad_handshake(exc: RemoteProtocolError) -> Response:
        # A hand-made upgrade request (no key, another version): the client's
        # mistake, not ours. A 400 and one short line, not a 500 and a traceback each.
        if handshake_refusals.due():
            log.warning("refused a websocket handshake from %s: %s", request.remote_addr, exc)
        return _json_error(400, f"bad websocket handshake: {exc}")

    @bp.after_request
    def deny_framing(resp: Response) -> Response:
        for header, value in origin.frame_headers(server.frame_ancestors).items():
            resp.headers.setdefault(header, value)
        return resp

    @reading.route(bp, "/__htmxtrame/ws")
    def websocket(ws: Any) -> None:
        if not _origin_allowed(server):
            log_refused(log, "refused a websocket from origin %r", request.headers.get("Origin"))
            ws.close(1008, "origin not allowed")
            return
        template = request.args.get("ui", "main")
        try:
            if not _layout_allowed(server, template):
                ws.close(1008, close_text(f"no layout named {template!r}"))
                return
            scope = server.scope_for_request()
        except HTTPException as exc:  # no room for another browser session (htmxtrame.scopes)
            ws.close(1013, close_text(str(exc.description)))
            return
        _serve(server, scope, template, ws, flaskctx.PageContext(server, bp.name))

    @sock.route("/__htmxtrame/x/<name>", bp=bp)
    def extension_socket(ws: Any, name: str) -> None:
        # A widget's own socket (htmxtrame/extensions.py), e.g. the VTK view's frames.
        handler = extensions.find(name)
        if handler is None or not _origin_allowed(server):
            ws.close(1008, "no such endpoint" if handler is None else "origin not allowed")
            return
        gate_pings(ws, server.limits.max_pings_per_second, f"the {name} socket of {request.remote_addr}")
        handler(server, ws)

    sse.register(bp, server)
    clients.register(bp, sock, server, trame_path)  # Python clients: get_client(url)
    return bp


def _check_worker(server: Server) -> Response | None:
    reason = workers.refusal(request.environ)
    if reason is not None:
        log.error(reason)
        return _json_error(500, reason)
    if not server.backend.multiprocess:
        workers.warn_if_many_processes(request.environ)
    return None


def _origin_allowed(server: Server) -> bool:
    return origin.origin_allowed(request.headers.get("Origin"), request.scheme, request.host, server.allowed_origins)


def _allowed_hosts(server: Server) -> list[str]:
    """The configured host names, the bound host and the host Flask app's ``TRUSTED_HOSTS``."""
    trusted = current_app.config.get("TRUSTED_HOSTS") or []
    bound = origin.bound_host(server.host) if server.running else []
    return [*server.allowed_hosts, *bound, *origin.names(trusted)]


def _layout_allowed(server: Server, template: str) -> bool:
    """A layout exists and the app's ``layout_guard`` (if any) lets this request see it."""
    templates = server.templates_for_request()
    if template == "main" and not templates:
        # An app that built no layout at all (a life-cycle or CLI demo) gets
        # an empty page, as in trame: its pages still connect and leave.
        server.set_template("main", AbstractElement("div"))
        templates = server.templates_for_request()
    if template not in templates:
        return False
    guard = server.layout_guard
    return guard is None or bool(guard(template))


def _serve(server: Server, scope: Any, template: str, ws: Any, page: flaskctx.PageContext) -> None:
    session = Session(scope, template)
    if reading.install(ws, server.limits.max_pings_per_second, session) is None:
        gate_pings(ws, server.limits.max_pings_per_second, session)  # simple-websocket's reader thread reads it
    channel = Channel(session, ws, pusher, server.limits)
    session.open()
    page.attach(session, channel.close)
    server.client_connected(session, channel)
    try:
        _receive_loop(server, session, ws, channel, page)
    finally:
        page.detach()
        session.close()
        downloads.drop_owner(session.id)  # its links die with the page: free the bytes now
        channel.finish()
        server.client_exited(session)


def _receive_loop(server: Server, session: Session, ws: Any, channel: Channel, page: flaskctx.PageContext) -> None:
    limiter = _RateLimit(server.max_messages_per_second)
    resyncs = _RateLimit(RESYNCS_PER_SECOND)
    while True:
        # Answer what the page sent once nothing more from it is waiting:
        # a burst of its input gets one frame back.
        if not getattr(ws, "input_buffer", None) and not channel.reply():
            return
        try:
            frame = _receive(ws, channel.receive_poll)
        except ConnectionClosed as exc:
            code, why = _close_reason(ws, exc)
            if code in _PROTOCOL_CLOSES:
                # The websocket layer refused the page's frame (too big, not UTF-8):
                # the page only sees the close code, so say why in the log.
                log_refused(log, "closed the websocket of %r with code %s: %s", session, code, why)
            return
        if frame is None:
            return
        session.answering()
        if not limiter.allow():
            if limiter.report_due():
                # At most once a second: a flood must not flood the log or the page's queue.
                log.warning("%r sends more than %s messages a second; dropping them", session, limiter.rate)
                session.push_error(
                    "rate-limited", f"more than {limiter.rate} messages a second; messages were dropped, slow down"
                )
            continue
        msg = decoded(session, ws, frame, wire.decode)
        if msg is None:
            continue
        if msg is CLOSED:
            return
        with page.message() as refusal:
            if shut_out(session, channel, refusal):
                return
            _handle(server, session, msg, resyncs, page)


CLOSED: Any = object()  # decoded(): the frame was too big, and the socket is closed


def shut_out(session: Any, channel: Channel, refusal: Any) -> bool:
    """The host's login check refused the message (*refusal*): close the connection; ``False`` if it did not."""
    if refusal is None:
        return False
    # The message is dropped, and a page goes to log in.
    log.info("closed the websocket of %r: %s", session, refusal.reason)
    session.close()
    channel.close(refusal.code, refusal.reason)
    return True


def decoded(session: Any, ws: Any, frame: Any, decode: Callable[[Any], dict]) -> Any:
    """*frame* decoded; ``None`` when it was refused (the sender was told why), :data:`CLOSED` when too big."""
    try:
        return decode(frame)
    except wire.WireError as exc:
        budget_of(session).log(log, logging.WARNING, "bad frame from %r: %s", session, exc)
        if exc.code == "too-big":
            ws.close(1009, close_text("message too big"))
            return CLOSED
        session.push_error(exc.code, str(exc))
        return None


def _handle(server: Server, session: Session, msg: dict, resyncs: _RateLimit, page: flaskctx.PageContext) -> None:
    """One decoded message from a page, whatever carried it (websocket, POST), in its request context."""
    if msg["t"] == "hello":
        scope = session.scope
        if msg.get("seq", 0) != scope.last_seq or msg.get("boot", scope.boot) != scope.boot:
            if not resyncs.allow():
                # A resync renders the whole page: a page sends one hello per
                # connection, so a stream of them is abuse, not a client.
                if resyncs.report_due():
                    log.warning("%r asks for the whole page too often; refused", session)
                    session.push_error("too-many-hellos", "one hello per connection; reconnect instead of repeating it")
                return
            _resync(session)
        return
    if msg["t"] == "route":
        routing.handle_route(session, msg["path"])
        return
    waits = None
    tasks: list = []
    started: list = []
    resend: list = []  # instances taken in another form than sent (a clamped slider): shown again
    try:
        waits = busy.wait_for(session)  # trame__busy: shown to this page if the handler takes a while
        with watch_failures() as failures, aio.first_steps() as started, own_input.handling(session, msg):
            result = dispatch(
                session.renderer, session.scope.controller, msg["id"], msg["ev"], msg.get("value"), msg.get("event"),
                session.page, tasks, resend,
            )
        if resend:
            show_state_again(session, msg["id"])
        if tasks:
            _cap_tasks(server, session, tasks)
        if as_download(result) is not None:
            # A handler that returns file content: this page downloads it.
            limits = server.limits
            call = download_call(result, owner=session.id, max_total=limits.max_download_bytes,
                                 max_owner=limits.max_download_bytes_per_page)
            session.push(Batch(session.scope.last_seq, calls=[call]))
        if failures and not server.debug:
            # A listener (or a render) failed on this page's input: tell
            # its user, without details (--debug shows them to everyone).
            session.push_notice()
    except StoreFull as exc:
        budget_of(session).log(log, logging.WARNING, "refused a download for %r: %s", session, exc)
        session.push_error("download-refused", str(exc))
    except InputError as exc:
        budget_of(session).log(log, logging.WARNING, "refused input from %r: %s", session, exc)
        session.push_error(exc.code, str(exc))
        show_state_again(session, msg.get("id"))  # the control shows the state's value, not the refused one
    except HandlerError as exc:
        if budget_of(session).allow("app_error") is not None:  # a visitor's flood must not flood the host's log
            page.app_error(exc.__cause__ or exc)
        if server.debug:
            session.push_error("handler-failed", str(exc))
        else:
            session.push_notice("handler-failed")
    except Exception as exc:  # noqa: BLE001 - a bug must not end the page's connection
        # Escaping here would end the websocket with an HTTP 500 written
        # into it; the page would only see a broken frame.
        if budget_of(session).log(log, logging.ERROR, "handling %r from %r failed", msg.get("ev"), session,
                                  exc_info=True):
            page.app_error(exc)
        text = f"{type(exc).__name__}: {exc}" if server.debug else "the server failed to handle this event; see the server log"
        session.push_error("server-error", text)
    finally:
        # A task the event started often changes state before its first
        # await (a progress value, the first tick): this answer carries it,
        # rather than the pusher sending a second frame just behind it.
        aio.wait_first_steps(started, FIRST_STEP_WAIT)
        if waits is not None:
            waits.done(tasks)
    session.scope.page_update(session, msg)  # client-only values it wrote: this page only (htmxtrame.scopes)
    routing.send_moves(session)  # $router.back() and friends: this page's history
    page.deliver_flashes(session)
    if msg.get("n") is not None:
        # Handled (or refused), and what it changed is queued: the next
        # frame to this page says so (after, never before, that content).
        session.acked = msg["n"]


def _cap_tasks(server: Server, session: Session, tasks: list) -> None:
    """Keep the tasks *session*'s events started within ``max_tasks_per_page``; cancel the new ones past it."""
    cap = server.limits.max_tasks_per_page
    refused = admit_tasks(session.running_tasks, tasks, cap)
    if refused:
        tasks[:] = [t for t in tasks if t not in refused]  # nothing to wait for: they never run
        budget_of(session).log(log, logging.WARNING, "%r has %s async tasks running; cancelled %d more (max_tasks_per_page)",
                               session, cap, len(refused))
        session.push_error("too-many-tasks", f"this page already has {cap} tasks running on the server; "
                                             "wait for them to finish")


def _json_error(status: int, message: str) -> Response:
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def _text_error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _upload(server: Server) -> Response:
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
        if request.content_length is not None and request.content_length <= request.max_content_length:
            # Not the bytes: the form parser's other caps (werkzeug's max_form_parts, max_form_memory_size).
            return _json_error(413, f"an upload holds at most {request.max_form_parts} files and fields, "
                                    f"each field at most {request.max_form_memory_size} bytes")
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
            "lastModified": _timestamp(modified[i]) if i < len(modified) else None,
            "content": content,
        })
    try:
        token = store_upload(files, request_client(), server.limits.max_upload_bytes_per_client)
    except OverflowError as exc:
        log_refused(log, "refused an upload from %s: %s", request.remote_addr, exc)
        # 429: this client holds too much; 503: everyone together does.
        return _json_error(429 if isinstance(exc, ClientQuotaFull) else 503, str(exc))
    return jsonify({"token": token, "count": len(files)})


def _timestamp(text: str) -> int | None:
    """A file's lastModified as the page sent it (ms since the epoch), or ``None`` for anything else.

    ``str.isdigit`` alone let "²" and 5000-digit strings through to ``int()``, which raised: an HTTP 500.
    """
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 16 else None


def _receive(ws: Any, poll: float | None = RECEIVE_POLL) -> Any:
    """The next frame; raises ``ConnectionClosed`` once the socket is gone.

    simple-websocket wakes its reader before it marks the socket closed
    (after it refuses an oversized frame, say), so a reader that waits
    without a timeout could wait forever and leak the session. The
    channel wakes it again once the socket is closed (*poll* ``None``);
    otherwise it polls every *poll* seconds.
    """
    while True:
        frame = ws.receive(timeout=poll)
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
        batch = Batch(session.scope.last_seq, body=body, **session.scope.document())
        session.push(session.scope.for_page(session, batch) if session.page else batch)


class _RateLimit(TokenBucket):
    """A page's messages: a token bucket whose refusals are reported at most once a second."""

    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.reported = float("-inf")  # when refusals were last reported

    def report_due(self) -> bool:
        """True at most once a second: whether to report refused messages now."""
        now = time.monotonic()
        if now - self.reported < 1.0:
            return False
        self.reported = now
        return True

"""The server side of Python clients: state values and trigger results over a websocket.

``get_client(url)`` (:mod:`htmxtrame.pyclient`) connects here, at
``/__htmxtrame/client`` or (the server's own app only) trame's ``/ws``. The frames are described in
:mod:`htmxtrame.transport.client_wire`. A client is not a page: it renders
nothing and gets the state's values themselves, so it must prove it may:

* its first frame carries the server's client secret (trame's ``--authKey``
  or ``--authKeyFile``, the ``client_secret=`` server option; default
  trame's ``"wslink-secret"``). The default secret is known to everyone, so
  it is taken from this machine only (a loopback peer, no proxy headers);
  a secret of your own is needed from anywhere else.
* ``get_server(..., python_clients=False)`` turns the endpoint off.
* a client address sending wrong secrets gets :data:`WRONG_SECRETS_BURST`
  tries, then :data:`WRONG_SECRETS_PER_MINUTE` a minute (:class:`Guesses`):
  a secret cannot be guessed online; refusals share the log budget of
  refused requests (:data:`htmxtrame.log_budget.REFUSED`).

Everything else is a page's rule: the Host and Origin checks, the
per-client connection caps, the host's login check on every message when
embedded, ``max_messages_per_second``, ``wire.MAX_FRAME`` and nesting caps.
A client's own writes are not echoed back to it; what listeners change
because of them is. Async triggers run on the server's loop, at most
:data:`MAX_CALLS` at a time per client.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, request
from flask_sock import Sock
from simple_websocket import ConnectionClosed
from werkzeug.exceptions import HTTPException

from .. import busy
from ..client_address import request_client
from ..log_budget import budget_of, log_refused
from ..session import Batch, Session
from ..values import UnshowableValue, to_json
from . import client_wire, flaskctx
from .blueprint import CLOSED, _close_reason, _RateLimit, _receive, decoded, shut_out
from .client_wire import DEFAULT_SECRET
from .limits import close_text, gate_pings
from .sending import Channel, pusher
from .wire import WireError

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

log = logging.getLogger("htmxtrame.transport")

HELLO_TIMEOUT = 10.0  # seconds a client has to say hello
MAX_CALLS = 32  # async trigger calls of one client running at once
MAX_QUEUED_ERRORS = 20
MAX_QUEUED_BYTES = 8 << 20  # answers waiting for a client that does not read them; past this it is cut off
ENDPOINTS = ("python_client", "python_client_trame")
WRONG_SECRETS_BURST = 10  # wrong secrets one client address may send at once...
WRONG_SECRETS_PER_MINUTE = 10  # ...then this many a minute
MAX_TRACKED = 10_000  # client addresses whose wrong secrets are remembered (the oldest go first)
_PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")
WRONG_SECRET = "wrong client secret (the server's --authKey)"


def register(bp: Blueprint, sock: Sock, server: Server, trame_path: bool) -> None:
    """Answer Python clients at ``/__htmxtrame/client`` on *server*'s blueprint, and at trame's ``/ws`` with *trame_path*.

    Only the server's own app (``server.start()``, ``flask_app()``) takes
    ``/ws``: a host app may route that path itself.
    """

    guesses = Guesses()

    def client_socket(ws: Any) -> None:
        serve(server, ws, flaskctx.PageContext(server, bp.name), guesses)

    sock.route(client_wire.PATH, bp=bp, endpoint=ENDPOINTS[0])(client_socket)
    if trame_path:
        sock.route(client_wire.TRAME_PATH, bp=bp, endpoint=ENDPOINTS[1])(client_socket)


def client_secret(server: Server) -> str | None:
    """The secret clients must send: ``--authKeyFile``, ``--authKey``, ``client_secret=``, trame's default.

    ``None`` when ``python_clients=False``: no client is taken.
    """
    if server.options.get("python_clients", True) is False:
        return None
    args, _ = server.cli.parse_known_args()
    path = getattr(args, "authKeyFile", None)
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return getattr(args, "authKey", None) or server.options.get("client_secret") or DEFAULT_SECRET


def refusal(server: Server, sent: str) -> str | None:
    """Why a client sending secret *sent* may not connect (in a request context), or ``None``."""
    try:
        secret = client_secret(server)
    except OSError as exc:
        log.error("cannot read --authKeyFile: %s", exc)
        return "the server cannot read its client secret (--authKeyFile); see its log"
    if secret is None:
        return "this server takes no Python clients (python_clients=False)"
    # surrogatepass: JSON can carry a lone surrogate ("\ud800"), which plain UTF-8 cannot encode.
    if not hmac.compare_digest(sent.encode("utf-8", "surrogatepass"), secret.encode("utf-8", "surrogatepass")):
        return WRONG_SECRET
    if secret == DEFAULT_SECRET and not _local_peer():
        return (f"the default client secret {DEFAULT_SECRET!r} is taken from this machine only; "
                "start the server with --authKey <secret> (or client_secret=) to connect from elsewhere")
    return None


class Guesses:
    """Wrong client secrets per client address: a burst, then a few a minute (a token bucket per address).

    Without it one address tried about 400 secrets a second (a 4-digit
    ``--authKey`` fell in 12 s), each with a log line. An address past its
    tries is refused before its secret is compared, so no guess is confirmed.
    """

    def __init__(self, max_tracked: int = MAX_TRACKED) -> None:
        self._lock = threading.Lock()
        self._by_client: dict[str, tuple[float, float]] = {}  # address -> (tries left, when counted)
        self._max = max_tracked

    def __len__(self) -> int:
        return len(self._by_client)

    def _left(self, entry: tuple[float, float] | None, now: float) -> float:
        if entry is None:
            return WRONG_SECRETS_BURST
        tries, stamp = entry
        return min(WRONG_SECRETS_BURST, tries + (now - stamp) * WRONG_SECRETS_PER_MINUTE / 60)

    def blocked(self, client: str, now: float | None = None) -> bool:
        """Whether *client* has no try left."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return self._left(self._by_client.get(client), now) < 1

    def wrong(self, client: str, now: float | None = None) -> None:
        """*client* sent a wrong secret: one try fewer."""
        now = time.monotonic() if now is None else now
        with self._lock:
            left = self._left(self._by_client.pop(client, None), now)
            self._by_client[client] = (left - 1, now)  # re-added: the most recent last
            while len(self._by_client) > self._max:
                del self._by_client[next(iter(self._by_client))]


def _local_peer() -> bool:
    if any(h in request.headers for h in _PROXY_HEADERS):
        return False  # relayed by a proxy: the loopback peer is the proxy, not the client
    try:
        return ipaddress.ip_address((request.remote_addr or "").split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class ClientSession(Session):
    """One Python client: its pending state values, call results and errors (merged, bounded)."""

    def __init__(self, server: Server, scope: Any) -> None:
        super().__init__(scope, template="")
        self.server = server
        self._values: dict = {}  # key -> JSON value, the latest per key
        self._frames: list[str] = []  # results and errors, in order
        self._errors = 0
        self._queued = 0  # characters in _frames
        self.on_overflow: Callable[[str], None] | None = None  # cuts the connection (Channel.abort)
        self._overflowed = False
        self.own: dict | None = None  # what this client is writing right now: not echoed back
        self.calls = 0  # async trigger calls running
        self.calls_lock = threading.Lock()

    def watch(self, delta: dict) -> None:
        """``Scope.value_watchers``: the values a flush changed go to this client."""
        own = self.own
        values = {}
        for key, value in delta.items():
            if own is not None and own.get(key, self) is value:
                continue  # the client's own write, as it sent it
            try:
                values[key] = to_json(value)
            except UnshowableValue as exc:
                budget_of(self).log(log, logging.INFO, "state %r not sent to %r: %s", key, self, exc)
        if values:
            self._queue(lambda: self._values.update(values))

    def reply(self, n: int, value: Any = None, error: dict | None = None) -> None:
        """Queue the answer to call *n*."""
        if error is None:
            try:
                frame = client_wire.encode("result", n=n, value=to_json(value))
            except (UnshowableValue, ValueError) as exc:
                error = {"code": "bad-result", "message": f"the trigger's result has no JSON form: {exc}"}
        if error is not None:
            frame = client_wire.encode("result", n=n, error=error)
        self._queue(lambda: self._add(frame))

    def push(self, batch: Batch, own: Any = None) -> None:
        """A page's batch (HTML, calls) means nothing to a client: only its errors are passed on."""
        for error in batch.errors:
            self.push_error(str(error.get("code")), str(error.get("message")))

    def push_error(self, code: str, message: str) -> None:
        """Queue an error frame (at most :data:`MAX_QUEUED_ERRORS` wait at once; later ones are dropped)."""
        def add() -> None:
            if self._errors >= MAX_QUEUED_ERRORS:
                return  # a client that floods junk and never reads must not grow this
            self._errors += 1
            self._add(client_wire.encode("error", code=code, message=message))
        self._queue(add)

    def _add(self, frame: str) -> None:
        if self._queued + len(frame) > MAX_QUEUED_BYTES:
            self._overflowed = True  # dropped: the connection is cut once the lock is released
            return
        self._frames.append(frame)
        self._queued += len(frame)

    def _queue(self, add: Any) -> None:
        with self._cond:
            if self.closed:
                return
            self._overflowed = False
            add()
            overflowed = self._overflowed
            wake = None if self._answering else self.wake
        if overflowed and self.on_overflow is not None:
            self.on_overflow(f"more than {MAX_QUEUED_BYTES} bytes of answers wait unread")
        elif wake is not None:
            wake()

    def take_frames(self) -> list[str]:
        """The frames to send now, state values first (a trigger's writes arrive before its result)."""
        with self._cond:
            frames = [client_wire.encode("state", values=self._values)] if self._values else []
            frames.extend(self._frames)
            self._values, self._frames, self._errors, self._queued = {}, [], 0, 0
            self._answering = False
            return frames

    def has_pending(self) -> bool:
        """Values, results or errors wait to be sent."""
        return bool(self._values or self._frames)

    def drained(self) -> bool:
        """Nothing waits and no frame is half out (``await server.network_completion``)."""
        return not self.has_pending() and not self.send_lock.locked() and not self.backed_up()

    def open(self) -> None:
        """Receive the scope's flushes (values, not fragments)."""
        with self.scope.lock:
            self.scope.value_watchers.append(self.watch)

    def close(self) -> None:
        """Stop receiving; drop what is queued."""
        with self._cond:
            self.closed = True
            self._values, self._frames, self._queued = {}, [], 0
            self._cond.notify_all()
        with self.scope.lock:
            if self.watch in self.scope.value_watchers:
                self.scope.value_watchers.remove(self.watch)

    def __repr__(self) -> str:
        return f"<PythonClient {self.id[:6]}>"


class ClientChannel(Channel):
    """A :class:`Channel` sending a client's frames (the pusher's pacing and stall rules apply)."""

    session: ClientSession

    def _send_pending(self) -> bool:
        session = self.session
        with session.send_lock:
            for text in session.take_frames():
                try:
                    self.send(text)
                except (ConnectionClosed, OSError):
                    self.closed = True
                    return False
                session.last_sent = time.monotonic()
        return True


def serve(server: Server, ws: Any, page: flaskctx.PageContext, guesses: Guesses) -> None:
    """One Python client's websocket, from its hello to its close (*guesses*: the wrong secrets per address)."""
    why = _hello(server, ws, guesses)
    if why is not None:
        log_refused(log, "refused a Python client from %s: %s", request.remote_addr, why)
        ws.close(1008, close_text(why))
        return
    try:
        scope = server.scope_for_request()
    except HTTPException as exc:  # no room for another browser session (htmxtrame.scopes)
        ws.close(1013, close_text(str(exc.description)))
        return
    session = ClientSession(server, scope)
    channel = ClientChannel(session, ws, pusher, server.limits)
    session.on_overflow = channel.abort
    gate_pings(ws, server.limits.max_pings_per_second, session)
    session.answering()  # what a flush queues waits for the welcome: the receive loop sends it next
    with scope.state._lock:  # no flush between the snapshot and joining: none lost, none doubled
        state = _snapshot(session)
        session.open()
    page.attach(session, channel.close)
    server.client_connected(session, channel)  # on_client_connected has run once the client is in
    channel.send(client_wire.encode("welcome", id=session.id, state=state))
    try:
        _receive_loop(server, session, ws, channel, page)
    finally:
        page.detach()
        session.close()
        channel.finish()
        server.client_exited(session)


def _hello(server: Server, ws: Any, guesses: Guesses) -> str | None:
    """Why the client's first frame does not let it in, or ``None``."""
    frame = ws.receive(timeout=HELLO_TIMEOUT)
    if frame is None:
        return f"no hello within {HELLO_TIMEOUT:g} s"
    try:
        msg = client_wire.decode(frame)
    except WireError as exc:
        return f"bad hello: {exc}"
    if msg["t"] != "hello":
        return "the first message must be a hello with the client secret"
    client = request_client()
    if guesses.blocked(client):
        return (f"too many wrong client secrets from this address; {WRONG_SECRETS_PER_MINUTE} "
                "more tries a minute")
    why = refusal(server, msg["secret"])
    if why == WRONG_SECRET:
        guesses.wrong(client)
    return why


def _snapshot(session: ClientSession) -> dict:
    """Every state value with a JSON form (those without are left out, as trame does)."""
    values = {}
    for key, value in session.scope.state.to_dict().items():
        try:
            values[key] = to_json(value)
        except UnshowableValue:
            continue
    return values


def _receive_loop(server: Server, session: ClientSession, ws: Any, channel: ClientChannel,
                  page: flaskctx.PageContext) -> None:
    limiter = _RateLimit(server.max_messages_per_second)
    while True:
        if not getattr(ws, "input_buffer", None) and not channel.reply():
            return
        try:
            frame = _receive(ws, channel.receive_poll)
        except ConnectionClosed as exc:
            code, why = _close_reason(ws, exc)
            if code not in (1000, 1001, 1005):
                log.info("the websocket of %r closed with code %s: %s", session, code, why)
            return
        session.answering()
        if not limiter.allow():
            if limiter.report_due():
                session.push_error("rate-limited", f"more than {limiter.rate} messages a second; messages were dropped")
            continue
        msg = decoded(session, ws, frame, client_wire.decode)
        if msg is None:
            continue
        if msg is CLOSED:
            return
        with page.message() as refused:
            if shut_out(session, channel, refused):
                return
            _handle(server, session, msg)


def _handle(server: Server, session: ClientSession, msg: dict) -> None:
    kind = msg["t"]
    if kind == "hello":
        session.push_error("bad-message", "one hello per connection")
    elif kind == "set":
        _set(session, msg["values"])
    else:
        _call(server, session, msg["n"], msg["name"], msg["args"], msg["kwargs"])


def _set(session: ClientSession, values: dict) -> None:
    state = session.scope.state
    refused = [k for k in values if k == busy.BUSY_KEY or k in state._client_only]
    if refused:
        # Nothing of this message is applied: the client's copy must not think half of it was.
        session.push_error("client-only", f"{', '.join(map(repr, refused))}: a page's own value "
                           "(client-only); the server's state takes none from a client")
        return
    session.own = values
    try:
        with state:
            state.update(values)
    finally:
        session.own = None


def _call(server: Server, session: ClientSession, n: int, name: str, args: list, kwargs: dict) -> None:
    state = session.scope.state
    fn = session.scope.controller.trigger_fn(name)
    if fn is None:
        session.reply(n, error={"code": "no-trigger", "message": f"no trigger named {name!r} on this server"})
        return
    try:
        with state:
            result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the trigger's failure is the caller's answer, not the server's end
        _failed(server, session, n, name, exc)
        return
    if not hasattr(result, "__await__"):
        session.reply(n, result)
        return
    with session.calls_lock:
        if session.calls >= MAX_CALLS:
            if hasattr(result, "close"):
                result.close()  # never awaited: no "was never awaited" warning
            session.reply(n, error={"code": "too-many-calls",
                                    "message": f"{MAX_CALLS} async trigger calls of this client are running"})
            return
        session.calls += 1

    async def run() -> Any:
        with state:  # what it sets after an await reaches everyone, as in trame
            return await result

    def done(fut: Any) -> None:
        with session.calls_lock:
            session.calls -= 1
        if fut.cancelled():
            session.reply(n, error={"code": "cancelled", "message": f"trigger {name!r} was cancelled"})
        elif fut.exception() is not None:
            exc = fut.exception()
            session.reply(n, error={"code": "trigger-failed", "message": f"{type(exc).__name__}: {exc}"})
        else:
            session.reply(n, fut.result())

    server._schedule(run()).add_done_callback(done)


def _failed(server: Server, session: ClientSession, n: int, name: str, exc: Exception) -> None:
    if budget_of(session).log(log, logging.ERROR, "trigger %r called by %r raised", name, session, exc_info=exc):
        server._on_error(f"trigger {name}", exc)
    session.reply(n, error={"code": "trigger-failed", "message": f"{type(exc).__name__}: {exc}"})

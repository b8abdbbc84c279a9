"""Control messages between workers: a logout and a ``js_call`` reach every worker's pages.

State travels as numbered changes (:mod:`.sync`); these are not state. A
control message asks every worker to act on *its own* pages:

* ``logout`` — close the open pages whose Flask session holds these items
  (:func:`htmxtrame.logout_sessions` with a dict, or with no argument);
* ``js_call`` — queue this call for the pages of this scope
  (:meth:`htmxtrame.server.Server.js_call`);
* ``download`` — have the pages of this scope fetch a download link whose
  bytes are in Redis (:meth:`htmxtrame.server.Server.download`).
* ``sse-post`` / ``sse-reply`` — messages an HTTP-fallback page posted
  to a worker that does not hold its event stream, and the holder's
  answer (:mod:`.relay`).

It goes on ``<prefix>:ch:@control``: inside the pattern every worker's
Redis backend already subscribes to (no second connection or thread), and
``@`` never starts a scope key. A message is
``ctl\\n<id>\\n<origin>\\n<json object>``, bounded by
``redis_max_message_bytes`` and checked field by field like a change
message: one that is not ours (wrong shape, too big, unknown operation)
is logged and skipped.

A logout acts on the whole process (its open pages are one registry for
every server in it), so a process applies each logout once, however many
Redis backends it has, and never the one it sent (it closed its own pages
already); both are told apart by the message's random id. A ``js_call``
or a ``download`` names a scope, and every backend but the sender applies it.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from .codec import MessageError

log = logging.getLogger("htmxtrame.backends")

CONTROL_KEY = "@control"  # the channel's last part: never a scope key ("shared", "session:<sid>")
MAX_TEXT = 256  # characters of a ref, method, scope key, reason, session key
MAX_ITEMS = 64  # session items in a logout's match
_SEEN = 256  # logout ids this process remembers (applied once per process)

_handlers: dict[str, Callable[[dict], Any]] = {}
_backends: weakref.WeakSet[Any] = weakref.WeakSet()
_seen: OrderedDict[str, None] = OrderedDict()
_lock = threading.Lock()


def on(op: str, handler: Callable[[dict], Any]) -> None:
    """Run *handler(payload)* for every ``op`` message another process sends (``"logout"``)."""
    _handlers[op] = handler


def register(backend: Any) -> None:
    """A Redis backend of this process: process-wide messages (a logout) go out through it."""
    _backends.add(backend)


def backends() -> list[Any]:
    """The live Redis backends of this process (none without Redis: nothing to tell)."""
    return [b for b in list(_backends) if not b.closed]


def send_logout(match: dict, reason: str) -> bool:
    """Ask every other worker to close the pages whose session holds *match*; whether it went out.

    Sent through each Redis backend of this process under one id, so a
    process with several applies it once; this one has closed its own.
    """
    msg_id = secrets.token_hex(8)
    first_time(msg_id)  # our own message coming back is not applied again
    payload = {"match": match, "reason": str(reason)[:MAX_TEXT]}
    try:
        _check_logout(payload)
    except MessageError as exc:
        log.info("logout stays on this worker: other workers would refuse it (%s)", exc)
        return False
    return any([b.send_control("logout", payload, msg_id) is not None for b in backends()])


def first_time(msg_id: str) -> bool:
    """Whether this process has not yet applied (or sent) the message *msg_id*; remembers it."""
    with _lock:
        if msg_id in _seen:
            return False
        _seen[msg_id] = None
        while len(_seen) > _SEEN:
            _seen.popitem(last=False)
        return True


def handler(op: str) -> Callable[[dict], Any] | None:
    """The handler registered for *op*, if any."""
    return _handlers.get(op)


def encode(op: str, origin: str, payload: dict, max_bytes: int, msg_id: str | None = None) -> tuple[str, str] | None:
    """``(id, message text)``, or ``None`` (logged) when *payload* has no JSON form or exceeds *max_bytes*.

    *msg_id* (default: a new random one) names the message, so that one
    logout sent through several backends of a process is applied once.
    """
    try:
        text = json.dumps({"op": op, **payload}, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        log.info("%s stays on this worker: its arguments have no JSON form for other workers (%s)", op, exc)
        return None
    msg_id = msg_id or secrets.token_hex(8)
    message = f"ctl\n{msg_id}\n{origin}\n{text}"
    if len(message.encode()) > max_bytes:
        log.warning("%s stays on this worker: %d bytes as a message, over the %d-byte cap (redis_max_message_bytes)",
                    op, len(message.encode()), max_bytes)
        return None
    sent = json.loads(text)  # as the other workers will read it (tuples are lists there)
    del sent["op"]
    try:
        _CHECKS[op](sent)
    except MessageError as exc:  # e.g. a download's file name too long: every other worker would refuse it
        log.info("%s stays on this worker: other workers would refuse it (%s)", op, exc)
        return None
    return msg_id, message


def decode(data: Any, max_bytes: int) -> tuple[str, str, str, dict]:
    """``(id, origin, op, payload)`` of a control message; :class:`MessageError` when it is not a valid one."""
    if isinstance(data, str):
        data = data.encode()
    if not isinstance(data, bytes):
        raise MessageError(f"not text but {type(data).__name__}")
    if len(data) > max_bytes:
        raise MessageError(f"{len(data)} bytes, over the {max_bytes}-byte cap")
    try:
        tag, msg_id, origin, text = data.decode().split("\n", 3)
        payload = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MessageError(f"not a control message: {exc}") from None
    if tag != "ctl" or not msg_id or len(msg_id) > 64 or not isinstance(payload, dict):
        raise MessageError("not a control message: bad header or payload")
    op = payload.pop("op", None)
    check = _CHECKS.get(op) if isinstance(op, str) else None
    if check is None:
        raise MessageError(f"unknown control operation {op!r}")
    check(payload)
    return msg_id, origin, str(op), payload


def _text(value: Any, what: str, empty: bool = False) -> None:
    if not isinstance(value, str) or (not value and not empty) or len(value) > MAX_TEXT:
        raise MessageError(f"bad {what}: a string of 1 to {MAX_TEXT} characters expected")


def _check_logout(payload: dict) -> None:
    match, reason = payload.get("match"), payload.get("reason")
    if set(payload) != {"match", "reason"} or not isinstance(match, dict) or len(match) > MAX_ITEMS:
        raise MessageError(f"bad logout: match is a dict of at most {MAX_ITEMS} session items, with a reason")
    for key in match:
        _text(key, "session key")
    _text(reason, "reason", empty=True)


def _check_js_call(payload: dict) -> None:
    call = payload.get("call")
    if set(payload) != {"scope", "call"} or not isinstance(call, dict):
        raise MessageError("bad js_call: a scope and a call expected")
    _text(payload["scope"], "scope key")
    if not set(call) <= {"ref", "method", "args", "debug"} or not isinstance(call.get("args"), list):
        raise MessageError("bad js_call: the call has ref, method, args (a list) and maybe debug")
    _text(call.get("ref"), "ref")
    _text(call.get("method"), "method")
    if not isinstance(call.get("debug", False), bool):
        raise MessageError("bad js_call: debug is true or false")


def _check_download(payload: dict) -> None:
    call = payload.get("call")
    link = call.get("download") if isinstance(call, dict) else None
    if set(payload) != {"scope", "call"} or set(call or ()) != {"download"} or not isinstance(link, dict):
        raise MessageError("bad download: a scope and a call naming a download expected")
    _text(payload["scope"], "scope key")
    token = link.get("token")
    if set(link) != {"token", "name"} or not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise MessageError("bad download: a link token (16 to 64 URL-safe characters) and a file name expected")
    _text(link.get("name"), "file name")


def _check_sse_post(payload: dict) -> None:
    frames = payload.get("frames")
    if set(payload) != {"to", "sid", "frames"} or not isinstance(frames, list) or len(frames) > MAX_FRAMES:
        raise MessageError(f"bad sse-post: a worker, a connection id and at most {MAX_FRAMES} message texts expected")
    _text(payload["to"], "worker")
    if not isinstance(payload["sid"], str) or not _TOKEN.fullmatch(payload["sid"]):
        raise MessageError("bad sse-post: a connection id (16 to 64 URL-safe characters) expected")
    if not all(isinstance(f, str) for f in frames):
        raise MessageError("bad sse-post: the messages are texts")


def _check_sse_reply(payload: dict) -> None:
    status = payload.get("status")
    if set(payload) != {"re", "status", "error"} or type(status) is not int or not 100 <= status <= 599:
        raise MessageError("bad sse-reply: the message it answers, an HTTP status and an error text expected")
    _text(payload["re"], "message id")
    _text(payload["error"], "error", empty=True)


MAX_FRAMES = 200  # messages in one forwarded POST (the fallback's own cap per POST)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_CHECKS: dict[str, Callable[[dict], None]] = {
    "logout": _check_logout, "js_call": _check_js_call, "download": _check_download,
    "sse-post": _check_sse_post, "sse-reply": _check_sse_reply,
}
# The HTTP fallback's POSTs passed to the worker holding the page's stream (.relay).
RELAY_OPS = ("sse-post", "sse-reply")
# Operations that queue a browser call for one scope's pages (every worker but the sender applies them).
CALL_OPS = ("js_call", "download")


def call_op(call: dict) -> str:
    """The operation that carries the browser *call* to other workers: a download, else a ``js_call``."""
    return "download" if "download" in call else "js_call"

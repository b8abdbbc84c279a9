"""The wire format of Python clients (``get_client(url)``), both directions.

A Python client (:mod:`htmxtrame.pyclient`) drives a running server the way
trame's ``trame_server.client.Client`` drives a trame server: it holds a
copy of the state's values, writes values, and calls triggers. Pages get
HTML fragments; a client gets the values themselves, as JSON text frames on
its own websocket (``/__htmxtrame/client``, under the mount prefix when
embedded; the server's own app answers at trame's ``/ws`` too;
:mod:`htmxtrame.transport.clients`).

Client → server, one JSON object per frame, at most ``wire.MAX_FRAME`` bytes:

* ``{"t": "hello", "secret": "…"}`` — first, and once: the server's client
  secret (trame's ``--authKey``, default ``"wslink-secret"``).
* ``{"t": "set", "values": {"key": value, …}}`` — write state values
  (at most :data:`MAX_KEYS` keys of at most :data:`MAX_NAME` characters).
* ``{"t": "call", "n": 7, "name": "add", "args": [1, 2], "kwargs": {}}`` —
  call a trigger; ``n`` numbers the call, its answer carries it back.

Server → client:

* ``{"t": "welcome", "id": "…", "state": {…}}`` — the hello was accepted;
  every state value with a JSON form.
* ``{"t": "state", "values": {…}}`` — values the server changed (its own
  writes, other clients', pages'), latest per key.
* ``{"t": "result", "n": 7, "value": 6}`` or
  ``{"t": "result", "n": 7, "error": {"code": "…", "message": "…"}}``.
* ``{"t": "error", "code": "…", "message": "…"}`` — a frame was refused;
  nothing it asked for was done.

A field a message does not define is refused, not ignored: a typo must not
pass for a call that did nothing.
"""

from __future__ import annotations

import json
from typing import Any

from .wire import WireError, parse

DEFAULT_SECRET = "wslink-secret"  # trame's (wslink's) default --authKey
PATH = "/__htmxtrame/client"
TRAME_PATH = "/ws"  # where trame's client connects (``ws://host:port/ws``)
MAX_KEYS = 1000  # state keys one "set" may write
MAX_NAME = 256  # characters of a state key or trigger name
_SAFE_INT = 2**53

_FIELDS = {
    "hello": {"t", "secret"},
    "set": {"t", "values"},
    "call": {"t", "n", "name", "args", "kwargs"},
}


def decode(frame: Any) -> dict:
    """Parse and check one frame from a Python client, or raise :class:`~htmxtrame.transport.wire.WireError`."""
    msg = parse(frame)
    kind = msg.get("t")
    fields = _FIELDS.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise WireError("bad-message", f"unknown message type {str(kind)[:32]!r}; expected 'hello', 'set' or 'call'")
    unknown = set(msg) - fields
    if unknown:
        names = ", ".join(sorted(repr(k[:32]) for k in unknown))
        raise WireError("bad-message", f"a {kind!r} message has no field {names}; its fields are {sorted(fields)}")
    if kind == "hello":
        if not isinstance(msg.get("secret"), str):
            raise WireError("bad-message", "a 'hello' message needs the server's client secret, a string")
    elif kind == "set":
        values = msg.get("values")
        if not isinstance(values, dict):
            raise WireError("bad-message", "a 'set' message needs 'values', an object of state keys")
        if len(values) > MAX_KEYS:
            raise WireError("too-many-keys", f"{len(values)} keys in one 'set'; at most {MAX_KEYS}")
        for key in values:
            check_name(key, "state key")
    else:
        n = msg.get("n")
        if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n < _SAFE_INT:
            raise WireError("bad-message", "'n' numbers the client's calls: a non-negative integer")
        check_name(msg.get("name"), "trigger name")
        if not isinstance(msg.setdefault("args", []), list):
            raise WireError("bad-message", "'args' of a call must be an array")
        if not isinstance(msg.setdefault("kwargs", {}), dict):
            raise WireError("bad-message", "'kwargs' of a call must be an object")
    return msg


def check_name(name: Any, what: str) -> None:
    """Raise :class:`WireError` unless *name* is a non-empty string of at most :data:`MAX_NAME` characters."""
    if not isinstance(name, str) or not name:
        raise WireError("bad-name", f"a {what} is a non-empty string, not {str(name)[:32]!r}")
    if len(name) > MAX_NAME:
        raise WireError("bad-name", f"a {what} of {len(name)} characters; at most {MAX_NAME}")


def encode(kind: str, **fields: Any) -> str:
    """One frame to a client: ``{"t": kind, **fields}`` as compact JSON (values already JSON-ready)."""
    return json.dumps({"t": kind, **fields}, separators=(",", ":"), allow_nan=False)

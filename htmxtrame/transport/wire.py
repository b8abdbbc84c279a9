"""The websocket wire format, both directions.

Server → page, one JSON text frame per batch::

    {"content": "<hx-partial hx-target='#ht12' hx-swap='outerMorph'>…</hx-partial>",
     "dirty": ["slider_value"], "seq": 42, "calls": [...], "title": "…"}

``content`` is swapped by htmx's websocket extension; the glue script reads
``dirty``/``seq``/``calls``/``title``/``favicon``/``error``, and ``kept``
(``{fragment id: text}``: the field this page typed into, sent as its text
instead of its fragment, :mod:`htmxtrame.own_input`). A frame without
``content`` is data only; ``calls``, ``title``, ``favicon`` and ``error`` are
left out when there is none (a click's answer is ~150 bytes).

Page → server, JSON text frames:

* ``{"t": "hello", "seq": 41, "boot": "k3Jx9aQe"}`` — (re)connected; the page
  has seen seq 41 from the scope marked ``boot`` (``Scope.new_boot_mark``).
* ``{"t": "ev", "id": "ht12.3", "ev": "input", "value": …, "event": {…}, "n": 7}``;
  ``event`` (the DOM event's details, ``$event``) only for the events the
  element lists in ``data-ht-ev``: those a handler on the server reads;
  ``n`` (optional) numbers the page's messages. Every frame to that page then
  carries ``"ack": n`` of the last one handled (a frame of only ``{"ack": n}``
  when nothing else changed), so the page knows which of its typing the
  content already reflects (see ``focus and echo`` in the glue).
* ``{"t": "route", "path": "/bar/3?x=1"}`` — the page's URL hash names this
  route (on load, on a link, on Back): at most ``routes.MAX_PATH`` characters,
  starting with ``/`` (:mod:`htmxtrame.routes`).
"""

from __future__ import annotations

import json
import math
from typing import Any

from dominate.util import escape

from ..routes import RouteError, check_route
from ..session import Batch

MAX_BOOT = 64  # characters of a hello's boot mark (the scope's is 8)
MAX_FRAME = 1 << 20  # bytes; larger frames close the socket with 1009
MAX_DEPTH = 32  # nesting of the JSON a page may send
_SAFE_INT = 2**53  # integers a JavaScript number holds exactly


class WireError(ValueError):
    """A frame from the page that is not a message we understand."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def encode(batch: Batch) -> str:
    """One JSON text frame for *batch* (made once per batch, shared by the pages it goes to)."""
    if batch.frame is None:
        batch.frame = _encode(batch)
    return batch.frame


def _encode(batch: Batch) -> str:
    parts = []
    if batch.body is not None:
        parts.append(f'<hx-partial hx-target="#ht-app" hx-swap="innerMorph">{batch.body}</hx-partial>')
    for fid, html in batch.fragments.items():
        parts.append(f'<hx-partial hx-target="#{escape(fid)}" hx-swap="outerMorph">{html}</hx-partial>')
    msg: dict[str, Any] = {"seq": batch.seq, "dirty": batch.dirty}
    if batch.calls:
        msg["calls"] = batch.calls
    if batch.nav:
        msg["nav"] = batch.nav  # history moves ($router.back()): the glue's router section
    if parts:
        msg["content"] = "".join(parts)
    if batch.kept:
        # htmxtrame.own_input: the field this page typed into holds this text now
        msg["kept"] = {fid: text for fid, (_, text) in batch.kept.items()}
    if batch.title is not None:
        msg["title"] = batch.title
    if batch.favicon is not None:
        msg["favicon"] = batch.favicon
    if batch.boot is not None:
        msg["boot"] = batch.boot  # a whole page: the scope that sent it, for the page's next hello
    if batch.local:
        msg["local"] = True  # htmxtrame.scopes.page: the page holds values of its own
    if batch.errors:
        msg["error"] = batch.errors[-1]
        msg["errors"] = batch.errors
    return json.dumps(msg, separators=(",", ":"), allow_nan=False, default=str)


def with_ack(frame: str, ack: int) -> str:
    """*frame* (a JSON object) for one page: with the number of its last handled message."""
    return f'{{"ack":{ack},{frame[1:]}' if len(frame) > 2 else f'{{"ack":{ack}}}'


def parse(frame: Any) -> dict:
    """One frame's JSON object, its type, size and nesting checked (any client's frame), or raise :class:`WireError`."""
    if isinstance(frame, (bytes, bytearray)):
        raise WireError("bad-frame", "binary frames are not accepted; send JSON text")
    if not isinstance(frame, str):
        raise WireError("bad-frame", f"unexpected frame type {type(frame).__name__}")
    if len(frame) > MAX_FRAME:
        raise WireError("too-big", f"frame of {len(frame)} characters exceeds {MAX_FRAME}")
    try:
        msg = _DECODER.decode(frame)
    except RecursionError:
        raise WireError("bad-json", "JSON nested too deeply") from None
    except ValueError as exc:
        raise WireError("bad-json", f"frame is not valid JSON: {exc}") from None
    if not isinstance(msg, dict):
        raise WireError("bad-message", "a message is a JSON object with a 't' field")
    # Counting brackets is C-fast; walk the value only when it could be deep.
    if frame.count("{") + frame.count("[") > MAX_DEPTH and _depth(msg) > MAX_DEPTH:
        raise WireError("bad-json", f"JSON nested deeper than {MAX_DEPTH} levels")
    return msg


def decode(frame: Any) -> dict:
    """Parse and check one frame from the page, or raise :class:`WireError`."""
    msg = parse(frame)
    kind = msg.get("t")
    if kind == "hello":
        seq = msg.get("seq", 0)
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise WireError("bad-message", "hello.seq must be an integer")
        boot = msg.get("boot", "")
        if not isinstance(boot, str) or len(boot) > MAX_BOOT:
            raise WireError("bad-message", f"hello.boot must be a string of at most {MAX_BOOT} characters")
        return msg
    if kind == "ev":
        if not isinstance(msg.get("id"), str) or not isinstance(msg.get("ev"), str):
            raise WireError("bad-message", "an 'ev' message needs string 'id' and 'ev' fields")
        if "event" in msg and not isinstance(msg["event"], (dict, type(None))):
            raise WireError("bad-message", "'event' must be an object")
        n = msg.get("n")
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or not 0 <= n < _SAFE_INT):
            raise WireError("bad-message", "'n' numbers the page's messages: a non-negative integer")
        return msg
    if kind == "route":
        try:
            check_route(msg.get("path"))
        except RouteError as exc:
            raise WireError("bad-route", str(exc)) from None
        return msg
    raise WireError("bad-message", f"unknown message type {str(kind)[:32]!r}; expected 'hello', 'ev' or 'route'")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _js_int(text: str) -> int | float:
    """An integer from the page. Past 2**53 it is a JavaScript double, as in the
    page; one too large even for that is refused (Python's int is unbounded,
    and rendering it would fail after it reached the state)."""
    value = int(text)
    if -_SAFE_INT <= value <= _SAFE_INT:
        return value
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"number {text[:20]}… is out of range") from None


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


# One decoder for every frame (json.loads with hooks builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite, parse_int=_js_int)


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level

"""What goes through Redis: state values as JSON, change messages, and their size caps.

Values are encoded with htmxtrame's value codec (:func:`htmxtrame.values.to_json`),
so a worker that did not make a value gets what a page would: NumPy arrays
as lists, tuples as lists, dates as ISO text. A value with no JSON form is
not shared (the worker that holds it logs why).

A change message is ``"<seq>\\n<origin>\\n<json object of key: value>"``: the
Lua script that stores a change prepends the scope's sequence number it
drew, so every worker sees the same numbers in the same order.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..values import UnshowableValue, to_json

log = logging.getLogger("htmxtrame.backends")


class MessageError(ValueError):
    """A message from Redis that is not one of ours (or too big): logged and skipped."""


def encode_value(key: str, value: Any, max_bytes: int) -> str | None:
    """*value* as JSON text, or ``None`` (logged) when it has no JSON form or exceeds *max_bytes*."""
    try:
        text = json.dumps(to_json(value), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (UnshowableValue, TypeError, ValueError) as exc:
        log.warning("state key %r is not shared with other workers: %s", key, exc)
        return None
    if len(text.encode()) > max_bytes:
        log.warning(
            "state key %r is not shared with other workers: its value is %d bytes as JSON, over the %d-byte cap "
            "(redis_max_message_bytes)", key, len(text.encode()), max_bytes,
        )
        return None
    return text


def encode_delta(delta: dict, max_bytes: int) -> list[dict[str, str]]:
    """*delta* as chunks of ``{key: json text}``, each under *max_bytes* (keys with no JSON form left out)."""
    chunks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    size = 0
    for key, value in delta.items():
        text = encode_value(key, value, max_bytes - len(key) - 64)
        if text is None:
            continue
        cost = len(key) + len(text.encode()) + 8
        if current and size + cost > max_bytes:
            chunks.append(current)
            current, size = {}, 0
        current[key] = text
        size += cost
    if current:
        chunks.append(current)
    return chunks


def body(fields: dict[str, str]) -> str:
    """The JSON object of a change message, from values already encoded."""
    return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{v}" for k, v in fields.items()) + "}"


def decode_message(data: Any, max_bytes: int) -> tuple[int, str, dict]:
    """``(seq, origin, delta)`` of a change message; :class:`MessageError` when it is malformed or too big."""
    if isinstance(data, str):
        data = data.encode()
    if not isinstance(data, bytes):
        raise MessageError(f"not text but {type(data).__name__}")
    if len(data) > max_bytes + 256:
        raise MessageError(f"{len(data)} bytes, over the {max_bytes}-byte cap")
    try:
        seq_text, origin, payload = data.decode().split("\n", 2)
        seq = int(seq_text)
        delta = json.loads(payload)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MessageError(f"not a change message: {exc}") from None
    if seq < 1 or not isinstance(delta, dict):
        raise MessageError("not a change message: bad sequence number or payload")
    return seq, origin, delta


def decode_snapshot(fields: dict, key: str) -> dict:
    """A scope's stored values ``{key: value}``; fields that do not decode are logged and skipped."""
    values = {}
    for name, text in fields.items():
        try:
            values[name.decode() if isinstance(name, bytes) else name] = json.loads(text)
        except (UnicodeDecodeError, ValueError) as exc:
            log.warning("skipped stored value %r of scope %r: not JSON (%s)", name, key, exc)
    return values

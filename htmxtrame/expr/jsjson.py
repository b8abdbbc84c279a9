"""JSON.stringify / JSON.parse with JavaScript's exact output rules."""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import ExpressionError
from .jsdate import JSDate
from .jsvalues import (
    MAX_LEN,
    UNDEFINED,
    JSFunction,
    check_size,
    dict_get,
    num,
    number_to_string,
    own_keys,
    plain,
    to_integer,
    to_js_string,
    typeof,
)

__all__ = ["stringify", "parse", "quote"]

_MAX_JSON_DEPTH = 200
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(s: str) -> str:
    """JSON string literal as JS writes it: non-ASCII stays literal, control
    characters and lone surrogates are \\u-escaped."""
    out = ['"']
    for c in s:
        e = _ESCAPES.get(c)
        if e is not None:
            out.append(e)
        elif c < " " or "\ud800" <= c <= "\udfff":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _gap(indent: Any) -> str:
    if isinstance(indent, bool) or indent is None or indent is UNDEFINED:
        return ""
    if isinstance(indent, (int, float)):
        n = to_integer(indent)
        return " " * int(min(10, n)) if n >= 1 else ""
    if isinstance(indent, str):
        return indent[:10]
    return ""


def stringify(value: Any, replacer: Any = None, indent: Any = None) -> Any:
    """JSON.stringify(value, null, indent); returns UNDEFINED for undefined/functions."""
    if replacer is not None and replacer is not UNDEFINED:
        raise ExpressionError("JSON.stringify replacer arguments are not supported; pass null")
    gap = _gap(indent)
    out: list[str] = []
    budget = [MAX_LEN]
    if not _write(value, gap, "", out, set(), budget):
        return UNDEFINED
    return "".join(out)


def _skipped(value: Any) -> bool:
    return value is UNDEFINED or typeof(value) == "function"


def _emit(out: list[str], text: str, budget: list[int]) -> None:
    budget[0] -= len(text)
    if budget[0] < 0:
        check_size(MAX_LEN + 1, "JSON string")
    out.append(text)


def _write(value: Any, gap: str, indent: str, out: list[str], stack: set, budget: list[int]) -> bool:
    """Append the JSON of ``value``; return False when it has no JSON form."""
    if _skipped(value):
        return False
    value = plain(value)  # NumPy, Decimal, datetime, Enum, ... as JSON would carry them
    if value is None:
        _emit(out, "null", budget)
    elif value is True or value is False:
        _emit(out, "true" if value else "false", budget)
    elif isinstance(value, (int, float)):
        ok = not isinstance(value, float) or math.isfinite(value)
        _emit(out, number_to_string(value) if ok else "null", budget)
    elif isinstance(value, str):  # a Date is its ISO text (toJSON), an Invalid Date null
        _emit(out, "null" if isinstance(value, JSDate) and not value.valid else quote(value), budget)
    else:  # arrays, objects; built-in namespaces and opaque host objects print as {}
        if id(value) in stack:
            raise ExpressionError("Converting circular structure to JSON")
        if len(stack) >= _MAX_JSON_DEPTH:
            raise ExpressionError(f"JSON.stringify: value nested deeper than {_MAX_JSON_DEPTH} levels")
        stack.add(id(value))
        try:
            if isinstance(value, (list, tuple)):
                _write_items(value, gap, indent, out, stack, budget)
            else:
                _write_object(value, gap, indent, out, stack, budget)
        finally:
            stack.discard(id(value))
    return True


def _write_items(value: Any, gap: str, indent: str, out: list[str], stack: set, budget: list[int]) -> None:
    if not value:
        _emit(out, "[]", budget)
        return
    inner = indent + gap
    sep = ",\n" + inner if gap else ","
    _emit(out, "[\n" + inner if gap else "[", budget)
    for i, item in enumerate(value):
        if i:
            _emit(out, sep, budget)
        if not _write(item, gap, inner, out, stack, budget):
            _emit(out, "null", budget)
    _emit(out, "\n" + indent + "]" if gap else "]", budget)


def _write_object(value: Any, gap: str, indent: str, out: list[str], stack: set, budget: list[int]) -> None:
    if isinstance(value, dict):
        pairs = [(k, dict_get(value, k)) for k in own_keys(value)]
    else:
        pairs = []
    inner = indent + gap
    first = True
    _emit(out, "{", budget)
    for k, v in pairs:
        if _skipped(v):
            continue
        _emit(out, ("," if not first else "") + ("\n" + inner if gap else ""), budget)
        _emit(out, quote(k) + (": " if gap else ":"), budget)
        _write(v, gap, inner, out, stack, budget)
        first = False
    if not first and gap:
        _emit(out, "\n" + indent, budget)
    _emit(out, "}", budget)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"Unexpected token {name[0]}")


def parse(text: Any, reviver: Any = None) -> Any:
    """JSON.parse: numbers come back as int when integral, like every other number."""
    if reviver is not None and reviver is not UNDEFINED:
        raise ExpressionError("JSON.parse reviver arguments are not supported")
    s = to_js_string(text)
    if isinstance(text, JSFunction):
        s = "function"
    try:
        return json.loads(
            s,
            parse_int=lambda t: num(int(t)) if len(t) < 400 else num(float(t)),
            parse_float=lambda t: num(float(t)),
            parse_constant=_reject_constant,
        )
    except (ValueError, RecursionError) as e:
        raise ExpressionError(f"JSON.parse: invalid JSON ({e})") from None

"""The allow-listed global names: Math, JSON, Number, String, Boolean, Object,
Array, Date, parseInt, parseFloat, isNaN, isFinite, Infinity, NaN, undefined."""

from __future__ import annotations

import math
import random
import re
import sys
from collections.abc import Callable
from typing import Any

from . import dates, jsjson
from .context import Run, call_function
from .errors import ExpressionError
from .jsvalues import (
    JS_WHITESPACE,
    MAX_SAFE,
    UNDEFINED,
    Namespace,
    arg,
    check_size,
    dict_get,
    num,
    own_keys,
    to_int32,
    to_integer,
    to_js_string,
    to_number,
    truthy,
)
from .operators import js_pow
from .properties import NativeFunction

__all__ = ["GLOBALS", "CONSTRUCTORS", "js_parse_int", "js_parse_float"]

_INF = math.inf


def _float_fn(fn: Callable[..., float], arity: int = 1) -> Callable[..., Any]:
    """Lift a math function to JS numbers: domain errors give NaN, overflow gives Infinity."""
    def f(*args: Any) -> Any:
        xs = [float(to_number(arg(list(args), i))) for i in range(arity)]
        try:
            return num(fn(*xs))
        except ValueError:
            return math.nan
        except OverflowError:
            return _INF
    return f


def _integral(fn: Callable[[float], int]) -> Callable[..., Any]:
    def f(x: Any = UNDEFINED, *_: Any) -> Any:
        x = to_number(x)
        if type(x) is int:
            return x
        if x != x or x in (_INF, -_INF):
            return x
        r = fn(x)
        # Results that round to zero from the negative side are -0 in JS.
        return -0.0 if r == 0 and math.copysign(1.0, x) < 0 else num(r)
    return f


def _round(x: float) -> int:
    r = math.floor(x)
    return r + 1 if x - r >= 0.5 else r


def _log(fn: Callable[[float], float]) -> Callable[[float], float]:
    def f(x: float) -> float:
        if x == 0:
            return -_INF
        if x == _INF:
            return _INF
        return fn(x)
    return f


def _cbrt(x: float) -> float:
    if x != x or x in (_INF, -_INF) or x == 0:
        return x
    r = abs(x) ** (1 / 3)
    near = round(r)
    if near ** 3 == abs(x):
        r = float(near)
    return math.copysign(r, x)


def _sign(x: Any = UNDEFINED, *_: Any) -> Any:
    x = to_number(x)
    if x != x or x == 0:
        return x
    return 1 if x > 0 else -1


def _extreme(pick: Callable, empty: float) -> Callable[..., Any]:
    def f(*args: Any) -> Any:
        xs = [to_number(a) for a in args]
        if any(x != x for x in xs):
            return math.nan
        return pick(xs) if xs else empty
    return f


def _hypot(*args: Any) -> Any:
    xs = [float(to_number(a)) for a in args]
    if any(x in (_INF, -_INF) for x in xs):
        return _INF
    return num(math.hypot(*xs))


MATH = Namespace("Math", {
    "PI": math.pi, "E": math.e, "LN2": math.log(2), "LN10": math.log(10),
    "LOG2E": 1 / math.log(2), "LOG10E": 1 / math.log(10), "SQRT2": math.sqrt(2), "SQRT1_2": math.sqrt(0.5),
    "abs": NativeFunction("abs", lambda x=UNDEFINED, *_: num(abs(to_number(x)))),
    "floor": NativeFunction("floor", _integral(math.floor)),
    "ceil": NativeFunction("ceil", _integral(math.ceil)),
    "trunc": NativeFunction("trunc", _integral(math.trunc)),
    "round": NativeFunction("round", _integral(_round)),
    "sign": NativeFunction("sign", _sign),
    "min": NativeFunction("min", _extreme(min, _INF)),
    "max": NativeFunction("max", _extreme(max, -_INF)),
    "pow": NativeFunction("pow", lambda a=UNDEFINED, b=UNDEFINED, *_: js_pow(a, b)),
    "sqrt": NativeFunction("sqrt", _float_fn(math.sqrt)),
    "cbrt": NativeFunction("cbrt", _float_fn(_cbrt)),
    "log": NativeFunction("log", _float_fn(_log(math.log))),
    "log10": NativeFunction("log10", _float_fn(_log(math.log10))),
    "log2": NativeFunction("log2", _float_fn(_log(math.log2))),
    "exp": NativeFunction("exp", _float_fn(math.exp)),
    "sin": NativeFunction("sin", _float_fn(math.sin)),
    "cos": NativeFunction("cos", _float_fn(math.cos)),
    "tan": NativeFunction("tan", _float_fn(math.tan)),
    "asin": NativeFunction("asin", _float_fn(math.asin)),
    "acos": NativeFunction("acos", _float_fn(math.acos)),
    "atan": NativeFunction("atan", _float_fn(math.atan)),
    "atan2": NativeFunction("atan2", _float_fn(math.atan2, 2)),
    "hypot": NativeFunction("hypot", _hypot),
    "random": NativeFunction("random", lambda *_: random.random()),
})


# --- parsing numbers -----------------------------------------------------------

_FLOAT_PREFIX = re.compile(r"[+-]?(?:Infinity|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def js_parse_float(value: Any = UNDEFINED, *_: Any) -> Any:
    """parseFloat: the longest numeric prefix, else NaN."""
    m = _FLOAT_PREFIX.match(to_js_string(value).lstrip(JS_WHITESPACE))
    if not m:
        return math.nan
    text = m.group(0)
    if text.lstrip("+-") == "Infinity":
        return -_INF if text.startswith("-") else _INF
    return num(float(text))


def js_parse_int(value: Any = UNDEFINED, radix: Any = UNDEFINED, *_: Any) -> Any:
    """parseInt with JS's radix rules (0x prefix, 2..36, longest valid prefix)."""
    s = to_js_string(value).lstrip(JS_WHITESPACE)
    sign = -1 if s.startswith("-") else 1
    if s[:1] in "+-":
        s = s[1:]
    r = to_int32(radix)
    if r == 0:
        r = 16 if s[:2] in ("0x", "0X") else 10
    if r < 2 or r > 36:
        return math.nan
    if r == 16 and s[:2] in ("0x", "0X"):
        s = s[2:]
    valid = _DIGITS[:r]
    end = 0
    while end < len(s) and s[end].lower() in valid and s[end].isascii():
        end += 1
    if end == 0:
        return math.nan
    digits = s[:end]
    if len(digits) > 300:
        # Beyond double range anyway; avoids Python's int-from-str digit limit.
        n = float(digits) if r == 10 else _scaled(int(digits[:300], r), r, len(digits) - 300)
        return num(n * sign)
    n = int(digits, r) * sign
    return -0.0 if n == 0 and sign < 0 else num(n)


def _scaled(lead: int, radix: int, extra_digits: int) -> float:
    try:
        return float(lead) * float(radix) ** extra_digits
    except OverflowError:
        return _INF


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_integer(x: Any = UNDEFINED, *_: Any) -> bool:
    return _is_number(x) and math.isfinite(x) and float(x).is_integer()


NUMBER = NativeFunction("Number", lambda *a: to_number(a[0]) if a else 0, {
    "isInteger": NativeFunction("isInteger", _is_integer),
    "isSafeInteger": NativeFunction("isSafeInteger", lambda x=UNDEFINED, *_: _is_integer(x) and abs(x) < MAX_SAFE),
    "isFinite": NativeFunction("isFinite", lambda x=UNDEFINED, *_: _is_number(x) and math.isfinite(x)),
    "isNaN": NativeFunction("isNaN", lambda x=UNDEFINED, *_: _is_number(x) and x != x),
    "parseFloat": NativeFunction("parseFloat", js_parse_float),
    "parseInt": NativeFunction("parseInt", js_parse_int),
    "MAX_SAFE_INTEGER": MAX_SAFE - 1, "MIN_SAFE_INTEGER": -(MAX_SAFE - 1),
    "EPSILON": 2.0 ** -52, "MAX_VALUE": sys.float_info.max, "MIN_VALUE": 5e-324,
    "POSITIVE_INFINITY": _INF, "NEGATIVE_INFINITY": -_INF, "NaN": math.nan,
})


def _from_char_code(*codes: Any) -> str:
    check_size(len(codes), "string")
    return "".join(chr(to_int32(c) & 0xFFFF) for c in codes)


STRING = NativeFunction("String", lambda *a: to_js_string(a[0]) if a else "", {
    "fromCharCode": NativeFunction("fromCharCode", _from_char_code),
})
BOOLEAN = NativeFunction("Boolean", lambda *a: truthy(a[0]) if a else False)


# --- Object and Array ------------------------------------------------------------

def _entries_of(obj: Any, what: str) -> list[tuple[str, Any]]:
    if obj is None or obj is UNDEFINED:
        raise ExpressionError(f"Cannot convert {to_js_string(obj)} to object (in Object.{what})")
    if isinstance(obj, dict):
        return [(k, dict_get(obj, k)) for k in own_keys(obj)]
    if isinstance(obj, (list, tuple, str)):
        return [(str(i), v) for i, v in enumerate(obj)]
    return []


def _assign(target: Any = UNDEFINED, *sources: Any) -> dict:
    # Mutating a state object in place would bypass change tracking, so only
    # the copy idiom Object.assign({}, a, b) is allowed.
    if not isinstance(target, dict) or target:
        raise ExpressionError("Object.assign only supports a new empty target: Object.assign({}, a, b) "
                              "(or use spread: {...a, ...b})")
    for src in sources:
        if src is not None and src is not UNDEFINED:
            target.update(_entries_of(src, "assign"))
    return target


def _from_entries(entries: Any = UNDEFINED, *_: Any) -> dict:
    if not isinstance(entries, (list, tuple)):
        raise ExpressionError("Object.fromEntries expects an array of [key, value] pairs")
    out: dict = {}
    for pair in entries:
        if not isinstance(pair, (list, tuple)):
            raise ExpressionError("Object.fromEntries: each entry must be a [key, value] array")
        out[to_js_string(arg(list(pair), 0))] = arg(list(pair), 1)
    return out


OBJECT = Namespace("Object", {
    "keys": NativeFunction("keys", lambda o=UNDEFINED, *_: [k for k, _v in _entries_of(o, "keys")]),
    "values": NativeFunction("values", lambda o=UNDEFINED, *_: [v for _k, v in _entries_of(o, "values")]),
    "entries": NativeFunction("entries", lambda o=UNDEFINED, *_: [[k, v] for k, v in _entries_of(o, "entries")]),
    "assign": NativeFunction("assign", _assign),
    "fromEntries": NativeFunction("fromEntries", _from_entries),
})


def _array_of_length(n: Any) -> list:
    length = to_number(n)
    if length != length or length < 0 or length in (_INF, -_INF) or length != int(length):
        raise ExpressionError("Invalid array length")
    return [UNDEFINED] * check_size(length, "array")


def _array(*args: Any) -> list:
    if len(args) == 1 and isinstance(args[0], (int, float)) and not isinstance(args[0], bool):
        return _array_of_length(args[0])
    return list(args)


def _array_from(run: Run | None, source: Any = UNDEFINED, fn: Any = UNDEFINED, *_: Any) -> list:
    if isinstance(source, (list, tuple, str)):
        items = list(source)
    elif isinstance(source, dict):
        length = dict_get(source, "length")
        n = to_integer(length) if length is not UNDEFINED else 0
        size = len(_array_of_length(max(n, 0)))
        if run is not None:
            run.charge(size // 100)  # before the work: {length: 1e6} is a small argument
        items = [dict_get(source, str(i)) for i in range(size)]
    elif source is None or source is UNDEFINED:
        raise ExpressionError(f"Array.from: {to_js_string(source)} is not iterable")
    else:
        items = []
    if fn is UNDEFINED:
        return items
    return [call_function(run, fn, [v, i], "Array.from map function") for i, v in enumerate(items)]


ARRAY = NativeFunction("Array", _array, {
    "isArray": NativeFunction("isArray", lambda x=UNDEFINED, *_: isinstance(x, (list, tuple))),
    "from": NativeFunction("from", _array_from, needs_run=True),
    "of": NativeFunction("of", lambda *a: list(a)),
})

JSON_NS = Namespace("JSON", {
    "stringify": NativeFunction("stringify", lambda v=UNDEFINED, r=None, i=None, *_: jsjson.stringify(v, r, i)),
    "parse": NativeFunction("parse", lambda t=UNDEFINED, r=None, *_: jsjson.parse(t, r)),
})

DATE = NativeFunction("Date", dates.date_call, {
    "now": NativeFunction("now", lambda *_: dates.date_now()),
    "parse": NativeFunction("parse", lambda t=UNDEFINED, *_: num(dates.date_parse(t))),
    "UTC": NativeFunction("UTC", lambda *a: num(dates.date_utc(*a))),
})

# What ``new X(...)`` may build: a Date, or an array as Array(n) does. The
# browser's other constructors (File, Blob, Map, ...) are refused when compiled.
CONSTRUCTORS: dict[str, Callable[..., Any]] = {"Date": dates.construct_date, "Array": _array}

GLOBALS: dict[str, Any] = {
    "Math": MATH, "JSON": JSON_NS, "Number": NUMBER, "String": STRING, "Boolean": BOOLEAN,
    "Object": OBJECT, "Array": ARRAY, "Date": DATE,
    "parseInt": NativeFunction("parseInt", js_parse_int),
    "parseFloat": NativeFunction("parseFloat", js_parse_float),
    "isNaN": NativeFunction("isNaN", lambda x=UNDEFINED, *_: to_number(x) != to_number(x)),
    "isFinite": NativeFunction("isFinite", lambda x=UNDEFINED, *_: math.isfinite(to_number(x))),
    "Infinity": _INF, "NaN": math.nan, "undefined": UNDEFINED,
}

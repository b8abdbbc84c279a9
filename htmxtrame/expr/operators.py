"""JavaScript unary and binary operators on Python-represented JS values."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .errors import ExpressionError
from .jsdate import JSDate
from .jsvalues import (
    MAX_SAFE,
    UNDEFINED,
    Namespace,
    array_index,
    dict_get,
    js_add,
    loose_equals,
    num,
    strict_equals,
    to_int32,
    to_js_string,
    to_number,
    to_primitive,
    to_property_key,
    to_uint32,
    truthy,
    typeof,
)

__all__ = ["BINARY", "UNARY", "js_div", "js_mod", "js_pow", "js_neg"]

_INF = math.inf


def _both_int(a: Any, b: Any) -> bool:
    return type(a) is int and type(b) is int


def js_sub(a: Any, b: Any) -> Any:
    """JS ``a - b``."""
    if _both_int(a, b):
        r = a - b
        return r if -MAX_SAFE <= r <= MAX_SAFE else float(r)
    return num(to_number(a) - to_number(b))


def js_mul(a: Any, b: Any) -> Any:
    """JS ``a * b`` (``-3 * 0`` is ``-0``)."""
    if _both_int(a, b):
        r = a * b
        if r == 0 and (a < 0 or b < 0):
            return -0.0  # JS: -3 * 0 is -0
        return r if -MAX_SAFE <= r <= MAX_SAFE else num(r)
    x, y = to_number(a), to_number(b)
    try:
        return num(float(x) * float(y))
    except OverflowError:  # pragma: no cover - float * float never raises
        return math.nan


def js_div(a: Any, b: Any) -> Any:
    """JS ``a / b``: division by zero gives Infinity, -Infinity or NaN."""
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or x != x:
            return math.nan
        sign = math.copysign(1.0, float(x)) * math.copysign(1.0, float(y))
        return _INF if sign > 0 else -_INF
    try:
        return num(x / y)
    except OverflowError:
        return num(float(x) / float(y))


def js_mod(a: Any, b: Any) -> Any:
    """JS ``a % b``: the result keeps the dividend's sign."""
    if _both_int(a, b) and b != 0 and a >= 0 and b > 0:
        return a % b
    x, y = float(to_number(a)), float(to_number(b))
    if y == 0 or x != x or y != y or x in (_INF, -_INF):
        return math.nan
    if y in (_INF, -_INF):
        return num(x)
    return num(math.fmod(x, y))  # fmod keeps the dividend's sign, as JS % does


def js_pow(a: Any, b: Any) -> Any:
    """JS ``a ** b`` (``1 ** Infinity`` is NaN)."""
    x, y = float(to_number(a)), float(to_number(b))
    if y != y:
        return math.nan
    if y == 0:
        return 1
    if abs(x) == 1 and y in (_INF, -_INF):
        return math.nan  # Python says 1, JS says NaN
    try:
        return num(math.pow(x, y))
    except OverflowError:
        # Only odd integral powers of a negative base stay negative.
        neg = x < 0 and y.is_integer() and y % 2 == 1
        return -_INF if neg else _INF
    except (ValueError, ZeroDivisionError):
        if x == 0:  # 0 ** negative
            neg = math.copysign(1.0, x) < 0 and y.is_integer() and y % 2 == 1
            return -_INF if neg else _INF
        return math.nan


def js_neg(a: Any) -> Any:
    """JS unary ``-a`` (``-0`` exists)."""
    if type(a) is int:
        return -a if a != 0 else -0.0
    return num(-float(to_number(a)))


def _compare(a: Any, b: Any) -> Any:
    """Abstract relational comparison: True/False, or None when NaN is involved."""
    # the number hint: a Date compares by its time value
    pa = to_number(a) if isinstance(a, JSDate) else to_primitive(a)
    pb = to_number(b) if isinstance(b, JSDate) else to_primitive(b)
    if isinstance(pa, str) and isinstance(pb, str):
        if pa.isascii() and pb.isascii() or max(map(ord, pa + pb), default=0) < 0x10000:
            return pa < pb
        # JS compares UTF-16 code units; only astral characters order differently.
        return pa.encode("utf-16-be", "surrogatepass") < pb.encode("utf-16-be", "surrogatepass")
    x, y = to_number(pa), to_number(pb)
    if x != x or y != y:
        return None
    return x < y


def js_lt(a: Any, b: Any) -> bool:
    """JS ``a < b``: strings lexicographically, the rest numerically."""
    if _both_int(a, b):
        return a < b
    return _compare(a, b) is True


def js_gt(a: Any, b: Any) -> bool:
    """JS ``a > b``."""
    if _both_int(a, b):
        return a > b
    return _compare(b, a) is True


def js_le(a: Any, b: Any) -> bool:
    """JS ``a <= b`` (false when NaN is involved)."""
    if _both_int(a, b):
        return a <= b
    return _compare(b, a) is False


def js_ge(a: Any, b: Any) -> bool:
    """JS ``a >= b`` (false when NaN is involved)."""
    if _both_int(a, b):
        return a >= b
    return _compare(a, b) is False


def js_in(key: Any, obj: Any) -> bool:
    """The ``in`` operator for our object kinds."""
    k = to_property_key(key)
    if isinstance(obj, dict):
        return dict_get(obj, k) is not UNDEFINED or k in obj
    if isinstance(obj, (list, tuple)):
        i = array_index(k)
        return k == "length" or (i is not None and i < len(obj))
    if isinstance(obj, Namespace):
        return k in obj.members
    if obj is None or obj is UNDEFINED or isinstance(obj, (bool, int, float, str)):
        raise ExpressionError(f"Cannot use 'in' operator to search for '{k}' in {to_js_string(obj)}")
    return False


def _shift(op: Callable[[int, int], int]) -> Callable[[Any, Any], int]:
    def f(a: Any, b: Any) -> int:
        return to_int32(op(to_int32(a), to_uint32(b) & 31))
    return f


def _bitwise(op: Callable[[int, int], int]) -> Callable[[Any, Any], int]:
    def f(a: Any, b: Any) -> int:
        return to_int32(op(to_int32(a), to_int32(b)))
    return f


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: (a + b if -MAX_SAFE <= a + b <= MAX_SAFE else float(a + b))
    if _both_int(a, b) else js_add(a, b),
    "-": js_sub, "*": js_mul, "/": js_div, "%": js_mod, "**": js_pow,
    "==": loose_equals, "!=": lambda a, b: not loose_equals(a, b),
    "===": strict_equals, "!==": lambda a, b: not strict_equals(a, b),
    "<": js_lt, ">": js_gt, "<=": js_le, ">=": js_ge, "in": js_in,
    "&": _bitwise(lambda x, y: x & y), "|": _bitwise(lambda x, y: x | y), "^": _bitwise(lambda x, y: x ^ y),
    "<<": _shift(lambda x, y: x << y), ">>": _shift(lambda x, y: x >> y),
    ">>>": lambda a, b: to_uint32(a) >> (to_uint32(b) & 31),
}

UNARY: dict[str, Callable[[Any], Any]] = {
    "!": lambda a: not truthy(a),
    "-": js_neg,
    "+": to_number,
    "~": lambda a: ~to_int32(a),
    "typeof": typeof,
    "void": lambda a: UNDEFINED,
}

"""JavaScript values represented as plain Python, and the JS coercion rules.

Mapping: ``None`` is null, :data:`UNDEFINED` is undefined, bool/int/float are
booleans and numbers, str is a string, list (and, read-only, tuple) is an
array, dict is an object, :class:`JSFunction` / allow-listed host callables are
functions.  Everything else coming from the host is an opaque object.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from ..values import OPAQUE, PLAIN_TYPES, js_value
from .errors import ExpressionError
from .jsdate import JSDate

__all__ = [
    "UNDEFINED", "JSFunction", "Namespace", "MAX_SAFE", "MAX_LEN", "host", "plain",
    "truthy", "typeof", "to_number", "to_js_string", "to_primitive",
    "to_property_key", "num", "strict_equals", "loose_equals", "js_add",
    "number_to_string", "is_array", "own_keys", "check_size", "arg", "relative_index", "clamp_index",
]

MAX_SAFE = 2 ** 53
# Largest string or array an expression may build; guards "x".repeat(1e9).
MAX_LEN = 1_000_000


class _Undefined:
    """Type of the singleton :data:`UNDEFINED` (JS ``undefined``)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self):
        return (_Undefined, ())


UNDEFINED = _Undefined()


class JSFunction:
    """Base of every function value the evaluator creates (arrows, built-ins,
    bound methods).  ``call(run, args)`` is the internal entry point (``run``
    is the current evaluation's step budget, or None when the host calls);
    ``__call__`` lets host code call them like Python functions."""

    name = "anonymous"

    def call(self, run: Any, args: list) -> Any:  # pragma: no cover - abstract
        """Call with JS values; *run* is the calling evaluation's budget or None."""
        raise NotImplementedError

    def __call__(self, *args: Any) -> Any:
        """Call from host code, with a fresh step budget."""
        return self.call(None, list(args))

    def __repr__(self) -> str:
        return f"function {self.name}() {{ [native code] }}"


class Namespace:
    """A read-only built-in object such as ``Math`` or ``JSON``."""

    __slots__ = ("name", "members")

    def __init__(self, name: str, members: dict):
        self.name = name
        self.members = members

    def __repr__(self) -> str:
        return f"[object {self.name}]"


def host(value: Any) -> Any:
    """A value from the host (state, a host function) in JS terms.

    NumPy/pandas scalars and arrays, ``Decimal``, ``datetime``, ``Enum``,
    ``Path``, sets... become the plain value JSON would carry
    (:mod:`htmxtrame.values`); plain values, the engine's own values and
    objects with no JSON form come back unchanged (the latter stay opaque
    objects: ``typeof`` "object", printed ``[object Object]``).
    """
    if type(value) in PLAIN_TYPES or value is UNDEFINED or isinstance(value, (JSFunction, Namespace, JSDate)):
        return value
    converted = js_value(value)
    return value if converted is OPAQUE else converted


def plain(value: Any) -> Any:
    """:func:`host` with a fast path: what every read from state goes through."""
    return value if type(value) in PLAIN_TYPES else host(value)


def is_array(value: Any) -> bool:
    """JS Array.isArray: lists, and tuples (read-only arrays)."""
    return isinstance(value, (list, tuple))


def check_size(n: float, what: str = "result") -> int:
    """Refuse to build strings/arrays larger than MAX_LEN."""
    if n != n or n > MAX_LEN:
        raise ExpressionError(f"{what} too large (limit is {MAX_LEN:,} elements); use smaller values")
    return int(n)


def num(x: Any) -> Any:
    """Normalise a numeric result: integral floats become int (so they print
    and compare like JS integers), ints beyond 2**53 lose precision as in JS."""
    t = type(x)
    if t is float:
        if x.is_integer() and -MAX_SAFE <= x <= MAX_SAFE and (x != 0 or math.copysign(1.0, x) > 0):
            return int(x)
        return x
    if t is int and not -MAX_SAFE <= x <= MAX_SAFE:
        try:
            return float(x)
        except OverflowError:
            return math.inf if x > 0 else -math.inf
    return x


def truthy(value: Any) -> bool:
    """JavaScript truthiness: 0, -0, NaN, "", null, undefined, false are falsy."""
    if value is None or value is UNDEFINED or value is False:
        return False
    if value is True:
        return True
    t = type(value)
    if t is int or t is float:
        return value == value and value != 0
    if t is str:
        return value != ""
    if t in PLAIN_TYPES:
        return True
    converted = host(value)
    return True if converted is value else truthy(converted)


def typeof(value: Any) -> str:
    """The result of JavaScript's ``typeof`` operator."""
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, JSDate):
        return "object"
    if isinstance(value, str):
        return "string"
    converted = host(value)
    if converted is not value:
        return typeof(converted)
    if isinstance(value, JSFunction) or (callable(value) and not isinstance(value, (list, dict, tuple, Namespace))):
        return "function"
    return "object"


# --- numbers -------------------------------------------------------------

# Written without ambiguous repeats (\d+\.?\d* would backtrack quadratically on long digit runs).
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_RADIX_PREFIX = {"0x": 16, "0X": 16, "0o": 8, "0O": 8, "0b": 2, "0B": 2}
# JS StrWhiteSpaceChar: whitespace plus line terminators plus BOM.
JS_WHITESPACE = (
    " \t\n\r\v\f\u00a0\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def string_to_number(s: str) -> Any:
    """JS StringToNumber (Number("...")); Python's float() accepts too much ("inf", "1_0")."""
    s = s.strip(JS_WHITESPACE)
    if s == "":
        return 0
    if _DECIMAL_RE.match(s):
        return num(float(s))
    if s[:2] in _RADIX_PREFIX and len(s) > 2:
        try:
            return num(int(s[2:], _RADIX_PREFIX[s[:2]])) if s[2:].isalnum() and "_" not in s else math.nan
        except ValueError:
            return math.nan
    if s in ("Infinity", "+Infinity"):
        return math.inf
    if s == "-Infinity":
        return -math.inf
    return math.nan


def to_number(value: Any) -> Any:
    """JS ToNumber: returns an int or float."""
    t = type(value)
    if t is int or t is float:
        return value
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    if value is UNDEFINED:
        return math.nan
    if t is str:
        return string_to_number(value)
    if isinstance(value, int):  # int subclasses (IntEnum, ...)
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, JSDate):
        return value.ms if value.valid else math.nan
    converted = host(value)
    if converted is not value:
        return to_number(converted)
    prim = to_primitive(value)
    if isinstance(prim, str):
        return string_to_number(prim)
    return math.nan


def to_int32(value: Any) -> int:
    """JS ToInt32, for the bitwise operators."""
    n = to_number(value)
    if n != n or n in (math.inf, -math.inf):
        return 0
    n = int(n) & 0xFFFFFFFF
    return n - 0x100000000 if n >= 0x80000000 else n


def to_uint32(value: Any) -> int:
    """JS ToUint32, for ``>>>``."""
    return to_int32(value) & 0xFFFFFFFF


def to_integer(value: Any) -> float | int:
    """JS ToIntegerOrInfinity (used for indices and counts)."""
    n = to_number(value)
    if n != n:
        return 0
    if n in (math.inf, -math.inf):
        return n
    return int(n)


def number_to_string(x: float | int, radix: int = 10) -> str:
    """Number::toString exactly as JavaScript prints numbers."""
    if isinstance(x, bool):
        x = int(x)
    elif type(x) is not int and type(x) is not float:  # NumPy scalars, IntEnum: print the number
        x = float(x) if isinstance(x, float) else int(x)
    if isinstance(x, int):
        if -MAX_SAFE <= x <= MAX_SAFE and radix == 10:
            return str(x)
        x = float(x)
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if x == 0:
        return "0"
    if radix != 10:
        return _radix_string(x, radix)
    if x < 0:
        return "-" + number_to_string(-x)
    # repr() gives the shortest round-tripping digits, as JS does; only the
    # layout (where the point goes, exponent style) differs.
    sign, digits, exp = Decimal(repr(x)).as_tuple()
    assert isinstance(exp, int)  # a finite number (NaN and infinities were handled above)
    ds = "".join(map(str, digits)).rstrip("0")
    exp += len(digits) - len(ds)
    k = len(ds)
    n = exp + k
    if k <= n <= 21:
        return ds + "0" * (n - k)
    if 0 < n <= 21:
        return ds[:n] + "." + ds[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + ds
    e = n - 1
    es = ("+" if e >= 0 else "-") + str(abs(e))
    return (ds if k == 1 else ds[0] + "." + ds[1:]) + "e" + es


def _radix_string(value: float, radix: int) -> str:
    """Number.prototype.toString(radix) for non-decimal radices: a port of
    V8's DoubleToRadixCString (shortest digits that round-trip)."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    negative = value < 0
    value = -value if negative else value
    integer: float = math.floor(value)
    fraction = value - integer
    delta = max(0.5 * (math.nextafter(value, math.inf) - value), 5e-324)
    frac_digits: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            frac_digits.append(digit)
            fraction -= digit
            if fraction > 0.5 or (fraction == 0.5 and digit & 1):
                if fraction + delta > 1:
                    # Round up, propagating the carry through written digits.
                    while True:
                        if not frac_digits:
                            integer += 1
                            break
                        last = frac_digits.pop()
                        if last + 1 < radix:
                            frac_digits.append(last + 1)
                            break
                    break
            if fraction < delta:
                break
    int_digits: list[str] = []
    integer = float(integer)
    while integer / radix >= 2.0 ** 53:  # digits beyond double precision print as 0
        integer /= radix
        int_digits.append("0")
    while True:
        remainder = math.fmod(integer, radix)
        int_digits.append(chars[int(remainder)])
        integer = (integer - remainder) / radix
        if integer <= 0:
            break
    text = "".join(reversed(int_digits))
    if frac_digits:
        text += "." + "".join(chars[d] for d in frac_digits)
    return ("-" if negative else "") + text


# --- strings and primitives -------------------------------------------------

def to_primitive(value: Any) -> Any:
    """JS ToPrimitive for our object kinds: arrays join with ",", plain objects
    print as "[object Object]", functions print their source."""
    t = type(value)
    if value is None or value is UNDEFINED or t is bool or t is int or t is float or t is str:
        return value
    if isinstance(value, JSDate):
        return value.to_string()  # the default hint: a Date's text (js_add concatenates it)
    converted = host(value)
    if converted is not value:
        return to_primitive(converted)
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return array_join(value, ",")
    if isinstance(value, Namespace):
        return f"[object {value.name}]"
    if isinstance(value, JSFunction):
        return repr(value)
    return "[object Object]"


def array_join(items: Any, sep: str, _seen: set | None = None) -> str:
    """Array.prototype.join: null/undefined elements become "", cycles become ""."""
    seen = _seen if _seen is not None else set()
    if id(items) in seen:
        return ""
    if len(seen) > 200:  # deeply nested data would otherwise hit Python's recursion limit
        raise ExpressionError("Array nested too deeply to convert to a string")
    seen.add(id(items))
    try:
        parts = []
        for v in items:
            if type(v) not in PLAIN_TYPES:
                v = host(v)  # pandas NA joins as "" like null, a NumPy array like an array
            if v is None or v is UNDEFINED:
                parts.append("")
            elif isinstance(v, (list, tuple)):
                parts.append(array_join(v, ",", seen))
            else:
                parts.append(to_js_string(v))
        total = sum(map(len, parts)) + len(sep) * max(len(parts) - 1, 0)
        check_size(total, "joined string")
        return sep.join(parts)
    finally:
        seen.discard(id(items))


def to_js_string(value: Any) -> str:
    """JavaScript ``String(value)``."""
    t = type(value)
    if t is str:
        return value
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if t is int or t is float:
        return number_to_string(value)
    converted = host(value)
    if converted is not value:
        return to_js_string(converted)
    if isinstance(value, (int, float)):
        return number_to_string(value)
    if isinstance(value, JSDate):
        return value.to_string()
    if isinstance(value, str):
        return str(value)
    return to_js_string(to_primitive(value))


def to_property_key(value: Any) -> str:
    """JS ToPropertyKey: the string a value names a property by."""
    if type(value) is str:
        return value
    return to_js_string(value)


_INDEX_RE = re.compile(r"(?:0|[1-9]\d*)\Z")


def array_index(key: str) -> int | None:
    """The array index a property key denotes ("3" -> 3), or None."""
    if _INDEX_RE.match(key) and len(key) < 11:
        i = int(key)
        if i < 2 ** 32 - 1:
            return i
    return None


def own_keys(obj: dict) -> list[str]:
    """Object.keys order: integer-like keys ascending, then the rest in insertion order."""
    keys = [k if type(k) is str else to_property_key(k) for k in obj]
    ints = [k for k in keys if array_index(k) is not None]
    if not ints:
        return keys
    rest = [k for k in keys if array_index(k) is None]
    return sorted(ints, key=int) + rest


def dict_get(obj: dict, key: str) -> Any:
    """Read an own property of a dict by JS key (host dicts may use int keys)."""
    if key in obj:
        return obj[key]
    i = array_index(key)
    if i is not None and i in obj:
        return obj[i]
    return UNDEFINED


# --- equality and + --------------------------------------------------------

def _kind(v: Any) -> str:
    # Callers pass values through plain() first, so NumPy scalars are numbers here.
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, JSDate):
        return "object"
    if isinstance(v, str):
        return "string"
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    return "object"


def strict_equals(a: Any, b: Any) -> bool:
    """JavaScript ``===`` (true !== 1 although Python's True == 1)."""
    a, b = plain(a), plain(b)
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return False
    if ka == "object":
        return a is b
    return a == b


def loose_equals(a: Any, b: Any) -> bool:
    """JavaScript ``==`` with its coercions."""
    a, b = plain(a), plain(b)
    ka, kb = _kind(a), _kind(b)
    if ka == kb:
        return a is b if ka == "object" else a == b
    nullish = ("null", "undefined")
    if ka in nullish or kb in nullish:
        return ka in nullish and kb in nullish
    if ka == "boolean":
        return loose_equals(to_number(a), b)
    if kb == "boolean":
        return loose_equals(a, to_number(b))
    if ka == "object":
        return loose_equals(to_primitive(a), b)
    if kb == "object":
        return loose_equals(a, to_primitive(b))
    # number vs string
    return to_number(a) == to_number(b)


def js_add(a: Any, b: Any) -> Any:
    """JavaScript binary ``+``: string concatenation wins over addition."""
    pa, pb = to_primitive(a), to_primitive(b)
    if isinstance(pa, str) or isinstance(pb, str):
        sa, sb = to_js_string(pa), to_js_string(pb)
        check_size(len(sa) + len(sb), "string")
        return sa + sb
    return num(to_number(pa) + to_number(pb))


# --- argument helpers shared by the built-in method tables -------------------

def arg(args: list, i: int) -> Any:
    """The i-th argument, or undefined when not passed."""
    return args[i] if i < len(args) else UNDEFINED


def relative_index(value: Any, length: int, default: int) -> int:
    """Resolve a slice-style index: negative counts from the end, clamped to [0, length]."""
    if value is UNDEFINED:
        return default
    n = to_integer(value)
    if n < 0:
        return int(max(length + n, 0))
    return int(min(n, length))


def clamp_index(value: Any, length: int, default: int) -> int:
    """Resolve a substring-style index: negatives and NaN become 0, clamped to [0, length]."""
    if value is UNDEFINED:
        return default
    return int(min(max(to_integer(value), 0), length))

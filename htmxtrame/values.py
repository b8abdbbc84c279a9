"""Python values as the page sees them: what a trame app puts in state, as JSON-like data.

trame ships state to the browser serialized (msgpack through wslink), so a
page only ever sees null, booleans, numbers, strings, arrays and objects.
htmxtrame renders on the server, so it maps the values apps commonly keep in
state onto those same JavaScript values here, in one place, and every path
(``{{ }}`` text, bound props, ``v_for``, expressions, the JSON sent to the
page) goes through it:

* NumPy scalars and 0-d arrays → their number / boolean / string (``.item()``);
  NumPy arrays, pandas Series/Index/arrays → (nested) arrays (``.tolist()``);
* ``Decimal`` → number; ``Enum`` → its value; ``Path`` → POSIX path text;
  ``UUID`` → text; ``set``/``frozenset`` → array (sorted when the items sort);
* ``datetime`` → ISO 8601 text (aware values in UTC, as trame's typed state
  sends them), ``date``/``time`` → ISO text, ``timedelta`` → ``str()``;
* pandas ``NA``/``NaT`` and NumPy ``NaT`` → null.

``bytes`` (an uploaded file's content) may sit in state, as trame sends
them as binary; expressions see an opaque object. Anything else (an
arbitrary object) has no JSON form: :func:`unshowable`
finds it and says where, so the caller can report it once by state key.

No NumPy or pandas import: their types are recognised by module and duck
typing, so they cost nothing when not installed. This module imports nothing
from htmxtrame, so state, the expression engine and the transport can all use it.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any
from uuid import UUID

__all__ = ["PLAIN_TYPES", "OPAQUE", "js_value", "to_json", "unshowable", "describe_type", "UnshowableValue", "ShowCheck"]

# Values that already are what JSON carries; everything else gets converted.
PLAIN_TYPES = frozenset({type(None), bool, int, float, str, list, dict, tuple})
_SCALARS = frozenset({type(None), bool, int, float, str})

# js_value's answer for an object with no JSON form.
OPAQUE = type("Opaque", (), {"__repr__": lambda self: "OPAQUE", "__slots__": ()})()

_BYTES = frozenset({bytes, bytearray, memoryview})
# Types every value of which becomes a scalar (numpy.int64, Decimal, date...):
# grows as unshowable() meets them, so rows of NumPy numbers check fast.
_FLAT: set[type] = set(_SCALARS)
_MAX_DEPTH = 200  # deeper values are refused rather than recursed into


class UnshowableValue(TypeError):
    """A state value the page cannot show (no JSON form); names the key and the type."""


def describe_type(value: Any) -> str:
    """``numpy.ndarray``, ``app.User``: a type name a developer recognises."""
    t = type(value)
    module = t.__module__
    return t.__qualname__ if module in ("builtins", "__main__") else f"{module}.{t.__qualname__}"


def _number(x: float) -> int | float:
    # Integral values print and compare as JS integers (same rule as expr's num()).
    if x.is_integer() and abs(x) <= 2 ** 53:
        return int(x)
    return x


def _datetime(value: _dt.datetime) -> str:
    # Aware values go out in UTC, as trame's typed state encodes them; naive
    # ones stay as written (converting them would guess the server's zone).
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(_dt.timezone.utc)
    return value.isoformat()


def _root(t: type) -> str:
    return t.__module__.partition(".")[0]


def js_value(value: Any) -> Any:
    """*value* as a JSON-like value, one level deep.

    Plain values (None, bool, int, float, str, list, dict, tuple) come back
    unchanged (the same object, so in-place edits still reach state); known
    foreign values are converted (arrays become lists whose items are
    converted when read); an object with no JSON form gives :data:`OPAQUE`.
    """
    t = type(value)
    if t in PLAIN_TYPES:
        return value
    return _convert(value, t)


def _convert(value: Any, t: type) -> Any:  # noqa: PLR0911, PLR0912 - one table of cases
    root = _root(t)
    if root == "numpy":
        return _numpy(value, t)
    if root == "pandas":
        return _pandas(value, t)
    if isinstance(value, Enum):
        return js_value(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (list, tuple, dict)):
        return value  # subclasses (OrderedDict, namedtuple) are arrays and objects already
    if isinstance(value, Decimal):
        if value.is_nan():
            return math.nan
        return _number(float(value))
    if isinstance(value, _dt.datetime):
        return _datetime(value)
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    if hasattr(t, "__array__"):  # other array libraries (xarray, torch, cupy, ...)
        return _array(value)
    return OPAQUE


def _numpy(value: Any, t: type) -> Any:
    dtype = getattr(value, "dtype", None)
    kind = getattr(dtype, "kind", "")
    if kind in ("M", "m") and str(getattr(dtype, "str", "")).endswith(("[ns]", "[ps]", "[fs]", "[as]")):
        # datetime64/timedelta64 finer than microseconds come out of
        # .item()/.tolist() as bare ints; at microseconds they are
        # datetime/timedelta objects (dates stay dates, NaT is None).
        value = value.astype("datetime64[us]" if kind == "M" else "timedelta64[us]")
    if hasattr(value, "tolist") and hasattr(value, "ndim"):  # ndarray, 0-d arrays and scalars alike
        try:
            item = value.tolist()
        except Exception:  # noqa: BLE001 - an exotic dtype: no JSON form
            return OPAQUE
        if isinstance(item, (bytes, complex)):
            return OPAQUE
        return item if type(item) in PLAIN_TYPES else js_value(item)
    return OPAQUE


def _pandas(value: Any, t: type) -> Any:
    name = t.__name__
    if name in ("NAType", "NaTType"):
        return None
    if isinstance(value, _dt.datetime):  # Timestamp
        return _datetime(value)
    if isinstance(value, _dt.timedelta):  # Timedelta
        return str(value)
    if name == "DataFrame":
        return OPAQUE  # which shape? let the app say: df.to_dict("records")
    if hasattr(value, "tolist"):  # Series, Index, Categorical, extension arrays
        try:
            return value.tolist()
        except Exception:  # noqa: BLE001
            return OPAQUE
    return OPAQUE


def _array(value: Any) -> Any:
    try:
        out = value.tolist() if hasattr(value, "tolist") else value.__array__().tolist()
    except Exception:  # noqa: BLE001 - not really an array
        return OPAQUE
    return out if type(out) in PLAIN_TYPES else OPAQUE


def _hint(value: Any) -> str:
    if type(value).__name__ == "DataFrame":
        return 'convert it first, e.g. df.to_dict("records") for table rows'
    return "convert it first (a str, number, list or dict), e.g. str(value) or dataclasses.asdict(value)"


def unshowable(value: Any, name: str = "the value") -> str | None:
    """Why *value* cannot be sent to a page, or None when every part of it can.

    The answer names the first offending part (from *name*) and its type:
    ``"rows[3]['owner'] is a app.User; convert it first ..."``. Cheap for
    plain data (one type test per item).
    """
    return _find(value, name, 0)


class ShowCheck:
    """Which state values a page can show, each value checked once.

    ``check(key, value)`` answers from a cache while *key* holds the same
    object; :meth:`forget` drops keys whose value changed or was marked
    dirty (mutated in place). A value with no JSON form is reported once,
    through *report(key, problem)*.
    """

    def __init__(self, report: Any) -> None:
        self._report = report
        self._seen: dict[str, tuple[Any, str | None]] = {}

    def check(self, key: str, value: Any) -> bool:
        """True when the page can show *value*, the value of *key*."""
        if type(value) in _SCALARS:
            return True
        seen = self._seen.get(key)
        if seen is not None and seen[0] is value:
            return seen[1] is None
        problem = unshowable(value, key)
        self._seen[key] = (value, problem)
        if problem is not None:
            self._report(key, problem)
        return problem is None

    def forget(self, keys: Any) -> None:
        """Check these keys again at their next read."""
        for key in keys:
            self._seen.pop(key, None)


def _find(value: Any, path: str, depth: int) -> str | None:
    # The path of a part is formatted only once something is wrong there:
    # plain data costs one type test per item (100,000 rows in tens of ms).
    t = type(value)
    if t in _FLAT:
        return None
    if depth > _MAX_DEPTH:
        return f"{path} is nested deeper than {_MAX_DEPTH} levels"
    if t is list or t is tuple:
        if _FLAT.issuperset(map(type, value)):  # the common case, at C speed
            return None
        for i, item in enumerate(value):
            it = type(item)
            if it in _FLAT or it is dict and _FLAT.issuperset(map(type, item.values())):
                continue  # rows of plain values
            found = _find(item, f"{path}[{i}]", depth + 1)
            if found:
                return found
        return None
    if t is dict:
        if _FLAT.issuperset(map(type, value.values())):
            return None
        for key, item in value.items():
            if type(item) in _FLAT:
                continue
            found = _find(item, f"{path}[{key!r}]", depth + 1)
            if found:
                return found
        return None
    if callable(value) and not hasattr(t, "__array__"):
        return None  # functions are left out of JSON, as JSON.stringify does
    if t in _BYTES:
        return None  # trame sends bytes as binary (uploaded files' content); an opaque object here
    converted = _convert(value, t)
    if converted is OPAQUE:
        return f"{path} is a {describe_type(value)}; {_hint(value)}"
    if type(converted) in _SCALARS:
        if not hasattr(t, "__len__") and not isinstance(value, Enum):
            # Scalar types always convert (an Enum's members may not; a 0-d
            # array's type also makes object arrays).
            _FLAT.add(t)
        return None
    if converted is value:
        if isinstance(value, (list, tuple)):
            return _find(list(value), path, depth)
        if isinstance(value, dict):
            return _find(dict(value), path, depth)
        return None
    return _find(converted, path, depth)


def to_json(value: Any, _depth: int = 0) -> Any:
    """A deep copy of *value* that ``json.dumps`` takes, JSON.stringify-style.

    Foreign values are converted as :func:`js_value` does, NaN and ±Infinity
    become null, tuples and sets lists, dict keys strings; an object with no
    JSON form raises :class:`UnshowableValue`.
    """
    t = type(value)
    if t is float:
        return value if math.isfinite(value) else None
    if t in _SCALARS:
        return value
    if _depth > _MAX_DEPTH:
        raise UnshowableValue(f"value nested deeper than {_MAX_DEPTH} levels")
    if t is not list and t is not tuple and t is not dict:
        if callable(value) and not hasattr(t, "__array__"):
            return None
        if t in _BYTES:
            return list(value)  # the byte values, as a Uint8Array's elements
        converted = js_value(value)
        if converted is OPAQUE:
            raise UnshowableValue(f"a {describe_type(value)} has no JSON form; {_hint(value)}")
        if converted is not value:
            return to_json(converted, _depth)
    if isinstance(value, dict):
        return {_key(k): to_json(v, _depth + 1) for k, v in value.items()}
    return [to_json(v, _depth + 1) for v in value]


def _key(key: Any) -> str:
    if type(key) is str:
        return key
    plain = js_value(key)
    if plain is True or plain is False:
        return "true" if plain else "false"
    if plain is None:
        return "null"
    if type(plain) is float:
        return str(_number(plain)) if math.isfinite(plain) else ("NaN" if plain != plain else
                                                                 ("Infinity" if plain > 0 else "-Infinity"))
    if type(plain) in (int, str):
        return str(plain)
    return str(key)

"""Property reads and writes — the only way an expression reaches into a value.

Reads go through dict keys, list/str indices and the allow-listed method
tables; Python attributes are never touched (no getattr), so an expression
cannot escape into the host's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .arrays import ARRAY_METHODS
from .context import Run
from .dates import DATE_METHODS
from .domevent import EVENT_METHODS, DomEvent
from .errors import ExpressionError
from .jsdate import JSDate
from .jsvalues import (
    UNDEFINED,
    JSFunction,
    Namespace,
    array_index,
    check_size,
    dict_get,
    plain,
    to_integer,
    to_js_string,
    to_number,
)
from .strings import BOOLEAN_METHODS, NUMBER_METHODS, STRING_METHODS

__all__ = ["FORBIDDEN_KEYS", "get_property", "set_property", "NativeFunction", "BoundMethod"]

# Prototype plumbing: reading or writing these is how JS sandboxes get escaped.
FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})


class NativeFunction(JSFunction):
    """A built-in global function (``parseInt``, ``Number``, ``Math.max``...);
    ``members`` holds static properties such as ``Number.isInteger``."""

    __slots__ = ("name", "impl", "members", "needs_run")

    def __init__(self, name: str, impl: Callable[..., Any], members: dict | None = None, needs_run: bool = False):
        self.name = name
        self.impl = impl
        self.members = members or {}
        self.needs_run = needs_run  # impl(run, *args) for built-ins that call back into expressions

    def call(self, run: Run | None, args: list) -> Any:
        """Call the built-in with JS values: a step, plus one per 100 elements
        of big arguments and results, as for methods."""
        if run is not None:
            run.charge(1 + len(args) // 100)  # Math.max(...big)
            run.charge(_size_cost(args))
        result = self.impl(run, *args) if self.needs_run else self.impl(*args)
        if run is not None and isinstance(result, (str, list)) and len(result) > 100:
            run.charge(len(result) // 100)
        return result


def _size_cost(args: list) -> int:
    # Object.entries(big), String(big): work in proportion to the input.
    cost = 0
    for arg in args:
        if isinstance(arg, (str, list, tuple, dict)) and len(arg) > 100:
            cost += len(arg) // 100
    return cost


class BoundMethod(JSFunction):
    """An allow-listed method bound to its receiver, e.g. ``items.map``."""

    __slots__ = ("name", "impl", "this", "run")

    def __init__(self, name: str, impl: Callable[[Run, Any, list], Any], this: Any, run: Run):
        self.name = name
        self.impl = impl
        self.this = this
        self.run = run

    def call(self, run: Run | None, args: list) -> Any:
        """Call the method on its receiver; big receivers cost steps in proportion."""
        if run is None:  # called from host code: a fresh budget
            run = Run(self.run.ctx)
        run.charge()
        this = self.this
        if isinstance(this, (str, list, tuple)) and len(this) > 100:
            # Work on big receivers and big results costs proportionally, so
            # chains of huge string/array operations hit the step limit
            # instead of running for seconds.
            run.charge(len(this) // 100)
        result = self.impl(run, this, args)
        if isinstance(result, (str, list)) and len(result) > 100:
            run.charge(len(result) // 100)
        return result


# Object.prototype methods visible on plain objects (own keys win, as in JS).
OBJECT_METHODS = {
    "toString": lambda run, obj, args: "[object Object]",
    "hasOwnProperty": lambda run, obj, args: _has_own(obj, to_js_string(args[0]) if args else "undefined"),
    "valueOf": lambda run, obj, args: obj,
}


def _has_own(obj: dict, key: str) -> bool:
    return dict_get(obj, key) is not UNDEFINED or key in obj


def _method(table: dict, obj: Any, key: str, run: Run) -> Any:
    impl = table.get(key)
    return BoundMethod(key, impl, obj, run) if impl is not None else UNDEFINED


def get_property(obj: Any, key: str, run: Run) -> Any:
    """``obj[key]`` with JS semantics; missing properties are undefined."""
    if key in FORBIDDEN_KEYS:
        raise ExpressionError(f"Access to '{key}' is not allowed in expressions")
    obj = plain(obj)  # a NumPy array is an array, a NumPy number a number
    if isinstance(obj, dict):
        value = dict_get(obj, key)
        if value is UNDEFINED and key not in obj:
            if type(obj) is DomEvent and key in EVENT_METHODS:  # $event.preventDefault()
                return _method(EVENT_METHODS, obj, key, run)
            if key in OBJECT_METHODS:
                return _method(OBJECT_METHODS, obj, key, run)
        return plain(value)
    if isinstance(obj, (list, tuple)):
        if key == "length":
            return len(obj)
        i = array_index(key)
        if i is not None:
            return plain(obj[i]) if i < len(obj) else UNDEFINED
        return _method(ARRAY_METHODS, obj, key, run)
    if isinstance(obj, JSDate):  # before str: a Date's text is its JSON form
        return _method(DATE_METHODS, obj, key, run)
    if isinstance(obj, str):
        if key == "length":
            return len(obj)
        i = array_index(key)
        if i is not None:
            return obj[i] if i < len(obj) else UNDEFINED
        return _method(STRING_METHODS, obj, key, run)
    if obj is None or obj is UNDEFINED:
        raise ExpressionError(f"Cannot read properties of {to_js_string(obj)} (reading '{key}')")
    if isinstance(obj, bool):
        return _method(BOOLEAN_METHODS, obj, key, run)
    if isinstance(obj, (int, float)):
        return _method(NUMBER_METHODS, obj, key, run)
    if isinstance(obj, Namespace):
        return obj.members.get(key, UNDEFINED)
    if isinstance(obj, NativeFunction):
        return obj.members.get(key, UNDEFINED)
    return UNDEFINED


def set_property(obj: Any, key: Any, value: Any) -> None:
    """``obj[key] = value`` on the actual Python dict/list held in state."""
    if isinstance(obj, list):
        if type(key) is int and 0 <= key < len(obj):
            obj[key] = value
            return
        k = key if type(key) is str else to_js_string(key)
        if k == "length":
            _set_length(obj, value)
            return
        i = array_index(k)
        if i is None:
            raise ExpressionError(f"Cannot set property '{k}' on an array; only indices and length can be assigned")
        if i >= len(obj):
            check_size(i + 1, "array")
            obj.extend([UNDEFINED] * (i - len(obj)))
            obj.append(value)
        else:
            obj[i] = value
        return
    k = key if type(key) is str else to_js_string(key)
    if k in FORBIDDEN_KEYS:
        raise ExpressionError(f"Assigning '{k}' is not allowed in expressions")
    if isinstance(obj, dict):
        if k not in obj:
            i = array_index(k)
            if i is not None and i in obj:  # host dicts may use int keys
                obj[i] = value
                return
        obj[k] = value
        return
    if obj is None or obj is UNDEFINED:
        raise ExpressionError(f"Cannot set properties of {to_js_string(obj)} (setting '{k}')")
    kind = "a read-only array" if isinstance(obj, tuple) else f"a {type(obj).__name__}"
    if isinstance(obj, (str, bool, int, float)):
        what = "string" if isinstance(obj, str) else "boolean" if isinstance(obj, bool) else "number"
        kind = f"the {what} {to_js_string(obj)!r}"
    raise ExpressionError(f"Cannot set property '{k}' on {kind}")


def _set_length(arr: list, value: Any) -> None:
    n = to_number(value)
    if n != n or n < 0 or n == float("inf") or n != int(n):
        raise ExpressionError("Invalid array length")
    n = int(to_integer(n))
    check_size(n, "array")
    if n < len(arr):
        del arr[n:]
    else:
        arr.extend([UNDEFINED] * (n - len(arr)))

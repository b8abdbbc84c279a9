"""Allow-listed array methods (``impl(run, this, args) -> value``).

Mutating methods change the Python list in place, as JS would; the compiler
then calls ``touch(root)`` so the host re-renders.  Tuples are read-only arrays.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from .context import Run, call_function
from .errors import ExpressionError
from .jsvalues import (
    UNDEFINED,
    arg,
    array_join,
    check_size,
    plain,
    relative_index,
    strict_equals,
    to_integer,
    to_js_string,
    to_number,
    truthy,
    typeof,
)
from .strings import at_index

__all__ = ["ARRAY_METHODS", "MUTATING_METHODS"]

MUTATING_METHODS = frozenset({"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill"})


def _callback(run: Run, args: list, method: str):
    fn = arg(args, 0)

    def call(*values: Any) -> Any:
        return call_function(run, fn, list(values), f"{method}() callback {_describe(fn)}")

    return call


def _describe(value: Any) -> str:
    return "[object Object]" if isinstance(value, dict) else to_js_string(value)


def _each(arr: Any):
    """Yield (index, value) over the length at call time, like JS iteration methods."""
    n = len(arr)
    for i in range(n):
        if i >= len(arr):
            return
        yield i, arr[i]


def _map(run: Run, arr: Any, args: list) -> list:
    cb = _callback(run, args, "map")
    return [cb(v, i, arr) for i, v in _each(arr)]


def _filter(run: Run, arr: Any, args: list) -> list:
    cb = _callback(run, args, "filter")
    return [v for i, v in _each(arr) if truthy(cb(v, i, arr))]


def _for_each(run: Run, arr: Any, args: list) -> Any:
    cb = _callback(run, args, "forEach")
    for i, v in _each(arr):
        cb(v, i, arr)
    return UNDEFINED


def _finder(from_end: bool, want_index: bool, method: str):
    def find(run: Run, arr: Any, args: list) -> Any:
        cb = _callback(run, args, method)
        order = range(len(arr) - 1, -1, -1) if from_end else range(len(arr))
        for i in order:
            v = arr[i] if i < len(arr) else UNDEFINED
            if truthy(cb(v, i, arr)):
                return i if want_index else v
        return -1 if want_index else UNDEFINED
    return find


def _some(run: Run, arr: Any, args: list) -> bool:
    cb = _callback(run, args, "some")
    return any(truthy(cb(v, i, arr)) for i, v in _each(arr))


def _every(run: Run, arr: Any, args: list) -> bool:
    cb = _callback(run, args, "every")
    return all(truthy(cb(v, i, arr)) for i, v in _each(arr))


def _reducer(from_end: bool, method: str):
    def reduce(run: Run, arr: Any, args: list) -> Any:
        cb = _callback(run, args, method)
        indices = list(range(len(arr) - 1, -1, -1) if from_end else range(len(arr)))
        if len(args) >= 2:
            acc = args[1]
        elif indices:
            acc = arr[indices.pop(0)]
        else:
            raise ExpressionError(f"{method}() of empty array with no initial value")
        for i in indices:
            if i < len(arr):
                acc = cb(acc, arr[i], i, arr)
        return acc
    return reduce


def _same_value_zero(a: Any, b: Any) -> bool:
    return strict_equals(a, b) or (isinstance(a, float) and isinstance(b, float) and a != a and b != b)


def _index_of(run: Run, arr: Any, args: list) -> int:
    target = arg(args, 0)
    for i in range(relative_index(arg(args, 1), len(arr), 0), len(arr)):
        if strict_equals(arr[i], target):
            return i
    return -1


def _last_index_of(run: Run, arr: Any, args: list) -> int:
    target = arg(args, 0)
    start = len(arr) - 1
    if len(args) > 1:
        n = to_integer(args[1])
        start = int(min(n, len(arr) - 1)) if n >= 0 else int(max(len(arr) + n, -1))
    for i in range(start, -1, -1):
        if strict_equals(arr[i], target):
            return i
    return -1


def _includes(run: Run, arr: Any, args: list) -> bool:
    target = arg(args, 0)
    return any(_same_value_zero(arr[i], target) for i in range(relative_index(arg(args, 1), len(arr), 0), len(arr)))


def _join(run: Run, arr: Any, args: list) -> str:
    sep = arg(args, 0)
    return array_join(arr, "," if sep is UNDEFINED else to_js_string(sep))


def _slice(run: Run, arr: Any, args: list) -> list:
    n = len(arr)
    return list(arr[relative_index(arg(args, 0), n, 0):relative_index(arg(args, 1), n, n)])


def _concat(run: Run, arr: Any, args: list) -> list:
    out = list(arr)
    for a in args:
        a = plain(a)  # a NumPy array or a set spreads like an array
        if isinstance(a, (list, tuple)):
            out.extend(a)
        else:
            out.append(a)
        check_size(len(out), "array")
    return out


def _flatten(items: Any, depth: float, out: list) -> None:
    for v in items:
        v = plain(v)
        if isinstance(v, (list, tuple)) and depth >= 1:
            _flatten(v, depth - 1, out)
        else:
            out.append(v)
        if len(out) > 1_000_000:
            check_size(len(out), "array")


def _flat(run: Run, arr: Any, args: list) -> list:
    d = arg(args, 0)
    depth = 1 if d is UNDEFINED else to_integer(d)
    out: list = []
    _flatten(arr, min(depth, 100), out)
    return out


def _flat_map(run: Run, arr: Any, args: list) -> list:
    out: list = []
    _flatten(_map(run, arr, args), 1, out)
    return out


def _mutable(arr: Any, method: str) -> list:
    if not isinstance(arr, list):
        raise ExpressionError(f"Cannot call {method}() on a read-only array")
    return arr


def _push(run: Run, arr: Any, args: list) -> int:
    arr = _mutable(arr, "push")
    check_size(len(arr) + len(args), "array")
    arr.extend(args)
    return len(arr)


def _unshift(run: Run, arr: Any, args: list) -> int:
    arr = _mutable(arr, "unshift")
    check_size(len(arr) + len(args), "array")
    arr[0:0] = args
    return len(arr)


def _pop(run: Run, arr: Any, args: list) -> Any:
    arr = _mutable(arr, "pop")
    return arr.pop() if arr else UNDEFINED


def _shift(run: Run, arr: Any, args: list) -> Any:
    arr = _mutable(arr, "shift")
    return arr.pop(0) if arr else UNDEFINED


def _splice(run: Run, arr: Any, args: list) -> list:
    arr = _mutable(arr, "splice")
    n = len(arr)
    start = relative_index(arg(args, 0), n, 0)
    if not args:
        count = 0
    elif len(args) == 1:
        count = n - start
    else:
        count = int(min(max(to_integer(args[1]), 0), n - start))
    items = args[2:]
    check_size(n - count + len(items), "array")
    removed = arr[start:start + count]
    arr[start:start + count] = items
    return removed


def _reverse(run: Run, arr: Any, args: list) -> list:
    arr = _mutable(arr, "reverse")
    arr.reverse()
    return arr


def _fill(run: Run, arr: Any, args: list) -> list:
    arr = _mutable(arr, "fill")
    n = len(arr)
    value = arg(args, 0)
    for i in range(relative_index(arg(args, 1), n, 0), relative_index(arg(args, 2), n, n)):
        arr[i] = value
    return arr


def _default_sort_key(v: Any) -> Any:
    return to_js_string(v)


def _sort(run: Run, arr: Any, args: list) -> list:
    cmp = arg(args, 0)
    if cmp is not UNDEFINED and typeof(cmp) != "function":
        raise ExpressionError("The comparison function passed to sort() must be either a function or undefined")
    arr = _mutable(arr, "sort")
    # JS moves undefined to the end without consulting the comparator.
    defined = [v for v in arr if v is not UNDEFINED]
    missing = len(arr) - len(defined)
    if cmp is UNDEFINED:
        defined.sort(key=_default_sort_key)
    else:
        cb = _callback(run, args, "sort")

        def compare(a: Any, b: Any) -> int:
            r = to_number(cb(a, b))
            return 0 if r != r or r == 0 else (1 if r > 0 else -1)

        run.charge(int(len(defined) * max(math.log2(len(defined) or 1), 1)) // 100)
        defined.sort(key=functools.cmp_to_key(compare))
    arr[:] = defined + [UNDEFINED] * missing
    return arr


ARRAY_METHODS = {
    "map": _map, "filter": _filter, "forEach": _for_each,
    "find": _finder(False, False, "find"), "findIndex": _finder(False, True, "findIndex"),
    "findLast": _finder(True, False, "findLast"), "findLastIndex": _finder(True, True, "findLastIndex"),
    "some": _some, "every": _every,
    "reduce": _reducer(False, "reduce"), "reduceRight": _reducer(True, "reduceRight"),
    "indexOf": _index_of, "lastIndexOf": _last_index_of, "includes": _includes,
    "join": _join, "toString": lambda run, arr, args: array_join(arr, ","),
    "slice": _slice, "concat": _concat, "flat": _flat, "flatMap": _flat_map, "at": at_index,
    "push": _push, "pop": _pop, "shift": _shift, "unshift": _unshift, "splice": _splice,
    "reverse": _reverse, "sort": _sort, "fill": _fill,
}

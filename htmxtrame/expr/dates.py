"""``Date`` in expressions: ``new Date(...)``, ``Date.now/parse/UTC`` and the getters.

Dates are :class:`~.jsdate.JSDate` values (immutable: the setters raise and
say how to build a new one). Strings parse in the ISO format JavaScript
defines (``2026-12-03``, ``2026-12-03T10:09``, ``...:56.123Z``,
``+01:00``); the free-form formats browsers also guess at (``Dec 3,
2026``) give an Invalid Date here.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from typing import Any

from .errors import ExpressionError
from .jsdate import MAX_TIME, JSDate, fields, make_time
from .jsvalues import UNDEFINED, arg, to_number, to_primitive

__all__ = ["DATE_METHODS", "construct_date", "date_now", "date_parse", "date_utc", "date_call"]

_ISO = re.compile(
    r"([+-]\d{6}|\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}:\d{2})?\Z"
)


def date_now() -> int:
    """``Date.now()``: milliseconds since 1970 on the server's clock."""
    return int(time.time() * 1000)


def _clip(t: float) -> float:
    if t != t or abs(t) > MAX_TIME:
        return math.nan
    return float(int(t))


def date_parse(text: Any) -> float:
    """``Date.parse(text)``: the time value of an ISO date string, NaN otherwise."""
    if not isinstance(text, str):
        text = str(to_primitive(text))
    m = _ISO.match(text.strip())
    if not m:
        return math.nan
    year_s, mo, d, h, mi, s, frac, zone = m.groups()
    if year_s == "-000000" or (zone is not None and h is None):
        return math.nan
    month, day = int(mo or 1), int(d or 1)
    hours, minutes, secs = int(h or 0), int(mi or 0), int(s or 0)
    milli = int((frac or "0")[:3].ljust(3, "0"))
    if not (1 <= month <= 12 and 1 <= day <= 31 and hours <= 24 and minutes < 60 and secs < 60):
        return math.nan
    if hours == 24 and (minutes or secs or milli):
        return math.nan
    t = make_time(int(year_s), month - 1, day, hours, minutes, secs, milli)  # 2024-02-30 is March 1, as in V8
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        zh, zm = int(zone[1:3]), int(zone[4:6])
        if zh > 23 or zm > 59:
            return math.nan
        t -= sign * (zh * 60 + zm) * 60_000
    return _clip(t)


def date_utc(*args: Any) -> float:
    """``Date.UTC(year, month, ...)``: years 0–99 mean 1900–1999, as in JavaScript."""
    nums = [to_number(a) for a in args] or [math.nan]
    year = nums[0]
    if year == year and 0 <= int(year) <= 99 and not math.isinf(year):
        year = 1900 + int(year)
    defaults = [0, 1, 0, 0, 0, 0]
    rest = nums[1:7] + defaults[len(nums) - 1:]
    return _clip(make_time(year, *rest))


def construct_date(*args: Any) -> JSDate:
    """``new Date()``, ``new Date(ms | string | date)``, ``new Date(y, m, d, h, mi, s, ms)``."""
    if not args:
        return JSDate(float(date_now()))
    if len(args) == 1:
        value = args[0]
        if isinstance(value, JSDate):
            return JSDate(value.ms)
        prim = to_primitive(value)
        if isinstance(prim, str):
            return JSDate(date_parse(prim))
        return JSDate(_clip(to_number(prim)))
    return JSDate(date_utc(*args))


def date_call(*args: Any) -> str:
    """``Date()`` without ``new``: the current time as text (arguments ignored, as in JavaScript)."""
    return JSDate(float(date_now())).to_string()


def _getter(index: int) -> Callable[[Any, JSDate, list], Any]:
    def get(run: Any, d: JSDate, args: list) -> Any:
        return fields(d.ms)[index] if d.valid else math.nan
    return get


def _time(run: Any, d: JSDate, args: list) -> Any:
    return int(d.ms) if d.valid else math.nan


def _iso_string(run: Any, d: JSDate, args: list) -> str:
    if not d.valid:
        raise ExpressionError("Invalid time value (toISOString of an Invalid Date)")
    return str.__str__(d)


def _to_json(run: Any, d: JSDate, args: list) -> Any:
    return str.__str__(d) if d.valid else None


def _locale(date: bool, time_: bool) -> Callable[[Any, JSDate, list], str]:
    def fmt(run: Any, d: JSDate, args: list) -> str:
        locale, options = arg(args, 0), arg(args, 1)
        if locale not in (UNDEFINED, None, "en-US", "en") or options is not UNDEFINED:
            raise ExpressionError("toLocale*String takes no locale but en-US and no options here "
                                  "(the server holds no locale data)")
        return d.locale_string(date, time_)
    return fmt


def _setter(run: Any, d: JSDate, args: list) -> Any:
    raise ExpressionError("Date setters are not supported: a Date here cannot change; "
                          "make a new one, e.g. new Date(d.getTime() + 24 * 3600 * 1000)")


_GETTERS = {"FullYear": 0, "Month": 1, "Date": 2, "Hours": 3, "Minutes": 4, "Seconds": 5, "Milliseconds": 6,
            "Day": 7}

DATE_METHODS: dict[str, Callable[[Any, JSDate, list], Any]] = {
    **{f"get{name}": _getter(i) for name, i in _GETTERS.items()},
    **{f"getUTC{name}": _getter(i) for name, i in _GETTERS.items()},
    **{f"set{name}": _setter for name in _GETTERS if name != "Day"},
    **{f"setUTC{name}": _setter for name in _GETTERS if name != "Day"},
    "setTime": _setter,
    "getTime": _time,
    "valueOf": _time,
    "getTimezoneOffset": lambda run, d, args: 0 if d.valid else math.nan,
    "toISOString": _iso_string,
    "toJSON": _to_json,
    "toString": lambda run, d, args: d.to_string(),
    "toDateString": lambda run, d, args: d.date_string(),
    "toTimeString": lambda run, d, args: d.time_string(),
    "toUTCString": lambda run, d, args: d.utc_string(),
    "toLocaleString": _locale(True, True),
    "toLocaleDateString": _locale(True, False),
    "toLocaleTimeString": _locale(False, True),
}

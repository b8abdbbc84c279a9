"""The JavaScript ``Date`` value: a time in milliseconds since 1970, in UTC.

A :class:`JSDate` is a ``str`` whose text is the date's ``toJSON()`` form
(``"2026-12-03T10:09:56.123Z"``), so a Date an expression stores in state
is, for everything outside the evaluator (listeners, the renderer, JSON,
pickles), the ISO string a browser's ``JSON.stringify`` gives. Inside the
evaluator it behaves as a Date object (``typeof`` "object", ``getTime()``,
numeric comparisons); the evaluator's modules check for it before they
treat a value as a string.

The server does not know the page's time zone: local time is UTC
(``getHours()`` equals ``getUTCHours()``, ``getTimezoneOffset()`` is 0).
Calendar arithmetic is proleptic Gregorian over JavaScript's whole range
(±8.64e15 ms), without Python's ``datetime`` (years 1–9999 only).
"""

from __future__ import annotations

import math

__all__ = ["JSDate", "MAX_TIME", "make_time", "fields", "days_from_civil"]

MAX_TIME = 8.64e15  # JavaScript's TimeClip bound
MS_PER_DAY = 86_400_000
_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZONE = "GMT+0000 (Coordinated Universal Time)"


def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of year *y*, month *m* (1–12), day *d* (Hinnant's algorithm)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (m <= 2), m, d


def make_time(year: float, month: float, day: float = 1, hours: float = 0, minutes: float = 0,
              seconds: float = 0, ms: float = 0) -> float:
    """JavaScript's MakeDate(MakeDay(...), MakeTime(...)) then TimeClip: NaN when out of range.

    *month* counts from 0 and overflows into the year, as in ``Date.UTC``.
    """
    parts = (year, month, day, hours, minutes, seconds, ms)
    if any(p != p or p in (math.inf, -math.inf) for p in parts):
        return math.nan
    y, mo, d, h, mi, s, milli = (int(p) for p in parts)  # ToIntegerOrInfinity truncates
    if abs(y) > 400_000 or abs(mo) > 12 * 400_000:
        return math.nan
    y += mo // 12
    days = days_from_civil(y, mo % 12 + 1, 1) + d - 1
    t = days * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + milli
    return float(t) if abs(t) <= MAX_TIME else math.nan


def fields(ms: float) -> tuple[int, int, int, int, int, int, int, int]:
    """(year, month 0–11, day, hours, minutes, seconds, ms, weekday 0=Sunday) of a valid time value."""
    t = int(ms)
    days, rest = divmod(t, MS_PER_DAY)
    y, m, d = _civil_from_days(days)
    secs, milli = divmod(rest, 1000)
    return y, m - 1, d, secs // 3600, secs // 60 % 60, secs % 60, milli, (days + 4) % 7


def _year(y: int) -> str:
    return f"{y:04d}" if 0 <= y <= 9999 else f"{'-' if y < 0 else '+'}{abs(y):06d}"


def _text_year(y: int) -> str:
    return f"{y:04d}" if y >= 0 else f"-{-y:04d}"


class JSDate(str):
    """A Date: ``ms`` (float, NaN when invalid); its text is ``toJSON()`` ("Invalid Date" when invalid)."""

    ms: float

    def __new__(cls, ms: float) -> JSDate:
        """The Date at *ms* (already clipped; NaN for an invalid date)."""
        obj = super().__new__(cls, _iso(ms) if ms == ms else "Invalid Date")
        obj.ms = ms
        return obj

    def __reduce__(self) -> tuple:
        # pickled, copied or stored elsewhere it is the ISO string JSON gives
        return (str, (str.__str__(self),))

    @property
    def valid(self) -> bool:
        """False for an Invalid Date."""
        return self.ms == self.ms

    def to_string(self) -> str:
        """``Date.prototype.toString()`` in UTC: ``Thu Dec 03 2026 10:09:56 GMT+0000 (...)``."""
        if not self.valid:
            return "Invalid Date"
        return f"{self.date_string()} {self.time_string()}"

    def date_string(self) -> str:
        """``toDateString()``: ``Thu Dec 03 2026``."""
        if not self.valid:
            return "Invalid Date"
        y, m, d, *_, wd = fields(self.ms)
        return f"{_DAYS[wd]} {_MONTHS[m]} {d:02d} {_text_year(y)}"

    def time_string(self) -> str:
        """``toTimeString()``: ``10:09:56 GMT+0000 (Coordinated Universal Time)``."""
        if not self.valid:
            return "Invalid Date"
        _, _, _, h, mi, s, _, _ = fields(self.ms)
        return f"{h:02d}:{mi:02d}:{s:02d} {_ZONE}"

    def utc_string(self) -> str:
        """``toUTCString()``: ``Thu, 03 Dec 2026 10:09:56 GMT``."""
        if not self.valid:
            return "Invalid Date"
        y, m, d, h, mi, s, _, wd = fields(self.ms)
        return f"{_DAYS[wd]}, {d:02d} {_MONTHS[m]} {_text_year(y)} {h:02d}:{mi:02d}:{s:02d} GMT"

    def locale_string(self, date: bool = True, time: bool = True) -> str:
        """en-US ``toLocaleString()`` / ``toLocaleDateString()`` / ``toLocaleTimeString()``."""
        if not self.valid:
            return "Invalid Date"
        y, m, d, h, mi, s, _, _ = fields(self.ms)
        parts = []
        if date:
            parts.append(f"{m + 1}/{d}/{y}")
        if time:
            parts.append(f"{(h % 12) or 12}:{mi:02d}:{s:02d} {'AM' if h < 12 else 'PM'}")
        return ", ".join(parts)


def _iso(ms: float) -> str:
    y, m, d, h, mi, s, milli, _ = fields(ms)
    return f"{_year(y)}-{m + 1:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{milli:03d}Z"

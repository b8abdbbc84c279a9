"""Allow-listed methods of strings, numbers and booleans.

Each implementation has the signature ``impl(run, this, args) -> value``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from decimal import Context as DecimalContext
from typing import Any

from .context import Run, call_function
from .errors import ExpressionError
from .jsvalues import (
    JS_WHITESPACE,
    UNDEFINED,
    arg,
    check_size,
    clamp_index,
    number_to_string,
    relative_index,
    to_integer,
    to_js_string,
    to_number,
    to_uint32,
    typeof,
)

__all__ = ["STRING_METHODS", "NUMBER_METHODS", "BOOLEAN_METHODS", "to_fixed", "to_precision", "to_locale_string", "at_index"]


def _s(v: Any) -> str:
    return to_js_string(v)


def _index_of(run: Run, s: str, args: list) -> int:
    return s.find(_s(arg(args, 0)), clamp_index(arg(args, 1), len(s), 0))


def _last_index_of(run: Run, s: str, args: list) -> int:
    search = _s(arg(args, 0))
    n = to_number(arg(args, 1))
    pos = len(s) if n != n else int(min(max(to_integer(n), 0), len(s)))
    return s.rfind(search, 0, pos + len(search))


def _split(run: Run, s: str, args: list) -> list:
    sep, limit = arg(args, 0), arg(args, 1)
    lim = 2 ** 32 - 1 if limit is UNDEFINED else to_uint32(limit)
    if lim == 0:
        return []
    if sep is UNDEFINED:
        return [s]
    sep = _s(sep)
    parts = list(s) if sep == "" else s.split(sep)
    return parts[:lim]


def _expand(template: str, match: str, pos: int, s: str) -> str:
    """Expand $$, $&, $` and $' in a replacement string (no capture groups without regexes)."""
    if "$" not in template:
        return template
    out, i, n = [], 0, len(template)
    while i < n:
        c = template[i]
        nxt = template[i + 1] if i + 1 < n else ""
        if c == "$" and nxt in ("$", "&", "`", "'"):
            out.append({"$": "$", "&": match, "`": s[:pos], "'": s[pos + len(match):]}[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _replace_at(run: Run, s: str, positions: list[int], pattern: str, replacement: Any) -> str:
    out, last, size = [], 0, 0
    for i, pos in enumerate(positions):
        if i % 100 == 99:
            run.charge()  # a step per 100 replacements: a million of them is slow in Python
        piece = _expand(replacement, pattern, pos, s) if isinstance(replacement, str) else \
            _s(call_function(run, replacement, [pattern, pos, s], "replacement"))
        out.append(s[last:pos])
        out.append(piece)
        size += pos - last + len(piece)
        check_size(size, "string")
        last = pos + len(pattern)
    out.append(s[last:])
    return "".join(out)


def _replacement(value: Any) -> Any:
    return value if typeof(value) == "function" else _s(value)


def _replace(run: Run, s: str, args: list) -> str:
    pattern = _s(arg(args, 0))
    pos = s.find(pattern)
    if pos < 0:
        return s
    return _replace_at(run, s, [pos], pattern, _replacement(arg(args, 1)))


def _replace_all(run: Run, s: str, args: list) -> str:
    pattern = _s(arg(args, 0))
    positions, pos = [], s.find(pattern)
    while pos >= 0:
        positions.append(pos)
        if len(positions) % 100 == 0:
            run.charge()  # a step per 100 matches, as _replace_at does
        pos = s.find(pattern, pos + max(len(pattern), 1))
        if pos > len(s):
            break
    return _replace_at(run, s, positions, pattern, _replacement(arg(args, 1)))


def _repeat(run: Run, s: str, args: list) -> str:
    n = to_integer(arg(args, 0))
    if n < 0 or n == math.inf:
        raise ExpressionError("Invalid count value for repeat(): must be a non-negative finite number")
    check_size(len(s) * n if s else 0, "repeated string")
    return s * int(n)


def _pad(at_start: bool):
    def pad(run: Run, s: str, args: list) -> str:
        target = to_integer(arg(args, 0))
        fill = " " if arg(args, 1) is UNDEFINED else _s(args[1])
        if target <= len(s) or fill == "":
            return s
        check_size(target, "padded string")
        need = int(target) - len(s)
        filler = (fill * (need // len(fill) + 1))[:need]
        return filler + s if at_start else s + filler
    return pad


def _char_at(run: Run, s: str, args: list) -> str:
    i = to_integer(arg(args, 0))
    return s[int(i)] if 0 <= i < len(s) else ""


def _char_code_at(run: Run, s: str, args: list) -> Any:
    i = to_integer(arg(args, 0))
    return ord(s[int(i)]) if 0 <= i < len(s) else math.nan


def at_index(run: Run, seq: Any, args: list) -> Any:
    """Shared by strings and arrays: at(-1) is the last element."""
    i = to_integer(arg(args, 0))
    if i < 0:
        i += len(seq)
    return seq[int(i)] if 0 <= i < len(seq) else UNDEFINED


def _concat(run: Run, s: str, args: list) -> str:
    parts = [s] + [_s(a) for a in args]
    check_size(sum(map(len, parts)), "string")
    return "".join(parts)


def _substr(run: Run, s: str, args: list) -> str:
    start = relative_index(arg(args, 0), len(s), 0)
    length = len(s) - start if arg(args, 1) is UNDEFINED else int(min(max(to_integer(args[1]), 0), len(s)))
    return s[start:start + length]


def _substring(run: Run, s: str, args: list) -> str:
    a = clamp_index(arg(args, 0), len(s), 0)
    b = clamp_index(arg(args, 1), len(s), len(s))
    a, b = min(a, b), max(a, b)
    return s[a:b]


def _ends_with(run: Run, s: str, args: list) -> bool:
    end = clamp_index(arg(args, 1), len(s), len(s))
    return s[:end].endswith(_s(arg(args, 0)))


STRING_METHODS = {
    "toString": lambda run, s, args: s,
    "valueOf": lambda run, s, args: s,
    "toUpperCase": lambda run, s, args: s.upper(),
    "toLowerCase": lambda run, s, args: s.lower(),
    "trim": lambda run, s, args: s.strip(JS_WHITESPACE),
    "trimStart": lambda run, s, args: s.lstrip(JS_WHITESPACE),
    "trimEnd": lambda run, s, args: s.rstrip(JS_WHITESPACE),
    "includes": lambda run, s, args: _index_of(run, s, args) >= 0,
    "startsWith": lambda run, s, args: s.startswith(_s(arg(args, 0)), clamp_index(arg(args, 1), len(s), 0)),
    "endsWith": _ends_with,
    "indexOf": _index_of,
    "lastIndexOf": _last_index_of,
    "slice": lambda run, s, args: s[relative_index(arg(args, 0), len(s), 0):relative_index(arg(args, 1), len(s), len(s))],
    "substring": _substring,
    "substr": _substr,
    "split": _split,
    "replace": _replace,
    "replaceAll": _replace_all,
    "repeat": _repeat,
    "padStart": _pad(True),
    "padEnd": _pad(False),
    "charAt": _char_at,
    "charCodeAt": _char_code_at,
    "at": at_index,
    "concat": _concat,
}


# --- numbers -----------------------------------------------------------------

_EXACT = DecimalContext(prec=1200)


def _digits_arg(value: Any, low: int, high: int, method: str) -> int:
    d = to_integer(value)
    if not low <= d <= high:
        raise ExpressionError(f"{method}() digits argument must be between {low} and {high}")
    return int(d)


def to_fixed(x: Any, digits: Any = 0) -> str:
    """Number.prototype.toFixed: rounds the exact binary value half away from zero."""
    d = _digits_arg(0 if digits is UNDEFINED else digits, 0, 100, "toFixed")
    x = to_number(x)
    if x != x or x in (math.inf, -math.inf) or abs(x) >= 1e21:
        return number_to_string(x)
    if x == 0:
        x = 0  # -0 prints without a sign
    # Exact decimal arithmetic needs more than the default 28 digits for big values.
    q = Decimal(x).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP, context=_EXACT)
    return f"{q:f}"


def to_precision(x: Any, precision: Any = UNDEFINED) -> str:
    """Number.prototype.toPrecision with JS's choice between fixed and exponent notation."""
    x = to_number(x)
    if precision is UNDEFINED or x != x or x in (math.inf, -math.inf):
        return number_to_string(x)
    p = _digits_arg(precision, 1, 100, "toPrecision")
    if x == 0:
        return "0" + ("." + "0" * (p - 1) if p > 1 else "")
    sign = "-" if x < 0 else ""
    d = Decimal(abs(x))
    e = d.adjusted()
    n = d.scaleb(p - 1 - e, context=_EXACT).to_integral_value(rounding=ROUND_HALF_UP, context=_EXACT)
    if n >= Decimal(10) ** p:
        n /= 10
        e += 1
    digits = str(int(n))
    if e < -6 or e >= p:
        mantissa = digits[0] + ("." + digits[1:] if p > 1 else "")
        return f"{sign}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    if e >= 0:
        return sign + digits[:e + 1] + ("." + digits[e + 1:] if p > e + 1 else "")
    return sign + "0." + "0" * (-e - 1) + digits


_EN_LOCALES = frozenset({"en", "en-US"})


def to_locale_string(x: Any, locales: Any = UNDEFINED, options: Any = UNDEFINED) -> str:
    """Number.prototype.toLocaleString in the en-US locale: digits grouped by
    commas, at most three decimals (rounded half away from zero on the number's
    shortest decimal form, as ICU does). The server holds no other locale's
    data, so another locale or an options object is refused rather than guessed."""
    if locales not in (UNDEFINED, None) and not (isinstance(locales, str) and locales in _EN_LOCALES):
        raise ExpressionError(f"toLocaleString() knows only the 'en-US' locale here, not {_s(locales)!r}")
    if options is not UNDEFINED:
        raise ExpressionError("toLocaleString() takes no options object here (only the en-US defaults)")
    x = to_number(x)
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "-\u221e" if x < 0 else "\u221e"
    negative = x < 0 or (x == 0 and math.copysign(1, x) < 0)
    q = abs(Decimal(number_to_string(x))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP, context=_EXACT)
    text = f"{q:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if negative else "") + text


def _number_to_string(run: Run, x: Any, args: list) -> str:
    radix = arg(args, 0)
    r = 10 if radix is UNDEFINED else to_integer(radix)
    if not 2 <= r <= 36:
        raise ExpressionError("toString() radix must be between 2 and 36")
    return number_to_string(x, int(r))


NUMBER_METHODS = {
    "toFixed": lambda run, x, args: to_fixed(x, arg(args, 0)),
    "toPrecision": lambda run, x, args: to_precision(x, arg(args, 0)),
    "toString": _number_to_string,
    "toLocaleString": lambda run, x, args: to_locale_string(x, arg(args, 0), arg(args, 1)),
    "valueOf": lambda run, x, args: x,
}

BOOLEAN_METHODS = {
    "toString": lambda run, b, args: "true" if b else "false",
    "valueOf": lambda run, b, args: b,
}

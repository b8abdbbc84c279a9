"""Vue template helpers: ``{{ }}`` text, v-for, :class / :style normalisation, display."""

from __future__ import annotations

import re
from typing import Any

from . import jsjson
from .compiler import Expr, compile_expr
from .context import Context
from .errors import ExpressionError
from .jsdate import JSDate
from .jsvalues import (
    MAX_LEN,
    UNDEFINED,
    JSFunction,
    check_size,
    dict_get,
    host,
    number_to_string,
    own_keys,
    plain,
    to_js_string,
    truthy,
)
from .parser import MAX_SOURCE_LENGTH

__all__ = ["Template", "VFor", "compile_template", "parse_v_for", "to_display",
           "normalize_class", "normalize_style"]


def to_display(value: Any) -> str:
    """Vue's toDisplayString: null/undefined -> "", arrays and plain objects ->
    JSON.stringify(value, null, 2), everything else String(value)."""
    if value is None or value is UNDEFINED:
        return ""
    t = type(value)
    if t is str:
        return value
    converted = host(value)  # NumPy, Decimal, datetime, Enum, ... as JSON would carry them
    if converted is not value:
        return to_display(converted)
    if isinstance(value, (bool, int, float, JSFunction, JSDate)):
        return to_js_string(value)  # a Date shows its toString(), as in Vue
    if callable(value) and not isinstance(value, (dict, list, tuple)):
        return to_js_string(value)
    result = jsjson.stringify(value, None, 2)
    return "" if result is UNDEFINED else result


# --- {{ }} templates ---------------------------------------------------------------

class Template:
    """Text with ``{{ expr }}`` interpolations, compiled once."""

    __slots__ = ("source", "parts", "names", "is_static")

    def __init__(self, source: str, parts: list):
        self.source = source
        self.parts = parts
        self.names = frozenset().union(*(p.names for p in parts if isinstance(p, Expr)))
        self.is_static = not any(isinstance(p, Expr) for p in parts)

    def render(self, ctx: Context) -> str:
        """Concatenate the text with each interpolation's display string."""
        out = []
        for p in self.parts:
            if type(p) is str:
                out.append(p)
                continue
            value = p.evaluate(ctx)
            try:
                out.append(to_display(value))
            except ExpressionError as e:  # e.g. a cyclic object: name the interpolation
                raise e.with_source(p.source) from None
        return "".join(out)

    def __repr__(self) -> str:
        return f"Template({self.source!r})"


def compile_template(text: str) -> Template:
    """Split ``text`` on ``{{ }}`` like Vue (the first ``}}`` closes) and compile each part."""
    if not isinstance(text, str):
        raise ExpressionError(f"Template text must be a string, not {type(text).__name__}")
    parts: list = []
    pos = 0
    while True:
        start = text.find("{{", pos)
        end = text.find("}}", start + 2) if start >= 0 else -1
        if start < 0 or end < 0:  # an unclosed {{ stays literal text, as in Vue
            if pos < len(text):
                parts.append(text[pos:])
            break
        if start > pos:
            parts.append(text[pos:start])
        inner = text[start + 2:end]
        try:
            parts.append(compile_expr(inner.strip()))
        except ExpressionError as e:
            raise ExpressionError(
                f"{e.message} in interpolation {{{{{inner}}}}} (template offset {start})",
                inner.strip(), e.position) from None
        pos = end + 2
    return Template(text, parts)


# --- v-for -------------------------------------------------------------------------------

# The first " in " / " of " separates aliases from the iterable, as in Vue.
# (A plain search: nested repeats like (.*?)\s+ backtrack quadratically.)
_FOR_SEPARATOR = re.compile(r"\s(?:in|of)\s")
_ALIAS_RE = re.compile(r"^[A-Za-z_$][\w$]*$")


class VFor:
    """A parsed ``v_for``: alias names and the iterable expression."""

    __slots__ = ("source", "names", "iterable")

    def __init__(self, source: str, names: tuple[str, ...], iterable: Expr):
        self.source = source
        self.names = names
        self.iterable = iterable

    def iterate(self, ctx: Context, limit: int | None = None) -> list[tuple]:
        """Per-iteration tuples following Vue 3's renderList, sized to ``names``.

        With *limit*, more rows than that give ``limit + 1`` placeholder
        rows: enough for the caller to see there are too many, without
        building a million.
        """
        value = self.iterable.evaluate(ctx)
        n = len(self.names)
        pad = (UNDEFINED,) * n
        if limit is not None and _count(value) > limit:
            return [pad] * (limit + 1)
        rows = _render_list(value, self.source)
        return [(row + pad)[:n] for row in rows]

    def __repr__(self) -> str:
        return f"VFor({self.source!r})"


def _count(value: Any) -> int:
    """How many rows ``_render_list`` would make, without making them (0 when unsure)."""
    if isinstance(value, (list, tuple, str, dict)):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        return int(min(value, MAX_LEN + 1)) if value > 0 else 0
    return 0


def _render_list(value: Any, source: str) -> list[tuple]:
    value = plain(value)
    if isinstance(value, str):
        return [(v, i) for i, v in enumerate(value)]
    if isinstance(value, (list, tuple)):
        return [(plain(v), i) for i, v in enumerate(value)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value < 0 or value != int(value) or value == float("inf"):
            raise ExpressionError(f"v-for range must be a non-negative integer, got {to_js_string(value)}", source)
        check_size(value, "v-for range")
        return [(i + 1, i) for i in range(int(value))]
    if isinstance(value, dict):
        return [(plain(dict_get(value, k)), k, i) for i, k in enumerate(own_keys(value))]
    return []


def parse_v_for(source: str) -> VFor:
    """Parse "item in items", "(item, i) in items", "(value, key, index) of obj", "n in 10"."""
    if not isinstance(source, str):
        raise ExpressionError(f"v_for must be a string, not {type(source).__name__}")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(f"v_for is too long ({len(source)} characters; the limit is {MAX_SOURCE_LENGTH})")
    m = _FOR_SEPARATOR.search(source)
    if not m or not source[m.end():].strip():
        raise ExpressionError('Invalid v_for: expected "alias in expression", e.g. "(item, i) in items"', source)
    raw_alias = source[:m.start()]
    alias_start = len(raw_alias) - len(raw_alias.lstrip())
    alias = raw_alias.strip()
    if alias.startswith("(") and alias.endswith(")"):
        alias = alias[1:-1]
    names = tuple(a.strip() for a in alias.split(","))
    if not 1 <= len(names) <= 3 or not all(_ALIAS_RE.match(a) for a in names):
        raise ExpressionError(f"Invalid v_for aliases {raw_alias.strip()!r}: use up to three plain names, "
                              'e.g. "(value, key, index) in obj"', source, alias_start)
    if len(set(names)) != len(names):
        raise ExpressionError("Duplicate v_for alias name", source, alias_start)
    rest = source[m.end():]
    offset = m.end() + len(rest) - len(rest.lstrip())
    try:
        iterable = compile_expr(rest.strip())
    except ExpressionError as e:
        raise ExpressionError(e.message, source, None if e.position is None else e.position + offset) from None
    return VFor(source, names, iterable)


# --- :class and :style ---------------------------------------------------------------

def normalize_class(value: Any) -> str:
    """Vue normalizeClass: strings as is, arrays recursively, objects by truthy value."""
    return _class(value, 0)


def _class(value: Any, depth: int) -> str:
    if isinstance(value, str):
        return value.strip()
    if depth > 32:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(c for c in (_class(v, depth + 1) for v in value) if c)
    if isinstance(value, dict):
        return " ".join(k for k in own_keys(value) if truthy(dict_get(value, k)))
    return ""


_HYPHENATE = re.compile(r"\B([A-Z])")
def _strip_comments(text: str) -> str:
    out, pos = [], 0
    while (start := text.find("/*", pos)) >= 0:
        end = text.find("*/", start + 2)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 2
    out.append(text[pos:])
    return "".join(out)


def _split_declarations(text: str) -> list[str]:
    """Split on ";" outside parentheses (keeps url(a;b)), in linear time."""
    items, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == ";" and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def _parse_style(text: str) -> dict:
    """Vue's parseStringStyle: "a: b; c: d" -> {"a": "b", "c": "d"}."""
    out: dict = {}
    for item in _split_declarations(_strip_comments(text)):
        if ":" in item:
            k, v = item.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def _style_dict(value: Any, depth: int) -> dict | None:
    if isinstance(value, str):
        return _parse_style(value)
    if isinstance(value, dict):
        return {k: dict_get(value, k) for k in own_keys(value)}
    if isinstance(value, (list, tuple)) and depth < 32:
        merged: dict = {}
        for item in value:
            d = _style_dict(item, depth + 1)
            if d:
                merged.update(d)
        return merged
    return None


def normalize_style(value: Any) -> str:
    """Vue :style normalisation to CSS text "a: b; c: d" (camelCase keys
    hyphenated, custom properties ``--x`` kept, only string/number values)."""
    if isinstance(value, str):
        return value.strip()
    style = _style_dict(value, 0) or {}
    decls = []
    for key, v in style.items():
        v = plain(v)
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            continue
        name = key if key.startswith("--") else _HYPHENATE.sub(r"-\1", key).lower()
        decls.append(f"{name}: {v if isinstance(v, str) else number_to_string(v)}")
    return "; ".join(decls)

"""Tokenizer for the JavaScript expression subset.

Tokens are ``(kind, value, pos)`` tuples with kind one of ``num``, ``str``,
``tmpl``, ``name``, ``punc``, ``eof``.  A template literal becomes one ``tmpl``
token whose value is ``(strings, expressions)``: the cooked text chunks and, for
each ``${...}``, its own token list (ending with ``eof``) — so the parser never
re-scans characters.
"""

from __future__ import annotations

from .errors import ExpressionError
from .jsvalues import JS_WHITESPACE, num

__all__ = ["tokenize", "Token"]

Token = tuple  # (kind: str, value, pos: int)

# Longest first so that "===" is not read as "==" "=".
_PUNCTUATORS = sorted(
    """>>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ?. ++ -- += -= *= /= %=
    &= |= ^= ** << >> + - * / % < > = ! ~ ? : . , ; ( ) [ ] { } & | ^""".split(),
    key=len, reverse=True,
)
_PUNCT_BY_CHAR: dict[str, list[str]] = {}
for _p in _PUNCTUATORS:
    _PUNCT_BY_CHAR.setdefault(_p[0], []).append(_p)

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_BREAKS = "\n\r\u2028\u2029"


def _is_id_start(c: str) -> bool:
    return c.isalpha() or c in "_$"


def _is_id_part(c: str) -> bool:
    return c.isalnum() or c in "_$\u200c\u200d"


MAX_TEMPLATE_NESTING = 32


def tokenize(src: str, pos: int = 0, in_template: int = 0) -> tuple[list[Token], int]:
    """Tokenize ``src`` from ``pos``.  With ``in_template`` (the template
    nesting level) stop at the ``}`` closing a ``${`` and return the position
    just after it."""
    if in_template > MAX_TEMPLATE_NESTING:
        raise ExpressionError(f"Template literals nested more than {MAX_TEMPLATE_NESTING} levels deep", src, pos)
    tokens: list[Token] = []
    n = len(src)
    braces = 0
    while True:
        while pos < n and src[pos] in JS_WHITESPACE:
            pos += 1
        if pos >= n:
            if in_template:
                raise ExpressionError("Unterminated ${ in template literal", src, pos)
            tokens.append(("eof", None, pos))
            return tokens, pos
        c = src[pos]
        start = pos
        if c.isdigit() or (c == "." and pos + 1 < n and src[pos + 1].isdigit()):
            value, pos = _read_number(src, pos)
            tokens.append(("num", value, start))
        elif c in "'\"":
            value, pos = _read_string(src, pos)
            tokens.append(("str", value, start))
        elif c == "`":
            value, pos = _read_template(src, pos, in_template)
            tokens.append(("tmpl", value, start))
        elif _is_id_start(c):
            pos += 1
            while pos < n and _is_id_part(src[pos]):
                pos += 1
            tokens.append(("name", src[start:pos], start))
        elif c == "/" and src.startswith(("//", "/*"), pos):
            raise ExpressionError("Comments are not supported in expressions", src, pos)
        else:
            for p in _PUNCT_BY_CHAR.get(c, ()):
                if src.startswith(p, pos):
                    break
            else:
                raise ExpressionError(f"Unexpected character {c!r}", src, pos)
            # "a?.5:1" is a ternary with .5, not optional chaining.
            if p == "?." and pos + 2 < n and src[pos + 2].isdigit():
                p = "?"
            if in_template:
                if p == "{":
                    braces += 1
                elif p == "}":
                    if braces == 0:
                        tokens.append(("eof", None, pos))
                        return tokens, pos + 1
                    braces -= 1
            pos += len(p)
            tokens.append(("punc", p, start))


def _read_number(src: str, pos: int) -> tuple[object, int]:
    n = len(src)
    start = pos
    if src[pos] == "0" and pos + 1 < n and src[pos + 1] in "xXoObB":
        radix = {"x": 16, "o": 8, "b": 2}[src[pos + 1].lower()]
        pos += 2
        while pos < n and (src[pos].isalnum() or src[pos] == "_"):
            pos += 1
        digits = src[start + 2:pos]
        try:
            if not digits or "_" in digits:
                raise ValueError
            value = int(digits, radix)
        except ValueError:
            raise ExpressionError(f"Invalid number literal {src[start:pos]!r}", src, start) from None
        return num(value), pos
    while pos < n and src[pos].isdigit():
        pos += 1
    if pos < n and src[pos] == ".":
        pos += 1
        while pos < n and src[pos].isdigit():
            pos += 1
    if pos < n and src[pos] in "eE":
        p = pos + 1
        if p < n and src[p] in "+-":
            p += 1
        if p < n and src[p].isdigit():
            pos = p
            while pos < n and src[pos].isdigit():
                pos += 1
    if pos < n and (_is_id_start(src[pos]) or src[pos].isdigit()):
        raise ExpressionError(f"Invalid number literal {src[start:pos + 1]!r}", src, start)
    text = src[start:pos]
    if not text.isascii():
        raise ExpressionError(f"Invalid number literal {text!r}", src, start)
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        raise ExpressionError("Legacy octal literals like 012 are not supported", src, start)
    return num(float(text)), pos


def _read_escape(src: str, pos: int) -> tuple[str, int]:
    """Read the escape after a backslash at ``pos - 1``; return (text, new pos)."""
    if pos >= len(src):
        raise ExpressionError("Unterminated string literal", src, pos - 1)
    c = src[pos]
    if c in _SIMPLE_ESCAPES and not (c == "0" and pos + 1 < len(src) and src[pos + 1].isdigit()):
        return _SIMPLE_ESCAPES[c], pos + 1
    if c == "x":
        h = src[pos + 1:pos + 3]
        if len(h) == 2 and all(ch in "0123456789abcdefABCDEF" for ch in h):
            return chr(int(h, 16)), pos + 3
        raise ExpressionError("Invalid \\x escape (expected two hex digits)", src, pos - 1)
    if c == "u":
        if src.startswith("{", pos + 1):
            end = src.find("}", pos + 2)
            h = src[pos + 2:end] if end > 0 else ""
            if h and len(h) <= 6 and all(ch in "0123456789abcdefABCDEF" for ch in h) and int(h, 16) <= 0x10FFFF:
                return chr(int(h, 16)), end + 1
        else:
            h = src[pos + 1:pos + 5]
            if len(h) == 4 and all(ch in "0123456789abcdefABCDEF" for ch in h):
                return chr(int(h, 16)), pos + 5
        raise ExpressionError("Invalid \\u escape (expected \\uXXXX or \\u{X...})", src, pos - 1)
    if c.isdigit():
        raise ExpressionError("Octal escapes are not supported", src, pos - 1)
    if c == "\r" and src.startswith("\n", pos + 1):
        return "", pos + 2
    if c in _LINE_BREAKS:
        return "", pos + 1  # line continuation
    return c, pos + 1


def _read_string(src: str, pos: int) -> tuple[str, int]:
    quote = src[pos]
    start = pos
    pos += 1
    out: list[str] = []
    n = len(src)
    while True:
        if pos >= n or src[pos] in "\n\r":
            raise ExpressionError("Unterminated string literal", src, start)
        c = src[pos]
        if c == quote:
            return "".join(out), pos + 1
        if c == "\\":
            text, pos = _read_escape(src, pos + 1)
            out.append(text)
        else:
            out.append(c)
            pos += 1


def _read_template(src: str, pos: int, nesting: int) -> tuple[tuple[list[str], list[list[Token]]], int]:
    start = pos
    pos += 1
    strings: list[str] = []
    exprs: list[list[Token]] = []
    chunk: list[str] = []
    n = len(src)
    while True:
        if pos >= n:
            raise ExpressionError("Unterminated template literal", src, start)
        c = src[pos]
        if c == "`":
            strings.append("".join(chunk))
            return (strings, exprs), pos + 1
        if c == "\\":
            text, pos = _read_escape(src, pos + 1)
            chunk.append(text)
        elif c == "$" and src.startswith("{", pos + 1):
            strings.append("".join(chunk))
            chunk = []
            toks, pos = tokenize(src, pos + 2, in_template=nesting + 1)
            exprs.append(toks)
        elif c == "\r":
            # Template literals normalise CRLF and CR to LF.
            chunk.append("\n")
            pos += 2 if src.startswith("\n", pos + 1) else 1
        else:
            chunk.append(c)
            pos += 1

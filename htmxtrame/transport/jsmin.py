"""Comments and indentation out of our own scripts, as they are served.

The glue script is written to be read (a third of it is comments); the page
needs none of that. This strips comments and each line's leading and
trailing blanks, and nothing else: line breaks stay (so automatic semicolon
insertion sees the same script), strings, template literals and regular
expression literals are copied as they are. Anything it does not
understand (a template literal spanning lines, a string broken across
lines) makes it give up: the file is then served as written.
"""

from __future__ import annotations

import re

# After these, a "/" starts a regular expression literal, not a division.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORD = re.compile(r"(?:^|[^\w$])(?:return|typeof|case|in|of|void|delete|throw|else|do)$")


class Unsupported(ValueError):
    """A construct the stripper does not handle; serve the source unchanged."""


def strip(src: str) -> str:
    """*src* without comments and indentation, or :class:`Unsupported`."""
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in "\"'":
            j = _string_end(src, i, c)
            out.append(src[i:j])
            i = j
        elif c == "`":
            j = _template_end(src, i)
            out.append(src[i:j])
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise Unsupported("unterminated comment")
            out.append("\n" if "\n" in src[i:j] else " ")
            i = j + 2
        elif c == "/" and _regex_may_start("".join(out[-8:])):
            j = _regex_end(src, i)
            out.append(src[i:j])
            i = j
        else:
            # copy a run of ordinary characters at once
            m = _PLAIN.match(src, i)
            j = m.end() if m and m.end() > i else i + 1
            out.append(src[i:j])
            i = j
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


_PLAIN = re.compile(r"[^\"'`/]+")


def _regex_may_start(before: str) -> bool:
    text = before.rstrip()
    return not text or text[-1] in _REGEX_AFTER or bool(_REGEX_KEYWORD.search(text))


def _string_end(src: str, i: int, quote: str) -> int:
    j = i + 1
    while j < len(src):
        ch = src[j]
        if ch == "\\":
            if src[j + 1:j + 2] == "\n":
                raise Unsupported("a string continued on the next line")
            j += 2
            continue
        if ch == "\n":
            raise Unsupported("a line break inside a string")
        if ch == quote:
            return j + 1
        j += 1
    raise Unsupported("unterminated string")


def _template_end(src: str, i: int) -> int:
    j, depth = i + 1, 0
    while j < len(src):
        ch = src[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "\n":
            raise Unsupported("a template literal spanning lines")
        if depth == 0 and ch == "`":
            return j + 1
        if src.startswith("${", j):
            depth += 1
            j += 2
            continue
        if depth and ch in "\"'":  # a string inside ${}: its braces and backticks are text
            j = _string_end(src, j, ch)
            continue
        if depth and ch == "`":  # a template nested inside ${}
            j = _template_end(src, j)
            continue
        if depth and ch == "{":
            depth += 1
        elif depth and ch == "}":
            depth -= 1
        j += 1
    raise Unsupported("unterminated template literal")


def _regex_end(src: str, i: int) -> int:
    j, in_class = i + 1, False
    while j < len(src):
        ch = src[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "\n":
            raise Unsupported("a line break inside a regular expression")
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            j += 1
            while j < len(src) and (src[j].isalpha()):
                j += 1
            return j
        j += 1
    raise Unsupported("unterminated regular expression")


def minify(src: str) -> str:
    """*src* stripped, or as it is when the stripper cannot vouch for the result."""
    try:
        return strip(src)
    except Unsupported:
        return src

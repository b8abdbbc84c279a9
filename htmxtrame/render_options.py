"""The values a ``<select>`` offers: the only ones its page can send.

A browser's select reports the value of one of its enabled ``<option>``s
(their ``value`` attribute, else their text); a forged frame can send any
string. The renderer records, per select instance, the values of the
options it rendered (literal children, ``v_for`` rows over state, bound
``value``s alike), and :func:`htmxtrame.events.coerce` refuses a value that
is not among them, as a range input's value is kept within its range.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from .expr import to_js_string

_TAG = re.compile(r"<[^>]*>")
_ASCII_SPACE = re.compile(r"[\t\n\f\r ]+")


def option_value(attrs: dict, inner: list[str]) -> str | None:
    """The value an ``<option>`` rendered with *attrs* and inner HTML *inner* gives its select.

    None when a person cannot pick it (rendered ``disabled``).
    """
    if attrs.get("disabled") not in (None, False):
        return None
    value = attrs.get("value")
    if value is not None:
        return value if isinstance(value, str) else to_js_string(value)
    # HTML: an option without a value attribute has its text, whitespace
    # stripped and collapsed, as its value.
    text = unescape(_TAG.sub("", "".join(inner)))
    return _ASCII_SPACE.sub(" ", text).strip(" ")


def not_offered(options: dict[str, str], values: list[Any]) -> Any:
    """The first of *values* that none of *options* (option key -> value) offers, or None."""
    offered = set(options.values())
    for value in values:
        if value not in offered:
            return value
    return None

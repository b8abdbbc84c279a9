"""Helpers that mirror ``trame_server.utils``: namespacing, typed state, async tasks, small value helpers.

The value helpers are the ones trame apps and widget libraries import from
``trame_server.utils``: :func:`clean_value` (drop a dict's ``_filter`` keys),
:func:`update_dict` (deep merge), :func:`isascii`, :func:`is_dunder`,
:func:`is_private`, :func:`share` and :func:`reduce_vue_use`.
"""

from __future__ import annotations

from typing import Any


def share(obj: Any, attr_name: str, default_value: Any) -> Any:
    """``obj.<attr_name>`` when *obj* has it, else *default_value* (a child shares its parent's)."""
    if obj and hasattr(obj, attr_name):
        return getattr(obj, attr_name)
    return default_value


def isascii(s: str | bytes) -> bool:
    """True when every character (or byte) is ASCII."""
    return s.isascii()


def is_dunder(s: str) -> bool:
    """``__name__``-style names."""
    return len(s) > 4 and isascii(s) and s[:2] == s[-2:] == "__"


def is_private(s: str) -> bool:
    """Names starting with ``_``."""
    return isascii(s) and s[:1] == "_"


def clean_value(value: Any) -> Any:
    """A dict with ``_filter: [keys]`` without those keys (a copy); lists cleaned item by item."""
    if isinstance(value, dict) and "_filter" in value:
        kept = dict(value)
        for key in value.get("_filter") or ():
            kept.pop(key, None)
        return kept
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value


def update_dict(destination: dict, source: dict) -> dict:
    """Deep-merge *source* into *destination* (nested dicts are copied, never shared); return it."""
    for key, value in source.items():
        if isinstance(value, dict):
            node = destination.get(key)
            if not isinstance(node, dict):
                node = destination[key] = {}
            update_dict(node, value)
        else:
            destination[key] = value
    return destination


def reduce_vue_use(state: Any) -> None:
    """Merge duplicate entries of ``state.trame__vue_use`` (names, or ``(name, options)`` pairs), first order kept."""
    order: list[str] = []
    options: dict[str, dict] = {}
    for item in state.trame__vue_use or []:
        name, opts = (item, {}) if isinstance(item, str) else item
        if name not in options:
            order.append(name)
            options[name] = {}
        update_dict(options[name], opts)
    state.trame__vue_use = [(name, options[name]) if options[name] else name for name in order]


__all__ = ["clean_value", "is_dunder", "is_private", "isascii", "reduce_vue_use", "share", "update_dict"]

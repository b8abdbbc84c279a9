"""``$event`` for a DOM event: what the page reports, and what a handler needs of it.

The page reports an event as plain data (its type, keys, pointer position,
and a snapshot of the element it happened on). :class:`DomEvent` is that
data as ``$event``: its fields read as properties (an unknown one is
``undefined``), ``srcElement`` is ``target`` as in the browser, and
``preventDefault()``, ``stopPropagation()`` and
``stopImmediatePropagation()`` can be called. They do nothing on the
server: by then the browser has long finished with the event. The page
prevents the default itself, before it sends the event, when the
handler's code calls ``$event.preventDefault()`` as one of its
statements; :func:`dom_use` finds that, and whether the handler reads the
element snapshot, from the compiled source, once per source.
"""

from __future__ import annotations

import functools
from typing import Any

from .jsvalues import UNDEFINED
from .parser import iter_children, parse

__all__ = ["DomEvent", "EVENT_METHODS", "dom_event", "dom_use"]

EVENT = "$event"
# target/srcElement properties the page sends for every handler reading $event (an input's value)
_BASIC = frozenset({"value", "checked", "files"})
_TARGETS = frozenset({"target", "srcElement"})


class DomEvent(dict):
    """A DOM event as the page reported it; the methods live in :data:`EVENT_METHODS`."""


def _nothing(run: Any, event: Any, args: list) -> Any:
    return UNDEFINED


EVENT_METHODS = {"preventDefault": _nothing, "stopPropagation": _nothing, "stopImmediatePropagation": _nothing}


def dom_event(payload: Any) -> Any:
    """*payload* (the page's ``event`` object) as ``$event``; anything else unchanged."""
    if not isinstance(payload, dict):
        return payload
    event = DomEvent(payload)
    if "srcElement" not in event and isinstance(event.get("target"), dict):
        event["srcElement"] = event["target"]  # the browser's old name for the target
    return event


def dom_use(source: str) -> str:
    """What the page must do for a handler with this code: a string of flags.

    ``p``: call ``preventDefault()`` (a statement of the handler calls it);
    ``t``: send the snapshot of the target (the handler reads more of
    ``$event.target``/``srcElement`` than an input's value);
    ``c``: send the snapshot of ``currentTarget``.
    """
    return _dom_use(source) if EVENT in source else ""


@functools.lru_cache(maxsize=1024)
def _dom_use(source: str) -> str:
    try:
        root = parse(source, statements=True)
    except Exception:  # noqa: BLE001 - the handler compiled elsewhere; a surprise here only costs the flags
        return ""
    flags = ""
    if any(_is_prevent(stmt) for stmt in (root[2] if root[0] == "seq" else [root])):
        flags += "p"
    if _reads_target_element(root):
        flags += "t"
    if _reads(root, "currentTarget"):
        flags += "c"
    return flags


def _is_event(node: tuple) -> bool:
    return node[0] == "name" and node[2] == EVENT


def _is_prevent(node: tuple) -> bool:
    if node[0] == "chain":
        node = node[2]
    return (node[0] == "call" and node[2][0] == "member" and _is_event(node[2][2])
            and node[2][3] == "preventDefault")


def _reads_target_element(root: tuple) -> bool:
    """Some read of ``$event.target``/``srcElement`` wants more than an input's value."""
    stack: list[tuple] = [root]
    while stack:
        node = stack.pop()
        if node[0] == "member" and _is_target(node[2]):
            if not (isinstance(node[3], str) and node[3] in _BASIC):
                return True
            continue  # its child is the target read, accounted for here
        if _is_target(node):
            return True  # the element itself is used ($event.target passed on)
        stack.extend(iter_children(node))
    return False


def _is_target(node: tuple) -> bool:
    return node[0] == "member" and _is_event(node[2]) and isinstance(node[3], str) and node[3] in _TARGETS


def _reads(root: tuple, prop: str) -> bool:
    stack: list[tuple] = [root]
    while stack:
        node = stack.pop()
        if node[0] == "member" and _is_event(node[2]) and node[3] == prop:
            return True
        stack.extend(iter_children(node))
    return False

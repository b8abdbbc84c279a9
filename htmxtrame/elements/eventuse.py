"""Which of an element's events need the page's ``$event`` payload.

The page sends an event's details (coordinates, keys, the target's value)
only when something on the server reads them: a handler expression or
argument naming ``$event``, or a widget event that reports the DOM payload
itself. A click bound to ``ctrl.increment`` or ``count += 1`` goes up as
its element id and event name alone (a few dozen bytes instead of ~250).
A handler whose code the server cannot inspect is assumed to read it.
"""

from __future__ import annotations

from typing import Any

from ..expr.domevent import dom_use

EVENT = "$event"


def _reads(expr: Any) -> bool:
    """*expr* (a compiled expression, or ``None``) may read ``$event``."""
    if expr is None:
        return False
    names = getattr(expr, "names", None)
    return names is None or EVENT in names


def handler_reads_event(handler: Any) -> bool:
    """An :class:`EventHandler` whose run may read the page's payload."""
    return _reads(handler.code) or _reads(handler.args) or _reads(handler.kwargs)


def payload_events(el: Any) -> list[str]:
    """The events of *el* whose handling reads ``$event`` (in ``data-ht-on`` order)."""
    out = []
    also = el._also or {}
    for event in dict.fromkeys([*el._events, *also]):
        handler = el._events.get(event)
        if handler is not None and handler_reads_event(handler):
            out.append(event)
            continue
        # A widget's own event: $event is the reported expression's value,
        # or the DOM payload itself when it reports none.
        for extra, reported in also.get(event, ()):
            if (reported is None and handler_reads_event(extra)) or _reads(reported):
                out.append(event)
                break
    return out


def _flags(handler: Any) -> str:
    out = ""
    for expr in (handler.code, handler.args, handler.kwargs):
        source = getattr(expr, "source", None)
        if isinstance(source, str):
            out += dom_use(source)
    return out


def dom_needs(el: Any, events: list[str]) -> str:
    """``data-ht-dom`` for *el*'s *events* (those that send ``$event``), or "".

    One ``event:flags`` entry per event whose handler wants the page to
    prevent the default (``p``) or to send an element snapshot (``t`` the
    target, ``c`` currentTarget); see :func:`htmxtrame.expr.domevent.dom_use`.
    """
    also = el._also or {}
    parts = []
    for event in events:
        handler = el._events.get(event)
        flags = _flags(handler) if handler is not None else ""
        for extra, reported in also.get(event, ()):
            if reported is None:
                flags += _flags(extra)
        if flags:
            parts.append(f"{event}:{''.join(sorted(set(flags), key='ptc'.index))}")
    return " ".join(parts)

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

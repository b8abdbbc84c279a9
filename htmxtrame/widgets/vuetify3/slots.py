"""Slot templates a widget does not draw.

Vue drops a ``<template v-slot:name>`` given to a component that does not
render slot *name*. Widgets here drop such a template when it is scoped
(``v_slot_x="{ item }"``: rendered below the widget, its slot props would
read as undefined). An unscoped one is most often a real Vuetify slot that
htmxtrame does not place (a drawer's ``append``, a toolbar's
``extension``): its content stays visible, in the widget's default content.
Either way the server says so once per widget class and slot name.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("htmxtrame.widgets.vuetify")

#: past this many distinct (widget, slot) pairs, stop remembering (and warning)
MAX_WARNED = 1000

_warned: set[tuple[str, str]] = set()
_lock = threading.Lock()


def warn_undrawn(widget: str, slot: str, dropped: bool = True) -> None:
    """Log, once per *widget* class name and *slot*, that the slot's template is dropped (or misplaced)."""
    key = (widget, slot)
    with _lock:
        if key in _warned or len(_warned) >= MAX_WARNED:
            return
        _warned.add(key)
    if dropped:
        log.warning("%s: slot %r is not drawn by htmxtrame; its Template is dropped "
                    "(as Vue drops a slot the component does not render)", widget, slot)
    else:
        log.warning("%s: slot %r is not drawn in its own place by htmxtrame; its content "
                    "shows in the widget's default content", widget, slot)

"""Slot templates a widget does not draw.

Vue drops a ``<template v-slot:name>`` given to a component that does not
render slot *name*. Widgets here do the same (rendering it below the widget
would show its slot props as undefined), and say so once per widget class
and slot name, so the developer knows the content is missing.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("htmxtrame.widgets.vuetify")

#: past this many distinct (widget, slot) pairs, stop remembering (and warning)
MAX_WARNED = 1000

_warned: set[tuple[str, str]] = set()
_lock = threading.Lock()


def warn_undrawn(widget: str, slot: str) -> None:
    """Log, once per *widget* class name and *slot*, that the slot's template is dropped."""
    key = (widget, slot)
    with _lock:
        if key in _warned or len(_warned) >= MAX_WARNED:
            return
        _warned.add(key)
    log.warning("%s: slot %r is not drawn by htmxtrame; its Template is dropped "
                "(as Vue drops a slot the component does not render)", widget, slot)

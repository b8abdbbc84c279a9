"""``MouseTrap``: keyboard shortcuts that run server handlers (trame-components' widget).

::

    trap = trame.MouseTrap(Save=save, Escape=close)
    trap.bind(["ctrl+s", "mod+s"], "Save", stop_propagation=True)
    trap.bind("esc", "Escape")

Each keyword names an event and its handler (a callable, ``(fn, "[args]")``
or an expression). ``bind(keys, event)`` maps key combinations in
Mousetrap's spelling — modifiers ``ctrl``, ``alt``, ``shift``, ``meta``
(``command``/``cmd``) and ``mod`` (⌘ on macOS, Ctrl elsewhere) joined with
``+`` to a key name (``s``, ``esc``, ``enter``, ``f2``, ``up``…) — to an
event. The page's glue watches keydown and sends the event; with
``stop_propagation=True`` the browser's own action (Ctrl+S saving the
page) is prevented. Key sequences (``"g i"``) are not supported.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..elements import AbstractElement

_COMBO = re.compile(r"^([a-z]+\+)*([a-z0-9]+|[^\s+a-z0-9]|\+)$")
_MAX_BINDINGS = 64


class MouseTrap(AbstractElement):
    """An element with no box holding the page's shortcuts (see the module docstring)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        names = [k for k in kwargs if k not in ("classes", "style", "id")]
        self.__dict__["_known_events"] = frozenset(names)
        # Not `hidden`: the server refuses input from hidden elements. An
        # element with no box of its own shows nothing and still answers.
        super().__init__("div", children, **kwargs)
        self.attributes["style"] = "display: contents"
        self.__dict__["_bindings_list"] = []

    def bind(self, keys: str | list[str], event: str, stop_propagation: bool = False,
             listen_to: Any = None) -> None:
        """Run *event*'s handler when one of *keys* is pressed on the page."""
        combos = [keys] if isinstance(keys, str) else list(keys)
        if event not in self._events:
            raise ValueError(f"MouseTrap.bind(..., {event!r}): no handler named {event!r}; "
                             f"pass it when creating the trap (MouseTrap({event}=fn))")
        for combo in combos:
            if not isinstance(combo, str) or not _COMBO.match(combo.strip().lower()):
                raise ValueError(f"MouseTrap.bind({combo!r}): write a key combination such as 'ctrl+s' or 'esc' "
                                 "(key sequences like 'g i' are not supported)")
        entries = self.__dict__["_bindings_list"]
        if len(entries) >= _MAX_BINDINGS:
            raise ValueError(f"MouseTrap holds at most {_MAX_BINDINGS} bindings")
        entries.append({"keys": [c.strip().lower() for c in combos], "event": event, "stop": bool(stop_propagation)})
        self.attributes["data-ht-keys"] = json.dumps(entries, separators=(",", ":"))

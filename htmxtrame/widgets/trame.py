"""``htmxtrame.widgets.trame``: the helpers trame apps import as ``trame.widgets.trame``.

In trame they come from the trame-components package. ``SizeObserver``
reports an element's size into the state; ``MouseTrap`` runs handlers on
keyboard shortcuts; ``Cursor`` sets its parent's mouse cursor; ``FloatCard`` is a card the user drags by its
handle; ``GitTree`` lists a pipeline's nodes;
``ListBrowser`` a filterable list under a folder path; ``ClientStateChange``,
``ClientTriggers`` and ``LifeCycleMonitor`` are :mod:`htmxtrame.widgets.client`'s.
"""

from __future__ import annotations

from typing import Any

from .client import ClientStateChange, ClientTriggers, LifeCycleMonitor
from .cursor import Cursor
from .float_card import FloatCard
from .git_tree import GitTree
from .list_browser import ListBrowser
from .mouse_trap import MouseTrap
from .size_observer import SizeObserver


def initialize(server: Any) -> None:
    """trame enables the components' module here; nothing is needed in htmxtrame."""
    return None


__all__ = [
    "ClientStateChange", "ClientTriggers", "Cursor", "FloatCard", "GitTree", "LifeCycleMonitor", "ListBrowser",
    "MouseTrap", "SizeObserver",
    "initialize",
]

"""``client.ServerTemplate(name=...)``: one layout shown inside another.

trame's ``ServerTemplate`` mounts the layout registered as ``template_name``
*name* at its own place in the page. Here the spot is a ``div`` whose child
is that layout's root element, shared as a ``server.ui`` node's children
are: what the embedded layout shows, and the events its controls send,
are the same in both layouts. The layout may be defined before or after
the spot; installing (or re-installing) it re-renders every layout that
embeds it. A layout that would end up inside itself is refused.
"""

from __future__ import annotations

from typing import Any

from ..elements import AbstractElement


def _embeds(server: Any) -> dict[str, list[AbstractElement]]:
    table = server.__dict__.get("_ht_embeds")
    if table is None:
        table = server.__dict__["_ht_embeds"] = {}
    return table


def place(server: Any, name: str, spot: AbstractElement) -> None:
    """Show the layout *name* of *server* in *spot* (now if it exists, else when installed)."""
    _embeds(server).setdefault(name, []).append(spot)
    root = server.templates.get(name)
    if root is not None:
        _link(name, spot, root)


def _link(name: str, spot: AbstractElement, root: AbstractElement) -> None:
    if any(node is spot for node in root.walk()):
        raise ValueError(
            f"client.ServerTemplate(name={name!r}) is inside the layout {name!r} itself: a layout cannot "
            "show itself; embed it in another layout"
        )
    spot.children = [root]


def relink(server: Any, name: str, root: AbstractElement) -> list[str]:
    """Point the spots showing *name* at its new *root*; the other layouts that show it, by name."""
    spots = _embeds(server).get(name, [])
    for spot in spots:
        _link(name, spot, root)
    if not spots:
        return []
    return [other for other, tree in list(server.templates.items())
            if other != name and any(node in spots for node in tree.walk())]


__all__ = ["place", "relink"]

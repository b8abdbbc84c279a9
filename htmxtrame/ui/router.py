"""``htmxtrame.ui.router``: trame's ``RouterViewLayout``, the content of one route.

::

    with RouterViewLayout(server, "/foo"):
        vuetify.VCardTitle("This is foo")

    with SinglePageLayout(server) as layout:
        with layout.content:
            router.RouterView()

A ``RouterView`` on a page shows the content of the route in that page's
URL hash (``#/foo``). ``name=`` declares the content of a named view
(``RouterView(name="side")``). See :mod:`htmxtrame.routes`.
"""

from __future__ import annotations

from typing import Any

from ..elements import seed_tree
from ..routes import ROUTE_KEY, home, table
from ..widgets.html import Div
from .core import AbstractLayout

CHAR_TO_CONVERT = "/-:*"


def path_to_name(path: str, name: str = "default") -> str:
    """trame's template name for view *name* of route *path* (``/bar/:id`` → ``_bar__id___default``)."""
    text = f"{path}___{name}"
    for char in CHAR_TO_CONVERT:
        text = text.replace(char, "_")
    return text


class RouterViewLayout(AbstractLayout):
    """The content of route *path* (``"/foo"``, ``"/bar/:id"``) for view *name*.

    Leaving the ``with`` block declares it; pages showing a ``RouterView``
    re-render. Keyword arguments go to the ``<div>`` that holds the content.
    """

    def __init__(self, _server: Any, path: str, name: str = "default", **kwargs: Any) -> None:
        root = Div(trame_server=_server, **kwargs)
        super().__init__(_server, root, template_name=path_to_name(path, name))
        self.path = path
        self.name = name
        table(self.server.state).add(path, name, root)  # a bad pattern fails here, on the app's line
        self.server.state.setdefault("trame__route_mode", "hash")

    def flush_content(self) -> None:
        """Declare the content as it is now; connected pages re-render."""
        state = self.server.state
        seed_tree(self.root, state)
        state.setdefault(ROUTE_KEY, home())
        state.client_only(ROUTE_KEY)
        table(state).add(self.path, self.name, self.root)
        state.flush()
        if self.server.running or self.server.connections:
            self.server._scope.refresh()


__all__ = ["RouterViewLayout", "path_to_name"]

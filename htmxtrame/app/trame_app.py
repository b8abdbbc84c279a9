"""``htmxtrame.app.TrameApp``: a base class for class-based apps.

Subclass it, build the UI in ``__init__`` (or a ``_build_ui`` method), and
mark methods with :mod:`htmxtrame.decorators`; they are bound to the server
when the base ``__init__`` runs::

    class Cone(TrameApp):
        def __init__(self, server=None):
            super().__init__(server)
            with DivLayout(self.server) as self.ui: ...

        @change("resolution")
        def on_resolution(self, resolution, **kwargs): ...
"""

from __future__ import annotations

from typing import Any

from ..decorators import bind_marked_methods
from ..server import get_server


class TrameComponent:
    """Something that lives on a server: ``server``, ``state``, ``ctrl``, ``ctx``."""

    def __init__(self, server: Any = None, ctx_name: str | None = None, **kwargs: Any) -> None:
        self._server = get_server(server, **kwargs)
        if ctx_name:
            self._server.context[ctx_name] = self
        bind_marked_methods(self, self._server)

    @property
    def server(self) -> Any:
        """The server this component belongs to."""
        return self._server

    @property
    def state(self) -> Any:
        """The server's state."""
        return self._server.state

    @property
    def ctrl(self) -> Any:
        """The server's controller."""
        return self._server.controller

    @property
    def ctx(self) -> Any:
        """The server's context (server-side values)."""
        return self._server.context


class TrameApp(TrameComponent):
    """A whole app: a component plus ``ui`` and ``start()``."""

    ui: Any = None  # the app's layout, when it keeps one

    def __init__(self, server: Any = None, client_type: str | None = None, ctx_name: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(server, ctx_name=ctx_name, **kwargs)

    def start(self, **kwargs: Any) -> Any:
        """``server.start(**kwargs)``."""
        return self._server.start(**kwargs)

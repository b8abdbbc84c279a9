"""The layout base: a named root element installed as one of a server's pages."""

from __future__ import annotations

from typing import Any, Callable

from ..elements import AbstractElement, pop_state, push_state


class AbstractLayout:
    """A root element registered with a server under ``template_name``.

    ``with layout:`` adds children to the root (or to a slot, for layouts
    that have them); leaving the block installs the layout and re-renders
    every connected page. Optional, as in trame's user guide: ``title`` (the
    tab title), ``favicon`` and ``on_ready`` (called once the server is up).
    """

    def __init__(
        self,
        server: Any,
        root: AbstractElement,
        template_name: str = "main",
        title: str | None = None,
        favicon: str | None = None,
        on_ready: Callable | None = None,
        **kwargs: Any,
    ) -> None:
        from ..app import get_server  # layouts accept a server or its name

        self.server = get_server(server)
        self.root = root
        self.template_name = template_name
        if title is not None:
            self.server.state.trame__title = title
        if favicon is not None:
            self.server.state.trame__favicon = favicon
        if on_ready is not None:
            self.server.controller.on_server_ready.add(on_ready)
        self._depth = 0

    @property
    def state(self) -> Any:
        """The server's state."""
        return self.server.state

    def __enter__(self) -> "AbstractLayout":
        push_state(self.server.state)
        self.root.__enter__()
        self._depth += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        self.root.__exit__(*exc)
        pop_state()
        self._depth -= 1
        if exc[0] is None:
            self.flush_content()

    def flush_content(self) -> None:
        """Install the layout as it is now; connected pages re-render."""
        self.server.set_template(self.template_name, self.root)

    def clear(self) -> None:
        """Remove everything from the root."""
        self.root.clear()

    @property
    def html(self) -> str:
        """The layout rendered against the current state (for debugging)."""
        from ..render import Renderer

        return Renderer(self.server.state, self.root).render_page_body()

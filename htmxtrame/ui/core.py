"""The layout base: a named root element installed as one of a server's pages."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from ..elements import AbstractElement, pop_state, push_state


def css_unit(value: str | int | float) -> str:
    """``600`` → ``"600px"``; strings are kept (``"100%"``)."""
    return f"{value}px" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def iframe_url_builder_default(layout: Any) -> dict:
    """The iframe attributes of a layout served by its own server."""
    server = layout.server
    query = "" if layout.template_name == "main" else f"?ui={layout.template_name}"
    return {
        "id": f"{server.name}_{layout.template_name}",
        "src": f"{layout.iframe_base_url}:{server.port}/{query}",
        "style": layout.iframe_style,
        **layout.iframe_attrs,
    }


IFRAME_BUILDERS: dict[str, Callable[[Any], dict]] = {"default": iframe_url_builder_default}


def get_iframe_builder(name: str | Callable = "default") -> Callable[[Any], dict]:
    """A builder by name (only ``"default"``: the Jupyter server-proxy ones need trame's client), or *name* itself."""
    if callable(name):
        return name
    if name not in IFRAME_BUILDERS:
        raise ValueError(
            f"iframe_builder={name!r}: htmxtrame has only 'default' (the server's own port); "
            "pass a function layout -> {'src': ..., 'style': ...} to build another URL"
        )
    return IFRAME_BUILDERS[name]


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
        width: str | int = "100%",
        height: str | int = "600px",
        base_url: str = "http://localhost",
        iframe_builder: str | Callable = "default",
        **kwargs: Any,
    ) -> None:
        from ..app import get_server  # layouts accept a server or its name

        self.server = get_server(server)
        self._root = root
        root.set_server(self.server)
        self.template_name = template_name
        if title is not None:
            self.server.state.trame__title = title
        if favicon is not None:
            self.server.state.trame__favicon = favicon
        if on_ready is not None:
            self.server.controller.on_server_ready.add(on_ready)
        self._depth = 0
        # Where a notebook shows the app (trame's Jupyter integration).
        self.iframe_style = f"border: none; width: {css_unit(width)}; height: {css_unit(height)};"
        self.iframe_attrs: dict[str, Any] = {}
        self.iframe_base_url = base_url
        self._iframe_builder = get_iframe_builder(iframe_builder)

    @property
    def root(self) -> AbstractElement:
        """The root element; assigning a new root wraps the current one in it (trame's rule)."""
        return self._root

    @root.setter
    def root(self, new_root: AbstractElement) -> None:
        if new_root is not None and new_root is not self._root:
            new_root.add(self._root)
            new_root.set_server(self.server)
            self._root = new_root

    @property
    def state(self) -> Any:
        """The server's state."""
        return self.server.state

    @property
    def controller(self) -> Any:
        """The server's controller."""
        return self.server.controller

    @property
    def ready(self) -> Any:
        """Start the server in the background if it is not running (port 0, no browser); await it.

        ``await layout.ready`` in a notebook or an async script, as in trame.
        """
        if not self.server.running:
            self.server.start(exec_mode="task", port=0, open_browser=False, show_connection_info=False,
                              disable_logging=True, timeout=0)
        return self.server.ready

    @property
    def url(self) -> str:
        """Where this layout is served (``?ui=<template_name>`` for other layouts than "main")."""
        if not self.server.running:
            return "Server is not running"
        return self.iframe_builder(self)["src"]

    @property
    def iframe_builder(self) -> Callable[[AbstractLayout], dict]:
        """``fn(layout) -> {"src": ..., "style": ..., ...}``: the notebook iframe's attributes."""
        return self._iframe_builder

    @iframe_builder.setter
    def iframe_builder(self, name_or_fn: str | Callable) -> None:
        self._iframe_builder = get_iframe_builder(name_or_fn)

    def _jupyter_content(self) -> str:
        if not self.server.running:
            return "<div>The server is not running: run <code>await layout.ready</code> first.</div>"
        attributes = " ".join(f'{k}="{escape(str(v))}"' for k, v in self.iframe_builder(self).items())
        return f"<iframe {attributes}></iframe>"

    @property
    def ipywidget(self) -> Any:
        """The layout as an ipywidgets ``HTML`` widget holding an iframe of the app."""
        try:
            from ipywidgets.widgets import HTML
        except ImportError as exc:
            raise ImportError("layout.ipywidget needs ipywidgets: pip install ipywidgets") from exc
        return HTML(value=self._jupyter_content())

    def _ipython_display_(self) -> None:
        from IPython.display import display_html

        display_html(self._jupyter_content(), raw=True)

    async def display_cell(self, *, height: str | int | None = None, width: str | int | None = None) -> None:
        """In a notebook: start the server if needed, then show the app in the cell."""
        from IPython.display import clear_output

        self.iframe_style = f"border: none; width: {css_unit(width or '100%')}; height: {css_unit(height or '100%')};"
        await self.ready
        clear_output(wait=True)
        self._ipython_display_()

    def __enter__(self) -> AbstractLayout:
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

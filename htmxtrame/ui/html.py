"""``htmxtrame.ui.html``: a layout made of one plain ``<div>``."""

from __future__ import annotations

from typing import Any

from ..widgets import html
from .core import AbstractLayout


class DivLayout(AbstractLayout):
    """A bare ``<div>`` root: ``with DivLayout(server) as layout: html.P(...)``."""

    def __init__(self, server: Any, template_name: str = "main", connect_parent: bool = True,
                 style: Any = None, classes: Any = None, **kwargs: Any) -> None:
        # connect_parent: trame attaches a layout built inside another element's `with` block to it.
        layout_keys = {k: kwargs.pop(k) for k in ("title", "favicon", "on_ready") if k in kwargs}
        root = html.Div(style=style, classes=classes, connect_parent=connect_parent, **kwargs)
        super().__init__(server, root, template_name=template_name, **layout_keys)

"""``htmxtrame.ui.html``: a layout made of one plain ``<div>``."""

from __future__ import annotations

from typing import Any

from ..widgets import html
from .core import AbstractLayout


class DivLayout(AbstractLayout):
    """A bare ``<div>`` root: ``with DivLayout(server) as layout: html.P(...)``."""

    def __init__(self, server: Any, template_name: str = "main", **kwargs: Any) -> None:
        layout_keys = {k: kwargs.pop(k) for k in ("title", "favicon", "on_ready") if k in kwargs}
        super().__init__(server, html.Div(**kwargs), template_name=template_name, **layout_keys)

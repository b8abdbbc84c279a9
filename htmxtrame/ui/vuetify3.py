"""``htmxtrame.ui.vuetify3``: trame's Vuetify application layouts.

Rendered as plain HTML with Vuetify's class names (styled by our CSS), so a
trame app's ``SinglePageLayout`` looks the same without Vue.
"""

from __future__ import annotations

from typing import Any

from ..widgets import html
from .core import AbstractLayout

_LAYOUT_KEYS = ("title", "favicon", "on_ready")


def _split(kwargs: dict) -> dict:
    return {k: kwargs.pop(k) for k in _LAYOUT_KEYS if k in kwargs}


class VAppLayout(AbstractLayout):
    """A blank Vuetify application root (``v-app``)."""

    def __init__(self, server: Any, template_name: str = "main", **kwargs: Any) -> None:
        layout = _split(kwargs)
        classes = " ".join(filter(None, ["v-application v-theme--light", kwargs.pop("classes", "")]))
        root = html.Div(id="app", classes=classes, **kwargs)
        super().__init__(server, root, template_name=template_name, **layout)


class SinglePageLayout(VAppLayout):
    """Toolbar (``icon``, ``title``), ``content`` and ``footer`` slots."""

    def __init__(self, server: Any, template_name: str = "main", **kwargs: Any) -> None:
        super().__init__(server, template_name=template_name, **kwargs)
        with self.root:
            self.toolbar = html.Header(classes="v-app-bar v-toolbar")
            with self.toolbar:
                self.icon = html.Span(classes="v-app-bar-nav-icon")
                self.title = html.Div("Trame application", classes="v-toolbar-title")
            self.content = html.Main(classes="v-main")
            self.footer = html.Footer(classes="v-footer")
            with self.footer:
                html.Span("Powered by htmxtrame", classes="v-footer-brand")


class SinglePageWithDrawerLayout(SinglePageLayout):
    """Adds a ``drawer``, open while ``main_drawer`` is true; the icon toggles it."""

    def __init__(
        self, server: Any, template_name: str = "main", show_drawer: bool = True, width: int = 300, **kwargs: Any
    ) -> None:
        super().__init__(server, template_name=template_name, **kwargs)
        self.icon.click = "main_drawer = !main_drawer"
        self.icon.attributes["role"] = "button"
        with self.root:
            self.drawer = html.Nav(
                classes="v-navigation-drawer",
                style=f"width: {int(width)}px",
                v_show=("main_drawer", show_drawer),
            )
        # The drawer sits between the toolbar and the content, as in Vuetify.
        self.root.children.remove(self.drawer)
        self.root.children.insert(1, self.drawer)

"""``htmxtrame.ui.vuetify3``: trame's Vuetify application layouts, made of the Vuetify widgets.

* :class:`VAppLayout` — a bare ``VApp``; children go inside it.
* :class:`SinglePageLayout` — ``toolbar`` (with ``icon`` and ``title``),
  ``content`` and ``footer`` slots; the footer shows a progress bar while
  the page waits for the server (the glue puts ``ht-busy`` on ``<html>``).
* :class:`SinglePageWithDrawerLayout` — adds a ``drawer``, open while the
  state key ``main_drawer`` is true; the toolbar icon toggles it.

All take ``template_name`` (pick with ``?ui=name``) and, as in trame's user
guide, ``title``, ``favicon`` and ``on_ready``.
"""

from __future__ import annotations

from typing import Any

from ..widgets import html
from ..widgets import vuetify3 as v3
from .core import AbstractLayout

_LAYOUT_KEYS = ("title", "favicon", "on_ready")


def _split(kwargs: dict) -> dict:
    return {k: kwargs.pop(k) for k in _LAYOUT_KEYS if k in kwargs}


# Vuetify's global theme as trame apps reach it: ``v_model="$vuetify.theme.dark"``
# (Vuetify 2's dark switch) or ``$vuetify.theme.global.name`` (Vuetify 3).
# Here ``$vuetify`` is a state key (shared by every page of the server) the
# layout's VApp follows unless the app gives the VApp a theme of its own.
GLOBAL_THEME = "$vuetify.theme.dark ? 'dark' : $vuetify.theme.global.name"


def vuetify_globals(vuetify_config: dict | None) -> dict:
    """The ``$vuetify`` state value a layout starts with (``defaultTheme`` from *vuetify_config*)."""
    theme = (vuetify_config or {}).get("theme") if isinstance(vuetify_config, dict) else None
    name = theme.get("defaultTheme") if isinstance(theme, dict) else None
    dark = name == "dark"
    return {"theme": {"dark": dark, "global": {"name": name if isinstance(name, str) and name else "light"}}}


class VAppLayout(AbstractLayout):
    """A blank Vuetify application root (``v-app``)."""

    def __init__(self, server: Any, template_name: str = "main", vuetify_config: dict | None = None,
                 **kwargs: Any) -> None:
        layout = _split(kwargs)
        if "theme" not in kwargs and "dark" not in kwargs:
            kwargs["theme"] = (GLOBAL_THEME,)
        super().__init__(server, v3.VApp(**kwargs), template_name=template_name, **layout)
        self.server.state.setdefault("$vuetify", vuetify_globals(vuetify_config))
        # trame hands this to Vuetify's createVuetify() in the browser; kept for the app to read
        # (never rendered as an attribute). Themes are CSS here: see docs/widgets.md.
        self.vuetify_config = vuetify_config


class SinglePageLayout(VAppLayout):
    """An app bar (``icon``, ``title``), ``content`` and a ``footer``.

    The title is the page's ``<h1>`` (``title_tag="div"`` when the content has its own).
    """

    def __init__(self, server: Any, template_name: str = "main", vuetify_config: dict | None = None,
                 title_tag: str = "h1", **kwargs: Any) -> None:
        super().__init__(server, template_name=template_name, vuetify_config=vuetify_config, **kwargs)
        with self.root:
            self.toolbar = v3.VAppBar(density="comfortable", classes="ht-toolbar")
            with self.toolbar:
                self.icon = v3.VAppBarNavIcon(classes="ht-toolbar-icon", aria_label="Menu")
                # the page's level-one heading (axe's page-has-heading-one); title_tag="div" opts out
                self.title = v3.VToolbarTitle("Trame application", tag=title_tag, classes="ht-toolbar-title")
            self.body = html.Div(classes="v-layout ht-body")
            with self.body:
                self.content = v3.VMain(classes="ht-content")
            self.footer = v3.VFooter(classes="ht-footer text-caption")
            with self.footer:
                v3.VProgressLinear(indeterminate=True, classes="v-busy-bar", aria_label="Waiting for the server")
                html.Span("Powered by htmxtrame", classes="text-medium-emphasis")


class SinglePageWithDrawerLayout(SinglePageLayout):
    """Adds a ``drawer``, open while ``main_drawer`` is true; the toolbar icon toggles it."""

    def __init__(
        self, server: Any, template_name: str = "main", show_drawer: bool = True, width: int = 300,
        vuetify_config: dict | None = None, **kwargs: Any,
    ) -> None:
        super().__init__(server, template_name=template_name, vuetify_config=vuetify_config, **kwargs)
        self.icon.click = "main_drawer = !main_drawer"
        # a disclosure button (WAI-ARIA APG): it says whether the drawer is open and which element it opens
        self.icon.aria_label = "Navigation"
        self.icon.aria_expanded = ("main_drawer ? 'true' : 'false'",)
        self.icon.aria_controls = "ht-drawer"
        with self.body:
            self.drawer = v3.VNavigationDrawer(v_model=("main_drawer", show_drawer), width=width,
                                               classes="ht-drawer", id="ht-drawer", aria_label="Navigation")
        # The drawer sits before the content, as in Vuetify.
        self.body.children.remove(self.drawer)
        self.body.children.insert(0, self.drawer)


__all__ = ["SinglePageLayout", "SinglePageWithDrawerLayout", "VAppLayout"]

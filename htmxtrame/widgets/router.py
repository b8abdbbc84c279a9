"""``htmxtrame.widgets.router``: trame-router's ``RouterView`` and ``RouterLink``.

``RouterView()`` shows the content the current route of *this* page
declared (``RouterViewLayout(server, "/foo")``, :mod:`htmxtrame.ui.router`);
``RouterLink("Foo", to="/foo")`` is a link to a route. Routes live in the
URL hash (``http://host/#/foo``), as with trame's default hash history: a
link, the Back button or a typed URL re-render that page only. See
:mod:`htmxtrame.routes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..elements import AbstractElement
from ..expr import compile_expr
from ..routes import ROUTE_KEY, active_expr, home, href, href_expr, table

_ROUTE = compile_expr(ROUTE_KEY)


class RouterView(AbstractElement):
    """Where the current route's content goes (``name``: a named view, as in vue-router).

    Rendered as ``<div style="display: contents">``: its content re-renders
    as one piece when the route, or a state key it reads, changes.
    """

    _page_keys = (ROUTE_KEY,)  # each page has its own route (htmxtrame.scopes.page)

    def __init__(self, children: Any = None, name: str = "default", **kwargs: Any) -> None:
        super().__init__("div", children, **kwargs)
        self.__dict__["_view_name"] = str(name)
        self.attributes.setdefault("style", "display: contents")
        self.attributes["data-ht-router-view"] = str(name)
        # The route it shows: the page hides a view showing another route than its hash names.
        self._bindings["data-ht-route"] = compile_expr(f"{ROUTE_KEY}?.fullPath ?? '/'")
        self._defaults.append((ROUTE_KEY, home()))

    def content_for(self, evaluate: Callable[[Any], Any]) -> list:
        """What to render inside, for the route *evaluate* reads (the renderer calls this)."""
        route = evaluate(_ROUTE)
        path = route.get("path") if isinstance(route, dict) else None
        content = table(self.state).content(path if isinstance(path, str) else "/", self._view_name)
        return [content] if content is not None else []


class RouterLink(AbstractElement):
    """A link to route ``to`` (a path, ``("expr",)``, or ``{"path", "query"}``).

    Carries ``router-link-active`` and ``router-link-exact-active`` (or
    ``active_class``/``exact_active_class``) while its page is on that route.
    """

    _page_keys = (ROUTE_KEY,)

    def __init__(self, children: Any = None, to: Any = None, **kwargs: Any) -> None:
        active = kwargs.pop("active_class", "router-link-active")
        exact = kwargs.pop("exact_active_class", "router-link-exact-active")
        for ignored in ("replace", "append", "tag", "exact", "exact_path", "exact_path_active_class",
                        "event", "aria_current_value", "custom"):
            kwargs.pop(ignored, None)  # vue-router options with no meaning for a plain link
        super().__init__("a", children, **kwargs)
        if to is None:
            raise ValueError("RouterLink needs to='/path' (the route it links to)")
        link_to(self, to, f"{{{_js(active)}: __on, {_js(exact)}: __on}}")


def link_to(el: AbstractElement, to: Any, classes: str | None = None) -> str:
    """Make *el* (an ``<a>``) link to route *to*; with *classes* (an expression using ``__on``),
    also bind them on whether its page is on that route. Returns that condition (an expression)."""
    if isinstance(to, tuple):
        el._bindings["href"] = compile_expr(href_expr(to[0]))
        on = active_expr(f"({to[0]})")
    else:
        el.attributes["href"] = href(to)
        on = active_expr(_js(href(to)[1:]))
    if classes is not None:
        el._bindings["class"] = compile_expr(f"((__on) => ({classes}))({on})")
    el._defaults.append((ROUTE_KEY, home()))
    el.__dict__["_page_keys"] = (ROUTE_KEY,)  # each page has its own route
    return on


def link_href(given: Any, to: Any) -> Any:
    """What a widget taking ``href`` or ``to`` links to: the ``href`` *given*, else route *to* as a
    hash link (``"#/foo"``, or a bound ``(expression,)``); None for neither."""
    if given is not None or to is None:
        return given
    return (href_expr(to[0]),) if isinstance(to, tuple) else href(to)


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


__all__ = ["RouterLink", "RouterView"]

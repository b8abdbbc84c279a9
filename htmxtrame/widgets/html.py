"""Every HTML5 element, as ``htmxtrame.widgets.html.Div`` and so on.

Mirrors ``trame.widgets.html``: ``html.Div("text", classes="pa-2")``,
``html.Input(type="range", v_model=("value", 8))``. Each class is a thin
:class:`~htmxtrame.elements.AbstractElement` with its tag name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..elements import AbstractElement

_TAGS = """
a abbr address area article aside audio b base bdi bdo blockquote body br
button canvas caption cite code col colgroup data datalist dd del details dfn
dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4
h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li
link main map mark menu meta meter nav noscript object ol optgroup option
output p param picture pre progress q rp rt ruby s samp script search section
select slot small source span strong style sub summary sup table tbody td
template textarea tfoot th thead time title tr track u ul var video wbr
""".split()

# Elements with no closing tag.
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


class HtmlElement(AbstractElement):
    """Base of the HTML widgets: ``Tag(children=None, **kwargs)``."""

    _tag = "div"

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        super().__init__(self._tag, children, **kwargs)


def _make(tag: str) -> type[HtmlElement]:
    name = tag.capitalize()
    cls = type(name, (HtmlElement,), {"_tag": tag, "is_single": tag in _VOID, "__module__": __name__})
    cls.__doc__ = f"The HTML ``<{tag}>`` element."
    return cls


for _tag in _TAGS:
    globals()[_tag.capitalize()] = _make(_tag)

if TYPE_CHECKING:  # the classes are made at import time; tell the type checker what they are

    def __getattr__(name: str) -> type[HtmlElement]: ...




class Svg(HtmlElement):
    """The ``<svg>`` element (children: ``html.Template`` or raw markup via ``v_html``)."""

    _tag = "svg"


class _VueBuiltin(HtmlElement):
    """Vue's built-in components render their children in place here (``display: contents`` wrapper).

    ``Transition``/``TransitionGroup`` show and hide without animation,
    ``KeepAlive``/``Suspense`` have nothing to keep or wait for (the server
    renders everything), and ``Teleport`` leaves its children where they are
    built (give them ``position: fixed`` styling for overlays).
    """

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        for vue_only in ("name", "appear", "mode", "css", "type", "duration", "tag", "move_class", "to",
                         "include", "exclude", "max", "timeout", "disabled", "defer"):
            kwargs.pop(vue_only, None)
        kwargs["style"] = "display: contents"
        super().__init__(children, **kwargs)


class Transition(_VueBuiltin):
    """Vue's ``<transition>``: its children, shown without animation."""


class TransitionGroup(_VueBuiltin):
    """Vue's ``<transition-group>``: its children, shown without animation."""


class KeepAlive(_VueBuiltin):
    """Vue's ``<keep-alive>``: its children."""


class Suspense(_VueBuiltin):
    """Vue's ``<suspense>``: its children (nothing is asynchronous in a server render)."""


class Teleport(_VueBuiltin):
    """Vue's ``<teleport to=...>``: its children, left in place."""


class Component(HtmlElement):
    """Vue's ``<component is="tag">``: the element named by a fixed ``is_`` (an HTML tag name)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        tag = kwargs.pop("is_", kwargs.pop("is", None))
        if not isinstance(tag, str) or not tag.replace("-", "").isalnum():
            raise ValueError(
                f"html.Component(is_={tag!r}): htmxtrame renders on the server, so `is` must be a fixed HTML tag "
                "name such as 'section'; to switch between elements on a state value, build each with v_if/v_else"
            )
        self._tag = tag.lower()
        super().__init__(children, **kwargs)


def initialize(server: Any) -> None:
    """trame enables its client module here; HTML elements need nothing in htmxtrame."""
    return None


__all__ = [
    "Component", "HtmlElement", "KeepAlive", "Suspense", "Svg", "Teleport", "Transition", "TransitionGroup",
    "initialize", *(t.capitalize() for t in _TAGS),
]

"""``htmxtrame.widgets.client``: ``trame.widgets.client``, rendered on the server.

What works:

* :class:`Style` / :class:`Script` — a ``<style>`` / ``<script>`` block of
  static text from the app author; ``.update(text)`` replaces it on every page.
* :class:`Loading` — a spinner with a message.
* :class:`ClientStateChange` — ``change`` (a Python callable) runs when the
  state key ``value`` changes (a server-side state listener: the same moment
  trame's client-side watcher would call back).
* :class:`ClientTriggers` — handlers for ``mounted``/``created`` (a page
  connected) and ``exit``/``before_unmount``/``before_destroy`` (a page
  left); ``.call(name, *args)`` runs the one given as *name*. A handler is a
  callable, ``(fn, "[args]")`` or an expression evaluated on the server
  (:mod:`htmxtrame.widgets.client_triggers`).
* :class:`SizeObserver` — a ``div`` whose pixel size the page reports into
  ``state[name]`` (:mod:`htmxtrame.widgets.size_observer`).
* :class:`DeepReactive`, :class:`LifeCycleMonitor` — transparent containers
  (every state change re-renders here, so nested values are always fresh).
* :class:`ServerTemplate` — shows another layout of the server (its
  ``template_name`` as ``name``) in place (:mod:`htmxtrame.widgets.client_embed`).

What raises, with the reason and the alternative, because it only exists to
run code or Vue machinery in the browser: :class:`JSEval`, :class:`Getter`, :class:`Handler`,
:func:`register_external_script`. Nothing a page sends is ever run as code.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable
from typing import Any, NoReturn

from ..elements import AbstractElement, Text
from .client_adapter import ClientAdapter
from .client_triggers import ClientTriggers
from .size_observer import SizeObserver

log = logging.getLogger("htmxtrame.widgets.client")

_ids = itertools.count(1)


def _unsupported(name: str, why: str, instead: str) -> NoReturn:
    raise NotImplementedError(f"client.{name}: {why} htmxtrame renders on the server and never runs code a "
                              f"page sends or builds at runtime. Instead: {instead}")


def _raw(text: Any, tag: str) -> Text:
    """A child rendered verbatim inside a raw-text element, refusing a breakout."""
    if not isinstance(text, str):
        raise TypeError(f"client.{tag.capitalize()} takes its content as a string, got {type(text).__name__}")
    if re.search(rf"</\s*{tag}", text, re.I) or "<!--" in text:
        raise ValueError(
            f"client.{tag.capitalize()} content must not contain '</{tag}' or '<!--' (it would end the "
            f"<{tag}> block early); serve long {tag} text as a file with server.enable_module instead"
        )
    child = Text.__new__(Text)
    child.html = text
    return child


class _RawBlock(AbstractElement):
    """A ``<style>``/``<script>`` whose text the app may replace later with :meth:`update`."""

    _prefix = ""

    def __init__(self, tag: str, content: str | None, **kwargs: Any) -> None:
        super().__init__(tag, **kwargs)
        self._var_name = f"{self._prefix}{next(_ids)}"
        if content:
            self.children.append(_raw(content, tag))

    @property
    def var_name(self) -> str:
        """A name unique to this block (trame's state variable name; nothing is stored in state here)."""
        return self._var_name

    def _replace(self, content: str | None) -> None:
        child = _raw(content, self.tagname) if content else None  # validate before touching anything
        self.clear()
        if child is not None:
            self.children.append(child)
        server = self.server
        if server.running or server.connections:
            server._scope.refresh()  # rare: re-send the layouts so every page gets the new text


class Style(_RawBlock):
    """``client.Style("body { margin: 0 }")``: CSS added where it is placed; ``.update(css)`` replaces it."""

    _prefix = "trame__inline_style_"

    def __init__(self, css_content: str | None = None, **kwargs: Any) -> None:
        super().__init__("style", css_content, **kwargs)

    def update(self, css_content: str | None) -> None:
        """Replace the CSS on every page."""
        self._replace(css_content)


class Script(_RawBlock):
    """``client.Script("customElements.define(...)")``: static JavaScript from the app author.

    ``src=``, ``module=True`` (``type="module"``), ``defer``, ``async_``… are
    passed through as attributes; ``.update(js)`` replaces the text.
    """

    _prefix = "trame__inline_script_"

    def __init__(self, script_content: str | None = None, **kwargs: Any) -> None:
        if kwargs.pop("module", False):
            kwargs.setdefault("type", "module")
        super().__init__("script", script_content, **kwargs)

    def update(self, script_content: str | None) -> None:
        """Replace the script text on every page (a browser runs a re-inserted script again)."""
        self._replace(script_content)


class Loading(AbstractElement):
    """Three spinning dots and ``message`` (text, or ``("key",)`` bound to the state)."""

    def __init__(self, children: Any = None, message: Any = None, **kwargs: Any) -> None:
        kwargs["classes"] = " ".join(filter(None, ["trame-loading", kwargs.get("classes")]))
        super().__init__("div", children, role="status", **kwargs)
        from . import html

        with self:
            html.Span(classes="trame-loading-dots", aria_hidden="true",
                      style="display:inline-block;width:1em;height:1em;border-radius:50%;"
                            "border:.2em solid currentColor;border-right-color:transparent;"
                            "animation:ht-spin .8s linear infinite")
            if isinstance(message, tuple):
                html.Span(f"{{{{ {message[0]} }}}}", classes="trame-loading-message")
            elif message is not None:
                html.Span(str(message), classes="trame-loading-message")
        self.add(Style("@keyframes ht-spin{to{transform:rotate(360deg)}}", connect_parent=False))


class _Transparent(AbstractElement):
    """A container that does not affect layout (``display: contents``)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs["style"] = "display: contents"
        super().__init__("div", children, **kwargs)


class DeepReactive(_Transparent):
    """trame needs it for Vue to see nested changes; here every change re-renders, so it only groups children."""

    def __init__(self, name: str | None = None, children: Any = None, **kwargs: Any) -> None:
        super().__init__(children, **kwargs)
        self._name = name


class LifeCycleMonitor(_Transparent):
    """A debugging aid for Vue's component life cycle; here a plain container (pages do not re-create parts)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        for key in ("name", "type", "value", "events", "created", "before_mount", "mounted",
                    "before_update", "updated", "before_destroy", "destroyed"):
            kwargs.pop(key, None)
        super().__init__(children, **kwargs)


class ClientStateChange(AbstractElement):
    """Call ``change`` (a Python callable, no arguments) when the state key ``value`` changes.

    ``trigger_on_create=True`` also calls it when a page connects. Renders nothing visible.
    """

    def __init__(self, children: Any = None, value: str | None = None, change: Callable | None = None,
                 immediate: bool = False, trigger_on_create: bool = False, **kwargs: Any) -> None:
        if value is None and isinstance(kwargs.get("name"), str):
            value = kwargs.pop("name")  # trame-components' spelling: ClientStateChange(name=..., change=...)
        if not isinstance(value, str) or not value:
            raise TypeError("client.ClientStateChange(value='state_key', change=fn) needs the state key to watch")
        if change is not None and not callable(change):
            raise TypeError(
                f"client.ClientStateChange(change={change!r}): pass a Python callable; a JavaScript expression "
                "cannot run here (htmxtrame runs nothing a page builds as code)"
            )
        super().__init__("div", children, hidden=True, **kwargs)
        if change is not None:
            self.state.change(value)(lambda **_: change())
            if trigger_on_create:
                self.ctrl.on_client_connected.add(change)


class JSEval(AbstractElement):
    """trame evaluates JavaScript text in the browser; refused here."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        _unsupported("JSEval", "it evaluates JavaScript text in the page.",
                     "server.js_call(ref, method, *args) calls a method of an element registered with ref=; "
                     "client.Script adds static JavaScript you wrote.")

    def exec(self, event: Any = None) -> None:
        """Never reached: construction raises."""
        _unsupported("JSEval.exec", "it evaluates JavaScript text in the page.", "server.js_call(ref, method).")


class Getter(AbstractElement):
    """trame exposes a state value picked by a runtime name to a Vue slot; refused here."""

    def __init__(self, children: Any = None, value_name: str | None = None, key_name: str | None = None,
                 update_nested_name: str | None = None, update_name: str | None = None, **kwargs: Any) -> None:
        _unsupported("Getter", "it hands Vue slot props (value/update functions) to its children.",
                     "read the state key directly in the children ('{{ my_key }}', value=('my_key',)), or compute "
                     "the value in a @state.change listener into a key of its own.")


class ServerTemplate(AbstractElement):
    """Another layout of this server, shown here: ``ServerTemplate(name="view_a")`` shows the layout
    built with ``template_name="view_a"`` (:mod:`htmxtrame.widgets.client_embed`)."""

    def __init__(self, children: Any = None, name: Any = "main", **kwargs: Any) -> None:
        if not isinstance(name, str):
            raise TypeError(
                f"client.ServerTemplate(name={name!r}): give the layout's template_name as a string; "
                "to switch between layouts by state, put one ServerTemplate per layout under v_if/v_show"
            )
        super().__init__("div", None, **kwargs)  # a div: classes/style given to it apply, as on trame's
        self._template = name
        from .client_embed import place

        place(self.server, name, self)


class Handler(AbstractElement):
    """trame runs a registered external JavaScript function; refused here."""

    def __init__(self, *, function: Any, variable: str = "input_data", **kwargs: Any) -> None:
        _unsupported("Handler", "it runs JavaScript functions from registered external scripts.",
                     "compute in Python (a @state.change listener or a controller method).")


def register_external_script(script_file_path: Any, *, function_names: list[str], name: str | None = None,
                             umd: bool = False, umd_global_var_name: str | None = None) -> NoReturn:
    """trame registers JavaScript for :class:`Handler`; refused here."""
    _unsupported("register_external_script", "it loads JavaScript for client.Handler to call.",
                 "for a static script use client.Script(src=...) or server.enable_module({'scripts': [...]}).")


def initialize(server: Any) -> None:
    """trame enables its client module here; nothing is needed in htmxtrame."""
    return None


__all__ = [
    "ClientAdapter", "ClientStateChange", "ClientTriggers", "DeepReactive", "Getter", "Handler", "JSEval",
    "LifeCycleMonitor", "Loading", "Script", "ServerTemplate", "SizeObserver", "Style", "initialize",
    "register_external_script",
]

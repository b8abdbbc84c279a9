"""trame's element-level API that is not about attributes: ``.server``, ``.state``, ``.ctrl``, ``.html``…

Mixed into :class:`~htmxtrame.elements.AbstractElement`. An element's
server is, in order: the one given with ``trame_server=`` (or
:meth:`set_server`), the one of the layout it was built in, else the
default server (``get_server()``), as in trame.
"""

from __future__ import annotations

import re
from typing import Any

# trame's constructor keywords that configure the Python object, never the HTML.
CONSTRUCTION_KEYWORDS = ("trame_server", "ctx_name", "raw_attrs", "connect_parent", "__properties", "__events")

_RAW_ATTR = re.compile(r'^\s*([A-Za-z][\w.-]*)\s*(?:=\s*"([^"]*)")?\s*$')


def parse_raw_attrs(raw_attrs: list[str]) -> dict[str, Any]:
    """``raw_attrs=['data-x="1"', 'hidden']`` → plain attributes; Vue syntax is refused with a reason."""
    out: dict[str, Any] = {}
    for raw in raw_attrs:
        m = _RAW_ATTR.match(raw) if isinstance(raw, str) else None
        if m is None or raw.lstrip()[:1] in (":", "@", "#") or raw.lstrip().startswith("v-"):
            raise ValueError(
                f"raw_attrs entry {raw!r}: htmxtrame renders on the server and has no Vue compiler, so raw "
                "attributes may only be static HTML (name=\"value\" or a bare name). Pass bindings and events "
                "as keyword arguments instead: value=(\"key\",), click=handler, v_if=\"expr\"."
            )
        out[m.group(1)] = m.group(2) if m.group(2) is not None else True
    return out


class TrameElementAPI:
    """``server``, ``state``, ``ctrl``, ``ctx``, ``html`` and trame's helper methods on every element."""

    __slots__ = ()

    @property
    def server(self) -> Any:
        """The server this element belongs to (see the module docstring)."""
        node: Any = self
        while node is not None:
            server = node.__dict__.get("_server")
            if server is not None:
                return server
            frame = node.__dict__.get("_ctx")  # still inside its parent's `with` block: not attached yet
            node = getattr(node, "parent", None) or (frame.tag if frame is not None else None)
        from ..server import get_server  # elements sit below the server; resolved lazily

        return get_server()

    def set_server(self, v: Any) -> None:
        """Attach this element (and what is built under it) to server *v*."""
        self.__dict__["_server"] = v

    @property
    def state(self) -> Any:
        """The element's server's state."""
        return self.server.state

    @property
    def ctrl(self) -> Any:
        """The element's server's controller."""
        return self.server.controller

    @property
    def ctx(self) -> Any:
        """The element's server's context."""
        return self.server.context

    @property
    def html(self) -> str:
        """The element rendered to HTML against its server's current state.

        trame returns the Vue template source here; htmxtrame has no
        template, so this is what a page would show for the element now.
        """
        from ..render import Renderer  # render sits above elements: resolved lazily

        return Renderer(self.state, self).render_page_body()  # type: ignore[arg-type]

    @property
    def skipped_attributes(self) -> set[str]:
        """Keyword arguments that were not used (always empty: every keyword becomes an attribute)."""
        return set()

    def ttsSensitive(self) -> Any:  # noqa: N802 - trame's name
        """trame re-creates the element on each layout update; every render here is fresh already."""
        return self

    def attrs(self, *names: str) -> str:
        """The element's static HTML attributes, ``name="value"`` joined (trame builds its template with this)."""
        from html import escape

        attributes = getattr(self, "attributes", {})
        wanted = names or tuple(attributes)
        return " ".join(f'{n}="{escape(str(attributes[n]))}"' for n in wanted if n in attributes)

    def events(self, *names: str) -> str:
        """The names of the events the element handles (trame builds its template with this)."""
        handled = self.__dict__.get("_events", {})
        wanted = names or tuple(handled)
        return " ".join(n for n in wanted if n in handled)

    @staticmethod
    def register_directive(py_name: str, js_name: str | None = None) -> None:
        """trame registers a Vue directive for widget libraries; there is no Vue here."""
        raise NotImplementedError(
            f"register_directive({py_name!r}): Vue directives need Vue in the browser; htmxtrame renders "
            "on the server. Supported directives are v_if/v_else_if/v_else/v_show/v_for/v_model/v_text/"
            "v_html/v_bind; for other behaviour write a widget class (see docs/widgets.md)."
        )

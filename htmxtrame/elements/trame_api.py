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

# One raw attribute: a name (static, or Vue's ``:x`` / ``@x`` / ``#x`` / ``v-x:arg.mod``)
# and an optional quoted value.
_RAW_ATTR = re.compile(r"""^\s*([:@#]?[A-Za-z][\w.:-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'))?\s*$""")
# Vue directives a raw attribute may name: the keyword each one stands for.
_RAW_DIRECTIVES = frozenset({"if", "else-if", "else", "show", "for", "text", "html", "bind", "once", "pre", "cloak"})
_RAW_MODEL = re.compile(r"^model(?:\.(?:number|trim|lazy))*$")


def parse_raw_attrs(raw_attrs: list[str]) -> dict[str, Any]:
    """trame's ``raw_attrs=[...]`` → the keyword arguments they stand for.

    Static HTML (``'data-x="1"'``, ``'hidden'``) stays an attribute. Vue's
    template syntax is read as its keyword spelling, since htmxtrame renders
    on the server: ``'v-slot:item.1'`` / ``'#item.1'`` → a slot,
    ``':x="e"'`` / ``'v-bind:x="e"'`` → ``x=("e",)``, ``'@click="e"'`` /
    ``'v-on:click="e"'`` → ``click="e"``, ``'v-if="e"'``, ``'v-model="k"'``…
    → ``v_if="e"``, ``v_model=("k",)``. Anything else (a custom directive, a
    malformed entry) is refused with a reason.
    """
    out: dict[str, Any] = {}
    for raw in raw_attrs:
        m = _RAW_ATTR.match(raw) if isinstance(raw, str) else None
        name = m.group(1) if m else ""
        value = None if m is None else m.group(2) if m.group(2) is not None else m.group(3)
        key, kw_value = _raw_keyword(name, value) if m else (None, None)
        if key is None:
            raise ValueError(
                f"raw_attrs entry {raw!r}: htmxtrame renders on the server and has no Vue compiler, so raw "
                "attributes may be static HTML (name=\"value\" or a bare name), a slot (v-slot:name / #name), "
                "a binding (:x=\"expr\"), an event (@click=\"expr\") or one of Vue's built-in directives "
                "(v-if, v-show, v-for, v-model, ...). Pass anything else as keyword arguments: "
                "value=(\"key\",), click=handler, v_if=\"expr\"."
            )
        out[key] = kw_value
    return out


def map_trame_properties(properties: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Apply trame's ``__properties=[("calories", "v-slot:item.calories")]`` renames to *kwargs*.

    trame's examples reach a slot whose name is no Python identifier this way
    (``Template(calories="{ item }", __properties=[...])``). A pair whose Vue
    name is a slot or a directive makes the keyword that name stands for;
    other entries name props htmxtrame already reads by their Python name.
    """
    out = dict(kwargs)
    for entry in properties or ():
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2 and entry[0] in out):
            continue
        py_name, vue_name = entry
        if not isinstance(vue_name, str) or not (vue_name.startswith(("#", "v-")) and not vue_name.startswith("v-bind")):
            continue
        value = out[py_name]
        key, kw_value = _raw_keyword(vue_name, value if isinstance(value, str) else None)
        if key is not None:
            del out[py_name]
            out[key] = kw_value if isinstance(value, str) or value is True else value
    return out


def _raw_keyword(name: str, value: str | None) -> tuple[str | None, Any]:
    """The keyword and value one raw attribute stands for; ``(None, None)`` when it has none."""
    if name.startswith("#") or name == "v-slot" or name.startswith("v-slot:"):
        slot = name[1:] if name.startswith("#") else name[len("v-slot:"):] or "default"
        return (f"v_slot:{slot}" if slot else None), (value if value is not None else True)
    if name.startswith("v-bind:"):
        name = ":" + name[len("v-bind:"):]
    elif name.startswith("v-on:"):
        name = "@" + name[len("v-on:"):]
    if name.startswith(":"):
        return (name if value is not None and len(name) > 1 else None), value
    if name.startswith("@"):
        return (name if value is not None and "." not in name else None), value  # modifiers: no keyword form
    if name.startswith("v-"):
        directive = name[2:]
        if _RAW_MODEL.match(directive):
            return (directive.replace(".", "_").replace("model", "v_model", 1) if value else None), (value,)
        if directive in _RAW_DIRECTIVES:
            return "v_" + directive.replace("-", "_"), (value if value is not None else True)
        return None, None
    return name, (value if value is not None else True)


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

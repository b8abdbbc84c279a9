"""``ClientAdapter``: trame-client's client-type aware helpers, for the one client htmxtrame has.

trame code writes styles, events and dynamic values through the adapter so
the same widget works on its Vue and React clients; htmxtrame renders Vue
syntax on the server, so the adapter always answers the Vue way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class ClientAdapter:
    """``ClientAdapter(server=None)``: ``style()``, ``event()``, ``events()``, ``expression()``."""

    def __init__(self, server: Any = None) -> None:
        if server is None:
            from ..server import get_server  # widgets sit below the server; resolved lazily

            server = get_server()
        self._server = server

    @property
    def server(self) -> Any:
        """The server the adapter answers for."""
        return self._server

    def style(self, style: Mapping[str, Any]) -> Any:
        """A ``style=`` value from a CSS mapping (kebab or camel case keys; values may be :meth:`expression`)."""
        if any(_is_expression(v) for v in style.values()):
            entries = ", ".join(f"{_camel(k)}: {v[0] if _is_expression(v) else _js_literal(v)}"
                                for k, v in style.items())
            return (f"{{{entries}}}",)
        return " ".join(f"{_kebab(k)}: {v};" for k, v in style.items())

    def event(self, name: str, handler: Any, modifiers: list[str] | None = None) -> dict[str, Any]:
        """The keyword binding *handler* to DOM event *name* (Vue spelling)."""
        if modifiers:
            raise NotImplementedError(
                f"event {name!r} with modifiers {modifiers}: htmxtrame runs handlers on the server, where "
                "stop/prevent have no effect; for keys, check $event.key in the handler expression"
            )
        return {name: handler}

    def events(self, **events: Any) -> dict[str, Any]:
        """The keywords for several events at once."""
        out: dict[str, Any] = {}
        for name, handler in events.items():
            out.update(self.event(name, handler))
        return out

    def expression(self, js_expression: str) -> tuple[str]:
        """A dynamic value: the expression as a one-element tuple (``("count + 1",)``)."""
        return (js_expression,)


def _is_expression(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], str)


def _kebab(name: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _js_literal(value: Any) -> str:
    return json.dumps(value)


__all__ = ["ClientAdapter"]

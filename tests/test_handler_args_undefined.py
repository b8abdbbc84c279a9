"""Python callbacks never receive JS ``undefined``: it arrives as ``None``, as
after trame's trip through the browser's serializer."""

from __future__ import annotations

import uuid
from typing import Any

from htmxtrame.expr import UNDEFINED
from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3


def new_server() -> Server:
    return Server(f"undef-{uuid.uuid4().hex[:8]}")


def test_a_handler_gets_none_for_undefined_anywhere_in_its_arguments():
    server = new_server()
    got: list[Any] = []
    server.state.items = [1, 2]
    with DivLayout(server):
        html.Button("Go", click=(lambda *a, **k: got.append((a, k)),
                                 "[missing, {a: missing, b: [missing, 1]}, items]", "{k: missing}"))
        html.Button("Items", click=(lambda items: got.append(items), "[items]"))
    with User(server) as user:
        user.click("Go")
        user.click("Items")
    (args, kwargs), items = got
    assert args == (None, {"a": None, "b": [None, 1]}, [1, 2]) and kwargs == {"k": None}
    assert items is server.state.items  # arguments without undefined are passed as they are


def test_a_trigger_gets_none_for_undefined():
    server = new_server()
    got: list[Any] = []

    @server.trigger("t")
    def t(*args: Any, **kwargs: Any) -> None:
        got.append((args, kwargs))

    with DivLayout(server):
        html.Button("Go", click="trigger('t', [missing, [missing]], {k: missing})")
    with User(server) as user:
        user.click("Go")
    assert got == [((None, [None]), {"k": None})]


def test_a_server_table_without_a_search_value_reports_search_as_none():
    # docs/widgets.md's VDataTableServer: options.get("search") before anyone searched
    server = new_server()
    seen: list[dict] = []
    server.state.headers = [{"title": "Name", "key": "name"}]
    with DivLayout(server):
        v3.VDataTableServer(headers=("headers",), items=("rows", []), items_length=("total", 0),
                            search=("search",), update_options=(seen.append, "[$event]"))
    with User(server):
        pass
    assert seen and all(UNDEFINED not in o.values() for o in seen)
    assert seen[-1].get("search") is None

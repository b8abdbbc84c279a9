"""Keyword forms trame apps pass to widgets that htmxtrame must accept."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def test_a_callable_tuple_on_an_unknown_name_is_a_handler_not_a_binding(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    seen = []
    with DivLayout(server):
        el = html.Div("view", id="v", LeftButtonPress=(seen.append, "[utils.vtk.event($event)]"))
    assert set(el._events) == {"LeftButtonPress"} and el._bindings == {}
    sim_user(server).fire("#v", "LeftButtonPress", position=[3, 4], extra=1)
    assert seen == [{"type": "LeftButtonPress", "position": [3, 4]}]


def test_widget_modules_have_trames_initialize():
    from htmxtrame.widgets import matplotlib, trame, vtk

    for module in (vtk, matplotlib, trame):
        assert module.initialize(None) is None

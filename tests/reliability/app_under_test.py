"""The small app the reliability tests attack: one of each kind of input,
and one of each kind of app code that fails."""

from __future__ import annotations

import asyncio
from typing import Any

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def build(name: str, **options: Any) -> Server:
    """A fresh server (not registered with ``get_server``) with the test layout."""
    server = Server(name, **options)
    state, ctrl = server.state, server.controller
    state.count = 0
    state.secret = "do not touch"  # in state, bound to no input
    state.obj = {"a": {"b": 1}}
    state.poke = 0
    state.compute = 0  # non-zero: a trigger the page's text calls raises

    def boom() -> None:
        raise RuntimeError("controller method failed on purpose")

    async def bad_task() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("async task failed on purpose")

    @state.change("poke")
    def bad_listener(poke: int, **_: Any) -> None:
        if poke:
            raise RuntimeError("change listener failed on purpose")

    @ctrl.trigger("summary")
    def summary(compute: int) -> str:
        if compute:
            raise RuntimeError("trigger in an expression failed on purpose")
        return "fine"

    ctrl.boom = boom
    ctrl.one_mb = lambda: b"x" * (1 << 20)  # a handler returning file content: the page downloads it
    ctrl.bad_task = bad_task
    with DivLayout(server):
        html.Div("{{ count }}", id="count")
        html.Button("+1", id="inc", click="count += 1")
        html.Button("boom", id="boom", click=ctrl.boom)
        html.Button("task", id="bad_task", click=ctrl.bad_task)
        html.Button("listener", id="bad_listener", click="poke += 1")
        html.Button("expression", id="bad_expr", click="obj = null")
        html.Div("{{ obj.a.b }}", id="expr_out")
        html.Button("trigger", id="bad_trigger", click="compute = 1")
        html.Div("{{ trigger('summary', [compute]) }}", id="trigger_out")
        html.Input(type="range", id="slider", min=0, max=100, v_model=("slider_value", 8))
        html.Div("{{ slider_value }}", id="slider_text")
        html.Input(type="checkbox", id="check", v_model=("checked", False))
        html.Input(type="text", id="name", v_model=("name", ""))
        html.Div("{{ name }}", id="name_text")
        html.Button("download", id="dl", click=ctrl.one_mb)
        # a number field takes any finite number (a range input keeps to its min/max, as in the browser)
        html.Input(type="number", id="amount", v_model=("amount", 0))
        html.Div("{{ amount }}", id="amount_text")
    return server

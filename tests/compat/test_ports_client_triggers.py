"""ClientTriggers and ClientStateChange in the forms trame apps write them."""

from __future__ import annotations

import logging
import uuid

from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import trame as trame_widgets


def new_server() -> Server:
    return Server(f"ports-{uuid.uuid4().hex[:8]}")


def test_tuple_handlers_get_their_arguments_and_camel_case_hooks_run(sim_user):
    server = new_server()
    seen = []
    with DivLayout(server):
        triggers = trame_widgets.ClientTriggers(
            ref="ref_name",
            created=(seen.append, "['created']"),
            beforeDestroy=(seen.append, "['beforeDestroy']"),
            method1="a = $event * 2",
        )
        html.Div("a={{ a }}", id="a")
    server.state.a = 1
    with User(server) as user:
        assert seen == ["created"]
        triggers.call("method1", 21)
        user.should_see("a=42")
    assert seen == ["created", "beforeDestroy"]


def test_an_expression_needing_the_browser_logs_and_changes_nothing(caplog):
    server = new_server()
    server.state.pixel_ratio = 1
    with DivLayout(server):
        trame_widgets.ClientTriggers(mounted="pixel_ratio = window.devicePixelRatio")
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.client"):
        with User(server):
            pass
    assert server.state.pixel_ratio == 1
    assert "window" in caplog.text and "runs on the server" in caplog.text


def test_client_state_change_takes_trame_components_name_keyword():
    server = new_server()
    calls = []
    with DivLayout(server):
        trame_widgets.ClientStateChange(name="mesh", change=lambda: calls.append(server.state.mesh))
    server.state.ready()
    server.state.mesh = "cow"
    server.state.flush()
    assert calls == ["cow"]


def test_js_call_emit_on_the_triggers_ref_runs_the_handler(sim_user):
    server = new_server()
    seen = []
    with DivLayout(server):
        trame_widgets.ClientTriggers(ref="ref_name", method1=lambda *args: seen.append(args))
    sim_user(server)
    server.js_call("ref_name", "emit", "method1", "a")
    assert seen == [("a",)]

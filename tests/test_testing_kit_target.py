"""The simulated user's ``$event.target`` is the input as the person left it."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def test_typing_into_an_input_whose_handler_reads_event_target_value_sends_what_was_typed():
    # docs/expressions.md: html.Input(value=("name",), input="name = $event.target.value.trim()")
    server = Server(f"kit-target-{uuid.uuid4().hex[:8]}")
    server.state.name = "ann"
    with DivLayout(server):
        html.Input(value=("name",), input="name = $event.target.value.trim()", aria_label="Name")
        html.P("Hello {{ name }}", id="hello")
    with User(server) as user:
        user.type("Name", "  bob  ")
        user.should_see("Hello bob")
        assert server.state.name == "bob"


def test_a_change_handler_reading_event_target_gets_the_value_set():
    server = Server(f"kit-target-{uuid.uuid4().hex[:8]}")
    server.state.picked = ""
    with DivLayout(server):
        with html.Select(change="picked = $event.target.value", aria_label="Fruit"):
            html.Option("apple", value="apple")
            html.Option("pear", value="pear")
        html.P("{{ picked }}", id="picked")
    with User(server) as user:
        user.fire("Fruit", "change", "pear")
        assert server.state.picked == "pear"

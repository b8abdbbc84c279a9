"""MouseTrap (trame-components' shortcuts): what bind() accepts and what the page is told."""

from __future__ import annotations

import json
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import trame as trame_widgets


def test_bindings_reach_the_page_and_the_event_runs_its_handler(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    saved = []
    with DivLayout(server):
        trap = trame_widgets.MouseTrap(Save=lambda: saved.append(1), id="trap")
    trap.bind(["ctrl+s", "mod+s"], "Save", stop_propagation=True)
    user = sim_user(server)
    node = user.find("#trap")
    assert json.loads(node.get("data-ht-keys")) == [{"keys": ["ctrl+s", "mod+s"], "event": "Save", "stop": True}]
    user.fire("#trap", "Save")
    assert saved == [1]


@pytest.mark.parametrize("keys, event, message", [
    ("ctrl+s", "Nope", "no handler named 'Nope'"),
    ("g i", "Save", "sequences"),
    (["ctrl+s", 5], "Save", "key combination"),
])
def test_bind_refuses_what_it_cannot_do(keys, event, message):
    trap = trame_widgets.MouseTrap(Save=lambda: None)
    with pytest.raises(ValueError, match=message):
        trap.bind(keys, event)

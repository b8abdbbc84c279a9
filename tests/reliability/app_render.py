"""The app the render-budget and dispatch tests attack (issue 16).

    python tests/reliability/app_render.py --server --port 0

With ``HT_UNSAFE_SCRIPT=1`` it also tries to interpolate ``user`` into a
``<script>``, which must stop it at build time.

#n feeds ``v_for="i in n"`` in #list (a visitor can ask for a million
rows); #inc/#count is the click other pages keep making; buttons and inputs
a person cannot use (disabled, readonly, hidden, removed by ``v_if``); a
crafted ``user`` value shown the ways the docs recommend, next to a static
script that records what it read.
"""

from __future__ import annotations

import os
from typing import Any

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import client, html
from htmxtrame.widgets import vuetify3 as v3

CRAFTED = "';window.pwned=1;'</script><script>window.pwned=2</script><img src=x onerror=\"window.pwned=3\">"


def build(name: str = "render", **options: Any) -> Server:
    """A fresh server with the test layout (not registered with ``get_server``)."""
    server = Server(name, **options)
    state, ctrl = server.state, server.controller
    state.count = 0
    state.is_admin = False
    state.user = CRAFTED
    state.clicks = {"admin": 0, "locked": 0, "hidden": 0, "inner": 0, "gone": 0, "legend": 0, "vbtn": 0}

    def clicked(which: str) -> None:
        state.clicks = {**state.clicks, which: state.clicks[which] + 1}

    ctrl.clicked = clicked
    with DivLayout(server):
        html.Div("{{ count }}", id="count")
        html.Button("+1", id="inc", click="count += 1")
        html.Input(type="number", id="n", v_model_number=("n", 3))
        html.Div(html.Span("{{ i }} ", v_for="i in n", classes="row"), id="list")
        html.Button("admin", id="admin", disabled=("!is_admin",), click=(ctrl.clicked, "['admin']"))
        html.Button("locked", id="locked", disabled=True, click=(ctrl.clicked, "['locked']"))
        html.Button("hidden", id="hidden_btn", v_show=("show_hidden", False), click=(ctrl.clicked, "['hidden']"))
        with html.Div(id="hidden_box", v_show=("show_box", False)):
            html.Button("inside", id="inner_btn", click=(ctrl.clicked, "['inner']"))
        html.Button("gone", id="gone", v_if=("show_gone", True), click=(ctrl.clicked, "['gone']"))
        with html.Fieldset(disabled=True):
            html.Legend(html.Button("legend", id="legend_btn", click=(ctrl.clicked, "['legend']")))
            html.Input(type="text", id="in_fieldset", v_model=("fs_value", "kept"))
        html.Input(type="text", id="ro", readonly=True, v_model=("ro_value", "kept"))
        html.Input(type="text", id="dis", disabled=True, v_model=("dis_value", "kept"))
        v3.VBtn("vbtn", id="vbtn", disabled=True, click=(ctrl.clicked, "['vbtn']"))
        v3.VTextField(label="ro field", id="vro", readonly=True, v_model=("vro_value", "kept"))
        html.Input(type="text", id="user_in", v_model=("user",))
        html.Div("{{ user }}", id="user_text")
        html.Div(id="user_data", data_user=("user",))
        client.Script("window.userSeen = document.getElementById('user_data').dataset.user;")
        if os.environ.get("HT_UNSAFE_SCRIPT"):
            html.Script("window.g = '{{ user }}';")
    return server


if __name__ == "__main__":
    build().start()

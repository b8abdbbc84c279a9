"""``$vuetify.theme.dark``: the dark-mode switch trame's VTK examples put in their toolbar."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.ui.vuetify import SinglePageLayout as V2Layout
from htmxtrame.ui.vuetify3 import SinglePageLayout, VAppLayout
from htmxtrame.widgets import vuetify2, vuetify3


def test_the_vuetify2_dark_switch_turns_the_app_dark(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with V2Layout(server) as layout:
        with layout.toolbar:
            vuetify2.VSwitch(v_model="$vuetify.theme.dark", id="dark", hide_details=True)
    user = sim_user(server)
    assert "v-theme--dark" not in user.find("#app").get("class")
    user.click("#dark input")
    assert server.state["$vuetify"]["theme"]["dark"] is True
    assert "v-theme--dark" in user.find("#app").get("class")


def test_vuetify3_global_theme_name_and_an_apps_own_theme(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server, vuetify_config={"theme": {"defaultTheme": "dark"}}):
        vuetify3.VBtn("x")
    assert "v-theme--dark" in sim_user(server).find("#app").get("class")
    other = Server(f"ports-{uuid.uuid4().hex[:8]}")
    with VAppLayout(other, theme="light"):
        vuetify3.VBtn("x")
    assert "v-theme--dark" not in sim_user(other).find("#app").get("class")

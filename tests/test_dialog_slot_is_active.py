"""VDialog's default slot ``{ isActive }`` (Vuetify 3's documented way to close a dialog from inside)."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import vuetify3 as v


def dialog_app(binding: str, close: str, **dialog: object) -> Server:
    server = Server(f"dlg{uuid.uuid4().hex[:6]}")
    with DivLayout(server), v.VDialog(max_width=400, **dialog):
        with v.Template(v_slot_activator="{ props }"):
            v.VBtn("Open", v_bind="props")
        with v.Template(v_slot_default=binding):
            with v.VCard(title="Hi there"):
                v.VCardText("inside")
                v.VBtn("Close it", click=close)
    return server


def test_a_close_button_in_the_default_slot_writes_is_active_value(sim_user):
    user = sim_user(dialog_app("{ isActive }", "isActive.value = false"))
    user.should_not_see("inside")
    user.click("Open")
    user.should_see("inside")
    user.click("Close it")
    user.should_not_see("inside")


def test_a_renamed_is_active_and_the_app_s_own_model(sim_user):
    server = dialog_app("{ isActive: open }", "open.value = !open.value", v_model=("show", False))
    user = sim_user(server)
    user.click("Open")
    assert user.state["show"] is True
    user.click("Close it")
    assert user.state["show"] is False
    user.should_not_see("inside")


def test_a_slot_built_first_and_added_to_the_dialog(sim_user):
    server = Server(f"dlg{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        dialog = v.VDialog(v_model=("show", True))
    slot = v.Template(v_slot_default="{ isActive }")
    with slot:
        v.VBtn("Close it", click="isActive.value = false")
    dialog.add(slot)
    user = sim_user(server)
    user.click("Close it")
    assert user.state["show"] is False


def test_the_slot_reads_is_active_value_as_the_open_state(sim_user):
    server = Server(f"dlg{uuid.uuid4().hex[:6]}")
    with DivLayout(server), v.VDialog(v_model=("show", False), persistent=True):
        with v.Template(v_slot_activator="{ props }"):
            v.VBtn("Open", v_bind="props")
        with v.Template(v_slot_default="{ isActive }"):
            with v.VCard():
                v.VCardText("{{ isActive.value ? 'shown now' : 'hidden now' }}")
                v.VBtn("Close it", click="isActive.value = !isActive.value")
    user = sim_user(server)
    user.click("Open")
    user.should_see("shown now")
    user.click("Close it")
    assert user.state["show"] is False

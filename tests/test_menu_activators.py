"""VMenu activators: a button uses the popover API, any other element and hover go through the glue."""

from __future__ import annotations

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

from test_inputs_model import Page, attr


def test_a_non_button_activator_is_a_keyboard_reachable_button_naming_its_menu():
    def build():
        with v.VMenu():
            with v.Template(v_slot_activator="{ props }"):
                v.VChip("Who", v_bind="props", id="chip")
            v.VList(items=["a"])

    p = Page(build)
    chip = p.tags(r'id="chip"')[0]
    menu = p.tags(r"popover=")[0]
    assert attr(chip, "data-ht-menu") == attr(menu, "id") == attr(chip, "aria-controls")
    assert attr(chip, "role") == "button" and attr(chip, "tabindex") == "0"
    assert "popovertarget" not in chip


def test_a_button_keeps_popovertarget_and_hover_marks_both_sides():
    def build():
        with v.VMenu(open_on_hover=True):
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Open", v_bind="props", id="b")
            v.VList(items=["a"])

    p = Page(build)
    btn = p.tags(r'id="b"')[0]
    menu = p.tags(r"popover=")[0]
    assert attr(btn, "popovertarget") == attr(menu, "id")
    assert "data-ht-hover" in btn and "data-ht-hover" in menu


def test_activator_parent_marks_the_menu_for_the_page_script():
    def build():
        with html.Div(id="box"):
            with v.VMenu(activator="parent"):
                v.VList(items=["a"])

    p = Page(build)
    assert 'data-ht-activator="parent"' in p.html

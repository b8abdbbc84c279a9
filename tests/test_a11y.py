"""The names, roles and warnings the widgets give themselves for assistive technology (issue 19)."""

from __future__ import annotations

import logging

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout, SinglePageWithDrawerLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.a11y import icon_meaning
from htmxtrame.widgets.vuetify3.stylesheet import utilities


def test_an_icon_only_button_is_named_from_its_icon_and_the_log_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        btn = v.VBtn(icon="mdi-delete", id="trash")
    assert btn.attributes["aria-label"] == "Delete"
    assert "trash" in caplog.text and "aria_label" in caplog.text


def test_an_icon_only_button_the_app_named_keeps_its_name_and_no_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        named = v.VBtn(icon="mdi-delete", aria_label="Remove the row")
        titled = v.VBtn(icon="mdi-delete", title="Remove")
    assert named.attributes["aria-label"] == "Remove the row"
    assert "aria-label" not in titled.attributes
    assert caplog.text == ""


def test_a_button_with_text_takes_no_name_from_its_icon():
    assert "aria-label" not in v.VBtn("Save", prepend_icon="mdi-content-save").attributes
    assert "aria-label" not in v.VBtn(text="Save", icon="mdi-content-save").attributes
    with v.VBtn(icon="mdi-plus") as btn:
        html.Span("Add a row")
    assert "aria-label" not in btn.attributes  # its text is its name


def test_an_icon_child_names_an_icon_button_and_a_bound_icon_names_it_per_value():
    with v.VBtn(icon=True) as btn:
        v.VIcon("mdi-pencil")
    assert btn.attributes["aria-label"] == "Edit"
    bound = v.VBtn(icon=("on ? 'mdi-eye' : 'mdi-eye-off'",))
    assert "Show" in bound._bindings["aria-label"].source and "Hide" in bound._bindings["aria-label"].source


def test_icon_meanings():
    assert icon_meaning("mdi-plus") == "Add"
    assert icon_meaning("mdi-delete-outline") == "Delete"
    assert icon_meaning("mdi-format-align-left") == "Format align left"


def test_progress_bars_are_named_and_ranged():
    bar = v.VProgressLinear(model_value=40)
    assert (bar.attributes["role"], bar.attributes["aria-label"], bar.attributes["aria-valuemax"]) == \
        ("progressbar", "Progress", "100")
    assert v.VProgressCircular(indeterminate=True).attributes["aria-label"] == "Loading"
    assert v.VProgressLinear(aria_label="Upload").attributes["aria-label"] == "Upload"


def test_a_listbox_without_a_name_is_warned_about(caplog):
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        with v.VChipGroup(v_model=("pick", None), id="tools"):
            v.VChip("A", value="a")
    assert "tools" in caplog.text and "listbox" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="htmxtrame.widgets.vuetify"):
        with v.VChipGroup(v_model=("pick", None), aria_label="Tool"):
            v.VChip("A", value="a")
    assert caplog.text == ""


def test_lists_hold_list_items_only_and_a_menu_holds_menu_items():
    with v.VList() as plain:
        v.VListItem(title="A")
        divider = v.VDivider()
    assert plain.attributes["role"] == "list" and divider.attributes["aria-hidden"] == "true"
    with v.VList() as nav:
        v.VListItem(title="Home", href="/")
    assert "role" not in nav.attributes  # a list of links reads as its links
    with v.VMenu():
        with v.Template(v_slot_activator="{ props }"):
            v.VBtn("Open", v_bind="props")
        with v.VList() as menu_list:
            item = v.VListItem(title="Pick", click="x = 1")
    assert menu_list.attributes["role"] == "none" and item.attributes["role"] == "menuitem"


def test_a_dialog_is_named_by_its_title():
    with v.VDialog(v_model=("open", True)) as dialog:
        v.VCard(title="Delete the file?")
    overlay = dialog._overlay
    title = next(n for n in dialog.walk() if "v-card-title" in str(n.attributes.get("class", "")))
    assert overlay.attributes["aria-labelledby"] == title.attributes["id"]
    with v.VDialog(v_model=("open", True), aria_label="Settings") as named:
        v.VCard(title="Other")
    assert named._overlay.attributes["aria-label"] == "Settings"


def test_the_layout_title_is_the_level_one_heading_and_the_drawer_button_a_disclosure():
    server = get_server("a11y-layout")
    with SinglePageWithDrawerLayout(server) as layout:
        layout.title.set_text("Hello")
    page = layout.html
    assert '<h1 class="v-toolbar-title' in page
    assert 'aria-controls="ht-drawer"' in page and 'aria-expanded="true"' in page
    with SinglePageLayout(get_server("a11y-layout-2"), title_tag="div") as plain:
        plain.title.set_text("Hello")
    assert "<h1" not in plain.html


def test_date_picker_days_are_named_with_the_number_they_show():
    from htmxtrame.widgets.vuetify3.pickers import month_view

    view = month_view("2026-12-02", None, None, None)
    day = next(d for week in view["weeks"] for d in week if d["date"] == "2026-12-02")
    assert day["name"] == "2 December 2026, Wednesday"


def test_theme_colours_and_palette_text_meet_aa():
    css = utilities()
    assert ".bg-success{background-color:#317234!important;color:#fff!important" in css
    assert ".bg-green{background-color:#4CAF50!important;color:rgba(0,0,0,.87)!important" in css

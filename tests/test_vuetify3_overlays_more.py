"""VOverlay, VBottomSheet, VSpeedDial, VSnackbarQueue, VCommandPalette: render and behaviour."""

from __future__ import annotations

import re

from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page
from test_vuetify_components import fire, find


def _scrim(page: Page):
    return [n for n in page.root.walk() if "v-overlay__scrim" in str(n.attributes.get("class", ""))][0]


def test_overlay_opens_from_state_and_its_scrim_closes_it():
    def build():
        with v.VOverlay(v_model=("ov", False), contained=True):
            v.VSheet("Busy", id="inside")

    page = Page(build)
    assert 'id="inside"' not in page.html
    page.state.ov = True
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert 'id="inside"' in page.html and "v-overlay--contained" in page.html
    assert 'role="dialog"' not in page.html  # an overlay is not a dialog
    page.fire(_scrim(page), "click")
    assert page.state.ov is False and 'id="inside"' not in page.html


def test_persistent_overlay_ignores_the_scrim():
    page = Page(lambda: v.VOverlay(v_model=("ov", True), persistent=True))
    assert not [n for n in page.root.walk() if n._events.get("click") and "scrim" in str(n.attributes.get("class"))]


def test_bottom_sheet_is_a_dialog_at_the_bottom_opened_by_its_activator():
    btns = []

    def build():
        with v.VBottomSheet(inset=True):
            with v.Template(v_slot_activator="{ props }"):
                btns.append(v.VBtn("Open sheet", v_bind="props"))
            v.VCard(title="Share", id="sheet-card")

    page = Page(build)
    assert 'id="sheet-card"' not in page.html
    page.fire(btns[0], "click")
    assert 'id="sheet-card"' in page.html
    assert re.search(r'class="v-overlay v-dialog v-bottom-sheet v-bottom-sheet--inset"', page.html)
    assert 'role="dialog"' in page.html and 'aria-haspopup="dialog"' in page.html


def test_speed_dial_is_a_menu_of_buttons():
    def build():
        with v.VSpeedDial(location="top center"):
            with v.Template(v_slot_activator="{ props }"):
                v.VFab(v_bind="props", icon="mdi-plus", aria_label="Actions", id="fab")
            v.VBtn(icon="mdi-pencil", aria_label="Edit", id="edit")

    page = Page(build)
    assert re.search(r'id="fab"[^>]*popovertarget=|popovertarget=[^>]*id="fab"', page.html)
    assert 'role="menuitem"' in page.html and "v-speed-dial--top" in page.html and 'popover="auto"' in page.html


def test_snackbar_queue_shows_one_message_after_another():
    def build():
        v.VSnackbarQueue(v_model=("messages", ["Saved", {"text": "Sent", "color": "success", "timeout": 1000}]),
                         timeout=3000, closable=True, update_modelValue="left = $event.length")

    page = Page(build)
    assert "Saved" in page.html and "Sent" not in page.html and 'data-ht-timeout="3000"' in page.html
    queue = find(page.root, v.VSnackbarQueue)[0]
    wrapper = queue._wrapper
    first_id = re.search(r'<div[^>]*data-ht-timeout[^>]*>', page.html).group(0)
    fire(page, wrapper, "timeout", n=0)
    assert page.state.messages == [{"text": "Sent", "color": "success", "timeout": 1000}] and page.state.left == 1
    assert "Sent" in page.html and "bg-success" in page.html and 'data-ht-timeout="1000"' in page.html
    assert re.search(r'<div[^>]*data-ht-timeout[^>]*>', page.html).group(0) != first_id  # a new element: a new timer
    close = [b for b in find(page.root, v.VBtn) if b.prop("text") == "Close"][0]
    fire(page, close, "click", n=1)
    assert page.state.messages == [] and "Sent" not in page.html


def test_snackbar_queue_added_to_from_python():
    page = Page(lambda: v.VSnackbarQueue(v_model=("messages", [])))
    assert "v-snackbar__content" not in page.html
    page.state.messages = ["Hello"]
    page.state.flush()
    assert "Hello" in page.renderer.render_page_body()


def test_command_palette_filters_on_the_server_and_runs_a_command():
    picked = []

    def build():
        v.VCommandPalette(v_model=("palette", True), search=("query", ""),
                          items=[{"title": "Open file", "value": "open", "prependIcon": "mdi-file"},
                                 {"title": "Save all", "value": "save"}],
                          click_item=(picked.append, "[$event]"))

    page = Page(build)
    assert "Open file" in page.html and "Save all" in page.html and 'type="search"' in page.html
    page.state.query = "sav"
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert "Open file" not in page.html and "Save all" in page.html
    row = [n for n in find(page.root, v.VListItem) if n._loop is not None][0]
    fire(page, row, "click", item={"title": "Save all", "value": "save"})
    assert picked == [{"title": "Save all", "value": "save"}] and page.state.palette is False
    page.state.update({"palette": True, "query": "zzz"})
    page.state.flush()
    assert "No matching commands" in page.renderer.render_page_body()


def test_command_palette_item_component_shows_its_item():
    page = Page(lambda: v.VCommandPaletteItemComponent(item={"title": "Run", "subtitle": "Ctrl+R"}))
    assert "Run" in page.html and "Ctrl+R" in page.html

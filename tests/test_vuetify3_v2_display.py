"""Vuetify 2's own display names in ``htmxtrame.widgets.vuetify2``."""

from __future__ import annotations

import re

from test_vuetify import Page, classes_of
from test_vuetify_components import find, fire

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify2 as v2
from htmxtrame.widgets import vuetify3 as v3


def test_flex_sizes_become_column_classes():
    page = Page(lambda: v2.VFlex(xs12=True, md6=True, offset_md2=True, id="f"))
    assert {"v-col", "v-col-12", "v-col-md-6", "offset-md-2"} <= classes_of(page.html, "f")


def test_list_item_avatar_goes_to_the_items_start():
    def build():
        with v2.VListItem(title="Ada"):
            v2.VListItemAvatar(image="ada.png", id="av")
            v2.VListItemActionText("2 min")

    page = Page(build)
    assert re.search(r'class="v-list-item__prepend"><div[^>]*id="av"', page.html) or \
        page.html.index('id="av"') < page.html.index("Ada")
    assert "v-list-item-action-text" in page.html


def test_data_footer_reads_vuetify_2_options():
    page = Page(lambda: v2.VDataFooter(options=("opts",), pagination={"itemsLength": 30}),
                opts={"page": 2, "itemsPerPage": 10})
    assert "11–20 of 30" in page.html


def test_data_table_header_and_tabs_slider():
    page = Page(lambda: html.Table(v2.VDataTableHeader(headers=[{"text": "Name", "value": "name"}])))
    assert "<thead" in page.html and ">Name</th>" in page.html
    assert "v-tabs-slider" in Page(lambda: v2.VTabsSlider(color="red")).html


def test_edit_dialog_opens_a_popover_with_its_input_and_raises_save():
    def build():
        with v2.VEditDialog(large=True, save="saved = true", cancel="cancelled = true"):
            html.Span("{{ name }}", id="val")
            with v3.Template(v_slot_input=True):
                v3.VTextField(v_model=("name",), label="Edit")

    page = Page(build, name="Ada")
    assert re.search(r'<button[^>]*popovertarget="([^"]+)"', page.html)
    assert 'popover="auto"' in page.html and 'role="dialog"' in page.html and ">Ada<" in page.html
    save = [b for b in find(page.root, v3.VBtn) if b.prop("text") == "Save"][0]
    page.fire(save, "click")
    assert page.state.saved is True
    cancel = [b for b in find(page.root, v3.VBtn) if b.prop("text") == "Cancel"][0]
    fire(page, cancel, "click")
    assert page.state.cancelled is True


def test_vuetify2_list_group_activator_is_the_header_itself():
    def build():
        with v2.VList():
            with v2.VListGroup(value=True, prepend_icon="mdi-account", id="grp"):
                with v3.Template(v_slot_activator=True):
                    v2.VListItemTitle("Users")
                v2.VListItem(title="Ada", id="ada")

    page = Page(build)
    header = [n for n in page.root.walk() if "v-list-group__header" in str(n.attributes.get("class", ""))][0]
    assert 'aria-expanded="true"' in page.html  # value=True: open at first
    page.fire(header, "click")
    assert 'aria-expanded="false"' in page.html and re.search(r'class="v-list-group__items"[^>]*display: none',
                                                               page.html)


def test_vuetify2_hover_slot_prop_and_overlay_value():
    cards = []

    def build():
        with v2.VHover(v_slot="{ hover }"):
            cards.append(v2.VCard(elevation=("hover ? 12 : 2",), id="c"))
        with v2.VOverlay(value=("busy",)):
            html.Span("Working", id="busy")

    page = Page(build, busy=True)
    assert "elevation-2" in classes_of(page.html, "c") and 'id="busy"' in page.html
    fire(page, cards[0], "mouseenter")
    assert "elevation-12" in classes_of(page.html, "c")


def test_vuetify2_data_iterator_slot_gives_the_items_themselves():
    def build():
        with v2.VDataIterator(items=[{"name": "a"}, {"name": "b"}], items_per_page=1):
            with v3.Template(v_slot_default="{ items }"):
                html.Span("{{ item.name }}", v_for="item in items", classes="it")

    page = Page(build)
    assert re.findall(r'<span class="it">([^<]*)</span>', page.html) == ["a"]

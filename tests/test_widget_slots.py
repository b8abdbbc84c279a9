"""Cards, lists and tables: named slots land where Vuetify draws them; items with ``href`` are links."""

from __future__ import annotations

import re

from test_vuetify import Page

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3 import icon_path


def inside(markup: str, css_class: str) -> str:
    """The markup of the first element with *css_class* (up to its matching close)."""
    m = re.search(rf'<(\w+)[^>]*class="{css_class}[ "]', markup)
    assert m, f"no .{css_class} in {markup}"
    tag, depth, i = m.group(1), 0, m.start()
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", markup[m.start():]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return markup[i:m.start() + t.end()]
    raise AssertionError("unbalanced markup")


def test_card_title_slot_replaces_the_title_prop():
    def build():
        with v.VCard(title="Plain title", id="c"):
            with v.Template(v_slot_title=True):
                html.B("Rich title")
            v.VCardText("body")

    page = Page(build)
    title = inside(page.html, "v-card-title")
    assert "<b>Rich title</b>" in title and "Plain title" not in page.html
    assert page.html.index("Rich title") < page.html.index("body")


def test_card_prepend_append_subtitle_text_and_actions_slots():
    def build():
        with v.VCard(id="c"):
            with v.Template(v_slot_actions=True):
                v.VBtn("OK", id="ok")
            with v.Template(v_slot_prepend=True):
                v.VIcon("mdi-star")
            with v.Template(v_slot_append=True):
                v.VBtn(icon="mdi-close", id="x")
            with v.Template(v_slot_subtitle=True):
                html.I("a subtitle")
            with v.Template(v_slot_text=True):
                html.P("the text")
            html.P("a later child", id="later")

    page = Page(build)
    assert icon_path("mdi-star") in inside(page.html, "v-card-item__prepend")
    assert 'id="x"' in inside(page.html, "v-card-item__append")
    assert "a subtitle" in inside(page.html, "v-card-subtitle")
    assert "the text" in inside(page.html, "v-card-text")
    assert 'id="ok"' in inside(page.html, "v-card-actions")
    # the actions stay last even when children come after them
    assert page.html.index('id="later"') < page.html.index('id="ok"')


def test_list_item_slots():
    def build():
        with v.VListItem(title="Inbox", prepend_icon="mdi-inbox", id="li"):
            with v.Template(v_slot_prepend=True):
                v.VIcon("mdi-star")
            with v.Template(v_slot_append=True):
                v.VChip("3")
            with v.Template(v_slot_subtitle=True):
                html.Span("3 new")

    page = Page(build)
    prepend = inside(page.html, "v-list-item__prepend")
    assert icon_path("mdi-star") in prepend and icon_path("mdi-inbox") not in page.html
    assert "v-chip" in inside(page.html, "v-list-item__append")
    assert "3 new" in inside(page.html, "v-list-item-subtitle") and "Inbox" in inside(page.html, "v-list-item-title")
    # prepend, content, append in that order
    assert page.html.index("v-list-item__prepend") < page.html.index("v-list-item__content") \
        < page.html.index("v-list-item__append")


def test_data_table_top_bottom_and_no_data_slots():
    def build():
        with v.VDataTable(headers=[{"title": "N", "key": "n"}], items=("rows",), id="t"):
            with v.Template(v_slot_top=True):
                html.H3("Above", id="top")
            with v.Template(v_slot_bottom=True):
                html.P("Below", id="bottom")
            with v.Template(v_slot_no_data=True):
                html.Em("Nothing here yet")

    page = Page(build, rows=[])
    assert page.html.index('id="top"') < page.html.index("<table") < page.html.index('id="bottom"')
    assert "Nothing here yet" in inside(page.html, "v-data-table__empty")
    assert "No data available" not in page.html
    page.state.rows = [{"n": "a"}]
    page.state.flush()
    assert "Nothing here yet" not in page.renderer.render_page_body()


def test_list_items_prop_takes_item_title():
    page = Page(lambda: v.VList(items=("things",), item_title="name", id="l"),
                things=[{"name": "Alpha"}, {"name": "Beta"}, "Gamma"])
    titles = re.findall(r'class="v-list-item-title">([^<]*)<', page.html)
    assert titles == ["Alpha", "Beta", "Gamma"]


def test_list_item_and_button_with_href_are_links():
    page = Page(lambda: (v.VListItem(title="Data", href="#g-data", id="li"),
                         v.VBtn("Docs", href=("url",), target="_blank", id="b")), url="/docs")
    assert re.search(r'<a id="li" href="#g-data"[^>]*class="v-list-item[^"]*v-list-item--link', page.html)
    assert re.search(r'<a id="b"[^>]*href="/docs"', page.html) and 'target="_blank"' in page.html


def test_vuetify2_component_names():
    from htmxtrame.widgets import vuetify2 as v2

    def build():
        with v2.VTabsItems(v_model=("tab", 1)):  # v2's tab pages: shown by index
            v2.VTabItem("first", id="w0")
            v2.VTabItem("second", id="w1")
        with v2.VList(dense=True):
            with v2.VListItem(id="li"):
                with v2.VListItemIcon():
                    v2.VIcon("mdi-home")
                with v2.VListItemContent():
                    v2.VListItemTitle("Home")
                with v2.VListItemAction():
                    v2.VBtn(icon=True, small=True).add(v2.VIcon("mdi-pencil"))
        with v2.VExpansionPanels():
            with v2.VExpansionPanel():
                v2.VExpansionPanelHeader("Header")
                v2.VExpansionPanelContent("Content")
        with v2.VSimpleTable():
            html.Tbody(html.Tr(html.Td("cell")))

    page = Page(build)
    assert re.search(r'id="w0"[^>]*display: none', page.html) and not re.search(r'id="w1"[^>]*display: none', page.html)
    assert icon_path("mdi-home") in inside(page.html, "v-list-item__prepend")
    assert icon_path("mdi-pencil") in inside(page.html, "v-list-item__append")
    assert "Home" in inside(page.html, "v-list-item__content")
    assert "Header" in inside(page.html, "v-expansion-panel-title") and "Content" in inside(page.html, "v-expansion-panel-text")
    assert re.search(r'class="v-table"><div class="v-table__wrapper"><table><tbody><tr><td>cell', page.html)

"""VDataIterator and the data table parts: render and behaviour."""

from __future__ import annotations

import re

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.iterator import iterate
from test_vuetify import Page
from test_vuetify_components import find

ROWS = [{"id": i, "name": f"Item {i:02d}", "kcal": (i * 37) % 100} for i in range(1, 13)]


def test_iterate_searches_sorts_and_pages():
    view = iterate(ROWS, "item 1", [{"key": "kcal", "order": "desc"}], 1, 2)
    assert [r["raw"]["id"] for r in view["items"]] == [10, 12] and view["pageCount"] == 2  # 10, 11, 12 by kcal
    assert view["items"][0]["value"] == 10 and view["items"][0]["index"] == 0
    assert iterate(ROWS, None, [], 99, 5)["page"] == 3  # clamped to the last page
    assert len(iterate(ROWS, "", [], 1, -1)["items"]) == 12
    assert iterate("not a list", None, None, "x", "y")["items"] == []


def build_iterator(buttons: dict):
    def build():
        with v.VDataIterator(items=("rows",), items_per_page=5, page=("page", 1), search=("q", ""),
                             update_page="seen = $event"):
            with v.Template(v_slot_header="{ page, pageCount }"):
                html.Span("Page {{ page }} of {{ pageCount }}", id="hdr")
            with v.Template(v_slot_default="{ items }"):
                html.Div("{{ item.raw.name }}", v_for="item in items", classes="row")
            with v.Template(v_slot_footer="{ page, pageCount }"):
                buttons["prev"] = v.VBtn("Prev", click="prevPage", disabled=("page <= 1",))
                buttons["next"] = v.VBtn("Next", click="nextPage()", disabled=("page >= pageCount",))
                buttons["last"] = v.VBtn("Last", click="setPage(pageCount)")
            with v.Template(v_slot_no_data=True):
                html.Span("Nothing found", id="empty")
    return build


def names(page: Page) -> list[str]:
    return re.findall(r'<div class="row">([^<]*)</div>', page.html)


def test_data_iterator_pages_with_its_slot_functions():
    buttons = {}
    page = Page(build_iterator(buttons), rows=ROWS)
    assert names(page) == [f"Item {i:02d}" for i in range(1, 6)] and "Page 1 of 3" in page.html
    assert "Nothing found" not in page.html
    page.fire(buttons["next"], "click")
    assert page.state.page == 2 and page.state.seen == 2 and names(page)[0] == "Item 06"
    page.fire(buttons["last"], "click")
    assert page.state.page == 3 and names(page) == ["Item 11", "Item 12"]
    page.fire(buttons["prev"], "click")
    assert page.state.page == 2


def test_data_iterator_search_and_no_data_slot():
    buttons = {}
    page = Page(build_iterator(buttons), rows=ROWS)
    page.state.q = "item 1"
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert names(page) == ["Item 10", "Item 11", "Item 12"] and "Page 1 of 1" in page.html
    page.state.q = "zzz"
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert names(page) == [] and "Nothing found" in page.html


def test_data_iterator_keeps_its_own_page_and_shows_the_loader():
    def build():
        with v.VDataIterator(items=ROWS, items_per_page=4, loading=("busy",)):
            with v.Template(v_slot_default="{ items }"):
                html.Div("{{ item.raw.name }}", v_for="item in items", classes="row")
            with v.Template(v_slot_loader=True):
                html.Span("Loading…", id="ld")

    page = Page(build, busy=True)
    assert names(page) == [] and "Loading…" in page.html
    page.state.busy = False
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert len(names(page)) == 4 and "Loading…" not in page.html


def test_table_parts_build_a_table_by_hand():
    heads = [{"title": "Name", "key": "name"}, {"title": "kcal", "key": "kcal", "align": "end"}]

    def build():
        with v.VTable(id="t"):
            v.VDataTableHeaders(headers=heads, sticky=True)
            v.VDataTableRows(items=("rows",), headers=heads)

    page = Page(build, rows=ROWS[:2])
    assert "<thead" in page.html and ">Name</th>" in page.html and 'scope="col"' in page.html
    assert page.html.count('<tr class="v-data-table__tr"') == 2 and ">Item 01</td>" in page.html
    assert "text-align: end" in page.html
    page.state.rows = []
    page.state.flush()
    assert "No data available" in page.renderer.render_page_body()


def test_data_table_row_alone():
    page = Page(lambda: html.Table(html.Tbody(v.VDataTableRow(item={"a": 1, "b": 2},
                                                                headers=[{"key": "b"}, {"key": "a"}]))))
    assert re.search(r"<td[^>]*>2</td><td[^>]*>1</td>", page.html)


def test_data_table_virtual_shows_every_row_without_a_pager():
    page = Page(lambda: v.VDataTableVirtual(items=("rows",), headers=[{"title": "Name", "key": "name"}], height=300),
                rows=ROWS)
    assert page.html.count("Item ") == 12 and "Next page" not in page.html
    assert "v-data-table-virtual" in page.html and "v-table--fixed-header" in page.html
    assert find(page.root, v.VDataTableVirtual)

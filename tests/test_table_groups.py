"""VDataTable ``group_by``: grouped rows with header rows that open and close them."""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import dispatch
from htmxtrame.widgets import html, vuetify2
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page

ROWS = [
    {"n": "eclair", "cat": "cookie", "kind": "soft", "v": 3},
    {"n": "apple", "cat": "fruit", "kind": "hard", "v": 1},
    {"n": "brownie", "cat": "cookie", "kind": "hard", "v": 2},
    {"n": "pear", "cat": "fruit", "kind": "soft", "v": 4},
    {"n": "donut", "cat": "cookie", "kind": "soft", "v": 5},
]
HEADERS = [{"title": "Name", "key": "n"}, {"title": "Value", "key": "v"}]


def rows(page: Page) -> list[str]:
    """What each body row shows, in order: group headers as '# label', rows by their name."""
    out = []
    for tr in re.findall(r"<tr class=\"([^\"]*)\"[^>]*>(.*?)</tr>", page.html, re.S):
        cls, body = tr
        if "group-header" in cls or "v-row-group__header" in cls:
            out.append("# " + re.search(r'__label">([^<]*)<', body).group(1))
        elif "v-data-table__tr" in cls:
            # the first data cell (not the select box's, nor Vuetify 3's empty "Group" column's)
            out.append(re.search(r"<td(?![^>]*column--(?:group|select))[^>]*>([^<]*)</td>", body).group(1))
    return out


def toggle(page: Page, n: int) -> None:
    """Click the toggle of the *n*-th group header shown."""
    iids = re.findall(r'class="[^"]*group-header-row__toggle"[^>]*data-ht="([^"]+)"', page.html)
    dispatch(page.renderer, page.ctrl, iids[n], "click")
    page.html = page.renderer.render_page_body()


def test_vuetify3_groups_start_closed_and_show_value_and_count():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, group_by=[{"key": "cat", "order": "asc"}]))
    assert rows(page) == ["# cookie (3)", "# fruit (2)"]
    assert 'aria-label="Toggle group cat: cookie"' in page.html and 'aria-expanded="false"' in page.html


def test_toggling_a_group_shows_then_hides_its_rows_sorted_within_it():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, sort_by=[{"key": "n", "order": "asc"}],
                                     group_by=[{"key": "cat", "order": "asc"}]))
    toggle(page, 0)
    assert rows(page) == ["# cookie (3)", "brownie", "donut", "eclair", "# fruit (2)"]
    assert 'aria-expanded="true"' in page.html
    toggle(page, 1)
    assert rows(page) == ["# cookie (3)", "brownie", "donut", "eclair", "# fruit (2)", "apple", "pear"]
    toggle(page, 0)
    assert rows(page) == ["# cookie (3)", "# fruit (2)", "apple", "pear"]


def test_group_order_desc_and_a_state_bound_group_by():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=("items", ROWS), group_by=("groups",)),
                groups=[{"key": "cat", "order": "desc"}])
    assert rows(page) == ["# fruit (2)", "# cookie (3)"]
    page.state.groups = []
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert rows(page) == ["eclair", "apple", "brownie", "pear", "donut"]


def test_nested_groups_for_several_keys():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS,
                                     group_by=[{"key": "cat", "order": "asc"}, {"key": "kind", "order": "asc"}]))
    assert rows(page) == ["# cookie (3)", "# fruit (2)"]
    toggle(page, 0)
    assert rows(page) == ["# cookie (3)", "# hard (1)", "# soft (2)", "# fruit (2)"]
    assert "--v-data-table-group-header-row-depth: 1" in page.html
    toggle(page, 2)  # cookie / soft
    assert rows(page) == ["# cookie (3)", "# hard (1)", "# soft (2)", "eclair", "donut", "# fruit (2)"]
    toggle(page, 0)  # closing the outer group hides the inner ones too
    assert rows(page) == ["# cookie (3)", "# fruit (2)"]


def test_vuetify3_pages_count_group_headers_and_open_rows():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, items_per_page=3,
                                     group_by=[{"key": "cat", "order": "asc"}]))
    assert "1–2 of 2" in page.html
    toggle(page, 0)
    assert rows(page) == ["# cookie (3)", "eclair", "brownie"] and "1–3 of 5" in page.html


def test_the_options_object_reports_group_by():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, group_by=[{"key": "cat"}],
                                     update_options=(lambda e: None, "[$event]")))
    assert "&quot;groupBy&quot;:[{&quot;key&quot;:&quot;cat&quot;,&quot;order&quot;:&quot;asc&quot;}]" in page.html


def test_vuetify2_group_by_string_starts_open_and_pages_rows():
    page = Page(lambda: vuetify2.VDataTable(id="t", headers=[{"text": "Name", "value": "n"}], items=ROWS,
                                            group_by="cat", show_group_by=True, items_per_page=4))
    # Vuetify 2 pages the rows (4 here), then groups those of the page, every group open
    assert rows(page) == ["# cat: cookie", "eclair", "brownie", "donut", "# cat: fruit", "apple"]
    assert "1-4 of 5" in page.html.replace("–", "-") and "v-row-group__header" in page.html
    toggle(page, 0)
    assert rows(page) == ["# cat: cookie", "# cat: fruit", "apple"]
    toggle(page, 0)
    assert rows(page)[:2] == ["# cat: cookie", "eclair"]


def test_vuetify2_group_desc_and_the_column_text():
    headers = [{"text": "Name", "value": "n"}, {"text": "Category", "value": "cat"}]
    page = Page(lambda: vuetify2.VDataTable(id="t", headers=headers, items=ROWS, group_by=["cat"],
                                            group_desc=[True]))
    assert rows(page) == ["# Category: fruit", "apple", "pear", "# Category: cookie", "eclair", "brownie", "donut"]


def test_true_and_1_are_two_groups_1_and_1_0_one():
    items = [{"n": "a", "g": 1}, {"n": "b", "g": True}, {"n": "c", "g": 1.0}]
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=items, group_by=[{"key": "g"}]))
    assert sorted(rows(page)) == ["# 1 (2)", "# true (1)"]


def test_the_group_header_is_escaped():
    items = [{"n": "a", "cat": "<b>bold</b>", "v": 1}]
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=items, group_by=[{"key": "cat"}]))
    assert "<b>bold</b>" not in page.html and "&lt;b&gt;bold&lt;/b&gt; (1)" in page.html


def test_the_group_header_slot_with_toggle_group_and_is_group_open():
    def build():
        with v.VDataTable(id="t", headers=HEADERS, items=ROWS, group_by=[{"key": "cat", "order": "asc"}]):
            with v.Template(v_slot_group_header="{ item, columns, toggleGroup, isGroupOpen }"):
                with html.Tr(classes="my-group"):
                    with html.Td(colspan=("columns.length",)):
                        v.VBtn("{{ isGroupOpen(item) ? 'close' : 'open' }} {{ item.value }}", classes="my-toggle",
                               click="toggleGroup(item)")

    page = Page(build)
    # columns: Vuetify 3's "Group" column and the two headers
    assert 'class="my-group"' in page.html and 'colspan="3"' in page.html and "v-slot" not in page.html
    assert re.findall(r">\s*(open|close) (\w+)\s*<", page.html) == [("open", "cookie"), ("open", "fruit")]
    iid = re.search(r'class="[^"]*my-toggle[^"]*"[^>]*data-ht="([^"]+)"', page.html).group(1)
    dispatch(page.renderer, page.ctrl, iid, "click")
    page.html = page.renderer.render_page_body()
    assert re.findall(r">\s*(open|close) (\w+)\s*<", page.html) == [("close", "cookie"), ("open", "fruit")]
    assert "eclair" in page.html and "apple" not in page.html


def test_the_vuetify2_group_header_slot_with_toggle():
    def build():
        with vuetify2.VDataTable(id="t", headers=[{"text": "Name", "value": "n"}], items=ROWS, group_by="cat"):
            with vuetify2.Template(v_slot_group_header="{ group, isOpen, toggle, headers }"):
                with html.Td(colspan=("headers.length",)):
                    vuetify2.VBtn("{{ isOpen ? 'hide' : 'show' }} {{ group }}", classes="my-toggle", click="toggle")

    page = Page(build)
    assert re.findall(r">\s*(hide|show) (\w+)\s*<", page.html) == [("hide", "cookie"), ("hide", "fruit")]
    iid = re.search(r'class="[^"]*my-toggle[^"]*"[^>]*data-ht="([^"]+)"', page.html).group(1)
    dispatch(page.renderer, page.ctrl, iid, "click")
    page.html = page.renderer.render_page_body()
    assert re.findall(r">\s*(hide|show) (\w+)\s*<", page.html) == [("show", "cookie"), ("hide", "fruit")]
    assert "eclair" not in page.html and "apple" in page.html


@pytest.mark.parametrize("bad", [5, "cat", None, [None], {"key": "cat"}, [{"key": {"a": 1}}], [{"order": "asc"}],
                                 [{"key": f"k{i}"} for i in range(40)]], ids=repr)
def test_a_bad_group_by_in_state_leaves_the_table_usable(bad):
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=("items", ROWS), group_by=("groups",)),
                groups=bad)
    if isinstance(bad, list) and len(bad) > 16:  # too deep: a clear error where the table would be
        assert "group_by has 40 keys; at most 16 are shown" in page.html
    else:
        assert "<table" in page.html and "ht-error" not in page.html
    page.state.groups = [{"key": "cat"}]
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert rows(page) == ["# cookie (3)", "# fruit (2)"]


def test_rows_without_the_key_show_without_a_header_as_vuetify3():
    items = [[1, 2], "x", {"n": "a", "cat": "a"}, {"n": "b", "cat": None}]
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=items, group_by=[{"key": "cat"}]))
    assert rows(page) == ["", "", "b", "# a (1)"] and "ht-error" not in page.html
    toggle(page, 0)
    assert rows(page) == ["", "", "b", "# a (1)", "a"]


def test_a_server_table_groups_the_page_the_app_gave_wherever_the_rows_are():
    page = Page(lambda: v.VDataTableServer(id="t", headers=HEADERS, items=ROWS, items_length=50,
                                           group_by=[{"key": "cat"}]))
    assert rows(page) == ["# cookie (3)", "# fruit (2)"] and "1–10 of 50" in page.html
    toggle(page, 1)
    assert rows(page) == ["# cookie (3)", "# fruit (2)", "apple", "pear"]


def test_vuetify2_group_header_slot_spelled_with_a_dot_and_the_v2_options():
    def build():
        with vuetify2.VDataTable(id="t", headers=[{"text": "Name", "value": "n"}], items=ROWS, group_by=["cat"],
                                 group_desc=[True], update_options=(lambda e: None, "[$event]")):
            with vuetify2.Template(**{"v_slot:group.header": "{ group, items }"}):
                html.Td("{{ group }}: {{ items.length }} rows", classes="mine")

    page = Page(build)
    assert re.findall(r'class="mine"[^>]*>([^<]*)<', page.html) == ["fruit: 2 rows", "cookie: 3 rows"]
    assert "&quot;groupBy&quot;:[&quot;cat&quot;],&quot;groupDesc&quot;:[true]" in page.html


def test_vuetify3_group_by_plain_key_strings():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, group_by=["cat", "kind"]))
    toggle(page, 1)
    assert rows(page) == ["# cookie (3)", "# fruit (2)", "# hard (1)", "# soft (1)"]

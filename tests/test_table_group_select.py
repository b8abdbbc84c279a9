"""VDataTable group_by in Vuetify 3's form: the "Group" column and the group headers' checkboxes."""

from __future__ import annotations

import re

from test_table_groups import HEADERS, ROWS, rows, toggle
from test_vuetify import Page

from htmxtrame.events import dispatch
from htmxtrame.widgets import vuetify2
from htmxtrame.widgets import vuetify3 as v

GROUPED = {"id": "t", "headers": HEADERS, "items": ROWS, "group_by": [{"key": "cat", "order": "asc"}]}


def selecting(**props) -> Page:
    return Page(lambda: v.VDataTable(**GROUPED, show_select=True, item_value="n", v_model=("picked", []), **props))


def box(page: Page, label: str) -> str:
    """The tag of the checkbox named *label*."""
    return re.search(rf'<input[^>]*aria-label="{re.escape(label)}"[^>]*>', page.html).group(0)


def click(page: Page, label: str, checked: bool) -> None:
    """Tick or untick the checkbox named *label*, as the browser reports it."""
    iid = re.search(r'data-ht="([^"]+)"', box(page, label)).group(1)
    dispatch(page.renderer, page.ctrl, iid, "change", checked)
    page.html = page.renderer.render_page_body()


def head_cells(page: Page) -> list[str]:
    thead = re.search(r"<thead>(.*?)</thead>", page.html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<th[^>]*>(.*?)</th>", thead, re.S)]


def test_vuetify3_adds_a_group_column_unless_the_headers_place_it():
    page = Page(lambda: v.VDataTable(**GROUPED))
    assert head_cells(page) == ["Group", "Name", "Value"]
    assert re.search(r'<td class="[^"]*group-header-row__cell[^"]*" colspan="3"', page.html)
    toggle(page, 0)
    assert re.search(r'<tr class="v-data-table__tr"[^>]*><td class="v-data-table-column--group"></td><td',
                     page.html)
    # the headers may place it (here last, titled by the app): then it is not added again
    placed = [*HEADERS, {"title": "By", "key": "data-table-group"}]
    page = Page(lambda: v.VDataTable(**{**GROUPED, "headers": placed}))
    assert head_cells(page) == ["Name", "Value", "By"]
    assert 'colspan="3"' in page.html
    # without group_by, and in Vuetify 2, there is no such column
    assert head_cells(Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS))) == ["Name", "Value"]
    page = Page(lambda: vuetify2.VDataTable(id="t", headers=[{"text": "Name", "value": "n"}], items=ROWS,
                                            group_by="cat"))
    assert "Group" not in head_cells(page)


def test_select_comes_first_then_the_group_column_and_the_header_row_spans_the_rest():
    page = selecting()
    assert head_cells(page) == ["", "Group", "Name", "Value"]
    header = re.search(r'<tr class="v-data-table-group-header-row".*?</tr>', page.html, re.S).group(0)
    assert re.search(r'<td class="[^"]*column--select[^"]*"><input[^>]*aria-label="Select group cat: cookie"', header)
    assert 'colspan="3"' in header  # 4 columns, the checkbox's cell takes one


def test_a_group_checkbox_selects_and_deselects_every_row_of_the_group_even_closed():
    page = selecting()
    assert rows(page) == ["# cookie (3)", "# fruit (2)"]  # closed: the rows are not shown
    assert "checked" not in box(page, "Select group cat: cookie")
    click(page, "Select group cat: cookie", True)
    assert page.state.picked == ["eclair", "brownie", "donut"]
    assert " checked" in box(page, "Select group cat: cookie")
    assert "data-ht-mixed" not in box(page, "Select group cat: cookie")
    assert " checked" not in box(page, "Select group cat: fruit")
    toggle(page, 0)  # opened, the group's rows show checked
    assert len(re.findall(r'<input[^>]*aria-label="Select row"[^>]*checked', page.html)) == 3
    click(page, "Select group cat: cookie", False)
    assert page.state.picked == []


def test_some_rows_selected_make_the_group_box_mixed_and_a_click_then_selects_them_all():
    page = selecting()
    page.state.picked = ["pear", "brownie"]
    page.state.flush()
    page.html = page.renderer.render_page_body()
    cookie = box(page, "Select group cat: cookie")
    assert 'data-ht-mixed="true"' in cookie and " checked" not in cookie and "data-ht-mixable" in cookie
    click(page, "Select group cat: cookie", True)
    # the rows already picked stay in their place, the group's others are added in its order
    assert page.state.picked == ["pear", "brownie", "eclair", "donut"]
    assert "data-ht-mixed" not in box(page, "Select group cat: cookie")
    assert 'data-ht-mixed="true"' in box(page, "Select group cat: fruit")
    # "Select all" speaks for the rows shown (Vuetify's page strategy): none while the groups are closed
    assert "data-ht-mixed" not in box(page, "Select all") and " checked" not in box(page, "Select all")
    toggle(page, 0)
    assert " checked" in box(page, "Select all") and "data-ht-mixed" not in box(page, "Select all")
    toggle(page, 1)
    assert 'data-ht-mixed="true"' in box(page, "Select all") and " checked" not in box(page, "Select all")


def test_nested_groups_select_the_rows_of_their_inner_groups():
    page = Page(lambda: v.VDataTable(id="t", headers=HEADERS, items=ROWS, show_select=True, item_value="n",
                                     v_model=("picked", []),
                                     group_by=[{"key": "cat", "order": "asc"}, {"key": "kind", "order": "asc"}]))
    toggle(page, 0)
    click(page, "Select group kind: soft", True)
    assert page.state.picked == ["eclair", "donut"]
    assert 'data-ht-mixed="true"' in box(page, "Select group cat: cookie")
    click(page, "Select group cat: cookie", True)
    assert page.state.picked == ["eclair", "donut", "brownie"]
    assert " checked" in box(page, "Select group kind: hard")


def test_without_show_select_or_a_model_there_is_no_group_checkbox():
    assert "Select group" not in Page(lambda: v.VDataTable(**GROUPED, show_select=True)).html
    assert "Select group" not in Page(lambda: v.VDataTable(**GROUPED, v_model=("picked", []))).html

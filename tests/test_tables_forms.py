"""Data tables with state-bound options, VDataTableServer, VForm and field rules (issue 14)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from htmxtrame.events import HandlerError, InputError, dispatch
from htmxtrame.widgets import vuetify2
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page

ROWS = [{"n": "c", "v": 3}, {"n": "a", "v": 1}, {"n": "b", "v": 2}]
HEADERS = [{"title": "N", "key": "n"}, {"title": "V", "key": "v"}]


def cells(page: Page) -> list[str]:
    return re.findall(r"<td[^>]*>([^<]*)</td>", page.html)


def first_col(page: Page) -> list[str]:
    return cells(page)[::2]


def header(page: Page, n: int = 0):
    return [i.element for i in page.renderer.instances.values() if i.element.tagname == "th"][n]


def click_header(page: Page, n: int = 0) -> None:
    iid = [i for i, inst in page.renderer.instances.items() if inst.element.tagname == "th"][n]
    dispatch(page.renderer, page.ctrl, iid, "click")
    page.html = page.renderer.render_page_body()


def button(page: Page, cls: str):
    return [i.element for i in page.renderer.instances.values() if cls in i.element.attributes.get("class", "")][0]


def table(build_kwargs: dict, cls=v.VDataTable, **state) -> tuple[Page, dict]:
    box: dict = {}
    page = Page(lambda: box.setdefault("t", cls(id="t", headers=HEADERS, **build_kwargs)), **state)
    return page, box


# -- VDataTable: options bound to state -------------------------------------------------------------
def test_bound_sort_by_is_read_and_header_clicks_write_it():
    page, _ = table({"items": ("rows", ROWS), "sort_by": ("sort",)}, sort=[{"key": "v", "order": "desc"}])
    assert first_col(page) == ["c", "b", "a"]
    click_header(page, 0)  # name: ascending, in the app's key
    assert page.state.sort == [{"key": "n", "order": "asc"}] and first_col(page) == ["a", "b", "c"]
    click_header(page, 0)
    assert page.state.sort == [{"key": "n", "order": "desc"}] and first_col(page) == ["c", "b", "a"]
    click_header(page, 0)
    assert page.state.sort == [] and first_col(page) == ["c", "a", "b"]
    page.state.sort = [{"key": "v", "order": "asc"}]  # the app sorts
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert first_col(page) == ["a", "b", "c"] and 'aria-sort="ascending"' in page.html


@pytest.mark.parametrize("spelling", ["v_model_page", "v_model:page", "page_sync", "page.sync", "page"])
def test_bound_page_is_read_and_the_pager_writes_it(spelling):
    page, _ = table({"items": ("rows", ROWS), "items_per_page": 2, spelling: ("pg", 2)})
    assert first_col(page) == ["b"] and "3–3 of 3" in page.html
    page.fire(button(page, "v-data-table-footer__prev"), "click")
    assert page.state.pg == 1 and first_col(page) == ["c", "a"]
    page.state.pg = 2
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert first_col(page) == ["b"]


def test_bound_items_per_page_and_its_footer_select():
    page, _ = table({"items": ("rows", ROWS), "items_per_page": ("per", 1), "page": ("pg", 3),
                     "items_per_page_options": [1, 2, -1]})
    assert first_col(page) == ["b"] and "3–3 of 3" in page.html
    select = [i.element for i in page.renderer.instances.values() if i.element.tagname == "select"][0]
    page.fire(select, "change", "2")  # "All"
    assert page.state.per == -1 and page.state.pg == 1 and first_col(page) == ["c", "a", "b"]
    assert "1–3 of 3" in page.html


def test_selection_and_expanded_rows_bound_to_state():
    def build():
        with v.VDataTable(id="t", headers=HEADERS, items=ROWS, item_value="n", show_select=True,
                          v_model=("picked", ["a"]), show_expand=True, expanded=("open", [])):
            with v.Template(v_slot_expanded_row="{ item }"):
                v.VChip("details of {{ item.n }}")

    page = Page(build)
    boxes = [i.element for i in page.renderer.instances.values()
             if i.element.attributes.get("aria-label") == "Select row"]
    assert page.html.count("checked") == 1
    page.fire(boxes[0], "change", True)
    assert page.state.picked == ["a", "c"]
    assert "details of" not in page.html
    page.fire(button(page, "v-data-table__expand-icon"), "click")
    assert page.state.open == ["c"] and "details of c" in page.html and 'aria-expanded="true"' in page.html


def test_update_options_gets_vuetify_options_and_marks_them_reported():
    got = []
    page, box = table({"items": ("rows", ROWS), "sort_by": ("sort", []), "page": ("pg", 1), "items_per_page": 2,
                       "search": ("q", ""), "update:options": (got.append, "[$event]")})
    root = box["t"]
    shown = json.loads(unescape(re.search(r'data-ht-options="([^"]*)"', page.html).group(1)))
    assert shown == {"page": 1, "itemsPerPage": 2, "sortBy": [], "groupBy": [], "search": ""}
    assert 'data-ht-emitted' not in page.html  # nothing reported yet: the page will report
    click_header(page, 1)
    page.fire(root, "update_options")
    assert got == [{"page": 1, "itemsPerPage": 2, "sortBy": [{"key": "v", "order": "asc"}], "groupBy": [],
                    "search": ""}]
    options = re.search(r'data-ht-options="([^"]*)"', page.html).group(1)
    assert f'data-ht-emitted="{options}"' in page.html  # so no page reports it again
    page.fire(root, "update_options")  # another page reported the same change: the app hears it once
    assert len(got) == 1


def test_a_new_search_goes_back_to_page_one():
    got = []
    page, box = table({"items": ("rows", []), "items_length": 100, "page": ("pg", 1), "search": ("q", ""),
                       "update_options": (got.append, "[$event]")}, cls=v.VDataTableServer)
    page.fire(box["t"], "update_options")
    page.fire(button(page, "v-data-table-footer__next"), "click")
    page.fire(box["t"], "update_options")
    assert page.state.pg == 2 and got[-1]["page"] == 2
    page.state.q = "abc"
    page.state.flush()
    page.fire(box["t"], "update_options")
    assert page.state.pg == 1 and got[-1] == {"page": 1, "itemsPerPage": 10, "sortBy": [], "groupBy": [],
                                              "search": "abc"}


def test_update_options_expression_handler_runs_once_per_change():
    page, box = table({"items": ROWS, "page": ("pg", 1), "items_per_page": 1,
                       "update_options": "calls = (calls || 0) + 1; last = $event.page"})
    page.fire(box["t"], "update_options")
    page.fire(box["t"], "update_options")
    assert page.state.calls == 1 and page.state.last == 1
    page.fire(button(page, "v-data-table-footer__next"), "click")
    page.fire(box["t"], "update_options")
    assert page.state.calls == 2 and page.state.last == 2


def test_update_options_handler_that_raises_changes_nothing_else():
    def boom(options):
        raise RuntimeError("query failed")

    page, box = table({"items": ("rows", ROWS), "page": ("pg", 1), "update_options": (boom, "[$event]")})
    with pytest.raises(HandlerError):
        dispatch(page.renderer, page.ctrl, page.iid(box["t"]), "update_options")
    assert page.state.pg == 1
    with pytest.raises(InputError):
        dispatch(page.renderer, page.ctrl, page.iid(box["t"]), "update_sortBy")


def test_vuetify2_table_sort_desc_and_options_sync():
    got = []
    page, box = table({"items": ROWS, "options": ("opts", {"page": 1, "itemsPerPage": 2}),
                       "update_options": (got.append, "[$event]")}, cls=vuetify2.VDataTable)
    assert first_col(page) == ["c", "a"]
    click_header(page, 1)
    assert page.state.opts == {"page": 1, "itemsPerPage": 2, "sortBy": ["v"], "sortDesc": [False]}
    click_header(page, 1)
    assert page.state.opts["sortDesc"] == [True] and first_col(page) == ["c", "b"]
    page.fire(button(page, "v-data-table-footer__next"), "click")
    assert page.state.opts["page"] == 2 and first_col(page) == ["a"]
    page.fire(box["t"], "update_options")
    assert got[-1]["sortBy"] == ["v"] and got[-1]["sortDesc"] == [True] and got[-1]["page"] == 2

    page, _ = table({"items": ROWS, "sort_by": ("sb", "v"), "sort_desc": ("sd", True),
                     "footer_props": {"items-per-page-options": [2, -1]}}, cls=vuetify2.VDataTable)
    assert ">All</option>" in page.html
    assert first_col(page) == ["c", "b", "a"]
    click_header(page, 0)
    assert page.state.sb == ["n"] and page.state.sd == [False]


# -- VDataTableServer ---------------------------------------------------------------------------------
def test_server_table_shows_the_page_it_is_given_and_reports_options():
    got = []

    def load(options):
        got.append(options)
        start = (options["page"] - 1) * options["itemsPerPage"]
        rows = [{"n": f"row{i}", "v": i} for i in range(start, start + options["itemsPerPage"])]
        if options["sortBy"] and options["sortBy"][0]["order"] == "desc":
            rows = [{"n": f"row{99_999 - i}", "v": 99_999 - i} for i in range(start, start + 10)]
        page.state.rows = rows

    box: dict = {}
    page = Page(lambda: box.setdefault("t", v.VDataTableServer(
        id="t", headers=HEADERS, items=("rows", []), items_length=("total", 100_000), items_per_page=10,
        page=("pg", 1), sort_by=("sort", []), update_options=(load, "[$event]"))))
    root = box["t"]
    page.fire(root, "update_options")
    assert len(re.findall(r'class="v-data-table__tr"', page.html)) == 10
    assert "1–10 of 100000" in page.html and first_col(page)[0] == "row0"
    page.fire(button(page, "v-data-table-footer__next"), "click")
    assert page.state.pg == 2 and "11–20 of 100000" in page.html
    page.fire(root, "update_options")
    assert first_col(page)[0] == "row10"
    click_header(page, 1)
    click_header(page, 1)  # descending: the table does not sort the page itself
    assert page.state.sort == [{"key": "v", "order": "desc"}] and first_col(page)[0] == "row10"
    page.fire(root, "update_options")
    assert got[-1] == {"page": 2, "itemsPerPage": 10, "sortBy": [{"key": "v", "order": "desc"}], "groupBy": []}
    assert first_col(page)[0] == "row99989"


def test_table_event_spellings():
    seen = []
    page, box = table({"items": ROWS, "items_per_page": 1, "v_model:page": ("pg", 1),
                       "update:page": (seen.append, "[$event]"), "update_sort_by": (seen.append, "[$event]")})
    page.fire(button(page, "v-data-table-footer__next"), "click")
    click_header(page, 0)
    assert seen == [2, [{"key": "n", "order": "asc"}]]


# -- forms ----------------------------------------------------------------------------------------------
def errors(page: Page) -> list[str]:
    return re.findall(r"v-messages--error[^>]*>([^<]*)<", page.html)


def form_page(**form_kwargs) -> tuple[Page, dict]:
    box: dict = {"submits": []}

    def build():
        with v.VForm(ref="form", v_model=("valid", None), submit=(box["submits"].append, "[$event]"),
                     **form_kwargs) as f:
            box["form"] = f
            box["name"] = v.VTextField(label="Name", v_model=("name", ""), rules=("[v => !!v || 'Required']",))
            box["mail"] = v.VTextField(label="Mail", v_model=("mail", ""), validate_on="blur", rules=(
                "[v => !!v || 'Required', v => String(v).includes('@') || 'Bad email']",))
            box["check"] = v.VBtn("Check", click="checked = $refs.form.validate().valid")
            box["wrong"] = v.VBtn("Wrong", click="$refs.nothing.validate()")

    return Page(build), box


def test_rules_hidden_on_load_shown_after_input_or_blur():
    page, box = form_page()
    assert errors(page) == [] and page.state.valid is None
    assert "validate-on" not in page.html and "validate_on" not in page.html
    page.fire(box["mail"].control, "input", "abc")  # validate_on="blur": typing shows nothing yet
    assert errors(page) == []
    page.fire(box["mail"].control, "blur")
    assert errors(page) == ["Bad email"] and page.state.valid is False
    page.fire(box["name"].control, "input", "x")  # default "input": shown as typed
    page.fire(box["name"].control, "input", "")
    assert errors(page) == ["Required", "Bad email"]


def test_submit_validates_every_field_then_fixing_makes_the_form_valid():
    page, box = form_page()
    page.fire(box["form"], "submit", None, {"type": "submit"})
    assert errors(page) == ["Required", "Required"] and page.state.valid is False
    assert box["submits"] == [{"valid": False, "errors": [
        {"id": box["name"].dom_id, "errorMessages": ["Required"]},
        {"id": box["mail"].dom_id, "errorMessages": ["Required"]}]}]
    page.fire(box["name"].control, "input", "Ann")
    page.fire(box["mail"].control, "input", "ann@example.org")
    assert errors(page) == [] and page.state.valid is True


def test_reset_and_reset_validation_from_js_call_methods():
    page, box = form_page()
    assert 'data-ht-methods="validate reset resetValidation"' in page.html
    page.fire(box["name"].control, "input", "Ann")
    page.fire(box["form"], "validate")
    assert errors(page) == ["Required"] and page.state.valid is False
    page.fire(box["form"], "resetValidation")
    assert errors(page) == [] and page.state.name == "Ann" and page.state.valid is None
    page.fire(box["form"], "validate")
    page.fire(box["form"], "reset")
    assert errors(page) == [] and page.state.name is None and page.state.mail is None
    assert page.state.valid is None


def test_refs_form_validate_in_an_event_expression():
    page, box = form_page()
    page.fire(box["check"], "click")
    assert page.state.checked is False and errors(page) == ["Required", "Required"]
    page.fire(box["name"].control, "input", "Ann")
    page.fire(box["mail"].control, "input", "a@b")
    page.fire(box["check"], "click")
    assert page.state.checked is True and page.state.valid is True
    with pytest.raises(HandlerError, match="reading .validate."):
        page.fire(box["wrong"], "click")
    assert page.state.valid is True


def test_form_validate_on_submit_and_lazy():
    page, box = form_page(validate_on="submit lazy")
    page.fire(box["name"].control, "input", "")
    assert errors(page) == [] and page.state.valid is None
    page.fire(box["form"], "submit")
    assert errors(page) == ["Required", "Required"]


def test_bad_validate_on_is_a_clear_error():
    with pytest.raises(ValueError, match="validate_on='sometimes'"):
        v.VForm(validate_on="sometimes")


def test_vuetify2_field_validates_when_left():
    box = {}
    page = Page(lambda: box.setdefault("f", vuetify2.VTextField(v_model=("n", ""),
                                                                rules=("[v => !!v || 'Required']",))))
    assert errors(page) == []
    page.fire(box["f"].control, "blur")
    assert errors(page) == ["Required"]


def test_form_validity_follows_values_set_from_python():
    from htmxtrame.elements import pop_state, push_state
    from htmxtrame.state import State

    state = State(ready=True)
    state.update({"name": "Ann", "mail": "a@b"})
    push_state(state)
    try:
        with v.VForm(v_model=("valid", None)):
            v.VTextField(v_model=("name",), rules=("[v => !!v || 'Required']",))
            v.VTextField(v_model=("mail",), rules=("[v => String(v).includes('@') || 'Bad email']",))
    finally:
        pop_state()
    state.flush()
    assert state.valid is True  # worked out when built, as Vuetify does on mount
    state.mail = "nope"
    state.flush()
    assert state.valid is None  # failing, but nobody validated the field yet
    state.mail = "b@c"
    state.flush()
    assert state.valid is True


def test_disabled_form_disables_its_controls():
    box = {}

    def build():
        with v.VForm(disabled=("busy", True)) as f:
            box["f"] = f
            v.VTextField(v_model=("name", ""), label="Name")

    page = Page(build)
    fieldset = re.search(r"<fieldset[^>]*>.*?</fieldset>", page.html, re.S).group(0)
    assert " disabled" in fieldset.split(">")[0] and "<input" in fieldset
    page.state.busy = False
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert " disabled" not in re.search(r"<fieldset[^>]*>", page.html).group(0)


def test_vuetify2_form_value_is_a_bool():
    from htmxtrame.elements import pop_state, push_state
    from htmxtrame.state import State

    for lazy, first in ((False, False), (True, True)):
        state = State(ready=True)
        push_state(state)
        try:
            with vuetify2.VForm(v_model=("valid", None), lazy_validation=lazy):
                vuetify2.VTextField(v_model=("name", ""), rules=("[v => !!v || 'Required']",))
        finally:
            pop_state()
        state.flush()
        assert state.valid is first
        state.name = "Ann"
        state.flush()
        assert state.valid is True


@pytest.mark.parametrize("value", ["unset", None, "dataframe"])
def test_a_table_whose_items_are_not_there_yet_shows_no_data(sim_user, value):
    # Vuetify's items default to []: a key not loaded yet, None, or a value the
    # page cannot see (a DataFrame is undefined there) shows "No data available",
    # not three "expression error" placeholders and a log full of tracebacks.
    import uuid

    from htmxtrame.server import Server
    from htmxtrame.ui.vuetify3 import SinglePageLayout

    server = Server(f"noitems{uuid.uuid4().hex[:6]}")
    if value == "dataframe":
        class DataFrame:  # stands for pandas': a value with no JSON form
            pass
        server.state.rows = DataFrame()
    elif value is None:
        server.state.rows = None
    headers = [{"title": "Name", "key": "name"}]
    with SinglePageLayout(server) as layout, layout.content:
        v.VDataTable(headers=headers, items=("rows",), id="local")
        v.VDataTableServer(headers=headers, items=("rows",), items_length=("total", 0), id="remote")
    user = sim_user(server)
    for table in ("#local", "#remote"):
        assert "expression error" not in user.text(table)
        assert "No data available" in user.text(table)
    user.click("#local th")  # a header click sorts nothing, and fails nothing
    server.state.rows = [{"name": "Ann"}]
    server.state.flush()
    user.should_see("Ann")

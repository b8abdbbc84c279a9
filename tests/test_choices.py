"""VAutocomplete / VCombobox: server-side filtering, picks, chips, free text, slots, ARIA."""

from __future__ import annotations

import re

from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.choices import FIRST, MAX_SHOWN, PAGE

from test_inputs_model import Page, attr

BIG = [f"item {n:05d}" for n in range(10_000)]


def options(p: Page) -> list[str]:
    return re.findall(r'<div class="v-list-item-title">([^<]*)</div>', p.html)


def chips(p: Page) -> list[str]:
    return re.findall(r'<span class="v-chip__content">([^<]*)</span>', p.html)


def test_typing_filters_ten_thousand_items_on_the_server_and_renders_only_the_first():
    p = Page(lambda: v.VAutocomplete(v_model=("pick", None), items=("names", BIG), label="Name"))
    assert len(options(p)) == FIRST  # not 10,000 rows
    assert f"{10_000 - FIRST} more" in p.html
    p.fire(r"role=\"combobox\"", "input", "ITEM 0012")
    assert options(p) == [f"item 0012{d}" for d in range(10)]
    assert "more" not in re.sub(r"<[^>]+>", "", p.html)
    p.fire(r"role=\"option\"", "click", n=2)  # the third match
    assert p.state.pick == "item 00122"
    assert p.state[[k for k in p.state.keys() if k.endswith("_search")][0]] == ""
    assert "item 00122" in re.sub(r"<[^>]+>", " ", p.html.split('role="combobox"')[0])


def test_more_shows_the_next_matches_and_is_bounded():
    p = Page(lambda: v.VAutocomplete(v_model=("pick", None), items=("names", BIG)))
    p.fire(r"v-autocomplete__more", "click")
    assert len(options(p)) == FIRST + PAGE
    for _ in range(MAX_SHOWN // PAGE + 5):
        p.fire(r"v-autocomplete__more", "click")
    assert len(options(p)) == MAX_SHOWN  # MAX_SHOWN, however often it is clicked


def test_combobox_aria_pattern():
    p = Page(lambda: v.VAutocomplete(v_model=("pick", "b"), items=["a", "b"], label="Letter"))
    box = p.tags(r'role="combobox"')[0]
    assert attr(box, "aria-expanded") == "false" and attr(box, "aria-autocomplete") == "list"
    listbox = p.tags(r'role="listbox"')[0]
    assert attr(box, "aria-controls") == attr(listbox, "id")
    opts = p.tags(r'role="option"')
    assert [attr(o, "aria-selected") for o in opts] == ["false", "true"]
    assert all(attr(o, "id") for o in opts)
    assert re.search(r'<label[^>]*for="' + attr(box, "id") + '"', p.html)


def test_objects_with_item_title_item_value_and_return_object():
    users = [{"name": "Ann", "id": 1}, {"name": "Bob", "id": 2}, {"name": "Cy", "id": 3}]
    p = Page(lambda: v.VAutocomplete(v_model=("uid", 2), items=("users", users), item_title="name",
                                      item_value="id"))
    assert options(p) == ["Ann", "Bob", "Cy"]
    assert '<span class="v-autocomplete__selection"' in p.html and ">Bob" in p.html
    p.fire(r'role="option"', "click", n=2)
    assert p.state.uid == 3
    q = Page(lambda: v.VAutocomplete(v_model=("user", None), items=("users", users), item_title="name",
                                      return_object=True))
    q.fire(r'role="option"', "click", n=0)
    assert q.state.user == {"name": "Ann", "id": 1}


def test_multiple_chips_added_and_removed_and_hide_selected():
    p = Page(lambda: v.VAutocomplete(v_model=("tags", ["b"]), items=["a", "b", "c"], multiple=True, chips=True,
                                      closable_chips=True, hide_selected=True))
    assert chips(p) == ["b"]
    assert options(p) == ["a", "c"]  # hide_selected
    p.fire(r'role="option"', "click", n=1)
    assert p.state.tags == ["b", "c"] and chips(p) == ["b", "c"]
    p.fire(r'v-chip__close', "click", n=0)
    assert p.state.tags == ["c"] and chips(p) == ["c"]


def test_combobox_takes_free_text_and_no_data_text():
    p = Page(lambda: v.VCombobox(v_model=("tags", []), items=["red", "green"], multiple=True, chips=True))
    p.fire(r'role="combobox"', "input", "teal")
    assert options(p) == [] and "Press Enter to add" in p.html
    p.fire(r'role="combobox"', "change", "teal")
    assert p.state.tags == ["teal"] and chips(p) == ["teal"]
    q = Page(lambda: v.VAutocomplete(v_model=("x", None), items=["red"], no_data_text="Nothing here"))
    q.fire(r'role="combobox"', "input", "zzz")
    assert "Nothing here" in q.html


def test_item_and_selection_slots():
    people = [{"title": "Ann", "value": 1, "role": "admin"}, {"title": "Bob", "value": 2, "role": "user"}]

    def build():
        with v.VAutocomplete(v_model=("who", 1), items=("people", people)):
            with v.Template(v_slot_item="{ item, props }"):
                v.VListItemTitle("{{ item.title }} ({{ item.raw.role }})", classes="slot-item")
            with v.Template(v_slot_selection="{ item }"):
                v.VChip("{{ item.raw.role }}: {{ item.title }}", classes="slot-sel")

    p = Page(build)
    assert "Ann (admin)" in p.html and "Bob (user)" in p.html
    assert "admin: Ann" in p.html
    p.fire(r'role="option"', "click", n=1)
    assert p.state.who == 2 and "user: Bob" in p.html


def test_items_that_are_not_a_list_show_no_data_and_nothing_breaks():
    p = Page(lambda: v.VAutocomplete(v_model=("pick", None), items=("junk", 42)))
    assert options(p) == [] and "No data available" in p.html


def test_a_disabled_field_refuses_picks_sent_anyway():
    p = Page(lambda: v.VAutocomplete(v_model=("pick", "a"), items=["a", "b"], disabled=True, chips=True,
                                      closable_chips=True))
    assert "data-ht-on" not in "".join(p.tags(r'role="option"')) + "".join(p.tags(r"v-chip__close"))
    assert p.state.pick == "a"


def test_autocompletes_in_a_v_for_have_ids_of_their_own_and_pick_for_their_row():
    p = Page(lambda: v.VAutocomplete(v_for="row in rows", key="row.id", v_model="row.pick",
                                     items=("cities", ["Ash 1", "Birch 2", "Cedar 3"]), label="City"),
             rows=[{"id": 1, "pick": None}, {"id": 2, "pick": None}], cities=["Ash 1", "Birch 2", "Cedar 3"])
    ids = re.findall(r' id="([^"]+)"', p.html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    boxes = p.tags(r'role="combobox"')
    lists = [attr(t, "id") for t in p.tags(r'role="listbox"')]
    assert [attr(t, "aria-controls") for t in boxes] == lists and len(set(lists)) == 2
    # each listbox holds only its own options: the page's keyboard marks options by id
    for lid in lists:
        body = p.html.split(f'id="{lid}"', 1)[1]
        other = [x for x in lists if x != lid][0]
        own = re.findall(r'role="option"[^>]* id="([^"]+)"', body.split(f'id="{other}"', 1)[0])
        assert len(own) == 3 and all(o.startswith(f"opt-{lid}") for o in own), own
    p.fire(r'role="option"', "click", n=4)  # row 2's second option
    assert [r["pick"] for r in p.state["rows"]] == [None, "Birch 2"]

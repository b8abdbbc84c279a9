"""The autocomplete filter's cache (choices_scan.py): fast, and never answers from stale items."""

from __future__ import annotations

import random
import re

from htmxtrame.expr.jsvalues import UNDEFINED
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.choices_scan import Scan

from test_inputs_model import Page


def naive(source: list, tk, needle: str) -> list[int]:
    def title(item):
        t = item.get(tk, UNDEFINED) if isinstance(item, dict) and isinstance(tk, str) else (
            UNDEFINED if isinstance(item, dict) else item)
        return "" if t is None or t is UNDEFINED else str(t)
    return [i for i, item in enumerate(source) if needle in title(item).lower()]


def test_narrowing_and_widening_match_a_full_scan():
    items = [f"{a} {b}" for a in ("North", "Nora", "South", "Oak") for b in range(50)]
    scan = Scan()
    for needle in ("n", "no", "nor", "nort", "nor", "no", "o", "oak 1", "oak 12", "ak 1", "", "zz", "z"):
        assert list(scan.hits(items, "title", needle)) == naive(items, "title", needle), needle


def test_a_list_of_strings_edited_in_place_is_seen():
    items = ["apple", "banana", "cherry"]
    scan = Scan()
    assert scan.hits(items, "title", "an") == [1]
    items[2] = "mango"  # same list object, same length
    assert scan.hits(items, "title", "an") == [1, 2]
    items.append("orange")
    assert scan.hits(items, "title", "an") == [1, 2, 3]
    del items[0]
    assert scan.hits(items, "title", "ang") == [1, 2]


def test_dicts_edited_in_place_are_seen():
    items = [{"title": f"city {i}", "value": i} for i in range(100)]
    scan = Scan()
    assert scan.hits(items, "title", "city 42") == [42]
    items[7]["title"] = "City 42 North"  # the same dict object, its title changed
    assert scan.hits(items, "title", "city 42") == [7, 42]
    del items[7]["title"]  # a dict without a title now
    assert scan.hits(items, "title", "city 42") == [42]
    items[7] = "city 42 as a string"
    assert scan.hits(items, "title", "city 42") == [7, 42]


def test_other_titles_are_never_cached_wrongly():
    # 1 == 1.0 == True, but they show as "1", "1.0" and "True"
    scan = Scan()
    items = [1, 2]
    assert scan.hits(items, "title", "1") == [0]
    items[0] = True
    assert scan.hits(items, "title", "true") == [0]
    nested = [["a"], ["b"]]
    assert scan.hits(nested, "title", "a") == [0]
    nested[1].append("a")  # an item edited in place that is not a string
    assert scan.hits(nested, "title", "a") == [0, 1]


def test_random_edits_against_a_full_scan():
    rng = random.Random(17)
    items = [{"title": f"w{rng.randrange(300)}", "value": i} for i in range(200)]
    scan = Scan()
    for _ in range(300):
        op = rng.randrange(4)
        if op == 0:
            items[rng.randrange(len(items))]["title"] = f"w{rng.randrange(300)}"
        elif op == 1:
            items.append({"title": f"w{rng.randrange(300)}", "value": 0})
        elif op == 2 and len(items) > 1:
            items.pop(rng.randrange(len(items)))
        needle = f"w{rng.randrange(30)}"[: rng.randrange(1, 4)]
        assert list(scan.hits(items, "title", needle)) == naive(items, "title", needle)


def titles(p: Page) -> list[str]:
    return re.findall(r'<div class="v-list-item-title">([^<]*)</div>', p.html)


def test_an_item_renamed_in_place_then_marked_dirty_is_filtered_by_its_new_title():
    items = [{"title": f"Town {i}", "value": i} for i in range(45)]
    p = Page(lambda: v.VAutocomplete(v_model=("pick", None), items=("towns", items)))
    p.fire(r'role="combobox"', "input", "town 4")
    assert titles(p) == ["Town 4"] + [f"Town {i}" for i in range(40, 45)]
    p.state.towns[3]["title"] = "Town 44b"  # trame's way: edit in place, then say so
    p.state.dirty("towns")
    p.state.flush()
    p.fire(r'role="combobox"', "input", "town 44")
    assert titles(p) == ["Town 44b", "Town 44"]


def selected(p: Page) -> list[str]:
    return re.findall(r'aria-selected="true"[^>]*>(?:<[^>]*>)*([^<]*)<', p.html)


def test_the_picked_rows_are_marked_whatever_the_model_holds():
    users = [{"name": f"user {i}", "id": i} for i in range(300)]
    p = Page(lambda: v.VAutocomplete(v_model=("uid", 295), items=("users", users), item_title="name",
                                      item_value="id"))
    p.fire(r'role="combobox"', "input", "user 29")
    assert selected(p) == ["user 295"]
    p = Page(lambda: v.VAutocomplete(v_model=("picked", [users[3], users[33]]), items=("users", users),
                                      item_title="name", item_value="id", multiple=True, return_object=True))
    p.fire(r'role="combobox"', "input", "user 3")
    assert selected(p) == ["user 3", "user 33"]
    p = Page(lambda: v.VAutocomplete(v_model=("many", [5, 55]), items=("users", users), item_title="name",
                                      item_value="id", multiple=True, hide_selected=True))
    p.fire(r'role="combobox"', "input", "user 5")
    assert titles(p) == ["user 50", "user 51", "user 52", "user 53", "user 54", "user 56", "user 57",
                         "user 58", "user 59"]


def test_hide_selected_counts_right_with_nothing_and_with_something_picked():
    names = [f"item {n:05d}" for n in range(10_000)]
    p = Page(lambda: v.VAutocomplete(v_model=("many", []), items=("names", names), multiple=True,
                                      hide_selected=True))
    assert "9990 more" in p.html.replace(",", "")
    p.fire(r'role="option"', "click", n=0)
    p.fire(r'role="combobox"', "input", "item 0000")
    assert titles(p) == [f"item 0000{d}" for d in range(1, 10)] and "more" not in re.sub(r"<[^>]+>", "", p.html)

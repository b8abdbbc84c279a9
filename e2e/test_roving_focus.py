"""Roving focus (WAI-ARIA Authoring Practices): a group of choices is ONE Tab stop.

Tabs, a chip group, a button toggle, a selectable list, a radio group, a
menu, a tree and a date grid: Tab enters the group on its selected item (or
its first), Tab again leaves it, and the arrows (Home, End) move inside. Each
test drives the gallery with the keyboard only and checks
``document.activeElement`` and what the page shows.
"""

from __future__ import annotations

from conftest import show_text
from playwright.sync_api import expect

# every kind of group on the gallery page: a selector of the group, one of its items
GROUPS = {
    "tabs": "#tabs",
    "chip group": "#chip-group",
    "multi chip group": "#chip-tags",
    "button toggle": "#toggle",
    "selectable list": "#sel-list",
    "radio group": "#radio-size [role=radiogroup]",
    "date grid": "#date-picker [role=grid]",
    "tree": "#tree",
}

ACTIVE = "() => { const a = document.activeElement; return a && (a.id || a.getAttribute('data-ht') || a.tagName); }"


def active(pg) -> str:
    return pg.evaluate(ACTIVE)


def focused_in(pg, selector: str) -> bool:
    return pg.evaluate("s => { const a = document.activeElement; return !!(a && a.closest(s)); }", selector)


def tab_into(pg, selector: str, back: bool = False) -> str:
    """Press Tab (Shift+Tab with *back*) from the top/bottom of the page until the focus is in *selector*."""
    pg.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(400):
        pg.keyboard.press("Shift+Tab" if back else "Tab")
        if focused_in(pg, selector):
            return active(pg)
    raise AssertionError(f"Tab never reached {selector}")


def radio_id(pg) -> str:
    return pg.evaluate("() => document.activeElement.closest('.v-radio.v-input').id")


def test_each_group_is_one_tab_stop_both_ways(pg):
    """Walk the whole page with Tab, then with Shift+Tab: each group is entered once and left at once."""
    for key in ("Tab", "Shift+Tab"):
        pg.evaluate("() => document.activeElement && document.activeElement.blur()")
        stops: dict[str, int] = {}
        first = None
        for _ in range(400):  # one lap of the page: until the first stop comes round again
            pg.keyboard.press(key)
            where = pg.evaluate("""groups => {
              const a = document.activeElement;
              if (!a || a === document.body) return [null, null];
              if (!a.__htLap) a.__htLap = Math.random();
              for (const [name, sel] of Object.entries(groups)) if (a.closest(sel)) return [name, a.__htLap];
              return [null, a.__htLap];
            }""", GROUPS)
            if where[1] is None:
                continue
            if first is None:
                first = where[1]
            elif where[1] == first:
                break
            if where[0]:
                stops[where[0]] = stops.get(where[0], 0) + 1
        # a group holding two Tab stops would be counted twice in one pass of the page
        assert stops and all(n == 1 for n in stops.values()), f"{key}: Tab stops per group {stops}"
        assert set(stops) == set(GROUPS), f"{key} never reached {set(GROUPS) - set(stops)}"


def test_tabs_arrows_move_enter_picks_and_tab_comes_back_to_the_selected_tab(pg):
    selected = pg.locator("#tabs [role=tab][aria-selected=true]").get_attribute("id")
    assert tab_into(pg, "#tabs") == selected, "Tab must enter the tab list on the selected tab"
    pg.keyboard.press("End")
    assert active(pg) == "tab-three"
    pg.keyboard.press("Home")
    assert active(pg) == "tab-one"
    pg.keyboard.press("ArrowLeft")  # wraps
    assert active(pg) == "tab-three"
    pg.keyboard.press("ArrowRight")
    assert active(pg) == "tab-one"
    pg.keyboard.press("ArrowRight")
    assert active(pg) == "tab-two"
    pg.keyboard.press("Enter")
    show_text(pg, "tab-text", "tab = two")
    expect(pg.locator("#tab-two")).to_have_attribute("aria-selected", "true")
    expect(pg.locator("#tab-one")).to_have_attribute("aria-selected", "false")
    expect(pg.locator("#win-two")).to_be_visible()
    # the tab names its panel, the panel its tab (a screen reader says "Two, tab panel")
    expect(pg.locator("#tab-two")).to_have_attribute("aria-controls", "win-two")
    expect(pg.get_by_role("tabpanel", name="Two")).to_have_text("Second tab content")
    expect(pg.get_by_role("tabpanel")).to_have_count(1)  # the hidden pages are not in the tree
    expect(pg.locator("#tab-two")).to_be_focused()  # the frame that re-rendered the tabs kept the focus
    # move without picking, leave, come back: the stop is the selected tab again (APG)
    pg.keyboard.press("ArrowRight")
    assert active(pg) == "tab-three"
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#tabs")
    pg.keyboard.press("Shift+Tab")
    assert active(pg) == "tab-two"


def test_chip_group_enters_on_the_selected_chip_and_arrows_move(pg):
    selected = pg.locator("#chip-group [aria-selected=true]").get_attribute("id")
    assert tab_into(pg, "#chip-group") == selected
    pg.keyboard.press("Home")
    assert active(pg) == "chip-python"
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("ArrowRight")
    assert active(pg) == "chip-htmx"
    pg.keyboard.press("End")
    assert active(pg) == "chip-flask"
    pg.keyboard.press("Enter")
    show_text(pg, "chip-pick-text", "chip_pick = Flask")
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#chip-group")
    pg.keyboard.press("Shift+Tab")
    assert active(pg) == "chip-flask"


def test_button_toggle_is_one_stop_arrows_move_space_presses(pg):
    pressed = pg.locator("#toggle [aria-pressed=true]").get_attribute("id")
    assert tab_into(pg, "#toggle") == pressed
    pg.keyboard.press("Home")
    assert active(pg) == "toggle-left"
    pg.keyboard.press("ArrowRight")
    assert active(pg) == "toggle-center"
    pg.keyboard.press("Space")
    show_text(pg, "toggle-text", "align = center")
    expect(pg.locator("#toggle-center")).to_have_attribute("aria-pressed", "true")
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#toggle")


def test_selectable_list_enters_on_the_selection_and_arrows_move(pg):
    selected = pg.locator("#sel-list [aria-selected=true]").first.get_attribute("id")
    assert tab_into(pg, "#sel-list") == selected
    pg.keyboard.press("End")
    assert active(pg) == "sel-spam"
    pg.keyboard.press("ArrowUp")
    assert active(pg) == "sel-sent"
    pg.keyboard.press("Enter")
    show_text(pg, "list-sel-text", 'list_sel = ["sent"]')
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#sel-list")
    pg.keyboard.press("Shift+Tab")
    assert active(pg) == "sel-sent"


def test_radio_group_is_one_stop_and_arrows_choose(pg):
    checked = pg.evaluate("() => document.querySelector('#radio-size input:checked').closest('.v-radio.v-input').id")
    tab_into(pg, "#radio-size")
    assert radio_id(pg) == checked
    pg.keyboard.press("ArrowRight")
    show_text(pg, "size-text", "size = l" if checked == "radio-m" else "size = m")
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#radio-size")


def test_menu_is_entered_with_the_arrows_and_tab_closes_it(pg):
    tab_into(pg, "#menu-btn")
    pg.keyboard.press("ArrowDown")
    expect(pg.locator("#menu-item-0")).to_be_focused()
    assert pg.locator("#menu [role=menuitem][tabindex='0']").count() == 1
    pg.keyboard.press("End")
    expect(pg.locator("#menu-item-2")).to_be_focused()
    pg.keyboard.press("Home")
    expect(pg.locator("#menu-item-0")).to_be_focused()
    pg.keyboard.press("ArrowUp")  # wraps
    expect(pg.locator("#menu-item-2")).to_be_focused()
    pg.keyboard.press("Tab")
    expect(pg.locator("#menu .v-menu")).to_be_hidden()
    assert not focused_in(pg, "#menu"), "Tab stayed in the menu"
    assert pg.evaluate("() => document.activeElement !== document.body")


def test_date_grid_and_tree_are_one_stop_each(pg):
    day = pg.locator("#date-picker [aria-pressed=true]").get_attribute("aria-label")
    tab_into(pg, "#date-picker [role=grid]")
    assert pg.evaluate("() => document.activeElement.getAttribute('aria-label')") == day
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#date-picker [role=grid]")
    first = tab_into(pg, "#tree")
    pg.keyboard.press("ArrowDown")
    assert active(pg) != first
    pg.keyboard.press("Tab")
    assert not focused_in(pg, "#tree")
    assert not pg.errors

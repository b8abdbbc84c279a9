"""Issue 17 in Chromium: autocomplete over 10,000 items, chips, combobox free text,
an icon from state, the theme switched at runtime, a hover menu."""

from __future__ import annotations

import re

from conftest import ROOT, wait_connected
from playwright.sync_api import expect

from htmxtrame.widgets.vuetify3.choices import FIRST, PAGE

IMG = ROOT / "docs" / "img"


def test_type_into_an_autocomplete_over_10000_items_and_pick_the_third_match_by_keyboard(pg):
    box = pg.locator("#ac-city input[role=combobox]")
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    box.click()
    expect(listbox).to_be_visible()
    expect(listbox.locator("[role=option]")).to_have_count(FIRST + 1)  # the first rows and "more", not 10,000
    box.press_sequentially("oak 12", delay=20)
    expect(listbox.locator(".v-list-item-title").first).to_contain_text("Oak 12")
    titles = listbox.locator(".v-list-item-title").all_inner_texts()
    assert titles and len(titles) == 10 and all("oak 12" in t.lower() for t in titles)
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowDown")
    focused = listbox.locator(".v-list-item--focus")
    expect(focused).to_have_text(titles[2])  # the third match, marked
    third = titles[2]
    assert box.get_attribute("aria-activedescendant") == focused.get_attribute("id")
    IMG.mkdir(parents=True, exist_ok=True)
    pg.locator("#g-rich").screenshot(path=str(IMG / "autocomplete-open.png"))
    box.press("Enter")
    expect(pg.locator("#city-text")).to_have_text(f"city = {third}")
    expect(listbox).to_be_hidden()
    expect(pg.locator("#ac-city .v-autocomplete__selection")).to_have_text(third)
    expect(box).to_have_value("")
    box.press("Escape")
    assert not pg.errors


def test_more_shows_the_next_matches(pg):
    box = pg.locator("#ac-city input[role=combobox]")
    box.click()
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator(".v-autocomplete__more").click()
    expect(listbox.locator(".v-list-item-title")).to_have_count(FIRST + PAGE)
    box.press("Escape")
    expect(listbox).to_be_hidden()


def test_the_keyboard_reaches_every_rendered_match_and_show_more(pg):
    box = pg.locator("#ac-city input[role=combobox]")
    box.click()
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    box.press_sequentially("oak", delay=20)
    expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "oak")
    titles = listbox.locator(".v-list-item-title").all_inner_texts()
    assert len(titles) == FIRST and all("oak" in t.lower() for t in titles)
    focused = listbox.locator(".v-list-item--focus")
    for n in range(FIRST):  # down through every match rendered, then "more"
        box.press("ArrowDown")
        expect(focused).to_have_text(titles[n])
    box.press("ArrowDown")
    expect(focused).to_have_class(re.compile("v-autocomplete__more"))
    assert box.get_attribute("aria-activedescendant") == focused.get_attribute("id")
    box.press("Enter")  # "show 20 more", from the keyboard
    expect(listbox.locator(".v-list-item-title")).to_have_count(FIRST + PAGE)
    expect(listbox).to_be_visible()
    box.press("ArrowUp")  # the new rows are reachable: up from "more" is the last match shown
    expect(focused).to_have_text(listbox.locator(".v-list-item-title").nth(FIRST + PAGE - 1).inner_text())
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.fill("")
    assert not pg.errors


def test_the_chosen_title_hides_while_text_is_typed_and_comes_back(pg):
    box = pg.locator("#ac-city input[role=combobox]")
    box.click()
    box.press_sequentially("pine 7", delay=20)
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "pine 7")
    box.press("ArrowDown")
    box.press("Enter")
    chosen = pg.locator("#ac-city .v-autocomplete__selection")
    expect(chosen).to_contain_text("Pine 7")
    expect(chosen).to_be_visible()
    box.press_sequentially("oak", delay=20)  # the typed text filters; the chosen title steps aside
    expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "oak")
    expect(chosen).to_be_hidden()
    for _ in range(3):
        box.press("Backspace")
    expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "")
    expect(chosen).to_be_visible()
    expect(chosen).to_contain_text("Pine 7")
    box.press("Escape")
    assert not pg.errors


def test_what_one_page_types_filters_only_its_own_menu(pg, gallery):
    """The typed text and "more" are each page's, as in Vuetify; the value picked is shared state."""
    other = pg.context.new_page()
    try:
        other.set_viewport_size({"width": 1280, "height": 900})
        other.goto(gallery.url)
        wait_connected(other)
        mine, theirs = (p.locator("#ac-city input[role=combobox]") for p in (pg, other))
        mine.click()
        mine.press_sequentially("elm 4", delay=20)
        listbox = pg.locator("#" + mine.get_attribute("aria-controls"))
        expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "elm 4")
        theirs.click()
        their_list = other.locator("#" + theirs.get_attribute("aria-controls"))
        expect(their_list).to_be_visible()
        expect(their_list.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "")
        expect(their_list.locator(".v-list-item-title")).to_have_count(FIRST)  # unfiltered
        expect(theirs).to_have_value("")
        theirs.press_sequentially("ash", delay=20)  # and their typing leaves mine alone
        expect(their_list.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "ash")
        mine.click()
        expect(mine).to_have_value("elm 4")
        expect(listbox.locator("[data-ht-typed]")).to_have_attribute("data-ht-typed", "elm 4")
        mine.press("ArrowDown")
        mine.press("Enter")  # a pick is shared state: the other page shows it
        expect(pg.locator("#city-text")).to_contain_text("Elm 4")
        expect(other.locator("#city-text")).to_have_text(pg.locator("#city-text").inner_text())
        assert not pg.errors
    finally:
        other.close()


def test_chips_are_added_by_keyboard_and_removed_by_their_close_button(pg):
    box = pg.locator("#ac-langs input[role=combobox]")
    box.click()
    box.press_sequentially("ru")
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox.locator(".v-list-item-title")).to_have_text(["Rust"])
    box.press("ArrowDown")
    box.press("Enter")
    expect(pg.locator("#langs-text")).to_have_text('langs = ["Python","Rust"]')
    expect(pg.locator("#ac-langs .v-chip")).to_have_text(["Python", "Rust"])
    pg.locator("#ac-langs .v-chip", has_text="Python").locator(".v-chip__close").click()
    expect(pg.locator("#langs-text")).to_have_text('langs = ["Rust"]')
    expect(pg.locator("#ac-langs .v-chip")).to_have_text(["Rust"])


def test_a_combobox_takes_free_text(pg):
    box = pg.locator("#cb-tags input[role=combobox]")
    box.click()
    box.press_sequentially("websockets")
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_contain_text("Press Enter to add")
    box.press("Enter")
    expect(pg.locator("#tags-text")).to_have_text('tags = ["htmx","websockets"]')
    expect(pg.locator("#cb-tags .v-chip")).to_have_text(["htmx", "websockets"])
    expect(box).to_have_value("")


def test_an_icon_switched_from_state_changes_the_picture(pg):
    icon = pg.locator("#glyph-icon path")
    before = icon.get_attribute("d")
    box = pg.locator("#ac-glyph input[role=combobox]")
    box.click()
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    box.press_sequentially("night")
    box.press("ArrowDown")  # held back by the page until the filtered options arrived
    box.press("Enter")
    expect(icon).not_to_have_attribute("d", before)
    night = icon.get_attribute("d")
    box.click()
    box.press_sequentially("no-such")
    expect(listbox.locator(".v-list-item-title")).to_have_text(["mdi-no-such-icon"])
    box.press("ArrowDown")
    box.press("Enter")
    expect(pg.locator("#glyph-icon svg")).to_have_class(re.compile("v-icon__svg--missing"))
    assert icon.get_attribute("d") not in (before, night)


def test_switching_the_theme_at_runtime_turns_the_gallery_dark(pg):
    IMG.mkdir(parents=True, exist_ok=True)
    pg.emulate_media(reduced_motion="reduce")  # fields fade their background otherwise: read the end colours
    card = pg.locator("#g-inputs")  # noqa: F841

    def bg(sel):
        return pg.locator(sel).first.evaluate("e => getComputedStyle(e).backgroundColor")

    light = {s: bg(s) for s in ("#g-inputs", "#g-rich .v-field", "#menu-btn", "#g-data .v-table", ".v-navigation-drawer", ".v-app-bar",
                                "#g-steps .v-stepper")}
    pg.locator("#g-rich").screenshot(path=str(IMG / "theme-light.png"))
    pg.locator("#sw-dark .v-selection-control").click()
    expect(pg.locator("#app")).to_have_class(re.compile(r"\bv-theme--dark\b"))
    for sel, before in light.items():
        after = bg(sel)
        assert after != before, sel
    # surfaces are dark: the card's background is darker than mid-grey, its text light
    rgb = [int(x) for x in re.findall(r"\d+", bg("#g-inputs"))[:3]]
    assert sum(rgb) < 3 * 80
    fg = [int(x) for x in re.findall(r"\d+", card.evaluate("e => getComputedStyle(e).color"))[:3]]
    assert sum(fg) > 3 * 200
    pg.locator("#g-rich").screenshot(path=str(IMG / "theme-dark.png"))
    # every group of the gallery is a dark card now
    cards = pg.locator("[id^=g-].v-card")
    assert cards.count() >= 10
    for i in range(cards.count()):
        shade = [int(x) for x in re.findall(r"\d+", cards.nth(i).evaluate("e => getComputedStyle(e).backgroundColor"))[:3]]
        assert sum(shade) < 3 * 80, cards.nth(i).get_attribute("id")
    pg.locator("#g-overlays").scroll_into_view_if_needed()
    pg.screenshot(path=str(IMG / "gallery-dark.png"))
    pg.locator("#sw-dark .v-selection-control").click()
    expect(pg.locator("#app")).not_to_have_class(re.compile(r"\bv-theme--dark\b"))


def test_a_hover_menu_opens_and_closes(pg):
    chip = pg.locator("#menu-hover-chip")
    item = pg.locator("#menu-hover-item")
    expect(item).to_be_hidden()
    chip.hover()
    expect(item).to_be_visible()
    # the menu's enter transition done (an element still moving is no place to point at)
    pg.wait_for_function("""() => {
        const menu = document.getElementById('menu-hover-item').closest('[popover]');
        return document.getAnimations().every(a => a.playState !== 'running' || !menu.contains(a.effect.target));
    }""")
    item.hover()  # moving onto the menu keeps it open
    pg.wait_for_timeout(300)  # a negative check: past the 150 ms hover-close delay, it must still be open
    expect(item).to_be_visible()
    pg.mouse.move(5, 895)
    expect(item).to_be_hidden()


def test_reduced_motion_turns_transitions_off(pg):
    pg.emulate_media(reduced_motion="reduce")
    duration = pg.evaluate("""() => {
        const m = document.querySelector('.v-menu[popover]');
        return getComputedStyle(m).transitionDuration; }""")
    assert set(duration.replace("s", "").split(", ")) == {"0"}


def test_menus_open_from_any_element_and_from_their_parent(app_runner, page):
    import uuid

    from htmxtrame.server import Server
    from htmxtrame.ui.vuetify3 import VAppLayout
    from htmxtrame.widgets import html
    from htmxtrame.widgets import vuetify3 as v

    server = Server(f"e2e-menus-{uuid.uuid4().hex[:8]}")
    with VAppLayout(server):
        with v.VMenu():
            with v.Template(v_slot_activator="{ props }"):
                v.VAvatar(text="AL", color="primary", v_bind="props", id="avatar")
            v.VList(items=["Profile", "Sign out"], id="avatar-menu")
        with html.Div("Options", id="parent-box", classes="pa-2"):
            with v.VMenu(activator="parent"):
                v.VList(items=["Copy", "Paste"], id="parent-menu")
    page.goto(app_runner(server).url)
    wait_connected(page)
    expect(page.locator("#avatar-menu")).to_be_hidden()
    page.locator("#avatar").click()
    expect(page.locator("#avatar-menu")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#avatar-menu")).to_be_hidden()
    page.locator("#avatar").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#avatar-menu")).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("#parent-box").click()
    expect(page.locator("#parent-menu")).to_be_visible()
    expect(page.locator("#parent-menu")).to_contain_text("Paste")

"""Issue 14's components in the gallery, in Chromium: clicked, typed and keyed as a person would.

Chip/item/slide groups, list selection, rating, date and colour pickers,
snackbar, badge, stepper, tree view and virtual scroll. Each test acts, then
waits for what the page shows (the state is printed beside each widget).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import ROOT
from conftest import show_text as text

ARTIFACTS = ROOT / "test-artifacts"
GROUPS = ("forms", "selection", "pickers", "feedback", "steps")


def focused_id(pg) -> str:
    return pg.evaluate("document.activeElement && document.activeElement.id")


def test_new_groups_render_and_are_screenshotted(pg):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in GROUPS:
        group = pg.locator(f"#g-{name}")
        expect(group).to_be_visible()
        group.screenshot(path=str(ARTIFACTS / f"gallery-{name}.png"))
    assert not pg.errors


def test_chip_group_by_mouse_and_keyboard(pg):
    pg.click("#chip-htmx")
    text(pg, "chip-pick-text", "chip_pick = htmx")
    text(pg, "events-text", "last event chips:htmx")
    expect(pg.locator("#chip-htmx")).to_have_class(re.compile(r"v-chip--selected"))
    expect(pg.locator("#chip-htmx .v-chip__filter")).to_be_visible()  # the check mark of filter chips
    expect(pg.locator("#chip-vue")).to_have_attribute("aria-selected", "false")
    pg.locator("#chip-python").focus()
    pg.keyboard.press("ArrowRight")  # arrows move between the chips
    assert focused_id(pg) == "chip-vue"
    pg.keyboard.press("Enter")
    text(pg, "chip-pick-text", "chip_pick = Vue")
    pg.keyboard.press("End")
    assert focused_id(pg) == "chip-flask"
    pg.keyboard.press(" ")
    text(pg, "chip-pick-text", "chip_pick = Flask")
    pg.click("#tag-fast")
    pg.click("#tag-typed")
    text(pg, "chip-tags-text", 'chip_tags = ["fast","typed"]')
    pg.click("#tag-fast")
    text(pg, "chip-tags-text", 'chip_tags = ["typed"]')


def test_item_group_toggles_with_its_slot(pg):
    card = pg.locator("#item-card-2")
    card.click()
    text(pg, "item-pick-text", "item_pick = 2")
    expect(card).to_have_text("Selected")
    expect(card).to_have_class(re.compile(r"bg-primary"))
    pg.click("#item-card-3")
    text(pg, "item-pick-text", "item_pick = 3")
    expect(card).to_have_text("Item 2")
    pg.click("#item-card-3")
    text(pg, "item-pick-text", "item_pick =")


def test_slide_group_scrolls_and_selects(pg):
    box = pg.locator("#slide-group .v-slide-group__container")
    assert box.evaluate("el => el.scrollLeft") == 0
    pg.click("#slide-group .v-slide-group__next")
    pg.wait_for_function("() => document.querySelector('#slide-group .v-slide-group__container').scrollLeft > 100")
    pg.click("#slide-9")
    text(pg, "slide-pick-text", "slide_pick = 9")
    expect(pg.locator("#slide-9")).to_have_class(re.compile(r"bg-primary"))


def test_list_selection_mouse_keyboard_and_mandatory(pg):
    pg.click("#sel-sent")
    text(pg, "list-sel-text", 'list_sel = ["sent"]')
    expect(pg.locator("#sel-sent")).to_have_attribute("aria-selected", "true")
    expect(pg.locator("#sel-sent")).to_have_class(re.compile(r"v-list-item--active"))
    pg.keyboard.press("ArrowDown")
    assert focused_id(pg) == "sel-spam"
    pg.keyboard.press("Enter")
    text(pg, "list-sel-text", 'list_sel = ["spam"]')
    pg.click("#sel-spam")  # mandatory: a second click keeps it
    pg.click("#sel-inbox")
    text(pg, "list-sel-text", 'list_sel = ["inbox"]')


def test_rating_click_hover_and_arrow_keys(pg):
    stars = pg.locator("#rating .v-rating__item")
    expect(stars).to_have_count(5)
    stars.nth(4).click()
    text(pg, "stars-text", "stars = 5")
    expect(pg.locator("#rating .v-rating__item--full")).to_have_count(5)
    pg.keyboard.press("ArrowLeft")  # the focused radio moves, as Vuetify's does
    text(pg, "stars-text", "stars = 4")
    stars.nth(1).hover()  # hover previews two stars
    expect(stars.nth(3).locator(".v-rating__empty")).to_be_visible()
    expect(stars.nth(1).locator(".v-rating__full")).to_be_visible()
    readonly = pg.locator("#rating-readonly .v-rating__item")
    readonly.nth(0).click(force=True)
    expect(pg.locator("#rating-readonly .v-rating__item--full")).to_have_count(4)


def test_date_picker_picks_and_pages_months_within_min_max(pg):
    picker = pg.locator("#date-picker")
    expect(picker.locator(".v-date-picker-controls__month-label")).to_have_text("December 2026")
    picker.locator("button[data-v-date='2026-12-15']").click()
    text(pg, "day-text", "day = 2026-12-15")
    expect(picker.locator(".v-date-picker-header__content")).to_have_text("Tue, Dec 15")
    expect(picker.locator("button[data-v-date='2026-12-15']")).to_have_attribute("aria-pressed", "true")
    picker.get_by_role("button", name="Next month").click()
    expect(picker.locator(".v-date-picker-controls__month-label")).to_have_text("January 2027")
    expect(picker.locator("button[data-v-date='2027-01-21']")).to_be_disabled()  # after max
    expect(picker.get_by_role("button", name="Next month")).to_be_disabled()
    picker.get_by_role("button", name="Previous month").click()
    picker.get_by_role("button", name="Previous month").click()
    expect(picker.locator(".v-date-picker-controls__month-label")).to_have_text("November 2026")
    expect(picker.locator("button[data-v-date='2026-11-04']")).to_be_disabled()  # before min
    expect(picker.get_by_role("button", name="Previous month")).to_be_disabled()
    picker.locator("button[data-v-date='2026-11-10']").focus()
    pg.keyboard.press("ArrowDown")  # a week later, in the grid
    assert pg.evaluate("document.activeElement.getAttribute('data-v-date')") == "2026-11-17"
    pg.keyboard.press("Enter")
    text(pg, "day-text", "day = 2026-11-17")


def test_color_picker_swatch_hex_field_and_native_input(pg):
    pg.click("#color-picker [aria-label='#4CAF50']")
    text(pg, "color-text", "color = #4CAF50")
    expect(pg.locator("#color-picker [aria-label='#4CAF50']")).to_have_attribute("aria-pressed", "true")
    field = pg.locator("#color-picker .v-color-picker-edit__input")
    field.fill("#ff8800")
    field.press("Enter")
    text(pg, "color-text", "color = #FF8800")
    expect(pg.locator("#color-picker input[type=color]")).to_have_value("#ff8800")
    pg.locator("#color-picker input[type=color]").fill("#123456")
    text(pg, "color-text", "color = #123456")
    field.fill("not a colour")  # refused: the state keeps its colour
    field.press("Enter")
    pg.click("#color-picker [aria-label='#9C27B0']")
    text(pg, "color-text", "color = #9C27B0")


def test_snackbar_closes_itself_after_its_timeout_and_by_its_action(pg):
    bar = pg.locator("#snackbar .v-snackbar")
    expect(bar).to_have_count(0)
    pg.click("#btn-snack")
    expect(bar).to_be_visible()
    expect(bar.get_by_role("status")).to_have_text("Saved on the server")
    text(pg, "snack-text", "snack = true")
    pg.screenshot(path=str(ARTIFACTS / "gallery-snackbar.png"))
    text(pg, "snack-text", "snack = false")  # timeout=2500: the page reports it, the server closes it
    expect(bar).to_have_count(0)
    pg.click("#btn-snack")
    expect(bar).to_be_visible()
    bar.hover()  # the pointer over it pauses the timer, as in Vuetify
    pg.wait_for_timeout(3000)  # a negative check: longer than its 2.5 s timeout, and it must not close
    text(pg, "snack-text", "snack = true")
    pg.mouse.move(5, 450)
    text(pg, "snack-text", "snack = false")
    pg.click("#btn-snack")
    expect(bar).to_be_visible()
    pg.click("#snack-undo")
    text(pg, "snack-text", "snack = false")
    text(pg, "events-text", "last event snackbar:undo")


def test_badge_counts_up_to_its_max(pg):
    badge = pg.locator("#badge .v-badge__badge")
    expect(badge).to_have_text(re.compile(r"^\d\+?$"))
    while badge.inner_text() != "9+":
        before = badge.inner_text()
        pg.click("#btn-notify")
        expect(badge).not_to_have_text(before)
    expect(badge).to_have_attribute("role", "status")


def test_stepper_next_prev_and_content(pg):
    stepper = pg.locator("#stepper")
    prev = stepper.locator(".v-stepper-actions__prev")
    nxt = stepper.locator(".v-stepper-actions__next")
    expect(prev).to_be_disabled()
    expect(pg.locator("#step-1-text")).to_be_visible()
    nxt.click()
    text(pg, "step-text", "step = 2")
    expect(pg.locator("#step-1-text")).to_be_hidden()
    pg.locator("#step-address input").fill("1 Main St")
    nxt.click()
    text(pg, "step-text", "step = 3")
    expect(pg.locator("#step-3-text")).to_have_text("Pay and ship to 1 Main St")
    expect(nxt).to_be_disabled()
    expect(stepper.locator(".v-stepper-item").nth(2)).to_have_attribute("aria-current", "step")
    prev.click()
    prev.click()
    text(pg, "step-text", "step = 1")


def test_tree_open_select_activate_and_keys(pg):
    tree = pg.locator("#tree")
    row = lambda title: tree.locator("[role=treeitem]", has_text=title)  # noqa: E731
    expect(row("chips.py")).to_have_count(0)
    row("widgets").locator(".v-treeview-item__toggle").click()
    expect(row("chips.py")).to_be_visible()
    row("widgets").locator(".v-treeview-item__select").click()
    text(pg, "tree-text", 'selected ["chips.py","trees.py"], active []')
    expect(row("src")).to_have_attribute("aria-checked", "mixed")
    expect(row("widgets")).to_have_attribute("aria-checked", "true")
    row("README.md").click()
    text(pg, "tree-text", 'selected ["chips.py","trees.py"], active ["README.md"]')
    expect(row("README.md")).to_have_class(re.compile(r"v-list-item--active"))
    row("docs").focus()
    pg.keyboard.press("ArrowRight")  # opens the focused node
    expect(row("widgets.md")).to_be_visible()
    expect(row("docs")).to_have_attribute("aria-expanded", "true")
    pg.keyboard.press("ArrowLeft")
    expect(row("widgets.md")).to_have_count(0)
    pg.locator("#tree-search input").fill("trees")  # search: the matches and the nodes above them
    expect(tree.locator("[role=treeitem]")).to_have_text(["src", "widgets", "trees.py"])
    pg.locator("#tree-search input").fill("")
    expect(row("README.md")).to_be_visible()


def test_virtual_scroll_renders_only_a_window(pg):
    box = pg.locator("#vscroll")
    box.scroll_into_view_if_needed()
    rows = box.locator(".v-virtual-scroll__item")
    assert rows.count() <= 30
    expect(box).to_contain_text("Row 0")
    box.evaluate("el => { el.scrollTop = 40 * 4000; }")
    expect(box.get_by_text("Row 4000", exact=True)).to_be_in_viewport()
    assert rows.count() <= 30
    expect(box.get_by_text("Row 0", exact=True)).to_have_count(0)
    box.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    expect(box.get_by_text("Row 9999", exact=True)).to_be_in_viewport()


def test_new_widgets_show_what_python_sets(pg):
    pg.click("#btn-preset")
    expect(pg.locator("#chip-flask")).to_have_class(re.compile(r"v-chip--selected"))
    expect(pg.locator("#item-card-2")).to_have_text("Selected")
    expect(pg.locator("#slide-7")).to_have_class(re.compile(r"bg-primary"))
    expect(pg.locator("#sel-spam")).to_have_attribute("aria-selected", "true")
    expect(pg.locator("#rating input[type=radio]").nth(4)).to_be_checked()
    expect(pg.locator("#date-picker").locator("button[data-v-date='2026-12-24']")).to_have_attribute("aria-pressed", "true")
    expect(pg.locator("#color-picker input[type=color]")).to_have_value("#4caf50")
    text(pg, "step-text", "step = 3")
    expect(pg.locator("#tree [role=treeitem]", has_text="trees.py")).to_be_visible()
    pg.click("#btn-undo-preset")
    text(pg, "step-text", re.compile(r"step = [12]"))


def test_form_validates_on_submit_and_resets(pg):
    expect(pg.locator("#g-forms")).not_to_contain_text("Required")  # no message before the user acted
    pg.locator("#signup-name input").fill("Ada")
    pg.locator("#signup-mail input").fill("not-mail")
    pg.click("#signup-send")
    expect(pg.locator("#g-forms")).to_contain_text("Not an e-mail")
    text(pg, "signup-text", re.compile(r"valid = false · fix the form"))
    pg.locator("#signup-mail input").fill("ada@example.org")
    pg.click("#signup-send")
    text(pg, "signup-text", re.compile(r"valid = true · sent"))
    pg.click("#signup-reset")
    expect(pg.locator("#signup-name input")).to_have_value("")
    expect(pg.locator("#g-forms")).not_to_contain_text("Required")


def test_server_table_renders_only_its_page_and_sorts_on_the_server(pg):
    table = pg.locator("#server-table")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator("tbody tr").first).to_contain_text("Item 01")
    table.locator("th", has_text="Calories").click()
    expect(table.locator("tbody tr").first).to_contain_text("Item 11")  # 11*37 % 400 = 7, the fewest calories
    expect(table.locator("tbody tr")).to_have_count(5)

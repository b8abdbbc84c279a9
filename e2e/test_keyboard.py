"""A keyboard-only walk through the widget gallery: no mouse, ever.

Each step presses Tab (from wherever the focus is) until the widget has the
focus, uses it with the keys a person would (Enter, Space, arrows, Esc,
typing) and checks what the page shows. The steps go down the page in
document order, so the walk is one pass of Tab through the gallery.
"""

from __future__ import annotations

import pytest
from conftest import AppProcess, wait_connected
from playwright.sync_api import expect

MAX_TABS = 400


@pytest.fixture(scope="module")
def gallery():
    app = AppProcess("apps/gallery.py")  # a fresh state: the counts below start from the app's defaults
    yield app
    app.stop()


def focused_in(pg, selector: str) -> bool:
    return pg.evaluate("s => { const a = document.activeElement; return !!(a && a.closest(s)); }", selector)


def tab_to(pg, selector: str) -> None:
    """Press Tab until the focus is in *selector* (never clicks)."""
    for _ in range(MAX_TABS):
        pg.keyboard.press("Tab")
        if focused_in(pg, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def shows(pg, sid: str, text: str) -> None:
    expect(pg.locator(f"#{sid}")).to_have_text(text)


def test_every_gallery_widget_is_reached_and_used_with_the_keyboard(page, gallery):
    pg = page
    pg.set_viewport_size({"width": 1280, "height": 900})
    pg.goto(gallery.url)
    wait_connected(pg)

    # toolbar: the drawer's button is a disclosure
    tab_to(pg, ".ht-toolbar-icon")
    pg.keyboard.press("Enter")
    expect(pg.locator(".ht-toolbar-icon")).to_have_attribute("aria-expanded", "false")
    expect(pg.locator("#ht-drawer")).to_be_hidden()
    pg.keyboard.press("Enter")
    expect(pg.locator(".ht-toolbar-icon")).to_have_attribute("aria-expanded", "true")

    # buttons, chips, toggle
    tab_to(pg, "#btn-click")
    pg.keyboard.press("Enter")
    shows(pg, "clicks-text", "clicks = 1")
    tab_to(pg, "#btn-outlined")
    pg.keyboard.press("Space")
    shows(pg, "clicks-text", "clicks = 11")
    tab_to(pg, "#chip-close .v-chip__close")
    pg.keyboard.press("Enter")
    shows(pg, "chip-text", "chip_open = false, closed 1")
    tab_to(pg, "#toggle")  # one Tab stop (the pressed button); the arrows move inside
    pg.keyboard.press("End")
    expect(pg.locator("#toggle-right")).to_be_focused()
    pg.keyboard.press("Space")
    shows(pg, "toggle-text", "align = right")

    # text inputs
    tab_to(pg, "#tf-name input")
    pg.keyboard.press("Control+a")
    pg.keyboard.type("Grace")
    shows(pg, "name-text", "name = Grace")
    tab_to(pg, "#tf-age input")
    tab_to(pg, "#ta-notes textarea")
    tab_to(pg, "#file input")

    # choices: a native select moves with the arrows (a menu select opens on ArrowDown, then Enter picks)
    tab_to(pg, "#sel-fruit")
    pg.keyboard.press("ArrowDown")
    if not focused_in(pg, "select"):
        # Vuetify's select: ArrowDown opens the menu on the first option; two more reach the third
        pg.keyboard.press("ArrowDown")
        pg.keyboard.press("ArrowDown")
        pg.keyboard.press("Enter")
    shows(pg, "fruit-text", "fruit = 3")
    tab_to(pg, "#radio-size input")
    pg.keyboard.press("ArrowRight")
    shows(pg, "size-text", "size = l")
    tab_to(pg, "#cb-agree input")
    pg.keyboard.press("Space")
    shows(pg, "agree-text", "agree = true")
    tab_to(pg, "#sw-dark input")
    pg.keyboard.press("Space")
    shows(pg, "dark-text", "dark = true")

    # sliders
    tab_to(pg, "#slider input")
    pg.keyboard.press("ArrowRight")
    shows(pg, "volume-text", "volume = 31")
    tab_to(pg, "#range input")
    pg.keyboard.press("ArrowLeft")
    shows(pg, "span-text", "span = 19..60")

    # menu: ArrowDown opens it on its first item, Enter picks, the focus comes back
    tab_to(pg, "#menu-btn")
    pg.keyboard.press("ArrowDown")
    expect(pg.locator("#menu-item-0")).to_be_focused()
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("Enter")
    shows(pg, "menu-text", "menu_pick = Banana")
    expect(pg.locator("#menu-btn")).to_be_focused()

    # tooltip: shown while its button has the focus
    tab_to(pg, "#tip-btn")
    expect(pg.get_by_role("tooltip", name="A helpful tip")).to_be_visible()

    # dialog: Enter opens it with the focus inside; Tab stays inside; Esc closes it and the focus comes back
    tab_to(pg, "#dialog-btn")
    pg.keyboard.press("Enter")
    shows(pg, "dialog-text", "dialog = true")
    expect(pg.locator("#dialog-close")).to_be_visible()
    assert focused_in(pg, ".v-dialog")
    for _ in range(4):
        pg.keyboard.press("Tab")
        assert focused_in(pg, ".v-dialog"), "Tab left the open dialog"
    pg.keyboard.press("Escape")
    shows(pg, "dialog-text", "dialog = false")
    expect(pg.locator("#dialog-btn")).to_be_focused()

    # tabs: arrows move between tabs, Enter picks
    tab_to(pg, "#tab-one")
    pg.keyboard.press("ArrowRight")
    expect(pg.locator("#tab-two")).to_be_focused()
    pg.keyboard.press("Enter")
    shows(pg, "tab-text", "tab = two")
    expect(pg.locator("#tab-two")).to_have_attribute("aria-selected", "true")

    # expansion panel
    tab_to(pg, "#panel-0")
    pg.keyboard.press("Enter")
    shows(pg, "panel-text", "panel = 0")

    # list, table: a clickable row, a sortable header, a row's checkbox
    tab_to(pg, "#li-inbox")
    pg.keyboard.press("Enter")
    shows(pg, "events-text", "last event list:inbox")
    tab_to(pg, "#table th.v-data-table__th--sortable")
    pg.keyboard.press("Enter")
    expect(pg.locator("#table th[aria-sort=ascending]")).to_have_count(1)
    tab_to(pg, "#table tbody input[type=checkbox]")
    pg.keyboard.press("Space")
    shows(pg, "selected-text", "selected = Item 01")

    # selection groups
    tab_to(pg, "#chip-group")  # enters on the selected chip (Vue)
    pg.keyboard.press("ArrowLeft")
    expect(pg.locator("#chip-python")).to_be_focused()
    pg.keyboard.press("Enter")
    shows(pg, "chip-pick-text", "chip_pick = Python")
    tab_to(pg, "#item-card-2")
    pg.keyboard.press("Space")
    shows(pg, "item-pick-text", "item_pick = 2")
    tab_to(pg, "#slide-3")
    pg.keyboard.press("Enter")
    shows(pg, "slide-pick-text", "slide_pick = 3")
    tab_to(pg, "#sel-list")  # enters on the selected row (Inbox)
    pg.keyboard.press("ArrowDown")
    expect(pg.locator("#sel-sent")).to_be_focused()
    pg.keyboard.press("Enter")
    shows(pg, "list-sel-text", 'list_sel = ["sent"]')
    tab_to(pg, "#rating input")
    pg.keyboard.press("ArrowRight")
    shows(pg, "stars-text", "stars = 4")

    # pickers: the day grid is one Tab stop (the selected day, 2 Dec), arrows move a day, Enter picks
    tab_to(pg, "#date-picker button[data-v-date]")
    expect(pg.locator("#date-picker button[data-v-date='2026-12-02']")).to_be_focused()
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("Enter")
    shows(pg, "day-text", "day = 2026-12-03")
    tab_to(pg, "#color-picker [aria-label='#4CAF50']")
    pg.keyboard.press("Enter")
    shows(pg, "color-text", "color = #4CAF50")

    # feedback: the snackbar's action is the next stop after its button
    tab_to(pg, "#btn-snack")
    pg.keyboard.press("Enter")
    shows(pg, "snack-text", "snack = true")
    tab_to(pg, "#snack-undo")
    pg.keyboard.press("Enter")
    shows(pg, "snack-text", "snack = false")
    tab_to(pg, "#btn-notify")
    pg.keyboard.press("Enter")
    expect(pg.locator("#badge")).to_contain_text("4")

    # steps, tree, virtual scroll
    tab_to(pg, "#stepper .v-stepper-actions button")
    pg.keyboard.press("Enter")
    shows(pg, "step-text", "step = 2")
    tab_to(pg, "#tree [role=treeitem]")
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("Space")
    shows(pg, "tree-text", 'selected ["app.py"], active []')
    tab_to(pg, "#vscroll")
    pg.keyboard.press("End")
    expect(pg.locator("#vscroll")).to_contain_text("Row 9999")
    assert not pg.errors


def test_focus_is_visible_on_every_kind_of_control(page, gallery):
    """A focused control draws an outline or a focus style a sighted keyboard user can see."""
    pg = page
    pg.goto(gallery.url)
    wait_connected(pg)
    seen = set()
    for _ in range(60):
        pg.keyboard.press("Tab")
        kind, visible = pg.evaluate("""() => {
          const a = document.activeElement, s = getComputedStyle(a);
          const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
          const overlay = a.querySelector(':scope > .v-btn__overlay');
          const shaded = overlay && parseFloat(getComputedStyle(overlay).opacity) > 0;
          const field = a.closest('.v-field') && getComputedStyle(a.closest('.v-field')).borderBottomWidth !== '1px';
          const kind = a.tagName + ':' + (a.getAttribute('role') || a.type || '') + ' ' + a.className;
          return [kind, !!(ring || shaded || field || s.boxShadow !== 'none')];
        }""")
        seen.add(kind)
        assert visible, f"no visible focus on {kind}"
    assert len(seen) >= 5

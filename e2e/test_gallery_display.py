"""The Vuetify long tail in Chromium (apps/gallery_display.py), driven as a person would.

Pagination, carousel (arrows, delimiters, cycling), bottom navigation, list
groups, data iterator, table footer, infinite scroll, overlays, speed dial,
command palette, snackbar queue (messages leave on their own), confirm edit,
hover, icon button, skeleton, sparkline, video controls, right-to-left and
transitions. The app's state is shared by the module's tests: each test
starts from what it sets itself.
"""

from __future__ import annotations

import re

from conftest import ROOT, serve_module
from conftest import show_text as text
from playwright.sync_api import expect

ARTIFACTS = ROOT / "test-artifacts"
GROUPS = ("display", "navigation", "carousel", "data", "overlays", "charts", "providers")


app, pg = serve_module("apps/gallery_display.py")


def switch(pg, sid: str, on: bool) -> None:
    """Turn the switch #sid on or off with the keyboard, as a person would, and wait for it."""
    box = pg.locator(f"#{sid} input")
    if box.is_checked() != on:
        box.focus()
        pg.keyboard.press("Space")
    if on:
        expect(box).to_be_checked()
    else:
        expect(box).not_to_be_checked()


def test_groups_render_and_are_screenshotted(pg):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in GROUPS:
        group = pg.locator(f"#g-{name}")
        expect(group).to_be_visible()
        group.screenshot(path=str(ARTIFACTS / f"gallery-display-{name}.png"))
    assert not pg.errors


def test_pagination_by_mouse_and_keyboard(pg):
    pager = pg.locator("#pager")
    pager.get_by_role("button", name="Page 1", exact=True).or_(
        pager.get_by_role("button", name="Current page, Page 1")).click()
    text(pg, "page-text", "page = 1")
    expect(pager.get_by_role("button", name="Previous page")).to_be_disabled()
    pager.get_by_role("button", name="Page 3", exact=True).click()
    text(pg, "page-text", "page = 3")
    expect(pager.locator("[aria-current=page]")).to_have_text("3")
    pager.get_by_role("button", name="Next page").click()
    text(pg, "page-text", "page = 4")
    pager.get_by_role("button", name="Page 15", exact=True).click()
    text(pg, "page-text", "page = 15")
    expect(pager.get_by_role("button", name="Next page")).to_be_disabled()
    expect(pager.locator(".v-pagination__ellipsis")).to_have_count(1)  # 1 … 10–15
    pager.get_by_role("button", name="Previous page").focus()
    pg.keyboard.press("Enter")
    text(pg, "page-text", "page = 14")
    pager.get_by_role("button", name="Page 1", exact=True).click()
    text(pg, "page-text", "page = 1")


def test_carousel_arrows_delimiters_and_cycling(pg):
    car = pg.locator("#carousel")
    car.get_by_role("button", name="Slide 1").click()
    text(pg, "slide-text", "slide = 0")
    car.get_by_role("button", name="Next slide").click()
    text(pg, "slide-text", "slide = 1")
    expect(pg.locator("#slide-1")).to_be_visible()
    expect(pg.locator("#slide-0")).to_be_hidden()
    car.get_by_role("button", name="Slide 3").click()
    text(pg, "slide-text", "slide = 2")
    expect(car.get_by_role("button", name="Slide 3")).to_have_attribute("aria-current", "true")
    car.get_by_role("button", name="Next slide").click()  # continuous: back to the first
    text(pg, "slide-text", "slide = 0")
    switch(pg, "sw-cycle", True)
    expect(pg.locator("#slide-text")).to_have_text("slide = 1", timeout=8000)  # every 3 s, by itself
    switch(pg, "sw-cycle", False)
    expect(pg.locator("#carousel .v-carousel__timer")).to_have_count(0)


def test_bottom_navigation_and_breadcrumbs(pg):
    pg.click("#nav-search")
    text(pg, "nav-text", "nav = search")
    expect(pg.locator("#nav-search")).to_have_class(re.compile(r"v-btn--active"))
    expect(pg.locator("#nav-search")).to_have_attribute("aria-current", "page")
    expect(pg.locator("#nav-home")).not_to_have_class(re.compile(r"v-btn--active"))
    pg.click("#nav-home")
    text(pg, "nav-text", "nav = home")
    crumbs = pg.locator("#crumbs")
    expect(crumbs.get_by_role("link", name="Library")).to_have_attribute("href", "#g-data")
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Data")


def test_list_group_opens_by_click_and_keyboard(pg):
    account = pg.locator("#lg-account")
    if account.get_attribute("aria-expanded") == "true":
        account.click()
    expect(account).to_have_attribute("aria-expanded", "false")
    expect(pg.locator("#lg-profile")).to_be_hidden()
    account.click()
    expect(pg.locator("#lg-profile")).to_be_visible()
    text(pg, "opened-text", re.compile(r'"account"'))
    account.focus()
    pg.keyboard.press("Enter")
    expect(account).to_have_attribute("aria-expanded", "false")
    expect(pg.locator("#lg-profile")).to_be_hidden()


def test_data_iterator_pages_and_searches(pg):
    pg.fill("#iter-search input", "")
    while pg.locator("#iter-prev").is_enabled():
        pg.click("#iter-prev")
        pg.wait_for_timeout(50)
    expect(pg.locator("#iter-pages")).to_have_text("Page 1 of 3")
    expect(pg.locator(".iter-card")).to_have_count(4)
    pg.click("#iter-next")
    expect(pg.locator("#iter-pages")).to_have_text("Page 2 of 3")
    expect(pg.locator(".iter-card").first).to_contain_text("Ken")
    pg.locator("#iter-search input").fill("gra")
    expect(pg.locator(".iter-card")).to_have_count(1)
    expect(pg.locator(".iter-card")).to_contain_text("Grace")
    expect(pg.locator("#iter-pages")).to_have_text("Page 1 of 1")
    pg.locator("#iter-search input").fill("nobody at all")
    expect(pg.locator("#iter-empty")).to_be_visible()
    pg.locator("#iter-search input").fill("")
    expect(pg.locator(".iter-card")).to_have_count(4)


def test_table_footer_pages_the_hand_made_table(pg):
    footer = pg.locator("#table-footer")
    while footer.get_by_role("button", name="Previous page").is_enabled():
        footer.get_by_role("button", name="Previous page").click()
        pg.wait_for_timeout(50)
    expect(footer).to_contain_text("1–3 of 10")
    footer.get_by_role("button", name="Next page").click()
    expect(footer).to_contain_text("4–6 of 10")
    expect(pg.locator("#hand-table tbody tr").first).to_contain_text("Barbara")
    expect(pg.locator("#virtual-table tbody tr")).to_have_count(10)  # every row, no pager


def test_infinite_scroll_loads_more_and_pull_to_refresh(pg):
    before = pg.locator("#infinite .feed-row").count()
    pg.locator("#infinite").get_by_role("button", name="Load more").click()
    expect(pg.locator("#infinite .feed-row")).to_have_count(before + 5)
    text(pg, "feed-text", re.compile(rf"{before + 5} entries"))
    pg.locator("#pull").get_by_role("button", name="Refresh").click()
    text(pg, "refresh-text", re.compile(r"refreshed [1-9]\d* times"))


def test_overlay_bottom_sheet_and_speed_dial(pg):
    pg.click("#btn-overlay")
    expect(pg.locator("#overlay-card")).to_be_visible()
    pg.mouse.click(5, 450)  # the scrim, outside the card
    expect(pg.locator("#overlay-card")).to_have_count(0)
    pg.click("#btn-sheet")
    expect(pg.locator("#sheet-card")).to_be_visible()
    pg.click("#sheet-close")
    expect(pg.locator("#sheet-card")).to_have_count(0)
    pg.click("#btn-dial")
    expect(pg.locator("#dial-edit")).to_be_visible()
    pg.click("#dial-edit")
    text(pg, "overlays-text", re.compile(r"last edit$"))
    expect(pg.locator("#dial-edit")).to_be_hidden()  # the dial closes as an action is picked


def test_command_palette_filters_and_runs_a_command(pg):
    pg.click("#btn-palette")
    field = pg.get_by_role("searchbox", name="Type a command")
    expect(field).to_be_focused()  # the palette opens on its search field
    pg.keyboard.type("snack")
    items = pg.locator(".v-command-palette__list .v-list-item")
    expect(items).to_have_count(1)
    # every keystroke's answer is in (a late one would re-render the list under the focus)
    pg.wait_for_function("window.htmxtrame.settled")
    pg.keyboard.press("Tab")  # from the search field to the command
    expect(items.first).to_be_focused()
    pg.keyboard.press("Enter")
    text(pg, "overlays-text", re.compile(r"^picked snack"))
    expect(field).to_have_count(0)  # closed after running
    snack = pg.locator("#queue .v-snackbar__content")
    expect(snack).to_have_text(re.compile(r"Message \d+"))
    expect(snack).to_have_count(0, timeout=6000)  # its 2.5 s timeout ran in the page


def test_snackbar_queue_shows_messages_one_after_another(pg):
    expect(pg.locator("#queue .v-snackbar__content")).to_have_count(0, timeout=6000)
    pg.click("#btn-message")
    pg.click("#btn-message")
    snack = pg.locator("#queue .v-snackbar__content")
    expect(snack).to_have_count(1)
    first = snack.inner_text()
    number = int(first.split()[-1])
    expect(snack).to_have_text(f"Message {number + 1}", timeout=6000)  # the first left, the second shows
    pg.locator("#queue").get_by_role("button", name="Close").click()
    expect(snack).to_have_count(0)
    text(pg, "overlays-text", re.compile(r", 0 queued"))


def test_confirm_edit_keeps_edits_until_ok(pg):
    field = pg.locator("#confirm-field input")
    field.fill("Grace")
    pg.wait_for_timeout(200)
    text(pg, "confirm-text", re.compile(r"^name = (?!Grace$)"))
    pg.locator("#confirm").get_by_role("button", name="OK").click()
    text(pg, "confirm-text", "name = Grace")
    field.fill("Nobody")
    pg.locator("#confirm").get_by_role("button", name="Cancel").click()
    expect(field).to_have_value("Grace")
    text(pg, "confirm-text", "name = Grace")


def test_hover_icon_button_and_skeleton(pg):
    card = pg.locator("#hover-card")
    card.hover()
    text(pg, "hover-text", "hovered = true")
    expect(card).to_contain_text("The pointer is over me")
    expect(card).to_have_class(re.compile(r"elevation-12"))
    pg.mouse.move(5, 5)
    text(pg, "hover-text", "hovered = false")
    fav = pg.locator("#icon-fav")
    was = fav.get_attribute("aria-pressed")
    fav.click()
    expect(fav).to_have_attribute("aria-pressed", "false" if was == "true" else "true")
    switch(pg, "sw-loading", True)
    expect(pg.locator("#skeleton [aria-busy=true]")).to_be_visible()
    expect(pg.locator("#skeleton-content")).to_be_hidden()
    switch(pg, "sw-loading", False)
    expect(pg.locator("#skeleton-content")).to_be_visible()


def test_sparkline_follows_its_data_and_video_controls_write_state(pg):
    line = pg.locator("#sparkline path")
    before = line.get_attribute("d")
    pg.click("#btn-sales")
    expect(line).not_to_have_attribute("d", before or "")
    controls = pg.locator("#video-controls")
    play = controls.get_by_role("button", name=re.compile(r"^(Play|Pause)$"))
    if play.get_attribute("aria-label") == "Pause":
        play.click()
    controls.get_by_role("button", name="Play").click()
    text(pg, "video-text", re.compile(r"^playing true"))
    expect(controls.get_by_role("button", name="Pause")).to_be_visible()
    controls.get_by_role("slider", name="Position").fill("40")
    text(pg, "video-text", re.compile(r"at 40 %"))


def test_direction_defaults_and_transitions(pg):
    expect(pg.locator("#defaulted")).to_have_class(re.compile(r"text-secondary"))
    expect(pg.locator("#own-colour")).to_have_class(re.compile(r"text-primary"))
    switch(pg, "sw-rtl", True)
    pg.wait_for_function("getComputedStyle(document.querySelector('#rtl-text')).direction === 'rtl'")
    switch(pg, "sw-rtl", False)
    pg.wait_for_function("getComputedStyle(document.querySelector('#rtl-text')).direction === 'ltr'")
    boxes = pg.locator("#g-providers .v-sheet.rounded")
    switch(pg, "sw-shown", True)
    expect(boxes).to_have_count(9)
    switch(pg, "sw-shown", False)
    expect(boxes).to_have_count(0)
    switch(pg, "sw-shown", True)
    expect(boxes).to_have_count(9)
    assert boxes.first.evaluate("el => getComputedStyle(el).animationName") not in ("", "none")

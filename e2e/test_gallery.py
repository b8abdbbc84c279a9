"""The widget gallery in Chromium: every interactive widget operated as a person would.

Each test clicks, drags, types or picks, then waits for the state the
server sends back (shown beside the widget). Every group is screenshotted
into ``test-artifacts/``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, wait_connected
from conftest import show_text as text

ARTIFACTS = ROOT / "test-artifacts"
GROUPS = ("buttons", "inputs", "choices", "sliders", "overlays", "data")


def test_every_group_renders_and_is_screenshotted(pg):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in GROUPS:
        group = pg.locator(f"#g-{name}")
        expect(group).to_be_visible()
        group.screenshot(path=str(ARTIFACTS / f"gallery-{name}.png"))
    assert not pg.errors
    # icons are inline SVG paths, no icon font
    assert pg.locator("#icon-home svg path").get_attribute("d").startswith("M10,20V14")


def test_buttons_icons_and_loading(pg):
    pg.click("#btn-icon")  # clicks = 0, whatever ran before
    text(pg, "clicks-text", "clicks = 0")
    pg.click("#btn-click")
    text(pg, "clicks-text", "clicks = 1")
    expect(pg.locator("#toolbar-clicks")).to_contain_text("1 clicks")
    bulb_odd = pg.locator("#icon-bulb path").get_attribute("d")
    pg.click("#btn-outlined")
    text(pg, "clicks-text", "clicks = 11")
    expect(pg.locator("#btn-loading")).to_have_class(re.compile(r"v-btn--loading"))
    pg.click("#btn-icon")
    text(pg, "clicks-text", "clicks = 0")
    expect(pg.locator("#btn-loading")).not_to_have_class(re.compile(r"v-btn--loading"))
    # the bound icon switched from mdi-lightbulb-on (odd) to mdi-lightbulb-outline (even)
    assert pg.locator("#icon-bulb path").get_attribute("d") != bulb_odd


def test_chip_close_and_alert_close(pg):
    pg.click("#chip-close .v-chip__close")
    text(pg, "chip-text", "chip_open = false, closed 1")
    expect(pg.locator("#chip-close")).to_be_hidden()
    pg.click("#alert .v-alert__close")
    text(pg, "alert-text", "alert_open = false")
    expect(pg.locator("#alert")).to_be_hidden()


def test_progress_follows_state(pg):
    pg.click("#btn-progress")
    text(pg, "progress-text", "progress = 50")
    style = pg.locator("#progress .v-progress-linear__determinate").get_attribute("style")
    assert "width: 50%" in style


def test_btn_toggle_sets_model_and_raises_update_model_value(pg):
    pg.click("#toggle-center")
    text(pg, "toggle-text", "align = center")
    text(pg, "events-text", "last event toggle:center")
    expect(pg.locator("#toggle-center")).to_have_class(re.compile(r"v-btn--active"))
    expect(pg.locator("#toggle-left")).not_to_have_class(re.compile(r"v-btn--active"))


def test_text_fields_textarea_and_clear(pg):
    field = pg.locator("#tf-name input")
    field.fill("")
    field.press_sequentially("Grace")
    text(pg, "name-text", "name = Grace")
    text(pg, "events-text", "last event name:Grace")
    pg.locator("#tf-age input").fill("42")
    text(pg, "age-text", "age = 42 (number)")
    pg.locator("#ta-notes textarea").fill("two\nlines")
    expect(pg.locator("#notes-text")).to_contain_text("two")
    expect(pg.locator("#tf-name .v-counter")).to_have_text("5 / 20")
    pg.click("#tf-name .v-field__clearable")
    text(pg, "name-text", "name =")
    expect(field).to_have_value("")
    expect(pg.locator("#tf-name .v-messages--error")).to_have_text("Required")  # the rule fails
    expect(pg.locator("#tf-name")).to_have_class(re.compile("v-input--error"))


def test_file_input(pg, tmp_path):
    path = tmp_path / "hello.txt"
    path.write_text("hi")
    pg.locator("#file input[type=file]").set_input_files(str(path))
    text(pg, "file-text", "files = hello.txt")


def test_selects_single_and_multiple(pg):
    pg.locator("#sel-fruit input[role=combobox]").click()
    pg.get_by_role("option", name="Cherry").click()
    text(pg, "fruit-text", "fruit = 3")  # the item's value, a number
    expect(pg.locator("#sel-fruit .v-autocomplete__selection")).to_have_text("Cherry")
    colors = pg.locator("#sel-colors input[role=combobox]")
    colors.click()
    colors.press("ArrowDown")  # red: unpicked by Enter
    colors.press("Enter")
    for _ in range(2):
        colors.press("ArrowDown")
        colors.press("Enter")
    text(pg, "colors-text", 'colors = ["green","blue"]')
    colors.press("Escape")


def test_radio_checkbox_switch(pg):
    pg.click("#radio-l label")
    text(pg, "size-text", "size = l")
    expect(pg.locator("#radio-l input")).to_be_checked()
    pg.click("#cb-agree label")
    text(pg, "agree-text", "agree = true")
    pg.click("#sw-dark label")
    text(pg, "dark-text", "dark = true")
    pg.click("#sw-dark label")
    text(pg, "dark-text", "dark = false")


def test_slider_drag_and_end_event(pg):
    slider = pg.locator("#slider input[type=range]")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + box["width"] * 0.3, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    pg.mouse.up()
    expect(pg.locator("#volume-text")).to_have_text(re.compile(r"volume = (7[2-8])$"))
    volume = pg.locator("#volume-text").inner_text().split("= ")[1]
    text(pg, "events-text", f"last event end:{volume}")
    expect(pg.locator("#slider .v-slider__value")).to_have_text(volume)
    expect(pg.locator("#slider-start-text")).to_have_text(re.compile(r"started at \d+$"))  # the start event


def test_range_slider_by_keyboard(pg):
    low = pg.locator("#range input.v-range-slider__min")
    high = pg.locator("#range input.v-range-slider__max")
    high.focus()
    pg.keyboard.press("End")
    text(pg, "span-text", "span = 20..100")
    low.focus()
    pg.keyboard.press("ArrowRight")
    text(pg, "span-text", "span = 21..100")


def test_menu_opens_picks_and_closes(pg):
    popover = pg.locator("#menu [popover]")
    expect(popover).to_be_hidden()
    pg.click("#menu-btn")
    expect(popover).to_be_visible()
    pg.locator("#g-overlays").screenshot(path=str(ARTIFACTS / "gallery-menu-open.png"))
    pg.click("#menu-item-1")
    text(pg, "menu-text", "menu_pick = Banana")
    expect(popover).to_be_hidden()
    pg.click("#menu-btn")
    expect(popover).to_be_visible()
    pg.mouse.click(5, 880)  # outside: light dismiss
    expect(popover).to_be_hidden()


def test_menu_open_state_in_v_model(pg):
    popover = pg.locator("#menu2 [popover]")
    pg.click("#menu2-btn")  # the page opens it; the toggle reaches the server
    expect(popover).to_be_visible()
    text(pg, "menu2-text", "menu_open = true")
    pg.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    text(pg, "menu2-text", "menu_open = false")
    pg.click("#menu2-open")  # the server opens it
    text(pg, "menu2-text", "menu_open = true")
    expect(popover).to_be_visible()


def test_tooltip_on_hover(pg):
    tip = pg.locator("#tip-btn").locator("xpath=ancestor::span[contains(@class,'v-tooltip-wrap')]//*[@role='tooltip']")
    expect(tip).to_be_hidden()
    pg.hover("#tip-btn")
    expect(tip).to_be_visible()
    expect(tip).to_have_text("A helpful tip")
    pg.mouse.move(5, 5)
    expect(tip).to_be_hidden()


def test_dialog_open_close_and_scrim(pg):
    card = pg.locator("#dialog-card")
    expect(card).to_have_count(0)
    pg.click("#dialog-btn")
    text(pg, "dialog-text", "dialog = true")
    expect(card).to_be_visible()
    pg.screenshot(path=str(ARTIFACTS / "gallery-dialog-open.png"))
    pg.click("#dialog-close")
    text(pg, "dialog-text", "dialog = false")
    expect(card).to_have_count(0)
    pg.click("#dialog-btn")
    expect(card).to_be_visible()
    pg.mouse.click(10, 450)  # on the scrim
    text(pg, "dialog-text", "dialog = false")


def test_tabs_switch_windows(pg):
    expect(pg.locator("#win-one")).to_be_visible()
    pg.click("#tab-two")
    text(pg, "tab-text", "tab = two")
    expect(pg.locator("#win-two")).to_be_visible()
    expect(pg.locator("#win-one")).to_be_hidden()
    expect(pg.locator("#tab-two")).to_have_attribute("aria-selected", "true")


def test_expansion_panels(pg):
    pg.click("#panel-1 summary")
    text(pg, "panel-text", "panel = 1")
    expect(pg.locator("#panel-1")).to_have_attribute("open", "")
    expect(pg.get_by_text("Second panel body")).to_be_visible()
    pg.click("#panel-0 summary")
    text(pg, "panel-text", "panel = 0")
    expect(pg.locator("#panel-1")).not_to_have_attribute("open", "")


def test_list_item_click(pg):
    pg.click("#li-starred")
    text(pg, "events-text", "last event list:starred")
    expect(pg.locator("#li-starred")).to_have_class(re.compile(r"v-list-item--active"))


def test_data_table_sort_search_page(pg):
    info = pg.locator("#table .v-data-table-footer__info")
    expect(info).to_have_text("1–5 of 23")
    first = pg.locator("#table tbody tr").first.locator("td").nth(1)  # after the selection column
    expect(first).to_have_text("Item 01")
    pg.click("#table th:has-text('Calories')")  # ascending
    expect(pg.locator("#table tbody tr").first.locator("td").nth(2)).to_have_text("7")
    pg.click("#table th:has-text('Calories')")  # descending
    expect(pg.locator("#table tbody tr").first.locator("td").nth(2)).to_have_text("377")
    pg.click("#table .v-data-table-footer__next")
    expect(info).to_have_text("6–10 of 23")
    pg.locator("#table tbody tr").nth(1).locator("input[type=checkbox]").check()
    text(pg, "selected-text", "selected = " + pg.locator("#table tbody tr").nth(1).locator("td").nth(1).inner_text())
    pg.click("#table th:has-text('Name')")
    pg.locator("#dt-search input").fill("item 1")
    expect(pg.locator("#table .v-data-table-footer__info")).to_have_text(re.compile(r"of 10$"))  # Item 10..19


def test_drawer_toggles_from_toolbar_icon(pg):
    drawer = pg.locator(".ht-drawer")
    expect(drawer).to_be_visible()
    pg.click(".ht-toolbar-icon")
    expect(drawer).to_be_hidden()
    pg.click(".ht-toolbar-icon")
    expect(drawer).to_be_visible()


def _per_row(pg, selector: str) -> int:
    """How many of the matched boxes share the first one's row."""
    boxes = [pg.locator(selector).nth(i).bounding_box() for i in range(pg.locator(selector).count())]
    return sum(1 for b in boxes if abs(b["y"] - boxes[0]["y"]) < 2)


@pytest.mark.parametrize("width, per_row", [(1400, 4), (1000, 3), (700, 2), (500, 1)])
def test_choice_columns_reflow_at_lg_md_sm_and_xs(pg, width, per_row):
    # VCol(cols=12, sm=6, md=4, lg=3): 4, 3, 2 then 1 per row as the window narrows
    pg.set_viewport_size({"width": width, "height": 900})
    cols = "#g-choices .v-row > .v-col"
    expect(pg.locator(cols)).to_have_count(5)
    assert _per_row(pg, cols) == per_row


def test_responsive_columns_stack_on_narrow_screens(pg):
    wide = [pg.locator(f"#{i}").bounding_box() for i in ("tf-name", "tf-age")]
    assert abs(wide[0]["y"] - wide[1]["y"]) < 2 and wide[1]["x"] > wide[0]["x"]  # side by side (md=6)
    pg.set_viewport_size({"width": 500, "height": 900})
    narrow = [pg.locator(f"#{i}").bounding_box() for i in ("tf-name", "tf-age")]
    assert narrow[1]["y"] > narrow[0]["y"] + narrow[0]["height"] - 1  # stacked (cols=12)
    pg.locator("#g-inputs").screenshot(path=str(ARTIFACTS / "gallery-inputs-narrow.png"))


def test_second_layout_by_ui_name(page, gallery):
    page.goto(gallery.url + "?ui=compact")
    wait_connected(page)
    expect(page.locator("#compact-title")).to_have_text("Compact layout")
    page.click("#compact-btn")
    expect(page.locator("#compact-clicks")).to_have_text(re.compile(r"clicks = \d+"))
    assert page.title() == "Widget gallery"


def test_disabled_button_does_nothing(pg):
    button = pg.locator("#btn-disabled")
    expect(button).to_be_disabled()
    before = int(pg.locator("#clicks-text").inner_text().split("= ")[1])
    button.click(force=True)  # a person clicking it anyway
    pg.click("#btn-click")
    text(pg, "clicks-text", f"clicks = {before + 1}")  # +1 from the enabled button, not +1000


def test_drawer_link_jumps_to_its_group(pg):
    pg.locator(".ht-drawer").get_by_text("Data").click()
    expect(pg).to_have_url(re.compile(r"#g-data$"))
    expect(pg.locator("#g-data")).to_be_in_viewport()


def test_data_table_prev_page_select_all_and_no_data_slot(pg):
    search = pg.locator("#dt-search input")
    search.fill("zzz")
    expect(pg.locator("#table-empty")).to_have_text("No item matches zzz")  # the no_data slot
    search.fill("")
    info = pg.locator("#table .v-data-table-footer__info")
    expect(info).to_have_text(re.compile(r"of 23$"))
    shown = info.inner_text()
    pg.click("#table .v-data-table-footer__next")
    expect(info).not_to_have_text(shown)
    pg.click("#table .v-data-table-footer__prev")
    expect(info).to_have_text(shown)
    select_all = pg.locator("#table thead input[type=checkbox]")
    rows = pg.locator("#table tbody tr input[type=checkbox]")
    if select_all.is_checked():
        select_all.uncheck()
    select_all.check()
    for i in range(rows.count()):
        expect(rows.nth(i)).to_be_checked()
    names = [pg.locator("#table tbody tr").nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    for name in names:
        expect(pg.locator("#selected-text")).to_contain_text(name)
    # the list item's append slot shows the selection's size
    count = len(pg.locator("#selected-text").inner_text().removeprefix("selected = ").split(", "))
    expect(pg.locator("#li-starred-count")).to_have_text(str(count))
    select_all.uncheck()
    for i in range(rows.count()):
        expect(rows.nth(i)).not_to_be_checked()


def test_toolbar_placeholder_filled_at_runtime(pg):
    added = pg.locator(".ht-toolbar #runtime-btn")
    expect(added).to_have_count(0)
    pg.click("#btn-add-toolbar")  # server.ui.toolbar_extra is redefined by the server
    expect(added).to_be_visible()
    before = int(pg.locator("#clicks-text").inner_text().split("= ")[1])
    added.click()
    text(pg, "clicks-text", f"clicks = {before + 100}")
    pg.click("#btn-add-toolbar")  # cleared then filled again: still one button
    expect(pg.locator("#runtime-btn")).to_have_count(1)


def test_every_input_shows_what_python_sets(pg):
    """v_model is two-way: the server writes each widget's key, each widget shows it."""
    pg.click("#btn-preset")
    expect(pg.locator("#tf-name input")).to_have_value("Linus")
    expect(pg.locator("#tf-age input")).to_have_value("54")
    expect(pg.locator("#ta-notes textarea")).to_have_value("set by the server")
    expect(pg.locator("#sel-fruit .v-autocomplete__selection")).to_have_text("Apple")
    expect(pg.locator("#sel-colors .v-autocomplete__selection")).to_have_text(["blue"])
    expect(pg.locator("#radio-s input")).to_be_checked()
    expect(pg.locator("#cb-agree input")).to_be_checked()
    expect(pg.locator("#sw-dark input")).to_be_checked()
    expect(pg.locator("#slider input[type=range]")).to_have_value("80")
    expect(pg.locator("#range input.v-range-slider__min")).to_have_value("10")
    expect(pg.locator("#range input.v-range-slider__max")).to_have_value("90")
    expect(pg.locator("#toggle-right")).to_have_class(re.compile(r"v-btn--active"))
    expect(pg.locator("#tab-three")).to_have_attribute("aria-selected", "true")
    expect(pg.locator("#win-three")).to_be_visible()
    expect(pg.locator("#panel-0")).to_have_attribute("open", "")
    expect(pg.locator("#progress .v-progress-linear__determinate")).to_have_attribute("style", re.compile("width: 90%"))
    pg.locator("#g-choices").screenshot(path=str(ARTIFACTS / "gallery-choices-set-by-python.png"))
    pg.click("#btn-undo-preset")  # back to what the other tests expect
    expect(pg.locator("#tab-three")).to_have_attribute("aria-selected", "false")


def test_first_load_weighs_under_150_kb_in_the_browser(page, gallery):
    """Everything Chromium fetches for the first load (compressed bytes, websocket frames too) fits the budget."""
    responses, frames = [], []
    page.on("response", lambda response: responses.append(response))
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(gallery.url)
    wait_connected(page)
    page.wait_for_load_state("networkidle")
    body = sum(r.request.sizes()["responseBodySize"] for r in responses)
    ws = sum(len(f if isinstance(f, (bytes, str)) else str(f)) for f in frames)
    kinds = {r.request.resource_type for r in responses}
    assert {"document", "script"} <= kinds  # the page's styles are in the document
    assert all(r.headers.get("content-encoding") == "gzip" for r in responses if r.request.resource_type
               in ("document", "stylesheet", "script")), "every text asset is sent compressed"
    print(f"first load: {len(responses)} responses, {body:,} B bodies + {ws:,} B websocket frames")
    assert body + ws <= 150 * 1024

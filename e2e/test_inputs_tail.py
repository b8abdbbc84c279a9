"""Issue 10's long tail of inputs in Chromium (apps/gallery_inputs.py), driven as a person would:
pick a date with the keyboard, type into a number field and step it, rate with arrows, walk a
vertical stepper, upload a file by the drop zone, and see clear messages for bad values."""

from __future__ import annotations

import re

from conftest import ROOT, serve_module
from playwright.sync_api import expect

IMG = ROOT / "docs" / "img"


app, pg = serve_module("apps/gallery_inputs.py")


def test_number_input_types_steps_with_arrows_and_buttons_and_clamps(pg):
    box = pg.locator("#num-qty input")
    expect(box).to_have_attribute("role", "spinbutton")
    box.fill("7")
    box.press("Enter")
    expect(pg.locator("#qty-text")).to_have_text("qty = 7")
    box.press("ArrowUp")
    expect(pg.locator("#qty-text")).to_have_text("qty = 8")
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(pg.locator("#qty-text")).to_have_text("qty = 6")
    pg.locator("#num-qty [aria-label=Increment]").click()
    expect(pg.locator("#qty-text")).to_have_text("qty = 7")
    box.fill("42")
    box.press("Tab")
    expect(pg.locator("#qty-text")).to_have_text("qty = 10")  # clamped to max
    expect(pg.locator("#num-qty .v-messages--error")).to_have_text("The most allowed is 10; set to 10")
    expect(box).to_have_value("10")
    expect(pg.locator("#num-qty [aria-label=Increment]")).to_be_disabled()
    box.fill("lots")
    box.press("Enter")
    expect(pg.locator("#num-qty .v-messages--error")).to_have_text("'lots' is not a number")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(pg.locator("#qty-text")).to_have_text("qty = 10")  # the value is kept
    box.press("ArrowDown")  # steps from the kept value
    expect(pg.locator("#qty-text")).to_have_text("qty = 9")
    expect(box).to_have_value("9")
    box.fill("4")
    box.press("ArrowDown")
    expect(pg.locator("#qty-text")).to_have_text("qty = 3")  # typed then stepped
    expect(pg.locator("#num-qty .v-messages--error")).to_have_count(0)
    price = pg.locator("#num-price input")
    price.fill("1.1")
    price.press("ArrowUp")
    expect(pg.locator("#price-text")).to_have_text("price = 1.6")  # no float noise
    assert not pg.errors


def test_pick_a_date_with_the_keyboard(pg):
    day17 = pg.locator("#dp [data-v-date='2024-05-17']")
    day17.focus()
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("ArrowDown")
    expect(pg.locator("#dp [data-v-date='2024-05-25']")).to_be_focused()
    pg.keyboard.press("Enter")
    expect(pg.locator("#day-text")).to_have_text("day = 2024-05-25")
    expect(pg.locator("#dp [data-v-date='2024-05-25']")).to_have_attribute("aria-pressed", "true")
    assert not pg.errors


def test_date_input_typed_good_bad_and_from_its_calendar(pg):
    box = pg.locator("#date-input input.v-field__input")
    box.fill("6/3/2024")
    box.press("Enter")
    expect(pg.locator("#typed-day-text")).to_have_text("typed_day = 2024-06-03")
    expect(box).to_have_value("2024-06-03")
    box.fill("2024-02-31")
    box.press("Enter")
    expect(pg.locator("#date-input .v-messages--error")).to_contain_text("is not a date")
    expect(pg.locator("#typed-day-text")).to_have_text("typed_day = 2024-06-03")
    box.fill("2023-12-31")
    box.press("Enter")
    expect(pg.locator("#date-input .v-messages--error")).to_have_text("Pick a date on or after 2024-01-01")
    pg.locator("#date-input [aria-label='Choose a date']").click()
    pg.locator("#date-input [data-v-date='2024-06-20']").click()
    expect(pg.locator("#typed-day-text")).to_have_text("typed_day = 2024-06-20")
    expect(pg.locator("#date-input .v-date-picker")).to_have_count(0)  # the calendar closed
    expect(pg.locator("#date-input .v-messages--error")).to_have_count(0)
    assert not pg.errors


def test_rate_with_arrow_keys(pg):
    pg.locator("#rating input[type=radio]").nth(1).focus()
    pg.keyboard.press("ArrowRight")
    expect(pg.locator("#stars-text")).to_have_text("stars = 3")
    pg.keyboard.press("ArrowRight")
    expect(pg.locator("#stars-text")).to_have_text("stars = 4")
    pg.keyboard.press("ArrowLeft")
    expect(pg.locator("#stars-text")).to_have_text("stars = 3")
    expect(pg.locator("#rating .v-rating__item--full")).to_have_count(3)


def test_step_through_the_vertical_stepper(pg):
    stepper = pg.locator("#vstepper")
    expect(stepper.get_by_text("Two items in the cart.")).to_be_visible()
    stepper.locator(".v-stepper-actions__next:visible").click()
    expect(pg.locator("#vstep-text")).to_have_text("vstep = 2")
    expect(pg.locator("#addr-name input")).to_be_visible()
    expect(stepper.get_by_text("Two items in the cart.")).to_be_hidden()
    stepper.locator(".v-stepper-actions__next:visible").click()
    expect(pg.locator("#vstep-text")).to_have_text("vstep = 3")
    headers = stepper.locator(".v-stepper-vertical-item__header")
    headers.nth(2).focus()
    pg.keyboard.press("ArrowUp")
    expect(headers.nth(1)).to_be_focused()
    pg.keyboard.press("ArrowUp")
    pg.keyboard.press("Enter")
    expect(pg.locator("#vstep-text")).to_have_text("vstep = 1")
    assert not pg.errors


def test_upload_a_file_through_the_drop_zone_and_remove_it(pg, tmp_path):
    a = tmp_path / "notes.txt"
    a.write_text("hello")
    b = tmp_path / "data.csv"
    b.write_text("x,y\n1,2\n" * 200)
    zone = pg.locator("#upload input[type=file]")
    zone.set_input_files(str(a))
    expect(pg.locator("#files-text")).to_have_text("files = notes.txt")
    zone.set_input_files(str(b))  # multiple: adds to the list
    expect(pg.locator("#files-text")).to_have_text("files = notes.txt, data.csv")
    items = pg.locator("#upload .v-file-upload-item")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_contain_text("1.6 kB")
    pg.locator("#upload [aria-label='Remove notes.txt']").click()
    expect(pg.locator("#files-text")).to_have_text("files = data.csv")
    assert not pg.errors


def test_otp_mask_time_colour_and_calendar(pg):
    otp = pg.locator("#otp input")
    otp.press_sequentially("12a", delay=30)
    expect(pg.locator("#otp .v-messages--error")).to_have_text("Digits only")
    otp.fill("123456")
    expect(pg.locator("#code-text")).to_have_text("code = 123456 (done)")
    expect(pg.locator("#otp .v-otp-input__box").nth(5)).to_have_text("6")
    phone = pg.locator("#mask-phone input")
    phone.fill("5551234567")
    phone.press("Enter")
    expect(phone).to_have_value("(555) 123-4567")
    expect(pg.locator("#phone-text")).to_have_text("phone = 5551234567")
    phone.fill("555")
    phone.press("Enter")
    expect(pg.locator("#mask-phone .v-messages--error")).to_have_text("Incomplete: the pattern is (###) ###-####")
    time = pg.locator("#tp input[type=time]")
    time.fill("14:45")
    expect(pg.locator("#time-text")).to_have_text("time = 14:45")
    expect(pg.locator("#tp .v-time-picker-controls__time")).to_have_text("2:45 PM")
    color = pg.locator("#color-input input.v-field__input")
    color.fill("f80")
    color.press("Enter")
    expect(pg.locator("#typed-color-text")).to_have_text("typed_color = #FF8800")
    color.fill("tomato-ish")
    color.press("Enter")
    expect(pg.locator("#color-input .v-messages--error")).to_contain_text("is not a colour")
    cal = pg.locator("#cal")
    expect(cal.locator(".v-calendar-header__title")).to_have_text("May 2024")
    expect(cal.locator(".v-calendar-event")).to_have_count(4)  # Launch spans two days
    cal.locator("[data-v-date='2024-05-21']").click()
    expect(pg.locator("#cal-text")).to_have_text("focus = 2024-05-21, picked = 2024-05-21")
    cal.locator("[data-v-date='2024-05-21']").focus()
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("ArrowLeft")
    expect(cal.locator("[data-v-date='2024-05-27']")).to_be_focused()
    pg.keyboard.press("Enter")
    expect(pg.locator("#cal-text")).to_have_text("focus = 2024-05-27, picked = 2024-05-27")
    cal.locator(".v-calendar-header__next").click()
    expect(cal.locator(".v-calendar-header__title")).to_have_text("June 2024")
    pg.locator("#clock button", has_text=re.compile(r"^30$")).click()
    expect(pg.locator("#minute-text")).to_have_text("minute = 30")
    assert not pg.errors


def test_input_parts_bind_both_ways(pg):
    pg.locator("#agree input").check()
    pg.locator("#sizes input").nth(2).check()
    pg.locator("#toppings input").nth(1).check()
    expect(pg.locator("#parts-text")).to_have_text("agree = true, size = l, toppings = cheese,olives")
    field = pg.locator("#bare-field input")
    field.fill("")
    expect(pg.locator("#validation")).to_have_text("Required")
    field.fill("Ada Lovelace")
    expect(pg.locator("#msgs")).to_have_text("Shorter, please")
    expect(pg.locator("#counter")).to_have_text("12 / 8")
    expect(pg.locator("#validation")).to_have_text("")
    IMG.mkdir(parents=True, exist_ok=True)
    pg.locator("#g-numbers").screenshot(path=str(IMG / "inputs-tail-numbers.png"))
    pg.locator("#g-dates").screenshot(path=str(IMG / "inputs-tail-dates.png"))
    assert not pg.errors

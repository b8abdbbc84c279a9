"""trame's slider example in Chromium, used as a person would use it.

apps/slider.py runs as its own process; the tests drag, click, type and
watch, and wait on what the page shows (never on sleeps).
"""

from __future__ import annotations

import re

import pytest
from conftest import wait_connected
from playwright.sync_api import expect

SLIDER = "#slider input[type=range]"  # the range input inside vuetify.VSlider
NAME = "#name input"  # the text input inside vuetify.VTextField


@pytest.fixture
def slider(run_app, page):
    app = run_app("apps/slider.py")
    page.goto(app.url)
    wait_connected(page)
    page.app = app
    return page


def open_second_page(browser, url: str):
    """Another browser window (own context: no shared storage) on the app."""
    context = browser.new_context()
    other = context.new_page()
    other.errors = []
    other.on("pageerror", lambda e: other.errors.append(str(e)))
    other.goto(url)
    wait_connected(other)
    return context, other


class SliderHand:
    """A mouse holding the slider's thumb: ``grab()``, ``move_to(f)``, ``release()``."""

    def __init__(self, page) -> None:
        self.page = page
        box = page.locator(SLIDER).bounding_box()
        # The thumb's centre travels between half a thumb from either end.
        thumb = min(16.0, box["width"] / 4)
        self.left, self.travel = box["x"] + thumb / 2, box["width"] - thumb
        self.y = box["y"] + box["height"] / 2

    def grab(self) -> None:
        value = float(self.page.locator(SLIDER).input_value())
        self.page.mouse.move(self.left + self.travel * value / 15, self.y)
        self.page.mouse.down()

    def move_to(self, fraction: float) -> None:
        self.page.mouse.move(self.left + self.travel * fraction, self.y, steps=12)

    def release(self) -> None:
        self.page.mouse.up()


def drag_slider_to(page, fraction: float) -> None:
    """Press on the slider's thumb, drag to *fraction* of its width, release."""
    hand = SliderHand(page)
    hand.grab()
    hand.move_to(fraction)
    hand.release()


def test_drag_the_slider_and_text_and_listener_follow(slider):
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 8")
    hand = SliderHand(slider)
    hand.grab()
    hand.move_to(1.0)
    # still holding the thumb: the text follows, the server's echo leaves the thumb alone
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 15")
    expect(slider.locator(SLIDER)).to_have_value("15")
    slider.app.wait_output(r"Slider is changing slider_value to 15\n")
    hand.move_to(0.0)
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 0")
    hand.release()
    expect(slider.locator(SLIDER)).to_have_value("0")
    slider.app.wait_output(r"Slider is changing slider_value to 0\n")
    # intermediate values went through as the mouse moved
    printed = [int(v) for v in re.findall(r"slider_value to (\d+)", slider.app.output())]
    assert len(set(printed) - {0, 8, 15}) >= 1, f"the drag sent intermediate values, got {printed}"

    drag_slider_to(slider, 0.4)  # 6 of 0..15, where the mouse let go
    expect(slider.locator(SLIDER)).to_have_value("6")
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 6")
    slider.app.wait_output(r"Slider is changing slider_value to 6\n")
    assert slider.errors == []


def test_button_steps_the_slider_and_wraps_past_15(slider):
    expect(slider.locator(SLIDER)).to_have_value("8")
    for expected in range(9, 16):
        slider.click("#change")
        expect(slider.locator("#slider_text")).to_have_text(f"slider_value = {expected}")
        expect(slider.locator(SLIDER)).to_have_value(str(expected))
    slider.click("#change")  # 16 wraps back to 2
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 2")
    expect(slider.locator(SLIDER)).to_have_value("2")
    slider.app.wait_output(r"Slider is changing slider_value to 2\n")
    assert "slider_value to 16" not in slider.app.output()
    assert slider.errors == []


def test_title_and_toolbar(slider):
    expect(slider).to_have_title("Slider")  # state.trame__title
    expect(slider.locator(".v-toolbar-title")).to_have_text("Slider example")  # layout.title.set_text


def test_the_guide_example_in_the_vuetify_look(slider):
    expect(slider.locator("#slider.v-slider")).to_be_visible()  # vuetify.VSlider, not a bare <input>
    expect(slider.locator("#change.v-btn")).to_have_text("Change slider_value")
    expect(slider.locator("#name.v-text-field")).to_be_visible()
    expect(slider.locator(".v-app-bar .v-toolbar-title")).to_have_text("Slider example")


def test_toolbar_icon_buttons_have_names_and_work(slider):
    # Icon-only buttons are found by what they say they do, as a screen reader finds them.
    for name in ("Menu", "Step the slider", "Reset"):
        expect(slider.get_by_role("button", name=name)).to_be_visible()
    slider.get_by_role("button", name="Step the slider").click()
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 9")
    slider.get_by_role("button", name="Step the slider").click()
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 10")
    slider.get_by_role("button", name="Reset").click()
    expect(slider.locator("#slider_text")).to_have_text("slider_value = 8")
    expect(slider.locator(SLIDER)).to_have_value("8")
    assert slider.errors == []


def test_the_clock_ticks(slider):
    clock = slider.locator("#clock")
    expect(clock).to_have_text(re.compile(r"^Server time: \d\d:\d\d:\d\d$"))
    first = clock.text_content()
    expect(clock).not_to_have_text(first, timeout=5000)
    second = clock.text_content()
    expect(clock).not_to_have_text(second, timeout=5000)


def test_a_change_in_one_page_appears_in_the_other(slider, browser):
    context, other = open_second_page(browser, slider.app.url)
    try:
        slider.click("#change")
        expect(other.locator("#slider_text")).to_have_text("slider_value = 9")
        expect(other.locator(SLIDER)).to_have_value("9")

        other.click(NAME)
        other.keyboard.type("from the other page")
        expect(slider.locator("#name_text")).to_have_text("You typed: from the other page")
        expect(slider.locator(NAME)).to_have_value("from the other page")

        drag_slider_to(other, 0.0)
        expect(slider.locator("#slider_text")).to_have_text("slider_value = 0")
        expect(slider.locator(SLIDER)).to_have_value("0")
        assert other.errors == [] and slider.errors == []
    finally:
        context.close()


def test_typing_30_characters_fast_loses_nothing(slider):
    text = "The quick brown fox jumps 0ver"
    assert len(text) == 30
    slider.click(NAME)
    slider.keyboard.type(text, delay=0)
    expect(slider.locator("#name_text")).to_have_text(f"You typed: {text}")
    expect(slider.locator(NAME)).to_have_value(text)
    caret = slider.evaluate(
        "() => { const el = document.querySelector('#name input');"
        " return [document.activeElement === el, el.selectionStart, el.selectionEnd]; }"
    )
    assert caret == [True, 30, 30], "focus kept and caret at the end"
    assert slider.errors == []

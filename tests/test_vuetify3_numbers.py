"""VNumberInput, VMaskInput, VOtpInput: typed text becomes the model's value, bad text a message."""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import InputError
from htmxtrame.widgets import vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.numbers import apply_mask, read_code, read_number, step_number
from test_vuetify import Page


def errors(page: Page, widget) -> str | None:
    return page.state[f"ht__error_{widget._ht_id}"]


def buttons(widget) -> dict:
    return {b.attributes.get("aria-label"): b for b in widget.walk() if b.tagname == "button"}


def test_read_number_parses_clamps_and_refuses():
    assert read_number("7") == (7, None) and isinstance(read_number("7")[0], int)
    assert read_number(" -2.5 ") == (-2.5, None)
    assert read_number("", 0, 10) == (None, None)
    assert read_number("42", 0, 10) == (10, "The most allowed is 10; set to 10")
    assert read_number("-1", 0, 10) == (0, "The least allowed is 0; set to 0")
    assert read_number("3.14159", precision=2) == (3.14, None)
    for bad in ("abc", "12abc", "1,5", "--1", "nan", "Infinity"):
        with pytest.raises(ValueError, match="is not a number"):
            read_number(bad)
    with pytest.raises(ValueError, match="too large"):
        read_number("9" * 400)


def test_step_number_stays_in_bounds_without_float_noise():
    assert step_number(1.1, 1, 0.5, None, None) == 1.6
    assert step_number(0.1, 1, 0.2, None, None) == 0.3
    assert step_number(9, 1, 1, 0, 10) == 10 and step_number(10, 1, 1, 0, 10) == 10
    assert step_number(0, -1, 1, 0, 10) == 0
    assert step_number(None, 1, 1, 3, 10) == 3  # an empty field starts at min
    assert step_number("junk", -1, 1, None, None) == 0


def test_number_input_round_trips_and_explains_bad_values():
    box = {}
    page = Page(lambda: box.setdefault("n", v.VNumberInput(v_model=("qty", 3), min=0, max=10, label="Quantity",
                                                           update_modelValue="seen = $event")))
    n = box["n"]
    assert re.search(r'role="spinbutton"[^>]*aria-valuenow="3" aria-valuemin="0" aria-valuemax="10" value="3"',
                     page.html)
    assert 'type="text"' in page.html and ' max="10"' not in page.html  # our bounds, not the browser's
    page.fire(n.control, "change", "7")
    assert page.state.qty == 7 and page.state.seen == 7 and errors(page, n) is None
    page.fire(n.control, "change", "70")
    assert page.state.qty == 10 and "most allowed is 10" in errors(page, n)
    assert "v-input--error" in page.html and "The most allowed is 10; set to 10" in page.html
    page.fire(n.control, "change", "seven")
    assert page.state.qty == 10 and errors(page, n) == "'seven' is not a number"
    assert 'aria-invalid="true"' in page.html
    page.fire(buttons(n)["Decrement"], "click")
    assert page.state.qty == 9 and errors(page, n) is None and page.state.seen == 9
    page.fire(n.control, "change", "")
    assert page.state.qty is None
    with pytest.raises(InputError):
        page.fire(n.control, "change", {"not": "text"})
    assert page.state.qty is None


def test_number_input_buttons_disable_at_the_bounds_and_split_variant():
    box = {}
    page = Page(lambda: box.setdefault("n", v.VNumberInput(v_model=("q", 10), max=10, control_variant="split")))
    inc = re.search(r'<button[^>]*aria-label="Increment"[^>]*>', page.html).group(0)
    dec = re.search(r'<button[^>]*aria-label="Decrement"[^>]*>', page.html).group(0)
    assert "disabled" in inc and "disabled" not in dec
    assert "v-field__start-btn" in dec and "v-number-input--split" in page.html
    hidden = Page(lambda: v.VNumberInput(v_model=("q", 1), control_variant="hidden"))
    assert "Increment" not in hidden.html


def test_apply_mask():
    assert apply_mask("5551234567", "(###) ###-####") == ("(555) 123-4567", "5551234567", True)
    assert apply_mask("(555) 123", "(###) ###-####") == ("(555) 123", "555123", False)
    assert apply_mask("ab12", "AA-##") == ("AB-12", "AB12", True)
    assert apply_mask("20240517", "iso-date") == ("2024-05-17", "20240517", True)
    with pytest.raises(ValueError, match="does not fit"):
        apply_mask("12x", "###")
    with pytest.raises(ValueError, match="too long"):
        apply_mask("1234", "###")


def test_mask_input_keeps_raw_or_masked_value_and_reports_incomplete_text():
    box = {}
    page = Page(lambda: (box.setdefault("m", v.VMaskInput(v_model=("phone", None), mask="(###) ###-####")),
                         box.setdefault("k", v.VMaskInput(v_model=("card", None), mask="credit-card",
                                                          return_masked_value=True))))
    m = box["m"]
    assert 'placeholder="(###) ###-####"' in page.html
    page.fire(m.control, "change", "555 123 4567")
    assert page.state.phone == "5551234567" and 'value="(555) 123-4567"' in page.html
    page.fire(m.control, "change", "555")
    assert page.state.phone == "5551234567" and errors(page, m) == "Incomplete: the pattern is (###) ###-####"
    page.fire(m.control, "change", "555-abc")
    assert "does not fit" in errors(page, m)
    page.fire(box["k"].control, "change", "4242424242424242")
    assert page.state.card == "4242 - 4242 - 4242 - 4242"


def test_otp_input_is_one_labelled_field_drawn_as_boxes():
    box = {}
    page = Page(lambda: box.setdefault("o", v.VOtpInput(v_model=("code", "12"), length=4, type="number",
                                                        finish="done = $event")))
    o = box["o"]
    assert page.html.count("v-otp-input__box ") + page.html.count('v-otp-input__box"') == 4
    assert re.search(r'autocomplete="one-time-code" inputmode="numeric" aria-label="Enter the code"', page.html)
    assert re.search(r'v-otp-input__box v-field v-otp-input__box--active"[^>]*></div>', page.html)  # the third box
    page.fire(o.control, "input", "123")
    assert page.state.code == "123" and "done" not in page.state
    page.fire(o.control, "input", "1234")
    assert page.state.code == "1234" and page.state.done == "1234"
    page.fire(o.control, "input", "12a")
    assert page.state.code == "1234" and page.state[f"ht__error_{o._ht_id}"] == "Digits only"
    assert "Digits only" in page.html
    assert read_code("12 34", 6, "text") == "1234"
    with pytest.raises(ValueError, match="At most 4"):
        read_code("12345", 4, "text")


def test_vuetify2_namesakes_work():
    box = {}
    page = Page(lambda: box.setdefault("n", vuetify2.VNumberInput(v_model=("x", 1), outlined=True)))
    assert "v-input--variant-outlined" in page.html
    page.fire(box["n"].control, "change", "2")
    assert page.state.x == 2


def test_otp_finish_runs_a_python_callback_only_for_a_whole_code():
    calls = []
    box = {}
    page = Page(lambda: box.setdefault("o", v.VOtpInput(v_model=("code", ""), length=3,
                                                        finish=(calls.append, "[$event]"))))
    page.fire(box["o"].control, "input", "12")
    assert calls == []
    page.fire(box["o"].control, "input", "123")
    assert calls == ["123"]

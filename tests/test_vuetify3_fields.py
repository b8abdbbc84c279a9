"""The parts inputs are made of: VInput, VField, VLabel, VMessages, VCounter, selection controls, VValidation."""

from __future__ import annotations

import re

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page, classes_of


def test_checkbox_btn_is_a_bare_labelled_checkbox_bound_both_ways():
    box = {}
    page = Page(lambda: box.setdefault("c", v.VCheckboxBtn(v_model=("ok", False), label="Agree", id="cb")))
    assert {"v-checkbox-btn", "v-input--hide-details"} <= classes_of(page.html, "cb")
    assert "v-input__details" not in page.html
    assert re.search(r'<label class="v-selection-control" for="(\w+)-input"><input type="checkbox"', page.html)
    page.fire(box["c"].control, "change", True)
    assert page.state.ok is True and " checked" in page.html
    page.state.ok = False
    page.state.flush()
    assert " checked" not in page.renderer.render_page_body()


def test_selection_control_group_radio_and_multiple():
    box = {}

    def build():
        with v.VSelectionControlGroup(v_model=("size", "m"), type="radio", id="g"):
            for value in ("s", "m", "l"):
                box[value] = v.VSelectionControl(value=value, label=value.upper())
        with v.VSelectionControlGroup(v_model=("tags", ["a"]), id="t"):
            for value in ("a", "b"):
                box["t" + value] = v.VSelectionControl(value=value, label=value)

    page = Page(build)
    assert 'role="radiogroup"' in page.html and 'role="group"' in page.html
    assert re.search(r'type="radio"[^>]*value="m" checked', page.html)
    assert len(set(re.findall(r'type="radio"[^>]*name="(\w+)"', page.html))) == 1  # one group name
    page.fire(box["l"].control, "change", True)
    assert page.state.size == "l"
    page.fire(box["tb"].control, "change", True)
    assert page.state.tags == ["a", "b"]
    page.fire(box["ta"].control, "change", False)
    assert page.state.tags == ["b"]


def test_standalone_radio_selection_control():
    box = {}
    page = Page(lambda: box.setdefault("r", v.VSelectionControl(v_model=("pick", None), type="radio", value="x")))
    page.fire(box["r"].control, "change", True)
    assert page.state.pick == "x" and re.search(r'type="radio"[^>]*value="x" checked', page.html)


def test_field_label_messages_counter():
    def build():
        with v.VField(label="Name", variant="outlined", clearable=True, v_model=("name",), id="f"):
            html.Input(v_model=("name",), aria_label="Name")
        v.VMessages(messages=("errs",), id="m")
        v.VCounter(value=("name.length",), max=4, id="c", classes="ml-2")
        v.VLabel(text="Plain", id="l")
        v.VFieldLabel(text="Floating", floating=True, id="fl")

    page = Page(build, name="Grace", errs=["one", "two"])
    assert {"v-field", "v-field--variant-outlined"} <= classes_of(page.html, "f")
    assert re.search(r'class="v-field-label v-label">Name</label>', page.html)
    assert 'aria-label="Clear"' in page.html
    assert re.findall(r'v-messages__message"[^>]*>([^<]*)', page.html) == ["one", "two"]
    assert 'role="alert"' in re.search(r'<div id="m"[^>]*>', page.html).group(0)
    assert re.search(r'id="c"[^>]*>5 / 4<', page.html) and {"text-error", "ml-2"} <= classes_of(page.html, "c")
    assert {"v-label"} <= classes_of(page.html, "l") and "v-field-label--floating" in classes_of(page.html, "fl")
    page.state.errs = []
    page.state.name = "Al"
    page.state.flush()
    out = page.renderer.render_page_body()
    assert "v-messages__message" not in out and re.search(r'id="c"[^>]*>2 / 4<', out)


def test_input_frame_holds_a_custom_control():
    def build():
        with v.VInput(prepend_icon="mdi-account", hint="Help", persistent_hint=True, id="i"):
            html.Span("custom", id="inside")

    page = Page(build)
    assert re.search(r'v-input__control"><div class="v-input__slot"><span id="inside">custom', page.html)
    assert "v-input__prepend" in page.html and ">Help<" in page.html


def test_validation_slot_sees_messages_and_validity():
    def build():
        with v.VValidation(v_model=("name",), rules=("[v => !!v || 'Required', v => v.length < 5 || 'Short']",),
                           v_slot="{ errorMessages, isValid }"):
            html.Span("{{ errorMessages.join('|') }}/{{ isValid }}", id="out")

    page = Page(build, name="")
    assert re.search(r'id="out">Required/false<', page.html)
    page.state.name = "abcdefg"
    page.state.flush()
    assert re.search(r'id="out">Short/false<', page.renderer.render_page_body())
    page.state.name = "abc"
    page.state.flush()
    assert re.search(r'id="out">/true<', page.renderer.render_page_body())


def test_validation_with_a_template_slot():
    def build():
        with v.VValidation(v_model=("n",), rules=("[v => v > 0 || 'Positive']",)):
            with v.Template(v_slot_default="{ errorMessages }"):
                html.Span("{{ errorMessages[0] ?? 'ok' }}", id="out")

    page = Page(build, n=0)
    assert re.search(r'id="out">Positive<', page.html)

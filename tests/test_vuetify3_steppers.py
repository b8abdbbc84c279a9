"""VStepperVertical: steps stacked, content shown for the current step, Prev/Next, editable headers."""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import InputError
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page


def shown(page: Page) -> list[bool]:
    """Whether each step's content is visible."""
    return ["display: none" not in m for m in
            re.findall(r'<div class="v-stepper-window-item[^"]*v-stepper-vertical-item__content"[^>]*>', page.html)]


def klass(node, part: str) -> bool:
    return part in str(node.attributes.get("class", ""))


def test_vertical_stepper_moves_with_next_prev_and_headers():
    box = {}

    def build():
        with v.VStepperVertical(v_model=("step", 1), editable=True) as sv:
            v.VStepperVerticalItem(title="Cart", text="In the cart")
            with v.VStepperVerticalItem(title="Address", subtitle="Where to"):
                html.Span("address form", id="addr")
            v.VStepperVerticalItem(title="Pay", complete=True)
        box["sv"] = sv

    page = Page(build)
    assert shown(page) == [True, False, False]
    assert "data-ht-roving" in page.html and page.html.count("data-ht-press") == 3
    assert re.search(r'aria-current="step"[^>]*>.*?Cart', page.html)
    nexts = [n for n in box["sv"].walk() if klass(n, "v-stepper-actions__next")]
    page.fire(nexts[0], "click")
    assert page.state.step == 2 and shown(page) == [False, True, False]
    page.fire(nexts[1], "click")
    assert page.state.step == 3
    with pytest.raises(InputError, match="disabled"):  # the last step's Next is off
        page.fire(nexts[2], "click")
    prevs = [n for n in box["sv"].walk() if klass(n, "v-stepper-actions__prev")]
    page.fire(prevs[2], "click")
    assert page.state.step == 2
    header = [n for n in box["sv"].walk() if isinstance(n, v.VStepperItem)][0]
    page.fire(header, "click")
    assert page.state.step == 1 and "Where to" in page.html


def test_vertical_stepper_from_items_and_not_editable_headers():
    box = {}
    page = Page(lambda: box.setdefault("s", v.VStepperVertical(
        v_model=("s", "b"), items=[{"title": "A", "value": "a", "text": "first"}, {"title": "B", "value": "b"}])))
    assert shown(page) == [False, True] and "first" in page.html
    assert len(re.findall(r'<button type="button" class="v-stepper-item[^>]*disabled', page.html)) == 2  # not editable
    prev = [n for n in box["s"].walk() if klass(n, "v-stepper-actions__prev")][1]
    page.fire(prev, "click")
    assert page.state.s == "a"


def test_items_from_state_are_refused_with_a_way_out():
    with pytest.raises(ValueError, match="VStepperVerticalItem per step with v_for"):
        v.VStepperVertical(v_model=("s", 1), items=("steps",))


def test_horizontal_stepper_header_takes_arrow_keys():
    page = Page(lambda: v.VStepper(v_model=("s", 1), items=["One", "Two"], editable=True))
    assert re.search(r'class="v-stepper-header"[^>]*data-ht-roving|data-ht-roving[^>]*class="v-stepper-header"',
                     page.html)


def pane_shows(page: Page, text: str) -> bool:
    """Whether the step window holding *text* is visible."""
    before = page.html.split(text)[0]
    tag = before[before.rindex('<div class="v-stepper-window-item'):]
    return "display: none" not in tag.split(">")[0]


def test_raw_attrs_slots_fill_steps_and_replace_the_actions():
    # trame's spelling of Vuetify's slots: Template(raw_attrs=["v-slot:item.1"]),
    # and an actions slot whose buttons call its prev / next props.
    box = {}

    def build():
        with v.VStepper(v_model=("step", 0), items=("steps", ["One", "Two", "Three"])):
            for i in (1, 2, 3):
                with v.Template(raw_attrs=[f"v-slot:item.{i}"]):
                    html.Span(f"content {i}")
            with v.Template(raw_attrs=['v-slot:actions="{prev, next: forward}"']):
                box["back"] = v.VBtn("Back", click="prev")
                box["on"] = v.VBtn("On", click="forward()")

    page = Page(build)
    assert "v-stepper-actions__next" not in page.html  # the slot replaced Prev/Next
    assert not any(pane_shows(page, f"content {i}") for i in (1, 2, 3))
    page.fire(box["on"], "click")  # from no step, as in Vuetify: the first
    assert page.state.step == 1 and pane_shows(page, "content 1") and not pane_shows(page, "content 2")
    page.fire(box["on"], "click")
    page.fire(box["on"], "click")
    page.fire(box["on"], "click")  # stays on the last
    assert page.state.step == 3 and pane_shows(page, "content 3") and not pane_shows(page, "content 1")
    page.fire(box["back"], "click")
    assert page.state.step == 2


def test_raw_attrs_slot_spellings_reach_the_template():
    for raw in (["v-slot:item.2"], ["#item.2"]):
        t = v.Template(raw_attrs=raw)
        assert t.slot_name == "item.2"
    t = v.Template(raw_attrs=['v-slot:actions="{ prev }"'])
    assert t.slot_name == "actions" and t.slot_props == ["prev"]

"""Every transition wrapper: its class (its CSS animation), ``disabled`` and ``origin``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from htmxtrame.widgets import html, vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.transitions import TRANSITIONS, V2_TRANSITIONS
from test_vuetify import Page, classes_of

CSS = (Path(__file__).resolve().parent.parent / "static" / "vuetify.css").read_text()


@pytest.mark.parametrize("cls", TRANSITIONS + V2_TRANSITIONS, ids=lambda c: c.__name__)
def test_transition_wraps_its_children_and_its_class_is_animated(cls):
    page = Page(lambda: cls(id="t").add(html.Div("shown", v_if="on")), on=True)
    base = cls._base
    assert base in classes_of(page.html, "t") and "shown" in page.html
    assert f".{base} > *" in CSS or f".{base} > *, .{base}" in CSS  # an enter animation of its own


def test_all_of_trames_transitions_exist_in_both_modules():
    names = {"VFadeTransition", "VExpandTransition", "VExpandXTransition", "VExpandBothTransition",
             "VScaleTransition", "VFabTransition", "VDialogTransition", "VDialogTopTransition",
             "VDialogBottomTransition", "VSlideXTransition", "VSlideXReverseTransition", "VSlideYTransition",
             "VSlideYReverseTransition", "VScrollXTransition", "VScrollXReverseTransition", "VScrollYTransition",
             "VScrollYReverseTransition"}
    assert names <= set(dir(v)) and names <= set(dir(vuetify2))
    assert {"VCarouselTransition", "VTabTransition", "VMenuTransition"} <= set(dir(vuetify2))


def test_disabled_transition_plays_nothing_and_origin_is_kept():
    page = Page(lambda: (v.VScaleTransition(disabled=True, id="a"), v.VScaleTransition(origin="top left", id="b")))
    assert classes_of(page.html, "a") == {"v-transition--disabled"}
    assert "--v-transition-origin: top left" in page.html
    calm = re.findall(r"@media \(prefers-reduced-motion: reduce\) \{(.*?)\n\}", CSS, re.S)
    assert any(".v-scale-transition > *" in block and ".v-dialog-bottom-transition > *" in block for block in calm)

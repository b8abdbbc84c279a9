"""``{{ }}`` inside a literal (non-bound) prop is text, as in Vue: only text
children and bound ``("expr",)`` / ``:prop`` props interpolate."""

from __future__ import annotations

import html as html_lib

import pytest

from htmxtrame.controller import Controller
from htmxtrame.session import Scope
from htmxtrame.state import State
from htmxtrame.widgets import html, vuetify3 as v

LITERAL = "{{ secret }}"

# (widget, the text props it shows)
WIDGETS = [
    (v.VCard, ("title", "subtitle", "text")),
    (v.VCardTitle, ("text",)),
    (v.VCardText, ("text",)),
    (v.VListItem, ("title", "subtitle")),
    (v.VToolbar, ("title",)),
    (v.VBtn, ("text",)),
    (v.VChip, ("text",)),
    (v.VAlert, ("title", "text")),
    (v.VTextField, ("label", "hint", "prefix", "suffix")),
    (v.VTextarea, ("label", "hint")),
    (v.VSelect, ("label",)),
    (v.VCheckbox, ("label",)),
    (v.VSwitch, ("label",)),
    (v.VSlider, ("label",)),
    (v.VRadio, ("label",)),
    (v.VExpansionPanel, ("title", "text")),
    (v.VTooltip, ("text",)),
    (v.VDataTable, ("no_data_text",)),
]


def _render(root) -> str:
    state = State(ready=True)
    state.secret = "LEAKED"
    state.flush()
    return html_lib.unescape(Scope(state, Controller(), lambda: {"main": root}).renderer("main").render_page_body())


@pytest.mark.parametrize("widget,props", WIDGETS, ids=[w.__name__ for w, _ in WIDGETS])
def test_a_literal_prop_shows_its_braces_as_text(widget, props):
    for prop in props:
        out = _render(widget(**{prop: LITERAL, **({"items": []} if widget is v.VDataTable else {})}))
        assert "LEAKED" not in out, f"{widget.__name__}({prop}='{{{{ secret }}}}') was interpolated"
        assert LITERAL in out, f"{widget.__name__}({prop}=...) does not show its text"


@pytest.mark.parametrize("widget,props", WIDGETS, ids=[w.__name__ for w, _ in WIDGETS])
def test_a_bound_prop_shows_the_value(widget, props):
    for prop in props:
        out = _render(widget(**{prop: ("secret",), **({"items": []} if widget is v.VDataTable else {})}))
        assert "LEAKED" in out, f"{widget.__name__}({prop}=('secret',)) does not show the value"


def test_literal_html_attributes_and_icon_props_are_not_interpolated():
    with html.Div() as root:
        v.VBtn("go", title=LITERAL)
        v.VIcon(icon="mdi-{{ secret }}")
        html.Span(title=LITERAL)
    out = _render(root)
    assert "LEAKED" not in out and out.count('title="{{ secret }}"') == 2


def test_text_children_still_interpolate_as_in_vue():
    with html.Div() as root:
        v.VBtn("{{ secret }}")
        html.Span("a {{ secret }}")
    assert _render(root).count("LEAKED") == 2

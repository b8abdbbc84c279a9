"""Themes: light/dark, custom themes with their own colors, switched from state; transitions."""

from __future__ import annotations

import pytest

from htmxtrame.widgets import vuetify3 as v

from test_inputs_model import Page


def classes_of(p: Page, marker: str) -> str:
    tag = p.tags(marker)[0]
    import re
    return re.search(r'class="([^"]*)"', tag).group(1)


def test_theme_switches_at_runtime_from_state():
    p = Page(lambda: v.VCard(theme=("dark ? 'dark' : 'light'",), id="c"), dark=False)
    assert "v-theme--light" in classes_of(p, 'id="c"') and "v-theme--dark" not in classes_of(p, 'id="c"')
    p.state.dark = True
    p.state.flush()
    p.render()
    assert "v-theme--dark" in classes_of(p, 'id="c"')


def test_a_custom_theme_has_its_colors_and_may_be_dark():
    v.define_theme("ocean17", dark=True, colors={"primary": "#0277BD", "surface": "#102030"})
    p = Page(lambda: v.VThemeProvider(theme="ocean17", id="t"))
    cls = classes_of(p, 'id="t"')
    assert {"v-theme--ocean17", "v-theme--dark", "v-theme--custom", "v-theme-provider"} <= set(cls.split())
    assert "--v-theme-primary: #0277BD" in p.tags('id="t"')[0]
    q = Page(lambda: v.VApp(theme=("t",), id="a"), t="ocean17")
    assert "v-theme--dark" in classes_of(q, 'id="a"') and "--v-theme-primary: #0277BD" in q.tags('id="a"')[0]


@pytest.mark.parametrize("name, colors", [("1bad", {}), ("ok", {"primary": "red; x: y"}), ("ok", {"nope": "#fff"})])
def test_bad_theme_definitions_are_refused(name, colors):
    with pytest.raises(ValueError):
        v.define_theme(name, colors=colors)


def test_an_unknown_theme_name_from_state_is_harmless():
    p = Page(lambda: v.VCard(theme=("t",), id="c"), t="<b>x</b>")
    assert "<b>" not in p.html


def test_transitions_wrap_their_children():
    p = Page(lambda: v.VExpandTransition(v.VCard("body", v_if=("open",)), id="x"), open=True)
    assert "v-expand-transition" in p.html and "body" in p.html

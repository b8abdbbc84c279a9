"""Icons named by any expression: looked up on the server in the whole MDI set."""

from __future__ import annotations

import logging
import re

from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.icons import icon_path

from test_inputs_model import Page


def paths(html: str) -> list[str]:
    return re.findall(r'<path[^>]* d="([^"]*)"', html)


def test_an_icon_from_state_draws_the_icon_named_there_and_follows_it():
    p = Page(lambda: v.VIcon(icon=("my_icon",)), my_icon="mdi-weather-night")
    assert paths(p.html) == [icon_path("mdi-weather-night")]
    p.state.my_icon = "mdi-weather-sunny"
    p.state.flush()
    p.render()
    assert paths(p.html) == [icon_path("mdi-weather-sunny")]


def test_icons_from_rows_of_a_v_for():
    rows = [{"icon": "mdi-home"}, {"icon": "mdi-email"}, {"icon": "bell"}]
    p = Page(lambda: v.VListItem(v_for="item in rows", title="x", prepend_icon=("item.icon",)), rows=rows)
    assert paths(p.html) == [icon_path("mdi-home"), icon_path("mdi-email"), icon_path("mdi-bell")]


def test_an_unknown_name_draws_a_placeholder_and_logs_once(caplog):
    caplog.set_level(logging.WARNING, "htmxtrame.widgets.vuetify")
    p = Page(lambda: v.VIcon(icon=("name",)), name="mdi-no-such-thing-17")
    assert "v-icon__svg--missing" in p.html and paths(p.html) == [icon_path("mdi-help-box-outline")]
    p.render()
    p.render()
    assert sum("mdi-no-such-thing-17" in r.getMessage() for r in caplog.records) == 1


def test_no_value_draws_nothing_and_odd_values_do_not_break_the_page():
    p = Page(lambda: v.VIcon(icon=("name",)), name=None)
    assert paths(p.html) == [] and "missing" not in p.html
    for odd in (42, {"a": 1}, "x" * 5000, "<script>"):
        q = Page(lambda: v.VIcon(icon=("name",)), name=odd)
        assert "<script>" not in q.html
        assert "v-icon__svg--missing" in q.html

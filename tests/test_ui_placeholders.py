"""``server.ui`` named placeholders, and the layout keywords of trame's user guide (title, favicon, on_ready)."""

from __future__ import annotations

import re
import urllib.request

import pytest

from htmxtrame.app import get_server
from htmxtrame.testing import start_app, wait_until
from htmxtrame.ui.html import DivLayout
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v


def test_placeholder_placed_before_it_is_filled_shows_its_content():
    server = get_server("ui-placeholder-late")
    with SinglePageLayout(server) as layout:
        with layout.toolbar:
            server.ui.toolbar_items(layout)
        with layout.content:
            html.P("content", id="content")
    assert 'data-ht-ui="toolbar_items"' in layout.html and "Save" not in layout.html
    with server.ui.toolbar_items:
        v.VBtn("Save", id="save", click="saved = true")
    body = layout.html
    assert 'id="save"' in body and body.index('id="save"') < body.index('id="content"')  # in the toolbar


def test_placeholder_redefined_and_shown_in_two_layouts():
    server = get_server("ui-placeholder-two")
    with server.ui["status"]:
        html.Span("first", id="status")
    with DivLayout(server) as main:
        server.ui.status(main)
    with DivLayout(server, template_name="other") as other:
        html.H1("other page")
        server.ui.status()
    assert ">first<" in main.html and ">first<" in other.html
    server.ui.status.clear()
    with server.ui.status:
        html.Span("second", id="status")
    assert ">second<" in main.html and ">second<" in other.html and "first" not in main.html
    server.ui.clear()
    assert 'id="status"' not in other.html


def test_placeholder_defaults_reach_the_state_and_misuse_is_a_clear_error():
    server = get_server("ui-placeholder-state")
    with DivLayout(server):
        server.ui.form()
    with server.ui.form:
        v.VSlider(v_model=("level", 4))
    assert server.state.level == 4
    with pytest.raises(RuntimeError, match=r"inside a\s+`with layout:` block"):
        server.ui.form()
    with pytest.raises(AttributeError, match="placeholder"):
        server.ui.form = html.Div()


def test_layout_title_favicon_and_on_ready():
    server = get_server("layout-keywords")
    ready = []
    with SinglePageLayout(server, title="My tab", favicon="/icons/app.png", on_ready=lambda **kw: ready.append(kw)):
        pass
    assert server.state.trame__title == "My tab" and server.state.trame__favicon == "/icons/app.png"
    assert ready == []  # not before the server is up
    app = start_app(server)
    try:
        with urllib.request.urlopen(app.url, timeout=10) as resp:
            page = resp.read().decode()
        assert re.search(r"<title>My tab</title>", page)
        assert '<link rel="icon" href="/icons/app.png">' in page
        wait_until(lambda: ready)
        assert len(ready) == 1 and ready[0]["trame__title"] == "My tab"  # called once, with the state
    finally:
        server.stop()

"""A page served on its own has one main landmark: the layout's (VMain), or the app root for a plain DivLayout."""

from __future__ import annotations

import re
import uuid

from flask import Flask
from jinja2 import DictLoader

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html


def served(build) -> str:
    server = Server(f"lm-{uuid.uuid4().hex[:6]}")
    build(server)
    return server.flask_app().test_client().get("/").data.decode()


def mains(page: str) -> int:
    return len(re.findall(r'<main[\s>]|\srole="main"', page))


def test_a_div_layout_page_is_the_main_landmark_and_its_div_is_untouched():
    def build(server):
        with DivLayout(server, id="todo", classes="mine"):
            html.H1("Todo")

    page = served(build)
    assert re.search(r'<div id="ht-app" role="main"', page)
    assert mains(page) == 1
    assert '<div class="mine" id="todo">' in page  # the user's div: no new attribute for their CSS to meet


def test_a_layout_with_its_own_main_gets_no_second_one():
    def single(server):
        with SinglePageLayout(server) as layout, layout.content:
            html.P("hi")

    def own_main(server):
        with DivLayout(server), html.Main():
            html.H1("Mine")

    for build in (single, own_main):
        page = served(build)
        assert mains(page) == 1, page[:600]
        assert 'id="ht-app" role="main"' not in page


def test_an_app_wrapped_in_the_host_template_leaves_the_landmarks_to_the_host():
    server = Server(f"lm-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.P("embedded")
    host = Flask("host")
    host.jinja_loader = DictLoader({"base.html": "<body><main>{% block content %}{% endblock %}</main></body>"})
    server.init_app(host, url_prefix="/viz", template="base.html", block="content")
    page = host.test_client().get("/viz/").data.decode()
    assert "embedded" in page
    assert mains(page) == 1  # the host's <main>, not a second one inside it

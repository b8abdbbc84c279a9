"""An app that builds no layout (trame's life-cycle and CLI demos) still
serves a page, an empty one, as trame does."""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.testing import start_app
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def test_an_app_with_no_layout_serves_an_empty_page():
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    app = start_app(server)
    try:
        with urllib.request.urlopen(app.url) as resp:
            assert resp.status == 200
            assert 'id="ht-app"' in resp.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(app.url + "?ui=other")  # an unknown layout stays a 404
        assert refused.value.code == 404
    finally:
        app.stop()


def test_a_layout_built_later_replaces_the_empty_page(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    start = start_app(server)
    try:
        urllib.request.urlopen(start.url).read()
        with DivLayout(server):
            html.Div("built later", id="late")
        sim_user(server).should_see("built later")
    finally:
        start.stop()

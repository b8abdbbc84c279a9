"""What trame apps bind that the renderer must show: base64 images."""

from __future__ import annotations

import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def test_a_bound_base64_png_shows_in_an_img(sim_user):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    server.state.logo = PNG
    with DivLayout(server):
        html.Img(src=("logo",), id="logo")
    assert sim_user(server).find("#logo").get("src") == PNG


@pytest.mark.parametrize("url", [
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",  # SVG runs script in an iframe or object
    " JaVaScRiPt:alert(1)",
    "data:,plain",
])
def test_data_urls_that_can_run_script_stay_blocked(sim_user, url):
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    server.state.url = url
    with DivLayout(server):
        html.Iframe(src=("url",), id="frame")
    assert sim_user(server).find("#frame").get("src") == "about:blank#blocked"

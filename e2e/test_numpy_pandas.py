"""NumPy and pandas values in state, in Chromium: a pandas-driven dashboard
loads, a NumPy max bound to a slider works, a listener writing NumPy values
keeps the page updating, and a value with no JSON form is reported by key
(on the page with --debug) while every other key keeps updating."""

from __future__ import annotations

import uuid

import numpy as np
import pandas as pd
from conftest import wait_connected
from playwright.sync_api import expect

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html, vuetify3 as v


class Owner:
    """Not JSON: a page cannot show it."""


def dashboard(**options) -> Server:
    server = Server(f"e2e-values-{uuid.uuid4().hex[:8]}", **options)
    state = server.state
    df = pd.DataFrame({"score": [1.5, 2.0, 3.5], "n": [1, 2, 3]})
    state.score_max = df["score"].max()  # numpy.float64
    state.total = df["n"].sum()  # numpy.int64
    state.scores = df["score"].to_numpy()  # replaced by the listener at start
    state.updated = pd.Timestamp("2024-05-06 07:08:09")
    state.owner = "ann"

    @state.change("level")
    def on_level(level, **_):
        state.total = np.int64(level) * np.int64(10)
        state.scores = np.arange(int(level))

    with DivLayout(server):
        v.VSlider(v_model=("level", 1), min=0, max=("score_max",), step=1, label="Level", id="level")
        html.Div("max {{ score_max }} total {{ total }} big {{ total > 20 }}", id="summary")
        html.Div("{{ scores.length }}: {{ scores.join(' ') }}", id="scores")
        html.Span("{{ s }};", v_for="s in scores", classes="score")
        html.Div("updated {{ updated }}", id="updated")
        html.Div("owner {{ owner ?? 'none' }}", id="owner")
        html.Button("Set owner", id="set-owner", click=lambda: setattr(state, "owner", Owner()))
        html.Button("+1", id="inc", click="level = level + 1")
    return server


def test_numpy_and_pandas_values_load_and_follow_a_slider(app_runner, page):
    server = dashboard()
    page.goto(app_runner(server).url)
    wait_connected(page)
    # The ready-time flush ran the listener once with level 1, as trame does.
    expect(page.locator("#summary")).to_have_text("max 3.5 total 10 big false")
    expect(page.locator("#scores")).to_have_text("1: 0")
    expect(page.locator(".score")).to_have_count(1)
    expect(page.locator("#updated")).to_have_text("updated 2024-05-06T07:08:09")
    expect(page.locator("#level input")).to_have_attribute("max", "3.5")
    page.click("#inc")
    page.click("#inc")
    expect(page.locator("#summary")).to_have_text("max 3.5 total 30 big true")
    expect(page.locator("#scores")).to_have_text("3: 0 1 2")
    page.locator("#level input").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#summary")).to_have_text("max 3.5 total 20 big false")
    assert page.locator("#ht-app-error").count() == 0 or page.locator("#ht-app-error").is_hidden()


def test_a_value_with_no_json_form_is_named_on_the_page_in_debug_and_others_keep_updating(app_runner, page):
    server = dashboard(debug=True)
    page.goto(app_runner(server).url)
    wait_connected(page)
    page.click("#set-owner")
    box = page.locator("#ht-app-error")
    expect(box).to_be_visible()
    expect(box).to_contain_text("state key 'owner'")
    expect(box).to_contain_text("Owner")
    expect(page.locator("#owner")).to_have_text("owner none")  # undefined, as in trame
    box.click()
    page.click("#inc")
    expect(page.locator("#summary")).to_have_text("max 3.5 total 20 big false")
    page.reload()  # a page load with the bad value in state still works
    wait_connected(page)
    expect(page.locator("#owner")).to_have_text("owner none")
    expect(page.locator("#summary")).to_have_text("max 3.5 total 20 big false")

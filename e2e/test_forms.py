"""A sign-up VForm in Chromium: rules shown when Vuetify shows them, submit, validity, reset."""

from __future__ import annotations

from conftest import wait_connected, wait_for_state
from playwright.sync_api import expect

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

ERRORS = ".v-messages--error"


def signup_app():
    server = get_server("e2e-forms")
    state = server.state
    state.submitted = []

    def on_submit(result):
        state.submitted = [*state.submitted, result["valid"]]

    with SinglePageLayout(server) as layout, layout.content:
        with v.VForm(ref="form", v_model=("valid", None), validate_on="blur", id="signup",
                     submit_prevent=(on_submit, "[$event]")):
            v.VTextField(label="Name", id="name", v_model=("name", ""), rules=("[v => !!v || 'Name is required']",))
            v.VTextField(label="Email", id="email", v_model=("email", ""), rules=(
                "[v => !!v || 'Email is required',"
                " v => (String(v).indexOf('@') > 0 && !String(v).includes(' ')) || 'Not an email']",))
            v.VBtn("Sign up", type="submit", id="submit")
            v.VBtn("Reset", id="reset", click=lambda: server.js_call("form", "reset"))
        html.Div("valid: {{ String(valid) }}", id="validity")
    return server


def test_errors_wait_for_blur_submit_shows_all_fix_then_reset(app_runner, page):
    server = signup_app()
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    expect(page.locator(ERRORS)).to_have_count(0)  # nothing on first load

    page.get_by_label("Email").click()
    page.keyboard.type("not-an-email")
    wait_for_state(page, server, "email", "not-an-email")
    expect(page.locator(ERRORS)).to_have_count(0)  # still typing: no error yet
    page.keyboard.press("Tab")  # leave the field
    expect(page.locator("#email " + ERRORS)).to_have_text("Not an email")
    expect(page.locator("#name " + ERRORS)).to_have_count(0)
    expect(page.locator("#validity")).to_have_text("valid: false")

    page.click("#submit")  # submit validates every field; the page does not reload
    expect(page.locator("#name " + ERRORS)).to_have_text("Name is required")
    wait_for_state(page, server, "submitted", [False])
    assert page.url == app.url

    page.get_by_label("Name").click()
    page.keyboard.type("Ada")
    page.get_by_label("Email").fill("ada@example.org")
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.locator("#validity")).to_have_text("valid: true")
    assert server.state.valid is True
    page.click("#submit")
    wait_for_state(page, server, "submitted", [False, True])

    page.click("#reset")  # server.js_call("form", "reset"): values and messages go
    expect(page.get_by_label("Name")).to_have_value("")
    expect(page.get_by_label("Email")).to_have_value("")
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.locator("#validity")).to_have_text("valid: null")
    assert server.state.name is None and page.errors == []
    assert 'validate-on' not in page.content()


def test_a_reset_button_and_refs_validate_in_the_browser(app_runner, page):
    server = get_server("e2e-forms-reset")
    with SinglePageLayout(server) as layout, layout.content:
        with v.VForm(ref="profile", v_model=("ok", None)):
            v.VTextField(label="City", id="city", v_model=("city", ""), rules=("[v => !!v || 'City is required']",))
            html.Button("Clear", type="reset", id="clear")
        v.VBtn("Check", id="check", click="$refs.profile.validate()")
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    page.click("#check")
    expect(page.locator("#city " + ERRORS)).to_have_text("City is required")
    page.get_by_label("City").fill("Oslo")
    expect(page.locator(ERRORS)).to_have_count(0)
    wait_for_state(page, server, "ok", True)
    page.click("#clear")  # the browser's reset would bring back the value the page loaded with
    expect(page.get_by_label("City")).to_have_value("")
    wait_for_state(page, server, "ok", None)
    expect(page.locator(ERRORS)).to_have_count(0)
    assert page.errors == []

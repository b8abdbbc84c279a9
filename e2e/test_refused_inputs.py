"""A refused input (a forged value the page never offered) leaves the page
showing the state's value again, not the refused one: page and state agree."""

from __future__ import annotations

from conftest import wait_connected
from playwright.sync_api import expect

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def _forge_option(page, selector: str, value: str) -> None:
    """What a probe does: add an option the server never rendered and pick it, as a person would."""
    page.evaluate(
        """([sel, value]) => {
            const select = document.querySelector(sel);
            const option = document.createElement("option");
            option.value = value; option.textContent = value;
            select.appendChild(option);
            select.value = value;
            select.dispatchEvent(new Event("input", {bubbles: true}));
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [selector, value],
    )


def test_a_forged_select_pick_is_refused_and_the_select_shows_the_state_again(app_runner, page):
    server = get_server("e2e-refused-select")
    with DivLayout(server):
        with html.Select(id="role", aria_label="Role", v_model=("role", "user")):
            html.Option("User", value="user")
            html.Option("Guest", value="guest")
        html.Div("{{ role }}", id="out")
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    select = page.get_by_label("Role")
    select.select_option("guest")
    expect(page.locator("#out")).to_have_text("guest")
    _forge_option(page, "#role", "admin")
    expect(select).to_have_value("guest")
    assert server.state.role == "guest"
    expect(page.locator("#out")).to_have_text("guest")


def _app(app_runner, page, name: str, build):
    server = get_server(name)
    with DivLayout(server):
        build(server)
    app = app_runner(server)
    page.goto(app.url)
    wait_connected(page)
    return server


def test_a_select_whose_option_a_probe_rewrote_shows_the_state_again(app_runner, page):
    def ui(server):
        with html.Select(id="role", aria_label="Role", v_model=("role", "user")):
            html.Option("User", value="user")
            html.Option("Guest", value="guest")
        html.Div("{{ role }}", id="out")

    server = _app(app_runner, page, "e2e-refused-rewrite", ui)
    page.evaluate("""() => {
        const select = document.querySelector("#role");
        select.options[1].value = "admin";
        select.value = "admin";
        select.dispatchEvent(new Event("change", {bubbles: true}));
    }""")
    expect(page.get_by_label("Role")).to_have_value("user")
    expect(page.locator("#role option").nth(1)).to_have_attribute("value", "guest")
    assert server.state.role == "user"


def test_a_disabled_checkbox_a_probe_enabled_shows_the_state_again(app_runner, page):
    def ui(server):
        html.Input(type="checkbox", id="box", aria_label="Box", v_model=("ok", False), disabled=True)
        html.Div("{{ ok }}", id="out")

    server = _app(app_runner, page, "e2e-refused-checkbox", ui)
    box = page.get_by_label("Box")
    page.evaluate("() => document.querySelector('#box').removeAttribute('disabled')")
    box.click()
    expect(box).not_to_be_checked()
    expect(box).to_be_disabled()
    assert server.state.ok is False


def test_a_disabled_radio_a_probe_enabled_shows_the_state_again(app_runner, page):
    def ui(server):
        html.Input(type="radio", id="a", aria_label="A", value="a", v_model=("pick", "a"))
        html.Input(type="radio", id="b", aria_label="B", value="b", v_model=("pick", "a"), disabled=True)
        html.Div("{{ pick }}", id="out")

    server = _app(app_runner, page, "e2e-refused-radio", ui)
    page.evaluate("() => document.querySelector('#b').removeAttribute('disabled')")
    page.get_by_label("B").click()
    expect(page.get_by_label("A")).to_be_checked()
    expect(page.get_by_label("B")).not_to_be_checked()
    assert server.state.pick == "a"


def test_a_text_field_a_probe_made_writable_shows_the_state_again(app_runner, page):
    def ui(server):
        html.Input(id="name", aria_label="Name", v_model=("name", "fixed"), readonly=True)
        html.Div("{{ name }}", id="out")

    server = _app(app_runner, page, "e2e-refused-readonly", ui)
    page.evaluate("() => document.querySelector('#name').removeAttribute('readonly')")
    field = page.get_by_label("Name")
    field.fill("changed")
    field.blur()
    expect(field).to_have_value("fixed")
    assert server.state.name == "fixed"


def test_a_slider_a_probe_stretched_past_its_max_shows_the_state_again(app_runner, page):
    def ui(server):
        html.Input(type="range", id="level", aria_label="Level", min=0, max=100, v_model=("level", 100))
        html.Div("{{ level }}", id="out")

    server = _app(app_runner, page, "e2e-refused-slider", ui)
    expect(page.locator("#out")).to_have_text("100")
    page.evaluate("""() => {
        const slider = document.querySelector("#level");
        slider.max = "1000000"; slider.value = "1000000";
        slider.dispatchEvent(new Event("input", {bubbles: true}));
    }""")
    expect(page.get_by_label("Level")).to_have_attribute("max", "100")
    expect(page.get_by_label("Level")).to_have_value("100")
    assert server.state.level == 100

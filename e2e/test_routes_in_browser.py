"""trame's router in Chromium: routes in the URL hash, one route per tab, Back/Forward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import wait_connected


@pytest.fixture
def app(app_runner):
    from htmxtrame.app import get_server
    from htmxtrame.ui.router import RouterViewLayout
    from htmxtrame.ui.vuetify import SinglePageWithDrawerLayout
    from htmxtrame.widgets import router, vuetify

    server = get_server("e2e-router")
    server.state.resolution = 6
    with RouterViewLayout(server, "/"):
        with vuetify.VCard():
            vuetify.VCardTitle("This is home {{ resolution }}", id="home")
    with RouterViewLayout(server, "/foo"):
        with vuetify.VCard():
            vuetify.VCardTitle("This is foo", id="foo")
            vuetify.VBtn("Take me back", id="back", click="$router.back()")
            vuetify.VBtn("Bar 3 please", id="to3", click="$router.push('/bar/3')")
    with RouterViewLayout(server, "/bar/:id"):
        with vuetify.VCard():
            vuetify.VCardTitle("This is bar {{ $route.params.id }} at {{ resolution }}", id="bar")
    with SinglePageWithDrawerLayout(server) as layout:
        layout.title.set_text("Multi-Page demo")
        with layout.toolbar:
            vuetify.VBtn("More", id="more", click="resolution += 1")
            router.RouterLink("Foo link", to="/foo", id="foo_link")
        with layout.content:
            html_where = vuetify.VChip("on {{ $route.path }}", id="where")
            assert html_where is not None
            with vuetify.VContainer():
                router.RouterView()
        with layout.drawer:
            with vuetify.VList():
                vuetify.VListItem(title="Home", to="/", id="nav_home")
                vuetify.VListItem(title="Foo", to="/foo", id="nav_foo")
                vuetify.VListItem(v_for="id in [1, 2]", to=("'/bar/' + id",), title=("'Bar ' + id",))
    return app_runner(server)


def goto(page, url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    wait_connected(page)
    return page


def test_a_page_opened_at_a_route_shows_that_route(page, app):
    goto(page, app.url + "#/foo")
    expect(page.locator("#foo")).to_have_text("This is foo")
    expect(page.locator("#where")).to_have_text("on /foo")
    expect(page.locator("#home")).to_have_count(0)
    assert page.errors == []


def test_links_change_the_route_and_the_url_and_back_returns(page, app):
    goto(page, app.url)
    expect(page.locator("#home")).to_have_text("This is home 6")
    page.get_by_role("link", name="Foo", exact=True).click()
    expect(page.locator("#foo")).to_have_text("This is foo")
    assert page.url.endswith("#/foo")
    page.get_by_role("link", name="Bar 2").click()
    expect(page.locator("#bar")).to_have_text("This is bar 2 at 6")
    assert page.url.endswith("#/bar/2")
    page.go_back()
    expect(page.locator("#foo")).to_have_text("This is foo")
    assert page.url.endswith("#/foo")
    page.go_back()
    expect(page.locator("#home")).to_have_text("This is home 6")
    page.go_forward()
    expect(page.locator("#foo")).to_have_text("This is foo")
    # a RouterLink, and $router in a click handler
    page.locator("#to3").click()
    expect(page.locator("#bar")).to_have_text("This is bar 3 at 6")
    expect(page).to_have_url(re.compile(r"#/bar/3$"))
    page.go_back()
    expect(page.locator("#foo")).to_have_text("This is foo")
    page.locator("#back").click()  # the push above dropped the forward entries: back is home
    expect(page.locator("#home")).to_have_text("This is home 6")
    expect(page).to_have_url(re.compile(r"/(#/?)?$"))
    assert page.errors == []


def test_two_tabs_keep_their_own_routes_and_both_follow_the_state(page, browser, app):
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    try:
        goto(page, app.url + "#/bar/1")
        goto(other, app.url)
        expect(page.locator("#bar")).to_have_text("This is bar 1 at 6")
        expect(other.locator("#home")).to_have_text("This is home 6")
        other.locator("#foo_link").click()
        expect(other.locator("#foo")).to_have_text("This is foo")
        expect(page.locator("#bar")).to_have_text("This is bar 1 at 6")  # untouched by the other tab
        other.get_by_role("link", name="Home").click()
        expect(other.locator("#home")).to_have_text("This is home 6")
        page.locator("#more").click()  # a state change: each tab re-renders its own route
        expect(page.locator("#bar")).to_have_text("This is bar 1 at 7")
        expect(other.locator("#home")).to_have_text("This is home 7")
        expect(page.locator("#where")).to_have_text("on /bar/1")
        expect(other.locator("#where")).to_have_text("on /")
    finally:
        other_ctx.close()


def test_an_unknown_route_shows_an_empty_view_and_the_page_keeps_working(page, app):
    goto(page, app.url + "#/nowhere")
    expect(page.locator("#where")).to_have_text("on /nowhere")
    expect(page.locator("[data-ht-router-view]")).to_have_text("")
    page.locator("#more").click()
    page.get_by_role("link", name="Home").click()
    expect(page.locator("#home")).to_have_text("This is home 7")


def test_an_anchor_hash_is_not_a_route_and_an_oversized_route_is_refused(page, app):
    goto(page, app.url + "#/foo")
    expect(page.locator("#foo")).to_have_text("This is foo")
    page.evaluate("location.hash = 'section'")  # an in-page anchor: the route stays
    page.evaluate("window.htmxtrame.send({t: 'route', path: '/' + 'x'.repeat(5000)})")
    page.locator("#more").click()
    expect(page.locator("#foo")).to_have_text("This is foo")
    expect(page.locator("#where")).to_have_text("on /foo")


# Records, every frame from the first paint on, whether the home route's content was visible.
WATCH_HOME = """
window.__sawHome = false;
(function watch() {
  for (const el of document.querySelectorAll('#home')) {
    if (el.checkVisibility({visibilityProperty: true, opacityProperty: true})) window.__sawHome = true;
  }
  requestAnimationFrame(watch);
})();
"""


def test_a_page_opened_at_a_route_never_flashes_the_home_route(page, app):
    page.add_init_script(WATCH_HOME)
    goto(page, app.url + "#/foo")
    expect(page.locator("#foo")).to_have_text("This is foo")
    page.wait_for_timeout(100)  # a few more frames
    assert page.evaluate("window.__sawHome") is False


def test_a_reconnected_page_comes_back_on_its_route(page, app):
    goto(page, app.url + "#/bar/2")
    expect(page.locator("#bar")).to_have_text("This is bar 2 at 6")
    page.evaluate("document.getElementById('ht-app')._htmx.ws.connection.socket.close(4000, 'dropped by test')")
    page.wait_for_function("!window.htmxtrame.connected")
    wait_connected(page)
    page.locator("#more").click()
    expect(page.locator("#bar")).to_have_text("This is bar 2 at 7")
    expect(page.locator("#where")).to_have_text("on /bar/2")

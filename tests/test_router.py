"""trame's router: RouterViewLayout, RouterView, RouterLink, links by ``to=`` and ``$route``."""

from __future__ import annotations

import json
import logging

import pytest

from htmxtrame.routes import MAX_PATH, RouteError, RouteTable, check_route, href, location, table
from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.transport import routing, wire
from htmxtrame.ui.html import DivLayout
from htmxtrame.ui.router import RouterViewLayout, path_to_name
from htmxtrame.widgets import html, router, vuetify, vuetify3


@pytest.fixture
def app():
    srv = Server("router-unit")
    srv.state.count = 1
    with RouterViewLayout(srv, "/"):
        html.H1("This is home {{ count }}", id="home_title")
    with RouterViewLayout(srv, "/foo"):
        html.H1("This is foo", id="foo_title")
        html.Button("Take me back", id="back", click="$router.back()")
        html.Button("To bar 7", id="to7", click="$router.push('/bar/7')")
    with RouterViewLayout(srv, "/bar/:id"):
        html.H1("This is bar {{ $route.params.id }} at {{ count }}", id="bar_title")
    with DivLayout(srv):
        router.RouterLink("Home", to="/", id="l_home")
        router.RouterLink("Foo", to="/foo", id="l_foo")
        html.Div("on {{ $route.path }}", id="where")
        html.Button("more", id="more", click="count += 1")
        router.RouterView(id="view")
    srv.state.ready()
    return srv


def go(user: User, path: str) -> None:
    """What the page's glue sends when its URL hash names *path*."""
    routing.handle_route(user.session, path)


def test_path_patterns_match_as_vue_router_does():
    t = RouteTable()
    for p in ["/", "/foo", "/bar/:id", "/opt/:x?", "/files/:rest*", "/u/:id(\\d+)", "/u/me"]:
        t.add(p, "default", p)
    assert t.match("/FOO/")[0].path == "/foo"
    assert t.match("/bar/a%20b") == (t.routes["/bar/:id"], {"id": "a b"})
    assert t.match("/opt")[1] == {} and t.match("/opt/1")[1] == {"x": "1"}
    assert t.match("/files/a/b")[1] == {"rest": ["a", "b"]}
    assert t.match("/u/12")[1] == {"id": "12"} and t.match("/u/ab") == (None, {})
    assert t.match("/u/me")[0].path == "/u/me"  # static beats the pattern declared first
    assert t.match("/nowhere") == (None, {})
    with pytest.raises(ValueError):
        t.add("foo", "default", None)


def test_location_splits_path_query_and_hash():
    loc = location("/bar/3?x=1&x=2&y#top", table_with("/bar/:id"))
    assert loc == {"path": "/bar/3", "fullPath": "/bar/3?x=1&x=2&y#top", "params": {"id": "3"},
                   "query": {"x": ["1", "2"], "y": ""}, "hash": "#top"}


def table_with(*paths: str) -> RouteTable:
    t = RouteTable()
    for p in paths:
        t.add(p, "default", p)
    return t


def test_links_point_at_the_hash_route():
    assert href("/foo") == "#/foo" and href("foo") == "#/foo"
    assert href({"path": "/a", "query": {"q": "1"}}) == "#/a?q=1"
    assert path_to_name("/bar/:id") == "_bar__id___default"


def test_a_new_page_shows_the_home_route_and_each_page_its_own(app):
    a, b = User(app).open(), User(app).open()
    assert a.text("#home_title") == "This is home 1"
    assert not a.find_all("#foo_title")
    go(b, "/foo")
    assert b.text("#foo_title") == "This is foo" and not b.find_all("#home_title")
    assert b.text("#where") == "on /foo"
    assert a.text("#home_title") == "This is home 1" and a.text("#where") == "on /"


def test_a_route_change_renders_for_that_page_only(app):
    a, b = User(app).open(), User(app).open()
    b.session.take(0)
    a.session.take(0)
    go(a, "/bar/5")
    batch = a.session.take(0)
    assert batch is not None and batch.local and "This is bar 5 at 1" in batch.fragments["view"]
    assert b.session.take(0) is None  # the other page heard nothing
    assert app.state["$route"]["path"] == "/"  # the server's value is untouched


def test_params_come_from_the_route(app):
    u = User(app).open()
    go(u, "/bar/42")
    assert u.text("#bar_title") == "This is bar 42 at 1"


def test_a_state_change_re_renders_each_pages_route_content(app):
    home, bar = User(app).open(), User(app).open()
    go(bar, "/bar/9")
    home.click("#more")
    assert home.text("#home_title") == "This is home 2"
    assert bar.text("#bar_title") == "This is bar 9 at 2"
    pushed = bar.session.take(0)
    assert pushed is not None and "This is bar 9 at 2" in pushed.fragments["view"]


def test_an_unknown_route_shows_nothing_and_breaks_nothing(app):
    u = User(app).open()
    go(u, "/nowhere")
    assert u.find("#view").text.strip() == "" and u.text("#where") == "on /nowhere"
    u.click("#more")
    assert app.state.count == 2


def test_events_inside_a_route_reach_the_page_that_shows_it(app):
    foo, home = User(app).open(), User(app).open()
    go(foo, "/foo")
    home.click("#more")  # renders for another page in between
    foo.click("#to7")
    assert foo.text("#bar_title") == "This is bar 7 at 2"
    assert home.text("#home_title") == "This is home 2"


def test_router_push_and_back_tell_the_page_to_move(app):
    u = User(app).open()
    go(u, "/foo")
    u.session.take(0)
    dispatch_click(u, "#to7")
    frame = json.loads(wire.encode(u.session.take(0)))
    assert frame["nav"] == [{"push": "/bar/7"}] and u.text("#bar_title") == "This is bar 7 at 1"
    go(u, "/foo")
    u.session.take(0)
    dispatch_click(u, "#back")
    assert json.loads(wire.encode(u.session.take(0)))["nav"] == [{"go": -1}]


def dispatch_click(user: User, selector: str) -> None:
    """A click as the websocket hands it over (the history moves go out after the handler)."""
    user.click(selector)
    routing.send_moves(user.session)


def test_the_page_sends_a_route_string_of_bounded_size():
    assert wire.decode(json.dumps({"t": "route", "path": "/foo?x=1"}))["path"] == "/foo?x=1"
    for bad in [{"t": "route"}, {"t": "route", "path": 3}, {"t": "route", "path": "foo"},
                {"t": "route", "path": "/" + "x" * MAX_PATH}, {"t": "route", "path": ["/"]},
                {"t": "route", "path": "/a\nb"}]:
        with pytest.raises(wire.WireError) as exc:
            wire.decode(json.dumps(bad))
        assert exc.value.code == "bad-route"
    with pytest.raises(RouteError):
        check_route(None)


def test_a_refused_route_changes_nothing_on_the_page(app, caplog):
    from htmxtrame.transport.blueprint import _handle  # noqa: F401 - the route path is checked in wire.decode

    u = User(app).open()
    go(u, "/foo")
    with pytest.raises(wire.WireError):
        wire.decode(json.dumps({"t": "route", "path": "/" + "y" * (MAX_PATH + 5)}))
    assert u.text("#foo_title") == "This is foo"


def test_the_same_route_again_is_answered_with_nothing_to_change(app):
    u = User(app).open()
    go(u, "/foo")
    u.session.take(0)
    go(u, "/foo")
    batch = u.session.take(0)
    assert batch is not None and not batch.fragments


def test_router_link_is_a_hash_link_marked_active_on_its_route(app):
    u = User(app).open()
    assert u.find("#l_foo").attrs["href"] == "#/foo"
    assert "router-link-active" in u.find("#l_home").attrs.get("class", "")
    assert "router-link-active" not in u.find("#l_foo").attrs.get("class", "")
    go(u, "/foo")
    assert "router-link-exact-active" in u.find("#l_foo").attrs.get("class", "")
    assert "router-link-active" not in u.find("#l_home").attrs.get("class", "")


@pytest.mark.parametrize("module", [vuetify, vuetify3])
def test_vuetify_to_renders_a_link_to_the_route(module):
    srv = Server(f"router-vuetify-{module.__name__.rsplit('.', 1)[-1]}")
    with DivLayout(srv):
        module.VBtn("Foo", to="/foo", id="btn")
        with module.VList():
            module.VListItem(title="Bar", to="/bar", id="item")
            module.VListItem(v_for="i in [1, 2]", to=("'/bar/' + i",), title="Bar {{ i }}", classes="rows")
    u = User(srv).open()
    assert u.find("#btn").tag == "a" and u.find("#btn").attrs["href"] == "#/foo"
    assert u.find("#item").attrs["href"] == "#/bar"
    assert [n.attrs["href"] for n in u.find_all(".rows")] == ["#/bar/1", "#/bar/2"]


def test_named_views_show_their_own_content():
    srv = Server("router-named")
    for path in ("/", "/foo"):
        with RouterViewLayout(srv, path, name="side"):
            html.Span(f"{path} side")
        with RouterViewLayout(srv, path, name="content"):
            html.Span(f"{path} content")
    with DivLayout(srv):
        router.RouterView(name="side", id="side")
        router.RouterView(name="content", id="content")
    u = User(srv).open()
    go(u, "/foo")
    assert u.text("#side") == "/foo side" and u.text("#content") == "/foo content"


def test_a_route_declared_after_the_page_loaded_shows_on_refresh(app):
    u = User(app).open()
    go(u, "/late")
    assert u.find("#view").text.strip() == ""
    with RouterViewLayout(app, "/late"):
        html.P("late content", id="late")
    assert u.text("#late") == "late content"


def test_a_bad_route_pattern_fails_where_the_app_declares_it():
    with pytest.raises(ValueError, match="pattern"):
        RouterViewLayout(Server("router-bad"), "/x/:id([)")


def test_the_trame_names_import(monkeypatch):
    from htmxtrame.compat import importer

    importer.install()
    try:
        from trame.ui.router import RouterViewLayout as Layout  # type: ignore[import-not-found]
        from trame.widgets import router as trame_router  # type: ignore[import-not-found]

        assert Layout is RouterViewLayout and trame_router.RouterView is router.RouterView
    finally:
        importer.uninstall()


def test_route_expression_errors_are_contained(app, caplog):
    # $route.params.id on the home route is undefined, not an error; a page on a
    # route whose content fails to render still shows the rest of the page.
    with RouterViewLayout(app, "/broken"):
        html.Div("{{ $route.params.id.toUpperCase() }}", id="broken")
    u = User(app).open()
    with caplog.at_level(logging.ERROR):
        go(u, "/broken")
    assert u.text("#where") == "on /broken"
    assert "data-ht-error" in u.html or "error" in u.find("#view").text.lower() or u.find_all("#broken")


def test_a_key_only_another_pages_route_reads_still_reaches_that_page():
    srv = Server("router-keys")
    srv.state.update({"x": 1, "y": 1})
    with RouterViewLayout(srv, "/"):
        html.P("home {{ y }}", id="home")
    with RouterViewLayout(srv, "/foo"):
        html.P("foo {{ x }}", id="foo")
    with DivLayout(srv):
        router.RouterView(id="view")
    srv.state.ready()
    on_foo = User(srv).open()
    go(on_foo, "/foo")
    assert on_foo.text("#foo") == "foo 1"
    on_home = User(srv).open()
    assert on_home.text("#home") == "home 1"  # the last render is the home route's
    on_foo.session.take(0)
    srv.state.x = 2
    srv.state.flush()
    pushed = on_foo.session.take(0)
    assert pushed is not None and "foo 2" in pushed.fragments.get("view", "")
    assert on_foo.text("#foo") == "foo 2" and on_home.text("#home") == "home 1"


@pytest.mark.parametrize("module", [vuetify, vuetify3])
def test_vuetify_links_show_active_on_their_route(module):
    srv = Server(f"router-active-{module.__name__.rsplit('.', 1)[-1]}")
    with RouterViewLayout(srv, "/bar/:id"):
        html.P("bar")
    with DivLayout(srv):
        with module.VList():
            module.VListItem(title="Home", to="/", id="home")
            module.VListItem(v_for="i in [1, 2]", to=("'/bar/' + i",), title=("'Bar ' + i",), classes="rows")
        router.RouterView()
    u = User(srv).open()
    assert "v-list-item--active" in u.find("#home").attrs["class"]
    go(u, "/bar/2")
    assert "v-list-item--active" not in u.find("#home").attrs["class"]
    assert ["v-list-item--active" in n.attrs["class"] for n in u.find_all(".rows")] == [False, True]


def test_a_bad_router_call_in_a_handler_is_reported_and_changes_nothing(caplog):
    from htmxtrame.events import HandlerError

    srv = Server("router-bad-calls")
    with RouterViewLayout(srv, "/"):
        html.P("home", id="home")
    with DivLayout(srv):
        html.Button("far", id="far", click="$router.push('/' + 'x'.repeat(5000))")
        html.Button("odd", id="odd", click="$router.go('back')")
        router.RouterView()
    u = User(srv).open()
    for button in ("#far", "#odd"):
        with caplog.at_level(logging.ERROR), pytest.raises(HandlerError):
            u.click(button)
    assert u.text("#home") == "home" and u.session.page.moves == []


def test_a_page_full_of_values_gets_an_error_for_its_route(app):
    from htmxtrame.scopes.page import MAX_KEYS

    u = User(app).open()
    for i in range(MAX_KEYS):
        u.session.page.put(f"k{i}", i)
    u.session.take(0)
    go(u, "/foo")
    batch = u.session.take(0)
    assert batch is not None and batch.errors[0]["code"] == "too-many-values"
    assert u.text("#home_title") == "This is home 1"


def test_breadcrumbs_and_empty_state_actions_link_to_routes():
    srv = Server("router-crumbs")
    with DivLayout(srv):
        vuetify3.VBreadcrumbs(items=[{"title": "Home", "to": "/"}, {"title": "Foo", "to": "/foo"}, "Here"])
        vuetify3.VBreadcrumbs(items=("crumbs", [{"title": "Bar", "to": "/bar/1"}, "End"]), id="bound")
        vuetify3.VEmptyState(title="Nothing", action_text="Go home", to="/", id="empty")
    u = User(srv).open()
    assert [a.attrs["href"] for a in u.find_all("a.v-breadcrumbs-item--link")] == ["#/", "#/foo", "#/bar/1"]
    assert u.find("#empty a").attrs["href"] == "#/"

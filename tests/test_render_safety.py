"""What a forged frame or a crafted state value must not reach (issue 16, items 3, 4, 6, 10).

* controls rendered disabled, readonly or hidden run nothing;
* a layout whose state moved on while no page showed it is re-rendered
  before an event resolves against it;
* no state value reaches a ``<script>`` or ``<style>``;
* a bound id never takes the id an element's updates are found by.
"""

from __future__ import annotations

import logging
import re

import pytest

from htmxtrame.controller import Controller
from htmxtrame.events import InputError, dispatch
from htmxtrame.render import Renderer
from htmxtrame.session import Scope, Session
from htmxtrame.state import State
from htmxtrame.widgets import client, html
from htmxtrame.widgets import vuetify3 as v3


class Page:
    """A layout wired as the server wires it; ``connect=False`` leaves no page connected."""

    def __init__(self, build, connect: bool = True, **values) -> None:
        self.state = State(ready=True)
        self.state.update({"hits": 0, **values})
        self.state.flush()
        self.ctrl = Controller()
        self.ctrl.hit = lambda: self.state.__setitem__("hits", self.state.hits + 1)
        with html.Div() as root:
            build(self.ctrl)
        self.scope = Scope(self.state, self.ctrl, lambda: {"main": root})
        self.state._flushed_fn = self.scope.commit
        self.renderer = self.scope.renderer("main")
        self.body = self.renderer.render_page_body()
        self.session = Session(self.scope, "main")
        if connect:
            self.session.open()

    def iid(self, dom_id: str) -> str:
        m = re.search(rf'id="{dom_id}"[^>]*data-ht="([^"]+)"', self.body)
        assert m, f"no instance for #{dom_id} in {self.body}"
        return m.group(1)

    def send(self, dom_id: str, event: str, value=None) -> None:
        dispatch(self.renderer, self.ctrl, self.iid(dom_id), event, value)

    def refused(self, dom_id: str, event: str, value=None) -> InputError:
        before = self.state.to_dict()
        with pytest.raises(InputError) as info:
            self.send(dom_id, event, value)
        assert self.state.to_dict() == before
        return info.value


# -- disabled, readonly, hidden ---------------------------------------------------------

CASES = [
    ("literal disabled", lambda c: html.Button("b", id="t", disabled=True, click=c.hit), "click", None, "disabled"),
    ("bound disabled", lambda c: html.Button("b", id="t", disabled=("!is_admin",), click=c.hit), "click", None,
     "disabled"),
    ("v_show false", lambda c: html.Button("b", id="t", v_show="shown", click=c.hit), "click", None, "hidden"),
    ("inside v_show false", lambda c: html.Div(html.Button("b", id="t", click=c.hit), v_show="shown"), "click", None,
     "hidden"),
    ("hidden attribute", lambda c: html.Button("b", id="t", hidden=True, click=c.hit), "click", None, "hidden"),
    ("inline display none", lambda c: html.Button("b", id="t", style="display:none", click=c.hit), "click", None,
     "hidden"),
    ("inside inert", lambda c: html.Div(html.Button("b", id="t", click=c.hit), inert=True), "click", None, "hidden"),
    ("readonly v_model", lambda c: html.Input(id="t", readonly=True, v_model="name"), "input", "x", "readonly"),
    ("disabled v_model", lambda c: html.Input(id="t", disabled=True, v_model="name"), "input", "x", "disabled"),
    ("readonly change handler", lambda c: html.Input(id="t", readonly=("true",), change=c.hit), "change", None,
     "readonly"),
    ("disabled fieldset", lambda c: html.Fieldset(html.Input(id="t", v_model="name"), disabled=True), "input", "x",
     "disabled"),
    ("VBtn disabled", lambda c: v3.VBtn("b", id="t", disabled=True, click=c.hit), "click", None, "disabled"),
    ("VListItem disabled", lambda c: v3.VListItem(title="b", id="t", disabled=True, click=c.hit), "click", None,
     "disabled"),
    ("VCheckbox disabled", lambda c: v3.VCheckbox(v_model="flag", disabled=True), "change", True, "disabled"),
]


@pytest.mark.parametrize("name,build,event,value,why", CASES, ids=[c[0] for c in CASES])
def test_controls_a_person_cannot_use_run_nothing(name, build, event, value, why):
    page = Page(build, is_admin=False, shown=False, name="kept", flag=False)
    dom_id = "t" if 'id="t"' in page.body and "data-ht" in page.body.split('id="t"', 1)[1].split(">", 1)[0] \
        else re.search(r'id="([^"]+)"[^>]*data-ht=', page.body).group(1)
    err = page.refused(dom_id, event, value)
    assert err.code == "inactive-element"
    assert f"is {why} on this page" in str(err)
    assert page.state.hits == 0 and page.state.name == "kept"


def test_a_readonly_input_still_takes_clicks_and_focus():
    page = Page(lambda c: html.Input(id="t", readonly=True, v_model="name", click=c.hit), name="kept")
    page.send("t", "click")
    assert page.state.hits == 1


def test_bound_disabled_and_v_show_follow_the_state():
    def build(c):
        html.Button("admin", id="admin", disabled=("!is_admin",), click=c.hit)
        html.Button("shown", id="shown", v_show="visible", click=c.hit)

    page = Page(build, is_admin=False, visible=False)
    page.refused("admin", "click")
    page.refused("shown", "click")
    with page.state:
        page.state.is_admin, page.state.visible = True, True
    page.send("admin", "click")
    page.send("shown", "click")
    assert page.state.hits == 2


def test_the_legend_of_a_disabled_fieldset_stays_usable():
    page = Page(lambda c: html.Fieldset(html.Legend(html.Button("b", id="t", click=c.hit)), disabled=True))
    page.send("t", "click")
    assert page.state.hits == 1


def test_an_update_of_a_fragment_inside_a_hidden_parent_keeps_it_hidden():
    def build(c):
        with html.Div(v_show="visible"):
            html.Button("{{ label }}", id="t", click=c.hit)

    page = Page(build, visible=False, label="a")
    with page.state:
        page.state.label = "b"  # re-renders the button alone, not its hidden parent
    assert page.session.take(0).fragments["t"].startswith('<button id="t"')
    page.refused("t", "click")


# -- the renderer never lags the state -----------------------------------------------------

def test_an_element_a_v_if_removed_while_no_page_was_connected_refuses_events():
    page = Page(lambda c: html.Button("b", id="t", v_if="show", click=c.hit), connect=False, show=True)
    iid = page.iid("t")
    with page.state:
        page.state.show = False  # no page connected: nothing re-rendered
    page.session.open()  # a socket-only client connects and sends at once, no hello
    with pytest.raises(InputError) as info:
        dispatch(page.session.renderer, page.ctrl, iid, "click")
    assert info.value.code == "unknown-element"
    assert page.state.hits == 0


def test_an_element_shown_while_no_page_was_connected_takes_events():
    page = Page(lambda c: html.Button("b", id="t", disabled=("locked",), click=c.hit), connect=False, locked=True)
    iid = page.iid("t")
    with page.state:
        page.state.locked = False
    dispatch(page.session.renderer, page.ctrl, iid, "click")
    assert page.state.hits == 1


def test_a_connected_page_keeps_its_renderer_current_without_full_renders():
    page = Page(lambda c: html.Button("{{ hits }}", id="t", click=c.hit))
    page.send("t", "click")
    assert not page.renderer.stale


# -- nothing from state inside <script> or <style> -------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: html.Script("window.g = '{{ user }}';"),
    lambda: html.Style("body { color: {{ color }} }"),
    lambda: html.Script(v_text="user"),
    lambda: html.Script(v_html="user"),
    lambda: html.Style(v_bind=("attrs",)),
    lambda: html.Script(src=("url",)),
    lambda: html.Script(**{":src": "url"}),
    lambda: html.Script(html.Span("{{ user }}")),
    lambda: html.Script().add("{{ user }}"),
    lambda: html.Style().set_text("{{ user }}"),
], ids=["script-text", "style-text", "v_text", "v_html", "v_bind", "bound-src", "colon-src", "child-element",
        "add-later", "set_text"])
def test_state_cannot_reach_script_or_style_at_build_time(make):
    with pytest.raises(ValueError, match=r"<(script|style)> cannot take .*bound attribute of another element"):
        make()


def test_static_script_and_style_still_build_and_render_verbatim():
    state = State(ready=True)
    body = Renderer(state, html.Div([client.Script("if (1 < 2) {}"), html.Script(src="/app.js"),
                                     client.Style("a > b { color: red }")])).render_page_body()
    assert "<script>if (1 < 2) {}</script>" in body and '<script src="/app.js"></script>' in body


# -- ids the page's updates rely on ---------------------------------------------------------

@pytest.fixture
def errors(caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    return caplog


def test_a_bound_id_cannot_replace_an_updatable_elements_id(errors):
    page = Page(lambda c: html.Div("{{ text }}", **{":id": "'count'"}), text="a")
    m = re.search(r'<div id="(ht\d+)" data-ht-error="bound id refused[^"]*">a</div>', page.body)
    assert m, page.body
    assert any("cannot replace the id" in r.getMessage() for r in errors.records)
    with page.state:
        page.state.text = "b"
    frags = page.session.take(0).fragments
    assert frags[m.group(1)].startswith(f'<div id="{m.group(1)}"'), "its updates still find it"


def test_a_v_bind_dict_cannot_replace_an_updatable_elements_id():
    page = Page(lambda c: html.Div("{{ text }}", id="mine", v_bind="attrs"), text="a",
                attrs={"id": "other", "title": "t"})
    assert re.search(r'<div id="mine" title="t" data-ht-error="bound id refused', page.body), page.body


def test_bound_ids_inside_loop_rows_work_unless_they_take_an_updatable_elements_id(errors):
    def build(c):
        html.Div("{{ count }}", id="count")
        with html.Ul(id="list"):
            html.Li("{{ x }}", v_for="x in items", **{":id": "x"})

    page = Page(build, count=1, items=["row-a", "count", "ht1", "row-b"])
    assert '<li id="row-a">row-a</li>' in page.body and '<li id="row-b">row-b</li>' in page.body
    assert page.body.count('id="count"') == 1, "a row took the id #count's updates go to"
    assert 'id="ht1"' not in page.body.split('id="list"', 1)[1]
    refused = {re.search(r"refused the bound id '([^']+)'", r.getMessage()).group(1)
               for r in errors.records if "refused the bound id" in r.getMessage()}
    assert refused == {"count", "ht1"}


@pytest.mark.parametrize("given", ["ht12", "ht-app", "ht-status"])
def test_a_literal_id_htmxtrame_uses_itself_is_refused_at_build_time(given):
    with pytest.raises(ValueError, match="htmxtrame gives its own elements"):
        html.Div("x", id=given)

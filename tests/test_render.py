"""Rendering: escaping, fragments, the key → fragment index, partial re-renders."""

from __future__ import annotations

import re

import pytest

from htmxtrame.controller import Controller
from htmxtrame.events import dispatch
from htmxtrame.render import Renderer
from htmxtrame.session import Scope, Session
from htmxtrame.state import State
from htmxtrame.widgets import html


class Page:
    """A layout wired the way the server wires it, minus the websocket:
    state → scope.commit → the session's queue."""

    def __init__(self, root, state: State) -> None:
        self.state = state
        self.ctrl = Controller()
        self.scope = Scope(state, self.ctrl, lambda: {"main": root})
        state._flushed_fn = self.scope.commit
        self.renderer = self.scope.renderer("main")
        self.body = self.renderer.render_page_body()
        self.session = Session(self.scope, "main")
        self.session.open()

    def flush(self):
        """Flush the state; the batch the page would receive (or None)."""
        self.state.flush()
        return self.session.take(0)


def make_state(**values) -> State:
    state = State(ready=True)
    state.update(values)
    state.flush()
    return state


def tree():
    """outer (reads a) ⊃ inner (reads b); pa reads a; pc reads c."""
    with html.Div(id="root") as root:
        with html.Div(id="outer", title=("a",)):
            html.Span("b={{ b }}", id="inner")
        html.P("a={{ a }}", id="pa")
        html.P("c={{ c }}", id="pc")
        html.P("static", id="static")
    return root


# -- escaping -----------------------------------------------------------------------

def test_state_values_are_escaped_in_text_and_attributes():
    state = make_state(evil='"><script>alert(1)</script>')
    root = html.Div(html.Span("{{ evil }}"), title=("evil",), id="x")
    out = Renderer(state, root).render_page_body()
    assert "<script>" not in out
    assert out.count("&lt;script&gt;") == 2
    assert 'title="&quot;&gt;&lt;script&gt;' in out


def test_script_urls_bound_to_href_are_blocked():
    state = make_state(link="  javascript:alert(1)")
    out = Renderer(state, html.A("x", href=("link",))).render_page_body()
    assert "javascript" not in out and "about:blank#blocked" in out


def test_v_html_is_the_one_raw_opening():
    state = make_state(markup="<b>bold</b>")
    out = Renderer(state, html.Div(v_html="markup")).render_page_body()
    assert "<b>bold</b>" in out


# -- fragments and the index ---------------------------------------------------------------

def test_static_elements_are_not_fragments():
    rend = Renderer(make_state(a=1, b=2, c=3), tree())
    rend.render_page_body()
    assert set(rend.fragments) == {"outer", "inner", "pa", "pc"}
    assert "static" not in rend.fragments and "root" not in rend.fragments


def test_fragments_get_stable_ids_across_renders():
    root = html.Div([html.P("{{ a }}"), html.P("{{ a }}")])
    rend = Renderer(make_state(a=1), root)
    first = rend.render_page_body()
    second = rend.render_page_body()
    ids = re.findall(r'id="([^"]+)"', first)
    assert len(set(ids)) == 2, "each fragment has its own id"
    assert first == second
    fid = ids[0]
    assert rend.render_fragment(fid) == re.search(rf'<p id="{fid}">[^<]*</p>', first).group(0)


def test_index_maps_each_key_to_the_fragments_that_read_it():
    rend = Renderer(make_state(a=1, b=2, c=3), tree())
    rend.render_page_body()
    assert rend.index == {"a": {"outer", "pa"}, "b": {"inner"}, "c": {"pc"}}
    assert rend.fragments["inner"].parent == "outer"
    assert rend.fragments["outer"].keys == {"a"}


def test_keys_read_through_expressions_are_indexed():
    root = html.Div(html.P("{{ x > 2 ? y : z }}", id="p"))
    rend = Renderer(make_state(x=5, y="Y", z="Z"), root)
    rend.render_page_body()
    # z was never read (x > 2), so changing z cannot change this fragment
    assert rend.index == {"x": {"p"}, "y": {"p"}}


def test_nested_dirty_fragments_are_dropped():
    rend = Renderer(make_state(a=1, b=2, c=3), tree())
    rend.render_page_body()
    assert sorted(rend.dirty_fragments({"a", "b"})) == ["outer", "pa"]
    assert rend.dirty_fragments({"b"}) == ["inner"]
    assert rend.dirty_fragments({"nobody"}) == []


def test_flush_re_renders_only_fragments_that_read_a_dirty_key():
    page = Page(tree(), make_state(a=1, b=2, c=3))
    before = page.renderer.render_count
    page.state.c = 30
    batch = page.flush()
    assert batch.fragments == {"pc": '<p id="pc">c=30</p>'}
    assert batch.dirty == ["c"]
    assert page.renderer.render_count - before == 1


def test_flush_sends_outer_fragment_once_when_inner_also_dirty():
    page = Page(tree(), make_state(a=1, b=2, c=3))
    before = page.renderer.render_count
    page.state.a = 10
    page.state.b = 20
    batch = page.flush()
    assert set(batch.fragments) == {"outer", "pa"}
    assert batch.fragments["outer"] == '<div id="outer" title="10"><span id="inner">b=20</span></div>'
    assert page.renderer.render_count - before == 2
    # the inner fragment is still known after its parent re-rendered
    page.state.b = 21
    assert page.flush().fragments == {"inner": '<span id="inner">b=21</span>'}


def test_key_nobody_shows_renders_nothing():
    page = Page(tree(), make_state(a=1, b=2, c=3))
    before = page.renderer.render_count
    page.state.unrelated = 1
    batch = page.flush()
    assert batch.fragments == {} and batch.dirty == ["unrelated"]
    assert page.renderer.render_count == before


# -- v_if / v_else and v_for -----------------------------------------------------------------

def test_v_if_chain_makes_the_parent_the_fragment():
    with html.Div(id="cond") as root:
        html.Span("first", v_if="n == 1")
        html.Span("second", v_else_if="n == 2")
        html.Span("other", v_else=True)
    page = Page(html.Div(root), make_state(n=1))
    assert '<div id="cond"><span>first</span></div>' in page.body
    page.state.n = 2
    assert page.flush().fragments == {"cond": '<div id="cond"><span>second</span></div>'}
    page.state.n = 9
    assert page.flush().fragments == {"cond": '<div id="cond"><span>other</span></div>'}


def test_v_show_hides_without_removing():
    state = make_state(visible=False)
    out = Renderer(state, html.Div("x", id="d", v_show="visible")).render_page_body()
    assert out == '<div id="d" style="display: none">x</div>'


def test_v_for_makes_the_parent_the_fragment():
    with html.Ul(id="list") as ul:
        html.Li("{{ i }}:{{ item }}", v_for="item, i in items")
    page = Page(html.Div(ul), make_state(items=["a", "b"]))
    assert '<ul id="list"><li>0:a</li><li>1:b</li></ul>' in page.body
    assert set(page.renderer.fragments) == {"list"}
    page.state.items = ["a", "b", "c"]
    assert page.flush().fragments == {"list": '<ul id="list"><li>0:a</li><li>1:b</li><li>2:c</li></ul>'}


def test_loop_instances_carry_their_locals_so_row_3_sees_i_3():
    seen = []

    def pick(i, item):
        seen.append((i, item))

    with html.Ul(id="list") as ul:
        html.Li("{{ item }}", v_for="item, i in items", click=(pick, "[i, item]"))
    state = make_state(items=["a", "b", "c", "d"])
    rend = Renderer(state, html.Div(ul))
    body = rend.render_page_body()
    iids = re.findall(r'data-ht="([^"]+)"', body)
    assert len(iids) == 4 and len(set(iids)) == 4
    assert rend.instances[iids[3]].locals == {"item": "d", "i": 3}
    dispatch(rend, Controller(), iids[3], "click")
    dispatch(rend, Controller(), iids[0], "click")
    assert seen == [(3, "d"), (0, "a")]


def test_expression_handler_in_a_loop_sees_its_row():
    with html.Ul(id="list") as ul:
        html.Li("{{ item }}", v_for="item, i in items", click="picked = i; label = item")
    state = make_state(items=["a", "b", "c", "d"], picked=None, label="")
    rend = Renderer(state, html.Div(ul))
    iids = re.findall(r'data-ht="([^"]+)"', rend.render_page_body())
    dispatch(rend, Controller(), iids[3], "click")
    assert (state.picked, state.label) == (3, "d")


def test_model_write_through_loop_variable_dirties_the_list():
    with html.Div(id="todo") as root:
        html.Input(type="checkbox", v_for="t in todos", v_model="t.done")
    page = Page(root, make_state(todos=[{"done": False}, {"done": False}]))
    iids = re.findall(r'data-ht="([^"]+)"', page.body)
    dispatch(page.renderer, page.ctrl, iids[1], "change", True)
    assert page.state.todos == [{"done": False}, {"done": True}]
    batch = page.session.take(0)
    assert batch.dirty == ["todos"]
    assert batch.fragments["todo"].count("checked") == 1


def test_expression_error_marks_the_element_and_the_page_still_renders(caplog):
    root = html.Div([html.P("x", id="bad", title=("missing.deep.path",)), html.P("fine", id="ok")])
    out = Renderer(make_state(), root).render_page_body()
    assert 'data-ht-error="' in out and '<p id="ok">fine</p>' in out
    assert "missing" in caplog.text


@pytest.mark.parametrize("value, shown", [(None, ""), (1.5, "1.5"), (True, "true"), ([1, 2], "[\n  1,\n  2\n]")])
def test_text_shows_values_as_vue_would(value, shown):
    state = make_state(v=value)
    out = Renderer(state, html.Pre("{{ v }}", id="p")).render_page_body()
    assert out == f'<pre id="p">{shown}</pre>'

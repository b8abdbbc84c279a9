"""Text-only fragments re-render from their precompiled pieces (htmxtrame/render_leaf.py).

Whatever path a fragment takes, the page must get the same HTML, follow the
keys it reads now, and see an expression error or the render budget the
same way.
"""

from __future__ import annotations

from htmxtrame.render import Renderer
from htmxtrame.render_leaf import leaf_of
from htmxtrame.render_limits import RenderLimits
from htmxtrame.state import State
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def _page(build, limits: RenderLimits | None = None, **values):
    state = State(ready=True)
    state.update(values)
    with DivLayout(None) as layout:
        build()
    rend = Renderer(state, layout.root, limits=limits)
    body = rend.render_page_body()
    return state, rend, body


def test_only_elements_whose_texts_alone_depend_on_state_are_leaves():
    made = {}
    with DivLayout(None):
        made["text"] = html.Span("n = {{ n }} & more", id="t", classes="big")
        made["bound"] = html.Span("{{ n }}", title=("n",))
        with html.Div("{{ n }}") as made["child"]:
            html.B("x")
        made["model"] = html.Input(v_model=("n",))
        made["click"] = html.Button("{{ n }}", click="n += 1")
    leaves = {name: leaf_of(el, "f") for name, el in made.items()}
    assert [name for name, leaf in leaves.items() if leaf is not None] == ["text"]
    assert leaves["text"].head == '<span id="f" class="big">'


def test_a_leaf_renders_as_the_general_path_does_and_follows_the_keys_it_reads():
    state, rend, body = _page(lambda: html.Span("{{ flag ? a : b }} <{{ a }}>", id="t"), flag=True, a="<x>", b="y")
    assert '<span id="t">&lt;x&gt; &lt;&lt;x&gt;&gt;</span>' in body
    assert rend.fragments["t"].keys == {"flag", "a"}
    for flag, shown in ((False, "y &lt;&lt;x&gt;&gt;"), (True, "&lt;x&gt; &lt;&lt;x&gt;&gt;")):
        state.flag = flag
        state.flush()
        assert rend.render_fragment("t") == f'<span id="t">{shown}</span>'
        assert rend.fragments["t"].leaf is not None  # the second render took the leaf path
    state.flag = False
    state.flush()
    rend.render_fragment("t")
    assert rend.fragments["t"].keys == {"flag", "a", "b"}
    assert rend.dirty_fragments({"b"}) == ["t"]  # a key it reads only now reaches it
    state.flag = True
    state.flush()
    rend.render_fragment("t")
    assert rend.dirty_fragments({"b"}) == []  # and one it no longer reads does not


def test_an_expression_error_in_a_leaf_is_marked_as_on_the_general_path():
    state, rend, _ = _page(lambda: html.Span("{{ item.name }}", id="t"), item={"name": "ok"})
    rend.render_fragment("t")
    state.item = None
    state.flush()
    html_ = rend.render_fragment("t")
    assert html_.startswith('<span id="t"><mark class="ht-error"') and "(reading" in html_
    state.item = {"name": "back"}
    state.flush()
    assert rend.render_fragment("t") == '<span id="t">back</span>'


def test_a_leaf_over_the_render_budget_shows_the_budget_marker():
    limits = RenderLimits(max_chars=5_000)
    state, rend, _ = _page(lambda: html.Span("{{ text }}", id="t"), limits=limits, text="short")
    rend.render_fragment("t")
    state.text = "x" * 10_000
    state.flush()
    html_ = rend.render_fragment("t")
    assert "data-ht-error" in html_ and "x" * 100 not in html_

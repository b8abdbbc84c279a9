"""Elements and HTML widgets: trame's keyword-argument rules, as rendered."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from htmxtrame.controller import Controller
from htmxtrame.elements import AbstractElement
from htmxtrame.expr import ExpressionError
from htmxtrame.render import Renderer
from htmxtrame.server import Server
from htmxtrame.state import State
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def render(el: AbstractElement, state: State | None = None) -> str:
    """The element rendered against *state* (an empty one by default)."""
    return Renderer(state if state is not None else State(ready=True), el).render_page_body()


def tag(html_text: str, name: str) -> str:
    """The first opening tag called *name* in *html_text*."""
    m = re.search(rf"<{name}\b[^>]*>", html_text)
    assert m, f"no <{name}> in {html_text}"
    return m.group(0)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, name: str, attrs: list) -> None:
        self.found.append((name, dict(attrs)))


def attrs_by_id(html_text: str) -> dict[str, dict]:
    """Each element's attributes (bare ones map to None), keyed by id."""
    parser = _Tags()
    parser.feed(html_text)
    return {a["id"]: a for _, a in parser.found if "id" in a}


@pytest.fixture
def server() -> Server:
    return Server("test-elements")


# -- literal attributes ---------------------------------------------------------

def test_classes_becomes_class():
    assert render(html.Div(classes="pa-2 ma-1")) == '<div class="pa-2 ma-1"></div>'


def test_style_as_string_and_as_dict():
    assert 'style="color: red"' in render(html.Div(style="color: red"))
    out = render(html.Div(style={"color": "red", "fontSize": "12px"}))
    assert 'style="color: red; font-size: 12px"' in out


def test_true_is_a_bare_attribute_and_none_or_false_omitted():
    out = tag(render(html.Input(disabled=True, readonly=None, required=False)), "input")
    assert out == "<input disabled>"


def test_numbers_print_and_whole_floats_print_as_integers():
    out = tag(render(html.Input(type="range", min=0, max=15, step=0.5, size=2.0)), "input")
    assert out == '<input type="range" min="0" max="15" step="0.5" size="2">'


def test_underscores_become_dashes():
    out = render(html.Div(aria_label="close", data_row=3))
    assert 'aria-label="close"' in out and 'data-row="3"' in out


def test_literal_attribute_values_are_escaped():
    out = render(html.Div(title='"><script>alert(1)</script>'))
    assert "<script>" not in out
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in out


# -- text children -------------------------------------------------------------------

def test_literal_text_is_escaped():
    # the author's own <i> formats, as in trame's template text; the rest is escaped
    assert render(html.P("a < b & <i>c</i>")) == "<p>a &lt; b &amp; <i>c</i></p>"
    assert render(html.P("a < b & c > d")) == "<p>a &lt; b &amp; c &gt; d</p>"


def test_mustache_text_shows_state_and_escapes_it():
    state = State(ready=True)
    state.name = "<b>Ann</b>"
    out = render(html.P("Hello {{ name }}!", id="greet"), state)
    assert out == '<p id="greet">Hello &lt;b&gt;Ann&lt;/b&gt;!</p>'


def test_numbers_as_children():
    assert render(html.Span(42)) == "<span>42</span>"


def test_bad_child_is_refused():
    with pytest.raises(TypeError, match="cannot add dict"):
        html.Div({"a": 1})


# -- bindings and defaults -------------------------------------------------------------

def test_tuple_binds_attribute_and_seeds_default_inside_a_layout(server):
    with DivLayout(server) as layout:
        html.Input(type="range", v_model=("slider_value", 8))
        html.Button("x", disabled=("locked", True))
    assert server.state.slider_value == 8
    assert server.state.locked is True
    out = render(layout.root, server.state)
    assert 'value="8"' in out and re.search(r"<button [^>]*disabled", out)


def test_directive_tuple_seeds_default_inside_a_layout(server):
    # trame declares ("name", default) on every keyword, directives included
    with DivLayout(server) as layout:
        html.Div("shown", id="shown", v_show=("visible", True))
        html.P("yes", id="yes", v_if=("loaded", True))
        html.P(id="txt", v_text=("message", "hello"))
    assert (server.state.visible, server.state.loaded, server.state.message) == (True, True, "hello")
    out = render(layout.root, server.state)
    assert '<div id="shown">shown</div>' in out
    assert "<p>yes</p>" in out or '<p id="yes">yes</p>' in out
    assert '<p id="txt">hello</p>' in out


def test_default_does_not_overwrite_an_existing_value(server):
    server.state.slider_value = 3
    with DivLayout(server):
        html.Input(type="range", v_model=("slider_value", 8))
    assert server.state.slider_value == 3


def test_bound_expression_without_default(server):
    state = State(ready=True)
    state.count = 7
    out = render(html.Div(title=("'n=' + count",)), state)
    assert 'title="n=7"' in out


def test_bound_false_removes_the_attribute():
    state = State(ready=True)
    state.off = False
    assert "disabled" not in render(html.Button(disabled=("off",)), state)


# -- v_model -------------------------------------------------------------------------------

def _model_page(server: Server):
    with DivLayout(server) as layout:
        html.Input(id="t", type="text", v_model=("text", "hi"))
        html.Textarea(id="ta", v_model=("long", "a<b"))
        html.Input(id="r", type="range", v_model=("level", 3))
        html.Input(id="n", type="number", v_model=("amount", 2.5))
        html.Input(id="c", type="checkbox", v_model=("flag", True))
        html.Input(id="rb", type="radio", value="b", v_model=("pick", "b"))
        html.Input(id="rc", type="radio", value="c", v_model=("pick", "b"))
        with html.Select(id="s", v_model=("sel", "2")):
            html.Option("one", value="1")
            html.Option("two", value="2")
    return layout


def test_v_model_renders_the_state_value_per_input_kind(server):
    out = render(_model_page(server).root, server.state)
    a = attrs_by_id(out)
    assert a["t"]["value"] == "hi"
    assert re.search(r'<textarea id="ta"[^>]*>a&lt;b</textarea>', out)
    assert a["r"]["value"] == "3"
    assert a["n"]["value"] == "2.5"
    assert "checked" in a["c"] and "value" not in a["c"]
    assert "checked" in a["rb"] and "checked" not in a["rc"]
    assert '<option value="2" selected>two</option>' in out
    assert '<option value="1">one</option>' in out


def test_v_model_names_the_event_that_carries_input(server):
    a = attrs_by_id(render(_model_page(server).root, server.state))
    events = {i: attrs["data-ht-model"] for i, attrs in a.items()}
    assert events == {
        "t": "input", "ta": "input", "r": "input", "n": "input",
        "c": "change", "rb": "change", "rc": "change", "s": "change",
    }


def test_v_model_follows_state_changes(server):
    layout = _model_page(server)
    server.state.flag = False
    server.state.pick = "c"
    server.state.sel = "1"
    server.state.text = 'say "hi"'
    out = render(layout.root, server.state)
    a = attrs_by_id(out)
    assert "checked" not in a["c"]
    assert "checked" in a["rc"] and "checked" not in a["rb"]
    assert '<option value="1" selected>one</option>' in out
    assert a["t"]["value"] == 'say "hi"'
    assert 'value="say &quot;hi&quot;"' in out


def test_v_model_lazy_uses_change():
    out = render(html.Input(v_model_lazy=("q", "")))
    assert 'data-ht-model="change"' in out


def test_v_model_needs_an_assignable_target():
    with pytest.raises(ExpressionError, match="cannot be written to"):
        html.Input(v_model="a + 1")


def test_v_model_unknown_modifier():
    with pytest.raises(ValueError, match="unknown v-model modifier"):
        html.Input(v_model_lazy_fancy="x")


def test_named_v_model_binds_that_prop():
    # Vue 3's v-model:title (written "v_model:title" or v_model_title) shows
    # the state key as the prop and seeds its default.
    server = Server("named-model")
    with DivLayout(server) as layout:
        html.Div("a", id="a", **{"v_model:title": ("tip", "hello")})
        html.Div("b", id="b", v_model_title=("other",))
    server.state.other = "there"
    out = render(layout.root, server.state)
    a = attrs_by_id(out)
    assert a["a"]["title"] == "hello" and a["b"]["title"] == "there"
    assert server.state.tip == "hello"


def test_named_v_model_on_a_table_keeps_its_rows():
    from htmxtrame.widgets import vuetify3

    server = Server("named-model-table")
    with DivLayout(server) as layout:
        vuetify3.VDataTable(
            headers=[{"title": "Name", "key": "name"}], items=[{"name": "ada"}],
            **{"v_model:selected": ("picked", [])},
        )
        vuetify3.VTextField(**{"v_model:focused": ("focus", False)})
    out = render(layout.root, server.state)
    assert "ada" in out


# -- events ------------------------------------------------------------------------------------

def test_event_bound_to_callable():
    def go():
        return None

    btn = html.Button("Go", click=go)
    handler = btn._events["click"]
    assert handler.fn is go and handler.code is None
    out = render(btn)
    assert 'data-ht-on="click"' in out and "data-ht=" in out


def test_event_bound_to_controller_proxy_resolves_late():
    ctrl = Controller()
    btn = html.Button("Go", click=ctrl.later)
    ctrl.later = lambda: "bound after the button"
    assert btn._events["click"].fn() == "bound after the button"


def test_event_bound_to_function_with_args():
    def pick(i, name):
        return (i, name)

    btn = html.Button(click=(pick, "[3, 'x']"))
    handler = btn._events["click"]
    assert handler.fn is pick and handler.args is not None


def test_event_bound_to_expression():
    btn = html.Button(click="count += 1")
    assert btn._events["click"].code is not None


def test_event_tuple_needs_a_callable():
    with pytest.raises(TypeError, match="needs a callable first"):
        html.Button(click=("not callable", "[1]"))


def test_several_events_listed():
    out = render(html.Input(change=lambda: None, keyup="n = 1"))
    assert 'data-ht-on="change keyup"' in out


def test_syntax_error_in_expression_raises_at_construction():
    with pytest.raises(ExpressionError):
        html.Button(click="count += ")
    with pytest.raises(ExpressionError):
        html.Div(v_if="a &&")
    with pytest.raises(ExpressionError):
        html.Div("{{ 1 + }}")
    with pytest.raises(ExpressionError):
        html.Div(title=("a..b",))


def test_expression_must_be_a_string():
    with pytest.raises(TypeError, match="expression string"):
        html.Div(v_if=3)


# -- tree building ---------------------------------------------------------------------------------

def test_with_nesting_builds_the_tree():
    with html.Div(id="outer") as outer:
        with html.Ul():
            html.Li("a")
            html.Li("b")
        html.P("after")
    assert render(outer) == '<div id="outer"><ul><li>a</li><li>b</li></ul><p>after</p></div>'


def test_add_child_clear_set_text():
    div = html.Div()
    div.add_child(html.Span("x"))
    div.add_child("tail")
    assert render(div) == "<div><span>x</span>tail</div>"
    div.clear()
    assert render(div) == "<div></div>"
    div.set_text("now {{ n }}")
    state = State(ready=True)
    state.n = 5
    assert render(div, state).endswith(">now 5</div>")


def test_moving_a_child_detaches_it_from_its_old_parent():
    a, b = html.Div(id="a"), html.Div(id="b")
    child = html.Span("c")
    a.add_child(child)
    b.add_child(child)
    assert render(a) == '<div id="a"></div>'
    assert render(b) == '<div id="b"><span>c</span></div>'


def test_hide_keeps_element_with_display_none():
    out = render(html.Div("x", style="color: red").hide())
    assert out == '<div style="color: red; display: none">x</div>'


def test_void_elements_have_no_closing_tag():
    assert render(html.Br()) == "<br>"
    assert render(html.Input(type="text")) == '<input type="text">'


# -- attributes changed after construction ------------------------------------------------------------

def test_event_set_after_construction():
    btn = html.Button("b")
    assert "data-ht-on" not in render(btn)
    fn = lambda: None  # noqa: E731
    btn.click = fn
    assert btn._events["click"].fn is fn
    assert 'data-ht-on="click"' in render(btn)
    assert btn.click is fn, "attributes read back after being set"


def test_attribute_set_after_construction_and_none_removes():
    btn = html.Button("b", click=lambda: None)
    btn.disabled = True
    assert tag(render(btn), "button").startswith("<button disabled")
    btn.disabled = None
    assert "disabled" not in render(btn)
    btn.click = None
    assert "data-ht-on" not in render(btn)


def test_binding_replaced_by_literal_after_construction():
    el = html.Div(title=("dyn",))
    el.title = "fixed"
    state = State(ready=True)
    state.dyn = "from state"
    assert render(el, state) == '<div title="fixed"></div>'


def test_reading_an_unset_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'color'"):
        html.Div().color


def test_every_html5_element_exists():
    for name in ["Div", "Span", "A", "Input", "Textarea", "Select", "Option", "Table", "Tr", "Td",
                 "Main", "Header", "Footer", "Nav", "Section", "Article", "Canvas", "Video", "Dialog"]:
        cls = getattr(html, name)
        assert render(cls()).startswith(f"<{name.lower()}")


# -- inline markup in text children --------------------------------------------------------------

def test_authors_inline_formatting_in_a_text_child_shows_as_elements():
    # trame treats a string child as template text: its <strong>/<br> format.
    state = State(ready=True)
    state.level = "<i>deep</i>"
    out = render(html.P("Level: <strong class='lv'>{{ level }}</strong><br>end"), state)
    assert "<strong class=\"lv\"" in out and "<br>end" in out
    assert "&lt;i&gt;deep&lt;/i&gt;" in out  # the interpolated value is still escaped


def test_markup_with_anything_but_formatting_stays_escaped_text():
    for text in ('<b onclick="go()">x</b>', "<script>x()</script>", '<a href="/x">x</a>', "<b>unclosed"):
        out = render(html.P(text))
        assert "&lt;" in out and "<b " not in out and "<script" not in out and "<a " not in out
    assert "1 &lt; 2 &gt; 0" in render(html.P("1 < 2 > 0"))

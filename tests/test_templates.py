"""Template features wired into rendering and events (issue 3): what a trame
template says, the server renders and the page's events write back."""

from __future__ import annotations

import logging
import re

import pytest

from htmxtrame.controller import Controller
from htmxtrame.elements import seed_tree
from htmxtrame.events import InputError, dispatch, functions_for
from htmxtrame.expr import ExpressionError
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.widgets import html


class View:
    """One layout root rendered against a state, events dispatched to it."""

    def __init__(self, build, **values) -> None:
        self.state = State(ready=True)
        self.state.update(values)
        self.state.flush()
        self.ctrl = Controller()
        with html.Div(id="root") as root:
            build(self.ctrl)
        seed_tree(root, self.state)
        self.state.flush()
        self.renderer = Renderer(self.state, root, functions_for(self.state, self.ctrl))
        self.html = self.renderer.render_page_body()

    def fire(self, css_class: str, event: str, value=None, payload=None, row: int | None = None) -> None:
        """Dispatch *event* on the element carrying *css_class* (in loop row *row*)."""
        ids = [iid for iid, inst in self.renderer.instances.items()
               if css_class in str(inst.element.attributes.get("class", "")).split()]
        if row is not None:
            ids = [i for i in ids if i.endswith(f".{row}")]
        assert len(ids) == 1, f"expected one .{css_class} instance, got {ids}"
        dispatch(self.renderer, self.ctrl, ids[0], event, value, payload)

    def rerender(self) -> str:
        self.html = self.renderer.render_page_body()
        return self.html


def text(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text)


def test_interpolation_anywhere_and_js_printing():
    v = View(lambda c: html.P("a{{ n * 2 }}b {{ 0.1 + 0.2 }} {{ 1.0 }} {{ missing }}|{{ obj }}"),
             n=3, obj={"a": 1})
    assert 'a6b 0.30000000000000004 1 |{\n  &quot;a&quot;: 1\n}' in v.html


def test_bound_attributes_tuple_colon_and_v_bind():
    def build(c):
        html.Input(classes="in", disabled=("count > 5",), placeholder=("`Hello ${name}`",))
        html.A("x", **{":href": "url"}, v_bind_title="'t' + count")
    v = View(build, count=6, name="Ada", url="/docs")
    assert re.search(r'<input class="in"[^>]* disabled placeholder="Hello Ada"', v.html)
    assert re.search(r'<a [^>]*href="/docs" title="t6"', v.html)
    v.state.count = 1
    v.state.flush()
    assert "disabled" not in v.rerender()


def test_v_if_else_if_else_chain():
    def build(c):
        html.Span("neg", v_if="n < 0")
        html.Span("zero", v_else_if="n === 0")
        html.Span("pos", v_else=True)
    for n, shown in ((-1, "neg"), (0, "zero"), (5, "pos")):
        v = View(build, n=n)
        assert text(v.html) == shown


def test_v_show_keeps_element_hidden():
    v = View(lambda c: html.Div("x", v_show="visible", style="color: red"), visible=False)
    assert 'style="color: red; display: none"' in v.html


@pytest.mark.parametrize(
    "source, value, expected",
    [
        ("(item, i) in items", ["a", "b"], "0:a 1:b "),
        ("item, i in items", ["a", "b"], "0:a 1:b "),
        ("(item, i) in items", {"x": 1, "y": 2}, "x:1 y:2 "),  # (value, key), as in Vue
        ("(item, i) in 3", None, "0:1 1:2 2:3 "),
    ],
)
def test_v_for_over_arrays_objects_ranges(source, value, expected):
    v = View(lambda c: html.Span("{{ i }}:{{ item }} ", v_for=source, key="i"), items=value)
    assert text(v.html) == expected


def test_v_for_object_with_key_and_index():
    v = View(lambda c: html.Span("{{ k }}={{ val }}@{{ n }};", v_for="(val, k, n) in obj"), obj={"a": 1, "b": 2})
    assert text(v.html) == "a=1@0;b=2@1;"


def test_v_text_escapes_and_v_html_does_not():
    v = View(lambda c: [html.P(v_text="s"), html.Div(v_html="s")], s="<b>hi</b>")
    assert re.search(r"<p [^>]*>&lt;b&gt;hi&lt;/b&gt;</p>", v.html)
    assert re.search(r"<div [^>]*><b>hi</b></div>", v.html)


def test_class_and_style_object_and_array_syntax():
    def build(c):
        html.Div(classes="base", v_bind_class=("[{ on: active }, extra]",), v_bind_style=("{ fontSize: size + 'px' }",))
    v = View(build, active=True, extra="big", size=12)
    assert 'class="base on big"' in v.html
    assert 'style="font-size: 12px"' in v.html


def test_v_model_on_member_path_inside_v_for_writes_right_element():
    def build(c):
        html.Input(type="checkbox", classes="tick", v_model=("items[i].done",), v_for="(item, i) in items")
    v = View(build, items=[{"done": False}, {"done": False}, {"done": False}])
    seen = []
    v.state.change("items")(lambda items, **_: seen.append([i["done"] for i in items]))
    v.fire("tick", "change", True, row=1)
    assert v.state.items == [{"done": False}, {"done": True}, {"done": False}]
    assert seen == [[False, True, False]]  # the in-place write still fires the listener


def test_write_through_loop_variable_dirties_the_source_key():
    v = View(lambda c: html.Button("t", classes="t", v_for="item in items", click="item.done = !item.done"),
             items=[{"done": False}])
    v.fire("t", "click", row=0)
    assert v.state.items[0]["done"] is True
    assert v.rerender()  # still renders


def test_event_in_row_three_sees_its_index_and_event_payload():
    got = []

    def build(c):
        c.pick = lambda i, value: got.append((i, value))
        html.Button("x", classes="b", v_for="(item, i) in items", click=(c.pick, "[i, $event.type]"))
    v = View(build, items=list("abcde"))
    v.fire("b", "click", payload={"type": "click"}, row=3)
    assert got == [(3, "click")]


def test_event_expression_assigns_and_fires_listener():
    v = View(lambda c: html.Button("+", classes="inc", click="count += 1; last = $event.key"), count=1)
    fired = []
    v.state.change("count")(lambda count, **_: fired.append(count))
    v.fire("inc", "click", payload={"key": "Enter"})
    assert (v.state.count, v.state.last, fired) == (2, "Enter", [2])


def test_trigger_get_set_from_expressions():
    calls = []

    def build(c):
        c.trigger("save")(lambda *a, **k: calls.append((a, k)) or "ok")
        html.Button("s", classes="s", click="trigger('save', [get('n'), 2], { flag: true }); set('done', true)")
    v = View(build, n=7)
    v.fire("s", "click")
    assert calls == [((7, 2), {"flag": True})]
    assert v.state.done is True


def test_only_fragments_reading_a_dirty_key_rerender():
    def build(c):
        html.Span("{{ a }}", id="fa")
        html.Span("{{ b }}", id="fb")
        html.Span("static")
    v = View(build, a=1, b=2)
    assert sorted(v.renderer.dirty_fragments(["a"])) == ["fa"]
    before = v.renderer.render_count
    for fid in v.renderer.dirty_fragments(["a"]):
        v.renderer.render_fragment(fid)
    assert v.renderer.render_count - before == 1
    assert v.renderer.dirty_fragments(["unrelated"]) == []


def test_syntax_error_raises_at_build_time_naming_expression_and_position():
    with pytest.raises(ExpressionError) as err:
        html.Div(v_if="count * )")
    assert "count * )" in str(err.value) and "position" in str(err.value)


def test_runtime_error_marks_fragment_logs_and_rest_renders(caplog):
    caplog.set_level(logging.ERROR)
    v = View(lambda c: [html.P("{{ user.name }}", id="bad"), html.P("{{ ok }}", id="good")], ok="fine", user=None)
    assert 'class="ht-error"' in v.html and "fine" in v.html
    assert any("user.name" in r.getMessage() or "name" in r.getMessage() for r in caplog.records)


def test_wrong_type_for_bound_input_is_refused_and_state_kept():
    v = View(lambda c: html.Input(type="range", classes="r", v_model=("level", 3)))
    with pytest.raises(InputError):
        v.fire("r", "input", "not a number")
    assert v.state.level == 3


def _row_ids(v: View, css_class: str) -> list[str]:
    return [iid for iid, inst in v.renderer.instances.items()
            if css_class in str(inst.element.attributes.get("class", "")).split()]


def test_v_for_key_keeps_a_late_event_on_the_item_it_was_clicked_on():
    """Another page deletes the first item; this page, not yet updated, clicks
    the second item's button: with key="item.id" the click reaches that item."""
    picked = []

    def build(c):
        c.pick = picked.append
        html.Button("x", classes="pick", v_for="(item, i) in items", key="item.id", click=(c.pick, "[item.text]"))
    v = View(build, items=[{"id": 1, "text": "a"}, {"id": 2, "text": "b"}, {"id": 3, "text": "c"}])
    first, second, _ = _row_ids(v, "pick")
    v.state.items = v.state.items[1:]
    v.state.flush()
    v.rerender()
    dispatch(v.renderer, v.ctrl, second, "click", None, None)
    assert picked == ["b"]
    with pytest.raises(InputError, match="no element"):
        dispatch(v.renderer, v.ctrl, first, "click", None, None)  # the deleted row is gone, not its neighbour
    assert picked == ["b"]


def test_v_for_without_usable_keys_falls_back_to_positions(caplog):
    caplog.set_level(logging.WARNING)

    def build(c):
        html.Button("x", classes="dup", v_for="item in items", key="item.k", click="n = item.v")
    v = View(build, items=[{"k": 1, "v": "a"}, {"k": 1, "v": "b"}, {"v": "c"}], n=None)
    assert len(set(_row_ids(v, "dup"))) == 3
    assert "duplicate key" in caplog.text and "not a string or number" in caplog.text
    for iid, expected in zip(_row_ids(v, "dup"), "abc"):
        dispatch(v.renderer, v.ctrl, iid, "click", None, None)
        assert v.state.n == expected


def test_key_is_an_expression_checked_when_the_element_is_built():
    with pytest.raises(ExpressionError, match="position"):
        html.Li(v_for="item in items", key="item.id +")
    with pytest.raises(TypeError, match="key takes a JavaScript expression"):
        html.Li(v_for="item in items", key=3)

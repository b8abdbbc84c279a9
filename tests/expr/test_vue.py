"""Vue helpers: {{ }} templates, v-for, :class and :style normalisation."""

from __future__ import annotations

import pytest

from htmxtrame.expr import (
    UNDEFINED, Context, ExpressionError, compile_template, normalize_class, normalize_style, parse_v_for,
)


def ctx(**state) -> Context:
    return Context(state.__getitem__)


# --- templates -------------------------------------------------------------------

def test_template_parts_and_render() -> None:
    t = compile_template("Count: {{ count }}, double: {{count * 2}}!")
    assert [p if isinstance(p, str) else p.source for p in t.parts] == ["Count: ", "count", ", double: ", "count * 2", "!"]
    assert t.names == {"count"}
    assert not t.is_static
    assert t.render(ctx(count=4)) == "Count: 4, double: 8!"


def test_static_template() -> None:
    t = compile_template("just text")
    assert t.is_static and t.parts == ["just text"] and t.names == frozenset()
    assert t.render(ctx()) == "just text"
    assert compile_template("").parts == []


@pytest.mark.parametrize("text, rendered", [
    ("{{ missing }}|{{ nil }}", "|"),
    ("{{ [1, 2] }}", "[\n  1,\n  2\n]"),
    ("{{ {a: 1} }}", '{\n  "a": 1\n}'),
    ("{{ 0.1 + 0.2 }}", "0.30000000000000004"),
    ("{{ true }} {{ 1e21 }} {{ 1 / 0 }}", "true 1e+21 Infinity"),
    ("a {{ 'b' }} c {{ `d${1}` }}", "a b c d1"),
    ("unclosed {{ x", "unclosed {{ x"),
])
def test_template_display(text: str, rendered: str) -> None:
    assert compile_template(text).render(ctx(nil=None)) == rendered


def test_template_error_names_interpolation() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_template("Hello {{ name + }}")
    text = str(info.value)
    assert "{{ name + }}" in text
    assert 'in expression "name +"' in text


def test_template_runtime_error() -> None:
    with pytest.raises(ExpressionError, match="reading 'x'"):
        compile_template("{{ nil.x }}").render(ctx(nil=None))


def test_empty_interpolation_is_an_error() -> None:
    with pytest.raises(ExpressionError, match="Empty expression"):
        compile_template("a {{ }} b")


# --- v-for ---------------------------------------------------------------------------

@pytest.mark.parametrize("source, names, iterable", [
    ("item in items", ("item",), "items"),
    ("item, i in items", ("item", "i"), "items"),
    ("(item, i) in items", ("item", "i"), "items"),
    ("(value, key, index) in obj", ("value", "key", "index"), "obj"),
    ("n in 10", ("n",), "10"),
    ("x of items.filter(i => i.done)", ("x",), "items.filter(i => i.done)"),
    ("  ( a ,b )   in   list  ", ("a", "b"), "list"),
])
def test_parse_v_for(source: str, names: tuple, iterable: str) -> None:
    vf = parse_v_for(source)
    assert vf.names == names
    assert vf.iterable.source == iterable


@pytest.mark.parametrize("source", ["items", "in items", "(a, b, c, d) in x", "1 in x", "a.b in x",
                                    "(a, a) in x", "x in ", "x in (", "{a, b} in items"])
def test_parse_v_for_errors(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse_v_for(source)


def test_iterate_array() -> None:
    assert parse_v_for("(x, i) in xs").iterate(ctx(xs=["a", "b"])) == [("a", 0), ("b", 1)]
    assert parse_v_for("x in xs").iterate(ctx(xs=["a"])) == [("a",)]
    assert parse_v_for("(x, i, k) in xs").iterate(ctx(xs=["a"])) == [("a", 0, UNDEFINED)]


def test_iterate_object_in_js_key_order() -> None:
    rows = parse_v_for("(v, k, i) in o").iterate(ctx(o={"b": 1, "10": 2, "2": 3}))
    assert rows == [(3, "2", 0), (2, "10", 1), (1, "b", 2)]


def test_iterate_range_string_and_nullish() -> None:
    assert parse_v_for("(n, i) in 3").iterate(ctx()) == [(1, 0), (2, 1), (3, 2)]
    assert parse_v_for("c in 'ab'").iterate(ctx()) == [("a",), ("b",)]
    assert parse_v_for("x in missing").iterate(ctx()) == []
    assert parse_v_for("x in nil").iterate(ctx(nil=None)) == []
    assert parse_v_for("x in true").iterate(ctx()) == []
    assert parse_v_for("n in 0").iterate(ctx()) == []


@pytest.mark.parametrize("source", ["n in 2.5", "n in -1", "n in 1e9"])
def test_iterate_bad_range(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse_v_for(source).iterate(ctx())


def test_v_for_with_child_context() -> None:
    vf = parse_v_for("(item, i) in items")
    c = ctx(items=[{"t": "a"}, {"t": "b"}], prefix="#")
    out = []
    for row in vf.iterate(c):
        child = c.child(**dict(zip(vf.names, row)))
        out.append(compile_template("{{ prefix }}{{ i }} {{ item.t }}").render(child))
    assert out == ["#0 a", "#1 b"]


# --- class and style -------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("a b", "a b"), ("  a  ", "a"), (["a", "", None, ["b", {"c": 1, "d": 0}]], "a b c"),
    ({"active": True, "disabled": False, "x-y": "yes", "z": []}, "active x-y z"),
    (None, ""), (UNDEFINED, ""), (5, ""), ([], ""), ({}, ""),
])
def test_normalize_class(value, expected: str) -> None:
    assert normalize_class(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("color: red", "color: red"),
    ({"color": "red", "fontSize": "12px"}, "color: red; font-size: 12px"),
    ({"opacity": 0.5, "zIndex": 3, "width": None, "height": UNDEFINED, "flag": True}, "opacity: 0.5; z-index: 3"),
    ([{"color": "red"}, "margin: 0; color: blue", None], "color: blue; margin: 0"),
    ({"--main-color": "#fff", "WebkitTransition": "none"}, "--main-color: #fff; webkit-transition: none"),
    ("background: url(a;b.png)", "background: url(a;b.png)"),
    (["background: url(a;b.png); color: red"], "background: url(a;b.png); color: red"),
    (None, ""), ([], ""), (5, ""),
])
def test_normalize_style(value, expected: str) -> None:
    assert normalize_style(value) == expected

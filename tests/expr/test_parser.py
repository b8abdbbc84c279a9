"""Parsing: accepted syntax, error messages with position, static names, limits."""

from __future__ import annotations

import pytest

from htmxtrame.expr import ExpressionError, compile_expr, compile_statement
from htmxtrame.expr.parser import MAX_DEPTH, MAX_SOURCE_LENGTH, parse


def error_of(fn, source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        fn(source)
    return info.value


def test_error_names_expression_and_position() -> None:
    e = error_of(compile_expr, "count * )")
    assert e.position == 8
    assert e.source == "count * )"
    text = str(e)
    assert "Unexpected token ')'" in text
    assert "at position 8" in text
    assert 'in expression "count * )"' in text
    assert text.splitlines()[-1] == " " * 4 + " " * 8 + "^"


@pytest.mark.parametrize("source, message, position", [
    ("", "Empty expression", 0),
    ("1 +", "Unexpected end of expression", 3),
    ("(1 + 2", "expected ')'", 6),
    ("'abc", "Unterminated string literal", 0),
    ("`abc", "Unterminated template literal", 0),
    ("`${a`", "Unterminated", None),
    ("a # b", "Unexpected character '#'", 2),
    ("1abc", "Invalid number literal", 0),
    ("012", "Legacy octal", 0),
    ("new File([b], 'x.png')", "'new File' is not supported", 0),
    ("this.x", "'this'", 0),
    ("function() {}", "function declarations", 0),
    ("a = 1", "only allowed in event handlers", 2),
    ("a++", "only allowed in event handlers", 1),
    ("a ?? b || c", "Cannot mix ??", 7),
    ("-2 ** 2", "needs parentheses", 3),
    ("x => { return x }", "block bodies are not supported", 5),
    ("a // comment", "Comments are not supported", 2),
    ("/ab+c/.test(s)", "Unexpected token '/'", 0),
    ("a`x`", "Tagged template", 1),
    ("'\\x4'", "Invalid \\x escape", 1),
    ("({__proto__: 1})", "'__proto__' keys are not supported", 2),
    ("a.constructor", "'constructor' is not allowed", 1),
    ("(a, a) => a", "Duplicate parameter", 0),
    ("a instanceof B", "'instanceof'", 2),
])
def test_syntax_errors(source: str, message: str, position: int | None) -> None:
    e = error_of(compile_expr, source)
    assert message in str(e)
    if position is not None:
        assert e.position == position


@pytest.mark.parametrize("source, message", [
    ("1 = 2", "Invalid assignment target"),
    ("a?.b = 1", "Invalid assignment target"),
    ("f() = 1", "Invalid assignment target"),
    ("++1", "Invalid increment target"),
    ("a + b++ = 3", "Invalid assignment target"),
    ("a = 1 b = 2", "Unexpected token 'b'"),
])
def test_statement_errors(source: str, message: str) -> None:
    assert message in str(error_of(compile_statement, source))


@pytest.mark.parametrize("source", [
    "a = 1", "a.b.c = 1", "a[i] = 1", "a += 1; b -= 2", "a++", "--a.b", "a ||= 1", "a &&= 1", "a ??= 1",
    "a **= 2", "a = b = 3", ";;a = 1;", "", "a = 1, b = 2", "items.forEach(x => x.done = true)",
    "(a) = 1", "a[0][1].c = d ? 1 : 2",
])
def test_statements_accepted(source: str) -> None:
    compile_statement(source)


@pytest.mark.parametrize("source", [
    "0x1F + .5 + 1e3 + 1E-3 + 0b101 + 0o17", "'a\\'b' + \"c\\\"d\" + '\\u{1F600}' + '\\u0041'",
    "`a ${b} c ${`d ${e}`}`", "`${ {a: 1}.a }`", "[1, , 3, ...xs]", "({a, 'b-c': 1, [k]: 2, 3: 4, ...o, if: 1})",
    "a?.b?.[c]?.(d)", "f(...args, 1)", "(a, b) => a + b", "() => 1", "x => y => x + y", "x => ({a: x})",
    "a ? b : c ? d : e", "typeof a === 'string'", "void 0", "!a && !!b || c", "a ?? (b || c)", "(-2) ** 2",
    "2 ** -2", "a in b", "~a | b & c ^ d << 1 >> 2 >>> 3", "a.if.class.new", "$event.target.value",
    "a ?.5 : 1", "1..toString()", "x\n  .map(y => y)", "{a: 1, b: [2]}",
])
def test_expressions_accepted(source: str) -> None:
    compile_expr(source)


@pytest.mark.parametrize("source, names", [
    ("count * 2", {"count"}),
    ("items.filter(x => x.done && show).length", {"items", "show"}),
    ("Math.max(a, b) + JSON.stringify(c) + undefined + NaN", {"a", "b", "c"}),
    ("`${first} ${last}`", {"first", "last"}),
    ("(a, b) => a + b + c", {"c"}),
    ("obj.prop[key]", {"obj", "key"}),
    ("({a, b: c})", {"a", "c"}),
    ("trigger('x', $event)", {"trigger", "$event"}),
    ("x => x", set()),
])
def test_names_are_free_identifiers(source: str, names: set) -> None:
    assert compile_expr(source).names == frozenset(names)


def test_statement_names_include_assigned_targets() -> None:
    assert compile_statement("count += step; items[i].done = true").names == {"count", "step", "items", "i"}


def test_source_length_limit() -> None:
    e = error_of(compile_expr, "1+" * (MAX_SOURCE_LENGTH // 2) + "1")
    assert "too long" in e.message


@pytest.mark.parametrize("source", [
    "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
    "!" * (MAX_DEPTH + 5) + "1",
    "+".join(["1"] * (MAX_DEPTH + 5)),
    "a" + ".b" * (MAX_DEPTH + 5),
])
def test_depth_limit(source: str) -> None:
    assert "nested too deeply" in error_of(compile_expr, source).message


def test_reasonable_depth_is_fine() -> None:
    compile_expr("(" * 40 + "1" + ")" * 40)
    compile_expr("+".join(["1"] * 90))


def test_non_string_source() -> None:
    with pytest.raises(ExpressionError):
        parse(123)  # type: ignore[arg-type]

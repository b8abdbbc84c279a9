"""Evaluation of every language feature, with JS semantics."""

from __future__ import annotations

import math

import pytest

from htmxtrame.expr import UNDEFINED, Context, ExpressionError, compile_expr, compile_statement


def make_state() -> dict:
    return {
        "count": 3, "name": "World", "show": True, "items": [
            {"text": "a", "done": True}, {"text": "b", "done": False}],
        "nums": [3, 1, 2], "user": {"name": "Ann", "tags": ["x"]}, "nil": None, "f": 2.0,
    }


def ev(source: str, state: dict | None = None, **kwargs):
    state = make_state() if state is None else state
    return compile_expr(source).evaluate(Context(state.__getitem__, **kwargs))


@pytest.mark.parametrize("source, expected", [
    ("count * 2", 6), ("7 / 2", 3.5), ("4 / 2", 2), ("f * 3", 6), ("2 ** 10", 1024), ("10 % 3", 1),
    ("`Hello ${name}!`", "Hello World!"), ("items.filter(x => x.done).length", 1), ("show && items.length", 2),
    ("nums.map((n, i) => n * i)", [0, 1, 4]), ("user.tags[0]", "x"), ("user['name']", "Ann"),
    ("missing", UNDEFINED), ("missing ?? 'd'", "d"), ("nil?.x", UNDEFINED), ("nil?.x.y.z()", UNDEFINED),
    ("user?.name", "Ann"), ("items[5]?.text", UNDEFINED), ("user.missing?.()", UNDEFINED),
    ("count > 2 ? 'big' : 'small'", "big"), ("(1, 2, 3)", 3), ("[...nums, 4]", [3, 1, 2, 4]),
    ("({...user, age: 3}).age", 3), ("({a: 1, ['b' + 1]: 2})", {"a": 1, "b1": 2}), ("({count})", {"count": 3}),
    ("typeof count", "number"), ("typeof name", "string"), ("typeof nil", "object"), ("typeof missing", "undefined"),
    ("typeof (x => x)", "function"), ("typeof items", "object"), ("void 1", UNDEFINED), ("'text' in items[0]", True),
    ("1 + '1'", "11"), ("'3' * '4'", 12), ("[1] + [2]", "12"), ("true + true", 2), ("null + 1", 1),
    ("Math.round(-2.5)", -2), ("Math.round(2.5)", 3), ("Math.max(...nums)", 3), ("Math.min()", math.inf),
    ("JSON.stringify({a: [1, 2]})", '{"a":[1,2]}'), ("JSON.parse('[1, 2.5]')", [1, 2.5]),
    ("Object.keys({b: 1, a: 2, 1: 3})", ["1", "b", "a"]), ("Object.entries({a: 1})", [["a", 1]]),
    ("Array.isArray(nums)", True), ("Array.from({length: 3}, (_, i) => i)", [0, 1, 2]),
    ("Number('12')", 12), ("String(12)", "12"), ("Boolean('')", False), ("parseInt('08')", 8),
    ("parseFloat('1.5e3x')", 1500), ("isNaN('x')", True), ("Number.isInteger(5.0)", True),
    ("(1.005).toFixed(2)", "1.00"), ("(2.345).toFixed(2)", "2.35"), ("(-1.5).toFixed(0)", "-2"),
    ("(0.000001234).toPrecision(2)", "0.0000012"), ("(1234.5).toPrecision(2)", "1.2e+3"),
    ("(1234567.891).toLocaleString()", "1,234,567.891"), ("(1.0005).toLocaleString('en-US')", "1.001"),
    ("(-0).toLocaleString()", "-0"), ("(-1 / 0).toLocaleString()", "-\u221e"), ("(12).toLocaleString()", "12"),
    ("(255).toString(16)", "ff"), ("(0.1).toString(3)", "0.0022002200220022002200220022002201"),
    ("(-255.5).toString(2)", "-11111111.1"), ("(2 ** 60).toString(7)", "2031000661631341064200"),
    ("(8.314712220799815e+20).toFixed(2)", "831471222079981486080.00"), ("({}).toString()", "[object Object]"),
    ("({a: 1}).hasOwnProperty('a')", True), ("({toString: 1}).toString", 1), ("'abc'.toUpperCase()", "ABC"), ("'  x '.trim()", "x"),
    ("'a-b'.split('-')", ["a", "b"]), ("'aXbX'.replace('X', '_')", "a_bX"), ("'aXbX'.replaceAll('X', '_')", "a_b_"),
    ("'5'.padStart(3, '0')", "005"), ("'ab'.repeat(2)", "abab"), ("'hello'.slice(-3, -1)", "ll"),
    ("'hello'.at(-1)", "o"), ("'abc'.includes('b')", True), ("nums.includes(2)", True),
    ("nums.indexOf(9)", -1), ("nums.join('-')", "3-1-2"), ("nums.slice(1)", [1, 2]),
    ("nums.reduce((a, b) => a + b, 0)", 6), ("nums.some(n => n > 2)", True), ("nums.every(n => n > 2)", False),
    ("nums.find(n => n < 3)", 1), ("nums.findIndex(n => n === 2)", 2), ("[[1], [2, [3]]].flat(2)", [1, 2, 3]),
    ("nums.concat([4], 5)", [3, 1, 2, 4, 5]), ("[10, 9, 1].sort()", [1, 10, 9]),
    ("[10, 9, 1].sort((a, b) => a - b)", [1, 9, 10]), ("x => x", None),
    ("[1, 2].map(String)", ["1", "2"]), ("['1', '2', '3'].map(parseInt)", [1, math.nan, math.nan]),
    ("1 / 0", math.inf), ("-1 / 0", -math.inf), ("2 ** 53 + 1", 2.0 ** 53), ("0.1 + 0.2", 0.30000000000000004),
    ("5 & 3 | 8", 9), ("-1 >>> 0", 4294967295), ("1 << 32", 1), ("~~3.7", 3),
])
def test_evaluate(source: str, expected) -> None:
    result = ev(source)
    if source == "x => x":
        assert callable(result) and result(5) == 5
    elif isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(result)
    elif isinstance(expected, list) and any(isinstance(v, float) and math.isnan(v) for v in expected):
        assert result[0] == expected[0] and all(math.isnan(v) for v in result[1:])
    else:
        assert result == expected
        assert type(result) is type(expected) or expected is UNDEFINED


def test_integral_results_are_ints() -> None:
    assert type(ev("2 * 3")) is int
    assert type(ev("4 / 2")) is int
    assert type(ev("f + 1")) is int
    assert type(ev("7 / 2")) is float


def test_negative_zero_is_preserved() -> None:
    assert ev("1 / (0 * -1)") == -math.inf
    assert ev("1 / -0") == -math.inf
    assert ev("1 / (-4 % 2)") == -math.inf


def test_true_is_not_strictly_one() -> None:
    assert ev("true === 1") is False
    assert ev("true == 1") is True
    assert ev("[true].includes(1)") is False
    assert ev("[1].indexOf(true)") == -1


@pytest.mark.parametrize("source, message", [
    ("nil.x", "Cannot read properties of null (reading 'x')"),
    ("missing.x", "Cannot read properties of undefined (reading 'x')"),
    ("missing()", "missing is not a function"),
    ("user.name()", "user.name is not a function"),
    ("count()", "count is not a function"),
    ("(1).toFixed(200)", "between 0 and 100"),
    ("(1).toLocaleString('de-DE')", "only the 'en-US' locale"),
    ("(1).toLocaleString('en-US', {style: 'percent'})", "no options object"),
    ("'a'.repeat(-1)", "Invalid count value"),
    ("[].reduce((a, b) => a)", "empty array with no initial value"),
    ("JSON.parse('{')", "invalid JSON"),
    ("user['__proto__']", "'__proto__' is not allowed"),
    ("user[`constructor`]", "'constructor' is not allowed"),
    ("'x' in 'xyz'", "Cannot use 'in' operator"),
    ("Object.assign(user, {a: 1})", "Object.assign only supports a new empty target"),
])
def test_runtime_errors(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        ev(source)
    assert message in str(info.value)
    assert source in str(info.value)


def test_runtime_error_position() -> None:
    with pytest.raises(ExpressionError) as info:
        ev("count + nil.x")
    assert info.value.position == 11


def test_python_attributes_are_unreachable() -> None:
    class Secret:
        password = "hunter2"

        def __repr__(self) -> str:
            return "Secret()"

    state = {"s": Secret(), "fn": len}
    for source in ("s.password", "s.__class__", "s.__dict__", "fn.__globals__", "'x'.__class__",
                   "nil.__class__" if False else "count.__class__"):
        state.setdefault("count", 1)
        assert ev(source, state) is UNDEFINED
    with pytest.raises(ExpressionError, match="not a function"):
        ev("fn('abc')", state)  # callables in state are data, not allow-listed functions


def test_host_errors_become_expression_errors() -> None:
    def boom(*args):
        raise KeyError("nope")

    with pytest.raises(ExpressionError, match="KeyError"):
        compile_expr("boom(1)").evaluate(Context({}.__getitem__, functions={"boom": boom}))


def test_lookup_keyerror_means_undefined_but_other_errors_surface() -> None:
    def lookup(name: str):
        if name == "bad":
            raise RuntimeError("backend down")
        raise KeyError(name)

    assert compile_expr("x").evaluate(Context(lookup)) is UNDEFINED
    with pytest.raises(ExpressionError, match="backend down"):
        compile_expr("bad").evaluate(Context(lookup))


def test_builtins_shadow_state_and_functions_shadow_builtins() -> None:
    state = {"Math": "state", "value": 1}
    assert ev("typeof Math", state) == "object"
    ctx = Context(state.__getitem__, functions={"parseInt": lambda s: "host"})
    assert compile_expr("parseInt('1')").evaluate(ctx) == "host"


def test_arrow_closures_capture_scope() -> None:
    assert ev("[1, 2].map(x => [10, 20].map(y => x + y))") == [[11, 21], [12, 22]]
    add = ev("a => b => a + b")
    assert add(1)(2) == 3


def test_mutating_array_methods_mutate_state() -> None:
    state = make_state()
    assert ev("nums.sort()", state) is state["nums"]
    assert state["nums"] == [1, 2, 3]
    assert ev("nums.reverse()", state) == [3, 2, 1]
    assert ev("nums.push(9, 8)", state) == 5
    assert ev("nums.splice(1, 2, 'x')", state) == [2, 1]
    assert state["nums"] == [3, "x", 9, 8]


def test_template_literal_uses_string_conversion() -> None:
    assert ev("`${[1, 2]}|${{}}|${null}|${missing}|${0.1 * 3}`") == "1,2|[object Object]|null|undefined|0.30000000000000004"


def test_evaluation_is_repeatable() -> None:
    expr = compile_expr("count * 2")
    for n in range(5):
        assert expr.evaluate(Context({"count": n}.__getitem__)) == n * 2


def test_statement_result_is_last_value() -> None:
    state = {"a": 1}
    ctx = Context(state.__getitem__, assign=state.__setitem__)
    assert compile_statement("a = 5; a * 2").evaluate(ctx) == 10
    assert compile_statement("a++").evaluate(ctx) == 5
    assert compile_statement("++a").evaluate(ctx) == 7
    assert compile_statement("a--, a").evaluate(ctx) == 6
    assert compile_statement("").evaluate(ctx) is UNDEFINED


@pytest.mark.parametrize("source, start, expected", [
    ("a += 1", 1, 2), ("a -= 1", 1, 0), ("a *= 3", 2, 6), ("a /= 2", 3, 1.5), ("a %= 2", 5, 1),
    ("a **= 2", 3, 9), ("a ||= 7", 0, 7), ("a ||= 7", 1, 1), ("a &&= 7", 1, 7), ("a &&= 7", 0, 0),
    ("a ??= 7", None, 7), ("a ??= 7", 0, 0), ("a += 'x'", 1, "1x"), ("a++", "5", 6), ("a |= 4", 1, 5),
    ("a <<= 2", 1, 4), ("a = !a", True, False),
])
def test_assignment_operators(source: str, start, expected) -> None:
    state = {"a": start}
    compile_statement(source).evaluate(Context(state.__getitem__, assign=state.__setitem__))
    assert state["a"] == expected


def test_logical_assignment_skips_write_when_short_circuited() -> None:
    writes = []
    ctx = Context({"a": 1}.__getitem__, assign=lambda k, v: writes.append(k))
    compile_statement("a ||= 5").evaluate(ctx)
    assert writes == []

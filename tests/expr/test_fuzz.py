"""Property tests: compile_* and evaluate raise only ExpressionError, and the
step/size bounds stop runaway evaluation."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmxtrame.expr import (
    Context, ExpressionError, compile_expr, compile_statement, compile_template, parse_v_for,
)

from .jsgen import STATE_JSON, HypothesisChooser, gen_expr

FUZZ = settings(derandomize=True, max_examples=400, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text biased towards the language's own characters so the parser gets deep.
JS_CHARS = st.sampled_from(list("abcxyz019_$.,;:?!~+-*/%&|^<>=()[]{}'\"`\\ \n") + ["${", "=>", "?.", "...",
                                                                                  "**", "??", "{{", "}}", "in ",
                                                                                  "typeof ", "new ", "1e", "0x"])
JS_TEXT = st.one_of(st.text(max_size=60), st.lists(JS_CHARS, max_size=40).map("".join))


def _state_ctx(max_steps: int = 10_000) -> Context:
    state = json.loads(STATE_JSON)
    return Context(state.__getitem__, assign=state.__setitem__, touch=lambda name: None,
                   functions={"trigger": lambda *a: None}, max_steps=max_steps)


@FUZZ
@given(JS_TEXT)
def test_arbitrary_text_compiles_or_raises_expression_error(text: str) -> None:
    for compile_fn in (compile_expr, compile_statement, compile_template, parse_v_for):
        try:
            result = compile_fn(text)
        except ExpressionError as e:
            assert str(e)
            continue
        evaluate = getattr(result, "evaluate", None) or getattr(result, "render", None) or result.iterate
        try:
            evaluate(_state_ctx())
        except ExpressionError:
            pass


@FUZZ
@given(st.data())
def test_random_expressions_raise_only_expression_error(data: st.DataObject) -> None:
    source = gen_expr(HypothesisChooser(data))
    expr = compile_expr(source)
    try:
        expr.evaluate(_state_ctx())
    except ExpressionError:
        pass


@FUZZ
@given(st.data())
def test_random_statements_raise_only_expression_error(data: st.DataObject) -> None:
    ch = HypothesisChooser(data)
    target = ch.choice(["count", "items[0].done", "user.name", "nums[1]", "obj.z", "missing", "nil.x",
                        "user['age']", "words.length", "items[9]"])
    op = ch.choice(["=", "+=", "-=", "*=", "**=", "||=", "&&=", "??=", "%=", "|="])
    source = f"{target} {op} {gen_expr(ch)}; {target}++; --{target}"
    expr = compile_statement(source)
    try:
        expr.evaluate(_state_ctx())
    except ExpressionError:
        pass


NESTED_WORK = [
    "nums.map(a => nums.map(b => nums.map(c => nums.map(d => nums.map(e => nums.map(f => a + b))))))",
    "'x'.repeat(1000).split('').map(a => 'x'.repeat(1000).split('').map(b => a + b))",
    "Array.from({length: 1000}, (_, i) => Array.from({length: 1000}, (_, j) => i * j))",
    "'x'.repeat(999999).split('').reduce((acc, c) => acc + 1, 0)",
    "'x'.repeat(500000).split('').sort((a, b) => 0)",
]


@pytest.mark.parametrize("source", NESTED_WORK)
def test_step_limit_stops_nested_callbacks(source: str) -> None:
    # Whichever budget runs out first (on a loaded machine the time limit can).
    with pytest.raises(ExpressionError, match="step limit|time limit"):
        compile_expr(source).evaluate(_state_ctx(max_steps=5_000))


@settings(derandomize=True, max_examples=60, deadline=None, database=None)
@given(st.integers(1, 6), st.integers(1, 4))
def test_nested_maps_return_or_hit_the_bound(depth: int, width: int) -> None:
    arr = "[" + ",".join(["1"] * width) + "]"
    source = "0"
    for i in range(depth):
        source = f"{arr}.map(x{i} => {source})"
    try:
        compile_expr(source).evaluate(_state_ctx(max_steps=200))
    except ExpressionError as e:
        assert "step limit" in str(e)
        assert sum(width ** k for k in range(1, depth + 1)) > 100


SIZES = ["0", "3", "150", "1000", "1e5", "1e6"]
WALKERS = ["Object.keys", "Object.entries", "Array.from", "JSON.stringify", "String"]
# The constructs that loop: callbacks over big arrays, big strings split,
# sorts, spreads and the globals that walk their arguments.
LOOPING = {
    "from": "Array.from({{length: {n}}}, (_, i) => {sub})",
    "map": "Array({n}).fill(1).map(x => {sub})",
    "split": "'ab'.repeat({n}).split('')",
    "sort": "Array.from({{length: {n}}}, (_, i) => -i).sort((a, b) => a - b)",
    "reduce": "Array({n}).fill(2).reduce((a, b) => a + {sub}, 0)",
    "filter": "'xy'.repeat({n}).split('').filter(c => {sub})",
    "spread": "Math.max(...Array({n}).fill({sub}))",
    "walk": "{walker}({sub})",
    "pair": "[{sub}, {other}]",
}


def gen_heavy(ch: HypothesisChooser, depth: int = 0) -> str:
    """A random expression tree built from LOOPING, with ordinary random
    expressions (jsgen) as leaves."""
    kind = ch.choice(["leaf", "leaf"] + (list(LOOPING) if depth < 3 else []))
    if kind == "leaf":
        return gen_expr(ch, 2)
    template = LOOPING[kind]
    fields = {"n": ch.choice(SIZES), "walker": ch.choice(WALKERS)}
    for name in ("sub", "other"):
        if "{" + name + "}" in template:
            fields[name] = gen_heavy(ch, depth + 1)
    return template.format(**fields)


def _python_calls(expr, ctx: Context) -> int:
    """Python and C function calls made while evaluating: the work done,
    counted without a clock."""
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        expr.evaluate(ctx)
    except ExpressionError:
        pass
    finally:
        sys.setprofile(None)
    return calls


# Work allowed per step (and per source character): a step is one call or
# callback, or 100 elements of a big string/array taken in or made.
WORK_PER_STEP = 500


@settings(derandomize=True, max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sampled_from([1, 10, 100, 1000]))
def test_random_looping_expressions_never_run_past_the_step_bound(data: st.DataObject, max_steps: int) -> None:
    source = gen_heavy(HypothesisChooser(data))
    calls = _python_calls(compile_expr(source), _state_ctx(max_steps=max_steps))
    assert calls <= WORK_PER_STEP * (max_steps + len(source)), (
        f"{calls} calls with a budget of {max_steps} steps: {source}")


@pytest.mark.parametrize("source", [
    "Array.from({length: 1e6}, (_, i) => i)", "[1, 2, 3].map(x => Object.entries(big).length)",
    "[1, 2, 3].map(x => Object.keys(big).length)", "[1, 2, 3].map(x => Math.max(...big))",
    "[1, 2, 3].map(x => Object.assign({}, big))",
])
def test_globals_walking_big_values_pay_for_the_walk(source: str) -> None:
    big = list(range(200_000))
    ctx = Context({"big": big}.__getitem__, max_steps=100)
    calls = _python_calls(compile_expr(source), ctx)
    assert calls <= WORK_PER_STEP * (100 + len(source))
    with pytest.raises(ExpressionError, match="step limit"):
        compile_expr(source).evaluate(Context({"big": big}.__getitem__, max_steps=100))


HUGE = [
    "'x'.repeat(1e9)", "'a'.padStart(1e9)", "'a'.padEnd(2 ** 31, 'b')", "Array(1e9)", "Array(1e9).length",
    "Array.from({length: 1e9})", "'x'.repeat(1e6) + 'x'.repeat(1e6)", "`${'x'.repeat(1e6)}${'y'.repeat(1e6)}`",
    "[...'x'.repeat(1e6), ...'x'.repeat(1e6)]", "JSON.stringify(['x'.repeat(6e5), 'y'.repeat(6e5)])",
    "'x'.repeat(1e6).split('').concat('y'.repeat(1e6).split(''))", "'ab'.repeat(4e5).replaceAll('a', 'aaaa')",
]


@pytest.mark.parametrize("source", HUGE)
def test_huge_allocations_are_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_expr(source).evaluate(_state_ctx(max_steps=1_000_000))


@pytest.mark.parametrize("source", [
    "(" * 500 + "1" + ")" * 500, "!" * 5000 + "x", "-" * 3000 + "1", "[" * 400 + "]" * 400,
    "a" + ".b" * 3000, "f(" * 300 + ")" * 300, "1" + "+1" * 4000, "x => " * 400 + "1",
    "`${" * 200 + "1" + "}`" * 200, "a ? " * 300 + "1" + " : 2" * 300, "x" * 20000,
])
def test_pathological_sources_raise_expression_error(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_statement(source)


@pytest.mark.parametrize("source", [
    " " * 9000 + "x", "a" + " " * 4000 + "in" + " " * 4000, "x " * 4000, "(" * 5000 + " in x",
])
def test_v_for_parsing_is_linear(source: str) -> None:
    # These used to backtrack quadratically in a regex; they must finish (and fail) promptly.
    with pytest.raises(ExpressionError):
        parse_v_for(source)


@pytest.mark.parametrize("source", [
    "Number('1'.repeat(999999) + 'x')", "parseFloat('1'.repeat(999999) + 'e')", "parseInt('9'.repeat(999999))",
    "parseInt('z'.repeat(999999), 36)", "JSON.parse('1'.repeat(5000))", "Number('1'.repeat(5000))",
])
def test_long_numeric_strings(source: str) -> None:
    result = compile_expr(source).evaluate(_state_ctx(max_steps=1_000_000))
    assert isinstance(result, (int, float))

"""Destructuring arrow parameters (``({pointIndex}) => pointIndex``, ``([a, b]) => a``), against Node."""

from __future__ import annotations

import pytest

from htmxtrame.expr import Context, ExpressionError, compile_expr

from .test_differential import compare

PATTERNS = [
    "[{pointIndex: 3, x: 1}, {pointIndex: 5}].map(({pointIndex}) => pointIndex)",
    "[[1, 2], [3, 4]].map(([a, b]) => a * b)", "[[1, 2], [3, 4]].map(([, b]) => b)",
    "[{p: 1, x: 2}].map(({p: i, x}) => [i, x])", "[{a: {b: [1, 2]}}].map(({a: {b: [, y]}}) => y)",
    "Object.entries({a: 1, b: 2}).map(([k, v]) => k + v).join()", "[{}].map(({}) => 1)", "[[]].map(([]) => 2)",
    "[{'my-key': 4}].map(({'my-key': v}) => v)", "[{0: 'z'}].map(({0: v}) => v)", "['ab'].map(([c]) => c)",
    "[null].map(({a}) => a)", "[undefined].map(([a]) => a)", "[5].map(([a]) => a)", "(({a}, [b]) => a + b)({a: 1}, [2])",
    "[{a: 1}].map(({a}, i) => a + i)", "[[1, [2, 3]]].map(([x, [, z]]) => x + z)",
]


def test_patterns_agree_with_node() -> None:
    agree, problems = compare(PATTERNS)
    assert not problems, "\n".join(problems)
    assert agree == len(PATTERNS)


@pytest.mark.parametrize(("source", "message"), [
    ("({a = 1}) => a", "are not supported"), ("({...r}) => r", "are not supported"),
    ("([a, ...b]) => a", "are not supported"), ("({[k]: v}) => v", "are not supported"),
    ("({a, a}) => a", "Duplicate parameter"), ("({a: 1}) => a", "must be names or"),
    ("({a: {b: {c: {d: {e: {f: {g: {h: {i: {j: k}}}}}}}}}}) => k", "nested too deeply"),
])
def test_unsupported_patterns_are_refused_when_compiled(source: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        compile_expr(source)


def test_a_pattern_cannot_reach_the_prototype() -> None:
    with pytest.raises(ExpressionError, match="constructor"):
        compile_expr("[{}].map(({constructor}) => constructor)").evaluate(Context(lambda n: {}[n]))


def test_pattern_names_are_not_state_keys() -> None:
    assert compile_expr("items.map(({id, tags: [first]}) => id + first + other)").names == {"items", "other"}

"""JS value semantics: String(), truthiness, equality, display."""

from __future__ import annotations

import math

import pytest

from htmxtrame.expr import UNDEFINED, to_display, to_js_string, truthy
from htmxtrame.expr.jsvalues import loose_equals, num, strict_equals, to_number, typeof


@pytest.mark.parametrize("value, text", [
    (None, "null"), (UNDEFINED, "undefined"), (True, "true"), (False, "false"),
    (1, "1"), (1.0, "1"), (-0.0, "0"), (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"),
    (1e20, "100000000000000000000"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"),
    (123456789.123, "123456789.123"), (-1e-7, "-1e-7"), (2 ** 53 + 1, "9007199254740992"),
    (1e300 * 1e10, "Infinity"), (-math.inf, "-Infinity"), (math.nan, "NaN"), (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (100.0, "100"), (12345678901234567890, "12345678901234567000"),
    ("s", "s"), ([1, [2, None], UNDEFINED], "1,2,,"), ([], ""), ({}, "[object Object]"), ({"a": 1}, "[object Object]"),
])
def test_to_js_string(value, text: str) -> None:
    assert to_js_string(value) == text


def test_cyclic_array_to_string_does_not_loop() -> None:
    a: list = [1]
    a.append(a)
    assert to_js_string(a) == "1,"


@pytest.mark.parametrize("value, expected", [
    (0, False), (-0.0, False), (math.nan, False), ("", False), (None, False), (UNDEFINED, False), (False, False),
    (1, True), (-1, True), ("0", True), ("false", True), ([], True), ({}, True), (True, True), (math.inf, True),
])
def test_truthy(value, expected: bool) -> None:
    assert truthy(value) is expected


@pytest.mark.parametrize("value, text", [
    (None, ""), (UNDEFINED, ""), ("x", "x"), (1.0, "1"), (True, "true"), (False, "false"), (math.nan, "NaN"),
    ([1, 2], "[\n  1,\n  2\n]"), ({"a": 1}, '{\n  "a": 1\n}'), ([], "[]"), ({}, "{}"),
    ({"b": 1, "a": [UNDEFINED, None]}, '{\n  "b": 1,\n  "a": [\n    null,\n    null\n  ]\n}'),
    ({"x": UNDEFINED}, "{}"), ({"10": 1, "2": 2, "z": 3}, '{\n  "2": 2,\n  "10": 1,\n  "z": 3\n}'),
])
def test_to_display(value, text: str) -> None:
    assert to_display(value) == text


def test_undefined_singleton() -> None:
    assert repr(UNDEFINED) == "undefined"
    assert not UNDEFINED
    assert type(UNDEFINED)() is UNDEFINED


@pytest.mark.parametrize("a, b, loose, strict", [
    (None, UNDEFINED, True, False), (1, 1.0, True, True), (True, 1, True, False), ("1", 1, True, False),
    (0, "", True, False), ([], "", True, False), ([1, 2], "1,2", True, False), (math.nan, math.nan, False, False),
    (None, 0, False, False), (UNDEFINED, 0, False, False), (False, "0", True, False), ("a", "a", True, True),
    (-0.0, 0, True, True), ({}, "[object Object]", True, False),
])
def test_equality(a, b, loose: bool, strict: bool) -> None:
    assert loose_equals(a, b) is loose and loose_equals(b, a) is loose
    assert strict_equals(a, b) is strict and strict_equals(b, a) is strict


def test_identity_for_objects() -> None:
    x: list = []
    assert strict_equals(x, x) and not strict_equals(x, [])
    assert loose_equals(x, x) and not loose_equals({}, {})


@pytest.mark.parametrize("text, value", [
    ("", 0), ("  42  ", 42), ("0x1f", 31), ("0b11", 3), ("0o17", 15), ("1e3", 1000), (".5", 0.5),
    ("Infinity", math.inf), ("-Infinity", -math.inf), ("\n\t 7 \u00a0", 7),
])
def test_string_to_number(text: str, value) -> None:
    assert to_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1_000", "inf", "nan", "0x", "1e", "--1", "- 1", "0xG"])
def test_string_to_number_nan(text: str) -> None:
    assert math.isnan(to_number(text))


def test_num_normalises_integral_results() -> None:
    assert type(num(6.0)) is int
    assert type(num(3.5)) is float
    assert math.copysign(1, num(-0.0)) == -1
    assert type(num(2 ** 60)) is float


@pytest.mark.parametrize("value, kind", [
    (UNDEFINED, "undefined"), (None, "object"), (True, "boolean"), (1, "number"), (1.5, "number"),
    ("", "string"), ([], "object"), ({}, "object"), (len, "function"),
])
def test_typeof(value, kind: str) -> None:
    assert typeof(value) == kind

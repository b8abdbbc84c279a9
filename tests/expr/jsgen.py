"""Random JS expression generator shared by the differential and fuzz tests.

The generator takes a *chooser* so the same grammar can be driven by a seeded
``random.Random`` (deterministic batches) or by hypothesis (``st.data()``).
"""

from __future__ import annotations

import json
import random
from typing import Any, Sequence

# The fixed state every differential expression runs against (JSON, so Node
# and Python start from identical values).
STATE_JSON = json.dumps({
    "count": 3, "name": "World", "show": True, "hidden": False, "zero": 0, "nil": None,
    "str": "42", "neg": -7, "pi": 3.14159, "half": 0.5, "big": 12345678901234567890,
    "items": [
        {"id": 1, "text": "Buy milk", "done": True, "price": 2.5},
        {"id": 2, "text": "Walk dog", "done": False, "price": 0},
        {"id": 3, "text": "Write code", "done": True, "price": 10.75},
    ],
    "nums": [3, 1, 10, -2, 0.5], "words": ["pear", "Apple", "banana", "apple"],
    "empty": [], "emptyObj": {}, "matrix": [[1, 2], [3, 4]],
    "obj": {"b": 1, "a": "x", "2": True, "1": None},
    "text": "  Hello, World  ",
    "user": {"name": "Ann", "age": 31, "address": {"city": "Paris"}, "tags": ["a", "b"]},
    "nested": {"a": {"b": {"c": 5}}},
    "mixed": [1, "2", None, True, [3], {"k": "v"}],
})


class RandomChooser:
    """Chooser backed by a seeded random.Random."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def choice(self, options: Sequence[Any]) -> Any:
        return self.rng.choice(options)

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


class HypothesisChooser:
    """Chooser backed by hypothesis' st.data(), so failures shrink."""

    def __init__(self, data: Any):
        from hypothesis import strategies as st

        self.data = data
        self.st = st

    def choice(self, options: Sequence[Any]) -> Any:
        return self.data.draw(self.st.sampled_from(list(options)))

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(self.st.integers(lo, hi))


NUMBERS = ["0", "1", "2", "3", "7", "10", "-1", "0.5", "1.5", "2.5", "-2.5", "0.1", "0.2", "1e21", "1e-7",
           "123.456", "1e300", "0x1f", ".5", "255", "-0", "NaN", "Infinity", "9007199254740993", "1/3"]
STRINGS = ['""', '"0"', '"1"', '"abc"', '"Hello"', '" 12 "', '"1e3"', "'x'", '"true"', '"a,b"', '"NaN"']
NAMES = ["count", "name", "show", "hidden", "zero", "nil", "str", "neg", "pi", "half", "items", "nums",
         "words", "empty", "emptyObj", "obj", "text", "user", "missing", "undefined", "null", "true", "false"]
MEMBERS = ["items.length", "items[0].text", "items[1].done", "items[2].price", "user.name", "user.address.city",
           "user.tags", "nested.a.b.c", "words[1]", "nums[2]", "obj.a", "obj[2]", "matrix[1][0]", "user?.nope?.x",
           "nil?.a", "text.length", "name[0]"]
BINARY = ["+", "-", "*", "/", "%", "**", "==", "!=", "===", "!==", "<", "<=", ">", ">=", "&&", "||", "??",
          "&", "|", "^", "<<", ">>", ">>>"]
UNARY = ["!", "-", "+", "typeof ", "~", "!!"]
NUMBER_FNS = ["Math.floor", "Math.ceil", "Math.round", "Math.abs", "Math.sign", "Math.trunc", "Math.sqrt",
              "Number", "String", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite", "JSON.stringify",
              "Array.isArray", "Number.isInteger"]
METHODS = [".toString()", ".length", ".toFixed(2)", ".toUpperCase()", ".trim()", ".slice(1)", ".slice(-2)",
           ".includes(\"a\")", ".indexOf(1)", ".at(-1)", ".split(\",\")", ".join(\"-\")", ".concat([1])",
           ".padStart(5, \"*\")", ".repeat(2)", ".map(x => x + 1)", ".filter(x => x)", ".some(x => x > 1)",
           ".reduce((a, b) => a + b, 0)", ".toPrecision(3)", ".charAt(1)", ".replace(\"a\", \"b\")"]


def gen_expr(ch: Any, depth: int = 0) -> str:
    """One random expression; the grammar mixes values of every JS type so
    coercions get exercised."""
    kind = ch.choice(["leaf"] * 3 + ["member"] + (["binary"] * 4 + ["unary", "cond", "call", "method",
                                                                      "array", "object", "template"]
                                                                     if depth < 3 else []))
    sub = lambda: gen_expr(ch, depth + 1)  # noqa: E731
    if kind == "leaf":
        return ch.choice([ch.choice(NUMBERS), ch.choice(STRINGS), ch.choice(NAMES)])
    if kind == "member":
        return ch.choice(MEMBERS)
    if kind == "binary":
        return f"({sub()} {ch.choice(BINARY)} {sub()})"
    if kind == "unary":
        return f"{ch.choice(UNARY)}({sub()})"
    if kind == "cond":
        return f"({sub()} ? {sub()} : {sub()})"
    if kind == "call":
        return f"{ch.choice(NUMBER_FNS)}({sub()})"
    if kind == "method":
        return f"({sub()}){ch.choice(METHODS)}"
    if kind == "array":
        return "[" + ", ".join(sub() for _ in range(ch.integer(0, 3))) + "]"
    if kind == "object":
        keys = ["a", "b", "c"][: ch.integer(0, 3)]
        return "({" + ", ".join(f"{k}: {sub()}" for k in keys) + "})"
    return "`<${" + sub() + "}|${" + sub() + "}>`"

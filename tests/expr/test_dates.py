"""``Date`` in expressions: ``new Date(...)``, ``Date.now/parse/UTC``, the getters,
how a Date prints, compares and is stored (its ISO text), against Node."""

from __future__ import annotations

import copy
import json
import pickle
import time

import pytest

from htmxtrame.expr import Context, ExpressionError, compile_expr, compile_statement, to_display

from .test_differential import compare

DATES = [
    "new Date(0)", "String(new Date(0))", "typeof new Date(0)", "new Date(0).getTime()",
    "JSON.stringify({d: new Date(86400000)})", "JSON.stringify([new Date('x')])",
    "new Date(2024, 0, 31).toISOString()", "new Date(2024, 13, 40).toISOString()", "new Date(99, 0).getFullYear()",
    "new Date('2024-02-30').getDate()", "new Date('2024-01-30').getDay()", "new Date('2024-01-30T10:20:30.456Z').getMilliseconds()",
    "new Date('2024-01-01T24:00').toISOString()", "new Date('2024-01-01 10:00').getHours()",
    "Date.parse('2024-01-01T00:00:00+01:00')", "Date.parse('nonsense')", "Date.UTC(2020, 1)", "Date.UTC(2020, 1, 29, 23, 59)",
    "new Date(8.64e15).toISOString()", "String(new Date(8.64e15 + 1))", "new Date(-1).toISOString()",
    "new Date(-62198755200000).toISOString()", "String(new Date(-62198755200000))",
    "new Date(5) < new Date(6)", "new Date(10) - new Date(3)", "new Date(0) + 1", "+new Date(42)",
    "new Date(0) == new Date(0)", "new Date(0) === new Date(0)", "new Date(0).toUTCString()",
    "new Date(0).toDateString()", "new Date(0).toTimeString()", "new Date(1e12).toLocaleDateString()",
    "new Date(1e12).toLocaleTimeString()", "new Date(1e12).toLocaleString('en-US')", "new Date(NaN).getFullYear()",
    "new Date(new Date(7)).getTime()", "new Date(1e12).getTimezoneOffset()", "new Date(1e12).valueOf()",
    "new Date(1e12).toJSON()", "new Date(NaN).toJSON()", "isNaN(new Date('2024-13-01'))", "new Array(3).length",
    "new Date(0).toISOString().slice(0, 10)", "`${new Date(0).getUTCFullYear()}-${new Date(0).getUTCMonth() + 1}`",
    "[new Date(3), new Date(1)].map(d => d.getTime())", "typeof new Date", "new Date(true).getTime()",
]


def test_dates_agree_with_node() -> None:
    agree, problems = compare(DATES)
    assert not problems, "\n".join(problems)
    assert agree == len(DATES)


def _ctx(state: dict) -> Context:
    return Context(state.__getitem__, assign=state.__setitem__)


def test_new_date_is_now_and_stored_as_its_iso_text() -> None:
    state: dict = {}
    before = time.time() * 1000
    compile_statement("when = new Date(); stamp = Date.now()").evaluate(_ctx(state))
    after = time.time() * 1000
    when = state["when"]
    assert before - 1 <= when.ms <= after and before - 1 <= state["stamp"] <= after
    # outside the evaluator it is the string a browser's JSON.stringify gives
    assert isinstance(when, str) and when.endswith("Z") and when[10] == "T"
    assert json.loads(json.dumps({"when": when})) == {"when": str(when)}
    for other in (pickle.loads(pickle.dumps(when)), copy.deepcopy(when)):
        assert type(other) is str and other == when
    # read back from state it is still a Date
    assert compile_expr("when.getTime() === stamp || when.getTime() <= stamp").evaluate(_ctx(state)) is True
    assert to_display(when).endswith("GMT+0000 (Coordinated Universal Time)")  # Vue shows String(date)


def test_date_errors_are_clear() -> None:
    with pytest.raises(ExpressionError, match="Date setters are not supported"):
        compile_statement("d.setDate(1)").evaluate(_ctx({"d": compile_expr("new Date(0)").evaluate(_ctx({}))}))
    with pytest.raises(ExpressionError, match="Invalid time value"):
        compile_expr("new Date('x').toISOString()").evaluate(_ctx({}))
    with pytest.raises(ExpressionError, match="no options"):
        compile_expr("new Date(0).toLocaleDateString('de-DE')").evaluate(_ctx({}))
    for source in ("new File([x], 'a.png')", "new Map()", "new window.Date()", "new (Date)()"):
        with pytest.raises(ExpressionError, match="is not supported"):
            compile_expr(source)
    with pytest.raises(ExpressionError, match="too large"):
        compile_expr("new Array(1e9)").evaluate(_ctx({}))
    # a state key named Date does not change what `new Date` builds
    assert compile_expr("new Date(0).getTime()").evaluate(_ctx({"Date": 5})) == 0

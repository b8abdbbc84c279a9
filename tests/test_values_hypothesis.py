"""Property: a state value of any supported foreign type (NumPy, pandas,
Decimal, dates, Enum, Path, sets, tuples, nested) renders exactly as its plain
JSON counterpart does, in every place a page shows it."""

from __future__ import annotations

import datetime as dt
import enum
import math
from decimal import Decimal
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmxtrame.controller import Controller
from htmxtrame.session import Scope
from htmxtrame.state import State
from htmxtrame.widgets import html


class Shade(enum.Enum):
    DARK = "dark"
    LIGHT = 2


def _num(x: float):
    return int(x) if x.is_integer() and abs(x) <= 2 ** 53 else x


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
ints = st.integers(-(2 ** 53), 2 ** 53)

# (foreign value, the plain value trame's JSON would carry)
scalars = st.one_of(
    ints.map(lambda i: (np.int64(i), i)),
    st.integers(-(2 ** 31), 2 ** 31 - 1).map(lambda i: (np.int32(i), i)),
    st.integers(0, 255).map(lambda i: (np.uint8(i), i)),
    st.floats(width=64).map(lambda f: (np.float64(f), f)),
    st.floats(width=32).map(lambda f: (np.float32(f), float(np.float32(f)))),
    st.booleans().map(lambda b: (np.bool_(b), b)),
    finite.map(lambda f: (np.array(f), f)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1e9, max_value=1e9)
    .map(lambda d: (d, _num(float(d)))),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)).map(lambda d: (d, d.isoformat())),
    st.dates().map(lambda d: (d, d.isoformat())),
    st.times().map(lambda t: (t, t.isoformat())),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1))
    .map(lambda d: (pd.Timestamp(d), pd.Timestamp(d).isoformat())),
    st.sampled_from(Shade).map(lambda e: (e, e.value)),
    st.text(alphabet="ab/ ._", min_size=1, max_size=8).map(lambda t: (PurePosixPath(t), PurePosixPath(t).as_posix())),
    st.sampled_from([(pd.NA, None), (pd.NaT, None), (np.datetime64("NaT"), None), (None, None),
                     (math.nan, math.nan), (math.inf, math.inf), (np.float64(-math.inf), -math.inf)]),
    st.text(max_size=6).map(lambda t: (np.str_(t), str(np.str_(t)))),  # NumPy drops trailing NULs
    ints.map(lambda i: (i, i)),
    st.text(max_size=6).map(lambda t: (t, t)),
)


def _containers(children):
    return st.one_of(
        st.lists(children, max_size=4).map(lambda pairs: ([a for a, _ in pairs], [b for _, b in pairs])),
        st.lists(children, max_size=4).map(lambda pairs: (tuple(a for a, _ in pairs), [b for _, b in pairs])),
        st.dictionaries(st.text(alphabet="abc", min_size=1, max_size=3), children, max_size=3)
        .map(lambda d: ({k: a for k, (a, _) in d.items()}, {k: b for k, (_, b) in d.items()})),
        st.sets(st.integers(-50, 50), max_size=5).map(lambda s: (s, sorted(s))),
        st.lists(finite, max_size=4).map(lambda xs: (np.array(xs, dtype=np.float64), [_num(x) for x in xs])),
        st.lists(st.lists(ints, min_size=2, max_size=2), max_size=3)
        .map(lambda rows: (np.array(rows, dtype=np.int64).reshape(len(rows), 2), rows)),
        st.lists(ints, max_size=4).map(lambda xs: (pd.Series(xs, dtype="int64"), list(xs))),
    )


values = st.recursive(scalars, _containers, max_leaves=12)

# Every place a page shows a value: text, JSON, coercions, comparisons,
# arithmetic, a bound attribute, a loop.
EXPRESSIONS = [
    "{{ v }}",
    "{{ JSON.stringify(v) }}",
    "{{ String(v) }}",
    "{{ typeof v }}",
    "{{ !v }}",
    "{{ v == 1 }} {{ v === true }} {{ v > 0 }} {{ v <= '5' }}",
    "{{ v + 1 }} {{ v * 2 }} {{ -v }}",
    "{{ Array.isArray(v) ? v.length : '-' }}",
    "{{ v?.[0] }} {{ v?.a }}",
    "{{ Array.isArray(v) ? v.slice().sort().join('|') + v.flat().length + v.concat([1]).length : '' }}",
    "{{ Array.isArray(v) ? v.map(x => typeof x + (x == null)).join() + v.filter(x => x).length : '' }}",
    "{{ Array.isArray(v) ? [v.includes(1), v.indexOf(null), v.some(x => x > 0), v.find(x => x)] : '' }}",
    "{{ v && typeof v === 'object' ? Object.keys(v).join() + Object.values(v).length + JSON.stringify(Object.entries(v)) : '' }}",
    "{{ [v].flat(2).length }} {{ [...(Array.isArray(v) ? v : [])].length }} {{ `${v}` }}",
]


with html.Div() as ROOT:
    for _expr in EXPRESSIONS:
        html.P(_expr)
    html.Span(title=("v",), data_n=("typeof v === 'number' ? v : null",))
    html.I("{{ i }}={{ x }};", v_for="(x, i) in (Array.isArray(v) ? v : [])")


def _render(value) -> str:
    state = State(ready=True)
    state.v = value
    state.flush()
    scope = Scope(state, Controller(), lambda: {"main": ROOT})
    return scope.renderer("main").render_page_body()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_a_foreign_value_renders_exactly_as_its_json_counterpart(pair):
    foreign, plain = pair
    assert _render(foreign) == _render(plain)

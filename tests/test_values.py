"""Values apps put in state (NumPy, pandas, Decimal, dates, Enum, Path, sets...)
render like the JSON trame would send the browser, everywhere: ``{{ }}`` text,
bound props, ``v_for``, expressions and the JSON sent to the page; a value with
no JSON form is reported once, by key, and never breaks the page."""

from __future__ import annotations

import datetime as dt
import enum
import html as html_lib
import json
import logging
import math
import uuid
from decimal import Decimal
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pytest

from htmxtrame.controller import Controller
from htmxtrame.session import Scope, Session
from htmxtrame.state import State
from htmxtrame.values import to_json, unshowable
from htmxtrame.widgets import html, vuetify3 as v


class Color(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Mode(enum.Enum):
    FAST = "fast"


class User:
    """An arbitrary object: no JSON form."""


class Page:
    """One layout wired as the server wires it, minus the websocket."""

    def __init__(self, root, state: State) -> None:
        self.state = state
        self.scope = Scope(state, Controller(), lambda: {"main": root})
        state._flushed_fn = self.scope.commit
        self.renderer = self.scope.renderer("main")
        self.body = self.renderer.render_page_body()
        self.session = Session(self.scope, "main")
        self.session.open()

    def push(self):
        self.state.flush()
        return self.session.take(0)


def shown(expr: str, **values) -> str:
    """The text ``{{ expr }}`` shows with *values* in state."""
    state = State(ready=True)
    state.update(values)
    state.flush()
    el = html.Span(f"{{{{ {expr} }}}}")
    return _inner(Page(el, state).body)


def _inner(body: str) -> str:
    return html_lib.unescape(body[body.index(">") + 1:body.rindex("<")])


# -- each type shows as its JavaScript counterpart ------------------------------------------
@pytest.mark.parametrize("value,text", [
    (np.float64(3.5), "3.5"),
    (np.float64(3.0), "3"),
    (np.int64(4), "4"),
    (np.int32(-7), "-7"),
    (np.uint8(255), "255"),
    (np.bool_(True), "true"),
    (np.bool_(False), "false"),
    (np.float32(0.5), "0.5"),
    (np.float32(0.1), "0.10000000149011612"),  # the float64 JSON carries
    (np.float64("nan"), "NaN"),
    (np.float64("inf"), "Infinity"),
    (np.array(2.5), "2.5"),  # 0-d array
    (np.str_("hé"), "hé"),
    (Decimal("3.50"), "3.5"),
    (Decimal("12"), "12"),
    (Decimal("NaN"), "NaN"),
    (dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05"),
    (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))), "2024-01-02T01:04:05+00:00"),
    (dt.date(2024, 1, 2), "2024-01-02"),
    (dt.time(3, 4, 5), "03:04:05"),
    (Path("/data/a b.csv"), "/data/a b.csv"),
    (PurePosixPath("rel/x"), "rel/x"),
    (Color.RED, "red"),
    (Level.HIGH, "3"),
    (Mode.FAST, "fast"),
    (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
    (pd.Timestamp("2024-05-06 07:08:09"), "2024-05-06T07:08:09"),
    (pd.NA, ""),
    (pd.NaT, ""),
    (np.datetime64("NaT"), ""),
    (np.datetime64("2024-01-02T03:04:05.000000000"), "2024-01-02T03:04:05"),
    (np.datetime64("2024-01-02"), "2024-01-02"),
    (np.timedelta64(90, "s"), "0:01:30"),
    (np.timedelta64(5000, "ns"), "0:00:00.000005"),
    (dt.timedelta(hours=1), "1:00:00"),
    (float("nan"), "NaN"),
    (float("-inf"), "-Infinity"),
    (None, ""),
])
def test_a_value_shows_as_its_json_form_would(value, text):
    assert shown("x", x=value) == text


@pytest.mark.parametrize("value,text", [
    (np.array([1, 2, 3]), "[\n  1,\n  2,\n  3\n]"),
    (np.array([[1.5, 2], [3, 4]]), "[\n  [\n    1.5,\n    2\n  ],\n  [\n    3,\n    4\n  ]\n]"),
    ({3, 1, 2}, "[\n  1,\n  2,\n  3\n]"),
    (frozenset({"b", "a"}), '[\n  "a",\n  "b"\n]'),
    ((1, "a"), '[\n  1,\n  "a"\n]'),
    (pd.Series([1, 2]), "[\n  1,\n  2\n]"),
    (np.array(["2024-01-01", "NaT"], dtype="datetime64[ns]"), '[\n  "2024-01-01T00:00:00",\n  null\n]'),
    (pd.Series(pd.to_datetime(["2024-01-01"])), '[\n  "2024-01-01T00:00:00"\n]'),
    ({"n": np.int64(1), "when": dt.date(2024, 1, 2), "tags": {"x"}}, '{\n  "n": 1,\n  "when": "2024-01-02",\n  "tags": [\n    "x"\n  ]\n}'),
    ([np.float64(math.nan), pd.NA, Decimal("1.5")], "[\n  null,\n  null,\n  1.5\n]"),
])
def test_containers_show_as_json_arrays_and_objects(value, text):
    assert shown("x", x=value) == text


@pytest.mark.parametrize("expr,values,text", [
    ("n > 3", {"n": np.int64(4)}, "true"),
    ("n === 4", {"n": np.int64(4)}, "true"),
    ("n == '4'", {"n": np.int64(4)}, "true"),
    ("x + 1", {"x": np.float64(3.5)}, "4.5"),
    ("x * 2", {"x": Decimal("1.25")}, "2.5"),
    ("typeof n", {"n": np.int64(4)}, "number"),
    ("typeof b", {"b": np.bool_(True)}, "boolean"),
    ("b ? 'y' : 'n'", {"b": np.bool_(False)}, "n"),
    ("!z", {"z": np.float64(0.0)}, "true"),
    ("x.toFixed(2)", {"x": np.float64(3.14159)}, "3.14"),
    ("a.length", {"a": np.arange(5)}, "5"),
    ("a[2] + a[3]", {"a": np.arange(5)}, "5"),
    ("m[1][0]", {"m": np.array([[1, 2], [3, 4]])}, "3"),
    ("a.join('-')", {"a": np.array([1.5, 2])}, "1.5-2"),
    ("a.map(v => v * 2).join()", {"a": np.array([1, 2])}, "2,4"),
    ("a.includes(2)", {"a": [np.int64(1), np.int64(2)]}, "true"),
    ("a.indexOf(2)", {"a": [np.int64(1), np.int64(2)]}, "1"),
    ("row.score > 1", {"row": {"score": np.float64(1.5)}}, "true"),
    ("rows[0].n + rows[1].n", {"rows": [{"n": np.int64(1)}, {"n": np.int64(2)}]}, "3"),
    ("JSON.stringify(x)", {"x": {"a": np.int64(1), "b": np.array([True]), "c": Color.RED}}, '{"a":1,"b":[true],"c":"red"}'),
    ("Array.isArray(s) && s.length", {"s": {1, 2}}, "2"),
    ("Math.max(...a)", {"a": np.array([3, 9, 2])}, "9"),
    ("d.slice(0, 4)", {"d": dt.date(2024, 1, 2)}, "2024"),
    ("c === 'red'", {"c": Color.RED}, "true"),
    ("p.endsWith('.csv')", {"p": Path("/x/y.csv")}, "true"),
    ("t == null", {"t": pd.NaT}, "true"),
    ("`${n} items`", {"n": np.int64(3)}, "3 items"),
    ("Object.values(o).join()", {"o": {"a": np.int64(1), "b": np.float32(2)}}, "1,2"),
    ("(s.a ?? 0) + 1", {"s": {"a": pd.NA}}, "1"),
])
def test_expressions_compute_with_foreign_values_as_js_would(expr, values, text):
    assert shown(expr, **values) == text


def test_a_numpy_number_bound_to_a_slider_max_renders_and_pushes():
    state = State(ready=True)
    state.update({"score_max": np.float64(3.5), "score": np.int64(2)})
    state.flush()
    page = Page(v.VSlider(max=("score_max",), v_model=("score",)), state)
    assert 'max="3.5"' in page.body and 'value="2"' in page.body
    state.score_max = np.float64(7.25)
    batch = page.push()
    assert 'max="7.25"' in "".join(batch.fragments.values())


def test_v_for_over_a_numpy_array_and_a_set():
    state = State(ready=True)
    state.update({"a": np.array([10, 20, 30]), "s": {"b", "a"}})
    state.flush()
    with html.Div() as root:
        html.Span("{{ i }}:{{ x }}", v_for="(x, i) in a", classes="a")
        html.Span("{{ x }}", v_for="x in s", classes="s")
    body = Page(root, state).body
    assert ">0:10<" in body and ">1:20<" in body and ">2:30<" in body
    assert body.index(">a<") < body.index(">b<")


def test_state_update_with_numpy_values_pushes_the_change():
    state = State(ready=True)
    state.update({"a": np.array([1, 2]), "n": np.int64(1)})
    state.flush()
    page = Page(html.Span("{{ a.length }}/{{ n }}"), state)
    assert ">2/1<" in page.body
    state.update({"a": np.array([1, 2, 3]), "n": np.int64(5)})
    batch = page.push()
    assert ">3/5<" in "".join(batch.fragments.values())


def test_literal_numpy_props_render_as_numbers():
    el = html.Input(type="range", max=np.float64(3.0), step=np.float32(0.5), min=np.int64(0), disabled=np.bool_(True))
    body = Page(el, State(ready=True)).body
    assert 'max="3"' in body and 'step="0.5"' in body and 'min="0"' in body
    assert " disabled" in body and "True" not in body


# -- the JSON sent to the page ------------------------------------------------------------
def test_to_json_converts_like_json_stringify():
    value = {"i": np.int64(3), "f": np.float32(0.5), "nan": float("nan"), "inf": np.float64("inf"),
             "arr": np.array([[1, 2]]), "dec": Decimal("2.5"), "when": dt.date(2024, 1, 2),
             "t": (1, 2), "na": pd.NA, Level.HIGH: Color.RED, 1: "one"}
    assert json.loads(json.dumps(to_json(value), allow_nan=False)) == {
        "i": 3, "f": 0.5, "nan": None, "inf": None, "arr": [[1, 2]], "dec": 2.5,
        "when": "2024-01-02", "t": [1, 2], "na": None, "3": "red", "1": "one"}


def test_js_call_arguments_reach_the_page_as_json():
    from htmxtrame.server import Server
    from htmxtrame.transport import wire

    server = Server("js-call-values")
    session = Session(server._scope, "main")
    session.open()
    server.js_call("chart", "draw", np.array([1.5, np.nan]), {"n": np.int64(2)})
    frame = json.loads(wire.encode(session.take(0)))
    assert frame["calls"] == [{"ref": "chart", "method": "draw", "args": [[1.5, None], {"n": 2}]}]


# -- a value with no JSON form ------------------------------------------------------------
def test_unshowable_names_the_part_and_its_type():
    assert unshowable([1, {"a": np.int64(1)}, "x"], "rows") is None
    problem = unshowable([{"a": 1}, {"owner": User()}], "rows")
    assert problem.startswith("rows[1]['owner'] is a ") and "User" in problem
    assert "to_dict" in unshowable(pd.DataFrame({"a": [1]}), "df")
    # Types seen converting to scalars are remembered; arrays are not, so an
    # object array after a 0-d one is still looked into.
    assert unshowable([np.array(2.5), np.int64(1)], "a") is None
    assert "User" in unshowable([np.int64(2), np.array([User()], dtype=object)], "a")
    assert "Odd" in unshowable([Mode.FAST, {"m": enum.Enum("Odd", {"X": User()}).X}], "a")
    with pytest.raises(TypeError, match="User"):
        to_json({"u": User()})


def _state_with_reports():
    reports = []
    state = State(ready=True, on_error=lambda where, exc: reports.append((where, str(exc))))
    return state, reports


def test_an_unshowable_value_reads_as_undefined_with_one_error_on_page_load(caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    state, reports = _state_with_reports()
    state.update({"owner": User(), "n": np.int64(4)})
    state.flush()
    with html.Div() as root:
        html.Span("{{ owner }}|{{ typeof owner }}", id="o")
        html.Span("{{ owner ? 'set' : 'unset' }}", id="o2")
        html.Span("{{ n }}", id="n")
    page = Page(root, state)
    assert '<span id="o">|undefined</span>' in page.body
    assert '<span id="o2">unset</span>' in page.body
    assert '<span id="n">4</span>' in page.body
    page.renderer.render_page_body()  # a second page load: no second report
    assert len(reports) == 1
    where, message = reports[0]
    assert where == "state key 'owner'" and "User" in message
    logged = [r.getMessage() for r in caplog.records if "owner" in r.getMessage()]
    assert len(logged) == 1 and "User" in logged[0]


def test_an_unshowable_value_set_later_never_stops_other_keys(caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    state, reports = _state_with_reports()
    state.update({"owner": "ann", "n": 1})
    state.flush()
    with html.Div() as root:
        html.Span("{{ owner }}", id="o")
        html.Span("{{ n }}", id="n")
    page = Page(root, state)
    state.update({"owner": User(), "n": np.int64(2)})
    batch = page.push()
    assert batch.fragments == {"o": '<span id="o"></span>', "n": '<span id="n">2</span>'}
    assert [w for w, _ in reports] == ["state key 'owner'"]
    assert not any("commit_fn failed" in r.getMessage() for r in caplog.records)
    state.owner = "bob"  # fixed: shows again
    assert page.push().fragments == {"o": '<span id="o">bob</span>'}


def test_an_unshowable_item_mutated_into_a_list_is_found_after_dirty():
    state, reports = _state_with_reports()
    state.rows = [1, 2]
    state.flush()
    page = Page(html.Span("{{ rows?.length }}", id="r"), state)
    assert ">2<" in page.body
    state.rows.append(User())
    state.dirty("rows")
    assert page.push().fragments == {"r": '<span id="r"></span>'}
    assert len(reports) == 1 and "rows[2]" in reports[0][1]


def test_uploaded_files_with_bytes_content_stay_showable():
    state, reports = _state_with_reports()
    state.files = [{"name": "a.txt", "size": 2, "content": b"hi"}]
    state.flush()
    page = Page(html.Span("{{ files.map(f => f.name).join() }}", id="f"), state)
    assert '<span id="f">a.txt</span>' in page.body and not reports


def test_a_fragment_that_fails_to_render_does_not_stop_the_others(caplog, monkeypatch):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    state, reports = _state_with_reports()
    state.update({"a": 1, "b": 1})
    state.flush()
    with html.Div() as root:
        html.Span("{{ a }}", id="a")
        html.Span("{{ b }}", id="b")
    page = Page(root, state)
    real = page.renderer._fragment_again

    def broken(fid):
        if fid == "a":
            raise RuntimeError("widget bug")
        return real(fid)

    monkeypatch.setattr(page.renderer, "_fragment_again", broken)
    state.update({"a": 2, "b": 2})
    batch = page.push()
    assert batch.fragments == {"b": '<span id="b">2</span>'} and batch.dirty == ["a", "b"]
    assert reports and "widget bug" in reports[0][1]
    assert not any("commit_fn failed" in r.getMessage() for r in caplog.records)


def test_a_v_bind_dict_of_numpy_values_binds_like_plain_ones():
    state = State(ready=True)
    state.attrs = {"data-x": np.int64(3), "hidden": np.bool_(False), "aria-label": np.str_("go")}
    state.flush()
    body = Page(html.Div(v_bind=("attrs",)), state).body
    assert 'data-x="3"' in body and 'aria-label="go"' in body and "hidden" not in body

"""The render budget (issue 16, item 1) and the expressions' time budget (item 10).

A visitor sets a bound number that feeds a loop: whatever they send, one
page load or one flush renders at most so many rows, elements, characters
and seconds. Past that the fragment shows an error marker, the log names
the element and the expression, and the rest of the page still works.
"""

from __future__ import annotations

import logging
import re
import time

import pytest

from htmxtrame.controller import Controller
from htmxtrame.events import HandlerError, InputError, dispatch
from htmxtrame.expr import Context, ExpressionError, compile_expr
from htmxtrame.render import Renderer
from htmxtrame.render_limits import RenderLimits
from htmxtrame.server import Server
from htmxtrame.session import Scope, Session
from htmxtrame.state import State
from htmxtrame.widgets import html

MARKER = re.compile(r'<div id="list"[^>]* data-ht-error="too much to show \(([^)]*)\)"><mark class="ht-error"')


class Page:
    """A layout wired as the server wires it (scope, session), minus the websocket."""

    def __init__(self, root, limits: RenderLimits | None = None, **values) -> None:
        self.state = State(ready=True)
        self.state.update(values)
        self.state.flush()
        self.ctrl = Controller()
        self.scope = Scope(self.state, self.ctrl, lambda: {"main": root}, limits)
        self.state._flushed_fn = self.scope.commit
        self.renderer = self.scope.renderer("main")
        self.body = self.renderer.render_page_body()
        self.session = Session(self.scope, "main")
        self.session.open()

    def iid(self, dom_id: str) -> str:
        m = re.search(rf'id="{dom_id}"[^>]*data-ht="([^"]+)"', self.renderer.render_page_body())
        assert m, f"no instance for #{dom_id}"
        return m.group(1)

    def send(self, dom_id: str, event: str, value=None):
        """Dispatch as the websocket does; the batch the page receives."""
        dispatch(self.renderer, self.ctrl, self.iid(dom_id), event, value)
        return self.session.take(0)


def loop_app():
    with html.Div() as root:
        html.Input(type="number", id="n", v_model_number="n")
        html.Div(html.Span("{{ i }}", v_for="i in n", classes="row"), id="list")
        html.Button("+1", id="inc", click="count += 1")
        html.Div("{{ count }}", id="count")
    return root


@pytest.fixture
def errors(caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    return caplog


def test_a_million_rows_on_page_load_give_a_marker_not_a_million_rows(errors):
    page = Page(loop_app(), n=1_000_000, count=0)
    body = page.renderer.render_page_body()
    assert MARKER.search(body), body[:500]
    assert len(body) < 5_000
    assert "<span" not in body, "no row is rendered once the loop cannot fit"
    # The log names the element, the expression and the option to raise.
    line = next(r.getMessage() for r in errors.records if "render_max_rows" in r.getMessage())
    assert "<Span span" in line and "v_for='i in n'" in line, line
    # The rest of the page is there and answers.
    assert 'id="n"' in body and 'id="inc"' in body
    page.send("inc", "click")
    assert page.state.count == 1


def test_a_flush_that_sets_a_huge_count_pushes_the_marker_and_recovers():
    page = Page(loop_app(), n=3, count=0)
    batch = page.send("n", "input", "1000000")
    html_out = batch.fragments["list"]
    assert MARKER.search(html_out) and len(html_out) < 1_000
    # The marked fragment still knows it reads n: a smaller n re-renders it.
    batch = page.send("n", "input", "2")
    assert re.findall(r'<span class="row">(\d+)</span>', batch.fragments["list"]) == ["1", "2"]


def test_nested_loops_multiply_and_the_innermost_loop_is_named(errors):
    with html.Div() as root:
        with html.Div(id="list"):
            with html.Div(v_for="i in n"):
                html.Span("{{ j }}", v_for="j in n")
    page = Page(root, n=200)  # 200 × 200 = 40,000 rows, each loop alone far under the limit
    assert MARKER.search(page.body).group(1) == "v_for rows over the limit"
    assert any("v_for='j in n'" in r.getMessage() for r in errors.records)
    assert len(page.body) < 5_000


@pytest.mark.parametrize("limits,what", [
    (RenderLimits(max_nodes=100), "elements"),
    (RenderLimits(max_chars=5_000), "characters of HTML"),
])
def test_elements_and_characters_are_bounded_too(limits, what):
    with html.Div() as root:
        with html.Div(id="list"):
            with html.Div(v_for="i in n"):
                html.Span("{{ text }}")
                html.Span("{{ text }}")
    page = Page(root, limits, n=60, text="x" * 100)
    assert MARKER.search(page.body).group(1) == f"{what} over the limit"


def test_a_huge_v_html_value_is_bounded_by_characters():
    with html.Div() as root:
        html.Div(id="list", v_html="blob")
        html.Div("{{ count }}", id="count")
    page = Page(root, RenderLimits(max_chars=100_000), blob="<b>x</b>" * 50_000, count=7)
    assert MARKER.search(page.body)
    assert ">7</div>" in page.body, "the rest of the page renders"


def test_time_is_bounded_when_every_row_is_slow():
    ctrl_calls = []

    def slow(i):
        ctrl_calls.append(i)
        time.sleep(0.005)
        return i

    with html.Div() as root:
        html.Div(html.Span("{{ trigger('slow', [i]) }}", v_for="i in n"), id="list")
        html.Div("{{ count }}", id="count")
    page = Page(root, RenderLimits(max_seconds=0.1), n=2_000, count=3)
    page.ctrl.trigger("slow")(slow)
    body = page.renderer.render_page_body()
    assert MARKER.search(body).group(1) == "seconds of rendering over the limit"
    assert len(ctrl_calls) < 200, f"{len(ctrl_calls)} slow rows ran past a 0.1 s budget"
    assert ">3</div>" in body, "small fragments after the time ran out still render"


def test_one_budget_per_flush_what_a_failed_fragment_used_is_given_back():
    with html.Div() as root:
        html.Div(html.Span("{{ i }}", v_for="i in a"), id="list")
        html.Div(html.Span("{{ i }}", v_for="i in b"), id="other")
        html.Div(html.Span("{{ i }}", v_for="i in c"), id="third")
    page = Page(root, RenderLimits(max_rows=100), a=1, b=1, c=1)
    with page.state:
        page.state.a, page.state.b, page.state.c = 60, 60, 30
    batch = page.session.take(0)
    marked = [fid for fid, out in batch.fragments.items() if "data-ht-error" in out]
    assert len(marked) == 1, "60 + 60 + 30 rows in one flush: exactly one list is over 100"
    assert sum(out.count("<span>") for out in batch.fragments.values()) == 90


def test_events_inside_a_marked_fragment_are_unknown():
    with html.Div() as root:
        with html.Div(id="list"):
            html.Button("x", v_for="i in n", click="count += i")
    page = Page(root, RenderLimits(max_rows=10), n=3, count=0)
    iid = re.search(r'data-ht="([^"]+)"', page.body).group(1)
    with page.state:
        page.state.n = 50
    with pytest.raises(InputError) as info:
        dispatch(page.renderer, page.ctrl, iid, "click")
    assert info.value.code == "unknown-element"
    assert page.state.count == 0


def test_server_options_set_the_limits():
    server = Server("limits_options", render_max_rows=5, render_max_seconds=0.5, expression_max_seconds=0.1)
    assert server.render_limits.max_rows == 5
    assert server.render_limits.max_seconds == 0.5
    assert server.render_limits.expression_seconds == 0.1
    assert server.render_limits.max_nodes == RenderLimits().max_nodes
    with pytest.raises(ValueError, match="render_max_rows"):
        Server("limits_bad", render_max_rows=0)


# -- expressions: time, not only steps ------------------------------------------------

BIG = "x" * 1_000_000
# Within the step budget, but seconds of work on a megabyte string before this fix.
SLOW = "big.replaceAll('x', 'y').replaceAll('y', 'x').replaceAll('x', 'y').replaceAll('y', 'x').length"


def test_an_expression_over_a_megabyte_is_stopped_by_time():
    ctx = Context(lookup={"big": BIG}.__getitem__)
    with pytest.raises(ExpressionError, match="time limit"):
        compile_expr(SLOW).evaluate(ctx)


def test_the_expression_time_limit_is_configurable_and_cheap_expressions_never_read_the_clock():
    expr = compile_expr("big.split('').reverse().join('').length")
    with pytest.raises(ExpressionError, match="time limit"):
        expr.evaluate(Context(lookup={"big": BIG}.__getitem__, max_seconds=0.000_001))
    assert compile_expr("a + 1").evaluate(Context(lookup={"a": 1}.__getitem__, max_seconds=0.000_001)) == 2


def test_a_spent_render_deadline_stops_expressions_at_once():
    ctx = Context(lookup={"big": BIG}.__getitem__, deadline=time.monotonic() - 1)
    with pytest.raises(ExpressionError, match="time limit"):
        compile_expr("big.split('').length").evaluate(ctx)


def test_event_handlers_get_the_expression_time_limit():
    with html.Div() as root:
        html.Button("go", id="go", click=f"out = {SLOW}")
    page = Page(root, RenderLimits(expression_seconds=0.01), big=BIG, out=0)
    with pytest.raises(HandlerError, match="time limit"):
        page.send("go", "click")
    assert page.state.out == 0


def test_the_renderer_passes_its_limits_to_expressions():
    with html.Div() as root:
        html.Div("{{ " + SLOW + " }}", id="out")
    rend = Renderer(State(ready=True), root, limits=RenderLimits(expression_seconds=0.01))
    rend.state.big = BIG
    started = time.monotonic()
    out = rend.render_page_body()
    assert "class=\"ht-error\"" in out and "time limit" in out
    assert time.monotonic() - started < 5  # generous; it ran for seconds before

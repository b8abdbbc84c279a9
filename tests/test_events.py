"""Input from the page: dispatch of (element, event, value), coercion, refusals."""

from __future__ import annotations

import logging
import re

import pytest

from htmxtrame.controller import Controller
from htmxtrame.events import HandlerError, InputError, dispatch
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.widgets import html


class App:
    """A rendered page; ``iid(dom_id)`` gives the instance id events name."""

    def __init__(self, build, **values) -> None:
        self.pushed: list[dict] = []
        self.state = State(commit_fn=self.pushed.append, ready=True)
        self.state.update(values)
        self.state.flush()
        self.pushed.clear()
        self.ctrl = Controller()
        with html.Div() as root:
            build(self.ctrl)
        self.renderer = Renderer(self.state, root)
        self.body = self.renderer.render_page_body()

    def iid(self, dom_id: str) -> str:
        m = re.search(rf'<\w+ [^>]*id="{dom_id}"[^>]*data-ht="([^"]+)"', self.body)
        assert m, f"#{dom_id} handles no events in {self.body}"
        return m.group(1)

    def send(self, dom_id: str, event: str, value=None, payload=None) -> None:
        dispatch(self.renderer, self.ctrl, self.iid(dom_id), event, value, payload)


def inputs(ctrl: Controller) -> None:
    html.Input(id="range", type="range", v_model=("level", 0))
    html.Input(id="num", type="number", v_model=("amount", 0))
    html.Input(id="text", type="text", v_model=("name", ""))
    html.Input(id="trim", v_model_trim=("tag", ""))
    html.Input(id="check", type="checkbox", v_model=("flag", False))
    html.Input(id="radio", type="radio", value="b", v_model=("pick", "a"))
    with html.Select(id="sel", v_model=("choice", "1")):
        html.Option("one", value="1")
        html.Option("two", value="2")


@pytest.fixture
def app() -> App:
    return App(inputs, level=0, amount=0, name="", tag="", flag=False, pick="a", choice="1")


# -- model writes and coercion ---------------------------------------------------------------

@pytest.mark.parametrize(
    "dom_id, event, raw, key, expected",
    [
        ("range", "input", "7", "level", 7),
        ("range", "input", 7.0, "level", 7),
        ("num", "input", "2.5", "amount", 2.5),
        ("num", "input", " 12 ", "amount", 12),
        ("num", "input", -3, "amount", -3),
        ("text", "input", "hello", "name", "hello"),
        ("text", "input", "42", "name", "42"),
        ("trim", "input", "  padded  ", "tag", "padded"),
        ("check", "change", True, "flag", True),
        ("radio", "change", "anything", "pick", "b"),
        ("sel", "change", "2", "choice", "2"),
    ],
)
def test_model_write_coerces_and_flushes(app, dom_id, event, raw, key, expected):
    app.send(dom_id, event, raw)
    assert app.state[key] == expected
    assert type(app.state[key]) is type(expected)
    assert not app.state.is_dirty(key), "dispatch flushes"
    assert app.pushed == [{key: expected}]


def test_model_write_runs_change_listeners(app):
    seen = []
    app.state.change("level")(lambda level, **_: seen.append(level))
    app.send("range", "input", "9")
    assert seen == [9]


@pytest.mark.parametrize(
    "dom_id, event, raw",
    [
        ("range", "input", "abc"),
        ("range", "input", True),
        ("range", "input", None),
        ("range", "input", [1]),
        ("num", "input", "Infinity"),
        ("num", "input", "nan"),
        ("num", "input", {"x": 1}),
        ("check", "change", "true"),
        ("check", "change", 1),
        ("text", "input", 5),
        ("text", "input", None),
        ("sel", "change", ["1"]),
    ],
)
def test_wrong_value_type_is_refused_and_state_unchanged(app, dom_id, event, raw):
    before = app.state.to_dict()
    with pytest.raises(InputError) as info:
        app.send(dom_id, event, raw)
    assert info.value.code == "bad-value"
    assert "takes" in str(info.value), "the message says what the input takes"
    assert app.state.to_dict() == before
    assert app.pushed == []


def test_unknown_element_is_refused(app):
    before = app.state.to_dict()
    with pytest.raises(InputError, match="no element 'ht999999' on this page") as info:
        dispatch(app.renderer, app.ctrl, "ht999999", "input", "1")
    assert info.value.code == "unknown-element"
    assert app.state.to_dict() == before


def test_unknown_event_is_refused(app):
    with pytest.raises(InputError, match="does not handle 'click' events") as info:
        app.send("range", "click", "1")
    assert info.value.code == "unknown-event"
    # a text input carries its model on 'input'; 'change' writes nothing
    with pytest.raises(InputError):
        app.send("text", "change", "x")
    assert app.state.name == ""


def test_non_string_ids_are_refused(app):
    with pytest.raises(InputError) as info:
        dispatch(app.renderer, app.ctrl, 12, "input", "1")
    assert info.value.code == "bad-message"


# -- event handlers ----------------------------------------------------------------------------------

def test_click_on_controller_proxy_bound_late():
    def build(ctrl):
        html.Button("+", id="inc", click=ctrl.increment)

    app = App(build, count=0)

    def increment():
        app.state.count += 1

    app.ctrl.increment = increment
    app.send("inc", "click")
    app.send("inc", "click")
    assert app.state.count == 2
    assert app.pushed == [{"count": 1}, {"count": 2}]


def test_click_with_expression_and_event_payload():
    def build(ctrl):
        html.Button("+", id="inc", click="count += 1")
        html.Input(id="key", keyup="last = $event.key")

    app = App(build, count=0, last="")
    app.send("inc", "click")
    app.send("key", "keyup", payload={"key": "Enter"})
    assert app.state.count == 1 and app.state.last == "Enter"


def test_click_with_function_and_args_from_state():
    got = []

    def build(ctrl):
        html.Button(id="b", click=(lambda a, b, scale=1: got.append((a, b, scale)), "[count, 'x']", "{scale: 3}"))

    app = App(build, count=5)
    app.send("b", "click")
    assert got == [(5, "x", 3)]


def test_trigger_from_expression_calls_python():
    def build(ctrl):
        html.Button(id="b", click="result = trigger('double', [n])")

    app = App(build, n=4, result=0)
    app.ctrl.trigger("double")(lambda x: x * 2)
    app.send("b", "click")
    assert app.state.result == 8


def test_handler_raising_is_handler_error_and_earlier_changes_are_flushed(caplog):
    def build(ctrl):
        html.Button(id="b", click=ctrl.broken)

    app = App(build, step=0)

    def broken():
        app.state.step = 1
        raise ZeroDivisionError("app bug")

    app.ctrl.broken = broken
    with caplog.at_level(logging.ERROR, logger="htmxtrame.events"):
        with pytest.raises(HandlerError, match="ZeroDivisionError: app bug"):
            app.send("b", "click")
    assert app.state.step == 1
    assert not app.state.is_dirty("step")
    assert app.pushed == [{"step": 1}], "what the handler changed before raising reaches the pages"
    assert "Traceback" in caplog.text and "app bug" in caplog.text


def test_unbound_controller_is_handler_error():
    def build(ctrl):
        html.Button(id="b", click=ctrl.nothing_here)

    app = App(build)
    with pytest.raises(HandlerError, match="FunctionNotImplementedError"):
        app.send("b", "click")


def test_model_and_handler_on_the_same_event_write_before_the_handler():
    seen = []

    def build(ctrl):
        html.Input(id="t", v_model=("q", ""), input=lambda: seen.append(app.state.q))

    app = App(build, q="")
    app.send("t", "input", "typed")
    assert seen == ["typed"]

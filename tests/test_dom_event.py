"""``$event`` of a DOM event: what the page is asked to send and do, and what handlers read.

The page prevents the default itself when a handler's statement calls
``$event.preventDefault()`` (``data-ht-dom`` flag ``p``), and sends a capped
snapshot of the target (``t``) or currentTarget (``c``) only to handlers
reading more of it than an input's value; a click that reads nothing
sends nothing more than before.
"""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import HandlerError
from htmxtrame.expr import UNDEFINED
from htmxtrame.expr.domevent import dom_use
from htmxtrame.widgets import html

from test_events import App

MENU = """
    $event.preventDefault();
    menuX = $event.clientX;
    menuY = $event.clientY;
    menuShow = $event.srcElement.textContent;
"""


def _attrs(app: App, dom_id: str) -> dict[str, str]:
    tag = re.search(rf'<\w+ [^>]*id="{dom_id}"[^>]*>', app.body)
    assert tag, app.body
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def build(ctrl) -> None:
    html.Div("Hello.txt", id="list", contextmenu=MENU)
    html.Button("+", id="bare", click="count += 1")
    html.Input(id="name", input="name = $event.target.value")
    html.Div(id="who", click="who = $event.currentTarget.dataset.who + ':' + $event.target.tagName", data_who="me")
    html.Div(id="stop", click="$event.stopPropagation(); $event.stopImmediatePropagation(); count = 5")
    html.Div(id="odd", click="x = [$event.nothing, $event.target.nothing, typeof $event.srcElement.foo]")
    html.Div(id="maybe", keydown="$event.key === 'Enter' && $event.preventDefault(); key = $event.key")


@pytest.fixture
def app() -> App:
    return App(build, count=0, name="", menuShow=False, menuX=0, menuY=0, who="", x=None, key="")


def test_the_page_is_told_which_handlers_prevent_the_default_and_read_the_element(app: App) -> None:
    assert _attrs(app, "list")["data-ht-dom"] == "contextmenu:pt"
    assert _attrs(app, "who")["data-ht-dom"] == "click:tc"
    # reading nothing, or only an input's value, asks for nothing more than before
    assert "data-ht-ev" not in _attrs(app, "bare") and "data-ht-dom" not in _attrs(app, "bare")
    assert _attrs(app, "name")["data-ht-ev"] == "input" and "data-ht-dom" not in _attrs(app, "name")
    # a conditional preventDefault() is not decided on the page (it would prevent every key)
    assert "data-ht-dom" not in _attrs(app, "maybe")


@pytest.mark.parametrize(("source", "flags"), [
    (MENU, "pt"), ("$event.preventDefault()", "p"), ("a = 1, $event.preventDefault()", "p"),
    ("[$event.target]", "t"), ("v = $event.target[key]", "t"), ("v = $event.target.value", ""),
    ("v = $event.srcElement.checked", ""), ("[$event]", ""), ("x = $event.key", ""), ("count += 1", ""),
    ("c = $event.currentTarget.id; $event.preventDefault()", "pc"), ("f(() => $event.preventDefault())", ""),
])
def test_flags_come_from_the_compiled_handler(source: str, flags: str) -> None:
    assert dom_use(source) == flags


def test_a_context_menu_handler_reads_the_element_text_and_prevents_the_default(app: App) -> None:
    app.send("list", "contextmenu", payload={
        "type": "contextmenu", "clientX": 120, "clientY": 40, "button": 2, "defaultPrevented": True,
        "target": {"tagName": "DIV", "textContent": "Hello.txt", "innerText": "Hello.txt", "dataset": {}},
    })
    assert (app.state.menuShow, app.state.menuX, app.state.menuY) == ("Hello.txt", 120, 40)


def test_event_methods_and_unknown_properties(app: App) -> None:
    app.send("stop", "click", payload={"type": "click"})
    assert app.state.count == 5
    app.send("odd", "click", payload={"type": "click", "target": {"tagName": "DIV"}})
    assert app.state.x == [UNDEFINED, UNDEFINED, "undefined"]  # undefined, never an error
    app.send("who", "click", payload={"type": "click", "target": {"tagName": "SPAN"},
                                      "currentTarget": {"tagName": "DIV", "dataset": {"who": "me"}}})
    assert app.state.who == "me:SPAN"


def test_a_page_sending_odd_event_data_gets_a_clear_error_and_changes_nothing(app: App) -> None:
    with pytest.raises(HandlerError, match="Cannot read properties of undefined"):
        app.send("list", "contextmenu", payload={"type": "contextmenu", "clientX": 1})  # no target at all
    with pytest.raises(HandlerError, match="Cannot read properties of"):
        app.send("list", "contextmenu", payload={"type": "contextmenu", "srcElement": None, "target": 5})
    app.send("list", "contextmenu", payload={"type": "contextmenu", "target": {"textContent": ["x"]}})
    assert app.state.menuShow == ["x"]  # data stays data

"""What trame apps use from trame's browser helpers: ``utils.*`` in event
expressions and ``SizeObserver`` (trame.widgets.trame / client)."""

from __future__ import annotations

import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import client, html
from htmxtrame.widgets import trame as trame_widgets


def new_server() -> Server:
    return Server(f"ports-{uuid.uuid4().hex[:8]}")


def test_utils_download_saves_a_triggers_text_and_a_state_value(sim_user):
    server = new_server()
    server.state.notes = "kept in the state"

    @server.trigger("make_text")
    def make_text():
        return "made by the server"

    with DivLayout(server):
        html.Button("Method", id="m", click="utils.download('method.txt', trigger('make_text'), 'text/plain')")
        html.Button("State", id="s", click="utils.download('state.txt', notes, 'text/plain')")
        html.Button("Bytes", id="b", click="utils.download('data.bin', trigger('raw'))")

    @server.trigger("raw")
    def raw():
        return b"\x00\x01binary"

    user = sim_user(server)
    user.click("#m")
    user.click("#s")
    user.click("#b")
    got = [(d.filename, d.content, d.mime) for d in user.downloads]
    assert got == [
        ("method.txt", b"made by the server", "text/plain"),
        ("state.txt", b"kept in the state", "text/plain"),
        ("data.bin", b"\x00\x01binary", "application/octet-stream"),
    ]


def test_utils_download_of_nothing_is_a_clear_error_and_saves_nothing(sim_user):
    server = new_server()
    with DivLayout(server):
        html.Button("Broken", id="x", click="utils.download('a.txt', missing_key)")
    user = sim_user(server)
    with pytest.raises(Exception, match="needs text or bytes"):
        user.click("#x")
    assert user.downloads == []


def test_utils_vtk_event_safe_and_tree_reach_the_handler(sim_user):
    server = new_server()
    seen = []
    with DivLayout(server):
        html.Button("Go", id="go", click=(seen.append,
                                          "[[utils.vtk.event({type: 'Start', position: [1, 2], extra: 3}),"
                                          " utils.safe(5), utils.tree({a: [1], b: null})]]"))
    sim_user(server).click("#go")
    event, same, tree = seen[0]
    assert event == {"type": "Start", "position": [1, 2]}
    assert same == 5
    assert tree == [{"id": "_0", "name": "a: []", "children": [{"id": "_0_0", "name": "1"}]},
                    {"id": "_1", "name": "b: null"}]


def test_utils_get_says_there_is_no_window_on_the_server(sim_user):
    server = new_server()
    with DivLayout(server):
        html.Button("Go", id="go", click="x = utils.get('location.href')")
    with pytest.raises(Exception, match="window"):
        sim_user(server).click("#go")


def report(width=640.5, height=480, ratio=2, **extra):
    size = {"x": 0, "y": 10, "width": width, "height": height, "top": 10, "right": width, "bottom": 490, "left": 0}
    return {"type": "resize", "size": size, "pixelRatio": ratio, "dpi": 96 * ratio, **extra}


def test_size_observer_puts_the_reported_size_in_the_state(sim_user):
    server = new_server()
    with DivLayout(server):
        with trame_widgets.SizeObserver("figure_size", id="obs"):
            html.Span("inside")
    user = sim_user(server)
    assert user.find("#obs").get("data-ht-size") == "figure_size"
    assert "width: 100%" in user.find("#obs").get("style")
    user.should_see("inside")
    user.fire("#obs", "resize", **report())
    assert server.state.figure_size == {
        "size": {"x": 0, "y": 10, "width": 640.5, "height": 480, "top": 10, "right": 640.5, "bottom": 490, "left": 0},
        "pixelRatio": 2, "dpi": 192, "name": "figure_size",
    }


@pytest.mark.parametrize("bad", [
    {"type": "resize"},
    report(width=-5),
    report(width=float("inf")),
    report(height="tall"),
    report(ratio=0),
    report(width=10**9),
])
def test_size_observer_refuses_reports_that_are_not_sizes(sim_user, bad):
    server = new_server()
    server.state.figure_size = None
    with DivLayout(server):
        trame_widgets.SizeObserver("figure_size", id="obs")
    user = sim_user(server)
    user.fire("#obs", "resize", **bad)
    assert server.state.figure_size is None


def test_client_size_observer_is_the_same_widget_and_needs_a_key_name():
    assert client.SizeObserver is trame_widgets.SizeObserver
    with pytest.raises(TypeError, match="state key"):
        trame_widgets.SizeObserver("not a name")


def test_console_log_writes_to_the_server_log(sim_user, caplog):
    import logging

    server = new_server()
    with DivLayout(server):
        html.Button("Go", id="go", click="console.log('clicked', 1 + 1, {a: 1})")
    with caplog.at_level(logging.INFO, logger="htmxtrame.console"):
        sim_user(server).click("#go")
    assert "clicked 2 [object Object]" in caplog.text


def test_browser_objects_say_they_do_not_exist_on_the_server(sim_user):
    server = new_server()
    with DivLayout(server):
        html.Button("Open", id="open", click="popup = window.open('/?ui=other')")
    with pytest.raises(Exception, match="'window' is the browser's"):
        sim_user(server).click("#open")

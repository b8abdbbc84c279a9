"""What the third security probe found, each pinned by a test.

* ``max_sessions_per_client`` (and the websocket and upload caps per
  client) keyed clients by their whole address: an IPv6 client owning a
  /64 could take a fresh address for each session. IPv6 clients now count
  by their /64.
* a refused input (a value no option offers, a control rendered disabled
  that a probe re-enabled in its page) left the page showing the refused
  value: the state had not changed, so nothing was re-rendered. The
  control's fragment is now sent again, from the state, to that page.
* every refused message wrote a log line (a failing handler, a traceback):
  500 messages a second per socket filled the operator's disk. Each kind of
  line is now written at most 5 times a second per page (bursts of 20),
  the next one saying how many were left out.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from htmxtrame.client_address import client_key
from htmxtrame.log_budget import LogBudget
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

from .conftest import Live

# -- an IPv6 client counts by its /64 ----------------------------------------------


def test_client_keys_group_an_ipv6_64_and_keep_ipv4_addresses_apart() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("10.0.0.1") == "10.0.0.1" != client_key("10.0.0.2")
    assert client_key("::ffff:10.0.0.1") == "10.0.0.1"  # an IPv4 client seen through an IPv6 socket
    assert client_key("fe80::1%eth0") == "fe80::/64"
    assert client_key(None) == client_key("") == "?"
    assert client_key("unix-socket") == "unix-socket"


def _sessions_app(**options: Any) -> Any:
    from htmxtrame.scopes import serve_per_session

    def ui(server: Any) -> None:
        with DivLayout(server):
            html.Div("{{ mine }}", id="mine")
        server.state.mine = 0

    return serve_per_session(ui, "probe3_sessions", secret_key="k", **options)


def test_an_ipv6_client_cannot_fill_max_sessions_from_fresh_addresses_of_its_64() -> None:
    server = _sessions_app(max_sessions=30, max_sessions_per_client=5)
    try:
        app = server.flask_app()
        for i in range(40):  # a fresh address of the same /64 per session, cookies kept
            http = app.test_client()
            addr = f"2001:db8:aa:bb::{i + 1:x}"
            assert http.get("/", environ_base={"REMOTE_ADDR": addr}).status_code == 200
            http.get("/", environ_base={"REMOTE_ADDR": addr})
        assert len(server.sessions) == 5  # its own oldest made room each time
        visitor = app.test_client().get("/", environ_base={"REMOTE_ADDR": "2001:db8:aa:cc::1"})
        assert visitor.status_code == 200  # another /64 is another client
        assert len(server.sessions) == 6
    finally:
        server.sessions.close_all()


# -- a refused input shows the state again ------------------------------------------


def test_a_refused_value_sends_the_controls_fragment_back_to_that_page_only(live: Live) -> None:
    prober, other = live.client(), live.client()
    live.state.checked = True
    live.state.flush()
    prober.wait(lambda m: "checked" in m.get("dirty", ()))
    other.wait(lambda m: "checked" in m.get("dirty", ()))
    prober.ev("check", "change", "yes")  # a checkbox takes true or false
    frame = prober.wait(lambda m: "error" in m)
    assert frame["error"]["code"] == "bad-value"
    if "content" not in frame:
        frame = prober.wait(lambda m: "content" in m)
    assert 'id="check"' in frame["content"] and "checked" in frame["content"]
    assert live.state.checked is True
    other.alive()
    prober.wait(lambda m: "count" in m.get("dirty", ()))  # the other page's click, shown here too
    prober.alive()


def test_refused_input_re_renders_at_most_a_bounded_number_of_times_a_second(live: Live) -> None:
    prober = live.client()
    before = live.server._scope.renderer("main").render_count
    for _ in range(200):
        prober.ev("check", "change", "yes")
    prober.alive()
    renders = live.server._scope.renderer("main").render_count - before
    assert renders <= 2 * 20 + 10  # the burst of re-renders, a few refilled, the click's own


# -- log lines a visitor causes are bounded ---------------------------------------


def test_a_flood_of_refused_messages_writes_a_bounded_number_of_log_lines(live: Live, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="htmxtrame")
    prober = live.client()
    for i in range(300):
        prober.send({"t": "ev", "id": f"forged{i}", "ev": "click"})
    for _ in range(300):
        prober.send("{not json")
    for _ in range(300):
        prober.ev("boom", "click")  # its handler raises: a traceback each
    prober.alive()
    lines = [r for r in caplog.records if r.name.startswith("htmxtrame")]
    assert len(lines) <= 4 * 25, len(lines)
    assert any("refused input" in r.getMessage() for r in lines)
    assert any("raised" in r.getMessage() for r in lines)
    # another page's lines are its own: not silenced by the flood
    caplog.clear()
    live.client().send({"t": "ev", "id": "forged", "ev": "click"})
    deadline = time.monotonic() + 5
    while not any("refused input" in r.getMessage() for r in caplog.records):
        assert time.monotonic() < deadline, "the other page's refusal was not logged"
        time.sleep(0.02)


def test_lines_past_the_budget_are_counted_in_the_next_line_written(caplog) -> None:
    budget = LogBudget(rate=50.0, burst=2)
    log = logging.getLogger("htmxtrame.test_budget")
    caplog.set_level(logging.WARNING, logger="htmxtrame.test_budget")
    written = [budget.log(log, logging.WARNING, "refused %s", i) for i in range(5)]
    assert written == [True, True, False, False, False]
    time.sleep(0.05)  # refills
    assert budget.log(log, logging.WARNING, "refused %s", "last")
    assert "more like this were not logged" in caplog.records[-1].getMessage()
    assert "refused last" in caplog.records[-1].getMessage()


@pytest.mark.parametrize("kind", ["a", "b"])
def test_each_kind_has_its_own_budget(kind: str) -> None:
    budget = LogBudget(rate=0.001, burst=3)
    log = logging.getLogger("htmxtrame.test_budget")
    assert [budget.log(log, logging.WARNING, kind) for _ in range(4)] == [True, True, True, False]
    assert budget.log(log, logging.WARNING, "other " + kind)


# -- a :style object cannot add declarations of its own ------------------------------


def _rendered(build_ui: Any, **values: Any) -> str:
    from htmxtrame.render import Renderer
    from htmxtrame.state import State

    state = State(ready=True)
    state.update(values)
    state.flush()
    with html.Div() as root:
        build_ui()
    return Renderer(state, root).render_page_body()


def test_a_style_object_value_from_state_cannot_add_css_declarations() -> None:
    body = _rendered(
        lambda: html.Div(id="badge", style=("{color: c, backgroundImage: img, width: '3px'}",)),
        c="red; position: fixed; inset: 0; z-index: 9999",
        img="url(data:image/png;base64,AAAA)",
    )
    assert "position" not in body and "z-index" not in body
    assert "background-image: url(data:image/png;base64,AAAA)" in body  # a ; inside url() is part of the value
    assert "width: 3px" in body


def test_a_style_object_key_from_state_cannot_add_css_declarations() -> None:
    body = _rendered(lambda: html.Div(id="badge", style=("styles",)),
                     styles={"color: red; position: fixed; top": "0", "fontWeight": "bold"})
    assert "position" not in body and "font-weight: bold" in body


# -- a download's name from a visitor cannot break its header -------------------------


@pytest.mark.parametrize("name, shown", [
    ("report\r\nSet-Cookie: x=1.txt", 'filename="report__Set-Cookie: x=1.txt"'),
    ("\ud800x.txt", "filename=_x.txt"),
    ("../../etc/passwd", "filename=_.._etc_passwd"),
    ("a\x00b.csv", "filename=a_b.csv"),
])
def test_a_download_named_by_a_visitor_is_served_under_a_safe_name(name: str, shown: str) -> None:
    from htmxtrame.files import download_call

    from .app_under_test import build

    http = build("probe3_download").flask_app().test_client()
    token = download_call(b"data", filename=name, mime="text/csv\r\nX-Evil: 1")["download"]["token"]
    resp = http.get(f"/__htmxtrame/download/{token}")
    assert resp.status_code == 200  # was 500 for the CR/LF and the lone surrogate
    assert shown in resp.headers["Content-Disposition"]
    assert "X-Evil" not in resp.headers and resp.headers["Content-Type"] == "application/octet-stream"
    assert resp.get_data() == b"data"


def test_a_long_download_name_keeps_its_extension() -> None:
    from htmxtrame.files import MAX_FILENAME, safe_filename

    name = safe_filename("x" * 5000 + ".csv")
    assert len(name) == MAX_FILENAME and name.endswith(".csv")


def test_a_clamped_slider_value_is_sent_back_even_when_the_state_already_holds_it(live: Live) -> None:
    prober = live.client()
    live.state.slider_value = 100
    live.state.flush()
    prober.wait(lambda m: "slider_value" in m.get("dirty", ()))
    prober.ev("slider", "input", "1e9")  # the slider's max is 100
    frame = prober.wait(lambda m: 'id="slider"' in m.get("content", ""))
    assert 'value="100"' in frame["content"]
    assert live.state.slider_value == 100
    prober.alive()


# -- a multiple select takes each option once ---------------------------------------


def test_a_multiple_select_refuses_a_value_sent_more_than_once() -> None:
    from htmxtrame.events import InputError

    from .test_probe_findings_2 import Page

    def ui() -> None:
        with html.Select(id="tags", multiple=True, v_model=("tags", [])):
            html.Option("{{ o }}", v_for="o in opts", value=("o",))

    page = Page(ui, tags=[], opts=[f"o{i}" for i in range(300)])
    with pytest.raises(InputError, match="at most once"):
        page.send("tags", "change", ["o1"] * 150_000)  # accepted before: every render of the select took over 1 s
    assert page.state.tags == []
    page.send("tags", "change", ["o1", "o2"])
    assert page.state.tags == ["o1", "o2"]


def test_websocket_and_upload_caps_count_the_requests_64() -> None:
    from flask import Flask

    from htmxtrame.client_address import request_client

    app = Flask(__name__)
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "2001:db8:5:6:7::9"}):
        assert request_client() == "2001:db8:5:6::/64"


def test_uploads_of_one_64_share_its_quota() -> None:
    import io

    from .app_under_test import build

    server = build("probe3_uploads", max_upload_bytes_per_client=4096)
    http = server.flask_app().test_client()

    def upload(addr: str) -> int:
        data = {"files": (io.BytesIO(b"x" * 3000), "a.bin")}
        return http.post("/__htmxtrame/upload", data=data, content_type="multipart/form-data",
                         environ_base={"REMOTE_ADDR": addr}).status_code

    assert upload("2001:db8:7:7::1") == 200
    assert upload("2001:db8:7:7::2") == 429  # another address of the same /64: the same client
    assert upload("2001:db8:7:8::1") == 200  # another /64


# -- async tasks a page's events start are capped ------------------------------------


def _slow_tasks_server(**options: Any) -> Any:
    import asyncio

    from htmxtrame.server import Server

    server = Server("probe3_tasks", **options)
    running: list[int] = []

    async def slow() -> None:
        running.append(1)
        try:
            await asyncio.sleep(60)
        finally:
            running.pop()

    server.controller.slow = slow
    server.state.count = 0
    with DivLayout(server):
        html.Button("slow", id="slow", click=server.controller.slow)
        html.Button("+1", id="inc", click="count += 1")
        html.Div("{{ count }}", id="count")
    server.running_tasks = running  # type: ignore[attr-defined]
    return server


def test_a_page_cannot_start_async_tasks_without_end(warnings_log) -> None:
    server = _slow_tasks_server(max_tasks_per_page=5)
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        live = Live(server)
        prober = live.client()
        for _ in range(40):
            prober.ev("slow", "click")
        assert prober.error()["code"] == "too-many-tasks"
        prober.alive()  # its other input is still served
        _wait_for(lambda: len(server.running_tasks) == 5)  # the others were cancelled (before 40 ran on)
        assert "max_tasks_per_page" in warnings_log.text
        other = live.client()  # another page has its own allowance
        other.ev("slow", "click")
        other.alive()
        _wait_for(lambda: len(server.running_tasks) == 6)
        for c in live.clients:
            c.close()
    finally:
        server.stop()


def _wait_for(check: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_tasks_that_finished_make_room_again() -> None:
    class Task:
        def __init__(self) -> None:
            self.finished = self.cancelled = False

        def done(self) -> bool:
            return self.finished

        def cancel(self) -> None:
            self.cancelled = True

    from htmxtrame.transport.limits import admit_tasks

    running: list = []
    first = [Task(), Task()]
    assert admit_tasks(running, first, 2) == []
    late = Task()
    assert admit_tasks(running, [late], 2) == [late] and late.cancelled
    first[0].finished = True
    again = Task()
    assert admit_tasks(running, [again], 2) == [] and running == [first[1], again]
    assert admit_tasks(running, [Task() for _ in range(100)], None) == []  # None: no cap


# -- a route from a page cannot make the route regexes backtrack for seconds ----------


def test_a_route_of_more_than_max_segments_is_refused() -> None:
    import json

    from htmxtrame.routes import MAX_SEGMENTS, RouteError, check_route
    from htmxtrame.transport import wire

    path = "/" + "/".join(["a"] * 1000)  # 2,000 characters: under MAX_PATH
    with pytest.raises(wire.WireError, match="segments"):
        wire.decode(json.dumps({"t": "route", "path": path}))
    with pytest.raises(RouteError):
        check_route("/" + "/".join(["a"] * (MAX_SEGMENTS + 1)))
    assert check_route("/" + "/".join(["a"] * MAX_SEGMENTS) + "?q=/x/y/z#/h/i").startswith("/a")


def test_repeated_parameters_still_match_as_vue_router_does() -> None:
    from htmxtrame.routes import RouteTable

    routes = RouteTable()
    routes.add("/:a+/:b+/end", "two", None)
    routes.add("/files/:path*", "files", None)
    routes.add("/file-:name.txt", "file", None)
    route, params = routes.match("/x/y/z/end")
    assert route is not None and params == {"a": ["x", "y"], "b": ["z"]}
    assert routes.match("/files/a/b/c")[1] == {"path": ["a", "b", "c"]}
    assert routes.match("/file-notes.txt")[1] == {"name": "notes"}

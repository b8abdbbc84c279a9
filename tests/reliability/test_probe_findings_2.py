"""What the second outside security review found, each pinned by a test.

* a forged frame set a plain ``html.Select``'s ``v_model`` to a value none
  of its options offers (an admin-only choice, a disabled option, any text):
  a select now takes only the values of the options it was rendered with;
* a client that keeps its cookies (a page load, then a second request, so
  the session counts as used) filled ``max_sessions`` from one address and
  kept every new visitor out for the 30-minute idle timeout: sessions are
  now capped per client address too (``max_sessions_per_client``), and a
  full app frees an idle session of the address holding the most;
* the built-in server (``server.start()``) gave every connection a thread:
  a flood of idle connections made threads without end. Past
  ``max_connections`` a new connection now gets a 503 from the accept loop.
"""

from __future__ import annotations

import logging
import re
import socket
import time
from typing import Any

import pytest

from htmxtrame.controller import Controller
from htmxtrame.events import InputError, dispatch
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

from .app_under_test import build
from .conftest import Live

# -- a select takes only the values of its options ----------------------------------


class Page:
    """A rendered layout and the events a page (or a forged frame) sends it."""

    def __init__(self, build_ui: Any, **values: Any) -> None:
        self.state = State(ready=True)
        self.state.update(values)
        self.state.flush()
        self.ctrl = Controller()
        with html.Div() as root:
            build_ui()
        self.renderer = Renderer(self.state, root)
        self.body = self.renderer.render_page_body()
        self.state._flushed_fn = self._rerender

    def _rerender(self, delta: dict) -> None:
        # what a flush does for a connected page: the dirty fragments again
        for fid in self.renderer.dirty_fragments(delta):
            self.renderer.render_fragment(fid)

    def iid(self, dom_id: str) -> str:
        m = re.search(rf'<\w+ [^>]*id="{dom_id}"[^>]*data-ht="([^"]+)"', self.body)
        assert m, f"#{dom_id} handles no events"
        return m.group(1)

    def send(self, dom_id: str, event: str, value: Any = None) -> None:
        dispatch(self.renderer, self.ctrl, self.iid(dom_id), event, value)

    def refused(self, dom_id: str, value: Any, key: str) -> str:
        before = self.state[key]
        with pytest.raises(InputError) as info:
            self.send(dom_id, "change", value)
        assert self.state[key] == before
        return str(info.value)


def _fixed_options() -> None:
    with html.Select(id="role", v_model=("role", "viewer")):
        html.Option("Viewer", value="viewer")
        html.Option("Editor", value="editor")
        html.Option("Admin", value="admin", disabled=("!is_admin",))
        with html.Optgroup(label="more"):
            html.Option("Guest")  # no value: its text is its value


def test_a_plain_select_refuses_a_value_none_of_its_options_offers() -> None:
    p = Page(_fixed_options, role="viewer", is_admin=False)
    p.send("role", "change", "editor")
    assert p.state.role == "editor"
    p.send("role", "change", "Guest")
    assert p.state.role == "Guest"
    why = p.refused("role", "root", "role")
    assert "'root' is not one of the options" in why
    p.refused("role", "admin", "role")  # rendered disabled: no person could pick it
    p.refused("role", "", "role")


def test_an_option_enabled_later_is_accepted_then() -> None:
    p = Page(_fixed_options, role="viewer", is_admin=False)
    p.refused("role", "admin", "role")
    p.state.is_admin = True
    p.state.flush()
    p.send("role", "change", "admin")
    assert p.state.role == "admin"


def _looped_options() -> None:
    with html.Select(id="color", v_model=("color", "1")):
        html.Option("{{ c.name }}", v_for="c in colors", key="c.id", value=("c.id",))
    with html.Select(id="fruit", v_model=("fruit", "apple")):
        html.Option(" {{ f }} ", v_for="f in fruits")
    with html.Select(id="special", v_model=("special", "")):
        html.Option("fixed", value="fixed")
        html.Option("{{ label }}", value=("code",))  # an option updated on its own


def test_options_from_state_are_checked_against_what_the_state_says_now() -> None:
    p = Page(_looped_options, colors=[{"id": 1, "name": "red"}, {"id": 2, "name": "green"}],
             fruits=["apple", "kiwi & lime"], color="1", fruit="apple", special="", label="A", code="a")
    p.send("color", "change", "2")
    assert p.state.color == "2"
    p.refused("color", "3", "color")
    p.state.colors = [*p.state.colors, {"id": 3, "name": "blue"}]
    p.state.flush()
    p.send("color", "change", "3")
    assert p.state.color == "3"
    p.state.colors = [{"id": 1, "name": "red"}]
    p.state.flush()
    p.refused("color", "2", "color")  # removed since

    p.send("fruit", "change", "kiwi & lime")  # the text, unescaped and trimmed
    p.refused("fruit", "kiwi &amp; lime", "fruit")

    p.send("special", "change", "a")
    p.state.code = "b"
    p.state.flush()
    p.refused("special", "a", "special")
    p.send("special", "change", "b")
    assert p.state.special == "b"


def test_a_multiple_select_checks_every_value() -> None:
    def ui() -> None:
        with html.Select(id="tags", multiple=True, v_model=("tags", [])):
            html.Option("x", value="x")
            html.Option("y", value="y")

    p = Page(ui, tags=[])
    p.send("tags", "change", ["x", "y"])
    assert p.state.tags == ["x", "y"]
    p.send("tags", "change", [])
    assert p.state.tags == []
    assert "'evil' is not one of the options" in p.refused("tags", ["x", "evil"], "tags")


def test_selects_in_v_for_rows_check_their_own_row_options() -> None:
    def ui() -> None:
        with html.Div(v_for="row in rows"):
            with html.Select(id="pick", v_model=("row.pick",)):
                html.Option("{{ o }}", v_for="o in row.offers")

    p = Page(ui, rows=[{"pick": "a", "offers": ["a", "b"]}, {"pick": "c", "offers": ["c", "d"]}])
    iids = re.findall(r'data-ht="([^"]+)"', p.body)
    dispatch(p.renderer, p.ctrl, iids[0], "change", "b")
    assert p.state.rows[0]["pick"] == "b"
    with pytest.raises(InputError):
        dispatch(p.renderer, p.ctrl, iids[0], "change", "d")  # the other row's option
    dispatch(p.renderer, p.ctrl, iids[1], "change", "d")
    assert [r["pick"] for r in p.state.rows] == ["b", "d"]


def test_free_text_inputs_stay_free() -> None:
    def ui() -> None:
        html.Input(id="name", v_model=("name", ""), list="suggestions")
        with html.Datalist(id="suggestions"):
            html.Option(value="Ann")

    p = Page(ui, name="")
    p.send("name", "input", "anything at all")
    assert p.state.name == "anything at all"


def test_a_forged_select_value_gets_the_error_frame_and_a_log_line(warnings_log) -> None:
    server = build("probe_select")
    with DivLayout(server, template_name="select"):
        html.Button("+1", id="inc", click="count += 1")
        with html.Select(id="plan", v_model=("plan", "free")):
            html.Option("Free", value="free")
            html.Option("Pro", value="pro")
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        live = Live(server)
        live.url += "?ui=select"
        live.ws_url = live.ws_url.replace("ui=main", "ui=select")
        forger, other = live.client(), live.client()
        forger.ev("plan", "change", "enterprise")
        error = forger.error()
        assert error["code"] == "bad-value" and "not one of the options" in error["message"]
        assert server.state.plan == "free"
        assert any("'enterprise' is not one of the options" in r.getMessage() for r in warnings_log.records)
        other.ev("plan", "change", "pro")
        other.wait(lambda m: "plan" in m.get("dirty", ()))
        assert server.state.plan == "pro"
        forger.alive()
    finally:
        for c in live.clients:
            c.close()
        server.stop()


def test_radios_and_checkbox_groups_write_only_their_own_values() -> None:
    """A radio writes its own value and a checkbox true/false whatever the
    frame says; a group of boxes bound to one list adds or removes the box's
    own value (as in Vue: it wrote ``True`` over the whole list before)."""
    def ui() -> None:
        html.Input(id="size_s", type="radio", value="s", v_model=("size", "m"))
        html.Input(id="tag_a", type="checkbox", value="a", v_model=("tags", []))
        html.Input(id="tag_b", type="checkbox", value=("'b'",), v_model=("tags", []))

    p = Page(ui, size="m", tags=["a"])
    p.send("size_s", "change", "xxl")
    assert p.state.size == "s"
    p.send("tag_b", "change", True)
    assert p.state.tags == ["a", "b"]
    p.send("tag_a", "change", False)
    assert p.state.tags == ["b"]
    p.refused("tag_a", "evil", "tags")


# -- one client address cannot fill the browser sessions ----------------------------


def _sessions_app(**options: Any) -> Any:
    from htmxtrame.scopes import serve_per_session

    def ui(server: Any) -> None:
        with DivLayout(server):
            html.Button("+1", id="inc", click="mine += 1")
            html.Div("{{ mine }}", id="mine")
        server.state.mine = 0

    return serve_per_session(ui, "probe_sessions", secret_key="k", **options)


def _used_session(http: Any, addr: str) -> Any:
    """A page load, then a second request with its cookie: a session the drive-by sweep keeps."""
    first = http.get("/", environ_base={"REMOTE_ADDR": addr})
    if first.status_code == 200:
        http.get("/", environ_base={"REMOTE_ADDR": addr})
    return first


def _cookies_kept_by(server: Any, addr: str, n: int) -> list[int]:
    app = server.flask_app()
    codes = []
    for _ in range(n):
        http = app.test_client()  # a fresh cookie jar: a new session each time
        codes.append(_used_session(http, addr).status_code)
    return codes


def test_one_address_cannot_fill_max_sessions(warnings_log) -> None:
    server = _sessions_app(max_sessions=30, max_sessions_per_client=10)
    try:
        codes = _cookies_kept_by(server, "10.9.0.1", 60)  # twice the whole app's room
        assert codes == [200] * 60  # each new one took the place of its own oldest
        assert len(server.sessions) == 10
        visitor = server.flask_app().test_client()
        resp = visitor.get("/", environ_base={"REMOTE_ADDR": "10.9.0.2"})
        assert resp.status_code == 200
        assert len(server.sessions) == 11
    finally:
        server.sessions.close_all()


def test_a_full_app_frees_an_idle_session_of_the_address_holding_most(caplog) -> None:
    server = _sessions_app(max_sessions=12)  # the per-client cap (64) is above the app's
    try:
        caplog.set_level(logging.INFO, "htmxtrame.scopes")
        assert _cookies_kept_by(server, "10.9.1.1", 8) == [200] * 8
        assert _cookies_kept_by(server, "10.9.1.2", 4) == [200] * 4
        resp = server.flask_app().test_client().get("/", environ_base={"REMOTE_ADDR": "10.9.1.3"})
        assert resp.status_code == 200
        by_client = sorted(e.client for e in server.sessions._entries.values())
        assert by_client.count("10.9.1.1") == 7 and by_client.count("10.9.1.2") == 4
        assert "10.9.1.1 holds 8 sessions" in caplog.text
    finally:
        server.sessions.close_all()


def test_past_the_per_client_cap_with_every_page_open_a_new_session_gets_429(warnings_log) -> None:
    server = _sessions_app(max_sessions_per_client=3)
    try:
        app = server.flask_app()
        jars = [app.test_client() for _ in range(3)]
        for jar in jars:
            assert jar.get("/", environ_base={"REMOTE_ADDR": "10.9.2.1"}).status_code == 200
        for entry in server.sessions._entries.values():
            entry.scope.sessions.add(object())  # a page of each is connected
        resp = app.test_client().get("/", environ_base={"REMOTE_ADDR": "10.9.2.1"})
        assert resp.status_code == 429
        assert "already holds 3 browser sessions" in resp.get_data(as_text=True)
        assert resp.headers.get("Retry-After") == "30"
        assert "max_sessions_per_client" in warnings_log.text
        # its sessions keep working, and other addresses get theirs
        assert jars[0].get("/", environ_base={"REMOTE_ADDR": "10.9.2.1"}).status_code == 200
        assert app.test_client().get("/", environ_base={"REMOTE_ADDR": "10.9.2.2"}).status_code == 200
    finally:
        for entry in server.sessions._entries.values():
            entry.scope.sessions.clear()
        server.sessions.close_all()


# -- the built-in server's threads are capped ------------------------------------------


def _wait_until(check: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.01)


def _get(port: int, path: str = "/") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
        return data


@pytest.mark.parametrize("live", [{"max_connections": 6}], indirect=True)
def test_a_flood_of_idle_connections_cannot_take_every_thread(live: Live, warnings_log) -> None:
    import threading

    live.iid("inc")  # the page's ids, read before the flood
    page = live.client()  # an open websocket: one connection
    idle = []
    try:
        for _ in range(5):  # connect, then say nothing: each held a thread for request_timeout
            idle.append(socket.create_connection(("127.0.0.1", live.server.port), timeout=5))
        started = time.monotonic()
        # accepted in order, after the idle ones: the cap is reached by then
        answers = [_get(live.server.port)]
        threads = threading.active_count()
        answers += [_get(live.server.port) for _ in range(29)]
        assert time.monotonic() - started < 5
        for answer in answers:
            assert answer.startswith(b"HTTP/1.1 503"), answer[:60]
            assert b"Retry-After: 5" in answer and b"max_connections" in answer
        assert threading.active_count() <= threads + 1  # no thread per refused connection
        lines = [r for r in warnings_log.records if "max_connections" in r.getMessage()]
        assert 1 <= len(lines) <= 2, [r.getMessage() for r in lines]  # at most one a second
        page.alive()  # the open websocket keeps working
    finally:
        for s in idle:
            s.close()
    _wait_until(lambda: _get(live.server.port).startswith(b"HTTP/1.1 200"))  # room again, once they are gone


def test_max_connections_defaults_to_1000_and_reads_the_environment() -> None:
    from htmxtrame.transport.limits import Limits

    assert Limits.from_options({}, {}).max_connections == 1000
    assert Limits.from_options({}, {"HTMXTRAME_MAX_CONNECTIONS": "50"}).max_connections == 50
    assert Limits.from_options({}, {"HTMXTRAME_MAX_CONNECTIONS": "none"}).max_connections is None

"""serve_per_session against a live server: cookies, isolation, crafted frames, the cap, expiry."""

from __future__ import annotations

import json
import logging
import re
import time
import urllib.error
import urllib.request

import pytest
import websocket  # websocket-client

from htmxtrame.app import TrameApp
from htmxtrame.scopes import serve_per_session
from htmxtrame.scopes.serve import SessionServer
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

TIMEOUT = 5.0


def build(server):
    state, ctrl = server.state, server.controller
    state.mine = 0
    state.secret = f"secret of {server.sid[:6]}"

    def visit():
        server.shared.state.visits += 1

    ctrl.visit = visit
    with DivLayout(server):
        html.Button("+1", id="inc", click="mine += 1")
        html.Input(id="note", v_model=("note", ""), aria_label="note")
        html.Button("visit", id="visit", click=ctrl.visit)
        html.Div("mine {{ mine }} visits {{ visits }}", id="out")
        html.Div("{{ secret }}", id="secret")


@pytest.fixture(scope="module")
def server():
    srv = serve_per_session(build, "scopes-serve", max_sessions=4, secret_key="test key")
    srv.state.visits = 0
    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def fresh(server):
    server.sessions.close_all()
    yield


class Browser:
    """One cookie jar: its pages share a session."""

    def __init__(self, server, cookie: str | None = None) -> None:
        self.server = server
        self.cookie = cookie
        self.sockets: list = []

    def load(self) -> str:
        req = urllib.request.Request(f"http://localhost:{self.server.port}/")
        if self.cookie:
            req.add_header("Cookie", self.cookie)
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            set_cookie = resp.headers.get("Set-Cookie") or ""
            body = resp.read().decode()
        m = re.match(r"([^=]+=[^;]+)", set_cookie)
        if m:
            self.cookie = m.group(1)
        return body

    def connect(self):
        ws = websocket.create_connection(
            f"ws://localhost:{self.server.port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT,
            header=[f"Cookie: {self.cookie}"] if self.cookie else [],
        )
        ws.send(json.dumps({"t": "hello", "seq": -1}))
        body = wait_for(ws, lambda m: 'hx-target="#ht-app"' in m.get("content", ""))["content"]
        self.sockets.append(ws)
        return ws, dict(re.findall(r'id="([\w-]+)"[^>]*data-ht="([^"]+)"', body)), body

    def close(self) -> None:
        for ws in self.sockets:
            ws.close()


def wait_for(ws, pred) -> dict:
    deadline = time.monotonic() + TIMEOUT
    seen = []
    while time.monotonic() < deadline:
        try:
            msg = json.loads(ws.recv())
        except websocket.WebSocketTimeoutException:
            break
        if pred(msg):
            return msg
        seen.append(msg)
    raise AssertionError(f"no such message; got {seen}")


def shows(fid: str, text: str):
    return lambda m: re.search(rf'hx-target="#{fid}"[^>]*><[^>]*>[^<]*{re.escape(text)}', m.get("content", ""))


def send(ws, iid: str, ev: str = "click", value=None) -> None:
    ws.send(json.dumps({"t": "ev", "id": iid, "ev": ev, "value": value, "event": {"type": ev}}))


def test_two_browsers_get_their_own_state_and_share_the_servers(server):
    a, b = Browser(server), Browser(server)
    try:
        assert "mine 0" in a.load() and "mine 0" in b.load()
        assert a.cookie and b.cookie and a.cookie != b.cookie
        wa, ida, _ = a.connect()
        wb, idb, _ = b.connect()
        send(wa, ida["inc"])
        wait_for(wa, shows("out", "mine 1 visits 0"))
        send(wb, idb["visit"])
        wait_for(wb, shows("out", "mine 0 visits 1"))  # b's own count untouched by a's click
        wait_for(wa, shows("out", "mine 1 visits 1"))  # the shared key reaches a's page
        assert server.state.visits == 1 and len(server.sessions) == 2
    finally:
        a.close()
        b.close()
        server.state.visits = 0
        server.state.flush()


def test_tabs_of_one_browser_share_its_session(server):
    a = Browser(server)
    try:
        a.load()
        tab1, ids1, _ = a.connect()
        tab2, _, _ = a.connect()
        send(tab1, ids1["inc"])
        wait_for(tab2, shows("out", "mine 1 visits 0"))
        assert "mine 1" in a.load() and len(server.sessions) == 1
    finally:
        a.close()


def test_a_forged_cookie_gets_a_fresh_session_never_anothers(server):
    victim = Browser(server)
    try:
        victim.load()
        ws, ids, _ = victim.connect()
        send(ws, ids["inc"])
        wait_for(ws, shows("out", "mine 1"))
        name, value = victim.cookie.split("=", 1)
        sid = next(iter(server.sessions._entries))
        for forged in (f"{name}={sid}", f"{name}={value[:-3]}xyz", f"{name}={sid}.AAAA.BBBB"):
            mallory = Browser(server, forged)
            assert "mine 0" in mallory.load()
            assert mallory.cookie != forged  # a new signed cookie replaced it
        assert len(server.sessions) == 4
    finally:
        victim.close()


def test_crafted_frames_cannot_reach_another_sessions_state(server):
    a, b = Browser(server), Browser(server)
    try:
        a.load()
        b.load()
        wa, ida, body_a = a.connect()
        wb, idb, body_b = b.connect()
        assert ida["inc"] != idb["inc"]
        # b's element ids on a's socket: unknown on a's page.
        for iid in (idb["inc"], idb["note"], idb["visit"]):
            send(wa, iid, "input" if iid == idb["note"] else "click", "x")
            assert wait_for(wa, lambda m: "error" in m)["error"]["code"] == "unknown-element"
        # nothing on a's page names b's keys: the secret is not readable, nor writable
        assert "secret of" in body_b and body_b.split("secret of ")[1][:6] not in body_a
        send(wa, ida["note"], "input", "hello")
        wait_for(wa, lambda m: "dirty" in m and "note" in m["dirty"])
        entry_b = server.sessions.get(_sid(server, b))
        assert entry_b.server.state.mine == 0 and entry_b.server.state.note == ""
        assert "note" not in server.state  # the page's own key stays in its session
    finally:
        a.close()
        b.close()


def _sid(server, browser) -> str:
    from htmxtrame.scopes.cookie import unsign

    return unsign(browser.cookie.split("=", 1)[1], "test key")


def test_past_the_cap_a_new_browser_is_refused_with_a_clear_error(server, caplog):
    browsers = [Browser(server) for _ in range(4)]
    for br in browsers:
        br.load()
        br.connect()  # each has a page open: none may be freed for a newcomer
    with caplog.at_level(logging.WARNING, "htmxtrame.scopes"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            Browser(server).load()
        assert refused.value.code == 503
        assert "at most 4 browser sessions" in refused.value.read().decode()
        ws = websocket.create_connection(f"ws://localhost:{server.port}/__htmxtrame/ws?ui=main", timeout=TIMEOUT)
        opcode, data = ws.recv_data(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(data[:2], "big") == 1013 and b"at most 4 browser sessions" in data
        ws.close()
    assert "refused a new browser session" in caplog.text
    assert "mine 0" in browsers[0].load()  # the live sessions keep working
    for br in browsers:
        br.close()


def test_an_expired_session_is_freed_and_its_cookie_gets_a_fresh_state(server, caplog):
    a = Browser(server)
    a.load()
    ws, ids, _ = a.connect()
    send(ws, ids["inc"])
    wait_for(ws, shows("out", "mine 1"))
    ws.close()
    a.sockets.clear()
    deadline = time.monotonic() + TIMEOUT
    while len(server.sessions.get(_sid(server, a)).scope.sessions) and time.monotonic() < deadline:
        time.sleep(0.01)
    server.sessions.timeout = 0.01
    try:
        time.sleep(0.05)
        with caplog.at_level(logging.INFO, "htmxtrame.scopes"):
            assert server.sessions.sweep() == 1
        assert "expired" in caplog.text
        assert "mine 0" in a.load()
    finally:
        server.sessions.timeout = 1800


def test_a_trame_app_class_is_served_per_session_through_the_testing_kit():
    class Counter(TrameApp):
        def __init__(self, server=None):
            super().__init__(server)
            self.state.n = 0
            with DivLayout(self.server):
                html.Button("+", id="plus", click="n += 1")
                html.Div("n = {{ n }}", id="n")

    srv = serve_per_session(Counter, "scopes-class", secret_key="k")
    one, two = User(srv).open(), User(srv).open()
    one.click("#plus")
    assert one.text("#n") == "n = 1" and two.text("#n") == "n = 0"
    assert isinstance(one.session.scope.controller, type(srv.controller))
    assert one.session.scope.key.startswith("session:")
    with pytest.raises(RuntimeError, match="not started on its own"):
        SessionServer(srv, "abcdefghij").start()


def test_a_page_expression_writes_a_shared_key_where_it_lives_and_every_session_sees_it():
    def app(server):
        server.state.own = 0
        with DivLayout(server):
            html.Button("shared", id="shared", click="total += 1; own += 1")
            html.Div("{{ own }}/{{ total }}", id="out")

    srv = serve_per_session(app, "scopes-write-through", secret_key="k")
    srv.state.total = 10
    one, two = User(srv).open(), User(srv).open()
    one.click("#shared")
    assert srv.state.total == 11 and "total" not in one.session.scope.state
    assert one.text("#out") == "1/11" and two.text("#out") == "0/11"
    pushed = two.session.take(0)
    assert pushed is not None and "0/11" in pushed.fragments["out"]


def test_mounted_in_a_flask_site_the_cookie_is_signed_with_the_sites_secret_key():
    from flask import Flask

    from htmxtrame.scopes.cookie import unsign

    def app(server):
        with DivLayout(server):
            html.Div("hello", id="hi")

    srv = serve_per_session(app, "scopes-mounted")
    site = Flask("site")
    site.secret_key = "site secret"
    srv.init_app(site, url_prefix="/app")
    client = site.test_client()
    resp = client.get("/app/")
    assert resp.status_code == 200 and "hello" in resp.get_data(as_text=True)
    value = resp.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    sid = unsign(value, "site secret")
    assert sid is not None and srv.sessions.get(sid) is not None
    assert client.get("/app/").status_code == 200 and len(srv.sessions) == 1  # the same browser
    srv.sessions.close_all()


def test_the_testing_kit_acts_as_one_browser_with_its_cookie():
    from htmxtrame.scopes.cookie import sign

    def app(server):
        server.state.n = 0
        with DivLayout(server):
            html.Button("+", id="plus", click="n += 1")
            html.Div("n = {{ n }}", id="n")

    srv = serve_per_session(app, "scopes-kit", secret_key="k")
    jar = f"{srv.cookie_name}={sign('browser-one-id', 'k')}"
    tab1, tab2 = User(srv, cookies=jar).open(), User(srv, cookies=jar).open()
    tab1.click("#plus")
    assert tab2.text("#n") == "n = 1"
    assert User(srv).open().text("#n") == "n = 0"


def test_a_sessions_own_lifecycle_hooks_run():
    calls: list = []

    def app(server):
        ctrl = server.controller
        ctrl.on_server_ready.add(lambda **kw: calls.append(("ready", server.sid)))
        ctrl.on_client_connected.add(lambda: calls.append(("connected", server.sid)))
        ctrl.on_client_exited.add(lambda: calls.append(("exited", server.sid)))
        with DivLayout(server):
            html.Div("hi", id="hi")

    srv = serve_per_session(app, "scopes-hooks", secret_key="k")
    page = User(srv).open()
    sid = page.session.scope.key.split(":", 1)[1]
    page.close()
    assert calls == [("ready", sid), ("connected", sid), ("exited", sid)]


def test_the_http_fallback_refuses_a_post_to_another_browsers_stream():
    def app(server):
        server.state.n = 0
        with DivLayout(server):
            html.Button("+", id="plus", click="n += 1")
            html.Div("n = {{ n }}", id="n")

    srv = serve_per_session(app, "scopes-sse", secret_key="k")
    flask_app = srv.flask_app()
    owner, other = flask_app.test_client(), flask_app.test_client()
    page = owner.get("/").get_data(as_text=True)
    plus = re.search(r'id="plus"[^>]*data-ht="([^"]+)"', page).group(1)
    resp = owner.get("/__htmxtrame/sse?ui=main", buffered=False)
    first = next(iter(resp.response))
    stream_id = json.loads((first.decode() if isinstance(first, bytes) else first).split("data: ", 1)[1])["sid"]
    click = json.dumps([json.dumps({"t": "ev", "id": plus, "ev": "click", "event": {"type": "click"}})])
    other.get("/")  # a browser of its own
    refused = other.post(f"/__htmxtrame/sse/{stream_id}", data=click, content_type="application/json")
    assert refused.status_code == 404
    entry = next(iter(srv.sessions._entries.values()))
    assert owner.post(f"/__htmxtrame/sse/{stream_id}", data=click, content_type="application/json").status_code == 204
    sessions = {e.server.state.n for e in srv.sessions._entries.values()}
    assert sessions == {0, 1} and entry is not None
    resp.close()
    srv.sessions.close_all()


def test_the_kits_state_is_the_pages_session_state():
    def app(server):
        server.state.n = 0
        with DivLayout(server):
            html.Button("+", id="plus", click="n += 1")

    srv = serve_per_session(app, "scopes-kit-state", secret_key="k")
    page = User(srv).open()
    page.click("#plus")
    assert page.state["n"] == 1
    page.wait_for_state("n", 1)

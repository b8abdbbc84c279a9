"""htmxtrame inside a real Flask site: login for the whole visit, the page's
request context in handlers, flash, errors, factories, templates, CSRF, workers."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import urllib.request
import uuid

import pytest
import websocket
from flask import Flask, abort, flash, g, got_request_exception, request, session
from werkzeug.serving import make_server

import htmxtrame
from htmxtrame.server import Server
from htmxtrame.transport import workers
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

ACTIVE = set()  # users the site still lets in (a "database" the guard reads)


def element_id(body: str, dom_id: str) -> str:
    return re.search(rf'id="{dom_id}" data-ht="([^"]+)"', body).group(1)


class Site:
    """A host Flask app with a session login, one htmxtrame app at /app, served for real."""

    def __init__(self, **mount):
        self.host = Flask(f"site{uuid.uuid4().hex[:6]}")
        self.host.config["SECRET_KEY"] = "test"
        self.server = Server(f"site-{uuid.uuid4().hex[:6]}")
        self.seen: list = []
        with DivLayout(self.server):
            html.Button("who", id="who", click=self.who)
            html.Button("boom", id="boom", click=self.boom)
            html.Button("flash", id="flash", click=self.flash)
            html.Button("later", id="later", click=self.flash_later)
            html.Span("{{ n }}", id="n")
        self.server.state.n = 0
        self.server.init_app(self.host, url_prefix="/app", **mount)
        host = self.host

        @host.before_request
        def guard():
            if request.endpoint in ("login", "logout") or session.get("user") in ACTIVE:
                g.user = session.get("user")
                return None
            if session.get("user") == "banned":
                abort(403)
            return "log in first", 401

        @host.get("/login/<name>")
        def login(name):
            session["user"] = name
            session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
            ACTIVE.add(name)
            return "ok"

        @host.get("/logout")
        def logout():
            closed = htmxtrame.logout_sessions()
            session.clear()
            return str(closed)

        self.httpd = make_server("127.0.0.1", 0, host, threaded=True)
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def who(self):
        self.seen.append(("who", session.get("user"), getattr(g, "user", None)))

    def boom(self):
        raise ValueError("kaboom")

    def flash(self):
        flash(f"saved by {session['user']}", "info")

    async def flash_later(self):
        flash("started", "info")
        await asyncio.sleep(0.05)  # the click was answered long ago
        flash(f"done for {session['user']}", "success")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def cookie(self, name: str) -> str:
        with urllib.request.urlopen(self.url(f"/login/{name}")) as resp:
            return resp.headers["Set-Cookie"].split(";")[0]

    def page(self, cookie: str, path: str = "/app/") -> str:
        req = urllib.request.Request(self.url(path), headers={"Cookie": cookie})
        with urllib.request.urlopen(req) as resp:
            return resp.read().decode()

    def connect(self, cookie: str) -> websocket.WebSocket:
        ws = websocket.create_connection(self.url("/app/__htmxtrame/ws?ui=main").replace("http", "ws"), cookie=cookie, timeout=5)
        ws.send(json.dumps({"t": "hello", "seq": self.server.scope_for_request().last_seq}))
        return ws

    def click(self, ws, body: str, dom_id: str) -> None:
        ws.send(json.dumps({"t": "ev", "id": element_id(body, dom_id), "ev": "click"}))

    def close(self):
        self.server.close_connections()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def closed_with(ws) -> int:
    """Read until the server closes the socket; the close code it sent."""
    ws.settimeout(5)
    while True:
        opcode, data = ws.recv_data(control_frame=True)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            return int.from_bytes(data[:2], "big")


def wait_for(predicate, timeout=5.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


# -- authorization for the whole visit ---------------------------------------------

def test_a_user_the_site_no_longer_lets_in_cannot_act_and_is_sent_to_log_in(site):
    cookie = site.cookie("ada")
    body = site.page(cookie)
    ws = site.connect(cookie)
    site.click(ws, body, "who")
    assert wait_for(lambda: site.seen == [("who", "ada", "ada")])
    ACTIVE.discard("ada")  # the account is disabled while the page is open
    site.click(ws, body, "who")
    assert closed_with(ws) == 4401
    assert site.seen == [("who", "ada", "ada")]  # the refused click did nothing
    assert wait_for(lambda: not site.server.connections)


def test_a_session_that_expires_while_the_page_is_open_stops_acting(site):
    import datetime
    import time

    site.host.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(seconds=1)
    cookie = site.cookie("fay")
    body = site.page(cookie)
    ws = site.connect(cookie)
    site.click(ws, body, "who")
    assert wait_for(lambda: ("who", "fay", "fay") in site.seen)
    time.sleep(2.2)
    site.click(ws, body, "who")
    assert closed_with(ws) == 4401


def test_a_guard_that_answers_403_closes_with_4403(site):
    cookie = site.cookie("banned")
    ACTIVE.add("banned")
    body = site.page(cookie)
    ws = site.connect(cookie)
    ACTIVE.discard("banned")
    site.click(ws, body, "who")
    assert closed_with(ws) == 4403


def test_logging_out_closes_that_users_sockets_only(site):
    ada, bob = site.cookie("ada"), site.cookie("bob")
    body = site.page(ada)
    ws_ada, ws_ada2, ws_bob = site.connect(ada), site.connect(ada), site.connect(bob)
    assert wait_for(lambda: len(site.server.connections) == 3)
    req = urllib.request.Request(site.url("/logout"), headers={"Cookie": ada})
    with urllib.request.urlopen(req) as resp:
        assert resp.read() == b"2"
    assert closed_with(ws_ada) == 4401 and closed_with(ws_ada2) == 4401
    site.click(ws_bob, body, "who")
    assert wait_for(lambda: ("who", "bob", "bob") in site.seen)


def test_logout_sessions_by_items_and_by_test(site):
    ws = site.connect(site.cookie("carol"))
    assert wait_for(lambda: len(site.server.connections) == 1)
    assert htmxtrame.logout_sessions({"user": "nobody"}) == 0
    assert htmxtrame.logout_sessions(lambda s: s.get("user") == "carol") == 1
    assert closed_with(ws) == 4401
    with pytest.raises(RuntimeError, match="logout view"):
        htmxtrame.logout_sessions()


def test_an_explicit_authorize_replaces_the_guards():
    allowed = {"ok": True}
    s = Site(authorize=lambda req: allowed["ok"] and req.cookies.get("session") is not None)
    try:
        cookie = s.cookie("dan")
        body = s.page(cookie)
        ws = s.connect(cookie)
        s.click(ws, body, "who")
        assert wait_for(lambda: s.seen == [("who", "dan", None)])  # the guards (g.user) did not run
        allowed["ok"] = False
        s.click(ws, body, "who")
        assert closed_with(ws) == 4401
    finally:
        s.close()


def test_mount_options_are_checked():
    app = Flask("opts")
    server = Server(f"opts-{uuid.uuid4().hex[:6]}")
    with pytest.raises(TypeError, match="unknown option"):
        server.init_app(app, "/x", templat="base.html")
    with pytest.raises(ValueError, match="block="):
        server.init_app(app, "/x", template="base.html", block="content %}{{ 7*7")
    with pytest.raises(TypeError, match="authorize"):
        server.init_app(app, "/x", authorize="yes")


def test_the_page_knows_the_login_url_including_the_script_root():
    s = Site(login_url="signin")
    s.host.add_url_rule("/signin", "signin", lambda: "the login form")
    try:
        req = urllib.request.Request(s.url("/app/"), headers={"Cookie": s.cookie("eve")})
        body = urllib.request.urlopen(req).read().decode()
        assert 'data-ht-login="/signin"' in body
        with s.host.test_request_context("/app/", base_url="http://localhost/portal/"):
            from htmxtrame.transport.flaskctx import login_url

            assert login_url(s.server, f"htmxtrame_{s.server.name}") == "/portal/signin"
    finally:
        s.close()


# -- the page's request context ------------------------------------------------------

def test_each_click_runs_with_the_clicking_users_session_and_listeners_too(site):
    readers: list = []

    @site.server.state.change("n")
    def on_n(n, **kwargs):
        readers.append((n, session.get("user")))

    ada, bob = site.cookie("ada"), site.cookie("bob")
    body = site.page(ada)
    ws_a, ws_b = site.connect(ada), site.connect(bob)
    inc = {"t": "ev", "id": element_id(body, "who"), "ev": "click"}
    site.server.controller.add("noop")(lambda: None)
    ws_b.send(json.dumps(inc))
    ws_a.send(json.dumps(inc))
    assert wait_for(lambda: len(site.seen) == 2)
    assert sorted(site.seen) == [("who", "ada", "ada"), ("who", "bob", "bob")]
    # A listener run by Bob's change reads Bob's session.
    site.server.controller.add("bump")(lambda: setattr(site.server.state, "n", site.server.state.n + 1))
    with DivLayout(site.server):
        html.Button("bump", id="bump", click=site.server.controller.bump)
    body = site.page(bob)
    ws_b.send(json.dumps({"t": "ev", "id": element_id(body, "bump"), "ev": "click"}))
    assert wait_for(lambda: readers == [(1, "bob")])


def test_a_background_change_runs_listeners_with_no_user_and_a_clear_error(site):
    errors: list = []
    site.server.controller.on_error.add(errors.append)
    seen: list = []

    @site.server.state.change("n")
    def on_n(n, **kwargs):
        from flask import current_app

        seen.append(current_app.name)
        session.get("user")

    def background():
        with site.server.state:
            site.server.state.n = 5

    t = threading.Thread(target=background)
    t.start()
    t.join()
    assert seen == [site.host.name]  # current_app works
    assert len(errors) == 1 and "NoUserError" in errors[0] and "no user" in errors[0]


def test_flash_in_a_handler_shows_on_that_page(site):
    cookie = site.cookie("ada")
    body = site.page(cookie)
    ws = site.connect(cookie)
    site.click(ws, body, "flash")
    while True:
        msg = json.loads(ws.recv())
        if msg.get("calls"):
            break
    assert msg["calls"] == [{"flash": [{"category": "info", "message": "saved by ada"}]}]


def test_flash_after_an_await_in_an_async_handler_still_reaches_that_page(site):
    cookie = site.cookie("ada")
    body = site.page(cookie)
    ws = site.connect(cookie)
    other = site.connect(site.cookie("bob"))  # another page: sees none of ada's messages
    site.click(ws, body, "later")
    flashed = []
    while len(flashed) < 2:
        msg = json.loads(ws.recv())
        flashed += [item for call in msg.get("calls", []) for item in call.get("flash", [])]
    assert flashed == [{"category": "info", "message": "started"},
                       {"category": "success", "message": "done for ada"}]
    other.settimeout(0.3)
    with pytest.raises(websocket.WebSocketTimeoutException):
        while True:
            assert "flash" not in other.recv()


def test_a_handlers_traceback_goes_through_flasks_logger_signal_and_errorhandler(site, caplog):
    signalled, handled = [], []
    got_request_exception.connect(lambda sender, exception, **kw: signalled.append(exception), site.host, weak=False)
    site.host.register_error_handler(ValueError, lambda exc: handled.append(exc) or ("bad", 500))
    cookie = site.cookie("ada")
    body = site.page(cookie)
    ws = site.connect(cookie)
    with caplog.at_level("ERROR", logger=site.host.logger.name):
        site.click(ws, body, "boom")
        assert wait_for(lambda: handled)
    assert [str(e) for e in signalled] == ["kaboom"] and [str(e) for e in handled] == ["kaboom"]
    assert any(r.name == site.host.logger.name and r.exc_info for r in caplog.records)


def test_app_debug_turns_on_debug_mode():
    app = Flask("dbg")
    app.debug = True
    server = Server(f"dbg-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Span("x")
    server.init_app(app, "/d")
    assert server.debug
    late = Server(f"dbg-{uuid.uuid4().hex[:6]}")
    with DivLayout(late):
        html.Span("x")
    app2 = Flask("dbg2")
    late.init_app(app2, "/d")
    app2.debug = True  # flask run --debug sets it after the app is built
    app2.test_client().get("/d/")
    assert late.debug


# -- app factories ------------------------------------------------------------------------

def create_app(rows: list[str]) -> tuple[Flask, Server]:
    """An app factory as a Flask site writes one: a fresh server for each app."""
    app = Flask("factory")
    server = Server("inventory")
    server.state.rows = list(rows)

    def bind(flask_app):
        flask_app.add_url_rule("/inventory/api/rows", "rows", lambda: {"rows": server.state.rows})

    server.controller.on_server_bind.add(bind)
    with DivLayout(server):
        html.Li("{{ row }}", v_for="row in rows")
    server.init_app(app, url_prefix="/inventory")
    return app, server


def test_a_second_app_from_a_factory_gets_its_routes_and_its_own_state():
    app1, _ = create_app(["bolts"])
    app2, _ = create_app(["nuts"])
    assert app1.test_client().get("/inventory/api/rows").json == {"rows": ["bolts"]}
    assert app2.test_client().get("/inventory/api/rows").json == {"rows": ["nuts"]}
    page2 = app2.test_client().get("/inventory/").data.decode()
    assert "nuts" in page2 and "bolts" not in page2


def test_one_server_given_to_two_apps_binds_to_each():
    server = Server(f"shared-{uuid.uuid4().hex[:6]}")
    bound, ready = [], []
    server.controller.on_server_bind.add(lambda app: bound.append(app.name))
    server.controller.on_server_ready.add(lambda **state: ready.append(1))
    with DivLayout(server):
        html.Span("x")
    server.init_app(Flask("one"), "/x")
    two = Flask("two")
    two.register_blueprint(server.blueprint("again"), url_prefix="/y")
    assert bound == ["one", "two"] and ready == [1]


# -- template wrapping ------------------------------------------------------------------

def test_the_page_fills_a_block_of_the_hosts_layout(tmp_path):
    (tmp_path / "base.html").write_text(
        "<!doctype html><html><head><title>{% block title %}Site{% endblock %} | ACME</title></head><body>"
        "<header id='site-header'>ACME</header>"
        "<ul id='flashes' data-ht-flashes>{% for m in get_flashed_messages() %}<li>{{ m }}</li>{% endfor %}</ul>"
        "<main>{% block content %}{% endblock %}</main></body></html>"
    )
    app = Flask("wrapped", template_folder=str(tmp_path))
    app.config["SECRET_KEY"] = "x"
    server = Server(f"wrapped-{uuid.uuid4().hex[:6]}")
    server.state.trame__title = "Inventory <3"
    with DivLayout(server):
        html.Span("{{ 6 * 7 }}", id="answer")
    server.init_app(app, "/inv", template="base.html", block="content")

    @app.get("/save")
    def save():
        flash("Saved!")
        return "ok"

    client = app.test_client()
    client.get("/save")
    page = client.get("/inv/").data.decode()
    assert "<title>Inventory &lt;3 | ACME</title>" in page
    assert "<header id='site-header'>ACME</header>" in page and "<li>Saved!</li>" in page
    main = page.split("<main>", 1)[1]
    assert main.index("htmxtrame.bundle.js") < main.index('id="ht-app"') < main.index('<span id="answer">42</span>')


# -- CSRF ------------------------------------------------------------------------------------

def test_uploads_work_under_flask_wtf_csrfprotect():
    flask_wtf = pytest.importorskip("flask_wtf")
    app = Flask("csrf")
    app.config["SECRET_KEY"] = "x"
    server = Server(f"csrf-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Input(type="file", v_model=("files", None))
    server.init_app(app, "/u")
    flask_wtf.CSRFProtect(app)  # set up after init_app, as sites often do

    @app.post("/form")
    def form():
        return "ok"

    client = app.test_client()
    import io

    resp = client.post("/u/__htmxtrame/upload", data={"files": (io.BytesIO(b"hi"), "a.txt")},
                       headers={"Origin": "http://localhost"})
    assert resp.status_code == 200 and resp.json["count"] == 1
    assert client.post("/form").status_code == 400  # the site's own forms stay protected
    foreign = client.post("/u/__htmxtrame/upload", data={"files": (io.BytesIO(b"hi"), "a.txt")},
                          headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403


# -- workers -------------------------------------------------------------------------------------

def test_gunicorns_sync_worker_is_refused_with_the_worker_to_use():
    app = Flask("sync")
    server = Server(f"sync-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Span("x")
    server.init_app(app, "/s")
    resp = app.test_client().get("/s/", environ_overrides={"SERVER_SOFTWARE": "gunicorn/23.0.0", "wsgi.multithread": False})
    assert resp.status_code == 500 and "-k gthread --threads" in resp.json["error"]
    ok = app.test_client().get("/s/", environ_overrides={"SERVER_SOFTWARE": "gunicorn/23.0.0", "wsgi.multithread": True})
    assert ok.status_code == 200


def test_several_worker_processes_warn_once(caplog, monkeypatch):
    monkeypatch.setattr(workers, "_warned", threading.Event())
    with caplog.at_level("WARNING", logger="htmxtrame.transport"):
        for _ in range(3):
            workers.warn_if_many_processes({"wsgi.multiprocess": True})
    assert [r.message for r in caplog.records].count(workers.MANY_WORKERS) == 1


def test_an_async_handler_keeps_the_clicking_users_session(site):
    import asyncio

    async def later():
        await asyncio.sleep(0.01)
        site.seen.append(("async", session.get("user")))

    with DivLayout(site.server):
        html.Button("later", id="later", click=later)
    cookie = site.cookie("gil")
    body = site.page(cookie)
    ws = site.connect(cookie)
    site.click(ws, body, "later")
    assert wait_for(lambda: ("async", "gil") in site.seen)


# -- proxies ---------------------------------------------------------------------------------

def proxied_upgrade(app: Flask) -> int:
    """A websocket handshake as a Host-rewriting proxy forwards it: the status before the upgrade."""
    headers = {
        "Host": "127.0.0.1:5000", "X-Forwarded-Host": "portal.example", "X-Forwarded-Proto": "https",
        "Origin": "https://portal.example", "Upgrade": "websocket", "Connection": "Upgrade",
    }
    return app.test_client().get("/v/__htmxtrame/ws", headers=headers).status_code


def proxied_app(**config) -> Flask:
    app = Flask(f"proxied{uuid.uuid4().hex[:6]}")
    app.config.update(config)
    server = Server(f"proxied-{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Span("x")
    server.init_app(app, "/v")
    return app


def test_a_host_rewriting_proxy_works_with_proxyfix():
    from werkzeug.middleware.proxy_fix import ProxyFix

    plain = proxied_app()
    assert proxied_upgrade(plain) == 403  # the Origin is not the Host the backend saw
    # Documented settings: ProxyFix for the forwarded scheme and host, and the
    # public name listed (Host allow-list against DNS rebinding).
    fixed = proxied_app(TRUSTED_HOSTS=["portal.example"])
    fixed.wsgi_app = ProxyFix(fixed.wsgi_app, x_proto=1, x_host=1)
    assert proxied_upgrade(fixed) not in (400, 403)  # past the Host and Origin checks (the test client cannot upgrade)


def test_trusted_hosts_refuses_other_hosts():
    from werkzeug.middleware.proxy_fix import ProxyFix

    app = proxied_app(TRUSTED_HOSTS=["portal.example"])
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1)
    client = app.test_client()
    assert client.get("/v/", headers={"Host": "127.0.0.1:5000", "X-Forwarded-Host": "portal.example"}).status_code == 200
    assert client.get("/v/", headers={"Host": "127.0.0.1:5000", "X-Forwarded-Host": "evil.example"}).status_code == 400


def test_a_guard_that_raises_closes_with_1011_and_the_site_stays_up(site):
    broken = {"on": False}

    @site.host.before_request
    def flaky():
        if broken["on"]:
            raise KeyError("db down")

    cookie = site.cookie("hal")
    body = site.page(cookie)
    ws = site.connect(cookie)
    broken["on"] = True
    site.click(ws, body, "who")
    assert closed_with(ws) == 1011
    broken["on"] = False
    ws2 = site.connect(cookie)
    site.click(ws2, body, "who")
    assert wait_for(lambda: ("who", "hal", "hal") in site.seen)


def test_a_failing_teardown_or_match_test_is_logged_not_fatal(site, caplog):
    broken = {"on": False}

    @site.host.teardown_request
    def teardown(exc):
        if broken["on"]:
            raise RuntimeError("teardown broke")

    cookie = site.cookie("ivy")
    body = site.page(cookie)
    ws = site.connect(cookie)
    broken["on"] = True
    site.click(ws, body, "who")
    site.click(ws, body, "who")
    assert wait_for(lambda: site.seen.count(("who", "ivy", "ivy")) == 2)  # the page still works
    assert any("teardown function of the host raised" in r.message for r in caplog.records)
    broken["on"] = False
    assert htmxtrame.logout_sessions(lambda s: 1 / 0) == 0
    assert any("match test raised" in r.message for r in caplog.records)


def test_flask_login_current_user_is_the_clicking_user_and_its_login_view_is_the_way_back():
    flask_login = pytest.importorskip("flask_login")
    app = Flask(f"fl{uuid.uuid4().hex[:6]}")
    app.config["SECRET_KEY"] = "x"
    manager = flask_login.LoginManager(app)
    manager.login_view = "signin"

    class User(flask_login.UserMixin):
        def __init__(self, uid):
            self.id = uid

    manager.user_loader(User)
    server = Server(f"fl-{uuid.uuid4().hex[:6]}")
    seen, errors = [], []
    server.controller.on_error.add(errors.append)
    with DivLayout(server):
        html.Button("who", id="who", click=lambda: seen.append(flask_login.current_user.id))
        html.Span("{{ n }}", id="n")
    server.state.n = 0

    @server.state.change("n")
    def on_n(n, **kwargs):
        seen.append(flask_login.current_user.is_authenticated)

    server.init_app(app, "/fl")

    @app.before_request
    def guard():
        if request.endpoint == "signin" or flask_login.current_user.is_authenticated:
            return None
        return manager.unauthorized()

    @app.get("/signin")
    def signin():
        flask_login.login_user(User(request.args["uid"]))
        return "ok"

    client = app.test_client()
    assert client.get("/fl/").status_code == 302  # Flask-Login sends strangers to its login view
    client.get("/signin?uid=zoe")
    page = client.get("/fl/").data.decode()
    assert 'data-ht-login="/signin"' in page  # a page logged out later goes there
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        cookie = "session=" + client.get_cookie("session").value
        ws = websocket.create_connection(f"ws://127.0.0.1:{httpd.server_port}/fl/__htmxtrame/ws?ui=main", cookie=cookie, timeout=5)
        ws.send(json.dumps({"t": "ev", "id": element_id(page, "who"), "ev": "click"}))
        assert wait_for(lambda: seen == ["zoe"])
        errors.clear()  # init_app's first flush ran the listener for no page too
        with server.state:
            server.state.n = 1  # a change no page made: no user
        assert seen == ["zoe"] and len(errors) == 1 and "NoUserError" in errors[0]
        ws.close()
    finally:
        server.close_connections()
        httpd.shutdown()
        httpd.server_close()


def test_an_app_from_flask_app_served_by_a_wsgi_server_answers_clicks_with_updates():
    """``app = server.flask_app()`` as gunicorn serves it: the state is live, a click updates the page."""
    server = Server(f"wsgi-{uuid.uuid4().hex[:6]}")
    ready: list = []
    server.controller.on_server_ready.add(lambda **state: ready.append(state["n"]))
    with DivLayout(server):
        html.Button("+1", id="inc", click="n += 1")
        html.Span("n={{ n }}", id="n")
    server.state.n = 0
    app = server.flask_app()
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}"
        body = urllib.request.urlopen(url + "/").read().decode()
        ws = websocket.create_connection(url.replace("http", "ws") + "/__htmxtrame/ws?ui=main", timeout=5)
        ws.send(json.dumps({"t": "hello", "seq": server.scope_for_request().last_seq}))
        ws.send(json.dumps({"t": "ev", "id": element_id(body, "inc"), "ev": "click"}))
        seen = ""
        while "n=1" not in seen:
            seen += ws.recv()
        assert server.state.n == 1 and ready == [0]  # on_server_ready ran once
        ws.close()
    finally:
        server.close_connections()
        httpd.shutdown()
        httpd.server_close()


def test_logout_closes_every_matching_page_when_one_socket_is_already_gone(caplog):
    # A tab navigating away (the logout form's own page) closes its socket while
    # logout_sessions() runs: closing it again raises; the other tabs must still close,
    # and the logout view (or the other worker's control thread) must not fail.
    from simple_websocket import ConnectionClosed

    from htmxtrame.transport import auth

    closed: list[int] = []

    def gone(code, reason):
        raise ConnectionClosed(1000, "page navigating away")

    handles = [auth.register({"user": "zed"}, gone),
               auth.register({"user": "zed"}, lambda code, reason: closed.append(code))]
    try:
        assert htmxtrame.logout_sessions(lambda s: s.get("user") == "zed") == 2
        assert closed == [4401]
        auth._remote_logout({"match": {"user": "zed"}, "reason": "bye"})  # another worker's logout
        assert closed == [4401, 4401]
    finally:
        for handle in handles:
            auth.unregister(handle)

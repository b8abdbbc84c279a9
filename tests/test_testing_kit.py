"""The testing kit: app_runner and sim_user fixtures, the simulated user, uploads and downloads."""

from __future__ import annotations

import urllib.request
import uuid

import pytest

from htmxtrame.app import ClientFile, Download
from htmxtrame.events import InputError
from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

pytest_plugins = ["pytester"]  # runs a throwaway project against the installed plugin


def todo_server() -> Server:
    server = Server(f"kit-{uuid.uuid4().hex[:8]}")
    ctrl = server.controller

    @ctrl.set("add_item")
    def add_item():
        server.state.items = [*server.state.items, server.state.draft]
        server.state.draft = ""

    @server.trigger("export")
    def export():
        return Download("\n".join(server.state.items).encode(), "todo.txt", "text/plain")

    @server.state.change("files")
    def on_files(files, **kwargs):
        if files:
            server.state.uploaded = [f"{f.name}:{f.size}:{f.type}:{f.content.decode()}"
                                     for f in map(ClientFile, files)]

    with DivLayout(server):
        html.Label("New item", for_="draft")
        html.Input(id="draft", v_model=("draft", ""))
        html.Button("Add", id="add", click=ctrl.add_item)
        html.Ul(html.Li("{{ item }}", v_for="item in items", classes="item"), id="list")
        html.Input(type="checkbox", id="done", v_model=("done", False))
        html.Input(type="range", id="level", min=0, max=10, v_model=("level", 3))
        html.Button("Export", id="export", click="trigger('export')")
        html.Button(html.Span("Raw"), id="raw", click=lambda: b"raw bytes")
        html.Input(type="file", id="file", v_model=("files", None))
        html.Div("{{ uploaded.join(', ') }}", id="uploaded")
    server.state.items = []
    server.state.uploaded = []
    return server


def test_sim_user_types_clicks_and_reads_the_page(sim_user):
    server = todo_server()
    user = sim_user(server)
    user.type("New item", "milk")  # found by its <label for>
    user.click("Add")  # found by its text
    user.type("#draft", "eggs")
    user.click("#add")
    assert [li.text for li in user.find_all("#list li.item")] == ["milk", "eggs"]
    assert user.state["items"] == ["milk", "eggs"] and user.state["draft"] == ""
    user.should_see("eggs")
    user.should_not_see("bread")


def test_sim_user_sets_checkboxes_and_ranges_with_their_types(sim_user):
    user = sim_user(todo_server())
    user.click("#done")
    assert user.state["done"] is True and "checked" in user.find("#done").attrs
    user.set("#level", 7)
    assert user.state["level"] == 7 and user.find("#level").get("value") == "7"
    with pytest.raises(InputError, match="number"):
        user.set("#level", "lots")
    assert user.state["level"] == 7


def test_sim_user_reports_ambiguous_and_missing_targets(sim_user):
    user = sim_user(todo_server())
    with pytest.raises(AssertionError, match="matched nothing"):
        user.click("Delete everything")
    with pytest.raises(AssertionError, match="do not handle"):
        user.fire("#uploaded", "click")


def test_sim_user_uploads_files_like_trames_client_file(sim_user):
    user = sim_user(todo_server())
    user.upload("#file", ("a.txt", b"hello", "text/plain"), ("b.csv", b"1,2", "text/csv"))
    assert user.state["uploaded"] == ["a.txt:5:text/plain:hello", "b.csv:3:text/csv:1,2"]
    assert user.text("#uploaded") == "a.txt:5:text/plain:hello, b.csv:3:text/csv:1,2"


def test_client_file_has_trames_names_and_import_path():
    from htmxtrame.app.file_upload import ClientFile as TrameSpelling

    assert TrameSpelling is ClientFile
    f = ClientFile({"name": "a.txt", "size": 5, "type": "text/plain", "lastModified": 1700, "content": [b"he", b"llo"]})
    assert (f.name, f.size, f.mime_type, f.modified_time, f.content) == ("a.txt", 5, "text/plain", 1700, b"hello")
    assert f.info == "File: a.txt of size 5 and type text/plain" and not f.is_empty
    assert not ClientFile({"name": "empty.txt", "size": 0, "content": b""}).is_empty  # a 0-byte file is a file
    assert ClientFile(None).is_empty and ClientFile().name is None
    with pytest.raises(TypeError, match=r"\[ClientFile\(f\) for f in files\]"):
        ClientFile([{"name": "a.txt"}])


def test_an_unknown_upload_token_is_refused(sim_user):
    user = sim_user(todo_server())
    with pytest.raises(InputError, match="upload"):
        user.fire("#file", "change", "forged-token")


def test_handlers_returning_bytes_become_downloads(sim_user):
    user = sim_user(todo_server())
    user.type("#draft", "milk")
    user.click("#add")
    user.click("Export")
    user.click("Raw")  # the click lands on the <span>; the button handles it
    assert [(d.filename, d.mime, d.content) for d in user.downloads] == [
        ("todo.txt", "text/plain", b"milk"), ("download.bin", "application/octet-stream", b"raw bytes")]


def test_app_runner_serves_on_a_free_port_and_stops_after(app_runner):
    server = todo_server()
    app = app_runner(server)
    assert server.running and app.port == server.port
    assert "Add" in urllib.request.urlopen(app.url).read().decode()


def test_upload_endpoint_and_download_link_over_http(app_runner):
    from htmxtrame.files import claim_upload, download_call

    server = todo_server()
    server.max_upload_bytes = 10
    app = app_runner(server)
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"n.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\nhi there\r\n--{boundary}--\r\n").encode()
    req = urllib.request.Request(app.url + "__htmxtrame/upload", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    import json

    token = json.loads(urllib.request.urlopen(req).read())["token"]
    files = claim_upload(token)
    assert files == [{"name": "n.txt", "size": 8, "type": "text/plain", "lastModified": None, "content": b"hi there"}]
    assert claim_upload(token) is None  # single use
    big = body.replace(b"hi there", b"x" * 50)
    req = urllib.request.Request(app.url + "__htmxtrame/upload", data=big, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with pytest.raises(urllib.error.HTTPError) as too_big:
        urllib.request.urlopen(req)
    assert too_big.value.code == 413 and b"limit of 10 bytes" in too_big.value.read()
    foreign = urllib.request.Request(app.url + "__htmxtrame/upload", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": "http://evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(foreign)
    assert refused.value.code == 403
    call = download_call(b"payload", "p.bin")
    link = app.url + "__htmxtrame/download/" + call["download"]["token"]
    with urllib.request.urlopen(link) as resp:
        assert resp.read() == b"payload"
        assert 'filename=p.bin' in resp.headers["Content-Disposition"]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(link)  # one use only


def test_user_as_context_manager_connects_and_leaves():
    server = todo_server()
    server.state.ready()
    seen = []
    server.controller.on_client_connected.add(lambda: seen.append("in"))
    server.controller.on_client_exited.add(lambda: seen.append("out"))
    with User(server) as user:
        user.click("#done")
    assert seen == ["in", "out"] and server.state.done is True


def test_server_download_sends_a_link_to_every_page(sim_user):
    server = todo_server()
    first, second = sim_user(server), sim_user(server)
    server.download("a,b\n", "table.csv", "text/csv")
    for user in (first, second):
        user._take_pushes()
        [call] = [c for c in user.calls if "download" in c]
        assert call["download"]["name"] == "table.csv"
    from htmxtrame.files import downloads

    for _ in (first, second):  # one link, fetched by each page
        item = downloads.take(call["download"]["token"])
        assert (item.content, item.mime) == (b"a,b\n", "text/csv")
    with pytest.raises(TypeError, match="bytes"):
        server.download(12, "x")


def test_a_chunked_upload_over_the_limit_is_refused(app_runner):
    import http.client

    server = todo_server()
    server.max_upload_bytes = 10
    app = app_runner(server)
    boundary = "QqQ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.bin\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n" + "x" * 200_000 + f"\r\n--{boundary}--\r\n").encode()
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    chunks = (body[i:i + 8192] for i in range(0, len(body), 8192))
    conn.request("POST", "/__htmxtrame/upload", body=chunks, encode_chunked=True,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    resp = conn.getresponse()
    assert resp.status == 413 and b"limit of 10 bytes" in resp.read()
    conn.close()


PROJECT_TESTS = '''
import urllib.error
import urllib.request
import uuid

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

SEEN = {}


def make():
    server = Server(f"proj-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        html.Button("Add", click="n += 1")
        html.Span("n = {{ n }}", id="n")
    server.state.n = 0
    return server


def test_runs_the_app_on_a_free_port(app_runner):
    app = app_runner(make())
    SEEN["url"], SEEN["server"] = app.url, app.server
    assert "n = 0" in urllib.request.urlopen(app.url).read().decode()


def test_the_app_was_stopped_after_the_previous_test():
    assert not SEEN["server"].running
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(SEEN["url"], timeout=5)


def test_a_simulated_user(sim_user):
    user = sim_user(make())
    user.click("Add")
    assert user.text("#n") == "n = 1" and user.state["n"] == 1
'''


def test_any_project_gets_the_fixtures_without_configuring_anything(pytester):
    # A project with no conftest: the fixtures come from the installed plugin's entry point.
    pytester.makepyfile(test_project=PROJECT_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


# -- the simulated user behaves as a person in a browser --------------------------------------
def form_server() -> Server:
    server = Server(f"form-{uuid.uuid4().hex[:8]}")
    state = server.state

    def add():
        state.items = [*state.items, state.draft]
        state.draft = ""

    with DivLayout(server):
        with html.Form(submit=add, id="add-form"):
            html.Input(id="new", v_model=("draft", ""), placeholder="What needs doing?")
            html.Button("Add", id="add", type="submit", disabled=("!draft.trim()",))
        with html.Ul(id="list"):
            html.Li("{{ item }}", v_for="item in items")
        html.Div("Total", classes="label")
        html.Div("{{ items.length }}", id="total")
        html.P("secret plans", v_show="false")
        html.Button("Reset", id="reset", type="button", click="items = []")
    state.items = []
    return server


def test_clicking_a_submit_button_submits_its_form(sim_user):
    user = sim_user(form_server())
    user.type("What needs doing?", "milk")
    user.click("Add")  # the button has no handler of its own: its form's submit runs
    assert user.state["items"] == ["milk"] and user.state["draft"] == ""
    user.type("#new", "eggs")
    user.press("#new", "Enter")  # Enter in a text field submits too
    assert user.state["items"] == ["milk", "eggs"]


def test_a_text_lookup_names_the_button_not_the_form_around_it(sim_user):
    user = sim_user(form_server())
    # The form's only text is its button's, and the form handles submit:
    # both would match "Add"; the innermost wins, as in Playwright.
    assert user.find("Add").id == "add"


def test_a_disabled_or_hidden_control_cannot_be_used(sim_user):
    user = sim_user(form_server())
    with pytest.raises(AssertionError, match="disabled"):
        user.click("Add")  # nothing typed yet
    assert user.state["items"] == []


def test_should_see_reads_the_page_as_a_person_does(sim_user):
    user = sim_user(form_server())
    user.should_see("Total 0")  # two blocks, read apart
    user.should_see("Total\n   0")  # whitespace collapsed
    user.should_not_see("Total0")
    user.should_not_see("secret plans")  # v_show false: not shown
    assert "secret plans" in user.html
    with pytest.raises(AssertionError, match="is not on the page"):
        user.should_see("secret plans")


def test_the_simulated_user_runs_the_start_hooks_as_a_served_app(sim_user):
    server = form_server()
    seen = []
    server.controller.on_server_start.add(lambda s: seen.append(("start", s is server)))
    server.controller.on_server_bind.add(lambda app: seen.append(("bind", type(app).__name__)))

    def ready(**state):
        seen.append(("ready", "items" in state))
        server.state.items = ["loaded at start"]

    server.controller.on_server_ready.add(ready)
    user = sim_user(server)
    assert seen == [("start", True), ("bind", "Flask"), ("ready", True)]
    user.should_see("loaded at start")
    sim_user(server)
    assert len(seen) == 3  # once per server, as when served


def test_handlers_run_in_a_flask_request_context(sim_user):
    import flask

    server = Server(f"ctx-{uuid.uuid4().hex[:8]}")
    seen = {}

    def who():
        flask.g.mark = "set in this request"
        seen.update(has=flask.has_request_context(), user=flask.session.get("user"), g=flask.g.mark,
                    path=flask.request.path)

    with DivLayout(server):
        html.Button("Who", click=who)
    sim_user(server).click("Who")
    assert seen == {"has": True, "user": None, "g": "set in this request", "path": "/__htmxtrame/ws"}


def test_the_kit_imports_and_works_without_pytest(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "no_pytest.py"
    script.write_text(
        "import sys\n"
        "sys.modules['pytest'] = None  # any 'import pytest' now fails\n"
        "import htmxtrame.testing as kit\n"
        "from htmxtrame.server import Server\n"
        "from htmxtrame.ui.html import DivLayout\n"
        "from htmxtrame.widgets import html\n"
        "server = Server('nopytest')\n"
        "with DivLayout(server):\n"
        "    html.Button('Add', click='n += 1')\n"
        "    html.Span('n = {{ n }}', id='n')\n"
        "server.state.n = 0\n"
        "with kit.User(server) as user:\n"
        "    user.click('Add')\n"
        "    print(user.text('#n'))\n"
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "n = 1"


ISOLATION_TESTS = '''
import importlib.util
import pathlib

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = Server("shared-module-level")
with DivLayout(server):
    html.Button("Add", click="items = items.concat(['x'])")
    html.Span("{{ items.length }} items", id="n")
server.state.items = []


def test_one_adds(sim_user):
    user = sim_user(server)
    user.click("Add")
    user.click("Add")
    assert user.text("#n") == "2 items"


def test_two_starts_from_the_apps_own_state(sim_user):
    user = sim_user(server)
    assert user.text("#n") == "0 items"
    user.click("Add")
    assert user.state["items"] == ["x"]


def test_the_state_was_put_back_after_the_test():
    assert server.state.items == []


def build():
    fresh = Server("built-per-test")
    with DivLayout(fresh):
        html.Span("{{ who }}", id="who")
    fresh.state.who = "fresh"
    return fresh


def test_a_factory_gives_a_fresh_server(sim_user):
    first, second = sim_user(build), sim_user(build)
    assert first.server is not second.server and first.text("#who") == "fresh"


def test_the_todo_example_adds_from_its_submit_button(sim_user):
    spec = importlib.util.spec_from_file_location("todo_app", pathlib.Path(ROOT) / "apps" / "todo.py")
    todo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(todo)
    user = sim_user(todo.server)
    user.type("What needs doing?", "Buy milk")
    user.click("Add")
    assert [t["text"] for t in user.state["items"]][-1] == "Buy milk"
    user.should_see("3. Buy milk")
    user.should_see("Todo (2 left)")
'''


def test_state_does_not_leak_between_tests_and_todo_submits(pytester):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pytester.makepyfile(test_isolation=f"ROOT = {str(root)!r}\n" + ISOLATION_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=5)


# -- a whole site: the host's login, a logged-in simulated user and browser page -------------------
def make_site(secret: str = "s3cret"):
    from flask import Flask, redirect, request, session, url_for

    app = Flask(f"site-{uuid.uuid4().hex[:6]}")
    app.config["SECRET_KEY"] = "kit-test"
    logged_out: set = set()
    server = Server(f"site-{uuid.uuid4().hex[:8]}")
    seen = []

    def save():
        seen.append(session.get("user"))
        server.state.saved_by = session.get("user")

    with DivLayout(server):
        html.Button("Save", id="save", click=save)
        html.Span("saved by {{ saved_by }}", id="by")
    server.state.saved_by = None
    server.init_app(app, url_prefix="/app")

    @app.before_request
    def guard():
        if request.endpoint == "login" or (session.get("user") and session.get("n") not in logged_out):
            return None
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return "log in first", 401
        return redirect(url_for("login"))

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "POST" and request.form.get("password") == secret and request.form.get("csrf") == "tok":
            session.update(user=request.form["user"], n=uuid.uuid4().hex)
            return redirect("/app/")
        return ('<form method="post"><input type="hidden" name="csrf" value="tok">'
                '<input name="user"><input name="password" type="password"><button>Log in</button></form>')

    @app.post("/logout")
    def logout():
        logged_out.add(session.get("n"))
        session.clear()
        return redirect(url_for("login"))

    app.extensions["kit_test"] = (server, seen)
    return app


def test_site_user_logs_in_with_the_real_form_and_the_guards_hold(site_runner):
    site = site_runner(make_site, login={"user": "ada", "password": "s3cret"})
    server, seen = site.app.extensions["kit_test"]
    ada = site.user("/app/")
    assert ada.server is server
    ada.click("Save")
    assert seen == ["ada"] and ada.text("#by") == "saved by ada"
    with pytest.raises(AssertionError, match="failed"):
        site.user("/app/", login={"user": "eve", "password": "wrong"})
    from htmxtrame.testing import Refused

    with pytest.raises(Refused):
        site.user("/app/", login={})  # a stranger is sent to the login page
    carol = site.user("/app/", login={"user": "carol", "password": "s3cret"})
    carol.click("Save")
    # Carol logs out in another tab of the same browser: her open page's next
    # event is refused by the host's guard, run again for every event.
    assert carol.http.post("/logout").status == 200
    with pytest.raises(Refused, match="401"):
        carol.click("Save")
    assert seen == ["ada", "carol"] and server.state.saved_by == "carol"


def test_site_open_gives_a_logged_in_browser_page(site_runner, page):
    from playwright.sync_api import expect

    from htmxtrame.testing import wait_connected

    site = site_runner(make_site, login={"user": "ada", "password": "s3cret"})
    site.open(page, "/app/")
    wait_connected(page)
    page.click("#save")
    expect(page.locator("#by")).to_have_text("saved by ada")
    assert page.errors == []


def test_a_site_users_failing_handler_reaches_the_hosts_error_handling(site_runner):
    # As for a browser's message: app.logger, got_request_exception and the errorhandler.
    from flask import got_request_exception

    from htmxtrame.events import HandlerError

    site = site_runner(make_site, login={"user": "ada", "password": "s3cret"})
    server, _ = site.app.extensions["kit_test"]
    reported, handled = [], []

    def broken():
        raise LookupError("no such shelf")

    with DivLayout(server):
        html.Button("Break", id="break", click=broken)
    site.app.errorhandler(LookupError)(lambda exc: handled.append(str(exc)) or ("", 500))
    got_request_exception.connect(lambda sender, exception, **_: reported.append(str(exception)), site.app, weak=False)
    ada = site.user("/app/")
    with pytest.raises(HandlerError, match="no such shelf"):
        ada.click("Break")
    assert reported == ["no such shelf"] and handled == ["no such shelf"]


def test_a_site_users_flash_and_logout_sessions_work_as_for_a_browser(site_runner):
    from flask import flash

    import htmxtrame
    from htmxtrame.testing import Refused

    site = site_runner(make_site, login={"user": "ada", "password": "s3cret"})
    server, _ = site.app.extensions["kit_test"]
    with DivLayout(server):
        html.Button("Hello", id="hello", click=lambda: flash("Hello from the handler"))
    ada, bob = site.user("/app/"), site.user("/app/", login={"user": "bob", "password": "s3cret"})
    ada.click("Hello")
    assert ada.flashes == ["Hello from the handler"] and bob.flashes == []
    ada.should_see("Hello from the handler")
    assert htmxtrame.logout_sessions({"user": "bob"}) == 1  # an admin ends Bob's visit
    assert bob.closed_by_server == (4401, "logged out") and ada.closed_by_server is None
    with pytest.raises(Refused, match="4401"):
        bob.click("Hello")
    ada.click("Hello")


def server_table() -> tuple[Server, list[dict]]:
    """widgets.md's VDataTableServer example: the app loads rows when the table reports its options."""
    from htmxtrame.widgets import vuetify3 as v3

    server = Server(f"kit-{uuid.uuid4().hex[:8]}")
    state = server.state
    rows = [{"name": f"row {i:02d}", "n": i} for i in range(25)]
    heard: list[dict] = []
    state.headers = [{"title": "Name", "key": "name"}, {"title": "N", "key": "n"}]

    def load(options):
        heard.append(options)
        ordered = sorted(rows, key=lambda r: r["n"], reverse=any(s["order"] == "desc" for s in options["sortBy"]))
        start = (options["page"] - 1) * options["itemsPerPage"]
        state.rows, state.total = ordered[start:start + options["itemsPerPage"]], len(rows)

    with DivLayout(server):
        v3.VDataTableServer(headers=("headers",), items=("rows", []), items_length=("total", 0),
                            sort_by=("sort_by", []), page=("page", 1), items_per_page=("per", 10),
                            update_options=(load, "[$event]"))
    return server, heard


def test_a_server_table_loads_its_first_page_when_the_simulated_page_opens():
    # The browser reports a table's options when it first shows it (Vuetify's
    # update:options on mount); the simulated page must too, or it shows no rows.
    server, heard = server_table()
    with User(server) as user:
        user.should_see("row 00")
        user.should_see("1–10 of 25")
        assert len(heard) == 1 and heard[0]["page"] == 1 and heard[0]["itemsPerPage"] == 10


def test_a_header_click_reports_the_new_options_to_the_app():
    server, heard = server_table()
    with User(server) as user:
        user.click("N")
        user.click("N ↑")  # ascending, then descending (the header shows its sort arrow)
        assert heard[-1]["sortBy"] == [{"key": "n", "order": "desc"}]
        user.should_see("row 24")
        user.should_not_see("row 00")


def test_typing_and_setting_by_label_pick_the_field_when_a_header_or_menu_has_the_same_name(sim_user):
    # A data table's sortable "Name" header and a VSelect's option list (aria-label
    # "Fruit") also answer to the field's label; typing or choosing goes to the field.
    from htmxtrame.ui.vuetify3 import SinglePageLayout
    from htmxtrame.widgets import vuetify3 as v3

    server = Server(f"fields{uuid.uuid4().hex[:6]}")
    server.state.rows = [{"name": "Ann"}]
    with SinglePageLayout(server) as layout, layout.content:
        v3.VTextField(label="Name", v_model=("name", ""))
        v3.VSelect(label="Fruit", v_model=("fruit", "apple"), items=("['apple', 'pear']",))
        v3.VDataTable(headers=("[{title: 'Name', key: 'name'}]",), items=("rows",))
        html.Div("{{ name }} likes {{ fruit }}", id="out")
    user = sim_user(server)
    user.type("Name", "Zoe")
    with pytest.raises(AssertionError, match=r"user.click\(<the option's text>\)"):
        user.set("Fruit", "pear")  # a select is chosen from its options, and the error says so
    user.click("pear")
    assert user.text("#out") == "Zoe likes pear"
    user.press("Name", "Enter")  # a key press in the field, not on the header
    with pytest.raises(AssertionError, match="2 elements"):
        user.click("Name")  # a click is not narrowed: the header and the field both answer


def test_a_sorted_header_is_still_clicked_by_its_title(sim_user):
    # A person calls the sorted column "Score" (the arrow beside it is a picture,
    # and no part of its name in the browser either): clicking "Score" twice
    # sorts it ascending, then descending.
    from htmxtrame.ui.vuetify3 import SinglePageLayout
    from htmxtrame.widgets import vuetify3 as v3

    server = Server(f"sorted{uuid.uuid4().hex[:6]}")
    server.state.rows = [{"name": n, "score": s} for n, s in (("Ann", 3), ("Bob", 9), ("Cy", 5))]
    with SinglePageLayout(server) as layout, layout.content:
        v3.VDataTable(headers=[{"title": "Name", "key": "name"}, {"title": "Score", "key": "score"}],
                      items=("rows",))
    user = sim_user(server)
    user.click("Score")
    assert user.text("tbody").startswith("Ann 3")
    user.click("Score")
    assert user.text("tbody").startswith("Bob 9")
    assert user.find("th[aria-sort=descending]").text == "Score ↓"  # the arrow is still shown


def test_the_keyboard_picks_in_an_autocomplete_and_commits_a_combobox_as_the_page_does(sim_user):
    # The page script moves the active option with the arrows and clicks it on
    # Enter; in a combobox, Enter with no option active commits the typed text.
    # A simulated page used to ignore those keys without a word.
    from htmxtrame.ui.html import DivLayout
    from htmxtrame.widgets import vuetify3 as v3

    server = Server(f"keys{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        v3.VAutocomplete(v_model=("fruit", None), items=["apple", "pear", "peach"], label="Fruit")
        v3.VAutocomplete(v_model=("teams", []), items=["red", "green", "blue"], label="Teams", multiple=True)
        v3.VCombobox(v_model=("tags", []), items=["a", "b"], label="Tags", multiple=True)
    user = sim_user(server)
    user.type("Fruit", "pe")
    user.press("Fruit", "ArrowDown")
    user.press("Fruit", "ArrowDown")
    user.press("Fruit", "Enter")
    assert user.state["fruit"] == "peach"
    user.press("Fruit", "ArrowUp")  # from no active option, ArrowUp goes to the last
    user.press("Fruit", "Enter")
    assert user.state["fruit"] == "peach"
    user.press("Teams", "ArrowDown")
    user.press("Teams", "Enter")
    user.press("Teams", "ArrowDown")  # with multiple the menu stays open: on to the next
    user.press("Teams", "Enter")
    assert user.state["teams"] == ["red", "green"]
    user.press("Teams", "Escape")
    user.press("Teams", "Enter")  # nothing active after Esc: nothing picked
    assert user.state["teams"] == ["red", "green"]
    user.type("Tags", "zzz")
    user.press("Tags", "Enter")
    assert user.state["tags"] == ["zzz"]

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

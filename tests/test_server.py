"""server.start(): ports, threads, exec modes, stop, ready, timeout, js_call, modules, child servers."""

from __future__ import annotations

import asyncio
import json
import logging
import stat
import sys
import urllib.error
import urllib.request
import uuid

import pytest
import websocket

from htmxtrame.server import Server, get_server
from htmxtrame.testing import start_app, wait_until
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def make_server(**options) -> Server:
    server = Server(f"t-{uuid.uuid4().hex[:8]}", **options)
    with DivLayout(server):
        html.Input(id="name", v_model=("name", "Ada"), ref="name_input")
        html.Div("Hello {{ name }}", id="out")
    return server


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode()


def serve_once(server: Server) -> str:
    """Start *server* in a thread, fetch its page, stop it; the page's HTML."""
    app = start_app(server)
    try:
        return fetch(app.url)
    finally:
        server.stop()


QUIET_ASYNC = {"port": 0, "host": "127.0.0.1", "open_browser": False, "timeout": 0, "show_connection_info": False}


def connect(port: int, path: str = "/__htmxtrame/ws?ui=main") -> websocket.WebSocket:
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=5)
    ws.send(json.dumps({"t": "hello", "seq": 0}))
    json.loads(ws.recv())  # the resync every fresh page gets
    return ws


def test_port_zero_picks_a_free_port_and_thread_returns_at_once():
    server = make_server()
    app = start_app(server)
    try:
        assert server.running and server.port == app.port and server.port > 0
        assert "Hello Ada" in fetch(app.url)
    finally:
        server.stop()
    assert not server.running
    with pytest.raises(urllib.error.URLError):
        fetch(app.url)


def test_second_start_while_running_does_nothing():
    server = make_server()
    start_app(server)
    try:
        port = server.port
        assert server.start(port=0, thread=True, open_browser=False, timeout=0) is None
        assert server.port == port
    finally:
        server.stop()


def test_stop_is_awaitable_and_idempotent():
    server = make_server()
    start_app(server)
    asyncio.run(_await(server.stop()))
    server.stop()  # a second stop does nothing
    assert not server.running


async def _await(x):
    await x


def test_banner_shows_the_bound_port(capsys):
    server = make_server()
    server.start(port=0, host="127.0.0.1", thread=True, open_browser=False, timeout=0)
    try:
        out = capsys.readouterr().out
        assert f"http://127.0.0.1:{server.port}/" in out
    finally:
        server.stop()


def test_host_all_interfaces_shows_local_and_network_urls(capsys):
    server = make_server()
    server.start(port=0, host="0.0.0.0", thread=True, open_browser=False, timeout=0)
    try:
        out = capsys.readouterr().out
        assert f"Local:   http://localhost:{server.port}/" in out and "Network: http://" in out
        assert "Hello Ada" in fetch(f"http://127.0.0.1:{server.port}/")
    finally:
        server.stop()


def test_show_connection_info_false_prints_nothing(capsys):
    server = make_server()
    server.start(port=0, thread=True, open_browser=False, timeout=0, show_connection_info=False, disableLogging=True)
    server.stop()
    assert "App running" not in capsys.readouterr().out


def test_timeout_defaults_to_trames_300_seconds_and_follows_the_cli(capsys, monkeypatch):
    monkeypatch.delenv("TRAME_ARGS", raising=False)
    server = make_server()
    server.start(port=0, host="127.0.0.1", thread=True, open_browser=False)
    server.stop()
    assert "shuts down after 300 s without a connected page" in capsys.readouterr().out
    monkeypatch.setenv("TRAME_ARGS", "--timeout 7")
    server.start(port=0, host="127.0.0.1", thread=True, open_browser=False)
    server.stop()
    assert "shuts down after 7 s" in capsys.readouterr().out


def test_banner_flag_prints_the_banner_even_when_the_app_hides_it(capsys, monkeypatch):
    monkeypatch.setenv("TRAME_ARGS", "--banner")
    server = make_server()
    server.start(port=0, host="127.0.0.1", thread=True, open_browser=False, timeout=0, show_connection_info=False)
    server.stop()
    assert f"http://127.0.0.1:{server.port}/" in capsys.readouterr().out


@pytest.fixture
def opened(monkeypatch):
    """The URLs server.start() opened in a browser tab (none really opens)."""
    urls: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **kw: urls.append(url))
    monkeypatch.delenv("TRAME_ARGS", raising=False)
    return urls


def test_open_browser_opens_the_app_url_in_thread_and_task_modes(opened):
    server = make_server()
    start_app(server, open_browser=True)
    url = server.url
    server.stop()
    assert opened == [url]
    opened.clear()

    async def main():
        task = server.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=True, timeout=0,
                            show_connection_info=False)
        await server.ready
        url = server.url
        await server.stop()
        await task
        return url

    assert opened == [asyncio.run(main())]


def test_open_browser_none_opens_unless_server_flag_or_pytest(opened, monkeypatch):
    server = make_server()
    start_app(server, open_browser=None)
    server.stop()
    assert opened == []  # under pytest nobody looks at a browser tab
    monkeypatch.setattr("htmxtrame.runner.under_pytest", lambda: False)
    start_app(server, open_browser=None)
    url = server.url
    server.stop()
    assert opened == [url]
    monkeypatch.setenv("TRAME_ARGS", "--server")
    start_app(server, open_browser=None)
    server.stop()
    assert opened == [url]  # --server: no new tab


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def request_log(**start_options) -> list[str]:
    """The request lines a --debug server logs while its page is fetched."""
    server = make_server(debug=True)
    handler = Lines()
    werkzeug_log = logging.getLogger("werkzeug")
    werkzeug_log.addHandler(handler)
    try:
        app = start_app(server, **start_options)
        fetch(app.url)
        server.stop()
    finally:
        werkzeug_log.removeHandler(handler)
    return [line for line in handler.lines if '"GET / ' in line]


def test_debug_logs_requests_and_disable_logging_silences_them():
    assert request_log(disable_logging=True) == []
    assert request_log(disableLogging=True) == []  # trame's user guide spelling
    assert len(request_log()) == 1  # the quiet servers before did not silence this one


def test_unknown_exec_mode_and_keyword_are_clear_errors():
    server = make_server()
    with pytest.raises(ValueError, match="exec_mode"):
        server.start(port=0, exec_mode="fast", open_browser=False)
    with pytest.raises(TypeError, match="prot"):
        server.start(prot=0)
    assert not server.running


def test_port_in_use_says_what_to_do():
    first = make_server()
    start_app(first)
    try:
        second = make_server()
        with pytest.raises(OSError, match="--port"):
            second.start(port=first.port, host="127.0.0.1", thread=True, open_browser=False, timeout=0)
        assert not second.running
    finally:
        first.stop()


def test_task_mode_runs_two_servers_in_one_loop():
    a, b = make_server(), make_server()
    b.state.name = "Bob"

    async def main():
        ta = a.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0, show_connection_info=False)
        tb = b.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0, show_connection_info=False)
        assert isinstance(ta, asyncio.Task) and isinstance(tb, asyncio.Task)
        await a.ready
        await b.ready
        assert a.port != b.port
        pages = await asyncio.gather(
            asyncio.to_thread(fetch, a.url), asyncio.to_thread(fetch, b.url)
        )
        await a.stop()
        await b.stop()
        await asyncio.wait_for(asyncio.gather(ta, tb), 5)
        return pages

    pages = asyncio.run(main())
    assert "Hello Ada" in pages[0] and "Hello Bob" in pages[1]


def test_task_mode_from_module_code_runs_once_the_loop_runs():
    # trame's multi-server example: start() twice before any loop runs, then run_until_complete(gather(...)).
    a, b = make_server(), make_server()
    b.state.name = "Bob"
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        ta = a.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0, show_connection_info=False)
        tb = b.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0, show_connection_info=False)
        assert not a.running and not b.running  # nothing runs before the loop does

        async def visit_then_stop():
            await a.ready
            await b.ready
            pages = await asyncio.gather(asyncio.to_thread(fetch, a.url), asyncio.to_thread(fetch, b.url))
            await a.stop()
            await b.stop()
            return pages

        pages, *_ = loop.run_until_complete(asyncio.wait_for(asyncio.gather(visit_then_stop(), ta, tb), 10))
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    assert "Hello Ada" in pages[0] and "Hello Bob" in pages[1]


def test_coroutine_mode_returns_a_coroutine():
    server = make_server()

    async def main():
        coro = server.start(port=0, host="127.0.0.1", exec_mode="coroutine", open_browser=False, timeout=0,
                            show_connection_info=False)
        assert asyncio.iscoroutine(coro)
        task = asyncio.ensure_future(coro)
        await server.ready
        page = await asyncio.to_thread(fetch, server.url)
        server.stop()
        await asyncio.wait_for(task, 5)
        return page

    assert "Hello Ada" in asyncio.run(main())


def test_timeout_stops_a_server_nobody_connects_to():
    server = make_server()
    exited = []
    server.controller.on_server_exited.add(lambda **state: exited.append(state["name"]))
    start_app(server, timeout=1)
    wait_until(lambda: exited, 10, "the idle server did not stop")
    assert exited == ["Ada"] and not server.running


def test_timeout_waits_while_a_page_is_connected():
    server = make_server()
    start_app(server, timeout=1)
    ws = connect(server.port)
    try:
        # Nothing is sent for 1.5 s, past the 1 s timeout: the page stays connected.
        ws.settimeout(1.5)
        with pytest.raises(websocket.WebSocketTimeoutException):
            ws.recv()
        assert server.running
        with server.state:
            server.state.name = "still here"
        assert "Hello still here" in json.loads(ws.recv())["content"]
    finally:
        ws.close()
    wait_until(lambda: not server.running, 10, "the server did not stop after the page left")


def test_timeout_zero_never_stops():
    server = make_server()
    start_app(server, timeout=0)
    try:
        assert server._runner.idle is not None and server._runner.idle._thread is None
    finally:
        server.stop()


def test_desktop_mode_without_a_browser_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("HTMXTRAME_BROWSER", raising=False)
    server = make_server()
    with pytest.raises(RuntimeError, match="Chromium/Chrome"):
        server.start(port=0, exec_mode="desktop")
    assert not server.running


def test_desktop_mode_opens_an_app_window_and_stops_when_it_closes(tmp_path, monkeypatch):
    # A stand-in browser: records its arguments, loads the page, "closes".
    record = tmp_path / "args.json"
    fake = tmp_path / "fake-chromium"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, sys, urllib.request\n"
        "url = [a for a in sys.argv if a.startswith('--app=')][0][6:]\n"
        "page = urllib.request.urlopen(url).read().decode()\n"
        f"json.dump({{'args': sys.argv[1:], 'page': page}}, open({str(record)!r}, 'w'))\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("HTMXTRAME_BROWSER", str(fake))
    server = make_server()
    server.start(port=0, host="127.0.0.1", exec_mode="desktop", timeout=0, show_connection_info=False)
    # Returns once the window closed, the server stopped with it.
    assert not server.running
    seen = json.loads(record.read_text())
    assert f"--app=http://127.0.0.1:{server.port}/" in seen["args"]
    assert "Hello Ada" in seen["page"]


def test_js_call_reaches_every_connected_page():
    server = make_server()
    start_app(server)
    pages = [connect(server.port), connect(server.port)]
    try:
        server.js_call("name_input", "focus")
        server.js_call("name_input", "setSelectionRange", 0, 2)
        for ws in pages:
            calls = []
            while len(calls) < 2:
                calls += json.loads(ws.recv()).get("calls", [])
            assert calls == [
                {"ref": "name_input", "method": "focus", "args": []},
                {"ref": "name_input", "method": "setSelectionRange", "args": [0, 2]},
            ]
    finally:
        for ws in pages:
            ws.close()
        server.stop()


def test_js_call_needs_a_ref_and_a_method():
    with pytest.raises(ValueError, match="ref"):
        make_server().js_call("", "focus")


def test_ref_renders_as_a_data_attribute():
    server = make_server()
    app = start_app(server)
    try:
        assert 'data-ht-ref="name_input"' in fetch(app.url)
    finally:
        server.stop()


def test_network_completion_waits_for_pushes_to_be_sent(caplog):
    server = make_server()
    start_app(server)
    ws = connect(server.port)
    try:
        async def change():
            with server.state:
                server.state.name = "Zed"
            await server.network_completion

        with caplog.at_level(logging.WARNING, logger="htmxtrame.server"):
            asyncio.run(change())
        assert all(s._pending is None for s in server.connections)
        assert "Hello Zed" in json.loads(ws.recv())["content"]
        assert "network_completion" not in caplog.text
    finally:
        ws.close()
        server.stop()


def stuck_page(server: Server):
    """A connected page whose updates nobody takes (its browser stopped reading)."""
    from htmxtrame.session import Batch, Session

    page = Session(server.scope_for_request(), "main")
    server.client_connected(page)
    page.push(Batch(1, dirty=["name"]))
    return page


def test_network_completion_gives_up_on_a_stuck_page_with_a_warning_naming_how_many(caplog):
    server = make_server(network_completion_timeout=0.05)
    start_app(server)
    ws = connect(server.port)  # a page that reads
    stuck = stuck_page(server)
    try:
        with caplog.at_level(logging.WARNING, logger="htmxtrame.server"):
            asyncio.run(_await(server.network_completion))  # resolves: the stuck page cannot hang it
        assert "1 of 2 connected page(s) still had updates queued after 0.05 s" in caplog.text
        assert "network_completion_timeout" in caplog.text  # says what to change
    finally:
        server.client_exited(stuck)
        ws.close()
        server.stop()


def test_network_completion_without_a_timeout_waits_as_trame_does(caplog):
    server = make_server(network_completion_timeout=None)
    stuck = stuck_page(server)

    async def main():
        waiting = asyncio.ensure_future(server.network_completion)
        await asyncio.sleep(0)
        assert not waiting.done()  # the page is still behind
        assert stuck.take(0) is not None  # its sender catches up
        await asyncio.wait_for(waiting, 5)

    with caplog.at_level(logging.WARNING, logger="htmxtrame.server"):
        asyncio.run(main())
    assert "network_completion" not in caplog.text
    server.client_exited(stuck)


def test_get_server_returns_one_server_per_name():
    name = f"named-{uuid.uuid4().hex[:6]}"
    a = get_server(name)
    assert get_server(name) is a and get_server(a) is a
    assert get_server(f"{name}-other") is not a
    assert get_server(f"{name}-missing", create_if_missing=False) is None


def test_context_holds_server_only_values():
    server = make_server()
    server.context.secret = "s3cret"
    server.context["n"] = 2
    assert server.context.secret == "s3cret" and server.context["n"] == 2 and server.context.missing is None
    assert "s3cret" not in str(server.state.to_dict())


def test_enable_module_adds_head_tags_state_and_served_folder(tmp_path):
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "widget.js").write_text("console.log('widget')")
    server = make_server()
    calls = []
    module = {
        "serve": {"my_module": str(folder)},
        "scripts": ["my_module/widget.js"],
        "styles": ["my_module/widget.css"],
        "state": {"module_value": 3},
        "setup": lambda server, **kw: calls.append(kw),
    }
    assert server.enable_module(module, flavour="x") is True
    assert server.enable_module(module) is False  # once only
    assert calls == [{"flavour": "x"}]
    assert server.state.module_value == 3
    app = start_app(server)
    try:
        page = fetch(app.url)
        assert '<script src="my_module/widget.js" defer></script>' in page
        assert '<link rel="stylesheet" href="my_module/widget.css">' in page
        assert fetch(app.url + "my_module/widget.js") == "console.log('widget')"
        with pytest.raises(urllib.error.HTTPError):
            fetch(app.url + "my_module/../../etc/passwd")
    finally:
        server.stop()


def test_enable_module_refuses_a_missing_folder_and_a_bad_prefix(tmp_path):
    server = make_server()
    with pytest.raises(FileNotFoundError, match="not a folder"):
        server.enable_module({"serve": {"m": str(tmp_path / "nope")}})
    with pytest.raises(ValueError, match="plain URL path"):
        server.enable_module({"serve": {"../up": str(tmp_path)}})


def test_child_server_translates_state_and_controller_names():
    server = make_server()
    child = server.create_child_server(prefix="left_")
    child.state.count = 2
    assert server.state.left_count == 2 and child.state.count == 2
    seen = []

    @child.state.change("count")
    def on_count(count, **kwargs):
        seen.append(count)

    server.state.ready()
    with server.state:
        server.state.left_count = 5
    assert seen[-1] == 5
    child.ctrl.reset = lambda: "reset"
    assert server.ctrl.left_reset() == "reset"
    assert server.create_child_server(prefix="left_") is child
    with pytest.raises(ValueError, match="prefix"):
        server.create_child_server()


def test_child_server_layout_reads_and_writes_prefixed_keys():
    from htmxtrame.testing import User

    server = make_server()
    child = server.create_child_server(prefix="b_")
    with DivLayout(child):
        html.Input(id="field", v_model=("text", "hi"))
        html.Div("{{ text.toUpperCase() }} / {{ [1, 2].map(x => x + n).join(',') }}", id="shout")
        html.Button("more", id="more", click="n = (n || 0) + 1")
    assert "b_main" in server.templates and server.state.b_text == "hi"
    server.state.ready()
    user = User(server, "b_main").open()
    user.type("#field", "yo")
    user.click("#more")
    assert server.state.b_text == "yo" and server.state.b_n == 1
    assert "text" not in server.state.to_dict()
    assert user.text("#shout") == "YO / 2,3"
    user.close()


def test_cancelling_the_task_stops_the_server():
    server = make_server()

    async def main():
        task = server.start(port=0, host="127.0.0.1", exec_mode="task", open_browser=False, timeout=0,
                            show_connection_info=False)
        await server.ready
        assert server.running
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert not server.running


@pytest.mark.parametrize("source, expected", [
    ("count + 1", "p_count + 1"),
    ("user.name", "p_user.name"),
    ("a?.b ?? c", "p_a?.b ?? p_c"),
    ("{ color: shade, size: 2 }", "{ color: p_shade, size: 2 }"),
    ("items.map(x => x * k)", "p_items.map(x => x * p_k)"),
    ("list.filter((a, i) => i < n)", "p_list.filter((a, i) => i < p_n)"),
    ("Math.max(x, 1) + `${label}!`", "Math.max(p_x, 1) + `${p_label}!`"),
    ("row.done && !hidden", "row.done && !p_hidden"),
    ("`${items.map(i => `${i}:${sep}`)}`", "`${p_items.map(i => `${i}:${p_sep}`)}`"),
])
def test_child_name_translation_in_expressions(source, expected):
    from htmxtrame.child import rename

    assert rename(source, "p_", {"row"}) == expected


def test_enable_module_takes_a_python_module(tmp_path):
    import types

    (tmp_path / "w.css").write_text("b{}")
    module = types.ModuleType("my_widgets")
    module.serve = {"my_widgets": str(tmp_path)}
    module.styles = ["my_widgets/w.css"]
    module.vue_use = ["ignored"]  # Vue-only: ignored
    server = make_server()
    assert server.enable_module(module)
    assert server.extra_head() == '<link rel="stylesheet" href="my_widgets/w.css">'
    with pytest.raises(TypeError, match="module or a dict"):
        server.enable_module(42)


def test_a_quit_button_can_stop_the_server_from_its_own_websocket():
    server = Server(f"quit-{uuid.uuid4().hex[:6]}")
    exited = []
    server.controller.on_server_exited.add(lambda **kw: exited.append(True))
    with DivLayout(server):
        html.Button("Quit", id="quit", click=lambda: server.stop())
    start_app(server)
    page = fetch(server.url)
    quit_id = page.split('data-ht="', 1)[1].split('"', 1)[0]
    ws = connect(server.port)
    ws.send(json.dumps({"t": "ev", "id": quit_id, "ev": "click"}))
    wait_until(lambda: exited, 10, "the server did not stop")
    assert not server.running
    with pytest.raises((websocket.WebSocketException, ConnectionError)):
        while True:
            ws.recv()  # whatever was queued, then the close


def test_a_stopped_server_can_start_again():
    server = make_server()
    start_app(server)
    server.stop()
    assert not server.ready.done()  # a new start gets a new ready signal
    assert "Hello Ada" in serve_once(server)


@pytest.mark.parametrize("dropped", ["closed", "never awaited", "task cancelled before it ran"])
def test_an_async_start_that_never_ran_does_not_block_a_later_start(dropped):
    import gc

    server = make_server()
    if dropped == "closed":
        server.start(exec_mode="coroutine", **QUIET_ASYNC).close()
    elif dropped == "never awaited":
        with pytest.warns(RuntimeWarning, match="never awaited"):
            server.start(exec_mode="coroutine", **QUIET_ASYNC)
            gc.collect()
    else:
        async def main():
            task = server.start(exec_mode="task", **QUIET_ASYNC)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(main())
    assert not server.running
    assert "Hello Ada" in serve_once(server)


def test_a_coroutine_awaited_while_the_server_runs_follows_it_and_then_can_start_it_again():
    server = make_server()

    async def main():
        early = server.start(exec_mode="coroutine", **QUIET_ASYNC)
        start_app(server)  # started another way before the coroutine ran
        waiting = asyncio.ensure_future(early)
        await asyncio.sleep(0)
        assert not waiting.done()  # it follows the running server...
        server.stop()
        await asyncio.wait_for(waiting, 5)  # ...and ends with it
        assert not server.running
        later = asyncio.ensure_future(server.start(exec_mode="coroutine", **QUIET_ASYNC))
        await server.ready
        page = await asyncio.to_thread(fetch, server.url)
        server.stop()
        await asyncio.wait_for(later, 5)
        return page

    assert "Hello Ada" in asyncio.run(main())

"""Lifecycle hooks, async work on the loop thread, errors reported to on_error."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid

import pytest
import websocket
from flask import Flask

from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.testing import User, start_app, wait_until
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def make() -> Server:
    server = Server(f"lc-{uuid.uuid4().hex[:8]}")
    with DivLayout(server):
        html.Div("{{ count }}", id="count")
    server.state.count = 1
    return server


def test_hooks_fire_in_order_with_their_arguments():
    server = make()
    seen = []
    ctrl = server.controller
    ctrl.on_server_start.add(lambda s: seen.append(("start", s is server)))
    ctrl.on_server_bind.add(lambda app: seen.append(("bind", isinstance(app, Flask))))
    ctrl.on_server_ready.add(lambda **state: seen.append(("ready", state["count"])))
    ctrl.on_client_connected.add(lambda: seen.append(("connected",)))
    ctrl.on_client_exited.add(lambda: seen.append(("exited",)))
    ctrl.on_server_exited.add(lambda **state: seen.append(("server_exited", state["count"])))
    start_app(server)
    ws = websocket.create_connection(f"ws://127.0.0.1:{server.port}/__htmxtrame/ws?ui=main")
    wait_until(lambda: ("connected",) in seen)
    ws.close()
    wait_until(lambda: ("exited",) in seen)
    server.stop()
    assert seen == [("start", True), ("bind", True), ("ready", 1), ("connected",), ("exited",), ("server_exited", 1)]


def test_on_server_bind_lets_the_app_add_routes():
    server = make()

    @server.controller.add("on_server_bind")
    def routes(app):
        app.add_url_rule("/api/count", "count", lambda: {"count": server.state.count})

    app = start_app(server)
    try:
        import urllib.request

        assert json.loads(urllib.request.urlopen(app.url + "api/count").read()) == {"count": 1}
    finally:
        server.stop()


def test_a_failing_hook_is_reported_to_on_error_and_the_server_still_starts():
    server = make()
    errors = []
    server.controller.on_error.add(errors.append)
    server.controller.on_server_ready.add(lambda **kw: 1 / 0)
    start_app(server)
    try:
        assert server.running
        assert any("on_server_ready" in e and "ZeroDivisionError" in e for e in errors)
    finally:
        server.stop()


def test_a_failing_listener_and_handler_reach_on_error():
    server = make()
    errors = []
    server.controller.on_error.add(errors.append)
    server.state.ready()

    @server.state.change("count")
    def broken(**kw):
        raise KeyError("nope")

    with server.state:
        server.state.count = 2
    assert any("broken" in e and "KeyError" in e for e in errors)
    with DivLayout(server, template_name="buttons"):
        html.Button("Divide", id="divide", click=lambda: 1 / 0)
    from htmxtrame.events import HandlerError

    with User(server, "buttons") as user, pytest.raises(HandlerError):
        user.click("Divide")
    assert any("click handler" in e and "ZeroDivisionError" in e for e in errors)


def test_a_failing_async_listener_reaches_its_own_apps_on_error_only():
    other, failing = make(), make()
    heard = {"other": [], "failing": []}
    other.controller.on_error.add(heard["other"].append)
    failing.controller.on_error.add(heard["failing"].append)
    failing.state.ready()

    @failing.state.change("count")
    async def broken(**kw):
        raise LookupError("no such record")

    with failing.state:
        failing.state.count = 2
    wait_until(lambda: heard["failing"], 5, "the failing app's on_error was not told")
    assert "LookupError: no such record" in heard["failing"][0]
    assert heard["other"] == []  # another app in the process is not told

    @asynchronous.task
    async def orphan():  # a task no server owns: every app hears it
        raise KeyError("orphan")

    orphan()
    wait_until(lambda: any("orphan" in e for e in heard["other"]), 5, "an owner-less task failure went unreported")


def test_async_hooks_listeners_controller_methods_and_tasks_share_one_loop_thread():
    server = make()
    threads = set()
    server.state.ready()

    async def on_ready(**kw):
        threads.add(threading.current_thread().name)

    @server.state.change("count")
    async def on_count(count, **kw):
        threads.add(threading.current_thread().name)
        await asyncio.sleep(0)
        with server.state:
            server.state.doubled = count * 2

    @asynchronous.task
    async def background():
        threads.add(threading.current_thread().name)
        with server.state:
            server.state.from_task = True

    server.controller.on_server_ready.add(on_ready)
    start_app(server)
    try:
        with server.state:
            server.state.count = 21
        background()
        fut = asynchronous.create_task(on_ready())
        fut.result(5)
        wait_until(lambda: server.state.doubled == 42 and server.state.from_task)
        assert threads == {"htmxtrame-loop"}
    finally:
        server.stop()


def test_create_task_from_async_code_runs_on_that_loop_and_can_be_awaited_and_cancelled():
    threads = []

    async def work(x):
        threads.append(threading.current_thread().name)
        return x * 2

    async def forever():
        await asyncio.Event().wait()

    async def main():
        assert await asynchronous.create_task(work(21)) == 42
        blocked = asynchronous.create_task(forever())
        blocked.cancel()
        with pytest.raises(asyncio.CancelledError):
            await blocked

    asyncio.run(main())  # an app's own loop, as with exec_mode="task"
    # trame's rule: async code's tasks run on its own loop (here the main thread's) ...
    assert threads == [threading.current_thread().name]
    # ... and a plain thread's run on the server's loop thread, as a concurrent future.
    assert asynchronous.create_task(work(1)).result(5) == 2
    assert threads[-1] == "htmxtrame-loop"


def test_async_controller_method_and_trigger_from_a_page_event():
    server = Server(f"lc-{uuid.uuid4().hex[:8]}")

    async def load():
        await asyncio.sleep(0)
        with server.state:
            server.state.loaded = "yes"

    @server.trigger("slow_add")
    async def slow_add(a, b):
        with server.state:
            server.state.total = a + b

    server.controller.load = load
    with DivLayout(server):
        html.Button("Load", id="load", click=server.controller.load)
        html.Button("Add", id="add", click="trigger('slow_add', [2, 3])")
    server.state.ready()
    user = User(server).open()
    user.click("Load")
    user.click("#add")
    user.wait_for_state("loaded", "yes")
    user.wait_for_state("total", 5)
    user.close()


# -- class-based apps ----------------------------------------------------------------
from htmxtrame import decorators  # noqa: E402
from htmxtrame.app import TrameApp  # noqa: E402
from htmxtrame.decorators import change, controller, life_cycle, trigger  # noqa: E402


def test_trame_app_decorator_binds_marked_methods_with_a_namespace():
    @decorators.TrameApp(namespace="ns")
    class Counter:
        def __init__(self, server):
            self.server = server
            self.ns = "c1_"
            self.seen = []

        @change("count")
        def on_count(self, count=None, c1_count=None, **kw):
            self.seen.append(c1_count)

        @trigger("double")
        def double(self, x):
            return 2 * x

        @controller.set("reset")
        def reset(self):
            return "reset"

        @controller.add("notify")
        @controller.once("notify")
        def notify(self):
            return "n"

        @life_cycle.server_ready
        def ready(self, **kw):
            self.seen.append("ready")

    server = Server(f"cls-{uuid.uuid4().hex[:8]}")
    app = Counter(server)
    server.state.ready()
    with server.state:
        server.state.c1_count = 4
    assert 4 in app.seen
    assert server.controller.call_trigger("double", [3]) == 6
    assert server.controller.call_trigger("c1_double", [4]) == 8
    assert server.ctrl.reset() == "reset" and server.ctrl.c1_reset() == "reset"
    server.ctrl.on_server_ready()
    assert "ready" in app.seen


def test_trame_app_decorator_needs_the_server_attribute():
    @decorators.TrameApp()
    class NoServer:
        pass

    with pytest.raises(AttributeError, match="'server' attribute"):
        NoServer()


def test_trame_app_base_class_binds_on_init_and_exposes_state_ctrl_ctx():
    class App(TrameApp):
        def __init__(self, server=None):
            super().__init__(server, ctx_name="main_app")
            with DivLayout(self.server) as self.ui:
                html.Button("+", id="inc", click=self.ctrl.inc)
                html.Div("{{ n }}", id="n")
            self.state.n = 0

        @controller.set("inc")
        def increment(self):
            self.state.n += 1

        @change("n")
        def on_n(self, n, **kw):
            self.state.n_label = f"n={n}"

    server = Server(f"base-{uuid.uuid4().hex[:8]}")
    app = App(server)
    assert app.server is server and app.ctx is server.context and server.context.main_app is app
    server.state.ready()
    user = User(server).open()
    user.click("#inc")
    user.click("#inc")
    assert user.text("#n") == "2" and server.state.n_label == "n=2"
    user.close()


def test_decorators_refuse_missing_names():
    with pytest.raises(TypeError, match="state key"):
        change()
    with pytest.raises(TypeError, match="trigger names"):
        trigger(3)


# -- client widgets --------------------------------------------------------------------
def test_client_style_and_script_render_static_text_verbatim():
    from htmxtrame.render import Renderer
    from htmxtrame.state import State
    from htmxtrame.widgets import client

    assert Renderer(State(ready=True), client.Style("a > b { color: red }")).render_page_body() == (
        "<style>a > b { color: red }</style>")
    assert Renderer(State(ready=True), client.Script("if (1 < 2) {}")).render_page_body() == "<script>if (1 < 2) {}</script>"
    with pytest.raises(ValueError, match="</style"):
        client.Style("</style><script>alert(1)</script>")
    with pytest.raises(TypeError):
        client.Script(42)

"""trame's public names behave as an app expects (or say clearly why they cannot)."""

from __future__ import annotations

import asyncio
import base64
import urllib.request

import pytest

from htmxtrame.app import get_client, get_server
from htmxtrame.assets import local, mimetypes, remote
from htmxtrame.decorators import TrameApp, hot_reload, life_cycle, task
from htmxtrame.elements.trame_api import parse_raw_attrs
from htmxtrame.server import Server
from htmxtrame.server_trame import WslinkOnlyError
from htmxtrame.testing import User, start_app
from htmxtrame.ui.html import DivLayout
from htmxtrame.ui.vuetify2 import SinglePageLayout as V2Layout
from htmxtrame.ui.vuetify3 import VAppLayout
from htmxtrame.utils import clean_value, reduce_vue_use, update_dict
from htmxtrame.widgets import client, html, vuetify2, vuetify3

_n = iter(range(10**6))


def fresh() -> Server:
    return Server(f"names-{next(_n)}")


# -- server attributes -------------------------------------------------------

def test_client_type_defaults_to_vue3_and_is_set_once():
    server = fresh()
    assert server.client_type == "vue3"
    server.client_type = "vue2"
    server.client_type = "vue2"  # the same value again is fine
    with pytest.raises(TypeError, match="only be set once"):
        server.client_type = "vue3"
    with pytest.raises(ValueError, match="vue2"):
        fresh().client_type = "react"
    assert get_server(f"names-ct-{next(_n)}", client_type="vue2").client_type == "vue2"


def test_http_headers_reach_every_response(tmp_path):
    server = fresh()
    server.http_headers.shared_array_buffer = True
    server.http_headers.set_header("X-App", "demo")
    assert server.http_headers.get_header("Cross-Origin-Opener-Policy") == "same-origin"
    with DivLayout(server):
        html.P("hi")
    app = start_app(server)
    try:
        with urllib.request.urlopen(app.url, timeout=5) as response:
            assert response.headers["X-App"] == "demo"
            assert response.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    finally:
        server.stop()
    server.http_headers.shared_array_buffer = False
    assert server.http_headers.headers == {"X-App": "demo"}
    with pytest.raises(ValueError, match="single-line"):
        server.http_headers.set_header("X-Bad", "a\r\nSet-Cookie: x=1")


def test_serve_adds_a_static_folder(tmp_path):
    (tmp_path / "hello.txt").write_text("from a served folder")
    server = fresh()
    server.serve["data"] = str(tmp_path)
    assert dict(server.serve) == {"data": str(tmp_path.resolve())}
    with pytest.raises(FileNotFoundError):
        server.serve["nope"] = str(tmp_path / "missing")
    with DivLayout(server):
        html.P("hi")
    app = start_app(server)
    try:
        with urllib.request.urlopen(app.url + "data/hello.txt", timeout=5) as response:
            assert response.read() == b"from a served folder"
    finally:
        server.stop()


def test_root_server_translator_state_and_trigger_name():
    server = fresh()
    child = server.create_child_server(prefix="left_")
    assert server.root_server is server and child.root_server is server
    assert child.translator("zoom") == "left_zoom" and server.translator("zoom") == "zoom"

    @server.trigger("export")
    def export():
        return 1

    assert server.trigger_name(export) == "export"
    server.state.a = 1
    assert server.get_server_state()["name"] == server.name
    assert server.get_server_state()["state"]["a"] == 1


def test_force_state_push_re_renders_the_keys_on_pages():
    server = fresh()
    with DivLayout(server):
        html.P("{{ n }}", id="n")
    server.state.n = 1
    with User(server) as page:
        assert page.text("#n") == "1"
        server.force_state_push("n")  # no error, nothing changes on the page
        assert page.text("#n") == "1"
    assert server.clear_state_client_cache("n") is None


def test_wslink_only_names_raise_saying_what_to_use():
    server = fresh()
    with pytest.raises(WslinkOnlyError, match="trigger"):
        server.protocol_call("my.rpc")
    with pytest.raises(NotImplementedError, match="wslink"):
        server.add_protocol_to_configure(lambda protocol: None)
    with pytest.raises(WslinkOnlyError, match="trigger"):
        server.protocol.publish("topic", {})
    assert not hasattr(server.protocol, "registerLinkProtocol")  # also an AttributeError
    assert get_client("ws://localhost:1234/ws").connected == 0  # a real client now (tests/test_pyclient.py)


def test_protocol_add_attachment_hands_the_bytes_to_a_download():
    server = fresh()
    server.state.ready()

    @server.controller.trigger("export")
    def export():
        return server.protocol.addAttachment(memoryview(b"scene bytes"))

    with DivLayout(server):
        html.Button("Export", id="x", click="utils.download('s.bin', trigger('export'), 'application/octet-stream')")
    with User(server) as page:
        page.click("#x")
        assert [(d.filename, d.content) for d in page.downloads] == [("s.bin", b"scene bytes")]
    with pytest.raises(TypeError, match="bytes"):
        server.protocol.addAttachment("text")


def test_context_is_a_state_with_listeners():
    server = fresh()
    server.context.ready()
    seen = []
    server.context.change("picked")(lambda picked, **_: seen.append(picked))
    server.context.picked = "cone"
    server.context.flush()
    assert seen == ["cone"] and server.context.missing is None


# -- elements and layouts ------------------------------------------------------

def test_elements_know_their_server_state_and_ctrl():
    server = fresh()
    with DivLayout(server) as layout:
        label = html.Span("{{ count }}", ctx_name="label")
    assert label.server is server and label.state is server.state and label.ctrl is server.controller
    assert server.context.label is label
    server.state.count = 3
    assert label.html.endswith(">3</span>")
    assert layout.controller is server.controller and layout.state is server.state
    assert layout.url == "Server is not running"
    other = fresh()
    loose = html.Div(trame_server=other)
    assert loose.server is other


def test_connect_parent_false_keeps_an_element_out_of_the_enclosing_block():
    server = fresh()
    with DivLayout(server) as layout:
        html.P("in")
        kept = html.P("out", connect_parent=False)
    assert kept.parent is None
    assert [c for c in layout.root.children if c is kept] == []


def test_raw_attrs_keep_static_html_and_read_vue_syntax_as_keywords():
    el = html.Div(raw_attrs=['data-x="1"', "hidden", "title='it'"])
    assert el.attributes["data-x"] == "1" and el.attributes["title"] == "it"
    assert parse_raw_attrs([':value="x + 1"', 'v-bind:title="t"', '@click="n++"', 'v-on:input="k = $event"',
                            'v-if="show"', "v-else", 'v-model.number="k"', 'v-slot:item.1', '#top="{ props }"']) == {
        ":value": "x + 1", ":title": "t", "@click": "n++", "@input": "k = $event", "v_if": "show", "v_else": True,
        "v_model_number": ("k",), "v_slot:item.1": True, "v_slot:top": "{ props }"}


@pytest.mark.parametrize("raw", ['v-tooltip="tip"', '@click.stop="n++"', ":value", "v-model", 'a b="1"', "#", 42])
def test_raw_attrs_refuse_what_has_no_keyword_form(raw):
    with pytest.raises(ValueError, match="keyword arguments"):
        html.Div(raw_attrs=[raw])


def test_raw_attrs_bind_and_listen_like_keywords():
    from test_vuetify import Page

    box = {}

    def build():
        box["btn"] = html.Button("add", raw_attrs=[':title="`n is ${n}`"', '@click="n = n + 1"', 'v-show="n < 3"'])

    page = Page(build, n=1)
    assert 'title="n is 1"' in page.html
    page.fire(box["btn"], "click")
    assert page.state.n == 2 and 'title="n is 2"' in page.html
    page.fire(box["btn"], "click")
    assert "display: none" in page.html


def test_layout_ready_starts_the_server_and_url_points_at_it():
    server = fresh()
    with DivLayout(server, template_name="side") as layout:
        html.P("side")

    async def main():
        await layout.ready
        try:
            return layout.url
        finally:
            await server.stop()

    url = asyncio.run(main())
    assert url.endswith(f":{server.port}/?ui=side")


def test_vuetify_config_is_kept_off_the_html():
    server = fresh()
    layout = VAppLayout(server, vuetify_config={"theme": {"defaultTheme": "dark"}})
    assert layout.vuetify_config == {"theme": {"defaultTheme": "dark"}}
    assert "vuetify" not in layout.html and "defaultTheme" not in layout.html


def test_vuetify2_layouts_have_trames_slots():
    layout = V2Layout(fresh())
    with layout.content:
        vuetify2.VContainer("body")
    for slot in ("toolbar", "icon", "title", "content", "footer"):
        assert getattr(layout, slot) is not None
    assert "body" in layout.html


# -- widgets.client --------------------------------------------------------------

def test_style_update_replaces_the_css_on_the_page():
    server = fresh()
    with DivLayout(server):
        style = client.Style(css_content="p { color: red }")
        html.P("x")
    with User(server) as page:
        assert "color: red" in page.html
        style.update("p { color: blue }")
        assert "color: blue" in page.html and "color: red" not in page.html
    with pytest.raises(ValueError, match="</style"):
        style.update("</style><script>alert(1)</script>")
    assert "color: blue" in style.html  # a refused update changes nothing
    assert style.var_name.startswith("trame__inline_style_")


def test_script_takes_script_content_and_module_flag():
    el = client.Script(script_content="export const x = 1;", module=True)
    assert el.attributes["type"] == "module"
    el.update("export const x = 2;")
    assert "x = 2" in el.html


def test_client_state_change_calls_back_when_the_key_changes():
    server = fresh()
    calls = []
    with DivLayout(server):
        client.ClientStateChange(value="zoom", change=lambda: calls.append(server.state.zoom))
    server.state.ready()
    server.state.zoom = 2
    server.state.flush()
    assert calls == [2]
    with pytest.raises(TypeError, match="Python callable"):
        client.ClientStateChange(value="zoom", change="console.log(1)")


def test_client_triggers_run_on_connect_and_by_name():
    server = fresh()
    events = []
    with DivLayout(server):
        triggers = client.ClientTriggers(mounted=lambda: events.append("mounted"),
                                         refresh=lambda n: events.append(("refresh", n)))
    with User(server):
        pass
    triggers.call("refresh", 3)
    assert events == ["mounted", ("refresh", 3)]
    with pytest.raises(KeyError, match="known"):
        triggers.call("nope")


def test_server_template_shows_a_layout_defined_before_or_after_it():
    server = fresh()
    with DivLayout(server, template_name="early"):
        html.Span("early part")
    with DivLayout(server):
        client.ServerTemplate(name="early")
        client.ServerTemplate(name="late")
    with DivLayout(server, template_name="late"):
        html.Span("late part")
    page = server.templates["main"].html
    assert "early part" in page and "late part" in page


def test_server_template_refuses_a_layout_inside_itself():
    server = fresh()
    with DivLayout(server, template_name="a"):
        client.ServerTemplate(name="b")
    with pytest.raises(ValueError, match="cannot show itself"):
        with DivLayout(server, template_name="b"):
            client.ServerTemplate(name="a")
    with pytest.raises(TypeError, match="template_name as a string"):
        client.ServerTemplate(name=("which",))


def test_loading_shows_its_message():
    assert "Please wait" in client.Loading(message="Please wait").html


@pytest.mark.parametrize("make", [
    lambda: client.JSEval(),
    lambda: client.Getter(name="a"),
    lambda: client.Handler(function="f"),
    lambda: client.register_external_script("a.js", function_names=["f"]),
])
def test_browser_only_client_widgets_raise_saying_what_to_do(make):
    with pytest.raises(NotImplementedError, match="Instead:"):
        make()


# -- html built-ins, assets, decorators, utils ----------------------------------------

def test_vue_builtins_render_their_children():
    out = html.TransitionGroup(html.Span("a"), name="fade").html
    assert "<span>a</span>" in out and "fade" not in out
    assert html.Component("x", is_="section").html.startswith("<section")
    with pytest.raises(ValueError, match="fixed HTML tag"):
        html.Component(is_=("tag_name",))


def test_local_assets(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg/>")
    (tmp_path / "app.py").write_text("")
    assets = local.LocalFileManager(tmp_path / "app.py")  # a file: its folder is the base
    url = assets.url("logo", "logo.svg")
    assert url == "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    assert assets.logo == url and assets["logo"] == url and assets.missing is None
    assert assets.txt("logo.svg") == "<svg/>" and "logo.svg" not in assets.assets
    assert assets.get_assets("logo", "x") == {"logo": url, "x": None}


def test_mimetype_override_survives_init():
    mimetypes.add_mimetype_override("model/vtp", ".vtp")
    import mimetypes as std

    std.init()
    assert mimetypes.to_mime("mesh.vtp") == "model/vtp"


def test_remote_file_is_fetched_once_and_a_failure_raises(tmp_path):
    server = fresh()
    with DivLayout(server):
        html.P("x")
    server.serve["files"] = str(tmp_path)
    (tmp_path / "data.bin").write_bytes(b"12345")
    app = start_app(server)
    try:
        copy = remote.HttpFile("copies/data.bin", app.url + "files/data.bin", tmp_path)
        assert not copy.local
        assert open(copy.path, "rb").read() == b"12345"
        broken = remote.HttpFile("copies/none.bin", app.url + "files/none.bin", tmp_path)
        with pytest.raises(OSError, match="none.bin"):
            _ = broken.path
        assert not (tmp_path / "copies" / "none.bin").exists()
        with pytest.raises(ValueError, match="http"):
            _ = remote.HttpFile("x", "file:///etc/passwd", tmp_path).path
    finally:
        server.stop()


def test_life_cycle_task_hooks_and_decorator_task():
    ran = []

    @TrameApp()
    class App:
        def __init__(self, server):
            self.server = server

        @life_cycle.client_connected_task
        async def on_connect(self):
            ran.append("connected")

    server = fresh()
    App(server)
    assert server.controller.on_client_connected.task_funcs

    @task
    async def job():
        ran.append("job")

    async def main():
        job()
        await asyncio.sleep(0.01)

    asyncio.run(main())
    assert ran == ["job"]


def test_hot_reload_decorator_and_reload_call_the_function_when_no_watcher_runs():
    from htmxtrame.utils.hot_reload import reload

    def f(x):
        return x + 1

    # Without --hot-reload the wrapper calls the function itself (the newest
    # saved version only once a watcher runs: tests/test_hot_reload.py).
    assert hot_reload(f)(1) == 2 and hot_reload(f).__wrapped__ is f
    assert reload(f)(2) == 3


def test_value_helpers():
    assert clean_value({"a": 1, "b": 2, "_filter": ["b"]}) == {"a": 1, "_filter": ["b"]}
    nested = {"a": {"x": 1}}
    merged = update_dict({}, nested)
    assert merged == nested and merged["a"] is not nested["a"]

    class S:
        trame__vue_use = ["a", ("b", {"x": 1}), "a", ("b", {"y": 2})]

    reduce_vue_use(S)
    assert S.trame__vue_use == ["a", ("b", {"x": 1, "y": 2})]


def test_dataframe_to_grid_with_a_duck_typed_frame():
    class Frame:
        columns = ["name", "score"]

        def to_dict(self, orient):
            return [{"name": "Ada", "score": float("nan")}, {"name": "Bob", "score": 3}]

    headers, rows = vuetify3.dataframe_to_grid(Frame(), {"score": {"align": "end"}})
    assert headers[1] == {"text": "score", "value": "score", "title": "score", "key": "score", "align": "end"}
    assert rows == [{"name": "Ada", "score": "nan"}, {"name": "Bob", "score": 3}]
    with pytest.raises(TypeError, match="DataFrame"):
        vuetify3.dataframe_to_grid([1, 2])


def test_ready_raises_a_bind_error_and_a_cancelled_start_resolves_false():
    first, second, third = fresh(), fresh(), fresh()
    quiet = {"open_browser": False, "show_connection_info": False, "timeout": 0, "host": "127.0.0.1"}

    async def main():
        first.start(exec_mode="task", port=0, **quiet)
        await first.ready
        second.start(exec_mode="task", port=first.port, **quiet)
        with pytest.raises(OSError, match="error while attempting to bind on address"):
            await asyncio.wait_for(second.ready, 5)
        third.start(exec_mode="task", port=0, **quiet).cancel()
        assert await asyncio.wait_for(third.ready, 5) is False
        await first.stop()

    asyncio.run(main())
    assert not second.running and not third.running


def test_client_adapter_answers_the_vue_way():
    adapter = client.ClientAdapter(fresh())
    assert adapter.style({"fontSize": "12px", "color": "red"}) == "font-size: 12px; color: red;"
    assert adapter.style({"width": adapter.expression("w + 'px'")}) == ("{width: w + 'px'}",)
    assert adapter.events(click="n += 1") == {"click": "n += 1"}
    with pytest.raises(NotImplementedError, match="modifiers"):
        adapter.event("click", "n += 1", ["stop"])
    with DivLayout(adapter.server):
        el = html.Div("x", style=adapter.style({"width": adapter.expression("w + 'px'")}))
    adapter.server.state.w = 5
    assert 'style="width:5px"' in el.html.replace(" ", "")


def test_trame_properties_reach_a_slot_whose_name_is_no_python_identifier():
    # trame's 00_dataframe-table-vue3 example: an item slot per column through
    # __properties=[("calories", "v-slot:item.calories")]; the group header slot by keyword.
    server = fresh()
    with DivLayout(server):
        with vuetify3.VDataTable(headers=("headers", [{"title": "Name", "key": "name"}, {"title": "Cal", "key": "cal"}]),
                                 items=("rows", [{"name": "Eclair", "cal": 300}]), id="table"):
            with vuetify3.Template(cal="{ item }", __properties=[("cal", "v-slot:item.cal")]):
                vuetify3.VChip("{{ item.cal }} kcal")
            with vuetify3.Template(style="{ item }", __properties=[("style", "#item.name")]):
                html.B("{{ item.name.toUpperCase() }}")
    with User(server) as user:
        assert user.text("#table").split()[:5] == ["Name", "Cal", "ECLAIR", "300", "kcal"]
        user.should_not_see("expression error")

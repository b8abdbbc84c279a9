"""trame-vtklocal's LocalView, rendered on the server: frames, API, listeners and bad input."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import subprocess
import sys
import threading

import pytest

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

from vtk_scene import Collector, cone_window  # noqa: E402

from htmxtrame.render import Renderer  # noqa: E402
from htmxtrame.server import Server  # noqa: E402
from htmxtrame.ui.html import DivLayout  # noqa: E402
from htmxtrame.widgets import vtklocal  # noqa: E402
from htmxtrame.widgets.vtk import channel  # noqa: E402
from htmxtrame.widgets.vtk.frames import parse  # noqa: E402

_names = itertools.count()




def make(**kwargs):
    server = Server(f"vtklocal-test-{next(_names)}")
    window, renderer, source = cone_window()
    with DivLayout(server) as layout:
        view = vtklocal.LocalView(window, **kwargs)
    server.state.ready()
    return server, view, renderer, source, layout


def still_frames(sub) -> list:
    return [f for f in sub.frames if f.still]


def wait_until(predicate, timeout: float = 10) -> None:
    pause = threading.Event()
    for _ in range(int(timeout * 100)):
        if predicate():
            return
        pause.wait(0.01)
    raise AssertionError("condition not met")


def test_the_view_is_an_image_view_bound_to_the_render_window():
    server, view, _, _, _ = make(ctx_name="view")
    body = Renderer(server.state, server.templates["main"]).render_page_body()
    assert f'data-ht-vtk="{view.renderer.id}"' in body and 'class="ht-vtk-image"' in body
    assert view.view is view.renderer.window
    assert server.context.view is view  # ctx_name= as trame-vtklocal apps use it
    assert view.ref_name.startswith("_vtklocalview_")


def test_update_pushes_a_new_picture_of_the_changed_scene():
    server, view, _, source, _ = make()
    sub = Collector()
    view.renderer.subscribe(sub)
    view.update()
    sub.wait(lambda s: len(still_frames(s)) == 1)
    first = still_frames(sub)[0]
    source.SetResolution(3)
    source.SetHeight(3.0)
    server.controller.view_update = view.update
    server.controller.view_update()
    sub.wait(lambda s: len(still_frames(s)) == 2)
    second = still_frames(sub)[1]
    assert second.seq > first.seq and second.data != first.data


def test_update_throttle_merges_a_burst_and_makes_the_last_call():
    calls: list[float] = []
    throttle = vtklocal.Throttle(lambda: calls.append(1), rate=20)
    for _ in range(50):
        throttle()
    assert len(calls) == 1  # the first goes through at once
    wait_until(lambda: len(calls) == 2)  # the rest merge into one trailing call
    server, view, _, _, _ = make(throttle_rate=15)
    assert view.update_throttle.rate == 15
    view.update_throttle.rate = 30
    assert view.update_throttle.rate == 30
    with pytest.raises(TypeError, match="updates per second"):
        view.update_throttle.rate = "fast"


def test_wasm_only_props_are_ignored_with_one_log_line(caplog):
    from htmxtrame.widgets.vtklocal import view as view_module

    view_module._logged.discard("cache_size")
    view_module._logged.discard("eager_sync")
    with caplog.at_level(logging.WARNING, logger="htmxtrame.vtklocal"):
        server, view, _, _, _ = make(cache_size=("cache", 0), eager_sync=True, config=("{rendering: 'webgl'}",),
                                     memory_vtk="mem_vtk = $event", listeners=None)
        make(cache_size=1000, eager_sync=False)
    lines = [r.getMessage() for r in caplog.records if "cache_size" in r.getMessage()]
    assert len(lines) == 1 and "eager_sync" in lines[0]
    assert server.state.cache == 0  # ("cache", 0) still seeds the key the page shows
    body = Renderer(server.state, server.templates["main"]).render_page_body()
    assert "cache" not in body.split("data-ht-vtk")[1].split(">")[0]  # not an HTML attribute


@pytest.mark.parametrize("window, error", [
    (None, "takes a vtkRenderWindow"),
    ("a window", "takes a vtkRenderWindow"),
])
def test_a_missing_render_window_is_a_clear_error(window, error):
    with pytest.raises(TypeError, match=error):
        vtklocal.LocalView(window)


def test_a_window_with_no_renderer_says_to_add_one():
    from vtkmodules.vtkRenderingCore import vtkRenderWindow

    with pytest.raises(ValueError, match="AddRenderer"):
        vtklocal.LocalView(vtkRenderWindow())


def test_a_window_that_fails_to_render_reports_it_and_the_view_stays_up():
    server, view, _, source, _ = make()
    sub = Collector()
    view.renderer.subscribe(sub)
    real = view.renderer.window

    class Broken:
        def __getattr__(self, name):
            return getattr(real, name)

        def Render(self):
            raise RuntimeError("GPU gone")

    view.renderer.window = Broken()
    view.update()
    sub.wait(lambda s: s.errors)
    assert sub.errors[0][1] == "render-failed" and "GPU gone" in sub.errors[0][2]
    view.renderer.window = real
    view.update()
    sub.wait(lambda s: still_frames(s))


def test_updated_fires_after_an_update_and_camera_after_the_camera_moves():
    seen: list = []
    cameras: list = []
    server, view, renderer, _, _ = make(updated=lambda: seen.append(1), camera=(cameras.append, "[$event]"))
    sub = Collector()
    view.renderer.subscribe(sub)
    view.update()
    wait_until(lambda: seen and cameras)
    assert cameras[0]["Position"] == pytest.approx(list(renderer.GetActiveCamera().GetPosition()))
    view.renderer.queue(("zoom", 2.0))
    view.renderer.request("still")
    wait_until(lambda: len(cameras) == 2)
    assert len(seen) == 1  # a camera move is not an update()
    assert cameras[1]["Position"] != pytest.approx(cameras[0]["Position"])


def test_reset_camera_fits_the_scene_and_takes_a_renderer():
    server, view, renderer, _, _ = make()
    sub = Collector()
    view.renderer.subscribe(sub)
    cam = renderer.GetActiveCamera()
    fitted = cam.GetDistance()
    cam.Dolly(3.0)
    view.reset_camera()
    sub.wait(lambda s: still_frames(s))
    assert cam.GetDistance() == pytest.approx(fitted)
    cam.Dolly(3.0)
    view.reset_camera(renderer)
    sub.wait(lambda s: len(still_frames(s)) == 2)
    assert cam.GetDistance() == pytest.approx(fitted)
    with pytest.raises(TypeError, match="vtkRenderer"):
        view.reset_camera("nope")


def test_ids_eval_and_invoke_read_the_servers_objects():
    server, view, renderer, source, _ = make()
    cam = renderer.GetActiveCamera()
    cid = view.get_wasm_id(cam)
    assert view.get_wasm_id(renderer.GetActiveCamera()) == cid  # a new wrapper, the same object
    assert view.get_vtk_obj(cid) is cam and view.get_wasm_obj_id(cam) == {"Id": cid}
    assert view.get_wasm_id("plain") == "plain"
    view.eval({"cam": {"pos": (cid, "Position"), "angle": (cid, "ViewAngle")}})
    assert server.state.cam == {"pos": list(cam.GetPosition()), "angle": cam.GetViewAngle()}
    assert asyncio.run(view.invoke(cam, "GetViewAngle")) == cam.GetViewAngle()
    with pytest.raises(LookupError, match="no VTK object has id"):
        view.eval({"x": (10**9, "Position")})
    with pytest.raises(ValueError, match="no property"):
        view.eval({"x": (cid, "Explode")})
    with pytest.raises(ValueError, match="not a VTK method"):
        asyncio.run(view.invoke(cam, "__class__"))


def test_listeners_copy_a_widgets_properties_into_the_state():
    from vtkmodules.vtkInteractionWidgets import vtkLineWidget2
    from vtkmodules.vtkRenderingCore import vtkRenderWindowInteractor

    server, view, renderer, _, _ = make()
    interactor = vtkRenderWindowInteractor()
    interactor.SetRenderWindow(view.renderer.window)
    widget = vtkLineWidget2()
    widget.SetInteractor(interactor)
    widget.CreateDefaultRepresentation()
    wid = view.register_vtk_object(widget)
    view.listeners = ("wasm_listeners", {wid: {"InteractionEvent": {
        "line": {"p1": (wid, "WidgetRepresentation", "Point1WorldPosition")}}}})
    assert "wasm_listeners" in server.state
    widget.GetRepresentation().SetPoint1WorldPosition([1.0, 2.0, 3.0])
    widget.InvokeEvent("InteractionEvent")
    wait_until(lambda: server.state.line is not None if "line" in server.state else False)
    assert server.state.line == {"p1": [1.0, 2.0, 3.0]}
    # The bound key changes (as the page or the app may change it): the new listeners replace the old.
    server.state.wasm_listeners = {str(wid): {"EndInteractionEvent": {
        "line2": {"p2": [wid, "WidgetRepresentation", "Point2WorldPosition"]}}}}
    server.state.flush()
    widget.GetRepresentation().SetPoint2WorldPosition([4.0, 5.0, 6.0])
    widget.InvokeEvent("EndInteractionEvent")
    wait_until(lambda: "line2" in server.state and server.state.line2 is not None)
    assert server.state.line2 == {"p2": [4.0, 5.0, 6.0]}
    with pytest.raises(TypeError, match="listeners="):
        view.listeners = [1, 2]
    with pytest.raises(LookupError):
        view.listeners = {10**9: {"ModifiedEvent": {"x": (10**9, "Position")}}}


def test_what_needs_vtk_wasm_is_refused_naming_the_alternative():
    server, view, _, _, _ = make()
    for call in (view.export, lambda: view.save("scene.zip")):
        with pytest.raises(NotImplementedError, match="capture_image"):
            call()
    with pytest.raises(NotImplementedError, match="setters"):
        view.vtk_update_from_state({"Id": 1})
    with pytest.raises(NotImplementedError, match="get_wasm_id"):
        view.object_manager  # noqa: B018
    view.detach_handler()  # nothing to detach: accepted


def test_a_drag_on_the_view_turns_the_camera():
    from test_vtk import FakeSocket

    server, view, renderer, _, _ = make()
    cam = renderer.GetActiveCamera()
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    vid = view.renderer.id
    try:
        conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
        ws.wait_binary()
        before = cam.GetPosition()
        conn.handle(json.dumps({"t": "down", "v": vid, "x": 200, "y": 150, "b": 0}))
        conn.handle(json.dumps({"t": "move", "v": vid, "x": 300, "y": 150}))
        conn.handle(json.dumps({"t": "up", "v": vid}))
        ws.wait_for(lambda: any(parse(m)[0]["still"] for m in ws.binary[1:]))
        assert cam.GetPosition() != pytest.approx(before)
    finally:
        conn.close()


def test_trame_vtklocal_names_resolve_here_under_the_import_hook():
    code = (
        "from htmxtrame.compat import importer; importer.install()\n"
        "from trame.widgets import vtklocal\n"
        "from trame_vtklocal.widgets.vtklocal import LocalView\n"
        "from trame_vtklocal import module\n"
        "import htmxtrame.widgets.vtklocal as ours\n"
        "assert vtklocal.LocalView is LocalView is ours.LocalView\n"
        "from trame.app import get_server\n"
        "server = get_server('x')\n"
        "server.enable_module(module); vtklocal.initialize(server)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_a_camera_listener_follows_the_camera_the_page_turns():
    server, view, renderer, _, _ = make()
    cid = view.get_wasm_id(renderer.GetActiveCamera())
    view.listeners = {str(cid): {"ModifiedEvent": {"cam": {"position": (cid, "Position")}}}}  # JSON keys
    position = list(renderer.GetActiveCamera().GetPosition())
    view.renderer.queue(("rotate", 80, 0, (400, 300)))
    view.renderer.request("still")
    wait_until(lambda: "cam" in server.state and server.state.cam is not None
               and server.state.cam["position"] != pytest.approx(position))
    wait_until(lambda: server.state.cam["position"] == pytest.approx(list(renderer.GetActiveCamera().GetPosition())))

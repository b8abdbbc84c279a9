"""Picking on server-rendered VTK views: trame-vtk's click/hover events and object ids.

The page sends a click or hover position on the view socket; the server
picks with VTK and runs the app's handler with trame-vtk's payload (remote:
the position in window pixels; local: the picked object's id).
"""

from __future__ import annotations

import itertools
import json
import threading

import pytest

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

from test_vtk import FakeSocket  # noqa: E402

from htmxtrame.compat import importer  # noqa: E402
from htmxtrame.server import Server  # noqa: E402
from htmxtrame.ui.html import DivLayout  # noqa: E402
from htmxtrame.widgets import vtk  # noqa: E402
from htmxtrame.widgets.vtk import channel, engine  # noqa: E402

_names = itertools.count()


def scene():
    """A cone on the left and a sphere on the right; returns (window, renderer, {name: actor})."""
    from vtkmodules.vtkFiltersSources import vtkConeSource, vtkSphereSource
    from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkRenderWindow

    renderer = vtkRenderer()
    window = vtkRenderWindow()
    window.AddRenderer(renderer)
    actors = {}
    for name, source, x in (("Cone", vtkConeSource(), -1.0), ("Sphere", vtkSphereSource(), 1.0)):
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(source.GetOutputPort())
        actor = vtkActor()
        actor.SetMapper(mapper)
        actor.SetPosition(x, 0, 0)
        renderer.AddActor(actor)
        actors[name] = actor
    renderer.ResetCamera()
    return window, renderer, actors


class Setup:
    def __init__(self, view_class, modes=("picking_modes", ["click"]), **handlers):
        self.server = Server(f"vtk-pick-{next(_names)}")
        self.window, self.renderer, self.actors = scene()
        self.events: list = []
        self.got = threading.Event()

        def record(event):
            self.events.append(event)
            self.got.set()

        handlers = handlers or {"click": "record"}
        handlers = {k: (record, "[$event]") if v == "record" else v for k, v in handlers.items()}
        with DivLayout(self.server):
            self.view = view_class(self.window, picking_modes=modes, **handlers)
        self.server.state.ready()
        self.ws = FakeSocket()
        self.conn = channel.Connection(self.ws, self.server.state)
        vid = self.view.renderer.id
        self.conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
        self.ws.wait_binary()  # the window has rendered at the page's size

    def pick(self, kind: str, x: float, y: float, wait: bool = True):
        self.got.clear()
        self.conn.handle(json.dumps({"t": "pick", "v": self.view.renderer.id, "k": kind, "x": x, "y": y}))
        if wait:
            assert self.got.wait(10), "the handler never ran"
            return self.events[-1]
        done = threading.Event()
        engine.ENGINE.call(done.set)  # every pick queued before this one has run
        assert done.wait(10)
        return None

    def close(self):
        self.conn.close()


@pytest.fixture
def setups():
    made: list[Setup] = []

    def make(*args, **kwargs) -> Setup:
        s = Setup(*args, **kwargs)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def name_of(setup: Setup, actor) -> str | None:
    return next((n for n, a in setup.actors.items() if a is actor), None)


def test_ids_are_stable_per_object_and_match_trame_vtks_reference_id(setups):
    s = setups(vtk.VtkRemoteView)
    cone, sphere = s.actors["Cone"], s.actors["Sphere"]
    assert s.view.get_scene_object_id(cone) == s.view.get_scene_object_id(cone)
    assert s.view.get_scene_object_id(cone) != s.view.get_scene_object_id(sphere)
    assert s.view.get_scene_object_id(cone) == cone.__this__[1:17]
    assert s.view.get_scene_object_id(None) == "0x0"
    utils = importer.target_name("trame_vtk.modules.vtk.serializers.utils")
    module = __import__(utils, fromlist=["reference_id"])
    assert module.reference_id(sphere) == s.view.get_scene_object_id(sphere)


def test_remote_click_gives_window_pixels_the_app_picks_with(setups):
    from vtkmodules.vtkRenderingCore import vtkPropPicker

    s = setups(vtk.VtkRemoteView)
    picked: list = []
    picker = vtkPropPicker()

    def on_click(event):
        picker.Pick(event["position"]["x"], event["position"]["y"], 0, s.renderer)  # as trame's example does
        picked.append(name_of(s, picker.GetActor()))
        s.events.append(event)
        s.got.set()

    s.view._picks["click"] = s.view._handler("click", (on_click, "[$event]"))
    s.pick("click", 100, 150)
    assert picked[-1] == "Cone"
    s.pick("click", 300, 150)
    assert picked[-1] == "Sphere"


def test_remote_payload_shape(setups):
    s = setups(vtk.VtkRemoteView)
    event = s.pick("click", 100, 100)
    assert event["mode"] == "remote" and event["action"] == "click"
    w, h = s.window.GetSize()
    assert event["size"] == [w, h]
    assert event["position"] == {"x": 100 * w / 400, "y": (300 - 100) * h / 300, "z": 0}


@pytest.mark.parametrize("view_class", [vtk.VtkLocalView, vtk.VtkRemoteLocalView])
def test_local_click_names_the_picked_actor_by_its_scene_id(setups, view_class):
    s = setups(view_class)
    if view_class is vtk.VtkRemoteLocalView:
        s.server.state["viewMode"] = "local"
        s.server.state.flush()
    event = s.pick("click", 100, 150)
    assert event["mode"] == "local"
    assert event["remoteId"] == s.view.get_scene_object_id(s.actors["Cone"])
    assert len(event["worldPosition"]) == 3 and event["worldPosition"][0] < 0  # on the cone, left of centre
    assert s.pick("click", 300, 150)["remoteId"] == s.view.get_scene_object_id(s.actors["Sphere"])
    assert s.pick("click", 5, 5) is None  # nothing there: trame's local view sends no object


def test_remote_local_view_sends_the_payload_of_its_mode(setups):
    s = setups(vtk.VtkRemoteLocalView)
    assert s.pick("click", 100, 150)["mode"] == "remote"


def test_nothing_runs_unless_the_modes_name_the_event(setups):
    s = setups(vtk.VtkRemoteView, modes=("picking_modes", []))
    s.pick("click", 100, 150, wait=False)
    assert s.events == []
    s.server.state["picking_modes"] = ["hover", "click"]
    s.server.state.flush()
    assert s.pick("click", 100, 150)["action"] == "click"


def test_hover_handler_and_expression_handlers(setups):
    s = setups(vtk.VtkLocalView, modes=["hover"], hover="hovered = $event ? $event.remoteId : 'none'")
    s.server.state["hovered"] = ""
    s.server.state.flush()
    s.pick("hover", 300, 150, wait=False)
    assert s.server.state["hovered"] == s.view.get_scene_object_id(s.actors["Sphere"])
    s.pick("hover", 5, 5, wait=False)
    assert s.server.state["hovered"] == "none"


def test_a_handler_that_raises_leaves_the_view_working(setups):
    s = setups(vtk.VtkRemoteView, click=(lambda e: 1 / 0, "[$event]"))
    s.pick("click", 100, 150, wait=False)
    s.view.update()  # the render thread still renders
    count = len(s.ws.binary)
    s.ws.wait_for(lambda: len(s.ws.binary) > count)


@pytest.mark.parametrize("msg", [
    {"k": "explode", "x": 1, "y": 1},
    {"k": None},
])
def test_bad_picks_are_refused(setups, msg):
    s = setups(vtk.VtkRemoteView)
    s.conn.handle(json.dumps({"t": "pick", "v": s.view.renderer.id, **msg}))
    s.ws.wait_for(lambda: s.ws.text)
    assert s.ws.codes() == ["bad-message"]


def test_a_pick_on_a_view_without_handlers_is_refused():
    server = Server(f"vtk-pick-{next(_names)}")
    window, _, _ = scene()
    with DivLayout(server):
        view = vtk.VtkRemoteView(window)
    server.state.ready()
    assert "data-ht-pick" not in view.attributes
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    conn.handle(json.dumps({"t": "sub", "v": view.renderer.id, "w": 40, "h": 30}))
    conn.handle(json.dumps({"t": "pick", "v": view.renderer.id, "k": "click", "x": 1e300, "y": "a"}))
    ws.wait_for(lambda: ws.text)
    assert ws.codes() == ["bad-message"]
    conn.close()


def test_picks_beyond_the_queue_limit_are_dropped_with_an_error(setups, monkeypatch):
    s = setups(vtk.VtkRemoteView)
    gate = threading.Event()
    engine.ENGINE.call(gate.wait)  # hold the render thread
    try:
        for _ in range(engine.MAX_JOBS + 5):
            s.conn.handle(json.dumps({"t": "pick", "v": s.view.renderer.id, "k": "click", "x": 1, "y": 1}))
        s.ws.wait_for(lambda: "busy" in s.ws.codes())
    finally:
        gate.set()


SCRIPT = """
import json, sys, threading
sys.path.insert(0, sys.argv[1])
from test_vtk import FakeSocket
from test_vtk_picking import scene
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import vtk
from htmxtrame.widgets.vtk import channel
from vtkmodules.vtkRenderingCore import vtkPropPicker

window, renderer, actors = scene()
window.Render()  # the app's start-up render, on the main thread, as trame's picking examples do
server = Server("fresh")
got, picked = threading.Event(), []

def on_click(event):
    picker = vtkPropPicker()
    picker.Pick(event["position"]["x"], event["position"]["y"], 0, renderer)
    picked.append(picker.GetActor() is actors["Cone"])
    got.set()

with DivLayout(server):
    view = vtk.VtkRemoteView(window, picking_modes=["click"], click=(on_click, "[$event]"))
server.state.ready()
ws = FakeSocket()
conn = channel.Connection(ws, server.state)
conn.handle(json.dumps({"t": "sub", "v": view.renderer.id, "w": 400, "h": 300}))
ws.wait_binary()
conn.handle(json.dumps({"t": "pick", "v": view.renderer.id, "k": "click", "x": 100, "y": 150}))
got.wait(10)
print("PICKED", picked)
"""


def test_a_window_the_app_rendered_on_its_own_thread_still_picks():
    """trame's picking examples call render_window.Render() at start-up, on the main thread; VTK's
    hardware picking then finds nothing from another thread unless the render thread owns the context."""
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(here)], capture_output=True, text=True, timeout=60,
                          cwd=here.parent)
    assert "PICKED [True]" in done.stdout, done.stdout + done.stderr[-2000:]


def drag(setup: Setup, x0: float, y0: float, x1: float, y1: float) -> None:
    vid = setup.view.renderer.id
    setup.conn.handle(json.dumps({"t": "down", "v": vid, "x": x0, "y": y0, "b": 0}))
    setup.conn.handle(json.dumps({"t": "move", "v": vid, "x": (x0 + x1) / 2, "y": (y0 + y1) / 2}))
    setup.conn.handle(json.dumps({"t": "move", "v": vid, "x": x1, "y": y1}))
    setup.conn.handle(json.dumps({"t": "up", "v": vid}))


def test_select_mode_turns_a_drag_into_a_box_selection_and_leaves_the_camera(setups):
    s = setups(vtk.VtkRemoteView, modes=("picking_modes", ["select"]), select="record")
    camera = s.renderer.GetActiveCamera().GetPosition()
    drag(s, 20, 30, 200, 250)
    assert s.got.wait(10)
    event = s.events[-1]
    w, h = s.window.GetSize()
    assert event["mode"] == "remote" and event["action"] == "select"
    assert event["selection"] == [int(20 * w / 400), int(200 * w / 400), int((300 - 250) * h / 300),
                                  int((300 - 30) * h / 300)]
    assert s.renderer.GetActiveCamera().GetPosition() == camera  # the drag did not turn the view
    s.ws.wait_for(lambda: {"v": s.view.renderer.id, "select": True} in s.ws.text)  # the page draws the box


def test_local_box_selection_names_the_actors_inside(setups):
    s = setups(vtk.VtkLocalView, modes=["select"], select="record")
    drag(s, 5, 5, 195, 295)  # the left half: the cone
    assert s.got.wait(10)
    assert s.events[-1]["remoteIds"] == [s.view.get_scene_object_id(s.actors["Cone"])]


def test_without_select_mode_a_drag_still_turns_the_camera(setups):
    s = setups(vtk.VtkRemoteView, modes=("picking_modes", ["click"]), select=(lambda e: None, "[$event]"))
    assert s.view.renderer.selecting is not None
    camera = s.renderer.GetActiveCamera().GetPosition()
    drag(s, 20, 30, 200, 250)
    s.ws.wait_for(lambda: s.renderer.GetActiveCamera().GetPosition() != camera)

"""The server-rendered VTK view: frames, camera calls, refs, and bad input (issue 11)."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
import threading
import warnings

import pytest

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

from vtk_scene import Collector, cone_window  # noqa: E402

from htmxtrame.server import Server  # noqa: E402
from htmxtrame.ui.html import DivLayout  # noqa: E402
from htmxtrame.widgets import html, vtk  # noqa: E402
from htmxtrame.widgets.vtk import channel, engine  # noqa: E402
from htmxtrame.widgets.vtk.frames import parse  # noqa: E402

_names = itertools.count()


def make_server():
    server = Server(f"vtk-test-{next(_names)}")
    window, renderer, source = cone_window()
    with DivLayout(server) as layout:
        view = vtk.VtkRemoteView(window, ref="view")
        html.Button("reset", id="reset", click="$refs.view.resetCamera()")
    server.state.ready()
    return server, view, renderer, layout


def render(view) -> object:
    sub = Collector()
    view.renderer.subscribe(sub)
    view.renderer.request("still")
    try:
        return sub.next_frame(still=True)  # not an interactive frame that was already on its way
    finally:
        view.renderer.unsubscribe(sub)


def pixels(frame) -> list[int]:
    """Grey levels of a JPEG/PNG frame, decoded with VTK's own readers."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOImage import vtkJPEGReader, vtkPNGReader

    reader = vtkPNGReader() if frame.mime == "image/png" else vtkJPEGReader()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # SetStream is newer than some supported VTKs
        reader.SetMemoryBuffer(frame.data)
        reader.SetMemoryBufferLength(len(frame.data))
    reader.Update()
    arr = vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars())
    return arr.mean(axis=1).tolist()


def variance(px) -> float:
    mean = sum(px) / len(px)
    return sum((p - mean) ** 2 for p in px) / len(px)


def test_importing_without_vtk_says_how_to_install_it():
    code = "import sys; sys.modules['vtkmodules'] = None\nimport htmxtrame.widgets.vtk"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0
    assert "pip install htmxtrame[vtk]" in out.stderr


def test_first_frame_is_a_picture_of_the_requested_size():
    server, view, renderer, _ = make_server()
    view.renderer.set_size(320, 200, 2)
    frame = render(view)
    assert (frame.width, frame.height) == (640, 400) and frame.still
    assert frame.mime == "image/jpeg"
    header, data = parse(frame.message)
    assert header["v"] == view.renderer.id and data == frame.data
    assert variance(pixels(frame)) > 50  # not a blank window


def test_js_call_with_args_keyword_resets_the_server_view():
    server, view, renderer, _ = make_server()
    cam = renderer.GetActiveCamera()
    render(view)
    fitted = cam.GetDistance()
    view.renderer.queue(("zoom", 2.0))
    render(view)
    assert cam.GetDistance() == pytest.approx(fitted / 2)
    server.js_call(ref="view", method="resetCamera", args=[])
    render(view)
    assert cam.GetDistance() == pytest.approx(fitted)


def test_js_call_of_a_method_the_view_lacks_is_an_error():
    server, view, _, _ = make_server()
    with pytest.raises(ValueError, match="resetCamera"):
        server.js_call("view", "explode")
    with pytest.raises(TypeError):
        server.js_call("view", "resetCamera", colour="red")


def test_refs_expression_in_a_click_reaches_the_server_view(sim_user):
    server, view, renderer, _ = make_server()
    cam = renderer.GetActiveCamera()
    render(view)
    fitted = cam.GetDistance()
    view.renderer.queue(("zoom", 3.0))
    render(view)
    user = sim_user(server)
    user.click("#reset")
    render(view)
    assert cam.GetDistance() == pytest.approx(fitted)
    assert user.calls == []  # nothing was sent to the browser


def test_controller_binding_and_capture_image():
    server, view, _, _ = make_server()
    server.controller.view_update = view.update
    sub = Collector()
    view.renderer.subscribe(sub)
    server.controller.view_update()
    assert sub.next_frame().still
    png = view.capture_image()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_late_page_gets_the_current_frame_at_once():
    server, view, _, _ = make_server()
    render(view)
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    try:
        conn.handle(json.dumps({"t": "sub", "v": view.renderer.id, "w": 400, "h": 300}))
        ws.wait_binary()
    finally:
        conn.close()


def test_a_drag_turns_the_camera_and_the_release_renders_a_still_frame():
    server, view, renderer, _ = make_server()
    cam = renderer.GetActiveCamera()
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    vid = view.renderer.id
    try:
        conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
        ws.wait_binary()
        before = cam.GetPosition()
        conn.handle(json.dumps({"t": "down", "v": vid, "x": 200, "y": 150, "b": 0}))
        for x in range(210, 300, 10):
            conn.handle(json.dumps({"t": "move", "v": vid, "x": x, "y": 150}))
        assert view.renderer.drags == 1
        conn.handle(json.dumps({"t": "up", "v": vid}))
        assert view.renderer.drags == 0
        ws.wait_for(lambda: any(parse(m)[0]["still"] for m in ws.binary[1:]))
        assert cam.GetPosition() != pytest.approx(before)
    finally:
        conn.close()


class FakeSocket:
    """What the channel needs of a websocket: send()."""

    def __init__(self) -> None:
        self.binary: list[bytes] = []
        self.text: list[dict] = []
        self.lock = threading.RLock()

    def send(self, data) -> None:
        with self.lock:
            if isinstance(data, bytes):
                self.binary.append(data)
            else:
                self.text.append(json.loads(data))

    def wait_for(self, predicate, timeout: float = 10) -> None:
        waiter = threading.Event()
        for _ in range(int(timeout * 100)):
            with self.lock:
                if predicate():
                    return
            waiter.wait(0.01)
        raise AssertionError(f"condition not met; text={self.text}")

    def wait_binary(self, count: int = 1) -> None:
        self.wait_for(lambda: len(self.binary) >= count)

    def codes(self) -> list[str]:
        with self.lock:
            return [m["error"]["code"] for m in self.text]


@pytest.fixture
def conn():
    server, view, renderer, _ = make_server()
    ws = FakeSocket()
    c = channel.Connection(ws, server.state)
    c.ws_fake, c.view, c.renderer_vtk, c.server = ws, view, renderer, server
    yield c
    c.close()


@pytest.mark.parametrize("raw, code", [
    ("not json", "bad-message"),
    ("[1, 2]", "bad-message"),
    (json.dumps({"t": "explode", "v": "v1"}), "bad-message"),
    (json.dumps({"t": "move", "v": 12}), "bad-message"),
    (json.dumps({"t": "sub", "v": "v999999"}), "unknown-view"),
    (json.dumps({"t": "move", "v": "v999999", "x": 1, "y": 1}), "unknown-view"),
    (json.dumps({"t": "sub", "v": "x" * 900}), "unknown-view"),
    ("x" * 5000, "bad-message"),
    (b"\x00\x01binary", "bad-message"),
])
def test_bad_messages_are_refused_with_an_error(conn, raw, code):
    conn.handle(raw)
    conn.ws_fake.wait_for(lambda: conn.ws_fake.text)
    assert conn.ws_fake.codes() == [code]


def test_a_view_of_another_server_is_refused(conn):
    _, other_view, _, _ = make_server()
    conn.handle(json.dumps({"t": "sub", "v": other_view.renderer.id, "w": 10, "h": 10}))
    conn.ws_fake.wait_for(lambda: conn.ws_fake.text)
    assert conn.ws_fake.codes() == ["unknown-view"]
    assert conn not in other_view.renderer.subscribers


@pytest.mark.parametrize("w, h, dpr", [(0, 0, 1), (10**6, 10**6, 1), (1e308, -5, 50), ("big", None, "x"),
                                        (float("nan"), float("inf"), -1)])
def test_absurd_sizes_are_clamped_and_the_view_keeps_rendering(conn, w, h, dpr):
    vid = conn.view.renderer.id
    conn.handle(json.dumps({"t": "sub", "v": vid, "w": w, "h": h, "dpr": dpr}, allow_nan=True))
    conn.ws_fake.wait_binary()
    header, _ = parse(conn.ws_fake.binary[-1])
    assert 1 <= header["w"] <= engine.MAX_SIDE and 1 <= header["h"] <= engine.MAX_SIDE
    assert header["w"] * header["h"] <= engine.MAX_PIXELS


def test_absurd_coordinates_leave_a_usable_camera(conn):
    vid = conn.view.renderer.id
    cam = conn.renderer_vtk.GetActiveCamera()
    conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
    conn.handle(json.dumps({"t": "down", "v": vid, "x": -1e300, "y": "a", "b": 99, "shift": "yes"}))
    conn.handle(json.dumps({"t": "move", "v": vid, "x": 1e300, "y": float("nan")}, allow_nan=True))
    conn.handle(json.dumps({"t": "wheel", "v": vid, "dy": -1e300}))
    conn.handle(json.dumps({"t": "zoom", "v": vid, "f": 0}))
    conn.handle(json.dumps({"t": "up", "v": vid}))
    frame = render(conn.view)
    assert all(math.isfinite(c) for c in cam.GetPosition() + cam.GetFocalPoint() + cam.GetViewUp())
    assert frame.still
    conn.handle(json.dumps({"t": "key", "v": vid, "key": "r"}))
    render(conn.view)
    assert variance(pixels(render(conn.view))) > 50  # "r" brought the cone back into view


def test_a_flood_of_moves_is_merged_and_rate_limited(conn):
    vid = conn.view.renderer.id
    conn.handle(json.dumps({"t": "sub", "v": vid, "w": 200, "h": 200}))
    conn.ws_fake.wait_binary()
    rendered = conn.view.renderer.frames_rendered
    conn.handle(json.dumps({"t": "down", "v": vid, "x": 0, "y": 0}))
    accepted = 0
    for i in range(5000):
        if conn.allow():
            accepted += 1
            conn.handle(json.dumps({"t": "move", "v": vid, "x": i % 400, "y": 0}))
    assert accepted < 1500  # the bucket's burst, not the flood
    conn.ws_fake.wait_for(lambda: "rate-limited" in conn.ws_fake.codes())
    assert len(conn.view.renderer.ops) <= 1  # stale moves merged into one pending operation
    assert conn.view.renderer.frames_rendered - rendered < accepted / 4  # frames are not one per move
    assert render(conn.view).still  # and the view still answers


def test_declarative_view_follows_the_state():
    server = Server(f"vtk-test-{next(_names)}")
    with DivLayout(server):
        with vtk.VtkView(ref="decl") as view:
            with vtk.VtkGeometryRepresentation(property=("{ color: [1, 0, 0] }",)) as rep:
                algo = vtk.VtkAlgorithm(vtk_class="vtkConeSource", state=("{ resolution }",))
    server.state.resolution = 8
    server.state.ready()
    frame = render(view)
    assert variance(pixels(frame)) > 50
    assert algo.algorithm.GetResolution() == 8
    assert rep.actor.GetProperty().GetColor() == (1.0, 0.0, 0.0)
    sub = Collector()
    view.renderer.subscribe(sub)
    server.state.resolution = 30
    server.state.flush()
    sub.next_frame()
    assert algo.algorithm.GetResolution() == 30


def test_declarative_polydata_from_arrays_ignores_malformed_cells():
    server = Server(f"vtk-test-{next(_names)}")
    with DivLayout(server):
        with vtk.VtkView(ref="tri") as view:
            with vtk.VtkGeometryRepresentation():
                poly = vtk.VtkPolyData("tri", points=("pts",), polys=("cells",))
    server.state.pts = [0, 0, 0, 1, 0, 0, 0, 1, 0]
    server.state.cells = [3, 0, 1, 2, 3, 0, 1, 99, 7]  # the second cell names a point that does not exist
    server.state.ready()
    render(view)
    assert poly.dataset.GetNumberOfPoints() == 3
    assert poly.dataset.GetNumberOfPolys() == 1


def test_unknown_vtk_class_is_a_clear_error():
    with pytest.raises(ValueError, match="vtk_class"):
        vtk.VtkAlgorithm(vtk_class="os.system")


def test_view_element_markup():
    server, view, _, layout = make_server()
    from htmxtrame.render import Renderer

    body = Renderer(server.state, server.templates["main"]).render_page_body()
    assert f'data-ht-vtk="{view.renderer.id}"' in body
    assert 'data-ht-ref="view"' in body and "hx-preserve" in body
    assert '<script src="__htmxtrame/static/vtk.js" defer>' in body


def test_the_view_socket_route_refuses_unknown_endpoints(app_runner):
    import websocket

    server, view, _, _ = make_server()
    app = app_runner(server)
    base = app.url.replace("http", "ws")
    ws = websocket.create_connection(base + "__htmxtrame/x/vtk", timeout=10)
    try:
        ws.send(json.dumps({"t": "sub", "v": "nope"}))
        assert json.loads(ws.recv())["error"]["code"] == "unknown-view"
        ws.send(json.dumps({"t": "sub", "v": view.renderer.id, "w": 64, "h": 48}))
        opcode, data = ws.recv_data()
        header, _ = parse(data)
        assert header["v"] == view.renderer.id
    finally:
        ws.close()
    other = websocket.create_connection(base + "__htmxtrame/x/nothing", timeout=10)
    try:
        opcode, data = other.recv_data(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(data[:2], "big") == 1008 and b"no such endpoint" in data
    finally:
        other.close()


def test_a_pyvista_plotter_window_is_a_view():
    pv = pytest.importorskip("pyvista")
    plotter = pv.Plotter(off_screen=True)
    plotter.add_mesh(pv.Sphere(), color="white")
    plotter.set_background("black")
    plotter.reset_camera()
    server = Server(f"vtk-test-{next(_names)}")
    with DivLayout(server):
        view = vtk.VtkRemoteView(plotter.ren_win)
    assert variance(pixels(render(view))) > 50


def test_a_flooded_view_does_not_starve_another_view(conn):
    import time

    vid = conn.view.renderer.id
    conn.handle(json.dumps({"t": "sub", "v": vid, "w": 300, "h": 300}))
    conn.handle(json.dumps({"t": "down", "v": vid, "x": 0, "y": 0}))
    _, other, _, _ = make_server()
    stop = threading.Event()

    def flood() -> None:
        i = 0
        while not stop.is_set():
            i += 1
            if conn.allow():
                conn.handle(json.dumps({"t": "move", "v": vid, "x": i % 300, "y": i % 7}))

    thread = threading.Thread(target=flood)
    thread.start()
    try:
        started = time.monotonic()
        assert render(other).still
        assert time.monotonic() - started < 5  # its turn comes: one pending request per view, served in turn
    finally:
        stop.set()
        thread.join()


def test_remote_local_view_accepts_pushing_the_camera_after_interaction():
    # trame-vtk's cone-toggle example calls it right after building the view;
    # the view keeps rendering the server's camera in both modes.
    server = Server(f"vtk-test-{next(_names)}")
    window, renderer, _ = cone_window()
    with DivLayout(server):
        view = vtk.VtkRemoteLocalView(window, mode="local")
    server.state.ready()
    assert view.push_remote_camera_on_end_interaction() is None
    renderer.GetActiveCamera().Azimuth(90)
    assert render(view).still and server.state.viewMode == "local"

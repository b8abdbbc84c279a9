"""What a VTK view's frames cost: the pixels read, the encoders, the still frame after a drag (issue 11)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("vtkmodules.vtkRenderingCore", reason="needs VTK: pip install htmxtrame[vtk]")

from test_vtk import FakeSocket, cone_window, make_server, pixels  # noqa: E402

from htmxtrame.widgets.vtk import channel, frames  # noqa: E402
from htmxtrame.widgets.vtk.frames import Encoder, parse  # noqa: E402

SOF_BASELINE, SOF_PROGRESSIVE = b"\xff\xc0", b"\xff\xc2"


def jpeg_kind(data: bytes) -> str:
    """Whether a JPEG is baseline or progressive (its start-of-frame marker)."""
    base, prog = data.find(SOF_BASELINE), data.find(SOF_PROGRESSIVE)
    if prog != -1 and (base == -1 or prog < base):
        return "progressive"
    return "baseline" if base != -1 else "unknown"


def mean_abs_diff(a: list[float], b: list[float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def drag_and_release(conn, vid: str, ws: FakeSocket) -> tuple[dict, dict, bytes, bytes]:
    """Drag in the view, wait for an interactive frame, release; the last interactive and the still frame."""
    conn.handle(json.dumps({"t": "down", "v": vid, "x": 200, "y": 150, "b": 0}))
    conn.handle(json.dumps({"t": "move", "v": vid, "x": 260, "y": 170}))
    ws.wait_for(lambda: any(not parse(m)[0]["still"] for m in ws.binary))
    conn.handle(json.dumps({"t": "up", "v": vid}))
    ws.wait_for(lambda: parse(ws.binary[-1])[0]["still"])
    head_i, data_i = next(parse(m) for m in reversed(ws.binary) if not parse(m)[0]["still"])
    head_s, data_s = parse(ws.binary[-1])
    return head_i, head_s, data_i, data_s


class Shown:
    """A frame as tests.test_vtk.pixels reads it."""

    def __init__(self, head: dict, data: bytes) -> None:
        self.mime, self.data = head["mime"], data


@pytest.fixture
def page():
    server, view, renderer, _ = make_server()
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    vid = view.renderer.id
    conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
    ws.wait_binary()
    yield conn, ws, view, vid
    conn.close()


def test_the_still_frame_after_a_drag_is_the_last_picture_at_still_quality_without_rendering_again(page):
    conn, ws, view, vid = page
    draws = view.renderer.draws
    head_i, head_s, data_i, data_s = drag_and_release(conn, vid, ws)
    assert view.renderer.draws == draws + 1  # the drag's frame; the still one re-encoded its pixels
    assert (head_s["w"], head_s["h"]) == (head_i["w"], head_i["h"]) == (400, 300)
    assert len(data_s) > len(data_i)  # quality 94 against the drag's 60
    assert mean_abs_diff(pixels(Shown(head_i, data_i)), pixels(Shown(head_s, data_s))) < 3  # the same picture


def test_a_view_update_during_a_drag_still_renders_the_still_frame(page):
    conn, ws, view, vid = page
    conn.handle(json.dumps({"t": "down", "v": vid, "x": 200, "y": 150, "b": 0}))
    conn.handle(json.dumps({"t": "move", "v": vid, "x": 260, "y": 170}))
    ws.wait_for(lambda: any(not parse(m)[0]["still"] for m in ws.binary))
    draws = view.renderer.draws
    view.update()  # the app changed its pipeline: this frame must be drawn, not reused
    conn.handle(json.dumps({"t": "up", "v": vid}))
    ws.wait_for(lambda: view.renderer.draws > draws and parse(ws.binary[-1])[0]["still"])


def test_a_smaller_interactive_frame_is_followed_by_a_rendered_full_size_still_frame():
    server, view, renderer, _ = make_server()
    view.renderer.interactive_ratio = 0.5
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    vid = view.renderer.id
    try:
        conn.handle(json.dumps({"t": "sub", "v": vid, "w": 400, "h": 300}))
        ws.wait_binary()
        draws = view.renderer.draws
        head_i, head_s, _, data_s = drag_and_release(conn, vid, ws)
        assert (head_i["w"], head_i["h"]) == (200, 150)
        assert (head_s["w"], head_s["h"]) == (400, 300)
        assert view.renderer.draws == draws + 2
        assert head_s["mime"] == "image/jpeg" and data_s[:2] == b"\xff\xd8"
    finally:
        conn.close()


def test_a_drag_frame_is_a_baseline_jpeg_and_the_still_one_progressive(page):
    pytest.importorskip("PIL", reason="Pillow encodes the drag's frames when installed")
    conn, ws, view, vid = page
    head_i, head_s, data_i, data_s = drag_and_release(conn, vid, ws)
    assert jpeg_kind(data_i) == "baseline"      # quicker to encode, and to decode in the browser
    assert jpeg_kind(data_s) == "progressive"   # smaller at still quality
    assert len(pixels(Shown(head_i, data_i))) == 400 * 300


def test_without_pillow_the_drag_frames_come_from_vtk(monkeypatch):
    monkeypatch.setattr(frames, "_pillow", lambda: None)
    window, renderer, _ = cone_window()
    window.SetOffScreenRendering(1)
    window.SetSize(120, 90)
    window.Render()
    encoder = Encoder(window)
    encoder.read()
    data, mime = encoder.encode(60)
    assert mime == "image/jpeg" and jpeg_kind(data) == "progressive"
    png, mime = encoder.encode(100)
    assert mime == "image/png" and png.startswith(b"\x89PNG")


@pytest.mark.parametrize("swap", [1, 0])
def test_the_pixels_read_are_the_picture_just_rendered(swap):
    from vtkmodules.util.numpy_support import vtk_to_numpy

    """Front buffer when the window swaps (the resolved image), back buffer when the app turned swapping off."""
    window, renderer, _ = cone_window()
    window.SetOffScreenRendering(1)
    window.SetSwapBuffers(swap)
    window.SetSize(160, 120)
    encoder = Encoder(window)
    shown = []
    for azimuth in (0, 90):
        renderer.GetActiveCamera().Azimuth(azimuth)
        window.Render()
        encoder.read()
        assert encoder.size == (160, 120)
        rgb = vtk_to_numpy(encoder.grab.GetOutput().GetPointData().GetScalars())
        shown.append(rgb.mean(axis=1).tolist())
    assert sum(p > 30 for p in shown[0]) > 500    # the cone, not a blank frame
    assert mean_abs_diff(shown[0], shown[1]) > 1  # the second read is the second picture, not the first



def test_capture_image_is_the_picture_as_it_is_now_each_time():
    server, view, renderer, _ = make_server()
    first = view.capture_image()
    renderer.GetActiveCamera().Azimuth(90)
    second = view.capture_image()
    for png in (first, second):
        assert png.startswith(b"\x89PNG") and png.count(b"IEND") == 1  # one file, not the earlier ones too
    shown = [pixels(Shown({"mime": "image/png"}, png)) for png in (first, second)]
    assert mean_abs_diff(*shown) > 1  # the turned camera, not the first capture again


def served_view(**kwargs):
    """A server with one cone view built with *kwargs*; (server, view, window)."""
    from htmxtrame.server import Server
    from htmxtrame.ui.html import DivLayout
    from htmxtrame.widgets import vtk

    server = Server(f"vtk-frames-{id(kwargs)}")
    window, _, _ = cone_window()
    with DivLayout(server):
        view = vtk.VtkRemoteView(window, ref="view", **kwargs)
    server.state.ready()
    return server, view, window


def test_interactive_multisamples_drags_without_anti_aliasing_and_restores_it_for_the_still_frame():
    server, view, window = served_view(interactive_multisamples=0)
    window.SetMultiSamples(4)
    samples: list[int] = []
    window.AddObserver("StartEvent", lambda *_: samples.append(window.GetMultiSamples()))
    ws = FakeSocket()
    conn = channel.Connection(ws, server.state)
    vid = view.renderer.id
    try:
        conn.handle(json.dumps({"t": "sub", "v": vid, "w": 200, "h": 150}))
        ws.wait_binary()
        draws, start = view.renderer.draws, len(samples)
        drag_and_release(conn, vid, ws)
        assert view.renderer.draws == draws + 2  # the still frame is drawn again, anti-aliased
        assert samples[start:] == [0, 4]
        assert window.GetMultiSamples() == 4
    finally:
        conn.close()


@pytest.mark.parametrize("samples, expected", [(-5, 0), (10**6, 16), ("x", 0), (2.5, 2), (None, None)])
def test_interactive_multisamples_is_clamped(samples, expected):
    _, view, _ = served_view(interactive_multisamples=samples)
    assert view.renderer.interactive_multisamples == expected

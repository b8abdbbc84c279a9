"""PyVista's trame plugin on htmxtrame: plotter_ui, its toolbar and the PyVista views.

PyVista is a test extra (``pip install -e '.[test]'``, as scripts/setup.sh
--test does): without it this module fails to import, saying so, rather
than skipping.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import warnings

import pytest

try:
    import pyvista as pv

    import htmxtrame.widgets.pyvista as pvw  # before any Plotter: it picks the off-screen OpenGL window
except ImportError as exc:  # pragma: no cover - the environment is broken, not the code
    raise ImportError(f"tests/test_pyvista_compat.py needs PyVista and VTK: pip install -e '.[test]' ({exc})") from exc

from htmxtrame.server import Server  # noqa: E402
from htmxtrame.testing import User  # noqa: E402
from htmxtrame.ui.html import DivLayout  # noqa: E402
from htmxtrame.ui.vuetify2 import SinglePageLayout  # noqa: E402

_names = itertools.count()


def btn(label: str) -> str:
    """A toolbar button, found by its accessible name as a person using a screen reader would."""
    return label


def grey(png: bytes) -> list[float]:
    """Grey levels of a PNG, decoded with VTK's reader."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOImage import vtkPNGReader

    reader = vtkPNGReader()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        reader.SetMemoryBuffer(png)
        reader.SetMemoryBufferLength(len(png))
    reader.Update()
    return vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars()).mean(axis=1).tolist()


def lit(png: bytes) -> int:
    """How many pixels are brighter than the black background."""
    return sum(1 for g in grey(png) if g > 40)


def make(mode: str = "server", layout=DivLayout, **kwargs):
    """A server showing a white sphere on black through ``plotter_ui``."""
    server = Server(f"pyvista-test-{next(_names)}")
    plotter = pv.Plotter(off_screen=True)
    plotter.add_mesh(pv.Sphere(), color="white")
    plotter.set_background("black")
    with layout(server) as ui:
        root = getattr(ui, "content", ui)
        with root:
            view = pvw.plotter_ui(plotter, mode=mode, server=server, **kwargs)
    server.state.ready()
    return server, plotter, view


def test_plotter_ui_shows_the_view_image_and_the_toolbar():
    server, plotter, view = make()
    assert isinstance(view, pvw.PyVistaRemoteView) and view.plotter is plotter
    with User(server) as page:
        page.find(f'[data-ht-vtk="{view.renderer.id}"] img.ht-vtk-image')
        for label in ("Reset camera", "Isometric view", "View along X", "View along Y", "View along Z",
                      "Edge visibility", "Bounding box", "Ruler", "Orientation axes", "Parallel projection",
                      "Save screenshot"):
            page.find(btn(label))
    assert lit(view.capture_image()) > 500  # the sphere is drawn


def test_parallel_projection_button_switches_the_camera_and_says_it_is_pressed():
    server, plotter, view = make()
    camera = plotter.renderer.camera
    with User(server) as page:
        assert page.find(btn("Parallel projection")).get("aria-pressed") == "false"
        page.click(btn("Parallel projection"))
        assert camera.parallel_projection is True
        assert page.find(btn("Parallel projection")).get("aria-pressed") == "true"
        page.click(btn("Parallel projection"))
        assert camera.parallel_projection is False


def test_edge_bounding_box_ruler_and_axes_toggles_change_the_scene_and_the_picture():
    server, plotter, view = make()
    (mesh_actor,) = [a for a in plotter.actors.values() if isinstance(a, pv.Actor)]
    before = view.capture_image()
    with User(server) as page:
        page.click(btn("Edge visibility"))
        assert mesh_actor.prop.show_edges is True
        edged = view.capture_image()
        assert lit(edged) < lit(before)  # dark edges cross the white sphere
        page.click(btn("Bounding box"))
        assert any(name.startswith("BoundingBox") for name in plotter.actors)
        page.click(btn("Ruler"))
        assert plotter.renderer.cube_axes_actor is not None
        page.click(btn("Orientation axes"))
        assert plotter.renderer.axes_widget is not None and plotter.renderer.axes_widget.GetEnabled()
        page.click(btn("Orientation axes"))
        assert not plotter.renderer.axes_widget.GetEnabled()
        page.click(btn("Ruler"))
        assert plotter.renderer.cube_axes_actor is None
        page.click(btn("Bounding box"))
        assert not any(name.startswith("BoundingBox") for name in plotter.actors)


def test_camera_buttons_look_along_the_axes_and_reset_fits_the_scene():
    server, plotter, view = make()
    camera = plotter.renderer.camera
    with User(server) as page:
        page.click(btn("View along Z"))
        x, y, z = (p - f for p, f in zip(camera.position, camera.focal_point, strict=True))
        assert abs(x) < 1e-6 and abs(y) < 1e-6 and z > 0
        page.click(btn("View along X"))
        x, y, z = (p - f for p, f in zip(camera.position, camera.focal_point, strict=True))
        assert x > 0 and abs(y) < 1e-6 and abs(z) < 1e-6
        view.capture_image()
        fitted = camera.distance
        camera.zoom(4.0)
        camera.position = tuple(c * 5 for c in camera.position)
        page.click(btn("Reset camera"))
        view.capture_image()  # the reset runs on the render thread, before this frame
        assert camera.distance == pytest.approx(fitted, rel=1e-3)


def test_screenshot_button_downloads_the_picture_as_png():
    server, _, view = make()
    view.capture_image()  # the page has shown a picture (its socket subscribes in a browser)
    with User(server) as page:
        page.click(btn("Save screenshot"))
        (download,) = page.downloads
    assert download.filename == "screenshot.png" and download.mime == "image/png"
    assert download.content.startswith(b"\x89PNG") and lit(download.content) > 500


def test_menu_button_hides_and_shows_the_controls():
    server, plotter, _ = make(collapse_menu=True)
    with User(server) as page:
        with pytest.raises(AssertionError):
            page.click(btn("Parallel projection"))  # hidden: a person cannot click it
        page.click(btn("Show or hide the menu"))
        page.click(btn("Parallel projection"))
    assert plotter.renderer.camera.parallel_projection is True


def test_toggle_keys_are_trame_pyvistas_and_setting_them_from_python_works():
    server, plotter, _ = make()
    key = f"{plotter._id_name}_edge_visibility"
    assert server.state[key] is False
    with server.state:
        server.state[key] = True
    assert all(a.prop.show_edges for a in plotter.actors.values() if isinstance(a, pv.Actor))


class Page:
    """A page subscribed to a view's frames."""

    def __init__(self) -> None:
        self.got = threading.Event()

    def offer(self, frame) -> None:
        if frame.still:
            self.got.set()


def test_a_plotter_render_in_app_code_pushes_a_new_frame():
    server, plotter, view = make()
    view.capture_image()
    page = Page()
    view.renderer.subscribe(page)
    plotter.render()  # before show(): pyvista does not draw, but tells the views
    assert page.got.wait(10)


def test_trame_mode_is_a_remote_local_view_with_a_rendering_switch():
    server, plotter, view = make(mode="trame", layout=SinglePageLayout)
    assert isinstance(view, pvw.PyVistaRemoteLocalView)
    mode_key = f"{plotter._id_name}Mode"
    with User(server) as page:
        assert server.state[mode_key] == "remote"
        page.click(btn("Server rendering"))
        assert server.state[mode_key] == "local"
        assert lit(view.capture_image()) > 500  # both modes show the server's picture


def test_client_mode_is_a_local_view():
    _, plotter, view = make(mode="client")
    assert isinstance(view, pvw.PyVistaLocalView) and plotter.suppress_rendering
    assert lit(view.capture_image()) > 500


def test_one_viewer_per_plotter_and_server():
    server, plotter, _ = make()
    assert pvw.get_viewer(plotter, server=server) is pvw.get_viewer(plotter, server=server)


def test_bad_arguments_are_clear_errors():
    server = Server(f"pyvista-test-{next(_names)}")
    plotter = pv.Plotter(off_screen=True)
    with DivLayout(server):
        with pytest.raises(ValueError, match="valid mode"):
            pvw.plotter_ui(plotter, mode="wasm3d", server=server)
        with pytest.raises(TypeError, match="pyvista.Plotter"):
            pvw.PyVistaRemoteView(object())
        plotter.close()
        with pytest.raises(RuntimeError, match="closed"):
            pvw.PyVistaRemoteView(plotter)


def test_export_is_refused_saying_why():
    _, _, view = make(mode="client")
    with pytest.raises(NotImplementedError, match="vtk.js"):
        view.export()
    with pytest.raises(NotImplementedError, match="vtk.js"):
        view.export_html()


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_trame_pyvista_and_pyvista_trame_resolve_here_under_the_import_hook():
    out = _run(
        "import warnings; warnings.simplefilter('ignore')\n"
        "from htmxtrame.compat import importer; importer.install()\n"
        "from pyvista.trame.ui import plotter_ui\n"
        "from pyvista.trame import PyVistaRemoteView, PyVistaLocalView, PyVistaRemoteLocalView\n"
        "import trame_pyvista, trame.widgets.pyvista as w\n"
        "from trame_pyvista.widgets import get_server, CLOSED_PLOTTER_ERROR\n"
        "import htmxtrame.widgets.pyvista as ours\n"
        "assert plotter_ui is ours.plotter_ui and trame_pyvista.plotter_ui is ours.plotter_ui\n"
        "assert PyVistaRemoteView is w.PyVistaRemoteView is ours.PyVistaRemoteView\n"
        "try:\n"
        "    trame_pyvista.show_trame(None)\n"
        "except NotImplementedError as e:\n"
        "    print('refused:', e)\n"
    )
    assert out.returncode == 0, out.stderr
    assert "refused: show_trame() is trame-pyvista's Jupyter display" in out.stdout


def test_importing_without_pyvista_says_how_to_install_it():
    out = _run("import sys; sys.modules['pyvista'] = None\nimport htmxtrame.widgets.pyvista")
    assert out.returncode != 0
    assert "pip install htmxtrame[pyvista]" in out.stderr

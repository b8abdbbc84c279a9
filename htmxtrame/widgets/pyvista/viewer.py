"""The viewer behind ``plotter_ui``: one per plotter, holding the toolbar's state.

The toolbar's toggles are state keys named as trame-pyvista names them
(``<plotter id>_edge_visibility``, ``_outline_visibility``,
``_grid_visibility``, ``_axis_visibility``, ``_parallel_projection``,
``_use_server_rendering``, ``_show_ui``), so an app that reads or sets them
works unchanged. A change of a toggle's key changes every renderer of the
plotter, then every view of it renders a new frame.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from ...files import Download
from ._pyvista import require

# toggle suffix → what turning it on / off does to one renderer
_TOGGLES: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "grid_visibility": (lambda r: r.show_grid(), lambda r: r.remove_bounds_axes()),
    "outline_visibility": (lambda r: r.add_bounding_box(reset_camera=False), lambda r: r.remove_bounding_box()),
    "axis_visibility": (lambda r: r.show_axes(), lambda r: r.hide_axes()),
    "parallel_projection": (lambda r: r.enable_parallel_projection(), lambda r: r.disable_parallel_projection()),
}
CAMERA_PRESETS = ("view_isometric", "view_yz", "view_xz", "view_xy")


def _jpeg_to_png(data: bytes) -> bytes:
    """PNG bytes of a JPEG frame (the still frames a page shows may be JPEG)."""
    from vtkmodules.vtkIOImage import vtkJPEGReader, vtkPNGWriter

    reader = vtkJPEGReader()
    try:  # VTK 9.6 reads memory through a stream (the buffer calls are deprecated there)
        from vtkmodules.vtkIOCore import vtkMemoryResourceStream

        stream = vtkMemoryResourceStream()
        stream.SetBuffer(data, len(data), True)  # a copy: *data* may go before the reader reads
        reader.SetStream(stream)
    except (ImportError, AttributeError):
        reader.SetMemoryBuffer(data)
        reader.SetMemoryBufferLength(len(data))
    writer = vtkPNGWriter()
    writer.WriteToMemoryOn()
    writer.SetInputConnection(reader.GetOutputPort())
    writer.Write()
    return bytes(memoryview(writer.GetResult()))


class Viewer:
    """trame-pyvista's ``Viewer``: the state keys of one plotter's toolbar and what they do."""

    VALID_UI_MODES = ("trame", "client", "server")

    def __init__(self, plotter: Any, server: Any, suppress_rendering: bool = False) -> None:
        self._pv = require()
        # Weak: the registry of viewers is keyed by the plotter, and the state's listeners hold the viewer.
        self._plotter = weakref.ref(plotter)
        self.server = server
        plotter.suppress_rendering = suppress_rendering
        self._views: weakref.WeakSet = weakref.WeakSet()
        name = plotter._id_name
        self.SHOW_UI = f"{name}_show_ui"
        self.GRID = f"{name}_grid_visibility"
        self.OUTLINE = f"{name}_outline_visibility"
        self.EDGES = f"{name}_edge_visibility"
        self.AXIS = f"{name}_axis_visibility"
        self.PARALLEL = f"{name}_parallel_projection"
        self.SERVER_RENDERING = f"{name}_use_server_rendering"
        self._applied: dict[str, bool] = {}
        self._listening = False
        server.state[self.SHOW_UI] = True
        self.seed_toggles()

    @property
    def plotter(self) -> Any:
        """The plotter, or ``None`` once the app dropped it."""
        return self._plotter()

    # -- state ------------------------------------------------------------------------
    def seed_toggles(self) -> None:
        """Set each toggle's key from the scene: on when any renderer shows it already."""
        if self.plotter is None:
            return
        renderers = list(self.plotter.renderers)
        seen = {
            self.GRID: any(r.cube_axes_actor is not None for r in renderers),
            self.OUTLINE: any(getattr(r, "_box_object", None) is not None for r in renderers),
            self.EDGES: any(a.prop.show_edges for a in self.actors().values()),
            self.AXIS: any(r.axes_widget is not None and r.axes_widget.GetEnabled() for r in renderers),
            self.PARALLEL: any(r.parallel_projection for r in renderers),
        }
        for key, value in seen.items():
            self.server.state[key] = value
            self._applied[key] = value

    def listen(self) -> None:
        """Apply the toggles' keys to the scene whenever they change (once per viewer)."""
        if self._listening:
            return
        self._listening = True
        state = self.server.state
        for key in (self.GRID, self.OUTLINE, self.AXIS, self.PARALLEL, self.EDGES):
            state.change(key)(self._toggle_listener(key))

    def _toggle_listener(self, key: str) -> Callable[..., None]:
        def changed(**kwargs: Any) -> None:
            self.set_toggle(key, bool(kwargs.get(key, self.server.state[key])))

        return changed

    def set_toggle(self, key: str, value: bool) -> None:
        """Turn the toggle *key* (one of the viewer's key names) on or off in the scene."""
        plotter = self.plotter
        if plotter is None or self._applied.get(key) == value:
            return
        self._applied[key] = value
        if key == self.EDGES:
            for actor in self.actors().values():
                actor.prop.show_edges = value
        else:
            on, off = _TOGGLES[key[len(plotter._id_name) + 1:]]
            for renderer in plotter.renderers:
                (on if value else off)(renderer)
        self.update()

    def actors(self) -> dict[str, Any]:
        """The plotter's dataset actors (not its 2D ones, nor the bounding box's)."""
        plotter = self.plotter
        if plotter is None:
            return {}
        return {k: a for k, a in plotter.actors.items() if isinstance(a, self._pv.Actor)}

    # -- views ------------------------------------------------------------------------
    def add_view(self, view: Any) -> None:
        """Refresh *view* with the others from now on."""
        self._views.add(view)

    @property
    def views(self) -> set[Any]:
        """The views of this plotter that ``plotter_ui`` made."""
        return set(self._views)

    def _each(self, method: str) -> None:
        for view in list(self._views):
            getattr(view, method)()

    def update(self, **_: Any) -> None:
        """Render a new frame in every view."""
        self._each("update")

    def update_image(self, **_: Any) -> None:
        """Same as :meth:`update`."""
        self._each("update")

    def update_camera(self, **_: Any) -> None:
        """Same as :meth:`update`: the camera lives on the server."""
        self._each("update")

    def push_camera(self, **_: Any) -> None:
        """Same as :meth:`update`."""
        self._each("update")

    def reset_camera(self, **_: Any) -> None:
        """Fit the scene in every view."""
        self._each("reset_camera")

    def _preset(self, name: str) -> None:
        if self.plotter is not None:
            getattr(self.plotter, name)(render=False)
            self.update()

    def view_isometric(self) -> None:
        """Look at the scene from the isometric direction."""
        self._preset("view_isometric")

    def view_yz(self) -> None:
        """Look along X at the YZ plane."""
        self._preset("view_yz")

    def view_xz(self) -> None:
        """Look along Y at the XZ plane."""
        self._preset("view_xz")

    def view_xy(self) -> None:
        """Look along Z at the XY plane."""
        self._preset("view_xy")

    def screenshot(self) -> bytes:
        """The picture a view shows now, as PNG bytes."""
        for view in list(self._views):
            data = view.capture_image()
            return data if data.startswith(b"\x89PNG") else _jpeg_to_png(data)
        raise RuntimeError("this plotter has no view to take a screenshot of; build one with plotter_ui(plotter)")

    def screenshot_download(self) -> Download:
        """The toolbar's screenshot button: the page saves ``screenshot.png``."""
        return Download(self.screenshot(), "screenshot.png", "image/png")

    def export(self) -> bytes:
        """trame-pyvista's scene export writes a vtk.js page, which htmxtrame does not ship."""
        raise NotImplementedError(
            "exporting the scene as a vtk.js page is not provided by htmxtrame; use the screenshot button "
            "or save the meshes with pyvista"
        )

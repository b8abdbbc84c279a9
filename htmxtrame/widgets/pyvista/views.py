"""PyVista's trame views: a ``pyvista.Plotter`` shown by htmxtrame's VTK views.

``PyVistaRemoteView(plotter)``, ``PyVistaLocalView(plotter)`` and
``PyVistaRemoteLocalView(plotter)`` take trame-pyvista's arguments. All three
render on the server (htmxtrame has no vtk.js): the local ones show the same
server-rendered image, as :class:`~htmxtrame.widgets.vtk.VtkLocalView` does.
A ``plotter.render()`` in app code refreshes every view of that plotter.
"""

from __future__ import annotations

import weakref
from typing import Any

from ..vtk import VtkLocalView, VtkRemoteLocalView, VtkRemoteView
from ._pyvista import CLOSED_PLOTTER_ERROR


def prepare_plotter(plotter: Any) -> Any:
    """Check *plotter* can be shown and give every renderer whose camera nobody set the default
    view (as ``plotter.show()`` would); returns its render window."""
    window = getattr(plotter, "render_window", None)
    if not callable(getattr(plotter, "add_on_render_callback", None)):
        raise TypeError(f"a PyVista view takes a pyvista.Plotter, got {type(plotter).__name__}")
    if window is None:
        raise RuntimeError(CLOSED_PLOTTER_ERROR)
    for renderer in plotter.renderers:
        if not renderer.camera.is_set:
            renderer.camera_position = renderer.get_default_cam_pos()
            renderer.ResetCamera()
    return window


def view_options(plotter: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """trame-pyvista's defaults: ``ref="view_<plotter id>"``, the ratios of the plotter's theme."""
    theme = getattr(getattr(plotter, "_theme", None), "trame", None)
    for key in ("interactive_ratio", "still_ratio"):
        if kwargs.get(key) is None:
            kwargs[key] = getattr(theme, key, 1)
    kwargs.pop("__properties", None)  # vue-side property names: nothing to map here
    kwargs.setdefault("ref", f"view_{plotter._id_name}")
    if kwargs.get("namespace") is None:
        kwargs["namespace"] = plotter._id_name
    return kwargs


class PyVistaViewMixin:
    """What the three views add to htmxtrame's VTK views: the plotter and its render hook."""

    _plotter: Any

    def _attach(self, plotter: Any) -> None:
        self._plotter = weakref.ref(plotter)
        # The view holds the plotter weakly; the plotter keeps this callback (and the view) alive.
        plotter.add_on_render_callback(self._on_plotter_render, render_event=False)

    def _on_plotter_render(self, *_: Any) -> None:
        self.update()  # type: ignore[attr-defined]

    @property
    def plotter(self) -> Any:
        """The plotter shown, or ``None`` once it is gone."""
        return self._plotter()

    def push_camera(self, *args: Any, **kwargs: Any) -> None:
        """The camera lives on the server: render it."""
        self.update()  # type: ignore[attr-defined]

    def update_image(self, *args: Any, **kwargs: Any) -> None:
        """Render a new frame (same as ``update``)."""
        self.update()  # type: ignore[attr-defined]

    def update_camera(self, *args: Any, **kwargs: Any) -> None:
        """Render the plotter's camera as it is now."""
        self.update()  # type: ignore[attr-defined]

    def export_html(self, *args: Any, **kwargs: Any) -> bytes:
        """trame-pyvista exports the scene as a vtk.js page; htmxtrame ships no vtk.js."""
        raise NotImplementedError(
            "export_html() writes a vtk.js viewer page, which htmxtrame does not ship; save an image "
            "with view.capture_image() or the data with pyvista's mesh.save(...)"
        )


class PyVistaRemoteView(PyVistaViewMixin, VtkRemoteView):
    """``PyVistaRemoteView(plotter, interactive_ratio=None, still_ratio=None, namespace=None, **kwargs)``."""

    def __init__(self, plotter: Any, **kwargs: Any) -> None:
        window = prepare_plotter(plotter)
        super().__init__(window, **view_options(plotter, kwargs))
        self._attach(plotter)


class PyVistaLocalView(PyVistaViewMixin, VtkLocalView):
    """``PyVistaLocalView(plotter, namespace=None, **kwargs)``: rendered on the server here too."""

    def __init__(self, plotter: Any, **kwargs: Any) -> None:
        window = prepare_plotter(plotter)
        super().__init__(window, **view_options(plotter, kwargs))
        self._attach(plotter)


class PyVistaRemoteLocalView(PyVistaViewMixin, VtkRemoteLocalView):
    """``PyVistaRemoteLocalView(plotter, mode=..., **kwargs)``: both modes show the server's frames."""

    def __init__(self, plotter: Any, **kwargs: Any) -> None:
        window = prepare_plotter(plotter)
        super().__init__(window, **view_options(plotter, kwargs))
        self._attach(plotter)

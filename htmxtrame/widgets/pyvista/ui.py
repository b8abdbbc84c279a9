"""``plotter_ui(plotter)`` and ``get_viewer(plotter)``: PyVista's ready-made view with a toolbar.

``plotter_ui`` builds, inside the current layout, a container holding the
plotter's view and a floating toolbar: show/hide the menu, reset the camera,
the isometric and axis-aligned views, toggles for edges, bounding box, ruler
(axis grid), orientation axes, parallel projection and (``mode="trame"``)
server/client rendering, and a screenshot download. It returns the view
(``view.update``, ``view.reset_camera``... as trame-pyvista's do).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from ..vuetify3 import Template, VBtn, VCard, VContainer, VDivider, VRow, VTooltip
from .viewer import Viewer
from .views import PyVistaLocalView, PyVistaRemoteLocalView, PyVistaRemoteView

UI_TITLE = "PyVista"
# plotter → {server name: viewer}; a viewer goes with its plotter
_VIEWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ROW = "pa-0 ma-0 align-center fill-height"


def get_viewer(plotter: Any, *, server: Any = None, suppress_rendering: bool = False, animate: bool = False) -> Viewer:
    """The viewer of *plotter* on *server* (default: ``get_server()``), made on first use.

    *animate* is accepted for trame-pyvista's signature; ``plotter_ui(..., animate=True)`` animates the view.
    """
    from ...app import get_server

    server = server if server is not None else get_server()
    per_server = _VIEWERS.setdefault(plotter, {})
    viewer = per_server.get(server.name)
    if viewer is None:
        viewer = per_server[server.name] = Viewer(plotter, server, suppress_rendering=suppress_rendering)
    elif suppress_rendering != plotter.suppress_rendering:
        plotter.suppress_rendering = suppress_rendering
    return viewer


def _button(click: Any, icon: Any, label: str, **kwargs: Any) -> VBtn:
    with VTooltip(location="bottom", text=label):
        with Template(v_slot_activator=("{ props }",)):
            return VBtn(icon=icon, click=click, variant="text", density="comfortable", aria_label=label,
                        v_bind=("props",), **kwargs)


def _toggle(key: str, on: str, off: str, label: str) -> VBtn:
    """A button that flips the state key *key*, showing icon *on* or *off* and ``aria-pressed``."""
    return _button(f"{key} = !{key}", (f"{key} ? '{on}' : '{off}'",), label,
                   active=(key,), aria_pressed=(f"{key} ? 'true' : 'false'",))


def toolbar(viewer: Viewer, mode: str, v_show: Any = None) -> None:
    """The toolbar's controls (inside a container made by :func:`plotter_ui`)."""
    with VRow(v_show=v_show, classes=_ROW, style="flex-wrap: nowrap"):
        VDivider(vertical=True, classes="mr-1")
        _button(viewer.reset_camera, "mdi-arrow-expand-all", "Reset camera")
        VDivider(vertical=True, classes="mx-1")
        _button(viewer.view_isometric, "mdi-axis-arrow", "Isometric view")
        _button(viewer.view_yz, "mdi-axis-x-arrow", "View along X")
        _button(viewer.view_xz, "mdi-axis-y-arrow", "View along Y")
        _button(viewer.view_xy, "mdi-axis-z-arrow", "View along Z")
        VDivider(vertical=True, classes="mx-1")
        _toggle(viewer.EDGES, "mdi-grid", "mdi-grid-off", "Edge visibility")
        _toggle(viewer.OUTLINE, "mdi-cube-outline", "mdi-cube-off-outline", "Bounding box")
        _toggle(viewer.GRID, "mdi-ruler-square", "mdi-ruler-square", "Ruler")
        _toggle(viewer.AXIS, "mdi-axis-arrow-info", "mdi-axis-arrow-info", "Orientation axes")
        _toggle(viewer.PARALLEL, "mdi-camera-off", "mdi-camera-switch", "Parallel projection")
        if mode == "trame":
            VDivider(vertical=True, classes="mx-1")
            _toggle(viewer.SERVER_RENDERING, "mdi-dns", "mdi-open-in-app", "Server rendering")
        VDivider(vertical=True, classes="mx-1")
        _button(viewer.screenshot_download, "mdi-file-png-box", "Save screenshot")


def plotter_ui(
    plotter: Any,
    *,
    mode: str | None = None,
    default_server_rendering: bool = True,
    collapse_menu: bool = False,
    add_menu: bool = True,
    animate: bool = False,
    add_menu_items: Callable[[], Any] | None = None,
    server: Any = None,
    **kwargs: Any,
) -> Any:
    """trame-pyvista's ``plotter_ui``: the plotter's view in a container, with a toolbar; returns the view.

    *mode* is ``"trame"`` (switchable view), ``"server"`` or ``"client"``
    (default: the plotter theme's ``trame.default_mode``); all render on the
    server here. *kwargs* go to the view.
    """
    if mode is None:
        mode = plotter._theme.trame.default_mode
    if mode not in Viewer.VALID_UI_MODES:
        raise ValueError(f"`{mode}` is not a valid mode choice. Use one of: {list(Viewer.VALID_UI_MODES)}")
    if mode != "trame":
        default_server_rendering = mode == "server"
    viewer = get_viewer(plotter, server=server, suppress_rendering=mode == "client", animate=animate)
    state = viewer.server.state
    with VContainer(fluid=True, classes="pa-0 fill-height", style="position: relative"):
        viewer.seed_toggles()
        state[viewer.SERVER_RENDERING] = default_server_rendering
        viewer.listen()
        if add_menu:
            state[viewer.SHOW_UI] = not collapse_menu
            with VCard(style="position: absolute; top: 20px; left: 20px; z-index: 1; height: 36px",
                       classes=(f"{{ 'rounded-circle': !{viewer.SHOW_UI} }}",)):
                with VRow(classes=_ROW, style="flex-wrap: nowrap"):
                    _button(f"{viewer.SHOW_UI} = !{viewer.SHOW_UI}", "mdi-dots-vertical", "Show or hide the menu",
                            aria_expanded=(f"{viewer.SHOW_UI} ? 'true' : 'false'",))
                    toolbar(viewer, mode, v_show=(viewer.SHOW_UI,))
                    if callable(add_menu_items):
                        with VRow(v_show=(viewer.SHOW_UI,), classes="pa-0 ma-0 align-center"):
                            add_menu_items()
        view = _make_view(plotter, viewer, mode, default_server_rendering, kwargs)
    viewer.add_view(view)
    if animate:
        view.start_animation()
    return view


def _make_view(plotter: Any, viewer: Viewer, mode: str, server_rendering: bool, kwargs: dict[str, Any]) -> Any:
    if mode == "server":
        return PyVistaRemoteView(plotter, **kwargs)
    if mode == "client":
        return PyVistaLocalView(plotter, **kwargs)
    key = viewer.SERVER_RENDERING
    kwargs.setdefault("mode", (f"{key} ? 'remote' : 'local'", "remote" if server_rendering else "local"))
    view = PyVistaRemoteLocalView(plotter, **kwargs)

    @viewer.server.state.change(key)
    def _mode(**state: Any) -> None:
        view.set_remote_rendering(bool(state.get(key, True)))

    view.set_remote_rendering(server_rendering)
    return view

"""The view elements: ``VtkRemoteView``, ``VtkLocalView``, ``VtkRemoteLocalView``.

Each renders ``<div data-ht-vtk="v1">`` with an ``<img>`` the page's
``static/vtk.js`` fills with the frames the server renders (see
:mod:`.engine`, :mod:`.channel`). The three names take trame-vtk's
arguments and are served the same way, by the server-side renderer:
geometry never goes to the browser.

The view's ``ref`` answers on the server: ``server.js_call(ref="view",
method="resetCamera")`` and ``click="$refs.view.resetCamera()"`` run
:meth:`ServedView.reset_camera` here (see :mod:`htmxtrame.refs`).
"""

from __future__ import annotations

import time
from typing import Any

from ... import refs
from ...elements import AbstractElement, active_state
from . import _vtk, picking
from .engine import ENGINE, ViewRenderer, clamp, views

# trame-vtk arguments that configure vtk.js in the browser: nothing to do here.
_CLIENT_ONLY = (
    "interactor_events", "interactor_settings", "box_selection", "box_selection_change",
    "enable_picking", "context_name", "namespace", "mode", "disable_auto_switch",
    "widgets", "visible", "enable_rendering", "show_cube_axes", "cube_axes_style",
)
SCRIPT = "__htmxtrame/static/vtk.js"
STYLE = (
    "position:relative;display:block;width:100%;height:100%;min-height:120px;flex:1 1 auto;"
    "align-self:stretch;overflow:hidden;touch-action:none;user-select:none;outline:none"
)
IMG_STYLE = "position:absolute;inset:0;width:100%;height:100%;object-fit:contain;pointer-events:none"


def _server_state() -> Any:
    state = active_state()
    if state is None:
        from ...app import get_server  # a view built outside a layout belongs to the default server

        state = get_server().state
    return state


class ServedView(AbstractElement):
    """A render window shown on the page as images rendered on the server."""

    # JavaScript method names (js_call, $refs) → Python methods.
    JS_METHODS = {
        "resetCamera": "reset_camera", "update": "update", "render": "update", "resize": "resize",
        "captureImage": "capture_image", "startAnimation": "start_animation",
        "stopAnimation": "stop_animation", "viewUpdate": "update",
    }

    _PY_ATTRS = frozenset({"renderer", "vtk_renderer"})

    def __setattr__(self, name: str, value: Any) -> None:
        # Python-side attributes, not HTML attributes (AbstractElement turns the rest into those).
        if name in self._PY_ATTRS:
            self.__dict__[name] = value
        else:
            super().__setattr__(name, value)

    def __init__(
        self,
        view: Any,
        ref: str = "view",
        interactive_ratio: float = 1,
        interactive_quality: int = 60,
        still_quality: int = 94,
        still_ratio: float = 1,
        interactive_multisamples: int | None = None,
        **kwargs: Any,
    ) -> None:
        _vtk.require()
        _vtk.check_window(view)
        for name in _CLIENT_ONLY:
            kwargs.pop(name, None)
        # trame-vtk's picking events: run by the server with the pick's payload (see .picking).
        modes = kwargs.pop("picking_modes", [])
        picks = {kind: kwargs.pop(kind) for kind in picking.KINDS if kwargs.get(kind) is not None}
        super().__init__("div", ref=ref, **kwargs)
        self._picking_modes = modes
        self._picks = {kind: self._handler(kind, value) for kind, value in picks.items()}
        self._ref = ref
        self._state = _server_state()
        if isinstance(modes, tuple) and len(modes) > 1 and str(modes[0]).isidentifier():
            self._state.setdefault(str(modes[0]), modes[1])  # ("key", default) seeds the key, as trame's binding does
        self.renderer = ViewRenderer(
            view, self._state, interactive_ratio=interactive_ratio, interactive_quality=interactive_quality,
            still_quality=still_quality, still_ratio=still_ratio,
            interactive_multisamples=interactive_multisamples,
        )
        self.attributes["data-ht-vtk"] = self.renderer.id
        if self._picks:
            self.attributes["data-ht-pick"] = " ".join(self._picks)
            self.renderer.on_pick = self._pick
        if "select" in self._picks:
            self.renderer.selecting = self._selecting
        # The page keeps its live element (and the picture in it) when a parent re-renders.
        self.attributes.setdefault("id", f"ht-vtk-{self.renderer.id}")
        self.attributes["hx-preserve"] = True
        self.attributes["tabindex"] = "0"
        self.attributes["role"] = "img"
        self.attributes.setdefault("aria-label", "3D view")
        style = self.attributes.get("style")
        self.attributes["style"] = STYLE + (";" + str(style) if style else "")
        self.add(AbstractElement("img", alt="", draggable="false", style=IMG_STYLE, classes="ht-vtk-image"))
        self.add(AbstractElement("script", src=SCRIPT, defer=True))
        refs.register(self._state, ref, {js: getattr(self, py) for js, py in self.JS_METHODS.items()})

    # -- picking -----------------------------------------------------------------------
    _pick_mode = "remote"  # which trame-vtk payload the view's events carry

    def get_scene_object_id(self, vtk_object: Any) -> str:
        """trame-vtk's id of *vtk_object* (an actor...): what a local pick reports as ``remoteId``."""
        return picking.reference_id(vtk_object)

    def _selecting(self) -> bool:
        """Whether a left drag draws a selection box now (``"select"`` in the picking modes)."""
        return "select" in picking.modes_of(self._picking_modes, self._state)

    def _pick(self, kind: str, box: tuple[float, float, float, float]) -> None:
        """The page's pointer was clicked (or hovered) at CSS (box[0], box[1]), or dragged over
        *box* (``select``): run the app's handler if the state's picking modes name *kind*
        (render thread)."""
        handler = self._picks.get(kind)
        if handler is None or kind not in picking.modes_of(self._picking_modes, self._state):
            return
        window, size = self.renderer.window, self.renderer.css_size
        x, y = box[0], box[1]
        event: dict | None
        if kind == "select":
            local = self._pick_mode == "local"
            event = (picking.local_select if local else picking.remote_select)(window, size, box)
        elif self._pick_mode == "local":
            event = picking.local_event(window, size, kind, x, y)
            empty = event is None
            if kind == "hover" and empty and self.__dict__.get("_hovered_nothing"):
                return  # trame's local view reports "nothing under the pointer" once
            self.__dict__["_hovered_nothing"] = empty
        else:
            event = picking.remote_event(window, size, kind, x, y)
        picking.run_handler(handler, self._state, event)

    # -- trame-vtk's methods ---------------------------------------------------------
    @property
    def view(self) -> Any:
        """The render window this element shows."""
        return self.renderer.window

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Render a new still frame for every page (after the app changed the scene)."""
        if kwargs.get("reset_camera"):
            self.renderer.queue(("reset",))
        self.renderer.request("still")

    def reset_camera(self, *args: Any, **kwargs: Any) -> None:
        """Fit the scene in the view along the current direction, on every page."""
        self.renderer.queue(("reset",))
        self.renderer.request("still")

    def resize(self, *args: Any, **kwargs: Any) -> None:
        """Render again at the size the pages report (they report resizes themselves)."""
        self.renderer.request("still")

    def capture_image(self, format: str = "image/png", opts: Any = None) -> bytes:
        """The view as PNG bytes (rendered now when called outside a state callback)."""
        return self.renderer.capture()

    def start_animation(self, fps: float = 30, *args: Any, **kwargs: Any) -> None:
        """Render and push frames continuously (*fps* a second, at most 60) until stopped."""
        self.renderer.animation_period = 1.0 / clamp(fps, 1, 60, 30)
        self.renderer.next_due = time.monotonic()
        ENGINE.wake()

    def stop_animation(self, *args: Any, **kwargs: Any) -> None:
        """Stop the frames :meth:`start_animation` started; one still frame follows."""
        self.renderer.animation_period = None
        self.renderer.next_due = None
        self.renderer.request("still")

    def replace_view(self, new_view: Any, **kwargs: Any) -> None:
        """Show another render window in this element."""
        _vtk.check_window(new_view)
        self.renderer.window = new_view
        self.renderer._encoder = None
        self.renderer.request("still")


class VtkRemoteView(ServedView):
    """trame-vtk's ``VtkRemoteView(view, ref="view", interactive_ratio=..., ...)``."""

    @staticmethod
    def push_image(view: Any) -> None:
        """Render and push a new frame of every element showing the render window *view*."""
        for served in list(views.values()):
            if served.window is view:
                served.request("still")


class VtkLocalView(ServedView):
    """``VtkLocalView``: same arguments; rendered on the server here too (no vtk.js)."""

    _pick_mode = "local"

    def set_widgets(self, value: Any) -> None:
        """Accepted for compatibility; 3D widgets are not shown (remote rendering)."""
        self.update()

    def push_camera(self, *args: Any, **kwargs: Any) -> None:
        """The camera lives on the server already: render it."""
        self.update()

    def export(self, format: str = "zip", **kwargs: Any) -> bytes:
        """trame-vtk hands back vtk.js's copy of the scene (a ``.vtksz`` zip); there is none here."""
        raise NotImplementedError(
            "VtkLocalView.export() returns the scene vtk.js holds in the browser (a .vtksz file); htmxtrame "
            "renders on the server and ships no vtk.js. Save a picture with view.capture_image() (PNG bytes) "
            "or the data itself with VTK's writers"
        )


class VtkRemoteLocalView(VtkLocalView):
    """``VtkRemoteLocalView``: same arguments; always rendered on the server.

    ``{namespace}Mode`` is kept in the state as trame does; both modes show the
    server's frames.
    """

    def __init__(self, view: Any, enable_rendering: bool = True, **kwargs: Any) -> None:
        namespace = kwargs.get("namespace", "view")
        kwargs.setdefault("ref", namespace)
        mode = kwargs.get("mode", "remote")
        super().__init__(view, **kwargs)
        self._mode_key = f"{namespace}Mode"
        self._state.setdefault(self._mode_key, mode if mode in ("local", "remote") else "remote")

    @property
    def _pick_mode(self) -> str:  # type: ignore[override]
        return "local" if self._state[self._mode_key] == "local" else "remote"

    def update_geometry(self, *args: Any, **kwargs: Any) -> None:
        """Same as :meth:`update`."""
        self.update()

    def update_image(self, *args: Any, **kwargs: Any) -> None:
        """Same as :meth:`update`."""
        self.update()

    def export_geometry(self, format: str = "zip", **kwargs: Any) -> bytes:
        """Same as :meth:`VtkLocalView.export`: refused, saying why."""
        return self.export(format, **kwargs)

    def set_local_rendering(self, local: bool = True, **kwargs: Any) -> None:
        """Record the mode in the state; rendering stays on the server."""
        self._state[self._mode_key] = "local" if local else "remote"

    def set_remote_rendering(self, remote: bool = True, **kwargs: Any) -> None:
        """Record the mode in the state; rendering stays on the server."""
        self._state[self._mode_key] = "remote" if remote else "local"

    def push_remote_camera_on_end_interaction(self) -> None:
        """Accepted: in trame it copies the server's camera to the browser's vtk.js view after
        each interaction; here both modes show the server's camera already."""

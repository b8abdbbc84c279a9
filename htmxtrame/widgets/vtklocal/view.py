"""``LocalView(render_window, ...)``: trame-vtklocal's view, rendered on the server.

trame-vtklocal mirrors the render window into VTK.wasm in the browser.
htmxtrame ships no WebAssembly: the view is a :class:`~htmxtrame.widgets.vtk.ServedView`
(frames rendered on the server, pointer input sent back), with
trame-vtklocal's Python API on top. What needs the browser's copy of the
scene is answered by the server's own objects (ids, state extracts,
``invoke``) or refused with an error naming what to use (``export``).
"""

from __future__ import annotations

import itertools
import logging
import threading
import weakref
from typing import Any

from ..vtk import ServedView, picking
from ..vtk.camera import renderer_of
from ..vtk.engine import ENGINE, _state_lock
from ..vtk.frames import Frame
from . import scene
from .throttle import Throttle

log = logging.getLogger("htmxtrame.vtklocal")

# Props that configure VTK.wasm in the browser (and events only it emits): accepted, ignored.
WASM_ONLY = (
    "use_handler", "cache_size", "eager_sync", "verbosity", "config", "progress_enabled",
    "progress_delay", "emit_memory", "memory_vtk", "memory_arrays", "invoke_response", "progress",
)
EVENTS = ("updated", "camera")
MAX_LISTENERS = 256  # (object, event) observers one view installs
_logged: set[str] = set()
_logged_lock = threading.Lock()
_refs = itertools.count(1)

NO_WASM = (
    "htmxtrame renders VTK on the server and ships no VTK.wasm, so there is no browser-side scene to {what}"
)


def _log_ignored(names: list[str]) -> None:
    """One log line per prop name per process: apps build views often, the line is said once."""
    with _logged_lock:
        new = [n for n in names if n not in _logged]
        _logged.update(new)
    if new:
        # A warning: Python prints it with no logging set up, and it is said once per name.
        log.warning(
            "vtklocal.LocalView: %s only configure(s) VTK.wasm in the browser; ignored here (the view "
            "is rendered on the server)", ", ".join(new),
        )


def check_render_window(window: Any) -> None:
    """Refuse what cannot be shown, naming what LocalView takes."""
    if window is None or not callable(getattr(window, "GetRenderers", None)):
        raise TypeError(
            "vtklocal.LocalView(render_window) takes a vtkRenderWindow with a renderer, got "
            f"{type(window).__name__}"
        )
    renderer_of(window)  # a window with no renderer: ValueError saying to add one


class LocalView(ServedView):
    """``LocalView(render_window, throttle_rate=10, ref=None, listeners=None, updated=None,
    camera=None, **kwargs)``: the render window as server-rendered frames."""

    JS_METHODS = {
        **ServedView.JS_METHODS, "evalStateExtract": "eval", "detachHandler": "detach_handler",
        "printSceneManagerInformation": "print_scene_manager_information",
    }

    def __init__(self, render_window: Any, throttle_rate: float = 10, **kwargs: Any) -> None:
        check_render_window(render_window)
        ignored = [name for name in WASM_ONLY if name in kwargs]
        wasm_props = {name: kwargs.pop(name) for name in ignored}
        events = {name: kwargs.pop(name) for name in EVENTS if kwargs.get(name) is not None}
        listeners = kwargs.pop("listeners", None)
        kwargs.setdefault("ref", f"_vtklocalview_{next(_refs)}")
        super().__init__(render_window, **kwargs)
        for value in wasm_props.values():
            self._seed(value)
        _log_ignored(ignored)
        self._handlers = {name: self._handler(name, value) for name, value in events.items()}
        self._registered: list[Any] = []
        self._observers: list[tuple[Any, int]] = []
        self._listeners_key: str | None = None
        self._pending: dict[str, Any] = {}  # listener extracts to evaluate after the next frame
        self._pending_lock = threading.Lock()
        self._update_asked = False  # an update() whose still frame fires `updated`
        self._to_reset: list[Any] = []  # renderers other than the first to reset before a frame
        self._last_camera: dict | None = None
        self._update_throttle = Throttle(self.update, throttle_rate)
        self.renderer.before_render = self._before_render
        self.renderer.after_render = self._after_render
        if listeners is not None:
            self.listeners = listeners

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "listeners":
            self._set_listeners(value)
        else:
            super().__setattr__(name, value)

    def _seed(self, value: Any) -> None:
        """``("name", default)`` binds a state key in trame: seed it so the page's other uses see it."""
        if isinstance(value, tuple) and len(value) > 1 and isinstance(value[0], str) and value[0].isidentifier():
            self._state.setdefault(value[0], value[1])

    # -- updates ---------------------------------------------------------------------
    def update(self, push_camera: bool = False, *args: Any, **kwargs: Any) -> None:
        """Render a new still frame of the render window for every page (``updated`` fires once it is out)."""
        self._update_asked = True
        super().update(*args, **kwargs)

    @property
    def update_throttle(self) -> Throttle:
        """:meth:`update` at most ``update_throttle.rate`` times a second (``throttle_rate=``)."""
        return self._update_throttle

    def reset_camera(self, renderer_or_render_window: Any = None, **kwargs: Any) -> None:
        """Fit the scene in the view: the first renderer's camera, or the renderer given."""
        target = renderer_or_render_window
        if target is None or target is self.renderer.window or callable(getattr(target, "GetRenderers", None)):
            super().reset_camera()
            return
        if not callable(getattr(target, "ResetCamera", None)):
            raise TypeError(f"reset_camera() takes a vtkRenderer or vtkRenderWindow, got {type(target).__name__}")
        with self.renderer.lock:
            if target not in self._to_reset:
                self._to_reset.append(target)
        self.renderer.request("still")

    def _before_render(self) -> None:
        with self.renderer.lock:
            targets, self._to_reset = self._to_reset, []
        for target in targets:
            target.ResetCamera()

    def _after_render(self, frame: Frame) -> None:
        """Render thread, after a frame went out: listeners' extracts, then ``updated`` and ``camera``."""
        try:
            self._flush_listeners()
            if not frame.still:
                return
            updated, self._update_asked = self._update_asked, False
            if updated and "updated" in self._handlers:
                picking.run_handler(self._handlers["updated"], self._state, None)
            if "camera" in self._handlers:
                with _state_lock(self._state):
                    cam = scene.camera_state(renderer_of(self.renderer.window))
                if cam != self._last_camera:
                    self._last_camera = cam
                    picking.run_handler(self._handlers["camera"], self._state, cam)
        except Exception:  # noqa: BLE001 - app code must not stop the render thread
            log.exception("a vtklocal.LocalView event failed")

    # -- ids and state extracts -------------------------------------------------------
    @property
    def ref_name(self) -> str:
        """The view's ``ref`` (trame's default: ``_vtklocalview_<n>``)."""
        return self._ref

    def get_wasm_id(self, vtk_object: Any) -> Any:
        """The id naming *vtk_object* in listeners and extracts (non-VTK values come back unchanged)."""
        return scene.wasm_id(vtk_object)

    def get_wasm_obj_id(self, vtk_object: Any) -> Any:
        """``{"Id": id}`` for a VTK object (other values unchanged)."""
        return {"Id": scene.wasm_id(vtk_object)} if hasattr(vtk_object, "IsA") else vtk_object

    def get_vtk_obj(self, wasm_id: Any) -> Any:
        """The VTK object an id names (``LookupError`` if none)."""
        return scene.vtk_object(wasm_id)

    def register_vtk_object(self, vtk_instance: Any) -> Any:
        """Track a 3D widget (or any VTK object) with the view and return its id.

        The widget draws into the render window on the server already; this
        re-renders so it shows."""
        if vtk_instance not in self._registered:
            self._registered.append(vtk_instance)
            self.update()
        return scene.wasm_id(vtk_instance)

    def register_widget(self, widget: Any) -> Any:
        """Old name of :meth:`register_vtk_object`."""
        return self.register_vtk_object(widget)

    def unregister_vtk_object(self, vtk_instance: Any) -> bool:
        """Stop tracking *vtk_instance*; True if it was registered."""
        if vtk_instance in self._registered:
            self._registered.remove(vtk_instance)
            return True
        return False

    def unregister_all_vtk_objects(self) -> None:
        """Stop tracking every registered object."""
        self._registered.clear()

    def unregister_widgets(self) -> None:
        """Old name of :meth:`unregister_all_vtk_objects`."""
        self.unregister_all_vtk_objects()

    def eval(self, state_mapping: dict[str, Any]) -> None:
        """Set state keys from the scene: ``{"key": {"p1": (id, "WidgetRepresentation",
        "Point1WorldPosition")}}`` reads the server's objects through their getters."""
        if not isinstance(state_mapping, dict):
            raise TypeError("eval() takes {state_name: extract}, as trame-vtklocal does")
        values = {name: scene.extract(mapping) for name, mapping in state_mapping.items()}
        with _state_lock(self._state):
            self._state.update(values)

    async def invoke(self, vtk_obj: Any, method: str, *args: Any, unwrap_vtk_object: bool = True) -> Any:
        """Call *method* on the object (or id): in trame on VTK.wasm's copy, here on the server's object."""
        target = scene.vtk_object(vtk_obj)
        if not isinstance(method, str) or not method.isidentifier() or method.startswith("_"):
            raise ValueError(f"{method!r} is not a VTK method name")
        fn = getattr(target, method, None)
        if not callable(fn):
            raise AttributeError(f"{type(target).__name__} has no method {method!r}")
        with _state_lock(self._state):
            result = fn(*(scene.vtk_object(a) if isinstance(a, dict) and "Id" in a else a for a in args))
        if hasattr(result, "IsA") and not unwrap_vtk_object:
            return {"Id": scene.wasm_id(result)}
        return result

    # -- listeners ---------------------------------------------------------------------
    def _set_listeners(self, value: Any) -> None:
        """``{object id: {"EventName": {state_name: extract}}}``: when the object fires the event,
        the extracts are read into the state (after the frame being drawn)."""
        if isinstance(value, tuple) and value:
            self._seed(value)
            key = value[0] if isinstance(value[0], str) and value[0].isidentifier() else None
            if key is not None and key != self._listeners_key:
                # Bound to a state key, as in trame: a new value there replaces the observers.
                self._listeners_key = key
                self._state.change(key)(weakref.WeakMethod(self._on_listeners_key))
            value = self._state[key] if key is not None and key in self._state else None
        for obj, tag in self._observers:
            obj.RemoveObserver(tag)
        self._observers = []
        if value is None:
            return
        if not isinstance(value, dict):
            raise TypeError("listeners= takes {object id: {event name: {state name: extract}}}")
        for key, events in value.items():
            obj = scene.vtk_object(key)
            if not isinstance(events, dict):
                raise TypeError(f"listeners[{key!r}] takes {{event name: {{state name: extract}}}}")
            for event, mapping in events.items():
                if len(self._observers) >= MAX_LISTENERS:
                    raise ValueError(f"a view takes at most {MAX_LISTENERS} listeners")
                if not isinstance(mapping, dict):
                    raise TypeError(f"listeners[{key!r}][{event!r}] takes {{state name: extract}}")
                tag = obj.AddObserver(str(event), self._observer(mapping))
                self._observers.append((obj, tag))

    def _on_listeners_key(self, **state: Any) -> None:
        if self._listeners_key is not None:
            self._set_listeners(state.get(self._listeners_key))

    def _observer(self, mapping: dict[str, Any]) -> Any:
        def fired(*_: Any) -> None:
            with self._pending_lock:
                first = not self._pending
                self._pending.update(mapping)
            if first:  # a camera fires Modified many times a frame: one read follows them all
                ENGINE.call(self._flush_listeners)  # after the render under way, on the render thread

        return fired

    def _flush_listeners(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            with _state_lock(self._state):
                values = {name: scene.extract(mapping) for name, mapping in pending.items()}
                self._state.update(values)
        except Exception:  # noqa: BLE001 - a bad extract is the app's; the view keeps rendering
            log.exception("a vtklocal.LocalView listener could not read its extract")
        finally:
            self._state.flush()

    # -- what needs VTK.wasm -------------------------------------------------------------
    def export(self, format: str = "zip", **kwargs: Any) -> bytes:
        """Refused: the export is VTK.wasm's serialized scene, which does not exist here."""
        raise NotImplementedError(
            NO_WASM.format(what="export")
            + ". Save a picture with view.capture_image() (PNG bytes), or the data with VTK's writers"
        )

    def save(self, file_name: str, wasm_ids: Any = None) -> None:
        """Refused, as :meth:`export`."""
        self.export()

    def vtk_update_from_state(self, state_obj: Any) -> None:
        """Refused: it applies a VTK.wasm state to a server object; set the object's properties instead."""
        raise NotImplementedError(
            NO_WASM.format(what="take a state from") + ": call the object's setters (obj.SetPosition(...)) "
            "and view.update()"
        )

    @property
    def api(self) -> Any:
        """Refused: trame-vtklocal's wasm synchronisation helper does not exist here."""
        raise NotImplementedError(NO_WASM.format(what="synchronise") + "; use view.update() to show changes")

    @property
    def object_manager(self) -> Any:
        """Refused, as :attr:`api`; ids come from view.get_wasm_id(obj)."""
        raise NotImplementedError(
            NO_WASM.format(what="manage") + "; use view.get_wasm_id(obj) and view.get_vtk_obj(id)"
        )

    def detach_handler(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to detach: there is no wasm handler in the page."""

    def print_scene_manager_information(self, *args: Any, **kwargs: Any) -> None:
        """Log what the view tracks (trame prints VTK.wasm's scene manager in the browser console)."""
        log.info("vtklocal.LocalView %s: window %s, registered %s", self._ref,
                 scene.wasm_id(self.renderer.window), [scene.wasm_id(o) for o in self._registered])

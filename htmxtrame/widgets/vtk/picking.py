"""Picking on a server-rendered view: trame-vtk's ``click`` / ``hover`` events.

trame-vtk's views emit ``click``, ``hover`` (and ``select``) when the state's
``picking_modes`` list names them. Its remote view sends the pointer's
position in render-window pixels (``{mode: "remote", position: {x, y, z}}``)
for the app to pick with VTK; its local view picks in the browser with vtk.js
and sends the picked object's id (``{mode: "local", remoteId,
worldPosition}``), the id ``view.get_scene_object_id(actor)`` /
``reference_id(actor)`` gives the same object. Here every view renders on the
server, so the page sends the pointer position in CSS pixels and this module
builds either payload: remote ones by scaling to the window's pixels, local
ones by picking with VTK's ``vtkCellPicker`` at that pixel. The app's handler
then runs on the render thread (VTK's OpenGL context lives there; a
``vtkPropPicker.Pick`` in the handler renders).
"""

from __future__ import annotations

import logging
from typing import Any

from ...elements.base import EventHandler
from ...expr import Context, ExpressionError, compile_expr
from ..client_triggers import state_context
from .engine import _state_lock

log = logging.getLogger("htmxtrame.vtk")

KINDS = ("click", "hover", "select")


def reference_id(obj: Any) -> str:
    """trame-vtk's id of a VTK object: its address as 16 hex digits, stable while it lives.

    The same object always gives the same id (within one process), and
    ``"0x0"`` stands for no object, as in trame-vtk.
    """
    if not obj:
        return "0x0"
    this = getattr(obj, "__this__", None)
    if isinstance(this, str) and len(this) >= 17:
        return this[1:17]
    return str(obj)[-12:-1]


def window_position(window: Any, css_size: tuple[int, int], x: float, y: float) -> tuple[float, float, float, float]:
    """The page's (x, y) in CSS pixels from the top left, as VTK display pixels (from the bottom left).

    Returns ``(x, y, scale_x, scale_y)`` for the window's current size.
    """
    width, height = (int(v) for v in window.GetSize())
    cw, ch = max(1, css_size[0]), max(1, css_size[1])
    sx, sy = width / cw, height / ch
    return sx * x, sy * (ch - y), sx, sy


def remote_event(window: Any, css_size: tuple[int, int], kind: str, x: float, y: float) -> dict:
    """trame-vtk's remote-view payload: where the pointer is, in the window's pixels."""
    px, py, sx, sy = window_position(window, css_size, x, y)
    width, height = (int(v) for v in window.GetSize())
    return {"mode": "remote", "action": kind, "position": {"x": px, "y": py, "z": 0},
            "size": [width, height], "scale": [sx, sy]}


def local_event(window: Any, css_size: tuple[int, int], kind: str, x: float, y: float) -> dict | None:
    """trame-vtk's local-view payload: the object under the pointer (``None``: nothing there)."""
    from vtkmodules.vtkRenderingCore import vtkCellPicker

    from .camera import renderer_of

    try:
        renderer = renderer_of(window)
    except ValueError:  # a window with no renderer: nothing to pick
        return None
    px, py, _sx, _sy = window_position(window, css_size, x, y)
    picker = vtkCellPicker()
    picker.SetTolerance(0.0005)
    if not picker.Pick(px, py, 0, renderer):
        return None
    prop = picker.GetViewProp()
    if prop is None:
        return None
    return {
        "mode": "local", "action": kind, "remoteId": reference_id(prop), "propID": reference_id(prop),
        "worldPosition": list(picker.GetPickPosition()), "displayPosition": [px, py, 0.0],
        "compositeID": int(picker.GetCellId()),
    }


def window_box(window: Any, css_size: tuple[int, int], box: tuple) -> list[int]:
    """A CSS rectangle (x0, y0, x1, y1 from the top left) as VTK's ``[xmin, xmax, ymin, ymax]`` window pixels."""
    ax, ay, _sx, _sy = window_position(window, css_size, box[0], box[1])
    bx, by, _sx, _sy = window_position(window, css_size, box[2], box[3])
    return [int(min(ax, bx)), int(max(ax, bx)), int(min(ay, by)), int(max(ay, by))]


def remote_select(window: Any, css_size: tuple[int, int], box: tuple) -> dict:
    """trame-vtk's remote box selection: the rectangle in window pixels, for a ``vtkHardwareSelector``."""
    width, height = (int(v) for v in window.GetSize())
    return {"mode": "remote", "action": "select", "selection": window_box(window, css_size, box),
            "size": [width, height]}


def local_select(window: Any, css_size: tuple[int, int], box: tuple) -> dict:
    """trame-vtk's local box selection: the ids of the props drawn inside the rectangle."""
    from vtkmodules.vtkCommonDataModel import vtkDataObject
    from vtkmodules.vtkRenderingCore import vtkHardwareSelector

    from .camera import renderer_of

    area = window_box(window, css_size, box)
    ids: list[str] = []
    try:
        renderer = renderer_of(window)
    except ValueError:
        renderer = None
    if renderer is not None:
        selector = vtkHardwareSelector()
        selector.SetRenderer(renderer)
        selector.SetFieldAssociation(vtkDataObject.FIELD_ASSOCIATION_CELLS)
        selector.SetActorPassOnly(True)
        selector.SetArea(area[0], area[2], max(area[0], area[1]), max(area[2], area[3]))
        selection = selector.Select()
        for i in range(selection.GetNumberOfNodes() if selection is not None else 0):
            node = selection.GetNode(i)
            prop = node.GetProperties().Get(node.PROP())
            if prop is not None and reference_id(prop) not in ids:
                ids.append(reference_id(prop))
    return {"mode": "local", "action": "select", "remoteIds": ids, "selection": area}


def modes_of(value: Any, state: Any) -> list:
    """The picking modes now: a literal list, or ``("key", default)`` / an expression read from the state."""
    if isinstance(value, tuple):
        if not value:
            return []
        try:
            expr = compile_expr(str(value[0]))
        except ExpressionError:
            return []

        def lookup(name: str) -> Any:
            if name in state:
                return state[name]
            raise KeyError(name)

        try:
            value = expr.evaluate(Context(lookup=lookup))
        except (ExpressionError, KeyError):
            value = value[1] if len(value) > 1 else []
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, (list, tuple)) else []


def run_handler(handler: EventHandler, state: Any, event: Any) -> None:
    """Run the app's ``click``/``hover``/``select`` handler with ``$event`` = *event*, then flush.

    Takes the state lock as page events do; what the handler changes reaches
    every page. A handler that raises is logged and reported, never fatal.
    """
    from ...events import python_value  # the page-event rules for Python arguments (no import cycle)

    ctx = state_context(state, event)
    try:
        with _state_lock(state):
            if handler.code is not None:
                handler.code.evaluate(ctx)
            elif handler.fn is not None:
                args = handler.args.evaluate(ctx) if handler.args is not None else []
                kwargs = handler.kwargs.evaluate(ctx) if handler.kwargs is not None else {}
                if not isinstance(args, list):
                    args = [args]
                result = handler.fn(*python_value(args), **(python_value(kwargs) if isinstance(kwargs, dict) else {}))
                if hasattr(result, "__await__"):
                    state._schedule(result)
    except Exception as exc:  # noqa: BLE001 - app code must not stop the render thread
        log.exception("the %s handler of a VTK view raised", handler.event)
        report = getattr(state, "_report", None)
        if report is not None:
            report(f"{handler.event} handler of a VTK view", exc)
    finally:
        state.flush()

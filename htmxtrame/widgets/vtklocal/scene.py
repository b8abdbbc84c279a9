"""Object ids and state extracts: trame-vtklocal's "wasm ids", answered by the server's own objects.

trame-vtklocal mirrors the render window into VTK.wasm and names every VTK
object with an integer id. Here the objects never leave the server, so an id
is just a handle on the live object: ``get_wasm_id(obj)`` hands one out,
``get_vtk_obj(id)`` hands the object back, and a state extract such as
``(widget_id, "WidgetRepresentation", "Point1WorldPosition")`` is read by
calling the object's getters (``GetRepresentation().GetPoint1WorldPosition()``).
"""

from __future__ import annotations

import itertools
import logging
import threading
from typing import Any

log = logging.getLogger("htmxtrame.vtklocal")

MAX_DEPTH = 8  # getters followed by one extract; nested dicts of a mapping
# Names trame-vtklocal's extracts use that VTK spells differently in Python.
_ALIASES = {"WidgetRepresentation": ("Representation",)}

_ids = itertools.count(1)
_lock = threading.Lock()
# Held strongly, keyed by the C++ object: VTK makes a new Python wrapper each time an object
# held only by C++ (a widget's representation, a renderer's camera) is fetched again.
# Only objects app code names get ids, so the table grows with the scene, not with traffic.
_by_id: dict[int, Any] = {}
_by_key: dict[str, int] = {}


class UnknownObject(LookupError):
    """An id that names no live VTK object."""


def wasm_id(obj: Any) -> Any:
    """The id naming *obj* (a VTK object; anything else is returned as it is, as trame-vtklocal does)."""
    if not hasattr(obj, "IsA"):
        return obj
    key = str(getattr(obj, "__this__", id(obj)))
    with _lock:
        known = _by_key.get(key)
        if known is None:
            known = _by_key[key] = next(_ids)
            _by_id[known] = obj
        return known


def forget(obj: Any) -> None:
    """Drop *obj*'s id (``unregister_vtk_object``): the table no longer keeps it alive."""
    key = str(getattr(obj, "__this__", id(obj)))
    with _lock:
        number = _by_key.pop(key, None)
        if number is not None:
            _by_id.pop(number, None)


def vtk_object(number: Any) -> Any:
    """The live VTK object an id names, or :class:`UnknownObject`."""
    if hasattr(number, "IsA"):
        return number
    try:
        key = int(number)  # listeners written as JSON have string keys
    except (TypeError, ValueError):
        raise UnknownObject(f"{number!r} is not a VTK object id (get one with view.get_wasm_id(obj))") from None
    obj = _by_id.get(key)
    if obj is None:
        raise UnknownObject(f"no VTK object has id {key} (get one with view.get_wasm_id(obj) or register_vtk_object)")
    return obj


def plain(value: Any) -> Any:
    """A getter's result as state can hold it: tuples become lists, VTK objects their ``{"Id": id}``."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if hasattr(value, "IsA"):
        return {"Id": wasm_id(value)}
    return value


def read_path(path: Any) -> Any:
    """Read ``(id, "Prop", "SubProp", ...)`` by calling ``Get<Prop>()`` along the way."""
    if not isinstance(path, (tuple, list)) or not path or len(path) > MAX_DEPTH:
        raise ValueError(f"a state extract is (object id, 'Property', ...); got {path!r}")
    current = vtk_object(path[0])
    for name in path[1:]:
        current = _get(current, name)
    return current


def _get(obj: Any, name: Any) -> Any:
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"{name!r} is not a VTK property name")
    for candidate in (name, *_ALIASES.get(name, ())):
        getter = getattr(obj, "Get" + candidate, None)
        if callable(getter):
            return getter()
    raise ValueError(f"{type(obj).__name__} has no property {name!r} (no Get{name}())")


def extract(mapping: Any, depth: int = 0) -> Any:
    """Evaluate one state value of an ``eval()`` / listener mapping: a path, a nested dict of
    them, or an object id (its ``{"Id": id}``: VTK.wasm's whole serialized state is not made here)."""
    if depth > MAX_DEPTH:
        raise ValueError("a state extract nests too deep")
    if isinstance(mapping, dict):
        return {str(k): extract(v, depth + 1) for k, v in mapping.items()}
    if isinstance(mapping, (tuple, list)):
        return plain(read_path(mapping))
    return {"Id": wasm_id(vtk_object(mapping))}


def camera_state(renderer: Any) -> dict[str, Any]:
    """The camera of *renderer* as the ``camera`` event carries it (VTK's property names)."""
    cam = renderer.GetActiveCamera()
    return {
        "Id": wasm_id(cam),
        "Position": list(cam.GetPosition()),
        "FocalPoint": list(cam.GetFocalPoint()),
        "ViewUp": list(cam.GetViewUp()),
        "ViewAngle": cam.GetViewAngle(),
        "ParallelProjection": bool(cam.GetParallelProjection()),
        "ParallelScale": cam.GetParallelScale(),
    }

"""``VtkView`` and its declarative children, assembled into a server-side pipeline.

trame-vtk builds these in the browser with vtk.js; here the same tree
becomes VTK objects in the server process, rendered like any other view::

    with vtk.VtkView(ref="view"):
        with vtk.VtkGeometryRepresentation(property=("{ color: [1, 0, 0] }",)):
            vtk.VtkAlgorithm(vtk_class="vtkConeSource", state=("{ resolution }",))

Property dicts (``state``, ``actor``, ``mapper``, ``property``) map each key to
VTK's setter (``resolution`` → ``SetResolution``; lists are spread). A dict
is applied once; an expression tuple is evaluated against the state and
re-applied when a key it read changes. Supported children:
``VtkGeometryRepresentation``, ``VtkAlgorithm`` (a VTK class by name, nested
algorithms feed it), ``VtkPolyData`` (a dataset, or ``points``/``polys``/
``lines``/``verts`` arrays), ``VtkMesh`` (any dataset), with
``VtkPointData``/``VtkCellData``/``VtkDataArray`` for arrays.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from typing import Any

from ...elements import AbstractElement
from ...expr import Context, ExpressionError, compile_expr
from .views import ServedView

log = logging.getLogger("htmxtrame.vtk")

_CLASS_NAME = re.compile(r"^vtk[A-Za-z0-9]{1,80}$")
_MODULES = ("vtkFiltersSources", "vtkFiltersCore", "vtkFiltersGeneral", "vtkFiltersModeling", "vtkImagingCore",
            "vtkCommonDataModel", "vtkIOXML", "vtkIOLegacy", "vtkFiltersGeometry")
_MISSING = object()


def vtk_class(name: str) -> Any:
    """The VTK class called *name* (``"vtkConeSource"``) from VTK's Python modules."""
    if not isinstance(name, str) or not _CLASS_NAME.match(name):
        raise ValueError(f"vtk_class must be a VTK class name such as 'vtkConeSource', got {name!r}")
    for module in _MODULES:
        found = getattr(importlib.import_module(f"vtkmodules.{module}"), name, None)
        if found is not None:
            return found
    found = getattr(importlib.import_module("vtkmodules.all"), name, None)  # slow: every module
    if found is None:
        raise ValueError(f"VTK has no class {name!r}")
    return found


def apply_props(obj: Any, props: Any) -> None:
    """Call ``obj.SetKey(value)`` for each ``key: value`` (lists spread); skip unknown keys."""
    if not isinstance(props, dict):
        return
    for key, value in props.items():
        if not isinstance(key, str) or not key:
            continue
        setter = getattr(obj, "Set" + key[0].upper() + key[1:], None)
        if not callable(setter) or not _plain(value):
            log.debug("%s: no setter for %r", type(obj).__name__, key)
            continue
        try:
            setter(*value) if isinstance(value, (list, tuple)) else setter(value)
        except (TypeError, ValueError) as exc:
            log.warning("%s.Set%s%s(%r) failed: %s", type(obj).__name__, key[0].upper(), key[1:], value, exc)


def _plain(value: Any) -> bool:
    if isinstance(value, (bool, int, float, str)):
        return True
    return isinstance(value, (list, tuple)) and len(value) <= 16 and all(
        isinstance(v, (bool, int, float)) for v in value)


class _Declared(AbstractElement):
    """A declarative child: keeps its property arguments for the pipeline, renders nothing visible."""

    PROPS: tuple[str, ...] = ()
    _PY_ATTRS = frozenset({"algorithm", "dataset", "name", "view", "actor", "mapper"})

    def __setattr__(self, name: str, value: Any) -> None:
        # Python-side attributes, not HTML attributes (AbstractElement turns the rest into those).
        if name in self._PY_ATTRS:
            self.__dict__[name] = value
        else:
            super().__setattr__(name, value)

    def __init__(self, tag: str, children: Any = None, **kwargs: Any) -> None:
        self._props: dict[str, Any] = {}
        defaults = []
        for name in self.PROPS:
            camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)
            value = kwargs.pop(name, kwargs.pop(camel, _MISSING))
            if value is _MISSING:
                continue
            if isinstance(value, tuple):
                # ("key", default) declares the key, as trame's bound attributes do.
                if len(value) > 1 and isinstance(value[0], str) and value[0].isidentifier():
                    defaults.append((value[0], value[1]))
                value = compile_expr(value[0]) if isinstance(value[0], str) else value[0]
            self._props[name] = value
        super().__init__(tag, children, **kwargs)
        self._defaults.extend(defaults)
        self.attributes["hidden"] = True

    def prop(self, name: str, ctx: Context | None) -> Any:
        """The value of *name*: a literal, or its expression evaluated in *ctx*."""
        value = self._props.get(name)
        if value is not None and hasattr(value, "evaluate"):
            if ctx is None:
                return None
            try:
                return _to_python(value.evaluate(ctx))
            except ExpressionError as exc:
                log.warning("%s=%r: %s", name, getattr(value, "source", value), exc)
                return None
        return value

    def source(self) -> Any:
        """The VTK object feeding this node's parent (algorithm or data object), or None."""
        return None


def _to_python(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _to_python(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_python(v) for v in value]
    return value if isinstance(value, (bool, int, float, str, type(None))) else None


def _input_of(el: AbstractElement) -> _Declared | None:
    for child in el.children:
        if isinstance(child, (VtkAlgorithm, VtkPolyData, VtkMesh)):
            return child
    return None


class VtkAlgorithm(_Declared):
    """``VtkAlgorithm(vtk_class="vtkConeSource", state={...})``; a nested algorithm or dataset is its input."""

    PROPS = ("vtk_class", "state", "port")

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        super().__init__("vtk-algorithm", children, **kwargs)
        cls = self._props.get("vtk_class")
        if not isinstance(cls, str):
            raise TypeError("VtkAlgorithm needs vtk_class='vtkSomeSource' (a fixed class name)")
        self.algorithm = vtk_class(cls)()

    def sync(self, ctx: Context | None) -> None:
        """Apply ``state`` and connect the input."""
        upstream = _input_of(self)
        if upstream is not None:
            upstream.sync(ctx)
            _connect(self.algorithm, upstream)
        apply_props(self.algorithm, self.prop("state", ctx))

    def source(self) -> Any:
        return self.algorithm


class VtkPolyData(_Declared):
    """``VtkPolyData(name, dataset=polydata)``, or ``points=``/``polys=``/``lines=``/``verts=`` arrays."""

    PROPS = ("points", "polys", "lines", "verts", "strips", "connectivity", "port")

    def __init__(self, name: str = "", children: Any = None, dataset: Any = None, **kwargs: Any) -> None:
        super().__init__("vtk-polydata", children, **kwargs)
        self.name = name
        self.dataset = dataset
        self.view: VtkView | None = None
        if dataset is None:
            from vtkmodules.vtkCommonDataModel import vtkPolyData

            self.dataset = vtkPolyData()
            self._arrays = True
        else:
            self._arrays = False

    def set_dataset(self, dataset: Any) -> None:
        """Show another dataset."""
        self.dataset = dataset
        self.update()

    def update(self, **kwargs: Any) -> None:
        """The dataset changed: render every view showing it again."""
        self.dataset.Modified()
        view = self.view
        if view is not None:
            view.update()

    def sync(self, ctx: Context | None) -> None:
        """Build the dataset from the array arguments (when there is no ``dataset=``)."""
        if self._arrays:
            _fill_polydata(self.dataset, {k: self.prop(k, ctx) for k in self.PROPS})
        for child in self.children:
            if isinstance(child, (VtkPointData, VtkCellData)):
                child.fill(self.dataset, ctx)

    def source(self) -> Any:
        return self.dataset


class VtkMesh(VtkPolyData):
    """``VtkMesh(name, dataset=any_vtk_dataset)``; ``update()`` after changing it."""

    def __init__(self, name: str = "", dataset: Any = None, field_to_keep: Any = None,
                 point_arrays: Any = None, cell_arrays: Any = None, **kwargs: Any) -> None:
        super().__init__(name, dataset=dataset, **kwargs)
        self.tagname = "vtk-mesh"


class _Attributes(_Declared):
    """Point or cell arrays of the enclosing VtkPolyData."""

    def fill(self, dataset: Any, ctx: Context | None) -> None:
        """Add the child ``VtkDataArray``s to *dataset*'s point or cell data."""
        data = dataset.GetPointData() if isinstance(self, VtkPointData) else dataset.GetCellData()
        for child in self.children:
            if isinstance(child, VtkDataArray):
                child.add_to(data, ctx)


class VtkPointData(_Attributes):
    """Point arrays: ``with VtkPointData(): VtkDataArray(name=..., values=...)``."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        super().__init__("vtk-point-data", children, **kwargs)


class VtkCellData(_Attributes):
    """Cell arrays: ``with VtkCellData(): VtkDataArray(name=..., values=...)``."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        super().__init__("vtk-cell-data", children, **kwargs)


class VtkDataArray(_Declared):
    """``VtkDataArray(name="temp", values=(...), number_of_components=1, registration="setScalars")``."""

    PROPS = ("name", "values", "number_of_components", "registration", "type")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("vtk-data-array", **kwargs)

    def add_to(self, data: Any, ctx: Context | None) -> None:
        """Put this array into *data* (point or cell data)."""
        from vtkmodules.vtkCommonCore import vtkFloatArray

        values = self.prop("values", ctx) or []
        arr = vtkFloatArray()
        arr.SetName(str(self.prop("name", ctx) or "array"))
        arr.SetNumberOfComponents(int(self.prop("number_of_components", ctx) or 1))
        for v in values:
            arr.InsertNextValue(float(v) if isinstance(v, (int, float)) else 0.0)
        data.AddArray(arr)
        if self.prop("registration", ctx) == "setScalars":
            data.SetActiveScalars(arr.GetName())


def _fill_polydata(poly: Any, props: dict) -> None:
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkCellArray

    flat = [float(v) for v in (props.get("points") or []) if isinstance(v, (int, float))]
    points = vtkPoints()
    for i in range(0, len(flat) - 2, 3):
        points.InsertNextPoint(flat[i], flat[i + 1], flat[i + 2])
    poly.SetPoints(points)
    n = points.GetNumberOfPoints()
    auto = props.get("connectivity")
    cells = {"verts": props.get("verts"), "lines": props.get("lines"), "polys": props.get("polys"),
             "strips": props.get("strips")}
    if auto == "points":
        cells["verts"] = [x for i in range(n) for x in (1, i)]
    elif auto == "triangles":
        cells["polys"] = [x for i in range(0, n - 2, 3) for x in (3, i, i + 1, i + 2)]
    for kind, flat_cells in cells.items():
        arr = vtkCellArray()
        values = [int(v) for v in (flat_cells or []) if isinstance(v, (int, float))]
        i = 0
        while i < len(values):
            size = values[i]
            ids = values[i + 1:i + 1 + size]
            if size <= 0 or len(ids) < size or any(not 0 <= j < n for j in ids):
                break  # malformed cells: keep what came before
            arr.InsertNextCell(size, ids)
            i += 1 + size
        getattr(poly, "Set" + kind.capitalize())(arr)
    poly.Modified()


def _connect(consumer: Any, upstream: _Declared) -> None:
    src = upstream.source()
    if src is None:
        return
    if hasattr(src, "GetOutputPort"):
        if consumer.GetInputConnection(0, 0) is not src.GetOutputPort():
            consumer.SetInputConnection(src.GetOutputPort())
    elif consumer.GetInputDataObject(0, 0) is not src:
        consumer.SetInputData(src)


class VtkGeometryRepresentation(_Declared):
    """An actor: ``VtkGeometryRepresentation(actor={...}, mapper={...}, property={...})`` around its input."""

    PROPS = ("actor", "mapper", "property", "color_map_preset", "color_data_range", "id")

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        from vtkmodules.vtkRenderingCore import vtkActor, vtkDataSetMapper

        super().__init__("vtk-geometry-representation", children, **kwargs)
        self.mapper = vtkDataSetMapper()
        self.actor = vtkActor()
        self.actor.SetMapper(self.mapper)

    def sync(self, ctx: Context | None) -> None:
        """Connect the input and apply the property dicts."""
        upstream = _input_of(self)
        if upstream is not None:
            upstream.sync(ctx)
            _connect(self.mapper, upstream)
        apply_props(self.actor, self.prop("actor", ctx))
        apply_props(self.mapper, self.prop("mapper", ctx))
        apply_props(self.actor.GetProperty(), self.prop("property", ctx))
        rng = self.prop("color_data_range", ctx)
        if isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, (int, float)) for v in rng):
            self.mapper.SetScalarRange(*rng)


class VtkView(ServedView):
    """``VtkView(ref="view", background=[r, g, b])``: a view whose scene is its children."""

    def __init__(self, children: Any = None, ref: str = "view", background: Any = None, **kwargs: Any) -> None:
        from . import _vtk

        _vtk.require()
        from vtkmodules.vtkRenderingCore import vtkRenderer, vtkRenderWindow

        self.vtk_renderer = vtkRenderer()
        bg = background[0] if isinstance(background, tuple) else background
        if isinstance(bg, (list, tuple)) and len(bg) == 3:
            self.vtk_renderer.SetBackground(*bg)
        window = vtkRenderWindow()
        window.AddRenderer(self.vtk_renderer)
        super().__init__(window, ref=ref, **kwargs)
        if children is not None:
            self.add_children(children)
        self._actors: dict[int, Any] = {}
        self._stale = True  # re-evaluate the children's expressions before the next frame
        self._watched: set[str] = set()
        self._sync_lock = threading.Lock()
        self._first = True
        self.renderer.before_render = self._sync

    def _reps(self) -> list[VtkGeometryRepresentation]:
        return [el for el in self.walk() if isinstance(el, VtkGeometryRepresentation)]

    def _sync(self) -> None:
        """Bring the VTK pipeline in line with the children (render thread, state lock held)."""
        reps = self._reps()
        if not self._stale and set(self._actors) == {id(r) for r in reps}:
            return
        self._stale = False
        for el in self.walk():
            if isinstance(el, VtkPolyData):
                el.view = self
        read: set[str] = set()
        ctx = self._context(read)
        for rep in reps:
            rep.sync(ctx)
            if id(rep) not in self._actors:
                self._actors[id(rep)] = rep.actor
                self.vtk_renderer.AddActor(rep.actor)
        for key in [k for k in self._actors if k not in {id(r) for r in reps}]:
            self.vtk_renderer.RemoveActor(self._actors.pop(key))
        if self._first and reps:
            self._first = False
            self.vtk_renderer.ResetCamera()
        new = read - self._watched
        if new:
            self._watched |= new
            self._state.change(*sorted(new))(self._changed)

    def _changed(self, **kwargs: Any) -> None:
        self._stale = True
        self.renderer.request("still")

    def _context(self, read: set[str]) -> Context:
        state = self._state

        def lookup(name: str) -> Any:
            read.add(name)
            if name in state:
                return state[name]
            raise KeyError(name)

        return Context(lookup=lookup)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Re-read the children (a dataset changed) and render."""
        self._stale = True
        super().update(*args, **kwargs)

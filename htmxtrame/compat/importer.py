"""An import hook: ``trame``, ``trame_server``, ``trame_client``, ``trame_vuetify``,
``trame_vtk``, ``trame_pyvista``, ``trame_vtklocal`` and the plugin packages
htmxtrame implements (``trame_router``, ``trame_components``,
``trame_matplotlib``) module names resolve to htmxtrame's modules.

``htmxtrame run app.py`` installs it before running the app, so a file
written against trame (``from trame.app import get_server``, ``from
trame.widgets import vuetify3``...) runs with no edit. The alias *is* the
htmxtrame module (``trame.app is htmxtrame.app``): its ``__spec__`` stays the
real one, because Flask (``find_package``) and importlib read it. A name
htmxtrame has no counterpart for fails at import with an error that names
the missing piece and what to use instead.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

PREFIXES = (
    "trame", "trame_server", "trame_client", "trame_vuetify", "trame_vtk", "trame_pyvista", "trame_vtklocal",
    # plugins whose widgets/ui modules htmxtrame has under the same names
    # (trame_router.ui.router is trame.ui.router)
    "trame_router", "trame_components", "trame_matplotlib",
)
# Where a prefix's modules live when not under "htmxtrame." itself: trame-vtk's
# own modules (its serializer switches) are accepted by a small package here;
# trame-pyvista (which pyvista.trame imports) by another; trame-vtklocal's by a third.
HOMES = {
    "trame_vtk": "htmxtrame.compat.trame_vtk", "trame_pyvista": "htmxtrame.compat.trame_pyvista",
    "trame_vtklocal": "htmxtrame.compat.trame_vtklocal",
}

# Names whose htmxtrame module is not the same path under "htmxtrame.".
RENAMES = {
    "trame_server.core": "htmxtrame.server",
    "trame_server.state": "htmxtrame.state",
    "trame_server.controller": "htmxtrame.controller",
    "trame_server.utils": "htmxtrame.app",  # for `from trame_server.utils import asynchronous`
    "trame_server.utils.asynchronous": "htmxtrame.app.asynchronous",
    "trame_server.utils.hot_reload": "htmxtrame.hot_reload",
    "trame.app.asynchronous": "htmxtrame.app.asynchronous",
    "trame_client.widgets.core": "htmxtrame.elements",
    "trame.widgets.core": "htmxtrame.elements",
}

# What to use when htmxtrame lacks a trame module.
HINTS = {
    "trame.widgets.paraview": "render on the server and show the image with html.Img",
    "trame.widgets.plotly": "render the figure to HTML or an image on the server (html.Div(v_html=...) or html.Img)",
    "trame.widgets.vega": "render the chart to SVG on the server and show it with html.Div(v_html=...)",
    "trame.widgets.markdown": "convert the text to HTML on the server and show it with html.Div(v_html=...)",
    "trame.tools": "htmxtrame run app.py (hot reload: --hot-reload)",
    "trame.modules": "server.enable_module(...) with a module object of your own",
}


class MissingTrameModule(ModuleNotFoundError):
    """A trame module htmxtrame has no counterpart for."""


def target_name(name: str) -> str | None:
    """The htmxtrame module a trame-side module *name* maps to (``None``: not a trame name)."""
    candidates = target_names(name)
    return candidates[0] if candidates else None


def target_names(name: str) -> list[str]:
    """Where to look, in order: the same path under ``htmxtrame``, then a known rename."""
    head = name.split(".", 1)[0]
    if head not in PREFIXES:
        return []
    same = HOMES.get(head, "htmxtrame") + name[len(head):]
    return [same, RENAMES[name]] if name in RENAMES else [same]


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def _missing(name: str, target: str) -> MissingTrameModule:
    hint = next((h for key, h in HINTS.items() if name == key or name.startswith(key + ".")), None)
    parent = target.rsplit(".", 1)[0]
    siblings = ""
    try:
        pkg = importlib.import_module(parent)
        if hasattr(pkg, "__path__"):
            import pkgutil

            found = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
            siblings = f" Available beside it: {', '.join(found)}."
    except ImportError:
        pass
    text = f"htmxtrame has no equivalent of trame's '{name}' (it would be '{target}')."
    text += f" Use instead: {hint}." if hint else siblings
    # No name=: `from trame.widgets import x` imports "htmxtrame.widgets.x"
    # and would swallow an error named so as "no submodule, try the attribute".
    return MissingTrameModule(text)


class _AliasLoader(importlib.abc.Loader):
    """Hands out the already-imported htmxtrame module under the trame name."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        # importlib set __spec__ to the alias spec on the shared module; the
        # htmxtrame module keeps its own (Flask and reload() read it).
        module.__spec__ = self.spec


class TrameFinder(importlib.abc.MetaPathFinder):
    """The meta path finder behind :func:`install`."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None, target: Any = None) -> Any:
        candidates = target_names(fullname)
        if not candidates:
            return None
        # A module htmxtrame has under trame's own path wins over a rename.
        real = next((c for c in candidates if _exists(c)), candidates[-1])
        try:
            module = importlib.import_module(real)
        except ModuleNotFoundError as exc:
            if exc.name is not None and (exc.name == real or real.startswith(exc.name + ".")):
                raise _missing(fullname, real) from None
            raise
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module), is_package=hasattr(module, "__path__"))


class _MissingFinder(importlib.abc.MetaPathFinder):
    """Last on the meta path: a submodule of htmxtrame's trame-shaped packages
    that nobody found. ``from trame.widgets import vtk`` asks for
    ``htmxtrame.widgets.vtk`` (the alias is the htmxtrame package), so the
    clear error has to come from here."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None, target: Any = None) -> Any:
        # Only a module of those packages (vuetify3.VFoo is a class name: Python's own error).
        if fullname.count(".") == 2 and fullname.startswith(("htmxtrame.widgets.", "htmxtrame.ui.", "htmxtrame.app.")):
            raise _missing("trame" + fullname[len("htmxtrame"):], fullname)
        return None


_finder = TrameFinder()
_last = _MissingFinder()


def install() -> None:
    """Make ``trame.*`` (and trame_server/client/vuetify) imports resolve to htmxtrame."""
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
        sys.meta_path.append(_last)


def uninstall() -> None:
    """Undo :func:`install` and forget the aliases imported so far."""
    for finder in (_finder, _last):
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
    for name in [n for n in sys.modules if target_name(n) is not None]:
        del sys.modules[name]


def installed() -> bool:
    """True while the hook is active."""
    return _finder in sys.meta_path

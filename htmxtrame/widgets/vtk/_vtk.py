"""Loading VTK lazily, and picking an off-screen OpenGL window that works here.

VTK is an optional extra: nothing imports it until a view is built. With no
X display, VTK's wheel can render through EGL (``libEGL``) or OSMesa
(``libOSMesa``); unless the operator chose one with
``VTK_DEFAULT_OPENGL_WINDOW``, we choose the first whose library is present,
so VTK does not first try X and log a warning.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from typing import Any

INSTALL_HINT = "pip install htmxtrame[vtk]"
_WINDOWS = (("EGL", "vtkEGLRenderWindow"), ("OSMesa", "vtkOSOpenGLRenderWindow"))


class VtkUnavailable(ImportError):
    """VTK (or an OpenGL library to render off-screen with) is missing."""


def choose_offscreen_window() -> str | None:
    """Set ``VTK_DEFAULT_OPENGL_WINDOW`` for a display-less Linux; return what is used."""
    chosen = os.environ.get("VTK_DEFAULT_OPENGL_WINDOW")
    if chosen or not sys.platform.startswith("linux") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return chosen
    for lib, window in _WINDOWS:
        if ctypes.util.find_library(lib):
            os.environ["VTK_DEFAULT_OPENGL_WINDOW"] = window
            return window
    return None


def require() -> None:
    """Import VTK's rendering modules, or raise :class:`VtkUnavailable` saying what to install."""
    choose_offscreen_window()
    try:
        import vtkmodules.vtkIOImage  # noqa: F401 - JPEG/PNG writers
        import vtkmodules.vtkRenderingCore  # noqa: F401
        import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 - registers the OpenGL render window
    except ImportError as exc:
        raise VtkUnavailable(
            f"htmxtrame.widgets.vtk needs VTK: {INSTALL_HINT} (VTK's wheel from PyPI; "
            f"import failed: {exc})"
        ) from exc


def check_window(window: Any) -> None:
    """Raise a clear error when *window* cannot render off-screen here."""
    if not callable(getattr(window, "Render", None)) or not callable(getattr(window, "GetRenderers", None)):
        raise TypeError(
            f"a VTK view takes a vtkRenderWindow (or a pyvista Plotter's ren_win), got {type(window).__name__}"
        )
    if os.environ.get("VTK_DEFAULT_OPENGL_WINDOW") is None and sys.platform.startswith("linux") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise VtkUnavailable(
            "no display and neither libEGL nor libOSMesa was found to render off-screen; install one "
            "(Debian: apt-get install libegl1 or libosmesa6; scripts/setup.sh --test does it)"
        )

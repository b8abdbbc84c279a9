"""What ``trame_pyvista`` (PyVista's trame plugin) resolves to under the import hook.

pyvista 0.49's ``pyvista.trame`` imports ``trame_pyvista``; under
``htmxtrame run`` both land on :mod:`htmxtrame.widgets.pyvista` (docs/pyvista.md).
The Jupyter helpers are names that raise, saying what to do instead.
"""

from ...widgets.pyvista import (
    PyVistaLocalView,
    PyVistaRemoteLocalView,
    PyVistaRemoteView,
    get_viewer,
    plotter_ui,
)
from .jupyter import elegantly_launch, launch_server, show_trame

__version__ = "0.0.0+htmxtrame"

__all__ = [
    "PyVistaLocalView", "PyVistaRemoteLocalView", "PyVistaRemoteView", "__version__", "elegantly_launch",
    "get_viewer", "launch_server", "plotter_ui", "show_trame",
]

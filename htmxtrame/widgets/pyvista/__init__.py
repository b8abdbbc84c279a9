"""``htmxtrame.widgets.pyvista``: PyVista's trame views and ``plotter_ui``, rendered on the server.

What trame-pyvista (PyVista's trame plugin) provides, on htmxtrame's VTK
views: ``PyVistaRemoteView``, ``PyVistaLocalView`` and
``PyVistaRemoteLocalView`` take a ``pyvista.Plotter``; ``plotter_ui(plotter)``
adds PyVista's toolbar; ``get_viewer(plotter)`` is the object behind it.
Under ``htmxtrame run`` the names ``trame_pyvista``, ``pyvista.trame`` and
``trame.widgets.pyvista`` resolve here (docs/pyvista.md). Needs PyVista:
``pip install htmxtrame[pyvista]``; importing this module without it raises
an ImportError saying so.
"""

from ..vtk import _vtk
from ._pyvista import CLOSED_PLOTTER_ERROR, INSTALL_HINT, PyVistaUnavailable, require

_vtk.choose_offscreen_window()  # before pyvista makes any render window
require()

from .ui import UI_TITLE, get_viewer, plotter_ui  # noqa: E402
from .viewer import Viewer  # noqa: E402
from .views import PyVistaLocalView, PyVistaRemoteLocalView, PyVistaRemoteView  # noqa: E402

__all__ = [
    "CLOSED_PLOTTER_ERROR", "INSTALL_HINT", "PyVistaLocalView", "PyVistaRemoteLocalView", "PyVistaRemoteView",
    "PyVistaUnavailable", "UI_TITLE", "Viewer", "get_viewer", "plotter_ui",
]

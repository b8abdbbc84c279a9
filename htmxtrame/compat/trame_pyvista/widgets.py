"""``trame_pyvista.widgets``: the three views (see :mod:`htmxtrame.widgets.pyvista.views`)."""

from ...app import get_server
from ...widgets.pyvista import CLOSED_PLOTTER_ERROR
from ...widgets.pyvista.views import PyVistaLocalView, PyVistaRemoteLocalView, PyVistaRemoteView
from ...widgets.pyvista.views import PyVistaViewMixin as _BasePyVistaView

__all__ = ["CLOSED_PLOTTER_ERROR", "PyVistaLocalView", "PyVistaRemoteLocalView", "PyVistaRemoteView",
           "_BasePyVistaView", "get_server"]

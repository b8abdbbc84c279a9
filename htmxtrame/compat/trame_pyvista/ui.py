"""``trame_pyvista.ui``: ``plotter_ui``, ``get_viewer`` (see :mod:`htmxtrame.widgets.pyvista.ui`)."""

from ...widgets.pyvista.ui import UI_TITLE, get_viewer, plotter_ui
from ...widgets.pyvista.viewer import Viewer

__all__ = ["UI_TITLE", "Viewer", "get_viewer", "plotter_ui"]

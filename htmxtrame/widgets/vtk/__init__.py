"""``htmxtrame.widgets.vtk``: trame-vtk's views, rendered on the server.

VTK renders off-screen in the server process; the page shows the frames and
sends pointer input back (docs/vtk.md). Needs VTK: ``pip install
htmxtrame[vtk]``; importing this module without it raises an ImportError
saying so.
"""

from ._vtk import INSTALL_HINT, VtkUnavailable, require

require()

from ... import extensions  # noqa: E402 - only once VTK is known to be there
from . import channel  # noqa: E402
from .declarative import (  # noqa: E402
    VtkAlgorithm,
    VtkCellData,
    VtkDataArray,
    VtkGeometryRepresentation,
    VtkMesh,
    VtkPointData,
    VtkPolyData,
    VtkView,
)
from .views import ServedView, VtkLocalView, VtkRemoteLocalView, VtkRemoteView  # noqa: E402

extensions.register("vtk", channel.serve)


def initialize(server: object) -> None:
    """trame enables trame-vtk's client module here; the views need nothing more in htmxtrame."""
    return None


__all__ = [
    "INSTALL_HINT", "ServedView", "VtkAlgorithm", "VtkCellData", "VtkDataArray", "VtkGeometryRepresentation",
    "VtkLocalView", "VtkMesh", "VtkPointData", "VtkPolyData", "VtkRemoteLocalView", "VtkRemoteView",
    "VtkUnavailable", "VtkView", "initialize",
]

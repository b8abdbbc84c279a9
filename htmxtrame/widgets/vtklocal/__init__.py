"""``htmxtrame.widgets.vtklocal``: trame-vtklocal's ``LocalView``, rendered on the server.

trame-vtklocal mirrors a ``vtkRenderWindow`` into the browser with VTK.wasm;
htmxtrame has no WebAssembly front end, so ``LocalView(render_window, ...)``
shows the window as frames VTK renders on the server, interactive with the
pointer like :class:`~htmxtrame.widgets.vtk.VtkRemoteView` (docs/vtk.md).
Under ``htmxtrame run`` the names ``trame.widgets.vtklocal`` and
``trame_vtklocal.*`` resolve here. Needs VTK: ``pip install htmxtrame[vtk]``.
"""

from ..vtk import INSTALL_HINT, VtkUnavailable  # noqa: F401 - imports VTK or says how to install it
from .throttle import Throttle
from .view import WASM_ONLY, LocalView


def initialize(server: object) -> None:
    """trame enables trame-vtklocal's client module here; the server-rendered view needs nothing."""
    return None


__all__ = ["INSTALL_HINT", "LocalView", "Throttle", "VtkUnavailable", "WASM_ONLY", "initialize"]

"""``trame_vtklocal.widgets.vtklocal``: :class:`~htmxtrame.widgets.vtklocal.LocalView`."""

from ....widgets.vtklocal import LocalView, initialize

__all__ = ["LocalView", "initialize"]

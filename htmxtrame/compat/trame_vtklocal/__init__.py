"""What ``trame_vtklocal`` (trame-vtklocal's own package) resolves to under the import hook.

Apps import ``trame_vtklocal.widgets.vtklocal`` (or ``trame.widgets.vtklocal``)
and enable ``trame_vtklocal.module``; both land on
:mod:`htmxtrame.widgets.vtklocal`, which renders on the server (docs/vtk.md).
"""

__version__ = "0.0.0+htmxtrame"

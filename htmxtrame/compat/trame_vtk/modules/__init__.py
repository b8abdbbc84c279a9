"""``trame_vtk.modules``: see :mod:`htmxtrame.compat.trame_vtk.modules.vtk.serializers`."""

"""``trame_vtk.modules.vtk``: see :mod:`.serializers`."""

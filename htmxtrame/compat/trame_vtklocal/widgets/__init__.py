"""``trame_vtklocal.widgets``: see :mod:`.vtklocal`."""

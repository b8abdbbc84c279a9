"""What ``trame_vtk`` (trame-vtk's own package) resolves to under the import hook.

Only the switches apps flip at start-up are here; the widgets themselves are
``trame.widgets.vtk`` (:mod:`htmxtrame.widgets.vtk`).
"""

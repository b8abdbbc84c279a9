"""``trame_vtklocal.module``: trame's client module for VTK.wasm; nothing to serve here.

``server.enable_module(module)`` accepts it and adds nothing: the view is
rendered on the server.
"""

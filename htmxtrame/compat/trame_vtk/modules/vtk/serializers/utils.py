"""``trame_vtk.modules.vtk.serializers.utils``: ``reference_id``, trame-vtk's id of a VTK object.

The id a local view's pick reports as ``remoteId``; the views' own
``get_scene_object_id`` gives the same (:mod:`htmxtrame.widgets.vtk.picking`).
"""

from __future__ import annotations

from typing import Any


def reference_id(ref: Any) -> str:
    """The id trame-vtk gives *ref* (16 hex digits of its address; ``"0x0"`` for none)."""
    from htmxtrame.widgets.vtk.picking import reference_id as _reference_id  # needs VTK only when used

    return _reference_id(ref)

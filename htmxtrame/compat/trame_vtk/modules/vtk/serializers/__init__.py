"""``trame_vtk.modules.vtk.serializers``: the switches of trame-vtk's scene serializer.

In trame they tune how a local view ships the VTK scene to vtk.js in the
browser (lookup tables sent as images, lights left out). htmxtrame renders
every view on the server and ships pictures, so there is nothing to tune:
the calls are accepted and change nothing. Like trame, options other than
these two are ignored.
"""

from __future__ import annotations

from typing import Any


def configure_serializer(**options: Any) -> None:
    """Accepted: ``configure_serializer(encode_lut=True, skip_light=True)``; no effect here."""


def encode_lut(value: bool = True) -> None:
    """Accepted: ``encode_lut(True)``; no effect here (lookup tables are drawn on the server)."""


def skip_light(value: bool = True) -> None:
    """Accepted: ``skip_light(True)``; no effect here (the server's lights light the picture)."""

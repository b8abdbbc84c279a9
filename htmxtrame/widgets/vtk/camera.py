"""Camera moves from pointer input, as VTK's trackball-camera interactor style does.

Coordinates are CSS pixels of the view on the page, y down; *size* is the
view's CSS size on that page. Every move works on the first renderer's
active camera and resets the clipping range, so nothing is cut off.
"""

from __future__ import annotations

import math
from typing import Any

MOTION_FACTOR = 10.0  # VTK's vtkInteractorStyleTrackballCamera::MotionFactor


def renderer_of(window: Any) -> Any:
    """The first renderer of *window* (the one interaction moves)."""
    renderer = window.GetRenderers().GetFirstRenderer()
    if renderer is None:
        raise ValueError("the render window has no renderer; add one with window.AddRenderer(renderer)")
    return renderer


def rotate(renderer: Any, dx: float, dy: float, size: tuple[int, int]) -> None:
    """Turn the camera around its focal point: *dx*, *dy* pixels of drag."""
    cam = renderer.GetActiveCamera()
    w, h = max(size[0], 1), max(size[1], 1)
    cam.Azimuth(-20.0 / w * dx * MOTION_FACTOR)
    cam.Elevation(20.0 / h * dy * MOTION_FACTOR)  # page y grows downwards
    cam.OrthogonalizeViewUp()
    renderer.ResetCameraClippingRange()


def zoom(renderer: Any, factor: float) -> None:
    """Move towards the focal point by *factor* (> 1 closer), as VTK's Dolly."""
    factor = min(max(factor, 0.1), 10.0)
    cam = renderer.GetActiveCamera()
    if cam.GetParallelProjection():
        cam.SetParallelScale(cam.GetParallelScale() / factor)
    else:
        cam.Dolly(factor)
    renderer.ResetCameraClippingRange()


def drag_zoom(renderer: Any, dy: float, size: tuple[int, int]) -> None:
    """Right drag: up zooms in, down zooms out."""
    zoom(renderer, 1.1 ** (MOTION_FACTOR * -dy / max(size[1] / 2, 1)))


def wheel_zoom_factor(delta_y: float) -> float:
    """A wheel notch (deltaY ±100) zooms by 1.1² as in VTK; scrolling up zooms in."""
    return 1.1 ** (-max(min(delta_y, 1000.0), -1000.0) / 50.0)


def pan(renderer: Any, dx: float, dy: float, size: tuple[int, int]) -> None:
    """Slide the scene with the pointer: *dx*, *dy* pixels."""
    cam = renderer.GetActiveCamera()
    pos, fp, up = cam.GetPosition(), cam.GetFocalPoint(), cam.GetViewUp()
    h = max(size[1], 1)
    if cam.GetParallelProjection():
        scale = 2.0 * cam.GetParallelScale() / h
    else:
        scale = 2.0 * cam.GetDistance() * math.tan(math.radians(cam.GetViewAngle()) / 2.0) / h
    d = [f - p for f, p in zip(fp, pos, strict=True)]
    right = _normalized(_cross(d, up))
    up = _normalized(up)
    shift = [(-dx * r + dy * u) * scale for r, u in zip(right, up, strict=True)]
    cam.SetPosition(*(p + s for p, s in zip(pos, shift, strict=True)))
    cam.SetFocalPoint(*(f + s for f, s in zip(fp, shift, strict=True)))
    renderer.ResetCameraClippingRange()


def reset(renderer: Any) -> None:
    """Fit the scene along the current view direction (VTK's ResetCamera)."""
    renderer.ResetCamera()


def _cross(a: list, b: tuple) -> list:
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]


def _normalized(v: Any) -> list:
    n = math.sqrt(sum(c * c for c in v)) or 1.0
    return [c / n for c in v]

"""Loading PyVista lazily, with an error that says how to install it."""

from __future__ import annotations

from typing import Any

INSTALL_HINT = "pip install htmxtrame[pyvista]"


class PyVistaUnavailable(ImportError):
    """PyVista (or VTK under it) is not installed."""


def require() -> Any:
    """Import and return ``pyvista``, or raise :class:`PyVistaUnavailable` saying what to install."""
    try:
        import pyvista
    except ImportError as exc:
        raise PyVistaUnavailable(
            f"htmxtrame.widgets.pyvista needs PyVista: {INSTALL_HINT} (PyVista and VTK from PyPI; "
            f"import failed: {exc})"
        ) from exc
    return pyvista


CLOSED_PLOTTER_ERROR = (
    "this plotter's render window is closed (show() or close() was called on it): build the view "
    "from a plotter that is still open"
)

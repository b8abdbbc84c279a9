"""``trame_pyvista.jupyter``: showing a plotter in a notebook, which htmxtrame does not do.

The names exist (``pyvista.trame`` imports them) and raise
:class:`JupyterUnavailable` when used, saying what to do instead.
"""

from __future__ import annotations

from typing import Any, NoReturn

HINT = (
    "is trame-pyvista's Jupyter display, which htmxtrame does not provide: build the page with "
    "plotter_ui(plotter) in a layout and serve it with `htmxtrame run app.py`"
)


class JupyterUnavailable(NotImplementedError):
    """A trame-pyvista notebook helper was called."""


class TrameServerDownError(RuntimeError):
    """trame-pyvista's error for a server that is not running (never raised here)."""


class TrameJupyterServerDownError(RuntimeError):
    """trame-pyvista's error for a Jupyter server proxy that is down (never raised here)."""


def _refuse(name: str) -> NoReturn:
    raise JupyterUnavailable(f"{name}() {HINT}")


def show_trame(*args: Any, **kwargs: Any) -> NoReturn:
    """Refused: see :data:`HINT`."""
    _refuse("show_trame")


def launch_server(*args: Any, **kwargs: Any) -> NoReturn:
    """Refused: see :data:`HINT`."""
    _refuse("launch_server")


def elegantly_launch(*args: Any, **kwargs: Any) -> NoReturn:
    """Refused: see :data:`HINT`."""
    _refuse("elegantly_launch")


def initialize(*args: Any, **kwargs: Any) -> NoReturn:
    """Refused: see :data:`HINT`."""
    _refuse("initialize")


def build_url(*args: Any, **kwargs: Any) -> NoReturn:
    """Refused: see :data:`HINT`."""
    _refuse("build_url")


class Widget:
    """trame-pyvista's notebook widget: refused when made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _refuse(type(self).__name__)


class EmbeddableWidget(Widget):
    """trame-pyvista's embeddable notebook widget: refused when made."""


__all__ = [
    "EmbeddableWidget", "JupyterUnavailable", "TrameJupyterServerDownError", "TrameServerDownError", "Widget",
    "build_url", "elegantly_launch", "initialize", "launch_server", "show_trame",
]

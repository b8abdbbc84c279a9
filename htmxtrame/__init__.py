"""htmxtrame: trame's Python API, rendered on the server and swapped in by htmx.

The public API mirrors trame's modules: ``htmxtrame.app`` (``get_server``,
``asynchronous``), ``htmxtrame.widgets.html``, ``htmxtrame.ui.html`` /
``htmxtrame.ui.vuetify3``. The names below are re-exported for convenience.
"""

from .controller import Controller, FunctionNotImplementedError
from .server import Server, get_server
from .state import State

__version__ = "0.1.0"

__all__ = ["Controller", "FunctionNotImplementedError", "Server", "State", "get_server"]

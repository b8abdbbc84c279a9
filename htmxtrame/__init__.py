"""htmxtrame: trame's Python API, rendered on the server and swapped in by htmx.

The public API mirrors trame's modules: ``htmxtrame.app`` (``get_server``,
``asynchronous``), ``htmxtrame.widgets.html``, ``htmxtrame.ui.html`` /
``htmxtrame.ui.vuetify3``. The names below are re-exported for convenience.
"""

from .controller import Controller, FunctionNotImplementedError
from .scopes.serve import serve_per_session
from .server import Server, get_server
from .state import State

__version__ = "0.1.0"

__all__ = ["Controller", "FunctionNotImplementedError", "Server", "State", "get_server", "logout_sessions", "serve_per_session"]


def logout_sessions(match=None, reason: str = "logged out") -> int:  # type: ignore[no-untyped-def]
    """Close the open app pages of a user (see :func:`htmxtrame.transport.auth.logout_sessions`)."""
    from .transport.auth import logout_sessions as close

    return close(match, reason)

"""``trame_server.utils.asynchronous``'s names (also ``htmxtrame.app.asynchronous``)."""

from ..app.asynchronous import *  # noqa: F403 - the same public names
from ..app.asynchronous import __all__  # noqa: F401

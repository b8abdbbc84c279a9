"""``htmxtrame.app``: the entry points trame apps import from ``trame.app``."""

from ..server import Server, get_server
from . import asynchronous

__all__ = ["Server", "asynchronous", "get_server"]

"""``htmxtrame.app``: the entry points trame apps import from ``trame.app``."""

from ..files import ClientFile, Download
from ..server import Server, get_server
from . import asynchronous
from .trame_app import TrameApp, TrameComponent

__all__ = ["ClientFile", "Download", "Server", "TrameApp", "TrameComponent", "asynchronous", "get_server"]

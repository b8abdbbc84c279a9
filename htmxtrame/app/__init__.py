"""``htmxtrame.app``: the entry points trame apps import from ``trame.app``."""

from ..files import ClientFile, Download
from ..pyclient import get_client
from ..server import Server, get_server
from . import asynchronous, file_upload
from .trame_app import TrameApp, TrameComponent

__all__ = [
    "ClientFile", "Download", "Server", "TrameApp", "TrameComponent", "asynchronous", "file_upload", "get_client",
    "get_server",
]

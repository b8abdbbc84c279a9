"""``htmxtrame.app``: the entry points trame apps import from ``trame.app``."""

from typing import NoReturn

from ..files import ClientFile, Download
from ..server import Server, get_server
from . import asynchronous, file_upload
from .trame_app import TrameApp, TrameComponent


def get_client(url: str | None = None, hot_reload: bool = False, **kwargs: object) -> NoReturn:
    """trame's Python client for a trame server's wslink protocol; htmxtrame servers do not speak it."""
    raise NotImplementedError(
        "get_client() connects to trame's wslink protocol, which htmxtrame servers do not speak. To drive an "
        "htmxtrame app from Python (tests, scripts), use htmxtrame.testing (a simulated page: set state, "
        "click, read what the page shows) or the server's own state and controller in the same process."
    )


__all__ = [
    "ClientFile", "Download", "Server", "TrameApp", "TrameComponent", "asynchronous", "file_upload", "get_client",
    "get_server",
]

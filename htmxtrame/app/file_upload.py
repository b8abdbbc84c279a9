"""``htmxtrame.app.file_upload``: where trame apps import ``ClientFile`` from."""

from ..files import ClientFile

__all__ = ["ClientFile"]

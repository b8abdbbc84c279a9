"""Mime types by file name, with overrides that survive ``mimetypes.init()`` (``trame.assets.mimetypes``)."""

from __future__ import annotations

import mimetypes as _mimetypes
from typing import Any

# Some platforms (Windows' registry) map .js wrongly; pages need the right type for scripts.
MIMETYPE_OVERRIDES: dict[str, str] = {"application/javascript": ".js"}


def _apply_overrides() -> None:
    for mime, ext in MIMETYPE_OVERRIDES.items():
        _mimetypes.add_type(mime, ext)


def _decorate_init() -> None:
    original = _mimetypes.init
    if getattr(original, "_htmxtrame_overrides", False):
        return

    def init(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        _apply_overrides()

    init._htmxtrame_overrides = True  # type: ignore[attr-defined]
    _mimetypes.init = init


def add_mimetype_override(type: str, ext: str) -> None:  # noqa: A002 - trame's parameter name
    """Map extension *ext* (``".vtp"``) to mime *type*, now and after any later ``mimetypes.init()``."""
    MIMETYPE_OVERRIDES[type] = ext
    _mimetypes.add_type(type, ext)


def to_mime(file_path: str) -> str | None:
    """The mime type guessed from *file_path*'s extension, or None."""
    return _mimetypes.guess_type(str(file_path))[0]


_decorate_init()
_apply_overrides()

__all__ = ["add_mimetype_override", "to_mime"]

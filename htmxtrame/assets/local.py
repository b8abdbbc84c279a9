"""Files shipped with an app, read as text, base64 or ``data:`` URLs (``trame.assets.local``)::

    assets = LocalFileManager(__file__)
    assets.url("logo", "./images/logo.png")
    html.Img(src=assets.logo)
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from .mimetypes import to_mime


def to_txt(full_path: str | Path) -> str:
    """The text content of the file."""
    return Path(full_path).read_text()


def to_base64(full_path: str | Path) -> str:
    """The file's bytes, base64-encoded."""
    return base64.b64encode(Path(full_path).read_bytes()).decode("ascii")


def to_url(full_path: str | Path) -> str:
    """The file as a ``data:<mime>;base64,...`` URL."""
    return f"data:{to_mime(str(full_path))};base64,{to_base64(full_path)}"


class LocalFileManager:
    """Reads files relative to *base_path* (a folder, or a file whose folder is used) and keeps them by key.

    ``manager.url("logo", "logo.png")`` stores and returns the content;
    ``manager.logo`` / ``manager["logo"]`` read it back (None if unknown).
    Passing only a path (``manager.url("logo.png")``) reads without storing.
    """

    def __init__(self, base_path: str | Path) -> None:
        base = Path(base_path)
        if base.is_file():
            base = base.parent
        self._root = base.resolve().absolute()
        self._assets: dict[str, str] = {}

    def __getitem__(self, name: str) -> str | None:
        return self._assets.get(name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.__dict__.get("_assets", {}).get(name)

    def _to_path(self, file_path: str | Path) -> Path:
        path = Path(file_path)
        return (path if path.is_absolute() else self._root / path).resolve().absolute()

    def _store(self, reader: Any, key: str | None, file_path: str | Path | None) -> str:
        if file_path is None:
            key, file_path = None, key
        if file_path is None:
            raise TypeError("give a file path: manager.url('logo', 'logo.png') or manager.url('logo.png')")
        data = reader(self._to_path(file_path))
        if key is not None:
            self._assets[key] = data
        return data

    def base64(self, key: str, file_path: str | Path | None = None) -> str:
        """The file base64-encoded, stored under *key*."""
        return self._store(to_base64, key, file_path)

    def url(self, key: str, file_path: str | Path | None = None) -> str:
        """The file as a ``data:`` URL, stored under *key*."""
        return self._store(to_url, key, file_path)

    def txt(self, key: str, file_path: str | Path | None = None) -> str:
        """The file's text, stored under *key*."""
        return self._store(to_txt, key, file_path)

    @property
    def assets(self) -> dict[str, str]:
        """Every stored content by key."""
        return self._assets

    def get_assets(self, *keys: str) -> dict[str, str | None]:
        """The stored contents of *keys* (all of them when none is given)."""
        if not keys:
            return dict(self._assets)
        return {key: self._assets.get(key) for key in keys}


__all__ = ["LocalFileManager", "to_base64", "to_mime", "to_txt", "to_url"]

"""A local file fetched on first use from a remote source (``trame.assets.remote``)::

    mesh = HttpFile("./data/mesh.vtp", "https://example.org/mesh.vtp", __file__)
    reader.SetFileName(mesh.path)   # downloads once, then reads the local copy

Unlike trame, a failed download raises (``OSError`` naming the URL) instead
of printing and handing back a path to a file that does not exist.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

CHUNK_SIZE = 32768
_TIMEOUT = 60


def _download(url: str, destination: str | Path) -> None:
    """Save *url* to *destination* (written to a temporary name first: a broken download leaves nothing)."""
    target = Path(destination)
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT) as response, partial.open("wb") as out:  # noqa: S310
            shutil.copyfileobj(response, out, CHUNK_SIZE)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OSError(f"could not download {url} to {target}: {exc}") from exc


def download_file_from_google_drive(id: str, destination: str | Path) -> None:  # noqa: A002 - trame's name
    """Save the Google Drive file *id* to *destination* (large files: the confirmation step is followed)."""
    base = "https://docs.google.com/uc?export=download"
    url = f"{base}&id={urllib.parse.quote(id)}"
    with urllib.request.urlopen(url, timeout=_TIMEOUT) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
    token = next((m.group(1) for c in cookies if (m := re.match(r"download_warning[^=]*=([^;]+)", c))), None)
    _download(f"{url}&confirm={urllib.parse.quote(token)}" if token else url, destination)


class AbstractRemoteFile:
    """A file at *local_path* (relative to *local_base*, a folder or a file in it; default: the working folder).

    Subclasses implement :meth:`fetch`; :attr:`path` fetches when the file is missing.
    """

    def __init__(self, local_path: str | Path | None = None, local_base: str | Path | None = None) -> None:
        if local_path is None:
            raise TypeError("a remote file needs local_path: where the downloaded copy lives")
        self._base = Path.cwd().resolve()
        if local_base is not None:
            base = Path(local_base).resolve()
            self._base = base.parent if base.is_file() else base
        self._file_path = Path(local_path)
        if not self._file_path.is_absolute():
            self._file_path = self._base / self._file_path
        self._file_path.parent.mkdir(parents=True, exist_ok=True)

    @property
    def local(self) -> bool:
        """True when the file is already on disk."""
        return self._file_path.exists()

    def fetch(self) -> None:
        """Bring the file to :attr:`path` (subclasses)."""

    @property
    def path(self) -> str:
        """The local file path, fetched first if missing."""
        if not self.local:
            self.fetch()
        return str(self._file_path)


class GoogleDriveFile(AbstractRemoteFile):
    """A local copy of a Google Drive file (*google_id*)."""

    def __init__(self, local_path: str | Path | None = None, google_id: str | None = None,
                 local_base: str | Path | None = None) -> None:
        super().__init__(local_path, local_base)
        self._gid = google_id

    def fetch(self) -> None:
        """Download the file from Google Drive."""
        if not self._gid:
            raise ValueError("GoogleDriveFile needs google_id to fetch the file")
        download_file_from_google_drive(self._gid, self._file_path)


class HttpFile(AbstractRemoteFile):
    """A local copy of the file at *remote_url* (http or https)."""

    def __init__(self, local_path: str | Path | None = None, remote_url: str | None = None,
                 local_base: str | Path | None = None) -> None:
        super().__init__(local_path, local_base)
        self._url = remote_url

    def fetch(self) -> None:
        """Download the file."""
        if not self._url or urllib.parse.urlsplit(self._url).scheme not in ("http", "https"):
            raise ValueError(f"HttpFile needs an http(s) remote_url, got {self._url!r}")
        _download(self._url, self._file_path)


__all__ = ["AbstractRemoteFile", "GoogleDriveFile", "HttpFile", "download_file_from_google_drive"]

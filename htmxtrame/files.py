"""Files between the page and the server: uploads in, downloads out.

**Uploads.** A file input bound with ``v_model`` (``html.Input(type="file",
v_model=("files", None))``) has the browser POST the chosen files to the
app's upload URL; the server keeps them under a random single-use token and
the page sends only that token over the websocket. The bound state key then
receives a list of dicts shaped like trame's ``ClientFile`` payload:
``{"name", "size", "type", "lastModified", "content"}`` (``content`` is
``bytes``). Wrap one in :class:`ClientFile` for attribute access.

**Downloads.** A handler or trigger that returns ``bytes`` (or a
:class:`Download` naming the file) makes the page that fired the event
download them; ``server.download(...)`` sends a file to every page.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

UPLOAD_TTL = 120.0  # seconds an unclaimed upload is kept
DOWNLOAD_TTL = 300.0  # seconds a download link stays valid
MAX_PENDING_BYTES = 256 << 20  # all unclaimed uploads together
MAX_DOWNLOAD_BYTES = 256 << 20  # all download links together, unless the server says otherwise
# What an upload costs at least, counted against the quotas: an empty file
# (or an upload of none) still holds a dict, its name and a token for
# UPLOAD_TTL seconds (measured ≈ 550 bytes each); uncounted, one client
# could keep millions of them.
MIN_FILE_COST = 1024


class ClientFile:
    """Attribute access to one uploaded file dict, as trame's ``ClientFile``.

    ``ClientFile(files[0])`` has ``name``, ``size``, ``mime_type`` (also
    ``type``), ``modified_time`` (also ``modified``), ``content`` (bytes),
    ``info`` and ``is_empty`` (no file at all: ``ClientFile(None)``).
    """

    def __init__(self, file_state_variable: dict | None = None) -> None:
        file = file_state_variable
        if file is not None and not isinstance(file, dict):
            hint = " (the state key holds a list: use [ClientFile(f) for f in files])" if isinstance(file, list) else ""
            raise TypeError(f"ClientFile() takes one uploaded file dict or None, got {type(file).__name__}{hint}")
        file = file or {}
        content = file.get("content")
        if isinstance(content, list):  # trame sends big files in chunks
            content = b"".join(content)
        self.name: str | None = file.get("name")
        self.size: int | None = file.get("size")
        self.type: str | None = file.get("type")
        self.modified: int | None = file.get("lastModified")
        self.content: bytes | None = content

    @property
    def mime_type(self) -> str | None:
        """The file's MIME type (trame's name for :attr:`type`)."""
        return self.type

    @property
    def modified_time(self) -> int | None:
        """Last-modified time in ms since the epoch, as the browser reported it."""
        return self.modified

    @property
    def is_empty(self) -> bool:
        """True when there is no file (trame: content is ``None``)."""
        return self.content is None

    @property
    def info(self) -> str:
        """A one-line description, worded as trame's."""
        return f"File: {self.name} of size {self.size} and type {self.type}"

    def __repr__(self) -> str:
        return f"<ClientFile {self.name!r} {self.size} B {self.type}>"


@dataclass
class Download:
    """Bytes to hand to the browser as a file named *filename*."""

    content: bytes
    filename: str = "download.bin"
    mime: str = "application/octet-stream"


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\\ud800-\udfff]")
_MIME = re.compile(r"^[\w.+-]+/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+\"-]*)*$")
MAX_FILENAME = 200  # characters of a download's name (file systems keep 255 bytes)


def safe_filename(name: Any) -> str:
    """*name* as a download's ``Content-Disposition`` can carry it.

    Control characters (a CR/LF would be a header of its own; werkzeug then
    answered 500), path separators and lone surrogates become ``_``; the
    name is cut to :data:`MAX_FILENAME` characters, keeping its extension.
    """
    text = _UNSAFE_NAME.sub("_", str(name)).strip(" .") or "download.bin"
    if len(text) > MAX_FILENAME:
        stem, dot, ext = text.rpartition(".")
        ext = ext[:16] if dot and stem else ""
        text = text[: MAX_FILENAME - len(ext) - 1] + "." + ext if ext else text[:MAX_FILENAME]
    return text


class StoreFull(OverflowError):
    """An upload or download past a byte cap: the page is told why, nothing is stored."""


class ClientQuotaFull(StoreFull):
    """Past the bytes one client (a page, an address) may hold; others are still served."""


class _Store:
    """Short-lived objects under random single-use tokens.

    Each item may name an *owner* (a page, a client address): the bytes one
    owner holds and the bytes of all owners together are capped per call,
    so one visitor cannot fill the memory every visitor shares.
    """

    def __init__(self, ttl: float, max_bytes: int | None = None, kind: str = "uploads") -> None:
        self.ttl = ttl
        self.max_bytes = max_bytes
        self.kind = kind
        self._items: dict[str, tuple[float, int, Any, bool, Any]] = {}
        self._lock = threading.Lock()
        # Under several workers (the Redis backend), where any worker can
        # serve a token: backends/transfers.py. None in one process.
        self.remote: Any = None

    def put(
        self, item: Any, size: int, reusable: bool = False, owner: Any = None,
        max_total: int | None = None, max_owner: int | None = None, what: str = "uploads",
    ) -> str:
        """Keep *item* under a new token; :class:`StoreFull` (an ``OverflowError``) past a cap."""
        return self.put_shared(item, size, reusable, owner, max_total, max_owner, what)[0]

    def put_shared(
        self, item: Any, size: int, reusable: bool = False, owner: Any = None,
        max_total: int | None = None, max_owner: int | None = None, what: str = "uploads",
    ) -> tuple[str, bool]:
        """As :meth:`put`: ``(token, whether every worker can serve it)`` (stored in Redis too)."""
        token = secrets.token_urlsafe(24)
        total_cap = self.max_bytes if max_total is None else max_total
        with self._lock:
            self._expire()
            total = sum(e[1] for e in self._items.values())
            if total_cap is not None and size + total > total_cap:
                raise StoreFull(
                    f"the server holds {_mib(total)} of {what} waiting to be fetched and this one is "
                    f"{_mib(size)}; the limit is {_mib(total_cap)}; try again in a minute"
                )
            if owner is not None and max_owner is not None:
                mine = sum(e[1] for e in self._items.values() if e[4] == owner)
                if size + mine > max_owner:
                    raise ClientQuotaFull(
                        f"{what} of {_mib(size)} refused: {_mib(mine)} are already waiting for this client "
                        f"and the limit per client is {_mib(max_owner)}"
                    )
            self._items[token] = (time.monotonic() + self.ttl, size, item, reusable, owner)
        remote = self.remote
        shared = remote is not None and bool(remote.save(self.kind, token, item, self.ttl, reusable))
        return token, shared

    def take(self, token: Any) -> Any:
        """The item under *token*, removed unless reusable; ``None`` if unknown or expired."""
        with self._lock:
            self._expire()
            entry = self._items.get(token) if isinstance(token, str) else None
            if entry is not None and not entry[3]:
                del self._items[token]
        remote = self.remote
        if remote is None or not isinstance(token, str):
            return None if entry is None else entry[2]
        if entry is None:
            return remote.load(self.kind, token)  # stored by another worker
        if not entry[3] and not remote.claim(self.kind, token):
            return None  # single use, and another worker served it
        return entry[2]

    def peek(self, token: Any) -> Any:
        """The item under *token*, left in place (a ``HEAD`` request)."""
        with self._lock:
            self._expire()
            entry = self._items.get(token) if isinstance(token, str) else None
        if entry is None and self.remote is not None and isinstance(token, str):
            return self.remote.load(self.kind, token, remove=False)
        return None if entry is None else entry[2]

    def drop_owner(self, owner: Any) -> None:
        """Free everything *owner* holds now (its page closed)."""
        with self._lock:
            gone = [(t, entry[3]) for t, entry in self._items.items() if entry[4] == owner]
            for token, _ in gone:
                del self._items[token]
        if self.remote is not None:
            self.remote.delete(self.kind, gone)

    def held(self, owner: Any = None) -> int:
        """Bytes held (by *owner*, or by everyone)."""
        with self._lock:
            self._expire()
            return sum(e[1] for e in self._items.values() if owner is None or e[4] == owner)

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, entry in self._items.items() if entry[0] < now]:
            del self._items[token]


def _mib(size: int) -> str:
    return f"{size / (1 << 20):.1f} MiB"


uploads = _Store(UPLOAD_TTL, MAX_PENDING_BYTES, "uploads")
downloads = _Store(DOWNLOAD_TTL, MAX_DOWNLOAD_BYTES, "downloads")


def share_through(remote: Any) -> None:
    """Keep uploads and download links where every worker reads them (*remote*:
    :class:`htmxtrame.backends.transfers.RedisTransfers`; ``None``: this process only)."""
    uploads.remote = remote
    downloads.remote = remote


def store_upload(files: list[dict], client: Any = None, max_per_client: int | None = None) -> str:
    """Keep uploaded files until the page's websocket message claims them.

    *client* (the sender's address) may hold at most *max_per_client* bytes
    of unclaimed uploads; past that, or past the server's total, an
    ``OverflowError`` says why.
    """
    size = max(MIN_FILE_COST, sum(upload_cost(f) for f in files))
    return uploads.put(files, size, owner=client, max_owner=max_per_client, what="uploads")


def upload_cost(file: dict) -> int:
    """The bytes one uploaded *file* is counted as: its content, or at least what keeping it costs."""
    name, kind = file.get("name") or "", file.get("type") or ""
    return max(len(file["content"]), MIN_FILE_COST + len(name) + len(kind))


def claim_upload(token: Any) -> list[dict] | None:
    """The files stored under *token* (once), or ``None`` if unknown/expired."""
    return uploads.take(token)


def as_download(value: Any) -> Download | None:
    """A :class:`Download` for what a handler returned, if it is file content."""
    if isinstance(value, Download):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return Download(bytes(value))
    return None


def download_call(
    value: Any, filename: str | None = None, mime: str | None = None, shared: bool = False,
    owner: Any = None, max_total: int | None = None, max_owner: int | None = None,
) -> dict:
    """The ``calls`` entry that makes a page fetch and save *value*.

    The link works once, or — *shared*, for a file sent to every page — any
    number of times until it expires. *owner* (a page) may hold at most
    *max_owner* bytes of links, all owners together *max_total*; past
    either, :class:`StoreFull` says why.
    """
    return download_call_shared(value, filename, mime, shared, owner, max_total, max_owner)[0]


def download_call_shared(
    value: Any, filename: str | None = None, mime: str | None = None, shared: bool = False,
    owner: Any = None, max_total: int | None = None, max_owner: int | None = None,
) -> tuple[dict, bool]:
    """As :func:`download_call`: ``(call, whether any worker serves its link)`` (its bytes are in Redis)."""
    item = as_download(value.encode() if isinstance(value, str) else value)
    if item is None:
        raise TypeError(f"a download takes bytes or a Download, got {type(value).__name__}")
    if filename:
        item.filename = filename
    if mime:
        item.mime = mime
    # A name can come from a visitor (an uploaded file's, echoed back): one
    # that no header can carry made the download an HTTP 500.
    item.filename = safe_filename(item.filename)
    if not isinstance(item.mime, str) or not _MIME.match(item.mime):
        item.mime = "application/octet-stream"
    token, everywhere = downloads.put_shared(
        item, len(item.content), reusable=shared, owner=owner, max_total=max_total, max_owner=max_owner,
        what="downloads",
    )
    return {"download": {"token": token, "name": item.filename}}, everywhere

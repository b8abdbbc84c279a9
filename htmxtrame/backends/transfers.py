"""Uploads and download links any worker can serve: their bytes kept in Redis.

Under several workers, a file the page uploads is a POST of its own, and a
download link the browser opens is a GET of its own: gunicorn hands each to
whichever worker accepts the connection, rarely the one holding the page's
websocket. The worker that stores one (:mod:`htmxtrame.files`) keeps it in
memory as before and also writes it to Redis under its token, with the same
expiry; a worker that does not hold a token reads it from there (a
single-use one is read and deleted in one transaction, so two workers never
both serve it). The byte caps stay per worker: each counts what it stored.

Values are JSON with bytes as base64 (never pickle: what comes back from
Redis is data, checked field by field). Redis away: a transfer stays on the
worker that stored it (the backend's degraded mode, logged once; no call to
Redis is tried until it is back).
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

log = logging.getLogger("htmxtrame.backends")

_FILE_FIELDS: dict[str, Any] = {"name": str, "size": int, "type": str, "lastModified": (int, float)}


class RedisTransfers:
    """The Redis side of :class:`htmxtrame.files._Store` (``files.share_through``)."""

    def __init__(
        self, client: Any, prefix: str, errors: tuple[type[BaseException], ...], backend: Any = None,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.errors = errors
        # The Redis backend: while it is degraded (Redis away) transfers stay
        # local at once, instead of each waiting out a socket timeout; a
        # failure here makes it degraded (logged once, retried by its thread).
        self.backend = backend

    def _away(self) -> bool:
        return self.backend is not None and self.backend.degraded is not None

    def _failed(self, exc: BaseException, what: str) -> None:
        if self.backend is not None:
            self.backend._failed(exc)  # noqa: SLF001 - the backend's one degraded mode
        else:
            log.warning("%s: Redis failed (%s); only this worker serves it", what, exc)

    def _key(self, kind: str, token: str, reusable: bool) -> str:
        return f"{self.prefix}:xfer:{kind}:{'r' if reusable else 's'}:{token}"

    def save(self, kind: str, token: str, item: Any, ttl: float, reusable: bool) -> bool:
        """Store *item* under *token* for *ttl* seconds; ``False`` if Redis did not take it."""
        if self._away():
            return False
        try:
            data = encode(kind, item)
            self.client.set(self._key(kind, token, reusable), data, px=max(1, int(ttl * 1000)))
            return True
        except self.errors as exc:
            self._failed(exc, f"a {kind[:-1]} not shared with the other workers")
            return False

    def load(self, kind: str, token: str, remove: bool = True) -> Any:
        """The item under *token* (a single-use one removed unless *remove* is false), or ``None``."""
        if self._away():
            return None
        single = self._key(kind, token, False)
        try:
            if remove:
                pipe = self.client.pipeline(transaction=True)
                pipe.get(single)
                pipe.delete(single)
                data = pipe.execute()[0]
            else:
                data = self.client.get(single)
            if data is None:
                data = self.client.get(self._key(kind, token, True))
        except self.errors as exc:
            self._failed(exc, f"a {kind[:-1]} not read from the other workers")
            return None
        if data is None:
            return None
        try:
            return decode(kind, data)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("skipped a %s in Redis that is not htmxtrame's: %s", kind[:-1], exc)
            return None

    def claim(self, kind: str, token: str) -> bool:
        """Take the single-use *token* this worker stored: ``False`` if another worker served it already."""
        if self._away():
            return True  # Redis away: this worker's copy is all there is
        try:
            return bool(self.client.delete(self._key(kind, token, False)))
        except self.errors as exc:
            self._failed(exc, f"a {kind[:-1]} served without asking the other workers")
            return True

    def delete(self, kind: str, tokens: list[tuple[str, bool]]) -> None:
        """Forget these ``(token, reusable)`` (their page closed, or this worker served them)."""
        if not tokens or self._away():
            return  # they expire anyway
        try:
            self.client.delete(*(self._key(kind, t, r) for t, r in tokens))
        except self.errors:
            pass  # they expire anyway


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encode(kind: str, item: Any) -> bytes:
    """An upload (a list of file dicts) or a download (:class:`~htmxtrame.files.Download`) as JSON."""
    if kind == "uploads":
        files = [{**{k: f.get(k) for k in _FILE_FIELDS}, "content": _b64(bytes(f["content"]))} for f in item]
        return json.dumps(files).encode()
    return json.dumps({"content": _b64(item.content), "filename": item.filename, "mime": item.mime}).encode()


def decode(kind: str, data: bytes) -> Any:
    """The item :func:`encode` wrote; ``ValueError``/``TypeError`` for anything else."""
    from ..files import Download  # files imports nothing of the backends; the other way is lazy

    value = json.loads(data)
    if kind == "uploads":
        if not isinstance(value, list):
            raise TypeError("an upload is a list of files")
        out = []
        for f in value:
            if not isinstance(f, dict) or not isinstance(f.get("content"), str):
                raise TypeError("a file needs its content")
            file = {k: f.get(k) if isinstance(f.get(k), t) else None for k, t in _FILE_FIELDS.items()}
            file["content"] = base64.b64decode(f["content"], validate=True)
            out.append(file)
        return out
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("content", "filename", "mime")):
        raise TypeError("a download has content, filename and mime")
    return Download(base64.b64decode(value["content"], validate=True), value["filename"], value["mime"])

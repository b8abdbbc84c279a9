"""The HTTP fallback behind several workers: a page's POST reaches the worker holding its event stream.

The fallback (:mod:`htmxtrame.transport.sse`) pairs a page's event stream —
a GET one worker holds open — with the POSTs that carry what the page
sends. gunicorn hands each POST to whichever worker accepts it. So:

* **Directory.** The worker holding a stream writes
  ``<prefix>:sse:<connection id>`` = ``{"origin": <worker>, "scope": <key>}``
  with a TTL (:data:`TTL`), refreshed by its listener thread every
  :data:`REFRESH` seconds and after Redis comes back, and deleted when the
  stream ends.
* **Forward.** A worker that gets a POST for a stream it does not hold
  reads the directory (no entry: 404, the page reconnects and resends),
  checks the request may act on that scope (a per-session app: the
  browser's own signed cookie), and publishes the posted messages as a
  control message (``sse-post``, :mod:`.control`) naming the holder. It
  waits for the holder's answer (``sse-reply``) at most
  :data:`FORWARD_TIMEOUT` seconds and answers the page with the holder's
  status.
* **Holder.** The holder's listener thread hands the messages to a small
  pool (:data:`HANDLERS` threads: a slow handler never stalls the state
  sync), which runs them exactly as a local POST (rate limit, wire checks,
  the page's request context and login check), wakes the stream and
  publishes the status.

Bounds: a POST larger than ``redis_max_message_bytes`` as a message is
refused (413) by the worker that got it; at most :data:`MAX_WAITING`
forwards wait on one worker and :data:`MAX_QUEUED` wait for the holder's
pool (503 past either); a message from Redis is checked field by field
(:mod:`.control`). The glue sends one POST at a time, so forwarded
messages keep their order. Redis away: a POST for a stream held elsewhere
gets 404, and the page reconnects its stream to a worker that can serve it.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger("htmxtrame.backends")

TTL = 60  # seconds a directory entry outlives its holder's last refresh
REFRESH = 20.0  # seconds between refreshes of the streams a worker holds
FORWARD_TIMEOUT = 30.0  # seconds a forwarded POST waits for the holder's answer
MAX_WAITING = 64  # forwarded POSTs waiting on one worker at once
MAX_QUEUED = 64  # forwarded POSTs waiting for the holder's handler threads
HANDLERS = 4  # threads running forwarded POSTs on the holder
GONE = "no such connection (it ended); reconnect"

# What runs one forwarded POST on the holder: ``(backend, sid, frames) -> (status, error)``,
# set by htmxtrame.transport.sse (the backends never import the transport).
_serve: Callable[[Any, str, list[str]], tuple[int, str | None]] | None = None


def on_post(serve: Callable[[Any, str, list[str]], tuple[int, str | None]]) -> None:
    """Run forwarded POSTs with *serve* (the transport registers it once)."""
    global _serve
    _serve = serve


class StreamRelay:
    """One Redis backend's side of the relay (see the module docstring)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.held: dict[str, str] = {}  # connection id -> scope key, streams held here
        self._waiting: dict[str, list[Any]] = {}  # forward id -> [event, (status, error)]
        self._queued = 0
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._refreshed = time.monotonic()

    def _key(self, sid: str) -> str:
        return f"{self.backend.prefix}:sse:{sid}"

    def _entry(self, scope: str) -> str:
        return json.dumps({"origin": self.backend.origin, "scope": scope})

    # -- the holder ------------------------------------------------------------
    def opened(self, sid: str, scope: str) -> None:
        """A stream opened here: announce it (Redis away: announced when it is back)."""
        with self._lock:
            self.held[sid] = scope
        if self.backend.degraded:
            return
        try:
            self.backend.client.set(self._key(sid), self._entry(scope), ex=TTL)
        except self.backend._errors as exc:  # noqa: SLF001 - the backend's one degraded mode
            self.backend._failed(exc)  # noqa: SLF001

    def closed(self, sid: str) -> None:
        """The stream ended: forget it everywhere."""
        with self._lock:
            known = self.held.pop(sid, None) is not None
        if known and not self.backend.degraded:
            try:
                self.backend.client.delete(self._key(sid))
            except self.backend._errors:  # noqa: SLF001 - it expires anyway
                pass

    def refresh(self, force: bool = False) -> None:
        """Renew the directory entries of the streams held here (listener thread; raises Redis errors)."""
        if not force and time.monotonic() - self._refreshed < REFRESH:
            return
        self._refreshed = time.monotonic()
        with self._lock:
            held = list(self.held.items())
        if not held:
            return
        pipe = self.backend.client.pipeline(transaction=False)
        for sid, scope in held:
            pipe.set(self._key(sid), self._entry(scope), ex=TTL)
        pipe.execute()

    def received(self, op: str, msg_id: str, payload: dict) -> None:
        """An ``sse-post`` or ``sse-reply`` from Redis (listener thread: never blocks)."""
        if op == "sse-reply":
            with self._lock:
                waiter = self._waiting.get(payload["re"])
            if waiter is not None:
                waiter[1] = (payload["status"], payload["error"] or None)
                waiter[0].set()
            return
        if payload["to"] != self.backend.origin:
            return
        with self._lock:
            if payload["sid"] not in self.held:
                busy = None
            elif self._queued >= MAX_QUEUED:
                busy = "this page's worker has too many messages waiting; try again"
            else:
                self._queued += 1
                busy = ""
            if self._pool is None:
                self._pool = ThreadPoolExecutor(HANDLERS, thread_name_prefix="htmxtrame-relay")
            pool = self._pool
        if busy is None:
            self._reply(msg_id, 404, GONE)
        elif busy:
            self._reply(msg_id, 503, busy)
        else:
            pool.submit(self._run, msg_id, payload["sid"], payload["frames"])

    def _run(self, msg_id: str, sid: str, frames: list[str]) -> None:
        try:
            status, error = (404, GONE) if _serve is None else _serve(self.backend, sid, frames)
        except Exception:  # noqa: BLE001 - the page gets an answer whatever happened
            log.exception("handling messages forwarded for event stream %s… failed", sid[:6])
            status, error = 500, "the server failed to handle these messages"
        finally:
            with self._lock:
                self._queued -= 1
        self._reply(msg_id, status, error)

    def _reply(self, msg_id: str, status: int, error: str | None) -> None:
        self.backend.send_control("sse-reply", {"re": msg_id, "status": status, "error": (error or "")[:256]})

    # -- the worker that got the POST -------------------------------------------
    def forward(self, sid: str, frames: list[str], owns: Callable[[str], bool]) -> tuple[int, str | None]:
        """Have the worker holding stream *sid* handle *frames*: its ``(status, error)``.

        *owns(scope key)* says whether this request may act on the stream's scope.
        """
        backend = self.backend
        if backend.degraded or not backend.listening():  # the answer comes on this worker's subscription
            return 404, GONE  # the page reconnects its stream here, where its POSTs then land
        try:
            raw = backend.client.get(self._key(sid))
        except backend._errors as exc:  # noqa: SLF001
            backend._failed(exc)  # noqa: SLF001
            return 404, GONE
        entry = _decode_entry(raw)
        if entry is None or entry["origin"] == backend.origin or not owns(entry["scope"]):
            return 404, GONE  # ended, stale, or another browser's: never handled
        size = len(json.dumps(frames, ensure_ascii=False).encode()) + 512
        if size > backend.max_message_bytes:
            return 413, (f"these messages are {size} bytes, over the {backend.max_message_bytes}-byte cap "
                         "for passing them to the worker holding this page (redis_max_message_bytes)")
        msg_id = secrets.token_hex(8)
        waiter: list[Any] = [threading.Event(), None]
        with self._lock:
            if len(self._waiting) >= MAX_WAITING:
                return 503, "too many messages waiting for other workers; try again"
            self._waiting[msg_id] = waiter
        try:
            if backend.send_control("sse-post", {"to": entry["origin"], "sid": sid, "frames": frames}, msg_id) is None:
                return 404, GONE  # Redis went away: not sent, so resending after a reconnect is safe
            if not waiter[0].wait(FORWARD_TIMEOUT):
                log.warning("the worker holding event stream %s… did not answer in %.0f s", sid[:6], FORWARD_TIMEOUT)
                return 504, "the worker holding this page's connection did not answer in time"
            return waiter[1]  # type: ignore[no-any-return]
        finally:
            with self._lock:
                self._waiting.pop(msg_id, None)

    def close(self) -> None:
        """Stop the handler threads."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _decode_entry(raw: Any) -> dict | None:
    try:
        entry = json.loads(raw) if raw is not None else None
    except (ValueError, UnicodeDecodeError):
        entry = None
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("origin", "scope")):
        return None
    return entry

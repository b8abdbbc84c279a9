"""What one visitor may cost the server: the transport's limits.

Any visitor can open sockets, send any frame and stop reading. Each cost
that causes (threads, memory, bytes queued) has a cap here, read from the
server's options (see ``docs/security.md`` for each default):

* :class:`Limits` — the numbers, from ``Server(**options)``;
* :class:`ConnectionCounter` — open websockets per server and per client address;
* :class:`PingGate` — pings answered at most *rate* a second, and no
  reading past a backlog of unhandled frames;
* :func:`close_text` — a close reason that fits its frame without splitting a character;
* :func:`admit_tasks` — the async tasks a page's events started, at most ``max_tasks_per_page`` at once.

No Flask here: the blueprint applies these to requests.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

log = logging.getLogger("htmxtrame.transport")

MiB = 1 << 20
# Frames read from a page but not handled yet. Past either cap the socket's
# reader stops reading, so TCP makes the sender wait: a page that sends
# faster than its messages are handled queues them in its own kernel
# buffers, not in the server's memory. A page's own burst is far below both.
MAX_INPUT_BACKLOG = 1000  # frames (twice the default rate limit's second)
MAX_INPUT_BACKLOG_BYTES = 2 * MiB
CLOSE_REASON_BYTES = 123  # a close frame's payload is 125 bytes: 2 for the code, the rest UTF-8


@dataclass
class Limits:
    """The transport's caps; every field is a ``Server(...)`` option of the same name."""

    max_websockets: int = 256  # open websockets per server (two threads each)
    max_websockets_per_client: int = 32  # open websockets per client address
    max_download_bytes: int = 256 * MiB  # download links waiting to be fetched, all pages together
    max_download_bytes_per_page: int = 32 * MiB  # download links one page may hold
    max_upload_bytes_per_client: int = 64 * MiB  # unclaimed uploads one client address may hold
    max_pings_per_second: float = 10  # pings answered per socket; more go unanswered
    max_control_backlog: int = 64 * 1024  # pongs/pings/close bytes queued for a page that does not read
    send_stall_timeout: float = 30.0  # seconds a page may leave a frame unread before it is closed
    request_timeout: float | None = 10.0  # seconds the built-in server waits on a silent HTTP connection
    max_connections: int | None = 1000  # connections the built-in server serves at once (a thread each)
    max_tasks_per_page: int | None = 64  # async tasks a page's events started that still run; past it, refused

    @classmethod
    def from_options(cls, options: dict, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits named in *options*, else in ``HTMXTRAME_<NAME>`` environment variables, else the defaults.

        The environment lets an operator tune a deployed app without touching
        its code (``HTMXTRAME_MAX_WEBSOCKETS=1000``); ``none`` means no limit
        where a field allows it.
        """
        env = os.environ if environ is None else environ
        given: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in options:
                given[f.name] = options[f.name]
                continue
            raw = env.get(f"HTMXTRAME_{f.name.upper()}")
            if raw is None or not raw.strip():
                continue
            default = getattr(cls, f.name)
            try:
                given[f.name] = None if raw.strip().lower() == "none" else type(default)(float(raw))
            except ValueError:
                raise ValueError(f"HTMXTRAME_{f.name.upper()}={raw!r} is not a number") from None
        return cls(**given)


def close_text(message: str) -> str:
    """*message* cut to fit a close frame, never inside a UTF-8 character."""
    data = message.encode("utf-8", "replace")
    if len(data) <= CLOSE_REASON_BYTES:
        return message
    # "ignore" drops the partial character the cut may have left at the end.
    return data[:CLOSE_REASON_BYTES].decode("utf-8", "ignore")


def admit_tasks(running: list, started: list, cap: int | None) -> list:
    """Add *started* (tasks or futures) to *running* up to *cap* still-running ones; cancel and return the rest.

    An async handler's task outlives its click: a page clicking 500 times
    a second a button whose task waits a minute held 30,000 tasks (200 MB)
    within a minute. *running* is the page's own list; done tasks leave it here.
    """
    running[:] = [t for t in running if not t.done()]
    refused = []
    for task in started:
        if cap is not None and len(running) >= cap and not task.done():
            task.cancel()
            refused.append(task)
        else:
            running.append(task)
    return refused


class ConnectionCounter:
    """Open websockets, in total and per client address."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.total = 0
        self._by_client: dict[str, int] = {}

    def acquire(self, client: str, limits: Limits) -> str | None:
        """Count one more socket from *client*; the reason it is refused, or ``None``."""
        with self._lock:
            if self.total >= limits.max_websockets:
                return f"this server already has {self.total} open connections (max_websockets)"
            mine = self._by_client.get(client, 0)
            if mine >= limits.max_websockets_per_client:
                return f"address {client} already has {mine} open connections (max_websockets_per_client)"
            self.total += 1
            self._by_client[client] = mine + 1
            return None

    def release(self, client: str) -> None:
        """One socket from *client* ended."""
        with self._lock:
            self.total -= 1
            left = self._by_client.get(client, 1) - 1
            if left > 0:
                self._by_client[client] = left
            else:
                self._by_client.pop(client, None)

    def of(self, client: str) -> int:
        """How many sockets *client* holds open."""
        with self._lock:
            return self._by_client.get(client, 0)


class ReportEvery:
    """``due()`` is true at most once per *interval* seconds: a flood must not flood the log."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self.last = float("-inf")

    def due(self) -> bool:
        """Whether to report now."""
        now = time.monotonic()
        if now - self.last < self.interval:
            return False
        self.last = now
        return True


class TokenBucket:
    """*rate* events a second, bursts of twice that (the websocket's messages, its pings)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate * 2
        self.stamp = time.monotonic()

    def allow(self) -> bool:
        """Take a token if one is left."""
        now = time.monotonic()
        self.tokens = min(self.rate * 2, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class PingGate:
    """Stands in for simple-websocket's protocol object and answers at most *rate* pings a second.

    simple-websocket answers every ping its reader thread decodes with a
    pong; a client sending pings as fast as it can would have the server
    write as fast as it reads. Pings past the rate are dropped unanswered
    (RFC 6455 allows answering only the latest), with a log line at most
    once a second. It also holds the reader while the page's unhandled
    frames are over ``MAX_INPUT_BACKLOG`` / ``MAX_INPUT_BACKLOG_BYTES``
    (simple-websocket would queue them without limit).
    """

    def __init__(self, conn: Any, rate: float, who: Any, owner: Any = None) -> None:
        self._conn = conn
        self._owner = owner  # the simple-websocket connection whose input_buffer fills
        self.rate = rate
        self.who = who
        self._bucket = TokenBucket(rate)
        self.dropped = 0
        self._report = ReportEvery()

    def events(self) -> Any:
        """The protocol's events, without the pings over the rate."""
        from wsproto.events import Message, Ping  # simple-websocket's own dependency

        for event in self._conn.events():
            if isinstance(event, Message):
                self._wait_for_room()
            if isinstance(event, Ping) and not self._bucket.allow():
                self.dropped += 1
                if self._report.due():
                    log.warning("%r sends more than %s pings a second; not answering them", self.who, self.rate)
                continue
            yield event

    def _wait_for_room(self) -> None:
        """Hold the reader (this runs on its thread) while the page's unhandled frames are over the caps."""
        owner = self._owner
        buffer = getattr(owner, "input_buffer", None)
        if buffer is None or len(buffer) < 2:
            return
        reported = False
        while getattr(owner, "connected", False) and (
            len(buffer) >= MAX_INPUT_BACKLOG or sum(map(len, buffer)) >= MAX_INPUT_BACKLOG_BYTES
        ):
            if not reported:
                reported = True
                if self._report.due():
                    log.warning("%r sends faster than its messages are handled; not reading it for now", self.who)
            time.sleep(0.005)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def gate_pings(ws: Any, rate: float, who: Any) -> None:
    """Rate-limit the pings *ws* (a simple-websocket connection) answers, and
    stop its reader while too many of the page's frames wait to be handled."""
    conn = getattr(ws, "ws", None)
    if conn is not None and hasattr(conn, "events") and not isinstance(conn, PingGate):
        ws.ws = PingGate(conn, rate, who, owner=ws)

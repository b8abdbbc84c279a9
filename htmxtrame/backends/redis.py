"""Several worker processes, one state: scopes shared through Redis.

Per scope key ``K`` (``"shared"``, ``"session:<sid>"``) Redis holds

* ``<prefix>:snap:K`` — a hash of every value (JSON), the snapshot a worker
  loads when it starts, when it comes back after Redis went away, and when
  it finds it missed a change;
* ``<prefix>:seq:K`` — the number of the scope's last change.

A flush on any worker runs one Lua script that draws the next number,
stores the changed values in the hash and publishes
``<seq>\\n<worker>\\n<values>`` on ``<prefix>:ch:K``: one atomic step, so the
numbers, the snapshot and the order messages are delivered in agree.
Every worker subscribes to ``<prefix>:ch:*`` once (one connection, however
many session scopes come and go) and applies the changes in number order
(:mod:`htmxtrame.backends.sync`).

Why pub/sub with a number rather than a stream: the snapshot hash already
is the truth a late or returning worker needs, so a backlog to replay buys
nothing; one pattern subscription covers any number of scopes, where a
stream reader would have to list every stream it reads; and the number
catches the one thing pub/sub can lose (messages while disconnected) and
turns it into a snapshot reload.

Redis going away: publishing fails fast (1 s socket timeout, then no more
tries from the page's thread), the worker logs that it is degraded and
keeps serving its own pages from its own state; a thread reconnects with
backoff, publishes what changed here meanwhile, fills Redis back from its
state if Redis lost its data (restarted without persistence), re-reads the
snapshot and logs that it recovered.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from typing import TYPE_CHECKING, Any

from .. import files
from . import control, relay, transfers
from .codec import MessageError, body, decode_message
from .sync import ScopeSync

if TYPE_CHECKING:
    from ..session import Scope

log = logging.getLogger("htmxtrame.backends")

INSTALL = (
    "htmxtrame's Redis backend needs the redis client: pip install 'htmxtrame[redis]' "
    "(or pip install redis), or unset redis_url / HTMXTRAME_REDIS_URL to run in one process."
)

# KEYS: seq, snapshot hash. ARGV: channel, origin, body, ttl (0: none), then field/value pairs.
_PUBLISH = """
local seq = redis.call('INCR', KEYS[1])
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
if tonumber(ARGV[4]) > 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
redis.call('PUBLISH', ARGV[1], seq .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[3])
return seq
"""
# KEYS: seq, snapshot hash. ARGV: ttl (0: none), then field/value pairs stored only where missing.
_JOIN = """
for i = 2, #ARGV, 2 do redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1]) end
if tonumber(ARGV[1]) > 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
return {redis.call('GET', KEYS[1]) or '0', redis.call('HGETALL', KEYS[2])}
"""
_RETRY = (0.2, 0.5, 1.0, 2.0)  # seconds between reconnection attempts


def _client_module() -> Any:
    try:
        import redis
    except ImportError as exc:
        raise ImportError(INSTALL) from exc
    return redis


def _glob_escape(text: str) -> str:
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


class RedisBackend:
    """Sync every attached scope through the Redis at *url* (see the module docstring)."""

    multiprocess = True

    def __init__(
        self, url: str, prefix: str = "htmxtrame:trame", max_message_bytes: int = 1 << 20, session_ttl: int = 86400
    ) -> None:
        redis = _client_module()
        self.url = url
        self.prefix = prefix
        self.max_message_bytes = max_message_bytes
        # Session scopes' keys expire this long after their last change (the shared scope's never do).
        self.session_ttl = session_ttl
        self._origin = ""
        self._origin_pid = 0
        self._errors = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._publish_script = self.client.register_script(_PUBLISH)
        self._join_script = self.client.register_script(_JOIN)
        self.syncs: dict[str, ScopeSync] = {}
        self._lock = threading.Lock()
        self.degraded: str | None = None  # why, while Redis is away
        self._closed = threading.Event()
        self._wake = threading.Event()
        self._subscribed = threading.Event()  # the subscription is up: a join now misses nothing
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        control.register(self)  # a logout goes out through every Redis backend of the process
        # Uploads and download links: any worker may get the page's POST or the browser's GET.
        self._transfers = transfers.RedisTransfers(self.client, prefix, self._errors, self)
        files.share_through(self._transfers)
        # The HTTP fallback's POSTs, passed to the worker holding the page's event stream.
        self.relay = relay.StreamRelay(self)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` ran."""
        return self._closed.is_set()

    @property
    def origin(self) -> str:
        """This worker's name in the messages it publishes: its own after a fork (gunicorn --preload)."""
        if self._origin_pid != os.getpid():
            self._origin_pid = os.getpid()
            self._origin = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        return self._origin

    # -- the Backend API ---------------------------------------------------
    def attach(self, key: str, scope: Scope) -> None:
        """Sync *scope* under *key*: its flushes publish once it has joined."""
        with self._lock:
            self.syncs[key] = ScopeSync(key, scope, self, self._failed)

    def join(self, key: str) -> None:
        """Load the scope of *key* from Redis (seeding what Redis lacks) before it serves a page."""
        sync = self.syncs.get(key)
        if sync is None or sync.live or (sync.wanted and self.degraded):
            return
        self._ensure_thread()
        if not self.degraded:  # known to be away: fail at once (a new session's page must not wait)
            self._subscribed.wait(2.0)  # else Redis is away: the join fails and the thread retries
        try:
            sync.join()
        except self._errors as exc:
            sync.wanted = True
            self._failed(exc)

    def listening(self) -> bool:
        """Start this worker's subscription if it has not yet (a POST may be its first request); whether it is up."""
        self._ensure_thread()
        return self._subscribed.wait(2.0)

    def detach(self, key: str) -> None:
        """Stop syncing the scope of *key* (what Redis holds stays)."""
        with self._lock:
            sync = self.syncs.pop(key, None)
        if sync is not None:
            sync.state._flushed_fn = sync.scope.commit

    def touch(self, keys: list[str]) -> None:
        """Restart the TTL of the session scopes of *keys* (held by this worker), in one round trip.

        So Redis keeps a session while any worker holds it, and for the TTL
        after the last one freed it. A failure here is left to the publish
        and subscribe paths, which degrade and recover.
        """
        keys = [k for k in keys if self._ttl(k) > 0]
        if not keys or self.degraded:
            return
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.expire(self._seq_key(key), self.session_ttl)
            pipe.expire(self._snap_key(key), self.session_ttl)
        try:
            pipe.execute()
        except self._errors as exc:
            log.debug("could not refresh the TTL of %d session(s) in Redis: %s", len(keys), exc)

    def broadcast_call(self, key: str, call: dict) -> None:
        """Queue the browser *call* (a ``js_call`` or a download) for the pages of scope *key* on the other workers."""
        self.send_control(control.call_op(call), {"scope": key, "call": call})

    def send_control(self, op: str, payload: dict, msg_id: str | None = None) -> str | None:
        """Publish a control message (:mod:`.control`) to every worker; its id, or ``None`` (logged) if not sent.

        Redis being away, or a payload with no JSON form, leaves the action
        to this worker: it is never retried later (a late logout or call
        would surprise more than a missing one).
        """
        encoded = control.encode(op, self.origin, payload, self.max_message_bytes, msg_id)
        if encoded is None:
            return None
        if self.degraded:  # said once, at WARNING, when Redis went away: a ticker's calls must not flood the log
            log.debug("%s stays on this worker: Redis at %s is unreachable", op, self._where())
            return None
        sent_id, message = encoded
        try:
            self.client.publish(self._channel(control.CONTROL_KEY), message)
        except self._errors as exc:
            self._failed(exc)  # degraded, as a failed state change makes it: logged once, then retried
            log.debug("%s stays on this worker: publishing it on Redis at %s failed (%s)", op, self._where(), exc)
            return None
        return sent_id

    def close(self) -> None:
        """Stop the subscriber thread and close connections."""
        self._closed.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(3)
        if files.uploads.remote is self._transfers:
            files.share_through(None)
        self.relay.close()
        self.client.close()

    # -- the Store API (backends.sync) ---------------------------------------
    def publish(self, key: str, fields: dict[str, str]) -> int:
        """Store *fields* of scope *key* and announce them; the change's number."""
        args: list[str] = [self._channel(key), self.origin, body(fields), str(self._ttl(key))]
        for name, text in fields.items():
            args += [name, text]
        return int(self._publish_script(keys=[self._seq_key(key), self._snap_key(key)], args=args))

    def load(self, key: str, defaults: dict[str, str]) -> tuple[int, dict]:
        """Fill the values scope *key* lacks from *defaults*; ``(last number, stored fields)``."""
        args: list[str] = [str(self._ttl(key))]
        for name, text in defaults.items():
            args += [name, text]
        seq, flat = self._join_script(keys=[self._seq_key(key), self._snap_key(key)], args=args)
        return int(seq), dict(zip(flat[0::2], flat[1::2], strict=False))

    def _ttl(self, key: str) -> int:
        return self.session_ttl if key.startswith("session:") else 0

    def _channel(self, key: str) -> str:
        return f"{self.prefix}:ch:{key}"

    def _seq_key(self, key: str) -> str:
        return f"{self.prefix}:seq:{key}"

    def _snap_key(self, key: str) -> str:
        return f"{self.prefix}:snap:{key}"

    # -- failure and recovery ----------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        if self.degraded is None:
            self.degraded = f"{type(exc).__name__}: {exc}"
            log.warning(
                "Redis at %s is unreachable (%s): DEGRADED — pages on this worker keep working on its own "
                "state, but changes no longer reach other workers and theirs no longer reach this one. "
                "Retrying; it re-syncs when Redis is back.", self._where(), self.degraded,
            )
        for sync in list(self.syncs.values()):
            sync.live = False
        self._wake.set()

    def _where(self) -> str:
        # The URL without its password, for the log.
        head, sep, tail = self.url.rpartition("@")
        return f"{head.split('//')[0]}//***@{tail}" if sep else self.url

    def _ensure_thread(self) -> None:
        # After a fork (gunicorn --preload), the parent's thread is not ours.
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
                return
            if self._pid != os.getpid():
                self._subscribed.clear()  # the parent's subscription, not ours
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="htmxtrame-redis", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        attempt = 0
        while not self._closed.is_set():
            pubsub = None
            try:
                pubsub = self.client.pubsub(ignore_subscribe_messages=True)
                pubsub.psubscribe(_glob_escape(self.prefix) + ":ch:*")
                pubsub.get_message(timeout=1.0)  # the subscription confirmation: now nothing is missed
                self._subscribed.set()
                self._rejoin()
                attempt = 0
                self._listen(pubsub)
            except self._errors as exc:
                self._subscribed.clear()
                self._failed(exc)
                self._wake.wait(_RETRY[min(attempt, len(_RETRY) - 1)])
                self._wake.clear()
                attempt += 1
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # noqa: BLE001 - the connection is gone anyway
                        pass

    def _rejoin(self) -> None:
        """Join every scope that wants to be and is not live (start, recovery, gap)."""
        stale = [s for s in list(self.syncs.values()) if s.wanted and not s.live]
        for sync in stale:
            sync.join()
        self.relay.refresh(force=True)  # Redis may have lost the directory of this worker's streams
        if self.degraded is not None:
            log.warning("Redis at %s is back: re-synced %d scope(s); this worker is no longer degraded.",
                        self._where(), len(stale))
            self.degraded = None

    def _listen(self, pubsub: Any) -> None:
        while not self._closed.is_set():
            msg = pubsub.get_message(timeout=0.5)
            if msg is not None:
                self._handle(msg)
            elif any(s.wanted and not s.live for s in list(self.syncs.values())):
                self._rejoin()  # a publish failed but the subscription held: re-sync those scopes
            self.relay.refresh()  # the directory of this worker's event streams (every REFRESH s)

    def _handle(self, msg: dict) -> None:
        channel = msg.get("channel")
        if isinstance(channel, bytes):
            channel = channel.decode(errors="replace")
        start = f"{self.prefix}:ch:"
        if msg.get("type") != "pmessage" or not isinstance(channel, str) or not channel.startswith(start):
            return
        if channel[len(start):] == control.CONTROL_KEY:
            self._control(msg.get("data"))
            return
        sync = self.syncs.get(channel[len(start):])
        if sync is None:
            return  # a scope this worker does not hold (another worker's session)
        try:
            seq, origin, delta = decode_message(msg.get("data"), self.max_message_bytes)
        except MessageError as exc:
            log.warning("skipped a malformed message on Redis channel %r: %s", channel, exc)
            return
        if not sync.receive(seq, origin, delta):
            log.info("scope %r missed changes (got #%d after #%d): re-reading its snapshot", sync.key, seq, sync.applied)
            sync.live = False
            sync.join()


    def _control(self, data: Any) -> None:
        """Apply another worker's control message to this worker's pages (:mod:`.control`)."""
        try:
            msg_id, origin, op, payload = control.decode(data, self.max_message_bytes)
        except MessageError as exc:
            log.warning("skipped a malformed control message on Redis: %s", exc)
            return
        if op in control.RELAY_OPS:
            self.relay.received(op, msg_id, payload)
            return
        if op in control.CALL_OPS:
            sync = self.syncs.get(payload["scope"])
            if origin != self.origin and sync is not None:  # the sender queued it for its own pages
                from ..session import Batch

                sync.scope.broadcast(Batch(calls=[payload["call"]]))
            return
        run = control.handler(op)
        if run is not None and control.first_time(msg_id):  # once per process, never where it was sent
            try:
                run(payload)
            except Exception:  # noqa: BLE001 - the listener thread must keep running
                log.exception("applying a %s message from another worker failed", op)

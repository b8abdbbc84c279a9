"""The live browser sessions of one per-session app: made on demand, capped, expired when idle.

A session is idle while no page of it is connected; once idle for longer
than the timeout (default 30 min) it is dropped — its scope closed, its
state and layouts freed — and the log says so. A sweep runs at most every
:data:`SWEEP_EVERY` seconds on a daemon thread, and before a new session is
refused for lack of room.

Sessions are counted per client address too: a client that keeps its
cookies can hold a session per page load, so past ``max_per_client`` its
new session takes the place of its own oldest idle one (or is refused when
every one has a page open), and when the app is full, the address holding
the most sessions gives its oldest idle one up first: one address cannot
keep the others out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("htmxtrame.scopes")

DEFAULT_TIMEOUT = 30 * 60.0  # seconds a session may sit with no page before it is freed
DEFAULT_MAX_SESSIONS = 1000
DEFAULT_MAX_SESSIONS_PER_CLIENT = 64  # sessions one client address may hold (twice its websockets)
SWEEP_EVERY = 30.0  # seconds between sweeps (shorter when the timeout is)
# A session made by a page load whose page never came back (no socket, no
# second request) may give its place to a new visitor once it is this old.
# Without it, a thousand cookie-less GETs kept every new visitor out for
# the whole idle timeout; a real page connects within a second.
DRIVE_BY_GRACE = 10.0


class SessionsFull(RuntimeError):
    """No room for another session: ``max_sessions`` are live and none is idle long enough."""


class ClientSessionsFull(SessionsFull):
    """The client's address holds ``max_sessions_per_client`` sessions, each with a page open."""


@dataclass
class Entry:
    """One live browser session."""

    sid: str
    server: Any  # its SessionServer
    last_seen: float = field(default_factory=time.monotonic)
    requests: int = 1  # requests that named it (a page load, then its socket)
    client: str | None = None  # the address that made it (None: not counted per client)

    @property
    def scope(self) -> Any:
        """The session's scope (``"session:<sid>"``)."""
        return self.server._scope

    def busy(self) -> bool:
        """A page of this session is connected."""
        return bool(self.scope.sessions)


class Registry:
    """Live sessions by id; *make(sid)* builds one (the app's ``build`` on a fresh server)."""

    def __init__(self, make: Callable[[str], Any], timeout: float = DEFAULT_TIMEOUT,
                 max_sessions: int = DEFAULT_MAX_SESSIONS, clock: Callable[[], float] = time.monotonic,
                 keep: Callable[[list[str]], Any] | None = None,
                 max_per_client: int | None = DEFAULT_MAX_SESSIONS_PER_CLIENT) -> None:
        if timeout <= 0:
            raise ValueError("session_timeout must be a positive number of seconds")
        if max_sessions < 1:
            raise ValueError("max_sessions must be at least 1")
        if max_per_client is not None and max_per_client < 1:
            raise ValueError("max_sessions_per_client must be at least 1 (or None for no per-client limit)")
        self.max_per_client = None if max_per_client is None else int(max_per_client)
        self._make = make
        self._keep = keep  # called by each sweep with the ids still live (a backend refreshes their TTL)
        self.timeout = float(timeout)
        self.max_sessions = int(max_sessions)
        self._clock = clock
        self._entries: dict[str, Entry] = {}
        self._lock = threading.Lock()
        self._building: dict[str, threading.Event] = {}
        self._building_for: dict[str, str | None] = {}  # sid being built -> its client address
        self._last_refusal = float("-inf")  # refusals are logged at most once a second
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sid: str) -> Entry | None:
        """The live session *sid*, or ``None``."""
        return self._entries.get(sid)

    def open(self, sid: str, client: str | None = None) -> Entry:
        """Session *sid*, made now if it is not live; raises :class:`SessionsFull` past the cap.

        *client* (the request's address) is counted against ``max_per_client``:
        past it, the client's oldest idle session makes room, or
        :class:`ClientSessionsFull` is raised when each has a page open.
        """
        while True:
            with self._lock:
                entry = self._entries.get(sid)
                if entry is not None:
                    entry.last_seen = self._clock()
                    entry.requests += 1
                    return entry
                waiting = self._building.get(sid)
                if waiting is None:
                    self._room_for_client_locked(client)
                    if len(self._entries) + len(self._building) >= self.max_sessions:
                        self._sweep_locked() or self._drop_drive_by_locked() or self._drop_biggest_share_locked()
                    if len(self._entries) + len(self._building) >= self.max_sessions:
                        self._refused("%d sessions are live (max_sessions)", self.max_sessions)
                        raise SessionsFull(
                            f"this app serves at most {self.max_sessions} browser sessions at once; try again later"
                        )
                    self._building[sid] = threading.Event()
                    self._building_for[sid] = client
                    break
            waiting.wait(10)  # two tabs of one browser loading at once: one build
        try:
            server = self._make(sid)
        except BaseException:
            with self._lock:
                self._building_for.pop(sid, None)
                self._building.pop(sid).set()
            raise
        entry = Entry(sid, server, self._clock(), client=client)
        with self._lock:
            self._entries[sid] = entry
            self._building_for.pop(sid, None)
            self._building.pop(sid).set()
        log.info("browser session %s… started (%d live)", sid[:6], len(self._entries))
        self._start_sweeper()
        return entry

    def sweep(self) -> int:
        """Free the sessions idle for longer than the timeout; how many were freed."""
        with self._lock:
            gone = self._sweep_locked()
            live = list(self._entries)
        if self._keep is not None and live:
            self._keep(live)  # outside the lock: it may wait on the network
        return gone

    def _sweep_locked(self) -> int:
        now = self._clock()
        gone = []
        for sid, entry in list(self._entries.items()):
            if entry.busy():
                entry.last_seen = now
            elif now - entry.last_seen > self.timeout:
                gone.append(self._entries.pop(sid))
        for entry in gone:
            entry.scope.close()
            log.info("browser session %s… expired after %.0f s with no page open; its state was freed (%d live)",
                     entry.sid[:6], self.timeout, len(self._entries))
        return len(gone)

    def _drop_drive_by_locked(self) -> int:
        """Free the oldest session no page ever came back to (see :data:`DRIVE_BY_GRACE`); 1 if one was."""
        now = self._clock()
        unused = [e for e in self._entries.values()
                  if e.requests == 1 and not e.busy() and now - e.last_seen > DRIVE_BY_GRACE]
        if not unused:
            return 0
        entry = min(unused, key=lambda e: e.last_seen)
        del self._entries[entry.sid]
        entry.scope.close()
        log.info("browser session %s… freed for a new visitor: its page never connected (%d live)",
                 entry.sid[:6], len(self._entries))
        return 1

    def _room_for_client_locked(self, client: str | None) -> None:
        """Keep *client* within ``max_per_client``: free its oldest idle session, or refuse."""
        if client is None or self.max_per_client is None:
            return
        mine = [e for e in self._entries.values() if e.client == client]
        held = len(mine) + sum(1 for c in self._building_for.values() if c == client)
        if held < self.max_per_client:
            return
        if self._drop_oldest_idle_locked(mine, f"its address {client} opened a new one past "
                                                f"{self.max_per_client} (max_sessions_per_client)"):
            return
        self._refused("address %s holds %d sessions, each with a page open (max_sessions_per_client)", client, held)
        raise ClientSessionsFull(
            f"your address already holds {held} browser sessions of this app with a page open; "
            "close some of its pages or try again later"
        )

    def _drop_biggest_share_locked(self) -> int:
        """The app is full: free the oldest idle session of the address holding the most (if it holds several)."""
        counts = Counter(e.client for e in self._entries.values() if e.client is not None)
        for client, n in counts.most_common():
            if n < 2:
                return 0
            mine = [e for e in self._entries.values() if e.client == client]
            if self._drop_oldest_idle_locked(mine, f"the app is full and its address {client} holds {n} sessions"):
                return 1
        return 0

    def _drop_oldest_idle_locked(self, entries: list[Entry], why: str) -> bool:
        idle = [e for e in entries if not e.busy()]
        if not idle:
            return False
        entry = min(idle, key=lambda e: e.last_seen)
        del self._entries[entry.sid]
        entry.scope.close()
        log.info("browser session %s… (no page open) freed: %s", entry.sid[:6], why)
        return True

    def _refused(self, why: str, *args: Any) -> None:
        now = time.monotonic()
        if now - self._last_refusal >= 1.0:  # a flood of refusals logs one line a second
            self._last_refusal = now
            log.warning("refused a new browser session: " + why, *args)

    def close_all(self) -> None:
        """Free every session (the server stops)."""
        self._stop.set()
        with self._lock:
            entries, self._entries = list(self._entries.values()), {}
        for entry in entries:
            entry.scope.close()

    def _start_sweeper(self) -> None:
        with self._lock:
            if self._sweeper is not None and self._sweeper.is_alive():
                return
            self._stop.clear()
            self._sweeper = threading.Thread(target=self._sweep_loop, name="htmxtrame-sessions", daemon=True)
            self._sweeper.start()

    def _sweep_loop(self) -> None:
        every = max(0.2, min(SWEEP_EVERY, self.timeout / 4))
        while not self._stop.wait(every):
            try:
                self.sweep()
            except Exception:  # noqa: BLE001 - the sweeper must outlive one failure
                log.exception("sweeping idle browser sessions failed")
            if not self._entries:
                with self._lock:
                    if not self._entries and not self._building:
                        self._sweeper = None
                        return

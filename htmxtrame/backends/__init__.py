"""State backends: where a scope's state is kept and how its changes reach other processes.

Every :class:`~htmxtrame.session.Scope` has a stable *scope key*: ``"shared"``
for the server's state, ``"session:<sid>"`` for a browser session's. A
backend syncs any scope by its key:

* :meth:`Backend.attach` wires a scope in: the scope's flushes go through the
  backend (``state._flushed_fn``) before they are rendered for its pages;
* :meth:`Backend.join` makes the scope current with what the backend holds
  (a no-op in one process); the server calls it before the scope serves its
  first page, so module code that ran before that only seeds defaults;
* :meth:`Backend.detach` forgets a scope (an expired session);
* :meth:`Backend.touch` says the scopes are still held (what the backend
  stores of a session outlives the last worker holding it by its TTL);
* :meth:`Backend.broadcast_call` takes a ``js_call`` or a download link to the scope's pages
  on the other workers (:mod:`htmxtrame.backends.control`, which also
  carries :func:`htmxtrame.logout_sessions` there).

A Redis backend also passes the HTTP fallback's POSTs to the worker holding
the page's event stream (:mod:`htmxtrame.backends.relay`).

:class:`~htmxtrame.backends.local.LocalBackend` is one process, today's
behaviour, and what a server gets with no Redis configured.
:class:`~htmxtrame.backends.redis.RedisBackend` shares every attached scope
between worker processes through Redis (``get_server(redis_url=...)``,
``Server(redis_url=...)`` or ``HTMXTRAME_REDIS_URL``); it and the ``redis``
client are imported only then.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..session import Scope

from ..scopes.factory import SHARED, session_key  # noqa: F401  (the scope keys, defined once)

ENV_URL = "HTMXTRAME_REDIS_URL"


class Backend(Protocol):
    """What a server asks of its state backend (see the module docstring)."""

    multiprocess: bool  # True when worker processes share state through it

    def attach(self, key: str, scope: Scope) -> None:
        """Sync *scope* under *key* from now on."""

    def join(self, key: str) -> None:
        """Make the scope of *key* current with the backend before it serves a page (idempotent)."""

    def detach(self, key: str) -> None:
        """Stop syncing the scope of *key*."""

    def touch(self, keys: list[str]) -> None:
        """The scopes of *keys* are still held here: keep what the backend stores of them."""

    def broadcast_call(self, key: str, call: dict) -> None:
        """Queue the browser *call* for the pages of scope *key* in the other worker processes."""

    def close(self) -> None:
        """Release connections and threads."""


def redis_url(options: dict) -> str | None:
    """The Redis URL configured by ``redis_url=`` or ``$HTMXTRAME_REDIS_URL``, if any."""
    url = options.get("redis_url") or os.environ.get(ENV_URL) or None
    return str(url) if url else None


def make_backend(name: str, options: dict[str, Any]) -> Backend:
    """The backend a server called *name* with *options* uses: Redis when a URL is configured."""
    url = redis_url(options)
    if url is None:
        from .local import LocalBackend

        return LocalBackend()
    from .redis import RedisBackend

    return RedisBackend(
        url,
        prefix=str(options.get("redis_prefix") or f"htmxtrame:{name}"),
        max_message_bytes=int(options.get("redis_max_message_bytes", 1 << 20)),
        session_ttl=int(options.get("redis_session_ttl", 86400)),
    )

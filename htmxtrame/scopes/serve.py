"""One app instance per browser session: :func:`serve_per_session`.

::

    def build(server):                       # as a trame app is written
        state, ctrl = server.state, server.controller
        state.count = 0
        with SinglePageLayout(server) as layout: ...

    server = serve_per_session(build)        # or serve_per_session(MyTrameApp)
    server.start()

Every browser gets a signed cookie naming its session; the first page of a
session calls ``build`` with a fresh :class:`SessionServer` (its own state,
controller and layouts); the browser's other tabs share it, another browser
gets its own. ``server.shared`` (on the session's server) is the returned
server: its state is the one every session shares. Layouts read the shared
keys their own state does not hold, and re-render when they change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..backends import Backend
from ..client_address import client_key
from ..server import Server
from ..session import Scope
from .cookie import COOKIE_MAX_AGE, new_sid, secret_for, sign, unsign
from .factory import SESSION_PREFIX, SHARED, make_scope, session_key
from .registry import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_MAX_SESSIONS_PER_CLIENT,
    DEFAULT_TIMEOUT,
    ClientSessionsFull,
    Registry,
    SessionsFull,
)

log = logging.getLogger("htmxtrame.scopes")
SESSIONS_RETRY_AFTER = 30  # seconds a visitor refused a session is told to wait (Retry-After)


class SessionServer(Server):
    """The server one browser session's ``build`` gets: its own state, controller and layouts.

    ``shared`` is the app's server, whose state every session shares. The
    session's state uses the shared state's lock: a render reads both.
    """

    def __init__(self, shared: PerSessionServer, sid: str) -> None:
        self.shared = shared
        self.sid = sid
        super().__init__(shared.name, **shared.options)

    def _make_scope(self) -> Scope:
        # One lock for the shared state and every session's: a session's
        # page renders and writes shared keys under it, with no lock order.
        self.state.__dict__["_lock"] = self.shared.state._lock
        return make_scope(session_key(self.sid), self.state, self.controller, lambda: self.templates,
                          self.render_limits, parent=self.shared._scope)

    def _connect_backend(self) -> Backend:
        # The app's one backend (one Redis connection per worker, however many
        # sessions), syncing this session under "session:<sid>" until it expires.
        backend = self.shared.backend
        key = self._scope.key
        backend.attach(key, self._scope)
        self._scope.on_close.append(lambda: backend.detach(key))
        return backend

    @property  # type: ignore[override]
    def running(self) -> bool:
        """Whether the app serves (the shared server's flag)."""
        return bool(self.shared.running)

    @running.setter
    def running(self, value: bool) -> None:
        pass  # the shared server's runner owns it

    def start(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: start the server :func:`serve_per_session` returned."""
        raise RuntimeError("a session's server is not started on its own; start the server serve_per_session returned")

    def __repr__(self) -> str:
        return f"<SessionServer {self.name!r} session {self.sid[:6]}…>"


class PerSessionServer(Server):
    """The server :func:`serve_per_session` returns: shared state, sessions built on demand."""

    def __init__(self, name: str, build: Callable[[Any], Any], *, session_timeout: float = DEFAULT_TIMEOUT,
                 max_sessions: int = DEFAULT_MAX_SESSIONS, secret_key: str | bytes | None = None,
                 cookie_name: str | None = None,
                 max_sessions_per_client: int | None = DEFAULT_MAX_SESSIONS_PER_CLIENT, **options: Any) -> None:
        super().__init__(name, **options)
        if not callable(build):
            raise TypeError("serve_per_session(build): build is a function of the server, or a TrameApp class")
        self.build = build
        self.cookie_name = cookie_name or f"htmxtrame_session_{name}".replace(" ", "_")
        self._secret = secret_key
        self.sessions = Registry(self._make_session, session_timeout, max_sessions,
                                 keep=lambda sids: self.backend.touch([session_key(sid) for sid in sids]),
                                 max_per_client=max_sessions_per_client)

    def _make_session(self, sid: str) -> SessionServer:
        server = SessionServer(self, sid)
        self.build(server)
        server.state.ready()
        # With Redis, a session another worker made (or this one, before it
        # restarted) comes back as it was left: its values replace build's defaults.
        self.backend.join(session_key(sid))
        server.context.ready()
        # The session's own ctrl.on_server_ready: its app just came up.
        server._lifecycle("on_server_ready", **server.state.to_dict())
        return server

    def client_connected(self, session: Any, ws: Any = None) -> None:
        """A page connected: the shared server's hooks, then its session's ``on_client_connected``."""
        super().client_connected(session, ws)
        owner = self._owner(session)
        if owner is not None:
            owner._lifecycle("on_client_connected")

    def client_exited(self, session: Any) -> None:
        """A page left: the shared server's hooks, then its session's ``on_client_exited``."""
        super().client_exited(session)
        owner = self._owner(session)
        if owner is not None:
            owner._lifecycle("on_client_exited")

    def _owner(self, session: Any) -> SessionServer | None:
        key = getattr(session.scope, "key", "")
        if not key.startswith(SESSION_PREFIX):
            return None
        entry = self.sessions.get(key[len(SESSION_PREFIX):])
        return entry.server if entry is not None else None

    def session_server(self) -> SessionServer:
        """The session server of this request's browser (made when it has none)."""
        return self._entry().server  # type: ignore[no-any-return]

    def scope_for_request(self) -> Scope:
        """This request's browser session's scope; the shared one outside a request."""
        from flask import has_request_context

        if not has_request_context():
            return self._scope
        self.backend.join(SHARED)  # the shared keys its pages read: current with the other workers
        return self._entry().scope  # type: ignore[no-any-return]

    def templates_for_request(self) -> dict:
        """The layouts of this request's session."""
        from flask import has_request_context

        if not has_request_context():
            return self.templates
        return self._entry().server.templates  # type: ignore[no-any-return]

    def request_owns(self, scope: Scope) -> bool:
        """Only a request carrying the session's own signed cookie acts on a session's scope."""
        if not scope.key.startswith(SESSION_PREFIX):
            return True
        from flask import current_app, request

        sid = unsign(request.cookies.get(self.cookie_name), secret_for(current_app, self._secret))
        return sid is not None and scope.key == session_key(sid)

    def _entry(self) -> Any:
        from flask import after_this_request, current_app, g, request
        from werkzeug.exceptions import ServiceUnavailable, TooManyRequests

        cached = g.get("htmxtrame_session_entry")
        if cached is not None and cached[0] is self:
            return cached[1]
        secret = secret_for(current_app, self._secret)
        sid = unsign(request.cookies.get(self.cookie_name), secret)
        if sid is None:
            sid = new_sid()  # no cookie, or one we did not sign: a fresh session
        try:
            # request.remote_addr: the visitor's address once ProxyFix says who it is behind a proxy;
            # an IPv6 visitor counts by its /64 (htmxtrame.client_address)
            entry = self.sessions.open(sid, client_key(request.remote_addr))
        except ClientSessionsFull as exc:
            raise TooManyRequests(str(exc), retry_after=SESSIONS_RETRY_AFTER) from None
        except SessionsFull as exc:
            raise ServiceUnavailable(str(exc), retry_after=SESSIONS_RETRY_AFTER) from None
        g.htmxtrame_session_entry = (self, entry)
        if request.headers.get("Upgrade", "").lower() != "websocket":
            value = sign(sid, secret)

            @after_this_request
            def set_cookie(resp: Any) -> Any:
                # Re-signed on every page load, so a session in use never ages out.
                resp.set_cookie(self.cookie_name, value, max_age=COOKIE_MAX_AGE, httponly=True,
                                samesite="Lax", secure=request.is_secure, path="/")
                return resp
        return entry

    def stop(self) -> Any:
        """Stop serving and free every session."""
        done = super().stop()
        self.sessions.close_all()
        return done


def serve_per_session(build: Callable[[Any], Any], name: str = "trame", *,
                      session_timeout: float = DEFAULT_TIMEOUT, max_sessions: int = DEFAULT_MAX_SESSIONS,
                      secret_key: str | bytes | None = None, cookie_name: str | None = None,
                      max_sessions_per_client: int | None = DEFAULT_MAX_SESSIONS_PER_CLIENT,
                      **options: Any) -> PerSessionServer:
    """A server that runs ``build(server)`` once per browser session.

    *build* is a function of a server, or a ``TrameApp`` class (called with
    the session's server). ``session_timeout`` (seconds, default 1800) frees
    a session that has had no page open that long; ``max_sessions`` (default
    1000) caps the live sessions (a new browser past it gets a 503);
    ``max_sessions_per_client`` (default 64, ``None`` for none) caps those of
    one client address (past it, its oldest session with no page open is
    freed, or the new one gets a 429). Cookies
    are signed with *secret_key*, else the Flask app's ``secret_key``.
    Other options are :class:`~htmxtrame.server.Server`'s. Start it, mount
    it (``init_app``) or test it like any server.
    """
    return PerSessionServer(name, build, session_timeout=session_timeout, max_sessions=max_sessions,
                            secret_key=secret_key, cookie_name=cookie_name,
                            max_sessions_per_client=max_sessions_per_client, **options)

"""A server used by simulated users in the test process, as if it were served.

A served app has run its lifecycle hooks (``on_server_start(server)``,
``on_server_bind(app)``, ``on_server_ready(**state)``) before any page
loads, and each event runs inside a Flask request. :func:`host_app` does
the first once per server and returns the Flask app whose request contexts
the simulated user runs in; :class:`Snapshot` puts a server's state back
between tests.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any

from ..lifecycle import call_hook

# Kept on the server itself: the app's views hold the server, so a mapping
# keyed weakly by server would never let either go.
_APP_ATTR = "_htmxtrame_testing_app"


def host_app(server: Any) -> Any:
    """The Flask app serving *server* for simulated users; runs the start hooks once.

    A server that already serves (started, or mounted with ``init_app``)
    has run its hooks: they are not run again.
    """
    app = getattr(server, _APP_ATTR, None)
    if app is None:
        fresh = not server.state.is_ready
        if fresh:
            call_hook(server.controller, "on_server_start", server)
        app = server.flask_app()
        if fresh and not server.state.is_ready:
            _bind(server, app)
        setattr(server, _APP_ATTR, app)
    return app


def _bind(server: Any, app: Any) -> None:
    """``on_server_bind(app)``, a live state, ``on_server_ready(**state)`` — what serving does."""
    embedded_in = getattr(server, "embedded_in", None)
    if embedded_in is not None:
        embedded_in(app)
        return
    call_hook(server.controller, "on_server_bind", app)
    server.state.ready()
    call_hook(server.controller, "on_server_ready", **server.state.to_dict())


def _copy(value: Any) -> Any:
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - a value that cannot be copied is restored as the same object
        return value


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:  # noqa: BLE001 - arrays and friends: restore to be sure
        return False


class Snapshot:
    """The values of a state at one moment, to put back later."""

    def __init__(self, state: Any) -> None:
        self.values = {key: _copy(value) for key, value in state.snapshot().items()}

    def restore(self, state: Any) -> list[str]:
        """Put the values back (keys set since read ``None``) without running listeners.

        Pages still connected get the restored values. Returns the keys restored.
        """
        current = state.snapshot()
        changes = {key: _copy(value) for key, value in self.values.items()
                   if key not in current or not _same(current[key], value)}
        changes.update({key: None for key in current if key not in self.values and current[key] is not None})
        if changes:
            with state.suppress_change_listeners(*changes):
                state.update(changes)
                state.flush()
        return list(changes)


# The state each server had when the kit first met it in this run.
_pristine: weakref.WeakKeyDictionary[Any, Snapshot] = weakref.WeakKeyDictionary()


class Isolation:
    """Keeps one test's changes to servers' states from reaching the next test.

    :meth:`enter` a server when a test starts using it: the first time the
    kit meets a server its state is recorded, later its state is put back to
    that record; :meth:`leave` puts every entered server back again.
    """

    def __init__(self) -> None:
        self._servers: dict[int, Any] = {}

    def enter(self, server: Any) -> None:
        """Start using *server* in this test."""
        if id(server) in self._servers:
            return
        self._servers[id(server)] = server
        snapshot = _pristine.get(server)
        if snapshot is None:
            _pristine[server] = Snapshot(server.state)
        else:
            snapshot.restore(server.state)

    def leave(self) -> None:
        """The test is over: put each server's state back."""
        for server in self._servers.values():
            snapshot = _pristine.get(server)
            if snapshot is not None:
                snapshot.restore(server.state)
        self._servers.clear()

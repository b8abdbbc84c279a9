"""Authorization that holds for the whole visit, not only the handshake.

The host's login check runs for the websocket handshake like for any
request; this module runs it again for **every message** the page sends,
so a page whose user logged out, whose session expired or whose rights
were withdrawn stops acting at its next click.

* The default check re-runs the host's ``before_request`` functions (the
  app's own and its blueprints', not htmxtrame's) in a request context
  rebuilt from the handshake: same URL, headers and cookies, the session
  opened again by the host's session interface (so expiry and server-side
  sessions are honoured).
* ``authorize=fn`` (a server option, or ``init_app(..., authorize=fn)``)
  replaces it: ``fn(request)`` returns true to allow, false to refuse as
  "log in", or aborts (``abort(403)``). ``authorize=False`` turns the
  per-message check off (the handshake is still checked).

A refused message is not applied; the socket closes with
:data:`CLOSE_LOGIN` (4401: log in) or :data:`CLOSE_FORBIDDEN` (4403), and the
page goes to the login URL. :func:`logout_sessions` closes the open sockets
of a user at once (call it from the host's logout view).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, request, session
from werkzeug.exceptions import HTTPException

from ..backends import control as workers

log = logging.getLogger("htmxtrame.transport")

CLOSE_LOGIN = 4401  # not (or no longer) logged in: the page goes to the login URL
CLOSE_FORBIDDEN = 4403  # logged in but not allowed: the page reloads, the host answers
CLOSE_ERROR = 1011  # the host's check itself failed

# Session keys that change without the user changing (flash messages, flags).
_VOLATILE = frozenset({"_flashes", "_permanent", "csrf_token", "_fresh"})


@dataclass
class Refusal:
    """Why a message was refused: the close code, a reason and where to log in."""

    code: int
    reason: str
    location: str | None = None


def check(app: Flask, own_blueprint: str, authorize: Any) -> Refusal | None:
    """Run the host's checks in the current (rebuilt) request context."""
    if authorize is False:
        return None
    try:
        if callable(authorize):
            allowed = authorize(request._get_current_object())  # type: ignore[attr-defined]
            return None if allowed else Refusal(CLOSE_LOGIN, "login required")
        rv = _before_request(app, own_blueprint)
    except HTTPException as exc:
        return _refusal(exc.get_response())
    except Exception:  # noqa: BLE001 - a broken guard refuses, and says so in the log
        log.exception("the host's authorization check raised; closing the websocket")
        return Refusal(CLOSE_ERROR, "authorization check failed")
    return None if rv is None else _refusal(app.make_response(rv))


def _before_request(app: Flask, own_blueprint: str) -> Any:
    """What ``app.preprocess_request`` does, minus htmxtrame's own hooks."""
    names = [name for name in (None, *reversed(request.blueprints)) if name != own_blueprint]
    for name in names:
        for pre in app.url_value_preprocessors.get(name, ()):
            pre(request.endpoint, request.view_args)
    for name in names:
        for fn in app.before_request_funcs.get(name, ()):
            rv = app.ensure_sync(fn)()
            if rv is not None:
                return rv
    return None


def _refusal(resp: Any) -> Refusal:
    status = resp.status_code
    location = resp.headers.get("Location")
    if status == 401 or 300 <= status < 400:
        return Refusal(CLOSE_LOGIN, "login required", location)
    return Refusal(CLOSE_FORBIDDEN, f"not allowed (HTTP {status})", location)


# -- the open sockets, for logout -------------------------------------------------

class _Open:
    """One open websocket: its session as last seen, and how to close it."""

    def __init__(self, items: dict, close: Callable[[int, str], None]) -> None:
        self.items = items
        self.close = close


_open: dict[int, _Open] = {}
_open_lock = threading.Lock()


def register(items: dict, close: Callable[[int, str], None]) -> int:
    """Track an open socket whose page has session *items*; returns its handle."""
    entry = _Open(items, close)
    with _open_lock:
        _open[id(entry)] = entry
    return id(entry)


def update(handle: int, items: dict) -> None:
    """The socket's session as the latest message saw it."""
    with _open_lock:
        entry = _open.get(handle)
        if entry is not None:
            entry.items = items


def unregister(handle: int) -> None:
    """The socket closed."""
    with _open_lock:
        _open.pop(handle, None)


def logout_sessions(match: Mapping | Callable[[Mapping], bool] | None = None, reason: str = "logged out") -> int:
    """Close the open htmxtrame websockets of a user; returns how many this process closed.

    * ``logout_sessions()`` inside a request (the host's logout view, before
      it clears the session): the sockets whose session holds the same
      values as this request's (flash messages and other volatile keys aside).
    * ``logout_sessions({"user": "bob"})``: sockets whose session has these items.
    * ``logout_sessions(lambda s: s.get("role") == "guest")``: any test of a session.

    Each page closed this way goes to the host's login URL (close code 4401).
    With several workers sharing state through Redis, the first two forms
    also close the matching pages of every other worker (a message on
    Redis; the count returned is this worker's only). A callable cannot
    cross processes: it closes this worker's pages only (logged once), as
    does a match whose values have no JSON form (logged).
    """
    if match is None:
        if not _in_request():
            raise RuntimeError(
                "logout_sessions() without arguments reads the current request's session: call it "
                "in your logout view (before session.clear()), or pass logout_sessions({'user': name})"
            )
        wanted = {k: v for k, v in session.items() if k not in _VOLATILE}
        if not wanted:
            return 0  # an anonymous session would match every anonymous page
        match = wanted
    if callable(match):
        if workers.backends():
            _say_local_once()
        return _close_matching(match, reason)
    wanted = dict(match)
    closed = _close_matching(_contains(wanted), reason)
    workers.send_logout(wanted, reason)  # {} matches every page, here as on the other workers
    return closed


def _close_matching(test: Callable[[Mapping], bool], reason: str) -> int:
    with _open_lock:
        doomed = [entry for entry in _open.values() if _safe(test, entry.items)]
    for entry in doomed:
        try:
            entry.close(CLOSE_LOGIN, reason)
        except Exception:  # noqa: BLE001 - a socket already gone (its page navigated away) is closed
            log.debug("logout_sessions: a page's socket was already closed", exc_info=True)
    return len(doomed)


_told_local = False


def _say_local_once() -> None:
    global _told_local
    if not _told_local:
        _told_local = True
        log.info("logout_sessions(<a function>) closes this worker's pages only: a function cannot reach other "
                 "workers; pass a dict of session items, e.g. logout_sessions({'user': name}), to close them everywhere")


def _remote_logout(payload: dict) -> None:
    """Another worker's logout: close this worker's matching pages."""
    _close_matching(_contains(payload["match"], as_json=True), payload["reason"])


workers.on("logout", _remote_logout)


def _contains(wanted: dict, as_json: bool = False) -> Callable[[Mapping], bool]:
    """A test of a session's items; *as_json*: *wanted* came through JSON (a tuple is now a list)."""
    def same(have: Any, value: Any) -> bool:
        return have == value or (as_json and _json_form(have) == value)

    return lambda items: all(key in items and same(items[key], value) for key, value in wanted.items())


def _json_form(value: Any) -> Any:
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return _NO_JSON


_NO_JSON = object()


def _safe(test: Callable[[Mapping], bool], items: dict) -> bool:
    try:
        return bool(test(items))
    except Exception:  # noqa: BLE001 - a bad test must not stop the other logouts
        log.exception("logout_sessions: the match test raised")
        return False


def _in_request() -> bool:
    from flask import has_request_context

    return has_request_context()

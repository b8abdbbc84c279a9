"""The browser session cookie: a random session id, signed.

The id is 128 random bits, signed with the Flask app's ``secret_key``
(itsdangerous, which Flask ships). A cookie whose signature does not check
out (forged, or signed with another key), or older than its ``max_age``,
reads as no cookie: the browser gets a fresh session, never someone else's.
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Any

log = logging.getLogger("htmxtrame.scopes")

SALT = "htmxtrame.session"
COOKIE_MAX_AGE = 30 * 24 * 3600  # seconds a signed id stays valid; re-signed on every page load
_fallback_key: str | None = None
_fallback_lock = threading.Lock()


def new_sid() -> str:
    """A fresh, unguessable session id."""
    return secrets.token_urlsafe(16)


def secret_for(app: Any, configured: str | bytes | None = None) -> str | bytes:
    """The key cookies are signed with: *configured*, else the Flask app's ``secret_key``.

    With neither, a random per-process key (logged once): sessions then do
    not survive a restart, and several worker processes would not share them.
    """
    if configured:
        return configured
    key = getattr(app, "secret_key", None)
    if key:
        return key  # type: ignore[no-any-return]
    global _fallback_key
    with _fallback_lock:
        if _fallback_key is None:
            _fallback_key = secrets.token_hex(32)
            log.warning(
                "per-session state: no secret key set (app.secret_key or serve_per_session(secret_key=...)); "
                "using a random one for this process: sessions end when it restarts"
            )
        return _fallback_key


def _serializer(secret: str | bytes) -> Any:
    from itsdangerous import URLSafeTimedSerializer  # ships with Flask

    return URLSafeTimedSerializer(secret, salt=SALT)


def sign(sid: str, secret: str | bytes) -> str:
    """The cookie value for *sid*."""
    return str(_serializer(secret).dumps(sid))


def unsign(value: str | None, secret: str | bytes, max_age: int = COOKIE_MAX_AGE) -> str | None:
    """The session id in cookie *value*; ``None`` when missing, forged, malformed or too old."""
    if not value or len(value) > 512:
        return None
    from itsdangerous import BadData

    try:
        sid = _serializer(secret).loads(value, max_age=max_age)
    except BadData:
        return None
    if not isinstance(sid, str) or not 8 <= len(sid) <= 64:
        return None
    return sid

"""Who may talk to the app: the Host allow-list, the Origin check, framing.

**Host (DNS rebinding).** A site the visitor opens can point its own name
at 127.0.0.1 and then script an app bound to localhost as if it were the
same site: the browser sends ``Host: attacker.test``. Requests whose Host
is not on the allow-list are refused. Allowed: ``localhost``, any IP
address literal (``127.0.0.1``, ``[::1]``, ``192.168.1.5``: rebinding needs a
name the attacker controls, and a page served from an IP address is that
address's own origin), the host the built-in server was bound to, the
names given with ``Server(allowed_hosts=...)``, ``--allowed-hosts`` or
``HTMXTRAME_ALLOWED_HOSTS``, and the host Flask app's ``TRUSTED_HOSTS``.
A name starting with a dot also allows its subdomains (as Flask's
``TRUSTED_HOSTS``); ``"*"`` allows every Host (only behind a proxy that
checks Host itself).

**Origin (cross-site websocket hijacking).** A browser's websocket,
upload or download request names the page that made it. It must be the
app's own origin — scheme, host and port exactly — or one listed in
``allowed_origins``.

**Framing.** Pages answer with ``frame-ancestors 'self'`` and
``X-Frame-Options: SAMEORIGIN`` unless ``frame_ancestors`` names the
embedding origins.

No Flask import: the blueprint passes the request's values in.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

ENV_ALLOWED_HOSTS = "HTMXTRAME_ALLOWED_HOSTS"
LOOPBACK_NAMES = frozenset({"localhost"})
_ANY_ADDRESS = ("", "0.0.0.0", "::")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}

HOST_HELP = (
    f"Add the name with --allowed-hosts NAME (comma-separated), the {ENV_ALLOWED_HOSTS} environment variable, "
    "Server(allowed_hosts=[...]) or Flask's TRUSTED_HOSTS."
)


def names(value: Any) -> list[str]:
    """Host names or origins from an option: a string is one entry (or a comma-separated list)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def env_hosts() -> list[str]:
    """The names in ``HTMXTRAME_ALLOWED_HOSTS``."""
    return names(os.environ.get(ENV_ALLOWED_HOSTS))


def hostname(host: str) -> str:
    """The name part of a ``Host`` header value, lower case, without port or brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """Whether a request's ``Host`` header value *host* is on the allow-list.

    *allowed* holds the configured names (see the module's docstring);
    ``localhost`` and IP address literals are always allowed.
    """
    if not host:
        return True  # no Host at all (HTTP/1.0 tools): not a browser, so no rebinding
    name = hostname(host)
    if not name or name in LOOPBACK_NAMES or _is_ip(name):
        return bool(name)
    for entry in allowed:
        entry = entry.strip().lower()
        if entry == "*":
            return True
        if entry.startswith("."):
            if name == entry[1:] or name.endswith(entry):
                return True
        elif hostname(entry) == name:
            return True
    return False


def bound_host(host: str | None) -> list[str]:
    """The bound host of the built-in server, as an allowed name (none for every interface)."""
    return [] if host in _ANY_ADDRESS or host is None else [host]


def origin_key(origin: str) -> tuple[str, str, int | None] | None:
    """``(scheme, host, port)`` of an origin or URL, with default ports filled in; ``None`` if it has none."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if not scheme or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS.get(scheme)


def origin_allowed(origin: str | None, scheme: str, host: str, allowed: Any) -> bool:
    """Whether a request from page *origin* to ``scheme://host`` may go on.

    No ``Origin`` header: not a browser, nothing to hijack. Otherwise the
    origin must be the request's own (scheme, host and port exactly) or one
    of *allowed* (``allowed_origins``: one origin as a string, or several).
    """
    if origin is None:
        return True
    key = origin_key(origin)
    if key is None:
        return False  # "null", "file://": no site to trust
    if key == origin_key(f"{scheme}://{host}"):
        return True
    return any(key == origin_key(entry) for entry in names(allowed))


def frame_headers(ancestors: Any) -> dict[str, str]:
    """The headers that keep pages out of other sites' frames (*ancestors*: origins allowed to frame them)."""
    extra = names(ancestors)
    if not extra:
        return {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN"}
    # X-Frame-Options cannot name other sites; browsers that know CSP ignore it anyway.
    return {"Content-Security-Policy": "frame-ancestors 'self' " + " ".join(extra)}

"""Mounting an htmxtrame server inside a host Flask app.

``server.init_app(app, url_prefix="/viz")`` registers the server's
blueprint under the prefix. Every URL the page uses (static files, the
websocket, uploads, module folders) is relative to the page, so the app
works at any prefix and behind any reverse proxy that keeps the path.
The host's ``before_request`` handlers run for each of those requests,
the websocket handshake included: a login check that redirects or answers
401 keeps both the page and its socket closed to strangers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Flask, request

from .blueprint import make_blueprint

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

SOCK_DEFAULTS = {"ping_interval": 25, "max_message_size": 1 << 20}


MOUNT_OPTIONS = frozenset({"template", "block", "login_url", "authorize"})
UPLOAD_VIEW = "htmxtrame.transport.blueprint.upload"  # what Flask-WTF's CSRFProtect.exempt names


def mount(server: Server, app: Flask, url_prefix: str = "", name: str | None = None, **options: Any) -> Blueprint:
    """Register *server*'s blueprint on *app* under *url_prefix*; return it."""
    if not isinstance(app, Flask):
        raise TypeError(f"init_app() takes a Flask app, got {type(app).__name__}")
    if url_prefix and not url_prefix.startswith("/"):
        raise ValueError(f"url_prefix must start with '/', e.g. '/viz'; got {url_prefix!r}")
    check_options(options)
    # trame's client URL (/ws) on the server's own app only: a host app may route that path itself.
    bp = make_blueprint(server, name, trame_path=bool(app.extensions.get("htmxtrame_standalone")))
    if bp.name in app.blueprints:
        raise ValueError(
            f"a blueprint named {bp.name!r} is already registered on {app.name}; pass "
            "init_app(app, url_prefix, name='another_name') to mount the same server twice"
        )
    app.extensions.setdefault("htmxtrame", {})[bp.name] = options
    sock_defaults(app)
    app.register_blueprint(bp, url_prefix=url_prefix.rstrip("/") or None)
    return bp


def check_options(options: dict) -> None:
    """Refuse an unknown or malformed mount option with a clear error."""
    unknown = set(options) - MOUNT_OPTIONS
    if unknown:
        raise TypeError(f"init_app() got unknown option(s) {sorted(unknown)}; it takes {sorted(MOUNT_OPTIONS)}")
    template = options.get("template")
    if template is not None and not isinstance(template, str):
        raise TypeError(f"template= names a Jinja template of the host, e.g. 'base.html'; got {template!r}")
    block = options.setdefault("block", "content")
    if not isinstance(block, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", block):
        raise ValueError(f"block= names a Jinja block of the template, e.g. 'content'; got {block!r}")
    authorize = options.get("authorize")
    if authorize is not None and authorize is not False and not callable(authorize):
        raise TypeError("authorize= takes a function authorize(request) -> bool, or False to check only the handshake")


def embeddable(server: Server, name: str | None = None) -> Blueprint:
    """*server*'s blueprint for the host to register itself.

    ``app.register_blueprint(server.blueprint(), url_prefix="/viz")`` then
    does what ``init_app`` does: the websocket defaults, the app's
    ``on_server_bind(app)`` / ``on_server_ready`` hooks, a live state.
    """
    bp = make_blueprint(server, name)

    def registered(setup: Any) -> None:
        sock_defaults(setup.app)
        server.embedded_in(setup.app)

    bp.record_once(registered)
    return bp


def sock_defaults(app: Flask) -> None:
    """The websocket options htmxtrame needs, unless the host set its own."""
    options = app.config.setdefault("SOCK_SERVER_OPTIONS", {})
    for key, value in SOCK_DEFAULTS.items():
        options.setdefault(key, value)
    exempt_upload_from_csrf(app)


def exempt_upload_from_csrf(app: Flask) -> None:
    """Flask-WTF's ``CSRFProtect`` leaves htmxtrame's upload route alone.

    By design: the page posts files with ``fetch``, carrying no form token;
    the route refuses a foreign ``Origin``, passes the host's login check,
    and its answer is only a token that the page's own websocket (same
    session, same origin) can claim. Done in the first ``before_request``
    function, so a ``CSRFProtect`` set up after ``init_app`` is seen too.
    """
    if app.extensions.get("htmxtrame_csrf_hook"):
        return
    app.extensions["htmxtrame_csrf_hook"] = True

    def exempt() -> None:
        csrf = app.extensions.get("csrf")
        if csrf is not None and request.method == "POST" and UPLOAD_VIEW not in getattr(csrf, "_exempt_views", ()):
            csrf.exempt(UPLOAD_VIEW)

    app.before_request_funcs.setdefault(None, []).insert(0, exempt)

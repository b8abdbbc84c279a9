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

from typing import TYPE_CHECKING, Any

from flask import Blueprint, Flask

from .blueprint import make_blueprint

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

SOCK_DEFAULTS = {"ping_interval": 25, "max_message_size": 1 << 20}


def mount(server: "Server", app: Flask, url_prefix: str = "", name: str | None = None) -> Blueprint:
    """Register *server*'s blueprint on *app* under *url_prefix*; return it."""
    if not isinstance(app, Flask):
        raise TypeError(f"init_app() takes a Flask app, got {type(app).__name__}")
    if url_prefix and not url_prefix.startswith("/"):
        raise ValueError(f"url_prefix must start with '/', e.g. '/viz'; got {url_prefix!r}")
    bp = make_blueprint(server, name)
    if bp.name in app.blueprints:
        raise ValueError(
            f"a blueprint named {bp.name!r} is already registered on {app.name}; pass "
            "init_app(app, url_prefix, name='another_name') to mount the same server twice"
        )
    sock_defaults(app)
    app.register_blueprint(bp, url_prefix=url_prefix.rstrip("/") or None)
    return bp


def embeddable(server: "Server", name: str | None = None) -> Blueprint:
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

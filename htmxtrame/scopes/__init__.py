"""State scopes: shared (the server's), per browser session, per page.

* :mod:`.factory` — :func:`make_scope`, the one place a :class:`~htmxtrame.session.Scope`
  is made, and :func:`on_scope_created`, the hook a backend (Redis) attaches with.
* :mod:`.page` — client-only keys: the values one page wrote, kept with that page.
* :mod:`.cookie`, :mod:`.registry`, :mod:`.serve` — one app instance per browser
  session (:func:`serve_per_session`).

Nothing here is imported eagerly: ``events`` and ``session`` (low in the
layer list) import :mod:`.page` and :mod:`.factory` without pulling in the
server.
"""

from __future__ import annotations

from typing import Any

__all__ = ["make_scope", "on_scope_created", "serve_per_session"]


def __getattr__(name: str) -> Any:
    if name in ("make_scope", "on_scope_created"):
        from . import factory

        return getattr(factory, name)
    if name == "serve_per_session":
        from .serve import serve_per_session

        return serve_per_session
    raise AttributeError(name)

"""The one place scopes are made, and the hook a backend attaches with.

Every :class:`~htmxtrame.session.Scope` has a stable *key*: ``"shared"`` for
a server's own state, ``"session:<sid>"`` for a browser session's
(:mod:`htmxtrame.scopes.serve`). :func:`make_scope` makes every one of them
and calls each function registered with :func:`on_scope_created` with the
new scope; what that function returns (a callable, or ``None``) is called
once when the scope ends (a session expired). A multi-worker backend uses
this to sync each scope's state under its key.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ..controller import Controller
from ..render_limits import RenderLimits
from ..session import Scope
from ..state import State

log = logging.getLogger("htmxtrame.scopes")

SHARED = "shared"
SESSION_PREFIX = "session:"

ScopeHook = Callable[[Scope], Callable[[], Any] | None]
_hooks: list[ScopeHook] = []
_lock = threading.Lock()


def on_scope_created(fn: ScopeHook) -> ScopeHook:
    """Call ``fn(scope)`` for every scope made from now on; usable as a decorator.

    ``fn`` may return a callable: it runs once when that scope ends. A hook
    that raises is logged and does not stop the scope from being made.
    """
    with _lock:
        _hooks.append(fn)
    return fn


def remove_scope_hook(fn: ScopeHook) -> None:
    """Stop calling *fn* for new scopes (scopes it saw keep their end callables)."""
    with _lock:
        if fn in _hooks:
            _hooks.remove(fn)


def session_key(sid: str) -> str:
    """The scope key of browser session *sid*."""
    return SESSION_PREFIX + sid


def make_scope(
    key: str,
    state: State,
    controller: Controller,
    templates: Callable[[], dict],
    limits: RenderLimits | None = None,
    parent: Scope | None = None,
) -> Scope:
    """A new scope named *key*, wired to *state*'s flushes, announced to the hooks.

    With *parent* (the shared scope), pages of this scope also read the
    parent's keys that this state does not hold, and see them change.
    """
    scope = Scope(state, controller, templates, limits, key=key, parent=parent)
    state._flushed_fn = scope.commit  # one render per flush (the page's hook)
    with _lock:
        hooks = list(_hooks)
    for hook in hooks:
        try:
            ended = hook(scope)
        except Exception:  # noqa: BLE001 - a backend's failure must not stop the app
            log.exception("scope hook %r failed for scope %s", hook, key)
            continue
        if ended is not None:
            scope.on_close.append(ended)
    return scope

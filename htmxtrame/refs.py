"""Server-side refs: objects living on the server that answer a ``ref``.

trame apps call methods of a view by its ``ref``: ``server.js_call(ref="view",
method="resetCamera")`` or ``click="$refs.view.resetCamera()"``. For a page
element those calls go to the browser; a server-rendered 3D view has nothing
to call in the page, so it registers its methods here and both forms reach the
Python object instead. Refs are kept per state (one per server; a child server
shares its parent's).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_refs: weakref.WeakKeyDictionary[Any, dict[str, dict[str, Callable]]] = weakref.WeakKeyDictionary()


def register(state: Any, ref: str, methods: dict[str, Callable]) -> None:
    """Make *ref* on *state*'s server answer *methods* (JS name → callable)."""
    with _lock:
        _refs.setdefault(state, {})[ref] = dict(methods)


def unregister(state: Any, ref: str) -> None:
    """Forget *ref* (a view that was replaced)."""
    with _lock:
        _refs.get(state, {}).pop(ref, None)


def lookup(state: Any, ref: str) -> dict[str, Callable] | None:
    """The methods registered for *ref*, or None when it is a page element."""
    with _lock:
        return _refs.get(state, {}).get(ref)


def namespace(state: Any) -> dict[str, dict[str, Callable]]:
    """``$refs`` for expressions: ``{ref: {method: fn}}`` of every server-side ref."""
    with _lock:
        return {ref: dict(methods) for ref, methods in _refs.get(state, {}).items()}


def call(state: Any, ref: str, method: str, args: list) -> bool:
    """Call *method* of a server-side *ref*; False when *ref* is not one.

    Raises ``ValueError`` for a method the ref does not have.
    """
    methods = lookup(state, ref)
    if methods is None:
        return False
    fn = methods.get(method)
    if fn is None:
        raise ValueError(f"js_call: {ref!r} is a server-side view; its methods are {sorted(methods)}, not {method!r}")
    fn(*args)
    return True

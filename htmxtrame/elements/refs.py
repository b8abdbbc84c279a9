"""``$refs`` in event expressions: the server-side methods of elements given a ``ref``.

A widget whose methods run on the server (a ``VForm``'s ``validate``,
``reset``, ``resetValidation``) lists them in ``_methods`` (name →
``fn(ctx) -> result``, *ctx* being the event's expression context). In an
event expression ``$refs.form.validate()`` then calls the method of the
element rendered with ``ref="form"``, as Vue's ``this.$refs`` does in a
trame template. Elements with a ref and no server methods show as empty
objects, so calling one is a clear "is not a function" error.
"""

from __future__ import annotations

from typing import Any

from ..expr.properties import NativeFunction
from .base import AbstractElement


def uses_refs(code: Any) -> bool:
    """Whether a compiled handler expression reads ``$refs``."""
    return code is not None and "$refs" in getattr(code, "names", ())


def page_refs(element: AbstractElement) -> dict[str, dict[str, Any]]:
    """``{ref: {method: function}}`` for the page *element* is part of."""
    root = element
    while isinstance(root.parent, AbstractElement):
        root = root.parent
    refs: dict[str, dict[str, Any]] = {}
    for node in root.walk():
        ref = node.attributes.get("data-ht-ref")
        if not isinstance(ref, str):
            continue
        methods = refs.setdefault(ref, {})
        for name, fn in (node.__dict__.get("_methods") or {}).items():
            methods[name] = NativeFunction(name, _bound(fn), needs_run=True)
    return refs


def _bound(fn: Any) -> Any:
    def call(run: Any, *args: Any) -> Any:
        return fn(run.ctx, *args)

    return call

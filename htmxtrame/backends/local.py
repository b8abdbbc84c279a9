"""The in-process backend: a scope's state lives in this process only (trame's model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..session import Scope


class LocalBackend:
    """Each flush goes straight to the scope's pages; nothing leaves the process."""

    multiprocess = False

    def __init__(self) -> None:
        self.scopes: dict[str, Scope] = {}

    def attach(self, key: str, scope: Scope) -> None:
        """Render *scope*'s flushes for its pages (``state._flushed_fn``)."""
        self.scopes[key] = scope
        scope.state._flushed_fn = scope.commit

    def join(self, key: str) -> None:
        """Nothing to catch up with in one process."""

    def detach(self, key: str) -> None:
        """Forget the scope of *key*; its pages get no more updates."""
        scope = self.scopes.pop(key, None)
        if scope is not None:
            scope.state._flushed_fn = None

    def touch(self, keys: list[str]) -> None:
        """Nothing is stored elsewhere."""

    def broadcast_call(self, key: str, call: dict) -> None:
        """No other process has pages."""

    def close(self) -> None:
        """Nothing to release."""

"""Controller: late-bound callables and triggers.

``ctrl.name`` returns a proxy that can be handed to an element
(``click=ctrl.reset``) before any function is bound to it; the binding
(``ctrl.reset = fn``) can come later. Calling the proxy calls whatever is
bound at call time.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

log = logging.getLogger("htmxtrame.controller")


class FunctionNotImplementedError(NotImplementedError):
    """A controller name was called while nothing was bound to it."""


class ControllerFunction:
    """The late-bound proxy behind ``ctrl.name``.

    Holds one *set* function and a list of *added* ones. Calling it returns
    the set function's result when only that is bound, else the list of
    every result (set first, then added, in order).
    """

    def __init__(self, controller: "Controller", name: str) -> None:
        self.controller = controller
        self.name = name
        self.func: Callable | None = None
        self.funcs: list[Callable] = []
        self.once_funcs: set[int] = set()

    def set(self, fn: Callable | None) -> None:
        """Bind *fn* as the single set function (``None`` unbinds)."""
        if fn is not None and not callable(fn):
            raise TypeError(
                f"ctrl.{self.name} must be bound to a callable, got "
                f"{type(fn).__name__}: {fn!r}"
            )
        self.func = fn

    def add(self, fn: Callable, once: bool = False) -> None:
        """Add *fn*; with ``once=True`` it is dropped after its first call."""
        if not callable(fn):
            raise TypeError(
                f"ctrl.{self.name}.add() takes a callable, got {type(fn).__name__}"
            )
        if fn not in self.funcs:
            self.funcs.append(fn)
        if once:
            self.once_funcs.add(id(fn))

    def discard(self, fn: Callable) -> None:
        """Remove *fn* whether it was set or added."""
        if self.func is fn:
            self.func = None
        if fn in self.funcs:
            self.funcs.remove(fn)
        self.once_funcs.discard(id(fn))

    def clear(self) -> None:
        """Unbind everything."""
        self.func = None
        self.funcs.clear()
        self.once_funcs.clear()

    def exists(self) -> bool:
        """True when at least one function is bound."""
        return self.func is not None or bool(self.funcs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call what is bound now; trame's return values (see :meth:`Controller.set`)."""
        if not self.exists():
            if self.controller._empty_ok:
                return None
            raise FunctionNotImplementedError(
                f"ctrl.{self.name} was called but no function is bound to it. "
                f"Bind one with `ctrl.{self.name} = fn` or "
                f"`@ctrl.add('{self.name}')` before the event fires."
            )
        results = []
        if self.func is not None:
            results.append(self.func(*args, **kwargs))
        for fn in list(self.funcs):
            if id(fn) in self.once_funcs:
                self.discard(fn)
            results.append(fn(*args, **kwargs))
        if self.func is not None and len(results) == 1:
            return results[0]
        return results

    def __repr__(self) -> str:
        return f"<ctrl.{self.name} bound={self.exists()}>"


class Controller:
    """A namespace of late-bound functions, shared by the UI and Python."""

    # Set through __dict__ (attribute writes are controller bindings); declared for type checkers.
    _funcs: dict[str, ControllerFunction]
    _triggers: dict[str, Callable]
    _empty_ok: bool

    def __init__(self) -> None:
        self.__dict__["_funcs"] = {}
        self.__dict__["_triggers"] = {}  # trigger name -> callable
        self.__dict__["_empty_ok"] = False

    def _proxy(self, name: str) -> ControllerFunction:
        funcs = self.__dict__["_funcs"]
        if name not in funcs:
            funcs[name] = ControllerFunction(self, name)
        return funcs[name]

    def __getattr__(self, name: str) -> ControllerFunction:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._proxy(name)

    __getitem__ = __getattr__

    def __setattr__(self, name: str, fn: Callable | None) -> None:
        self._proxy(name).set(fn)

    __setitem__ = __setattr__

    def __contains__(self, name: str) -> bool:
        return name in self._funcs and self._funcs[name].exists()

    def enable_empty(self) -> None:
        """Let calls of unbound names return ``None`` instead of raising."""
        self.__dict__["_empty_ok"] = True

    # -- decorators --------------------------------------------------------
    def set(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: bind the function as ``ctrl.<name>``."""

        def register(fn: Callable) -> Callable:
            self._proxy(name).set(fn)
            return fn

        return register

    def add(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: add the function to ``ctrl.<name>``."""

        def register(fn: Callable) -> Callable:
            self._proxy(name).add(fn)
            return fn

        return register

    def once(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: add the function to ``ctrl.<name>`` for one call only."""

        def register(fn: Callable) -> Callable:
            self._proxy(name).add(fn, once=True)
            return fn

        return register

    def add_task(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: add an async function to ``ctrl.<name>``."""
        if not isinstance(name, str):
            raise TypeError("ctrl.add_task() takes the controller name, e.g. @ctrl.add_task('load')")
        return self.add(name)

    def trigger(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: make the function callable as ``trigger('name', ...)``."""

        def register(fn: Callable) -> Callable:
            self._triggers[name] = fn
            return fn

        return register

    def trigger_name(self, fn: Callable) -> str:
        """The trigger name of *fn*, registering it under a generated one."""
        for name, bound in self._triggers.items():
            if bound is fn:
                return name
        name = f"trigger__{len(self._triggers) + 1}"
        self._triggers[name] = fn
        return name

    def call_trigger(self, name: str, args: list | None = None, kwargs: dict | None = None) -> Any:
        """Call the trigger *name*; its return value goes back to the caller."""
        fn = self._triggers.get(name)
        if fn is None:
            raise FunctionNotImplementedError(
                f"trigger('{name}') was called but no function is registered "
                f"under that name. Register one with @ctrl.trigger('{name}')."
            )
        return fn(*(args or ()), **(kwargs or {}))


"""Controller: late-bound callables and triggers, with trame-server's semantics.

``ctrl.name`` returns a proxy that can be handed to an element
(``click=ctrl.reset``) before any function is bound to it; the binding
(``ctrl.reset = fn``) can come later. Calling the proxy calls whatever is
bound at call time: the *set* function, then the *added* ones, then the
*once* ones (dropped after that call), and schedules the *task* ones.

What a call returns is trame's rule: the set function's result when only it
is bound; otherwise a list (set result first, then added and once results;
a task's entry is its ``asyncio`` task/future). A bound function may be a
``weakref.WeakMethod``/``weakref.ref``; once its object is gone it is skipped.

Child controllers (``Controller(internal=parent, translator=...)``) share the
parent's functions and triggers through a translator.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

from .translator import Translator

log = logging.getLogger("htmxtrame.controller")


class FunctionNotImplementedError(NotImplementedError):
    """A controller name was called while nothing was bound to it."""


def _safe_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call *fn*; a dead weak reference is skipped and gives ``None``."""
    if isinstance(fn, weakref.ref):  # WeakMethod is a weakref.ref too
        target = fn()
        return None if target is None else target(*args, **kwargs)
    return fn(*args, **kwargs)


def _check_callable(name: str, fn: Any, how: str) -> None:
    if not callable(fn):
        raise TypeError(f"ctrl.{name}{how} a callable, got {type(fn).__name__}: {fn!r}")


class _Counter:
    """The generated-trigger counter a root controller shares with its children."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


class ControllerFunction:
    """The late-bound proxy behind ``ctrl.name``."""

    def __init__(self, controller: Controller, name: str, func: Callable | None = None) -> None:
        self.controller = controller
        self.name = name
        self.func: Callable | None = func
        # Lists (not trame's sets): calls run in the order functions were added.
        self.funcs: list[Callable] = []
        self.funcs_once: list[Callable] = []
        self.task_funcs: list[Callable] = []
        self.can_be_empty = False

    # -- binding -----------------------------------------------------------
    def set(self, func: Callable | None) -> None:
        """Bind *func* as the single set function (``None`` unbinds)."""
        if func is not None:
            _check_callable(self.name, func, " must be bound to")
        self.func = func

    def add(self, func: Callable, once: bool = False) -> None:
        """Add *func*, called after the set function; ``once=True`` is :meth:`once`."""
        _check_callable(self.name, func, ".add() takes")
        target = self.funcs_once if once else self.funcs
        if func not in target:
            target.append(func)

    def once(self, func: Callable) -> None:
        """Add *func* for the next call only."""
        self.add(func, once=True)

    def add_task(self, func: Callable) -> None:
        """Add an async function: each call schedules it as a task."""
        _check_callable(self.name, func, ".add_task() takes")
        if func not in self.task_funcs:
            self.task_funcs.append(func)

    def discard(self, func: Callable) -> None:
        """Remove *func* however it was bound; no error when it was not."""
        if self.func == func:
            self.func = None
        for group in (self.funcs, self.funcs_once, self.task_funcs):
            if func in group:
                group.remove(func)

    def remove(self, func: Callable) -> None:
        """Remove an added *func*; ``KeyError`` when it was not added."""
        if func not in self.funcs:
            raise KeyError(f"ctrl.{self.name}.remove(): {func!r} was not added (use discard() to ignore that)")
        self.funcs.remove(func)

    def remove_task(self, func: Callable) -> None:
        """Remove a task *func*; ``KeyError`` when it was not added as a task."""
        if func not in self.task_funcs:
            raise KeyError(f"ctrl.{self.name}.remove_task(): {func!r} was not added with add_task()")
        self.task_funcs.remove(func)

    def clear(self, set_only: bool = False) -> None:
        """Unbind everything; with ``set_only=True`` keep the set function."""
        if not set_only:
            self.func = None
        self.funcs.clear()
        self.funcs_once.clear()
        self.task_funcs.clear()

    def exists(self) -> bool:
        """True when a function is set, added or added as a task."""
        return self.func is not None or bool(self.funcs) or bool(self.task_funcs)

    def enable_empty(self, value: bool = True) -> ControllerFunction:
        """Let a call with nothing bound return ``None`` instead of raising."""
        self.can_be_empty = value
        return self

    # -- calling -----------------------------------------------------------
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call what is bound now (see the module docstring for the result)."""
        if self.func is None and not (self.funcs or self.funcs_once or self.task_funcs):
            if self.can_be_empty or self.controller._empty_ok:
                return None
            raise FunctionNotImplementedError(
                f"ctrl.{self.name} was called but no function is bound to it. "
                f"Bind one with `ctrl.{self.name} = fn` or `@ctrl.add('{self.name}')` before the event fires."
            )
        calls = self.funcs + self.funcs_once
        self.funcs_once = []
        result = _safe_call(self.func, *args, **kwargs) if self.func is not None else None
        results = [_safe_call(fn, *args, **kwargs) for fn in calls]
        if self.task_funcs:
            from .aio import create_task  # the event-loop helper sits above the controller

            for fn in list(self.task_funcs):
                coro = _safe_call(fn, *args, **kwargs)
                results.append(create_task(coro) if coro is not None else None)
        if self.func is None:
            return results
        if calls:
            return [result, *results]
        if self.task_funcs:
            return results
        return result

    def __repr__(self) -> str:
        return f"<ctrl.{self.name} bound={self.exists()}>"


class Controller:
    """A namespace of late-bound functions, shared by the UI and Python."""

    # Set through __dict__ (attribute writes are controller bindings); declared for type checkers.
    _translator: Translator
    _func_dict: dict[str, ControllerFunction]
    _triggers: dict[str, Callable]
    _triggers_fn2name: dict[Any, str]
    _triggers_name_id: _Counter
    _empty_ok: bool

    def __init__(self, translator: Translator | None = None, internal: Controller | None = None,
                 hot_reload: bool = False) -> None:
        d = self.__dict__
        d["_translator"] = translator or Translator()
        d["_hot_reload"] = hot_reload
        for name, make in (("_func_dict", dict), ("_triggers", dict), ("_triggers_fn2name", dict),
                           ("_triggers_name_id", _Counter)):
            d[name] = internal.__dict__[name] if internal is not None else make()
        d["_empty_ok"] = internal._empty_ok if internal is not None else False

    # -- names -------------------------------------------------------------
    def __getattr__(self, name: str) -> ControllerFunction:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        key = self._translator.translate_key(name)
        funcs = self._func_dict
        if key not in funcs:
            funcs[key] = ControllerFunction(self, key)
        return funcs[key]

    def __getitem__(self, name: str) -> ControllerFunction:
        return self.__getattr__(name)

    def __setattr__(self, name: str, fn: Callable | None) -> None:
        if name in self.__dict__ or hasattr(type(self), name):
            raise NameError(f"'{name}' is a special attribute on Controller that cannot be re-assigned")
        self.__getattr__(name).set(fn)

    def __setitem__(self, name: str, fn: Callable | None) -> None:
        self.__setattr__(name, fn)

    def __contains__(self, name: str) -> bool:
        key = self._translator.translate_key(name)
        return key in self._func_dict and self._func_dict[key].exists()

    def enable_empty(self) -> None:
        """Let calls of every unbound name return ``None`` instead of raising."""
        self.__dict__["_empty_ok"] = True

    # -- decorators --------------------------------------------------------
    def set(self, name: str, clear: bool = False) -> Callable[[Callable], Callable]:
        """Decorator: bind the function as ``ctrl.<name>`` (``clear=True`` unbinds the rest first)."""

        def register(fn: Callable) -> Callable:
            if clear:
                self[name].clear()
            self[name].set(fn)
            return fn

        return register

    def add(self, name: str, clear: bool = False) -> Callable[[Callable], Callable]:
        """Decorator: add the function to ``ctrl.<name>`` (``clear=True`` unbinds the rest first)."""
        self._check_name(name, "add")

        def register(fn: Callable) -> Callable:
            if clear:
                self[name].clear()
            self[name].add(fn)
            return fn

        return register

    def once(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: add the function to ``ctrl.<name>`` for one call only."""
        self._check_name(name, "once")

        def register(fn: Callable) -> Callable:
            self[name].once(fn)
            return fn

        return register

    def add_task(self, name: str, clear: bool = False) -> Callable[[Callable], Callable]:
        """Decorator: add an async function to ``ctrl.<name>``; each call schedules it."""
        self._check_name(name, "add_task")

        def register(fn: Callable) -> Callable:
            if clear:
                self[name].clear()
            self[name].add_task(fn)
            return fn

        return register

    @staticmethod
    def _check_name(name: Any, how: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"ctrl.{how}() takes the controller name, e.g. @ctrl.{how}('load'); got {name!r}")

    # -- triggers ----------------------------------------------------------
    def trigger(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: make the function callable from the page as ``trigger('name', ...)``."""
        if not name.startswith("trigger__"):
            name = self._translator.translate_key(name)

        def register(fn: Callable) -> Callable:
            self._triggers[name] = fn
            try:
                self._triggers_fn2name[fn] = name
            except TypeError:  # an unhashable callable keeps its name only one way
                pass
            return fn

        return register

    def trigger_name(self, fn: Callable) -> str:
        """The trigger name of *fn*, registering it as ``trigger__N`` the first time."""
        try:
            return self._triggers_fn2name[fn]
        except (KeyError, TypeError):
            pass
        name = f"trigger__{self._triggers_name_id.next()}"
        self.trigger(name)(fn)
        return name

    def trigger_fn(self, name: str) -> Callable | None:
        """The function registered under trigger *name*, or ``None``."""
        return self._triggers.get(name)

    def trigger_unregister(self, fn_or_name: Any) -> Any:
        """Forget a trigger by function or name; what it was mapped to, or ``False``."""
        if not isinstance(fn_or_name, str) and fn_or_name in self._triggers_fn2name:
            name = self._triggers_fn2name.pop(fn_or_name)
            self._triggers.pop(name, None)
            return name
        if fn_or_name in self._triggers:
            fn = self._triggers.pop(fn_or_name)
            self._triggers_fn2name.pop(fn, None)
            return fn
        return False

    def call_trigger(self, name: str, args: list | None = None, kwargs: dict | None = None) -> Any:
        """Call the trigger *name*; its return value goes back to the caller."""
        fn = self._triggers.get(name)
        if fn is None:
            raise FunctionNotImplementedError(
                f"trigger('{name}') was called but no function is registered "
                f"under that name. Register one with @ctrl.trigger('{name}')."
            )
        return _safe_call(fn, *(args or ()), **(kwargs or {}))

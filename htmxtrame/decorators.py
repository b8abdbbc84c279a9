"""``htmxtrame.decorators``: trame's class-based app decorators.

Mark methods with ``@change("a", "b")``, ``@trigger("name")``,
``@controller.set/add/once/add_task("name")`` or ``@life_cycle.server_ready``
(and the other ``life_cycle.*`` hooks); decorate the class with
``@TrameApp()`` (or derive from :class:`htmxtrame.app.TrameApp`). When an
instance is created, each marked method is bound to the instance's server —
found on the attribute named by ``TrameApp(server="server")`` — with an
optional name prefix read from the attribute named by ``namespace``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from .hot_reload import hot_reload

_MARKS = ("_trame_state_change", "_trame_trigger_names", "_trame_controller")


def _mark(fn: Callable, attr: str, values: list) -> Callable:
    target = fn.__func__ if isinstance(fn, (staticmethod, classmethod)) else fn
    if not hasattr(target, attr):
        setattr(target, attr, [])
    getattr(target, attr).extend(values)
    return fn


def change(*keys: str) -> Callable[[Callable], Callable]:
    """Method decorator: a state change listener for *keys*."""
    if not keys or not all(isinstance(k, str) for k in keys):
        raise TypeError(f"@change() takes one or more state key names, e.g. @change('resolution'); got {keys!r}")
    return lambda fn: _mark(fn, "_trame_state_change", list(keys))


def trigger(*names: str) -> Callable[[Callable], Callable]:
    """Method decorator: callable from templates as ``trigger('name')``."""
    if not names or not all(isinstance(n, str) for n in names):
        raise TypeError(f"@trigger() takes one or more trigger names, e.g. @trigger('export'); got {names!r}")
    return lambda fn: _mark(fn, "_trame_trigger_names", list(names))


def _controller_mark(method: str) -> Callable[..., Callable[[Callable], Callable]]:
    def decorator(*names: str) -> Callable[[Callable], Callable]:
        if not names or not all(isinstance(n, str) for n in names):
            raise TypeError(f"@controller.{method}() takes controller names, e.g. @controller.{method}('reset')")
        return lambda fn: _mark(fn, "_trame_controller", [{"method": method, "name": n} for n in names])

    return decorator


class _ControllerMarks:
    """``controller.set/add/once/add_task(name)`` method decorators."""

    def __init__(self) -> None:
        self.set = _controller_mark("set")
        self.add = _controller_mark("add")
        self.once = _controller_mark("once")
        self.add_task = _controller_mark("add_task")


class _LifeCycleMarks:
    """``life_cycle.server_ready`` and friends: add the method to ``ctrl.on_*``.

    ``life_cycle.<hook>_task`` adds an async method with ``add_task`` (it runs
    as a task on the server's loop).
    """

    def __init__(self) -> None:
        for hook in ("server_start", "server_bind", "server_ready", "client_connected",
                     "client_exited", "server_exited", "server_reload", "error", "exception"):
            setattr(self, hook, _controller_mark("add")(f"on_{hook}"))
            if hook != "server_bind":
                setattr(self, f"{hook}_task", _controller_mark("add_task")(f"on_{hook}"))


controller = _ControllerMarks()
life_cycle = _LifeCycleMarks()


def bind_marked_methods(instance: Any, server: Any, prefix: str = "") -> None:
    """Register every marked method of *instance* with *server*."""
    for name, _ in inspect.getmembers(type(instance), lambda x: inspect.isfunction(x) or inspect.ismethod(x)):
        fn = getattr(instance, name)
        marks = getattr(fn, "__func__", fn).__dict__
        if not any(m in marks for m in _MARKS):
            continue
        if "_trame_state_change" in marks:
            server.state.change(*[prefix + k for k in marks["_trame_state_change"]])(fn)
        for trig in marks.get("_trame_trigger_names", ()):
            server.controller.trigger(trig)(fn)
            if prefix:
                server.controller.trigger(prefix + trig)(fn)
        for action in marks.get("_trame_controller", ()):
            decorate = getattr(server.controller, action["method"])
            decorate(action["name"])(fn)
            if prefix and not action["name"].startswith("on_"):
                decorate(prefix + action["name"])(fn)


class TrameApp:
    """Class decorator: ``@TrameApp()`` binds marked methods at construction.

    *server* names the instance attribute holding the server (``"server"``);
    *namespace* names an attribute holding a prefix for state and controller
    names (empty: no prefix).
    """

    def __init__(self, server: str = "server", namespace: str = "") -> None:
        if not isinstance(server, str):
            raise TypeError("TrameApp(server=...) takes the *name* of the attribute holding the server, e.g. 'server'")
        self.server_attr = server
        self.namespace_attr = namespace

    def __call__(self, klass: type) -> Callable[..., Any]:
        outer = self

        @functools.wraps(klass, updated=())
        def construct(*args: Any, **kwargs: Any) -> Any:
            instance = klass(*args, **kwargs)
            server = getattr(instance, outer.server_attr, None)
            if server is None:
                raise AttributeError(
                    f"@TrameApp(server={outer.server_attr!r}): {klass.__name__} instances need a "
                    f"'{outer.server_attr}' attribute holding the server, set in __init__"
                )
            prefix = getattr(instance, outer.namespace_attr, "") if outer.namespace_attr else ""
            bind_marked_methods(instance, server, prefix or "")
            return instance

        return construct


def task(func: Callable) -> Callable:
    """Decorator: calling the async *func* schedules it as a task (``htmxtrame.app.asynchronous.task``)."""
    from .aio import task as make_task

    return make_task(func)


__all__ = [
    "TrameApp", "bind_marked_methods", "change", "controller", "hot_reload", "life_cycle", "task", "trigger",
]

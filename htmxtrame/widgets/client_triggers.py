"""``client.ClientTriggers``: handlers run when a page connects or leaves, or by name.

trame runs them in each page; here they run on the server. A handler is
what trame apps pass:

* a Python callable (``mounted=on_page``), called with no argument, or with
  the arguments of :meth:`ClientTriggers.call`;
* ``(fn, "[args]")``: *fn* called with the evaluated list (``"['created']"``);
* an expression string (``"count += 1"``): evaluated against the state, with
  ``$event`` the first argument of ``call``. Browser objects (``window``)
  do not exist on the server: such a handler logs a warning and changes
  nothing.

``mounted``/``created`` run when a page connects; ``exit``,
``beforeDestroy``/``before_destroy``, ``beforeUnmount``/``before_unmount``,
``destroyed``/``unmounted`` when it leaves; any other name by
``triggers.call(name, *args)`` or ``server.js_call(ref, "emit", name, *args)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .. import refs
from ..elements import AbstractElement
from ..expr import Context, ExpressionError, compile_expr, compile_statement

log = logging.getLogger("htmxtrame.widgets.client")

PAGE_EVENTS = {
    "mounted": "on_client_connected", "created": "on_client_connected",
    "exit": "on_client_exited", "before_unmount": "on_client_exited", "before_destroy": "on_client_exited",
    "beforeUnmount": "on_client_exited", "beforeDestroy": "on_client_exited",
    "destroyed": "on_client_exited", "unmounted": "on_client_exited",
}
_ATTRIBUTES = ("classes", "style", "id")


def state_context(state: Any, event: Any) -> Context:
    """An expression context over *state* alone (reads, writes, member writes), with ``$event`` = *event*."""

    def lookup(name: str) -> Any:
        if name in state:
            return state[name]
        raise KeyError(name)

    def assign(name: str, value: Any) -> None:
        state[name] = value

    return Context(lookup=lookup, assign=assign, touch=lambda name: state.dirty(name), locals={"$event": event})


def make_handler(name: str, spec: Any, owner: AbstractElement) -> Callable[..., Any]:
    """A Python callable running the handler *spec* given as keyword *name*."""
    if callable(spec):
        return spec
    if isinstance(spec, tuple) and spec and callable(spec[0]):
        fn = spec[0]
        args = compile_expr(spec[1]) if len(spec) > 1 and isinstance(spec[1], str) else None

        def with_args(*given: Any) -> Any:
            if args is None:
                return fn(*given)
            values = args.evaluate(state_context(owner.state, given[0] if given else None))
            return fn(*(values if isinstance(values, list) else [values]))
        return with_args
    if isinstance(spec, str):
        code = compile_statement(spec)  # a syntax error shows now, where the app builds its UI

        def expression(*given: Any) -> Any:
            state = owner.state
            try:
                with state:
                    return code.evaluate(state_context(state, given[0] if given else None))
            except ExpressionError as exc:
                log.warning("ClientTriggers(%s=%r) runs on the server and failed there: %s", name, spec, exc)
                return None
        return expression
    raise TypeError(f"ClientTriggers({name}=...) takes a callable, (callable, '[args]') or an expression string, "
                    f"got {type(spec).__name__}")


class ClientTriggers(AbstractElement):
    """Handlers run when a page connects or leaves, or by name (see the module docstring).

    ``triggers = ClientTriggers(mounted=on_page, refresh=reload_data)`` then
    ``triggers.call("refresh", 1)`` runs ``reload_data(1)``.
    """

    def __init__(self, ref: str = "trame_triggers", children: Any = None, **kwargs: Any) -> None:
        # trame treats every keyword but the element's own attributes as an event name.
        specs = {k: kwargs.pop(k) for k in list(kwargs) if k not in _ATTRIBUTES}
        super().__init__("div", None, hidden=True, **kwargs)
        self._ref = ref
        self._handlers = {name: make_handler(name, spec, self) for name, spec in specs.items()}
        for name, fn in self._handlers.items():
            hook = PAGE_EVENTS.get(name)
            if hook is not None:
                self.ctrl[hook].add(fn)
        # trame's ClientTriggers.call is server.js_call(ref, "emit", name, *args): both reach call().
        refs.register(self.state, ref, {"emit": self.call})

    def call(self, method: str, *args: Any) -> Any:
        """Run the handler registered as *method* (trame emits it in every page, which calls back)."""
        if method not in self._handlers:
            raise KeyError(f"ClientTriggers.call({method!r}): no such trigger; known: {sorted(self._handlers)}")
        return self._handlers[method](*args)

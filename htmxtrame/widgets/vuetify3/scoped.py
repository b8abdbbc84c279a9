"""Event code for a widget whose slot shadows state names: read and write the state itself.

A slot's props (``page``, ``items``, ``model``…) are locals of the slot's
content, and a state key of the same name is hidden behind them there.
Code a widget runs from inside its slot (a data iterator's ``nextPage``, a
confirm-edit's ``save``) is about the widget's own state keys, so it
evaluates its inputs and writes its target with the slot's locals set
aside; only the argument the app wrote (``setPage(pageCount)``) is read
where it was written.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ...expr import Context, compile_expr, compile_statement
from .computed import Computed


def outside(ctx: Context) -> Context:
    """*ctx* without its locals (slot props, loop variables, ``$event``)."""
    c = copy.copy(ctx)
    c.scopes = ()
    return c


class StateAssign(Computed):
    """``target = fn(*parts, arg)``: parts and target read in state, *arg* where the handler was written."""

    def __init__(self, label: str, target: str, parts: list[str], fn: Callable[..., Any], arg: str | None = None):
        super().__init__(label, parts, fn)
        self.write = compile_statement(f"{target} = $value")
        self.arg = compile_expr(arg) if arg else None

    def evaluate(self, ctx: Context) -> Any:
        """Compute the value outside the slot and write it to the widget's state key."""
        state = outside(ctx)
        values = [p.evaluate(state) for p in self.parts]
        if self.arg is not None:
            values.append(self.arg.evaluate(ctx))
        value = self.fn(*values)
        return self.write.evaluate(state.child(**{"$value": value}))


class Outside(Computed):
    """An expression read in state, past the slot's locals (the value a widget's own event reports)."""

    def __init__(self, source: str) -> None:
        super().__init__(source, [source], lambda v: v)

    def evaluate(self, ctx: Context) -> Any:
        """The value with the slot's locals set aside."""
        return super().evaluate(outside(ctx))


def chain_outside(widget: Any, node: Any, dom_event: str, vue_event: str, value: str) -> None:
    """As ``VElement.chain``, with ``$event`` = *value* read in state (not in the slot)."""
    h = widget.take_event(vue_event)
    if h is None:
        return
    also = dict(node._also)
    also[dom_event] = [*also.get(dom_event, []), (h, Outside(value))]
    node.__dict__["_also"] = also


__all__ = ["Outside", "StateAssign", "chain_outside", "outside"]

"""Values a widget computes in Python from expressions, for what a template cannot say.

A date picker's month grid, a tree flattened into visible rows, a virtual
scroller's window: each is a Python function of values read through ordinary
compiled expressions, so the renderer still records which state keys a
fragment read. Nothing here evaluates text from the browser: the functions
are the widgets' own code, and their inputs are state values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...elements import EventHandler
from ...expr import Context, Expr, ExpressionError, compile_expr, truthy
from ...expr.vue import VFor


class Computed(Expr):
    """An expression whose value is ``fn(*values of parts)``.

    Reads go through the *parts* (compiled expressions), so a fragment that
    shows the result re-renders when any state key they read changes.
    """

    def __init__(self, label: str, parts: list[str], fn: Callable[..., Any]) -> None:
        exprs = [compile_expr(p) for p in parts]
        super().__init__(label, frozenset().union(*(e.names for e in exprs)), None)  # type: ignore[arg-type]
        self.parts = exprs
        self.fn = fn

    def evaluate(self, ctx: Context) -> Any:
        """The function's value; a failure is an :class:`ExpressionError` naming the widget."""
        values = [p.evaluate(ctx) for p in self.parts]
        try:
            return self.fn(*values)
        except ExpressionError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise ExpressionError(f"{type(exc).__name__}: {exc}", self.source) from exc


class Assign(Computed):
    """Event code: assign ``fn(*values)`` to a state key (a date picker's month, say).

    *target* is a compiled statement taking ``$value`` (``key = $value``).
    """

    def __init__(self, label: str, target: Expr, parts: list[str], fn: Callable[..., Any]) -> None:
        super().__init__(label, parts, fn)
        self.target = target

    def evaluate(self, ctx: Context) -> Any:
        """Compute the value and write it."""
        value = super().evaluate(ctx)
        return self.target.evaluate(ctx.child(**{"$value": value}))


class When(Expr):
    """Event code that runs *inner* (code, or a Python callback's arguments) only while *cond* holds.

    For a code handler it is the code; for a callback it is the argument
    list with the condition first (see :func:`only_when`).
    """

    def __init__(self, cond: str, inner: Expr | None, prepend: bool) -> None:
        test = compile_expr(cond)
        names = test.names | (inner.names if inner is not None else frozenset())
        super().__init__(f"({cond}) ? ({inner.source if inner is not None else ''}) : null", names, None)  # type: ignore[arg-type]
        self.test, self.inner, self.prepend = test, inner, prepend

    def evaluate(self, ctx: Context) -> Any:
        """The code's value (or the arguments) when the condition holds."""
        ok = truthy(self.test.evaluate(ctx))
        if self.prepend:
            rest = self.inner.evaluate(ctx) if self.inner is not None and ok else []
            return [ok, *(rest if isinstance(rest, list) else [rest])]
        return self.inner.evaluate(ctx) if ok and self.inner is not None else None


def only_when(handler: EventHandler, cond: str) -> EventHandler:
    """*handler* made to run only while the expression *cond* holds (Vuetify's ``finish``, say)."""
    if handler.code is not None:
        return EventHandler(handler.event, code=When(cond, handler.code, False))
    fn = handler.fn
    assert fn is not None

    def guarded(ok: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs) if ok else None

    return EventHandler(handler.event, fn=guarded, args=When(cond, handler.args, True), kwargs=handler.kwargs)


class Rows(VFor):
    """A ``v_for`` whose rows a Python function makes: ``fn(*values) -> [tuple, ...]``.

    Used for slot scopes (one row holding ``isSelected``, ``selectedClass``…)
    and for windows over long lists (rows ``(item, index)`` from a start).
    """

    __slots__ = ("fn",)

    def __init__(self, names: tuple[str, ...], parts: list[str], fn: Callable[..., list[tuple]], label: str) -> None:
        iterable = Computed(label, parts, lambda *v: v)
        super().__init__(label, names, iterable)
        self.fn = fn

    def iterate(self, ctx: Context, limit: int | None = None) -> list[tuple]:
        """The rows, each padded or cut to the alias count.

        With *limit* (the render budget's rows left), at most ``limit + 1``
        rows come back: enough for the renderer to see there are too many.
        """
        values = self.iterable.evaluate(ctx)
        try:
            rows = self.fn(*values)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise ExpressionError(f"{type(exc).__name__}: {exc}", self.source) from exc
        n = len(self.names)
        if limit is not None:
            rows = rows[:limit + 1]
        return [tuple(row[:n]) + (None,) * (n - len(row)) for row in rows]


def slot_names(binding: Any) -> list[tuple[str, str]]:
    """``"{ isSelected, toggle: t }"`` → ``[("isSelected", "isSelected"), ("toggle", "t")]``."""
    if not isinstance(binding, str):
        return []
    pairs = []
    for part in binding.strip().strip("{}").split(","):
        if not part.strip():
            continue
        prop, _, alias = part.partition(":")
        prop = prop.strip()
        pairs.append((prop, (alias or prop).strip()))
    return pairs

"""The host's interface to state (:class:`Context`) and per-evaluation runtime state."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping
from typing import Any

from .errors import ExpressionError
from .jsvalues import JSFunction

__all__ = ["Context", "Env", "Run", "call_function"]


class Context:
    """Where an expression reads and writes names.

    Args:
        lookup: ``lookup(name) -> value``; raise KeyError for unknown names
            (they then evaluate to ``undefined``, as in Vue templates).
        assign: ``assign(name, value)`` for assignments to non-local names;
            None forbids assignment.
        touch: ``touch(root_name)`` after an in-place mutation through a
            member path (``items[i].done = true`` -> ``touch("items")``).
        locals: names shadowing state (v_for aliases, ``$event``).  The dict
            is used as is, so assignments to locals are visible to the host.
        functions: host callables (``trigger``, ``set``, ...), or dicts of
            them; the only Python callables an expression may call.
        max_steps: evaluation budget per ``evaluate()`` call (function calls
            and callback invocations count).
        max_seconds: wall-time budget per ``evaluate()`` call: big strings
            and arrays make single steps slow, so steps alone do not bound it.
        deadline: a ``time.monotonic()`` instant no evaluation may run past
            (the renderer's own budget), or None.

    Names resolve: locals (innermost first) -> functions -> built-in globals
    -> lookup().
    """

    def __init__(
        self,
        lookup: Callable[[str], Any],
        assign: Callable[[str, Any], None] | None = None,
        touch: Callable[[str], None] | None = None,
        locals: dict | None = None,
        functions: Mapping[str, Any] | None = None,
        max_steps: int = 100_000,
        max_seconds: float = 0.25,
        deadline: float | None = None,
    ):
        self.lookup = lookup
        self.assign = assign
        self.touch = touch
        self.functions = functions if functions is not None else {}
        self.max_steps = max_steps
        self.max_seconds = max_seconds
        self.deadline = deadline
        self.scopes: tuple[dict, ...] = (locals,) if locals else ()
        self._allowed: frozenset[int] | None = None

    def child(self, /, **locals: Any) -> Context:
        """A context with extra locals (one per v_for iteration) sharing everything else."""
        c = copy.copy(self)
        c.scopes = (locals,) + self.scopes if locals else self.scopes
        return c

    def is_allowed(self, fn: Any) -> bool:
        """True if ``fn`` is a host function handed over in ``functions``."""
        allowed = self._allowed
        if allowed is None:
            ids: set[int] = set()
            _collect_callables(self.functions, ids, 0)
            allowed = self._allowed = frozenset(ids)
        return id(fn) in allowed


def _collect_callables(value: Any, ids: set[int], depth: int) -> None:
    # Host helpers may come grouped (e.g. {"utils": {"fmt": fn}}); allow nested ones too.
    if depth > 8:
        return
    items = value.values() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else ()
    for v in items:
        if callable(v) and not isinstance(v, (Mapping, list, tuple)):
            ids.add(id(v))
        else:
            _collect_callables(v, ids, depth + 1)


# Steps between two looks at the clock. Cheap expressions never reach it, so
# they never read the clock; a step that handles a big value charges in
# proportion and looks at once.
_CLOCK_EVERY = 1000


class Run:
    """Mutable state of one ``evaluate()`` call: the step and time budget."""

    __slots__ = ("ctx", "steps", "max_steps", "deadline", "_next_check")

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.steps = 0
        self.max_steps = ctx.max_steps
        self.deadline: float | None = None  # set at the first look at the clock
        self._next_check = min(_CLOCK_EVERY, self.max_steps + 1)

    def charge(self, n: int = 1) -> None:
        """Spend *n* steps; ExpressionError once the step or time budget is exceeded."""
        self.steps += n
        if self.steps >= self._next_check:
            self._check()

    def _check(self) -> None:
        if self.steps > self.max_steps:
            raise ExpressionError(f"evaluation step limit exceeded ({self.max_steps} steps); "
                                  "the expression does too much work")
        self._next_check = min(self.steps + _CLOCK_EVERY, self.max_steps + 1)
        now = time.monotonic()
        if self.deadline is None:
            # Timed from the first costly step: everything before it was cheap.
            self.deadline = now + self.ctx.max_seconds
            if self.ctx.deadline is not None:
                self.deadline = min(self.deadline, self.ctx.deadline)
        if now > self.deadline:
            raise ExpressionError(f"evaluation time limit exceeded ({self.ctx.max_seconds:g} s, or the "
                                  "page's render time ran out); the expression does too much work")


class Env:
    """Lexical environment: local scopes (innermost first) plus the run."""

    __slots__ = ("scopes", "run")

    def __init__(self, scopes: tuple[dict, ...], run: Run):
        self.scopes = scopes
        self.run = run


def call_function(run: Run | None, fn: Any, args: list, what: str = "value") -> Any:
    """Call a JS function value; host callables only if allow-listed."""
    if isinstance(fn, JSFunction):
        return fn.call(run, args)
    if callable(fn) and run is not None and run.ctx.is_allowed(fn):
        run.charge()
        return fn(*args)
    raise ExpressionError(f"{what} is not a function")

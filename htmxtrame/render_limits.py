"""The render budget: how much one page load or one flush may render.

Any visitor can set a bound value (a number input feeding ``v_for="i in
n"``), so what a render costs must not be up to them. Each page load, and
each flush of one layout, gets a :class:`Budget` of ``v_for`` rows,
elements, characters of HTML and wall time (:class:`RenderLimits`). The
fragment being rendered when a limit is crossed shows an error marker
instead of its content, the log names the element and the expression, and
the rest of the page still renders: what the failed fragment used is given
back, except the time.

Once the time is spent, loops and large fragments fail at their next check
while small fragments still render, so the inputs that could bring the
value back down stay on the page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from dominate.util import escape

# Clock reads are cheap but not free: look at it every so many rows / nodes.
_ROWS_PER_CLOCK = 32
_NODES_PER_CLOCK = 256


@dataclass
class RenderLimits:
    """Limits of one page load or one flush (per layout); change them on ``server.render_limits``.

    ``Server(name, render_max_rows=..., render_max_nodes=..., render_max_chars=...,
    render_max_seconds=..., expression_max_seconds=...)`` sets them at creation.
    """

    max_rows: int = 10_000  # v_for rows, every loop counted, nested loops multiply
    max_nodes: int = 50_000  # elements and {{ }} texts
    max_chars: int = 4_000_000  # characters of HTML produced
    max_seconds: float = 1.0  # wall time of the whole render
    expression_seconds: float = 0.25  # wall time of one expression evaluation

    _OPTIONS: ClassVar[dict[str, str]] = {
        "render_max_rows": "max_rows",
        "render_max_nodes": "max_nodes",
        "render_max_chars": "max_chars",
        "render_max_seconds": "max_seconds",
        "expression_max_seconds": "expression_seconds",
    }

    @classmethod
    def from_options(cls, options: dict) -> RenderLimits:
        """The limits a ``Server(**options)`` asked for (defaults for the rest)."""
        given = {attr: options[name] for name, attr in cls._OPTIONS.items() if name in options}
        limits = cls(**given)
        for f in fields(limits):
            value = getattr(limits, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                option = next(k for k, v in cls._OPTIONS.items() if v == f.name)
                raise ValueError(f"{option} must be a positive number, got {value!r}")
        return limits


class RenderLimitExceeded(Exception):
    """A render went past one of its :class:`RenderLimits`."""

    def __init__(self, what: str, limit: Any, option: str) -> None:
        super().__init__(f"more than {limit:,} {what} in one render (option {option})")
        self.what = what
        self.option = option
        self.element: Any = None  # where it was crossed, filled in by the renderer
        self.expression: str = ""

    @property
    def short(self) -> str:
        """What the page shows."""
        return f"too much to show ({self.what} over the limit)"


class Budget:
    """What one render may still spend; see :class:`RenderLimits`."""

    __slots__ = ("_node_clock", "_row_clock", "chars", "deadline", "limits", "nodes", "rows")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.rows = 0
        self.nodes = 0
        self.chars = 0
        self.deadline = time.monotonic() + limits.max_seconds
        self._row_clock = _ROWS_PER_CLOCK
        self._node_clock = _NODES_PER_CLOCK

    def mark(self) -> tuple[int, int, int]:
        """What was spent so far, to give back with :meth:`refund`."""
        return self.rows, self.nodes, self.chars

    def refund(self, mark: tuple[int, int, int]) -> None:
        """Forget what was spent since *mark* (its output was thrown away); time stays spent."""
        self.rows, self.nodes, self.chars = mark

    def fits_rows(self, n: int) -> None:
        """Refuse a loop of *n* rows at once when they cannot all fit (no row rendered)."""
        if self.rows + n > self.limits.max_rows:
            raise RenderLimitExceeded("v_for rows", self.limits.max_rows, "render_max_rows")

    def row(self) -> None:
        """Spend one ``v_for`` row."""
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise RenderLimitExceeded("v_for rows", self.limits.max_rows, "render_max_rows")
        if self.rows >= self._row_clock:
            self._row_clock = self.rows + _ROWS_PER_CLOCK
            self.check_time()

    def node(self, chars: int = 0) -> None:
        """Spend one element or text and *chars* characters of HTML (with any added to ``chars`` directly)."""
        self.nodes += 1
        self.chars += chars
        if self.nodes > self.limits.max_nodes:
            raise RenderLimitExceeded("elements", self.limits.max_nodes, "render_max_nodes")
        if self.chars > self.limits.max_chars:
            raise RenderLimitExceeded("characters of HTML", self.limits.max_chars, "render_max_chars")
        if self.nodes >= self._node_clock:
            self._node_clock = self.nodes + _NODES_PER_CLOCK
            self.check_time()

    def check_time(self) -> None:
        """Refuse to go on once the render's time is spent."""
        if time.monotonic() > self.deadline:
            raise RenderLimitExceeded("seconds of rendering", self.limits.max_seconds, "render_max_seconds")


def open_tag(tag: str, attrs: dict) -> str:
    """``<tag a="v" flag>``: attribute values escaped, ``False``/``None`` left out."""
    parts = [tag]
    for name, value in attrs.items():
        if value is True:
            parts.append(name)
        elif value is not False and value is not None:
            parts.append(f'{name}="{escape(str(value))}"')
    return f"<{' '.join(parts)}>"


def over_budget_html(tag: str, attrs: dict, exc: RenderLimitExceeded, single: bool) -> str:
    """A fragment that went over budget: its own tag and id, an error marker inside.

    Styled as the expression-error marker (``.ht-error``, ``[data-ht-error]``).
    """
    head = open_tag(tag, {**attrs, "data-ht-error": exc.short})
    if single:
        return head
    return f'{head}<mark class="ht-error" title="{escape(str(exc))}">&#9888; {escape(exc.short)}</mark></{tag}>'

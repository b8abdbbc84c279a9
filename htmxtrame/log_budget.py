"""Log lines a visitor can cause, bounded.

Any visitor can send 500 messages a second on each of its websockets, and
each refused one (a forged id, a value no option offers, a frame that is not
JSON, a handler that raises on its input) is worth a log line: unbounded,
a few clients would write tens of thousands of lines (tracebacks among them)
a second and fill the operator's disk. Each kind of line, per page (or per
handler), is written at most :data:`LINES_PER_SECOND` times a second (bursts
of :data:`BURST`); past that lines are counted, not written, and the next
line written says how many were left out.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any

LINES_PER_SECOND = 5.0  # lines of one kind a second, once the burst is spent
BURST = 20  # lines of one kind written at once before the rate applies
MAX_KINDS = 1024  # kinds one budget tracks (bounded memory; past it, it starts afresh)


class LogBudget:
    """A token bucket per kind of log line."""

    def __init__(self, rate: float = LINES_PER_SECOND, burst: int = BURST) -> None:
        self.rate = rate
        self.burst = burst
        self._kinds: dict[Any, list[float]] = {}  # kind -> [tokens, stamp, lines left out]
        self._lock = threading.Lock()

    def allow(self, kind: Any) -> int | None:
        """``None`` past the budget; else how many lines of *kind* were left out since the last one written."""
        now = time.monotonic()
        with self._lock:
            slot = self._kinds.get(kind)
            if slot is None:
                if len(self._kinds) >= MAX_KINDS:
                    self._kinds.clear()
                slot = self._kinds[kind] = [float(self.burst), now, 0.0]
            slot[0] = min(float(self.burst), slot[0] + (now - slot[1]) * self.rate)
            slot[1] = now
            if slot[0] < 1:
                slot[2] += 1
                return None
            slot[0] -= 1
            left_out, slot[2] = int(slot[2]), 0.0
            return left_out

    def log(self, logger: logging.Logger, level: int, msg: str, *args: Any, kind: Any = None,
            exc_info: Any = None) -> bool:
        """``logger.log(level, msg, *args)`` within the budget of *kind* (default: *msg*); whether it was written."""
        left_out = self.allow(msg if kind is None else kind)
        if left_out is None:
            return False
        if left_out:
            msg = f"{msg} ({left_out} more like this were not logged: over {self.rate:g} a second)"
        logger.log(level, msg, *args, exc_info=exc_info)
        return True


#: Requests refused before a page exists (a foreign Origin, a connection cap, a socket closed for a
#: broken frame, a refused upload or Python client): no page holds their budget, so the process
#: does, per kind of line. Before, one client wrote a line per request, 1,200 a second.
REFUSED = LogBudget()


def log_refused(logger: logging.Logger, msg: str, *args: Any) -> bool:
    """A WARNING about a refused request, within :data:`REFUSED`'s budget for *msg*; whether it was written."""
    return REFUSED.log(logger, logging.WARNING, msg, *args)


_owned: weakref.WeakKeyDictionary[Any, LogBudget] = weakref.WeakKeyDictionary()
_owned_lock = threading.Lock()


def budget_of(owner: Any) -> LogBudget:
    """The budget of *owner* (a page's session): one visitor's flood never silences another's lines."""
    with _owned_lock:
        budget = _owned.get(owner)
        if budget is None:
            budget = _owned[owner] = LogBudget()
        return budget

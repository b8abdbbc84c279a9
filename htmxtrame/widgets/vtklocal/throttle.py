"""``view.update_throttle``: call a function at most ``rate`` times a second, the last call always made."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


class Throttle:
    """``Throttle(fn)``; ``throttle.rate = 15``; ``throttle()`` calls *fn* now, or once when the
    interval since the last call is over (calls in between merge into that one)."""

    def __init__(self, fn: Callable[[], Any], rate: float = 10) -> None:
        self._fn = fn
        self.rate = rate
        self._lock = threading.Lock()
        self._last = 0.0
        self._timer: threading.Timer | None = None  # at most one: the trailing call

    @property
    def rate(self) -> float:
        """Calls per second (0 or less: every call goes through)."""
        return self._rate

    @rate.setter
    def rate(self, value: Any) -> None:
        try:
            rate = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"throttle_rate is a number of updates per second, got {value!r}") from None
        self._rate = rate if rate == rate else 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            if self._timer is not None:
                return  # the trailing call is already due
            wait = (self._last + 1.0 / self._rate - time.monotonic()) if self._rate > 0 else 0.0
            if wait > 0:
                self._timer = threading.Timer(wait, self._fire)
                self._timer.daemon = True
                self._timer.start()
                return
            self._last = time.monotonic()
        self._fn()

    def _fire(self) -> None:
        with self._lock:
            self._timer = None
            self._last = time.monotonic()
        self._fn()

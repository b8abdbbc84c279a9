"""Lifecycle hooks and the one-shot signals the runtime waits on.

trame calls controller names at fixed moments — ``on_server_start(server)``,
``on_server_bind(app)``, ``on_server_ready(**state)``, ``on_client_connected()``,
``on_client_exited()``, ``on_server_exited(**state)``, ``on_error(message)``.
:func:`call_hook` calls one of them: a missing hook is fine, a hook that
raises is logged (and reported to ``on_error``) without stopping the server,
and a coroutine a hook returns runs on the server's event loop thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from . import aio

log = logging.getLogger("htmxtrame.lifecycle")

HOOKS = (
    "on_server_start", "on_server_bind", "on_server_ready", "on_client_connected",
    "on_client_exited", "on_server_exited", "on_server_reload", "on_error",
)


def call_hook(controller: Any, hook: str, /, *args: Any, **kwargs: Any) -> None:
    """Call ``ctrl.<hook>`` if anything is bound to it; never raise."""
    proxy = controller._func_dict.get(hook)
    if proxy is None or not proxy.exists():
        return
    try:
        result = proxy(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a hook must not stop the server
        log.exception("lifecycle hook ctrl.%s raised", hook)
        if hook != "on_error":
            call_hook(controller, "on_error", f"ctrl.{hook}: {type(exc).__name__}: {exc}")
        return
    for value in result if isinstance(result, list) else [result]:
        if hasattr(value, "__await__"):
            aio.create_task(value)


class Signal:
    """A one-shot event that threads wait on and coroutines ``await``.

    ``server.ready`` is one: resolved once the port is bound, awaitable from
    any event loop (``await server.ready``) and waitable from any thread
    (``server.ready.wait(5)``).
    """

    def __init__(self) -> None:
        self._future: concurrent.futures.Future = concurrent.futures.Future()

    def set(self, value: Any = None) -> None:
        """Resolve the signal (later calls do nothing)."""
        if not self._future.done():
            try:
                self._future.set_result(value)
            except concurrent.futures.InvalidStateError:  # lost a race with another set
                pass

    def fail(self, exc: BaseException) -> None:
        """Resolve the signal with an error: ``await`` raises *exc* (later calls do nothing)."""
        if not self._future.done():
            try:
                self._future.set_exception(exc)
            except concurrent.futures.InvalidStateError:  # lost a race with set()
                pass

    def done(self) -> bool:
        """True once resolved."""
        return self._future.done()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until resolved; False if *timeout* seconds passed first."""
        try:
            self._future.result(timeout)
            return True
        except concurrent.futures.TimeoutError:
            return False

    def __await__(self) -> Any:
        return asyncio.wrap_future(self._future).__await__()


class IdleWatch:
    """Calls *on_idle* once no page has been connected for *timeout* seconds.

    The countdown starts when the server binds and restarts whenever the
    last page goes away; a page connecting cancels it (wslink, under trame,
    does the same). ``timeout <= 0`` never fires.
    """

    def __init__(self, timeout: float, on_idle: Callable[[], Any]) -> None:
        self.timeout = timeout
        self.on_idle = on_idle
        self.pages = 0
        self._since = time.monotonic()
        self._cond = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin counting (a no-op when the timeout is 0)."""
        if self.timeout > 0:
            self._thread = threading.Thread(target=self._run, name="htmxtrame-idle", daemon=True)
            self._thread.start()

    def connected(self) -> None:
        """A page connected."""
        with self._cond:
            self.pages += 1
            self._cond.notify_all()

    def exited(self) -> None:
        """A page went away."""
        with self._cond:
            self.pages = max(0, self.pages - 1)
            if self.pages == 0:
                self._since = time.monotonic()
            self._cond.notify_all()

    def stop(self) -> None:
        """Stop watching without firing."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def _run(self) -> None:
        with self._cond:
            while not self._stopped:
                if self.pages:
                    self._cond.wait()
                    continue
                left = self._since + self.timeout - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            if self._stopped:
                return
            self._stopped = True
        log.warning("no page connected for %s s: shutting down (--timeout 0 keeps the server up)", self.timeout)
        self.on_idle()

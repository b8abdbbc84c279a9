"""Serving in the test process: a server on a free port, and polling waits."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

DEFAULT_TIMEOUT = 5.0


@dataclass
class RunningApp:
    """A server started by :func:`start_app`."""

    server: Any
    url: str
    port: int

    def stop(self) -> None:
        """Stop the server."""
        self.server.stop()

    def __enter__(self) -> RunningApp:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def start_app(server: Any, **options: Any) -> RunningApp:
    """Start *server* on a free localhost port in a thread; returns at once.

    No browser opens, nothing is printed, and the idle timeout is off unless
    *options* (``server.start`` keywords) say otherwise.
    """
    settings = {"port": 0, "host": "127.0.0.1", "thread": True, "open_browser": False,
                "show_connection_info": False, "timeout": 0, **options}
    server.start(**settings)
    if not server.ready.wait(10):
        raise RuntimeError(f"{server!r} did not bind a port within 10 s")
    return RunningApp(server, f"http://127.0.0.1:{server.port}/", server.port)


def wait_until(predicate: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT, message: str = "") -> Any:
    """Poll *predicate* until it returns something truthy; fail after *timeout* s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        time.sleep(0.002)


@contextlib.contextmanager
def as_a_socket_thread() -> Iterator[None]:
    """Run the body as a page's websocket thread would: with no event loop running here.

    Playwright's sync API leaves its own loop registered as running on the
    main thread between calls; a simulated user's async handler (or async
    start hook) would be scheduled there and never run while the test waits.
    A real page's messages arrive on a thread with no loop, so their tasks go
    to the server's loop thread: hide the foreign loop for the call.
    """
    loop = asyncio._get_running_loop()
    if loop is None:
        yield
        return
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)

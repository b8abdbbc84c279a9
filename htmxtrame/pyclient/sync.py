"""``SyncClient``: the Python client for plain (not async) code — a script, a sync test.

It runs a :class:`~htmxtrame.pyclient.Client` on an event loop of its own,
in a daemon thread, and waits for each answer::

    with SyncClient("ws://localhost:8080/ws", secret="wslink-secret") as client:
        with client.state:
            client.state.counter = 3
        print(client.call_trigger("add", [1, 2]))

Change listeners run on the client's thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from ..state import State
from . import CONNECT_TIMEOUT, Client


class SyncClient:
    """A connected :class:`~htmxtrame.pyclient.Client` driven from plain code (each call blocks until answered)."""

    def __init__(self, url: str, secret: str | None = None, timeout: float = CONNECT_TIMEOUT) -> None:
        self.client = Client(url)
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="htmxtrame-client", daemon=True)
        self._thread.start()
        self._task: asyncio.Future | None = None
        try:
            self._run(self._connect({} if secret is None else {"secret": secret}))
        except BaseException:
            self._stop_loop()
            raise

    @property
    def state(self) -> State:
        """The client's copy of the state (``with client.state:`` sends what you set)."""
        return self.client.state

    @property
    def change(self) -> Callable[..., Callable]:
        """``@client.change("a")``: called (on the client's thread) when the server changes a key."""
        return self.client.change

    @property
    def connected(self) -> int:
        """0, 1 or 2, as :attr:`Client.connected`."""
        return self.client.connected

    def call_trigger(self, name: str, args: Any = None, kwargs: dict | None = None,
                     timeout: float | None = None) -> Any:
        """The server trigger's return value (raises :class:`~htmxtrame.pyclient.TriggerError` as the async one)."""
        return self._run(self.client.call_trigger(name, args, kwargs), timeout)

    def close(self) -> None:
        """Disconnect and end the client's thread (a second call does nothing)."""
        if self._loop.is_closed():
            return
        try:
            self._run(self._disconnect())
        finally:
            self._stop_loop()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    async def _connect(self, kwargs: dict) -> None:
        self._task = asyncio.ensure_future(self.client.connect(**kwargs))
        waiting = asyncio.ensure_future(self.client.wait_connected(self.timeout))
        await asyncio.wait({self._task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if self._task.done():  # it failed (or the server closed at once): its error, not a timeout
            waiting.cancel()
            self._task.result()
        await waiting

    async def _disconnect(self) -> None:
        await self.client.disconnect()
        if self._task is not None:
            await asyncio.wait({self._task}, timeout=self.timeout)

    def _run(self, coro: Coroutine, timeout: float | None = None) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(self.timeout)
        if not self._thread.is_alive():
            self._loop.close()

"""``get_client(url)``: drive a running htmxtrame server from Python, with trame's client API.

As trame's ``trame_server.client.Client``::

    client = get_client("ws://localhost:8080/ws")
    asynchronous.create_task(client.connect(secret="wslink-secret"))  # runs until disconnected
    await client.wait_connected()          # htmxtrame's: wait for (or raise) the connection

    @client.change("counter")              # the server changed it
    def on_counter(counter, **_): ...

    with client.state as state:            # pushed to the server on exit
        state.counter = 3
    total = await client.call_trigger("add", [1, 2, 3])   # the trigger's return value
    await client.disconnect()

The server side and the frames are :mod:`htmxtrame.transport.clients` and
:mod:`htmxtrame.transport.client_wire`. Differences from trame, all
deliberate: the client gets the server's whole state (every value with a
JSON form) when it connects, its listeners running for them, instead of
only later changes; a trigger that raises, or that does not exist, raises
:class:`TriggerError` in ``call_trigger`` (trame's client returns ``None``
or fails with a bare payload); a failed connection raises
:class:`ConnectError` saying why (wrong URL, refused secret, not an
htmxtrame server).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections.abc import Callable
from typing import Any

from ..state import State
from ..transport.client_wire import DEFAULT_SECRET, encode
from ..transport.wire import MAX_FRAME
from ..utils import clean_value
from ..values import UnshowableValue, to_json
from .websocket import Closed, ConnectError, WebSocket

log = logging.getLogger("htmxtrame.pyclient")

CONNECT_TIMEOUT = 10.0  # seconds for the TCP connection, the handshake and the welcome
CLOSE_TIMEOUT = 5.0  # seconds disconnect() waits for the server to answer its close
_MISSING = object()

__all__ = ["Client", "ClientError", "ConnectError", "SyncClient", "TriggerError", "get_client"]


class ClientError(RuntimeError):
    """The client is not connected, or lost its connection before an answer came."""


class TriggerError(RuntimeError):
    """The server's trigger raised, does not exist, or returned a value with no JSON form; ``code`` says which."""

    def __init__(self, name: str, code: str, message: str) -> None:
        super().__init__(f"trigger {name!r}: {message}")
        self.code = code


def get_client(url: str | None = None, hot_reload: bool = False, **kwargs: Any) -> Client:
    """A :class:`Client` for the htmxtrame server at *url* (``ws://host:port/ws``), not yet connected."""
    return Client(url=url, hot_reload=hot_reload, **kwargs)


class Client:
    """A running server's shared state and triggers, from plain Python (trame's ``Client``)."""

    def __init__(self, url: str | None = None, config: dict | None = None, translator: Any = None,
                 hot_reload: bool = False) -> None:
        self._url = url
        self._config = dict(config or {})
        self.hot_reload = hot_reload
        self._connected = 0
        self._ws: WebSocket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._calls: dict[int, tuple[str, asyncio.Future]] = {}
        self._numbers = itertools.count(1)
        self._remote: dict | None = None  # values the server just sent: not sent back
        self._up: asyncio.Future | None = None  # wait_connected()'s answer
        self._ended: asyncio.Event | None = None  # set when the current connection's connect() returns
        self.client_id: str | None = None
        self.errors: list[dict] = []  # the server's refusals of this client's frames (the newest 20)
        self._state = State(translator, commit_fn=self._push_state, hot_reload=hot_reload)

    # -- trame's API ---------------------------------------------------------
    @property
    def connected(self) -> int:
        """0: not connected, 1: connecting, 2: connected (trame's values)."""
        return self._connected

    @property
    def state(self) -> State:
        """The client's copy of the server's state; ``with client.state:`` pushes what you set."""
        return self._state

    @property
    def change(self) -> Callable[..., Callable]:
        """``@client.change("a", ...)``: called when the server (or this client) changes a key."""
        return self._state.change

    async def connect(self, url: str | None = None, **kwargs: Any) -> None:
        """Connect and serve the connection until it ends; a call while connected does nothing.

        As in trame, it returns when the connection ends (start it with
        ``asynchronous.create_task(client.connect(...))``). ``secret=`` is
        the server's client secret (default trame's ``"wslink-secret"``).
        Raises :class:`ConnectError` when it cannot get in.
        """
        if self._connected:
            return
        config = {**self._config, **kwargs}
        unknown = set(config) - {"secret"}
        if unknown:
            raise TypeError(f"connect() takes secret= only; unknown: {sorted(unknown)}")
        url = url or self._url
        if not url:
            raise ValueError("no URL: get_client('ws://host:port/ws') or connect('ws://host:port/ws')")
        self._connected = 1
        self._loop = asyncio.get_running_loop()
        if self._up is None or self._up.done():
            self._up = self._loop.create_future()
        try:
            ws = await self._open(url, str(config.get("secret", DEFAULT_SECRET)))
        except BaseException as exc:
            self._connected = 0
            if not self._up.done():
                self._up.set_exception(exc if isinstance(exc, Exception) else ClientError("connect() was cancelled"))
                self._up.exception()  # retrieved: an unawaited wait_connected() must not warn
            self._up = None  # those waiting got the error; a later wait_connected() waits for the next connect()
            raise
        ended = self._ended = asyncio.Event()
        try:
            await self._serve(ws)
        finally:
            ws.abort()  # the socket goes with the connection, however it ended
            self._ws = None
            self._connected = 0
            self._up = None
            ended.set()
            for name, fut in self._calls.values():
                if not fut.done():
                    fut.set_exception(ClientError(f"the connection closed before trigger {name!r} answered"))
            self._calls.clear()

    async def disconnect(self) -> None:
        """Close the connection and wait (at most :data:`CLOSE_TIMEOUT` s) until ``connect()`` has returned."""
        ws, ended = self._ws, self._ended
        if ws is None or ended is None:
            return
        ws.close(1000)
        try:
            await asyncio.wait_for(ended.wait(), CLOSE_TIMEOUT)
        except asyncio.TimeoutError:
            ws.abort()  # the server did not answer the close: drop the connection

    async def call_trigger(self, name: str, args: Any = None, kwargs: dict | None = None) -> Any:
        """Call the server's trigger *name* with *args*/*kwargs*; its return value.

        Raises :class:`TriggerError` when it raised or does not exist.
        """
        ws = self._ws
        if ws is None or self._connected != 2:
            raise ClientError("not connected: start client.connect(...) and wait for client.connected == 2")
        if isinstance(args, (str, bytes, dict)):
            raise TypeError(f"call_trigger({name!r}, args): args is a list of positional arguments, not a {type(args).__name__}")
        n = next(self._numbers)
        fut = asyncio.get_running_loop().create_future()
        self._calls[n] = (name, fut)
        try:
            ws.send(encode("call", n=n, name=name, args=to_json(list(args or [])), kwargs=to_json(dict(kwargs or {}))))
        except BaseException:
            self._calls.pop(n, None)
            raise
        return await fut

    # -- htmxtrame's additions -------------------------------------------------
    async def wait_connected(self, timeout: float | None = CONNECT_TIMEOUT) -> None:
        """Wait until a ``connect()`` started elsewhere (or about to start) is in; raise its error if it failed."""
        if self._connected == 2:
            return
        if self._up is None:
            self._up = asyncio.get_running_loop().create_future()  # the connect() about to start resolves it
        try:
            await asyncio.wait_for(asyncio.shield(self._up), timeout)
        except asyncio.TimeoutError:
            raise ClientError(f"not connected after {timeout:g} s: is asynchronous.create_task(client.connect(...)) "
                              "running?") from None

    # -- the connection ----------------------------------------------------------
    async def _open(self, url: str, secret: str) -> WebSocket:
        ws = await WebSocket.open(url, timeout=CONNECT_TIMEOUT)
        try:
            ws.send(encode("hello", secret=secret))
            msg = _message(await asyncio.wait_for(ws.receive(), CONNECT_TIMEOUT))
            if msg.get("t") != "welcome" or not isinstance(msg.get("state"), dict):
                ws.close(1002, "expected a welcome")
                raise ConnectError(f"{url} is not an htmxtrame client endpoint (it did not welcome the client)")
        except Closed as exc:
            ws.abort()
            raise ConnectError(f"{url} refused this client: {exc.reason or f'closed with code {exc.code}'}") from None
        except asyncio.TimeoutError:
            ws.abort()
            raise ConnectError(f"{url} did not answer the client's hello within {CONNECT_TIMEOUT:g} s") from None
        except BaseException:
            ws.abort()
            raise
        self._ws = ws
        self.client_id = msg.get("id")
        state = self._state
        initial = {k: v for k, v in msg["state"].items() if not state.is_dirty(k)}  # a write made before connecting wins
        self._connected = 2
        if not state.is_ready:
            # ready() flushes what was set before connecting (sent now) with the server's values (not sent back).
            self._remote = initial
            try:
                state.update(initial)
                state.ready()
            finally:
                self._remote = None
        else:
            self._apply(initial)
        if self._up is not None and not self._up.done():
            self._up.set_result(None)
        return ws

    async def _serve(self, ws: WebSocket) -> None:
        while True:
            try:
                text = await ws.receive()
            except Closed as exc:
                if exc.code not in (1000, 1001, 1005):
                    log.warning("the server closed the connection: %s", exc)
                return
            msg = _message(text)
            kind = msg.get("t")
            if kind == "state" and isinstance(msg.get("values"), dict):
                self._apply(msg["values"])
            elif kind == "result":
                self._answer(msg)
            elif kind == "error":
                log.warning("the server refused a message of this client: %s (%s)", msg.get("message"), msg.get("code"))
                self.errors.append(msg)
                del self.errors[:-20]

    def _apply(self, values: dict) -> None:
        """Values the server sent: into the state, listeners run, nothing sent back."""
        self._remote = values
        try:
            with self._state:
                self._state.update(values)
        finally:
            self._remote = None

    def _answer(self, msg: dict) -> None:
        call = self._calls.pop(msg.get("n"), None)  # type: ignore[arg-type]
        if call is None or call[1].done():
            return
        name, fut = call
        error = msg.get("error")
        if isinstance(error, dict):
            fut.set_exception(TriggerError(name, str(error.get("code")), str(error.get("message"))))
        else:
            fut.set_result(msg.get("value"))

    # -- pushing state --------------------------------------------------------------
    def _push_state(self, delta: dict) -> None:
        """``State.commit_fn``: what this client set goes to the server (``_filter``ed as trame does)."""
        ws = self._ws
        if ws is None:
            return  # not connected: kept in the state, not sent (trame drops them too)
        remote = self._remote
        values = {}
        for key, value in delta.items():
            if remote is not None and remote.get(key, _MISSING) is value:
                continue
            try:
                values[key] = to_json(clean_value(value))  # trame's: a dict's _filter keys stay here
            except UnshowableValue as exc:
                log.error("client.state.%s not sent: %s", key, exc)
        if values:
            self._send_values(ws, values)

    def _send_values(self, ws: WebSocket, values: dict) -> None:
        frame = encode("set", values=values)
        if len(frame) > MAX_FRAME and len(values) > 1:
            for key, value in values.items():  # one key per frame: only a value too big by itself is lost
                self._send_values(ws, {key: value})
            return
        if len(frame) > MAX_FRAME:
            log.error("client.state.%s not sent: %d bytes, over the server's %d-byte message limit",
                      next(iter(values)), len(frame), MAX_FRAME)
            return
        loop = self._loop
        if loop is None or _in_loop(loop):
            ws.send(frame)
        else:
            loop.call_soon_threadsafe(_send_quietly, ws, frame)  # set from another thread


def _message(text: str) -> dict:
    try:
        msg = json.loads(text)
    except ValueError:
        return {}
    return msg if isinstance(msg, dict) else {}


def _in_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False  # another thread: hand the frame to the loop


def _send_quietly(ws: WebSocket, frame: str) -> None:
    try:
        ws.send(frame)
    except Closed:
        log.warning("a state update was not sent: the connection closed")


from .sync import SyncClient  # noqa: E402 - it builds on Client, defined above

"""A small asyncio websocket client on wsproto (which the server side already uses).

Only what a Python client needs: connect (with the server's refusal, status
and body, as a clear error), text frames both ways with a size cap, pings
answered, a clean close.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from urllib.parse import urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.connection import ConnectionState
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Ping,
    RejectConnection,
    RejectData,
    Request,
    TextMessage,
)

MAX_SIZE = 64 << 20  # bytes of one message from the server (a large state)
_READ = 1 << 16


class ConnectError(ConnectionError):
    """The websocket could not be opened, or the server closed it before the client got in."""


class Closed(ConnectionError):
    """The websocket is closed; ``code`` and ``reason`` say how."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"websocket closed ({code}{': ' + reason if reason else ''})")
        self.code = code
        self.reason = reason


class WebSocket:
    """One open client websocket. Make it with :meth:`open`; use it from the loop that opened it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, conn: WSConnection,
                 max_size: int) -> None:
        self._reader = reader
        self._writer = writer
        self._conn = conn
        self._max_size = max_size
        self._parts: list[str] = []
        self._size = 0
        self.closed: Closed | None = None

    @classmethod
    async def open(cls, url: str, timeout: float = 10.0, max_size: int = MAX_SIZE) -> WebSocket:
        """Connect to *url* (``ws://``, ``wss://``; ``http(s)://`` are taken as the same), or raise :class:`ConnectError`."""
        parts = urlsplit(url)
        scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
        if scheme not in ("ws", "wss") or not parts.hostname:
            raise ValueError(f"not a websocket URL: {url!r}; expected ws://host:port/ws")
        secure = scheme == "wss"
        port = parts.port or (443 if secure else 80)
        context = ssl.create_default_context() if secure else None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port, ssl=context), timeout)
        except asyncio.TimeoutError:
            raise ConnectError(f"cannot connect to {url}: no answer within {timeout:g} s") from None
        except OSError as exc:
            raise ConnectError(f"cannot connect to {url}: {exc.strerror or exc}") from None
        conn = WSConnection(ConnectionType.CLIENT)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        writer.write(conn.send(Request(host=parts.netloc.rpartition("@")[2], target=target)))
        try:
            await asyncio.wait_for(_handshake(reader, conn, url), timeout)
        except asyncio.TimeoutError:
            writer.close()
            raise ConnectError(f"{url} did not complete the websocket handshake within {timeout:g} s") from None
        except BaseException:
            writer.close()
            raise
        return cls(reader, writer, conn, max_size)

    def send(self, text: str) -> None:
        """Queue one text frame (written by the loop; call from the loop's thread)."""
        if self.closed is not None or self._conn.state is not ConnectionState.OPEN:
            raise self.closed or Closed(1006, "not open")
        self._writer.write(self._conn.send(TextMessage(data=text)))

    async def receive(self) -> str:
        """The next text message; raises :class:`Closed` once the connection is closed."""
        while True:
            if self.closed is not None:
                raise self.closed
            for event in self._conn.events():
                text = self._take(event)
                if text is not None:
                    return text
            if self.closed is not None:
                raise self.closed
            try:
                data = await self._reader.read(_READ)
            except OSError:
                data = b""
            if not data:
                self._end(1006, "the connection was lost")
                continue
            self._conn.receive_data(data)

    def _take(self, event: object) -> str | None:
        if isinstance(event, TextMessage):
            self._size += len(event.data)
            if self._size > self._max_size:
                self.close(1009, "message too big")
                self._end(1009, f"a message from the server exceeds {self._max_size} bytes")
                return None
            self._parts.append(event.data)
            if not event.message_finished:
                return None
            text, self._parts, self._size = "".join(self._parts), [], 0
            return text
        if isinstance(event, BytesMessage):
            self.close(1003, "binary frames are not expected")
            self._end(1003, "the server sent a binary frame")
        elif isinstance(event, Ping):
            self._writer.write(self._conn.send(event.response()))
        elif isinstance(event, CloseConnection):
            if self._conn.state is ConnectionState.REMOTE_CLOSING:
                self._writer.write(self._conn.send(event.response()))
            self._end(event.code, event.reason or "")
        return None

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Send the closing frame (the server's answer ends :meth:`receive`)."""
        if self._conn.state is ConnectionState.OPEN:
            try:
                self._writer.write(self._conn.send(CloseConnection(code=code, reason=reason)))
            except (OSError, RuntimeError):
                self._end(1006, "the connection was lost")

    def abort(self) -> None:
        """Drop the connection now, without a closing handshake (it is over, or the server does not answer)."""
        self._end(1006, "closed by the client")

    def _end(self, code: int, reason: str) -> None:
        if self.closed is None:
            self.closed = Closed(code, reason)
        self._writer.close()


async def _handshake(reader: asyncio.StreamReader, conn: WSConnection, url: str) -> None:
    refused: RejectConnection | None = None
    body = b""
    while True:
        for event in conn.events():
            if isinstance(event, AcceptConnection):
                return
            if isinstance(event, RejectConnection):
                refused = event
                if not event.has_body:
                    raise _refusal(url, refused, body)
            elif isinstance(event, RejectData) and refused is not None:
                body = (body + event.data)[:2000]
                if event.body_finished:
                    raise _refusal(url, refused, body)
        data = await reader.read(_READ)
        if not data:
            if refused is not None:
                raise _refusal(url, refused, body)
            raise ConnectError(f"{url} closed the connection during the websocket handshake")
        conn.receive_data(data)


def _refusal(url: str, event: RejectConnection, body: bytes) -> ConnectError:
    # An error page's words, not its markup, on one line.
    text = " ".join(re.sub(r"<[^>]*>", " ", body.decode("utf-8", "replace")).split())[:300]
    hint = ""
    if event.status_code in (400, 404):
        # werkzeug answers a websocket to a path it only serves over HTTP with a 400
        hint = " (is this the client URL? an htmxtrame server answers Python clients at /ws and /__htmxtrame/client)"
    return ConnectError(f"{url} refused the websocket: HTTP {event.status_code}{': ' + text if text else ''}{hint}")

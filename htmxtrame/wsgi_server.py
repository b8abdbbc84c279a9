"""The built-in server's listener: werkzeug's threaded WSGI server, its threads capped.

werkzeug starts a thread for every connection it accepts. Idle and
half-sent requests give theirs back after ``request_timeout``, but a flood
of connections opened faster than that made threads without end (each
with its stack, its socket, its file descriptor). :class:`CappedWSGIServer`
counts the connections being served; past ``max_connections`` a new one
is answered at once from the accept loop — HTTP 503 with ``Retry-After`` —
and closed, never given a thread, and the log says so at most once a
second. Connections already served (open websockets among them) go on.
"""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any

from werkzeug.serving import ThreadedWSGIServer

from .transport.limits import ReportEvery

log = logging.getLogger("htmxtrame.runner")

RETRY_AFTER = 5  # seconds a refused client is told to wait
_BUSY = (
    "HTTP/1.1 503 Service Unavailable\r\n"
    f"Retry-After: {RETRY_AFTER}\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Connection: close\r\n"
    "Content-Length: {length}\r\n"
    "\r\n"
    "{body}"
)
_BODY = "This server is serving as many connections as it may (max_connections); try again in a few seconds.\n"
BUSY_RESPONSE = _BUSY.format(length=len(_BODY), body=_BODY).encode()


class CappedWSGIServer(ThreadedWSGIServer):
    """werkzeug's threaded server serving at most *max_connections* connections at once (None: no cap)."""

    def __init__(self, *args: Any, max_connections: int | None = None, **kwargs: Any) -> None:
        if max_connections is not None and max_connections < 1:
            raise ValueError("max_connections must be at least 1 (or None for no cap)")
        self.max_connections = max_connections
        self.connections = 0  # being served now, each on its own thread
        self.refused = 0  # turned away since the server started
        self._count_lock = threading.Lock()
        self._report = ReportEvery(1.0)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve *request* on a thread of its own, or refuse it here when the cap is reached."""
        with self._count_lock:
            full = self.max_connections is not None and self.connections >= self.max_connections
            if not full:
                self.connections += 1
        if full:
            self._refuse(request, client_address)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._done()  # no thread started: its place is free again
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection on its thread; its place is freed when it ends."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._done()

    def _done(self) -> None:
        with self._count_lock:
            self.connections -= 1

    def _refuse(self, request: Any, client_address: Any) -> None:
        # The accept loop must not wait on this client: the answer is one
        # small write that fits the socket's buffer, and what the client
        # already sent is read away so the close is a FIN, not a reset that
        # could discard the answer before the client reads it.
        self.refused += 1
        if self._report.due():
            log.warning("refused a connection from %s: %d connections are being served (max_connections); "
                        "%d refused so far", _host(client_address), self.connections, self.refused)
        try:
            request.setblocking(False)
            if self.ssl_context is None:  # under TLS there is no plain answer to give: just close
                request.send(BUSY_RESPONSE)
                _drain(request)
        except OSError:
            pass
        self.shutdown_request(request)


def _drain(sock: socket.socket) -> None:
    for _ in range(16):  # at most 1 MiB: what a request line and headers could be
        try:
            if not sock.recv(65536):
                return
        except OSError:
            return


def _host(client_address: Any) -> str:
    return str(client_address[0]) if isinstance(client_address, tuple) and client_address else "?"


def make_capped_server(host: str, port: int, app: Any, handler: Any, max_connections: int | None) -> CappedWSGIServer:
    """A threaded WSGI server for *app* on *host*:*port* (werkzeug's ``make_server(threaded=True)``, capped)."""
    return CappedWSGIServer(host, port, app, handler, max_connections=max_connections)

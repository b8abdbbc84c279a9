"""The built-in server's request handler (htmxtrame/runner.py)."""

from __future__ import annotations

import socket
import threading

import pytest

from htmxtrame.runner import request_handler


@pytest.mark.parametrize("log_requests", [False, True])
@pytest.mark.parametrize("timeout", [None, 30])
def test_every_handler_sends_each_write_at_once(log_requests, timeout):
    # Nagle's algorithm would hold a response body (written after its
    # headers) or a frame pushed right after another until the browser
    # acknowledged the previous write: up to 40 ms with delayed ACKs.
    handler = request_handler(log_requests=log_requests, timeout=timeout)
    assert handler.disable_nagle_algorithm is True


def test_an_accepted_connection_has_nagle_off():
    from werkzeug.serving import make_server

    seen: dict[str, int] = {}

    def app(environ, start_response):
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            seen["nodelay"] = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    httpd = make_server("127.0.0.1", 0, app, threaded=True, request_handler=request_handler(False, 5))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", httpd.server_port), timeout=5) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while chunk := client.recv(4096):
                data += chunk
        assert data.startswith(b"HTTP/1.1 200") and b"ok" in data
        assert seen["nodelay"] != 0
    finally:
        httpd.shutdown()

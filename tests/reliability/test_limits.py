"""What one visitor may cost: download and upload bytes, sockets, pings,
unread frames, silent HTTP connections. Each limit refuses with a clear
error (or close) and a log line, and other visitors keep being served."""

from __future__ import annotations

import io
import socket
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
import websocket

from htmxtrame import files
from htmxtrame.transport.limits import close_text

from .app_under_test import build
from .conftest import Client, Live

MB = 1 << 20


@pytest.fixture
def served(request):
    """Start test-app servers with options; all stopped after the test."""
    started: list[Live] = []

    def start(**options: Any) -> Live:
        server = build(f"lim_{request.node.name[:40]}_{len(started)}", **options)
        server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
        started.append(Live(server))
        return started[-1]

    yield start
    for lv in started:
        for c in lv.clients:
            c.close()
        lv.server.stop()


def _download(client: Client) -> dict:
    """Click the download button; the frame that answers (a download call or an error)."""
    client.ev("dl", "click")
    return client.wait(lambda m: "error" in m or any("download" in c for c in m.get("calls", ())))


# -- downloads ---------------------------------------------------------------

def test_download_links_are_capped_per_page_and_freed_when_the_page_closes(served, warnings_log):
    lv = served(max_download_bytes_per_page=3 * MB)
    a, b = lv.client(), lv.client()
    for _ in range(3):
        assert "calls" in _download(a)
    refused = _download(a)
    assert refused["error"]["code"] == "download-refused"
    assert "limit per client is 3.0 MiB" in refused["error"]["message"]
    assert any("refused a download" in r.getMessage() for r in warnings_log.records)
    # Another page is not affected by the first one's links.
    assert "calls" in _download(b)
    # Links die with their page: its bytes are free at once, not after the TTL.
    held_before = files.downloads.held()
    a.close()
    lv.wait_sessions(1)
    deadline = time.monotonic() + 5
    while files.downloads.held() > held_before - 3 * MB and time.monotonic() < deadline:
        time.sleep(0.02)
    assert files.downloads.held() <= held_before - 3 * MB
    b.alive()


def test_download_links_are_capped_overall(served):
    lv = served(max_download_bytes=files.downloads.held() + 4 * MB, max_download_bytes_per_page=100 * MB)
    a, b = lv.client(), lv.client()
    for _ in range(4):
        assert "calls" in _download(a)
    refused = _download(b)  # the whole server's budget is used up, whoever asks
    assert refused["error"]["code"] == "download-refused"
    assert "the limit is" in refused["error"]["message"]
    b.alive()


def test_head_does_not_use_up_a_one_time_download_link(live):
    call = files.download_call(b"hello", "a.txt")
    url = f"{live.url}__htmxtrame/download/{call['download']['token']}"
    head = urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5)
    assert head.status == 200
    with urllib.request.urlopen(url, timeout=5) as resp:
        assert resp.read() == b"hello"
    with pytest.raises(urllib.error.HTTPError) as used:
        urllib.request.urlopen(url, timeout=5)
    assert used.value.code == 404


# -- uploads -----------------------------------------------------------------

def _upload(http: Any, size: int, addr: str) -> Any:
    data = {"files": (io.BytesIO(b"u" * size), "f.bin"), "lastModified": "1"}
    return http.post("/__htmxtrame/upload", data=data, content_type="multipart/form-data",
                     environ_base={"REMOTE_ADDR": addr})


def test_one_client_cannot_use_up_the_shared_upload_quota(warnings_log):
    server = build("lim_upload_quota", max_upload_bytes=MB, max_upload_bytes_per_client=3 * MB)
    http = server.flask_app().test_client()
    tokens = []
    try:
        for _ in range(3):
            resp = _upload(http, MB, "10.0.0.1")
            assert resp.status_code == 200
            tokens.append(resp.get_json()["token"])
        refused = _upload(http, MB, "10.0.0.1")
        assert refused.status_code == 429
        assert "limit per client is 3.0 MiB" in refused.get_json()["error"]
        assert any("refused an upload from 10.0.0.1" in r.getMessage() for r in warnings_log.records)
        other = _upload(http, MB, "10.0.0.2")  # another visitor is still served
        assert other.status_code == 200
        tokens.append(other.get_json()["token"])
    finally:
        for t in tokens:
            files.claim_upload(t)


# -- sockets per server and per client address --------------------------------

def _connect(live: Live, source: str = "127.0.0.1") -> websocket.WebSocket:
    sock = socket.create_connection(("127.0.0.1", live.server.port), timeout=5, source_address=(source, 0))
    return websocket.create_connection(
        f"ws://127.0.0.1:{live.server.port}/__htmxtrame/ws?ui=main", socket=sock, timeout=5)


def _refused_status(live: Live, source: str = "127.0.0.1") -> int | None:
    try:
        ws = _connect(live, source)
    except websocket.WebSocketBadStatusException as exc:
        return exc.status_code
    live.clients.append(_Wrap(ws))
    return None


class _Wrap:
    def __init__(self, ws: websocket.WebSocket) -> None:
        self.ws = ws

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


@pytest.mark.parametrize("live", [{"max_websockets": 3, "max_websockets_per_client": 2}], indirect=True)
def test_websockets_are_capped_per_client_address_and_per_server(live, warnings_log):
    assert _refused_status(live) is None
    assert _refused_status(live) is None
    assert _refused_status(live) == 503  # a third from the same address
    assert any("max_websockets_per_client" in r.getMessage() for r in warnings_log.records)
    assert _refused_status(live, "127.0.0.2") is None  # another address is served...
    assert _refused_status(live, "127.0.0.3") == 503  # ...until the server's cap
    assert any("(max_websockets)" in r.getMessage() for r in warnings_log.records)
    live.wait_sessions(3)
    live.clients.pop(0).close()  # a socket that ends frees its place
    live.wait_sessions(2)
    deadline = time.monotonic() + 5
    while live.server.websockets.total > 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _refused_status(live, "127.0.0.3") is None


# -- pings and pages that do not read ----------------------------------------

def test_a_ping_flood_is_answered_at_the_rate_limit(live, warnings_log):
    client = live.client()
    start = time.monotonic()
    for _ in range(500):
        client.ws.ping(b"p" * 100)
    elapsed = time.monotonic() - start
    client.alive()  # the page keeps working meanwhile
    pongs = 0
    client.ws.settimeout(0.5)
    try:
        while True:
            opcode, _ = client.ws.recv_data(control_frame=True)
            pongs += opcode == websocket.ABNF.OPCODE_PONG
    except websocket.WebSocketTimeoutException:
        pass
    # 10 a second, bursts of 20: far fewer than were asked for.
    assert pongs <= 20 + 10 * (elapsed + 1)
    assert any("pings a second" in r.getMessage() for r in warnings_log.records)


def _stall(live: Live) -> tuple[Client, Client]:
    """A page that stops reading while a large update is on its way to it, and one that reads."""
    other = live.client()
    slow = live.client()
    live.wait_sessions(2)
    # Small socket buffers at both ends of its socket: a modest update fills them.
    slow.ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow_channel = list(live.server.connections.values())[-1]  # the page connected last
    slow_channel.outbox._sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
    with live.state:
        live.state.name = "y" * MB  # more than the socket buffers hold
    deadline = time.monotonic() + 20
    while not any(s.backed_up() for s in live.server._scope.sessions):
        assert time.monotonic() < deadline, "the page never backed up"
        time.sleep(0.02)
    return slow, other


@pytest.mark.parametrize("live", [{"max_pings_per_second": 100_000, "send_stall_timeout": 600}], indirect=True)
def test_pongs_for_a_page_that_does_not_read_are_bounded(live, warnings_log):
    slow, other = _stall(live)
    try:
        for _ in range(3000):  # ~400 KB of pongs would pile up behind the unread frame
            slow.ws.ping(b"p" * 120)
    except OSError:
        pass  # the server cut the connection mid-flood: what we want
    live.wait_sessions(1)
    assert any("does not read" in r.getMessage() and "pongs" in r.getMessage() for r in warnings_log.records)
    other.wait(lambda m: "name" in m.get("dirty", ()), timeout=60)  # the big update, read at last
    other.alive()


@pytest.mark.parametrize("live", [{"send_stall_timeout": 1}], indirect=True)
def test_a_page_that_leaves_frames_unread_is_closed_after_the_stall_timeout(live, warnings_log):
    _slow, other = _stall(live)
    live.wait_sessions(1, timeout=10)
    assert any("does not read" in r.getMessage() and "send_stall_timeout" in r.getMessage()
               for r in warnings_log.records)
    other.wait(lambda m: "name" in m.get("dirty", ()), timeout=30)
    other.alive()


# -- silent HTTP connections --------------------------------------------------

@pytest.mark.parametrize("live", [{"request_timeout": 0.5}], indirect=True)
def test_a_half_sent_request_does_not_hold_its_thread(live):
    with socket.create_connection(("localhost", live.server.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # headers never finished
        start = time.monotonic()
        assert sock.recv(100) == b"", "the server should close the connection"
        assert time.monotonic() - start < 3


@pytest.mark.parametrize("live", [{"request_timeout": 0.3}], indirect=True)
def test_the_request_timeout_does_not_end_a_quiet_websocket(live):
    client = live.client()
    time.sleep(1.0)
    client.alive()


def test_default_request_timeout_is_set_for_the_built_in_server(live):
    assert live.server.limits.request_timeout == 10


# -- close reasons ------------------------------------------------------------

@pytest.mark.parametrize("text", ["é" * 100, "😀" * 40, "a" + "€" * 60, "x" * 200])
def test_a_close_reason_is_cut_on_a_character_boundary(text):
    cut = close_text(f"no layout named {text!r}").encode("utf-8")
    assert len(cut) <= 123
    cut.decode("utf-8")  # never half a character


def test_a_long_unicode_layout_name_closes_with_valid_utf8(live):
    ws = websocket.create_connection(live.ws_url.replace("ui=main", "ui=" + "%F0%9F%98%80" * 60), timeout=5)
    opcode, data = ws.recv_data(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert int.from_bytes(data[:2], "big") == 1008
    assert len(data) <= 125
    assert data[2:].decode("utf-8").startswith("no layout named")


def test_limits_can_be_set_from_the_environment_and_code_wins(monkeypatch):
    monkeypatch.setenv("HTMXTRAME_MAX_WEBSOCKETS", "1000")
    monkeypatch.setenv("HTMXTRAME_REQUEST_TIMEOUT", "none")
    monkeypatch.setenv("HTMXTRAME_MAX_WEBSOCKETS_PER_CLIENT", "7")
    server = build("lim_env", max_websockets_per_client=3)
    assert server.limits.max_websockets == 1000
    assert server.limits.request_timeout is None
    assert server.limits.max_websockets_per_client == 3
    monkeypatch.setenv("HTMXTRAME_MAX_WEBSOCKETS", "lots")
    with pytest.raises(ValueError, match="HTMXTRAME_MAX_WEBSOCKETS"):
        build("lim_env_bad")

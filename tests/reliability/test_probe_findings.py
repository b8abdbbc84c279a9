"""What an outside security review found, each pinned by a test.

* a forged frame put a range input (a slider) far outside its ``min``/``max``
  (the browser clamps a range input's value, so no page can send 1e9 to a
  0..100 slider; an app sizing work by it would do a billion units of work);
* empty uploads (no bytes, many file parts) were held for two minutes
  without counting against any quota: one client could fill the memory;
* a malformed websocket handshake answered HTTP 500 and logged a whole
  traceback per request (a log flood from one line of ``curl``).
"""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
import time
from typing import Any

import pytest

from htmxtrame import files

from .app_under_test import build
from .conftest import Live

# -- a range input never leaves its range ----------------------------------------


@pytest.mark.parametrize(
    ("sent", "kept"),
    [(1e9, 100), (-5, 0), ("1e300", 100), (33.3333, 33), (100.4, 100)],
    ids=["huge", "below-min", "huge-string", "off-step", "just-above-max"],
)
def test_forged_slider_value_stays_within_min_max(live: Live, sent: Any, kept: int) -> None:
    c = live.client()
    c.ev("slider", "input", sent)
    c.wait(lambda m: "slider_value" in m.get("dirty", ()))
    assert live.state.slider_value == kept
    assert live.shown("slider_text") == str(kept)
    c.alive()


def test_slider_bounds_are_the_rendered_ones_when_bound() -> None:
    """A bound ``max`` clamps to its value as the page shows it."""
    from htmxtrame.ui.html import DivLayout
    from htmxtrame.widgets import html

    server = build("probe_bound_max")
    server.state.top = 10
    with DivLayout(server, template_name="bounded"):
        html.Input(type="range", id="bounded", min=2, max=("top",), step=2, v_model=("level", 4))
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    try:
        live = Live(server)
        live.url += "?ui=bounded"
        live.ws_url = live.ws_url.replace("ui=main", "ui=bounded")
        c = live.client()
        c.ev("bounded", "input", 999)
        c.wait(lambda m: "level" in m.get("dirty", ()))
        assert server.state.level == 10
        c.ev("bounded", "input", 5.2)  # steps of 2 from min 2: 2, 4, 6 -> 6
        c.wait(lambda m: "level" in m.get("dirty", ()))
        assert server.state.level == 6
        c.close()
    finally:
        server.stop()


# -- empty uploads count against the quota -----------------------------------------


def _empty_upload(http: Any, parts: int, addr: str) -> Any:
    data = {"files": [(io.BytesIO(b""), "f.bin") for _ in range(parts)]}
    return http.post("/__htmxtrame/upload", data=data, content_type="multipart/form-data",
                     environ_base={"REMOTE_ADDR": addr})


def test_empty_uploads_count_against_the_client_quota(warnings_log) -> None:
    server = build("probe_empty_uploads", max_upload_bytes_per_client=256 * 1024)
    http = server.flask_app().test_client()
    tokens = []
    try:
        codes = []
        for _ in range(20):  # 20 × 100 empty files: nothing, counted as nothing before
            resp = _empty_upload(http, 100, "10.1.0.1")
            codes.append(resp.status_code)
            if resp.status_code == 200:
                tokens.append(resp.get_json()["token"])
        assert 429 in codes, codes
        assert codes.count(200) < 20
        assert any("refused an upload from 10.1.0.1" in r.getMessage() for r in warnings_log.records)
        # a page that clears its file input (no files) is still served
        cleared = http.post("/__htmxtrame/upload", data={}, content_type="multipart/form-data",
                            environ_base={"REMOTE_ADDR": "10.1.0.2"})
        assert cleared.status_code == 200
        tokens.append(cleared.get_json()["token"])
    finally:
        for t in tokens:
            files.claim_upload(t)


# -- a malformed websocket handshake ------------------------------------------------


def _raw_get(live: Live, headers: str) -> bytes:
    with socket.create_connection(("127.0.0.1", live.server.port), timeout=5) as s:
        s.sendall(f"GET /__htmxtrame/ws?ui=main HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        return data


@pytest.mark.parametrize("headers", [
    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 99\r\n",
    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n",
], ids=["bad-version", "no-key"])
def test_malformed_websocket_handshake_is_a_400_with_one_line(live: Live, caplog, headers: str) -> None:
    caplog.set_level(logging.WARNING)
    answer = _raw_get(live, headers)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    assert not any(r.exc_info for r in caplog.records), "a bad handshake must not log a traceback"
    assert any("websocket handshake" in r.getMessage() for r in caplog.records)
    assert live.server.websockets.total == 0  # its place was given back
    live.client().alive()


# -- frames the handler has not read yet -------------------------------------------


def test_unread_frames_from_a_flooding_page_stay_bounded(live: Live) -> None:
    """simple-websocket's reader queues every frame it reads; a page sending
    faster than its messages are handled made that queue grow without end (300,000
    small frames: +83 MB, and the page's queue took over a minute to drain).
    The reader now stops reading (TCP pushes back on the sender) past a backlog."""
    import websocket

    from htmxtrame.transport.limits import MAX_INPUT_BACKLOG

    live.server.state.change("slider_value")(lambda **_: time.sleep(0.002))  # handling is slower than reading
    flooder = websocket.create_connection(live.ws_url, timeout=5)
    frame = json.dumps({"t": "ev", "id": live.iid("slider"), "ev": "input", "value": 5})
    stop = threading.Event()

    def flood() -> None:
        try:
            while not stop.is_set():
                flooder.send(frame)
        except Exception:  # noqa: BLE001 - the socket closing ends the flood
            pass

    worst = 0
    thread = threading.Thread(target=flood, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            for channel in list(live.server.connections.values()):
                ws = getattr(channel, "ws", None)
                worst = max(worst, len(getattr(ws, "input_buffer", ()) or ()))
            time.sleep(0.01)
        assert worst > 0, "the probe never saw the page's queue"
        assert worst <= MAX_INPUT_BACKLOG + 64, f"{worst} frames waited unread"
        live.client().alive()  # another page is served meanwhile
    finally:
        stop.set()
        flooder.close()
        thread.join(5)



# -- slow headers (slowloris) ------------------------------------------------------


@pytest.mark.parametrize("live", [{"request_timeout": 1.0}], indirect=True)
def test_headers_trickled_slowly_do_not_hold_a_thread_past_the_request_timeout(live: Live) -> None:
    """One header line every 0.3 s never leaves the socket silent for a whole
    second: each read finished in time, so the connection (and its thread) was
    kept for as long as the client kept trickling. The request's line and
    headers now have ``request_timeout`` seconds in all."""
    with socket.create_connection(("localhost", live.server.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        start = time.monotonic()
        closed = False
        while time.monotonic() - start < 4:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed = True
                break
            sock.settimeout(0.3)
            try:
                if sock.recv(100) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed, "the server kept a trickling request open past its request_timeout"
        assert time.monotonic() - start < 3
    live.client().alive()
    # a request sent at once is served as before
    assert "count" in live.page()


@pytest.mark.parametrize("live", [{"request_timeout": 1.0}], indirect=True)
def test_a_slow_upload_body_is_not_cut_by_the_head_deadline(live: Live) -> None:
    """The deadline covers the request's head only: a body may take longer (a big file on a slow link)."""
    body = b"--X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nhello\r\n--X--\r\n"
    head = (f"POST /__htmxtrame/upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body)}\r\n"
            "Content-Type: multipart/form-data; boundary=X\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("localhost", live.server.port), timeout=5) as sock:
        sock.sendall(head)
        for i in range(0, len(body), 16):  # 0.25 s a chunk: 1.5 s in all, each read well within the timeout
            sock.sendall(body[i:i + 16])
            time.sleep(0.25)
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:100]
    files.claim_upload(json.loads(answer.split(b"\r\n\r\n", 1)[1])["token"])


# -- downloads check the Origin, as docs/security.md says ------------------------------


def test_a_download_from_a_foreign_origin_is_refused_and_keeps_the_link(live: Live) -> None:
    token = files.download_call(b"secret report")["download"]["token"]
    http = live.server.flask_app().test_client()
    url = f"/__htmxtrame/download/{token}"
    foreign = http.get(url, headers={"Origin": "http://evil.test", "Host": "localhost"})
    assert foreign.status_code == 403
    assert b"secret report" not in foreign.data
    own = http.get(url, headers={"Host": "localhost"})  # a link the page follows sends no Origin
    assert own.status_code == 200 and own.data == b"secret report"


# -- page loads that never connect cannot fill the browser sessions ------------------------


def test_drive_by_page_loads_cannot_lock_new_visitors_out_of_a_per_session_app(caplog) -> None:
    """1000 cookie-less GETs (8 s of curl) filled ``max_sessions``; every new
    visitor then got 503 for the 30 minutes those sessions took to expire.
    A session whose page never came back (one request, no socket) now makes
    room for a new one once it is 10 s old; a session a page used is kept."""
    from htmxtrame.controller import Controller
    from htmxtrame.scopes.factory import make_scope
    from htmxtrame.scopes.registry import DRIVE_BY_GRACE, Registry, SessionsFull
    from htmxtrame.state import State

    now = [1000.0]
    ended: list[str] = []

    class Fake:
        def __init__(self, sid: str) -> None:
            self._scope = make_scope("session:" + sid, State(ready=True), Controller(), dict)
            self._scope.on_close.append(lambda: ended.append(sid))

    reg = Registry(Fake, timeout=1800, max_sessions=3, clock=lambda: now[0])
    try:
        reg.open("real-user")
        reg.open("real-user")  # its page's socket: the session was used
        reg.open("drive-by-1")
        now[0] += 1
        reg.open("drive-by-2")
        with pytest.raises(SessionsFull):
            reg.open("visitor-a")  # fresh page loads may still connect: kept for a while
        now[0] += DRIVE_BY_GRACE + 1
        with caplog.at_level(logging.INFO, "htmxtrame.scopes"):
            assert reg.open("visitor-a") is not None
        assert ended == ["drive-by-1"]  # the oldest never-used one made room
        assert reg.get("real-user") is not None
        assert "never connected" in caplog.text
        reg.open("visitor-a")
        now[0] += DRIVE_BY_GRACE + 1
        assert reg.open("visitor-b") is not None
        assert ended == ["drive-by-1", "drive-by-2"]
        with pytest.raises(SessionsFull):
            reg.open("visitor-c")  # only used sessions left: the cap holds
    finally:
        reg.close_all()


# -- an upload's lastModified field ----------------------------------------------------


@pytest.mark.parametrize("stamp", ["9" * 5000, "²", "٣٣", "-1", "1e3", ""], ids=[
    "5000-digits", "superscript-two", "arabic-indic", "negative", "exponent", "empty"])
def test_an_odd_last_modified_is_dropped_not_a_500(stamp: str, caplog) -> None:
    caplog.set_level(logging.ERROR)
    server = build("probe_last_modified")
    http = server.flask_app().test_client()
    resp = http.post("/__htmxtrame/upload", data={"files": (io.BytesIO(b"x"), "a.txt"), "lastModified": stamp},
                     content_type="multipart/form-data")
    assert resp.status_code == 200, resp.status_code
    stored = files.claim_upload(resp.get_json()["token"])
    assert stored[0]["lastModified"] is None and stored[0]["content"] == b"x"
    assert not caplog.records


def test_a_normal_last_modified_is_kept() -> None:
    http = build("probe_last_modified_ok").flask_app().test_client()
    resp = http.post("/__htmxtrame/upload", data={"files": (io.BytesIO(b"x"), "a.txt"), "lastModified": "1700000000000"},
                     content_type="multipart/form-data")
    assert files.claim_upload(resp.get_json()["token"])[0]["lastModified"] == 1700000000000


def test_a_widget_socket_also_pushes_back_on_a_flood(live: Live) -> None:
    """The widgets' own sockets (``__htmxtrame/x/<name>``, the VTK view's) read
    through the same gate: pings rate-limited, unhandled frames bounded."""
    import websocket

    from htmxtrame import extensions
    from htmxtrame.transport.limits import MAX_INPUT_BACKLOG, PingGate

    seen: list = []
    stop = threading.Event()

    def slow_handler(_server: Any, ws: Any) -> None:
        seen.append(ws)
        while ws.connected and not stop.is_set():
            if ws.receive(timeout=0.5) is not None:
                time.sleep(0.02)  # handling is far slower than reading, even on a loaded machine
        ws.close()

    extensions.register("probe-slow", slow_handler)
    url = live.ws_url.replace("/__htmxtrame/ws?ui=main", "/__htmxtrame/x/probe-slow")
    flooder = websocket.create_connection(url, timeout=5)

    def flood() -> None:
        try:
            while not stop.is_set():
                flooder.send('{"t":"probe"}')
        except Exception:  # noqa: BLE001 - the socket closing ends the flood
            pass

    thread = threading.Thread(target=flood, daemon=True)
    thread.start()
    worst = 0
    try:
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)  # the handler runs once the handshake is done
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if seen:
                worst = max(worst, len(seen[0].input_buffer))
            time.sleep(0.01)
        assert isinstance(seen[0].ws, PingGate)
        assert 0 < worst <= MAX_INPUT_BACKLOG + 64, f"{worst} frames waited unread"
    finally:
        stop.set()
        flooder.close()
        thread.join(5)
        with extensions._lock:
            extensions._handlers.pop("probe-slow", None)

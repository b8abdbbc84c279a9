"""Slow, dead and vanished clients: bounded memory, nobody else waits,
and sessions are cleaned up."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from typing import Iterator

from werkzeug.serving import make_server

from .app_under_test import build
from .conftest import Live

BIG = "x" * 65_536


def _pending_bytes(session) -> int:
    batch = session._pending
    if batch is None:
        return 0
    return sum(len(h) for h in batch.fragments.values()) + len(batch.body or "") + len(json.dumps(batch.errors))


def test_slow_reader_costs_bounded_memory_does_not_slow_others_and_gets_latest(live):
    slow = live.client()
    fast = live.client()
    sessions_before = set(live.server._scope.sessions)
    n = 150
    for i in range(n):  # ~20 MB of updates to the slow page: more than socket buffers hold
        with live.state:
            live.state.name = f"{i}:{BIG}"
        # The page that reads keeps up, update by update, while the other is stalled.
        fast.wait(lambda m: f"{i}:" in m.get("content", ""), timeout=30)
    stalled = [s for s in sessions_before if s._pending is not None]
    assert stalled, "the slow page never backed up; the test did not create back-pressure"
    slow_session = stalled[0]
    # What waits for it is one merged update per fragment, not a queue.
    per_update = 2 * (len(BIG) + 1000)  # #name value and #name_text
    assert _pending_bytes(slow_session) <= 2 * per_update
    # When it reads again it ends on the latest state, in far fewer frames than updates.
    frames = 0
    while True:
        msg = slow.recv(timeout=10)
        frames += 1
        if f"{n - 1}:" in msg.get("content", ""):
            break
    assert frames < n / 2
    slow.alive()


def test_client_closing_tcp_without_close_frame_is_cleaned_up(live):
    keep = live.client()
    gone = live.client()
    live.wait_sessions(2)
    gone.ws.sock.shutdown(socket.SHUT_RDWR)
    gone.ws.sock.close()
    live.wait_sessions(1)
    keep.alive()


def test_many_clients_vanishing_leave_no_sessions_or_threads(live):
    threads_before = threading.active_count()
    clients = [live.client() for _ in range(20)]
    live.wait_sessions(20)
    with live.state:
        live.state.name = "pushed to every page"  # wakes whatever sends pushes
    for c in clients:
        c.wait(lambda m: "pushed to every page" in m.get("content", ""))
    # The websocket's own two threads per page (werkzeug's, simple-websocket's
    # reader) and one pusher for the process: no sender thread per page.
    assert threading.active_count() <= threads_before + 2 * 20 + 1
    for c in clients:
        c.ws.sock.close()  # no close frame, no goodbye
    live.wait_sessions(0)
    deadline = time.monotonic() + 10
    while threading.active_count() > threads_before + 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= threads_before + 2, "per-page threads outlived their pages"
    live.client().alive()


@contextlib.contextmanager
def _fast_ping_server(name: str, interval: float) -> Iterator[Live]:
    """The test app served with websocket pings every *interval* seconds."""
    server = build(name)
    app = server.flask_app()
    app.config["SOCK_SERVER_OPTIONS"] = {**app.config.get("SOCK_SERVER_OPTIONS", {}), "ping_interval": interval}
    server.state.ready()
    httpd = make_server("localhost", 0, app, threaded=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    lv = Live(server)
    lv.url = f"http://localhost:{httpd.server_port}/"
    lv.ws_url = f"ws://localhost:{httpd.server_port}/__htmxtrame/ws?ui=main"
    try:
        yield lv
    finally:
        for c in lv.clients:
            c.close()
        httpd.shutdown()
        httpd.server_close()


def test_client_that_stops_answering_pings_is_dropped():
    """A page whose network vanished (no FIN, no reads) is dropped by the ping timeout."""
    with _fast_ping_server("rel_ping", 0.3) as lv:
        lv.client()  # says hello, then never reads again: pings go unanswered
        lv.wait_sessions(1)
        lv.wait_sessions(0, timeout=10)


def test_pings_during_large_frames_to_a_slow_reader_do_not_corrupt_the_stream():
    """A keep-alive ping must never land inside a half-sent frame."""
    with _fast_ping_server("rel_ping_big", 1.5) as lv:
        reader = lv.client()
        writer_done = threading.Event()

        def writer() -> None:
            for i in range(80):
                with lv.state:
                    lv.state.name = f"{i}:" + "z" * 400_000
                time.sleep(0.02)  # spread out, so each update is its own large frame
            writer_done.set()

        threading.Thread(target=writer, daemon=True).start()
        # Every frame must decode.
        while True:
            msg = reader.recv(timeout=10)
            if "79:" in msg.get("content", ""):
                break
            # Slower than the writer, so the server's sends block mid-frame; an
            # unsolicited pong each time keeps the slow reader from being timed out.
            reader.ws.pong()
            time.sleep(0.025)
        assert writer_done.wait(10)


def test_stalled_page_does_not_block_a_flush(live):
    """Writing state never waits for a page to read (pushes are queued, merged)."""
    slow = live.client()
    done = threading.Event()

    def writer() -> None:
        for i in range(300):
            with live.state:
                live.state.name = f"{i}:{BIG}"
        done.set()

    threading.Thread(target=writer, daemon=True).start()
    assert done.wait(30), "writers blocked on a page that does not read"
    slow.close()


def test_errors_queued_for_a_page_that_does_not_read_are_bounded():
    """A page that sends junk and never reads cannot grow its error queue without bound."""
    from htmxtrame.session import Session

    server = build("rel_errq")
    session = Session(server._scope, "main")
    session.open()
    try:
        for i in range(10_000):
            session.push_error("bad-json", f"frame {i} is not valid JSON")
        pending = session.take(0)
        assert len(pending.errors) <= 50
        assert pending.errors[-1]["message"] == "frame 9999 is not valid JSON", "the newest error is kept"
    finally:
        session.close()

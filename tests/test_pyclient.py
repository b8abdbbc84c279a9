"""get_client(url): trame's Python client against a running htmxtrame server (htmxtrame.pyclient)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time

import pytest
import websocket  # websocket-client (test extra): raw frames the Python client would never send

from htmxtrame.app import get_client
from htmxtrame.pyclient import ClientError, ConnectError, TriggerError
from htmxtrame.server import Server

_names = itertools.count()


def make_server(**options):
    srv = Server(f"test-pyclient-{next(_names)}", **options)
    srv.state.counter = 1
    srv.state.label = "hello"

    @srv.trigger("add")
    def add(*args, scale=1):
        return sum(args) * scale

    @srv.trigger("fail")
    def fail():
        raise ValueError("boom in the trigger")

    @srv.trigger("opaque")
    def opaque():
        return object()

    @srv.trigger("later")
    async def later(x):
        await asyncio.sleep(0.01)
        srv.state.after_await = x
        return x * 2

    @srv.trigger("ping")
    def ping():
        return "pong"

    srv.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    return srv


@pytest.fixture
def server():
    srv = make_server()
    yield srv
    srv.stop()


def url(srv, path="/ws"):
    return f"ws://localhost:{srv.port}{path}"


def run(coro, timeout=20):
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def until(check, timeout=5.0):
    """Wait for *check()* to be true (what the other side sends arrives when it arrives)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def connected(address, **kwargs):
    client = get_client(address)
    task = asyncio.ensure_future(client.connect(**kwargs))
    await client.wait_connected()
    return client, task


async def closed(client, task):
    await client.disconnect()
    await asyncio.wait_for(task, 5)
    assert client.connected == 0


def test_connect_gets_the_whole_state_and_a_second_connect_does_nothing(server):
    async def main():
        client, task = await connected(url(server), secret="wslink-secret")
        assert client.connected == 2
        assert client.state.counter == 1 and client.state.label == "hello"
        await client.connect()  # no-op while connected
        assert client.connected == 2
        await closed(client, task)

    run(main())


def test_both_trame_and_htmxtrame_paths_answer(server):
    async def main():
        client, task = await connected(url(server, "/__htmxtrame/client"))
        assert client.state.label == "hello"
        await closed(client, task)

    run(main())


def test_server_changes_reach_the_client_and_its_change_listeners(server):
    async def main():
        client, task = await connected(url(server))
        seen = []

        @client.change("counter")
        def on_counter(counter, **_):
            seen.append(counter)

        with server.state:
            server.state.counter = 7
        await server.network_completion
        await until(lambda: seen == [7])
        assert client.state.counter == 7
        await closed(client, task)

    run(main())


def test_client_writes_reach_the_server_filtered_and_are_not_echoed_back(server):
    heard = []

    @server.state.change("b")
    def on_b(b, **_):
        heard.append(b)
        server.state.b_keys = sorted(b)  # a listener's own change goes back to the client

    async def main():
        client, task = await connected(url(server))
        mine = []
        client.change("b")(lambda b, **_: mine.append(b))
        with client.state as state:
            state.b = {"a": 1, "b": 2, "_filter": ["b"]}
        assert await client.call_trigger("ping") == "pong"  # answered after the write was handled
        assert server.state.b == {"a": 1, "_filter": ["b"]}  # trame's client drops the keys _filter names
        assert heard == [{"a": 1, "_filter": ["b"]}]
        await until(lambda: client.state.b_keys == ["_filter", "a"])
        assert client.state.b == {"a": 1, "b": 2, "_filter": ["b"]}  # the client keeps its own, whole
        assert len(mine) == 1  # its own write, not the server's echo of it
        await closed(client, task)

    run(main())


def test_a_write_made_before_connecting_is_sent_once_connected(server):
    async def main():
        client = get_client(url(server))
        with client.state:
            client.state.counter = 42
        task = asyncio.ensure_future(client.connect())
        await client.wait_connected()
        assert await client.call_trigger("ping") == "pong"
        assert server.state.counter == 42
        assert client.state.counter == 42  # not replaced by the server's older value
        await closed(client, task)

    run(main())


def test_call_trigger_returns_the_value_with_and_without_args(server):
    async def main():
        client, task = await connected(url(server))
        assert await client.call_trigger("add", [1, 2, 3]) == 6
        assert await client.call_trigger("add") == 0
        assert await client.call_trigger("add", (2, 3), {"scale": 10}) == 50
        assert await client.call_trigger("later", [21]) == 42  # an async trigger, awaited on the server
        await until(lambda: client.state.after_await == 21)  # what it set after its await reaches the client
        await closed(client, task)

    run(main())


def test_a_failing_trigger_raises_in_the_caller_and_the_server_stays_up(server):
    async def main():
        client, task = await connected(url(server))
        with pytest.raises(TriggerError, match="ValueError: boom in the trigger") as failed:
            await client.call_trigger("fail")
        assert failed.value.code == "trigger-failed"
        with pytest.raises(TriggerError, match="no trigger named 'nope'") as missing:
            await client.call_trigger("nope")
        assert missing.value.code == "no-trigger"
        with pytest.raises(TriggerError, match="no JSON form") as opaque:
            await client.call_trigger("opaque")
        assert opaque.value.code == "bad-result"
        assert await client.call_trigger("add", [1, 1]) == 2  # same connection, still answering
        await closed(client, task)

    run(main())


def test_disconnect_then_reconnect_gets_what_changed_meanwhile(server):
    async def main():
        client, task = await connected(url(server))
        await closed(client, task)
        with pytest.raises(ClientError, match="not connected"):
            await client.call_trigger("ping")
        with server.state:
            server.state.label = "changed while away"
        task = asyncio.ensure_future(client.connect())
        await client.wait_connected()
        assert client.state.label == "changed while away"
        await closed(client, task)

    run(main())


def test_the_client_counts_as_a_connected_client(server):
    events = []
    server.controller.on_client_connected.add(lambda: events.append("in"))
    server.controller.on_client_exited.add(lambda: events.append("out"))

    async def main():
        client, task = await connected(url(server))
        assert events == ["in"]
        await closed(client, task)
        await until(lambda: events == ["in", "out"])

    run(main())


def test_server_stop_ends_the_clients_connect(server):
    async def main():
        client, task = await connected(url(server))
        await asyncio.get_running_loop().run_in_executor(None, server.stop)
        await asyncio.wait_for(task, 5)  # returns, as trame's does when the server goes
        assert client.connected == 0

    run(main())


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connecting_to_nothing_or_to_a_wrong_path_says_why(server):
    async def main():
        client = get_client(f"ws://127.0.0.1:{_free_port()}/ws")
        with pytest.raises(ConnectError, match="cannot connect to"):
            await client.connect()
        assert client.connected == 0
        with pytest.raises(ConnectError, match="HTTP 40.*answers Python clients at /ws"):
            await get_client(url(server, "/nothing/here")).connect()
        with pytest.raises(ValueError, match="not a websocket URL"):
            await get_client("ftp://localhost/ws").connect()
        with pytest.raises(TypeError, match="secret= only"):
            await get_client(url(server)).connect(token="x")

    run(main())


def test_a_wrong_secret_is_refused_and_wait_connected_says_so(server):
    async def main():
        client = get_client(url(server))
        task = asyncio.ensure_future(client.connect(secret="not it"))
        with pytest.raises(ConnectError, match="wrong client secret"):
            await client.wait_connected()
        with pytest.raises(ConnectError):
            await task
        assert client.connected == 0

    run(main())


def test_a_secret_of_its_own_and_turning_clients_off():
    own = make_server(client_secret="s3cret")
    off = make_server(python_clients=False)
    try:
        async def main():
            with pytest.raises(ConnectError, match="wrong client secret"):
                await get_client(url(own)).connect()  # the default one no longer works
            client, task = await connected(url(own), secret="s3cret")
            await closed(client, task)
            with pytest.raises(ConnectError, match="takes no Python clients"):
                await get_client(url(off)).connect()

        run(main())
    finally:
        own.stop()
        off.stop()


# -- the wire, as a hostile or broken client would use it ------------------------------------------


def raw(srv, secret="wslink-secret", **headers):
    ws = websocket.create_connection(url(srv), timeout=5, header=[f"{k}: {v}" for k, v in headers.items()])
    ws.send(json.dumps({"t": "hello", "secret": secret}))
    return ws


def close_of(ws):
    """The code and reason of the server's close frame."""
    while True:
        opcode, data = ws.recv_data(control_frame=True)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            return int.from_bytes(data[:2], "big"), data[2:].decode()


def frames_until(ws, kind):
    while True:
        msg = json.loads(ws.recv())
        if msg["t"] == kind:
            return msg


def test_the_default_secret_is_refused_through_a_proxy_but_a_secret_of_its_own_is_not():
    srv = make_server()
    own = make_server(client_secret="s3cret")
    try:
        code, reason = close_of(raw(srv, **{"X-Forwarded-For": "203.0.113.9"}))
        assert code == 1008 and "from this machine only" in reason
        ws = raw(own, secret="s3cret", **{"X-Forwarded-For": "203.0.113.9"})
        assert frames_until(ws, "welcome")["state"]["label"] == "hello"
        ws.close()
    finally:
        srv.stop()
        own.stop()


def test_bad_frames_get_a_clear_error_and_change_nothing(server):
    ws = raw(server)
    frames_until(ws, "welcome")
    for frame, words in [
        ("not json", "not valid JSON"),
        (json.dumps({"t": "eval", "code": "1"}), "unknown message type 'eval'"),
        (json.dumps({"t": "set", "values": {"counter": 5}, "extra": 1}), "has no field 'extra'"),
        (json.dumps({"t": "set", "values": [1]}), "'values', an object"),
        (json.dumps({"t": "set", "values": {"": 1}}), "non-empty string"),
        (json.dumps({"t": "set", "values": {f"k{i}": i for i in range(1001)}}), "at most 1000"),
        (json.dumps({"t": "set", "values": {"trame__busy": 1}}), "client-only"),
        (json.dumps({"t": "call", "n": -1, "name": "add"}), "non-negative integer"),
        (json.dumps({"t": "call", "n": 1, "name": "add", "args": {}}), "must be an array"),
        (json.dumps({"t": "hello", "secret": "wslink-secret"}), "one hello per connection"),
    ]:
        ws.send(frame)
        error = frames_until(ws, "error")
        assert words in error["message"], (frame, error)
    assert server.state.counter == 1 and server.state.k0 is None
    ws.send(json.dumps({"t": "call", "n": 3, "name": "add", "args": [1, 2]}))
    assert frames_until(ws, "result") == {"t": "result", "n": 3, "value": 3}  # still served
    ws.close()


def test_a_first_frame_that_is_not_a_hello_closes_the_socket(server):
    ws = websocket.create_connection(url(server), timeout=5)
    ws.send(json.dumps({"t": "set", "values": {"counter": 9}}))
    code, reason = close_of(ws)
    assert code == 1008 and "first message must be a hello" in reason
    assert server.state.counter == 1


def test_a_restarted_task_mode_server_is_ready_again():
    # trame-server's own test_client starts, stops and restarts one named
    # server in two event loops: the first loop's task, cancelled as that
    # loop closed, must not resolve the second run's ``server.ready`` to False.
    srv = Server(f"test-pyclient-restart-{next(_names)}")

    async def once():
        srv.start(exec_mode="task", port=0, show_connection_info=False)
        port = await srv.ready
        assert port and srv.running
        await srv.stop()

    asyncio.run(once())
    asyncio.run(once())


def test_sync_client_for_plain_code(server):
    from htmxtrame.pyclient import SyncClient

    seen = []
    with SyncClient(url(server)) as client:
        client.change("counter")(lambda counter, **_: seen.append(counter))
        assert client.connected == 2 and client.state.label == "hello"
        with client.state:
            client.state.label = "from a script"
        assert client.call_trigger("add", [2, 3]) == 5
        assert server.state.label == "from a script"
        with server.state:
            server.state.counter = 11
        deadline = time.monotonic() + 5
        while 11 not in seen:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        with pytest.raises(TriggerError, match="boom"):
            client.call_trigger("fail")
    assert client.connected == 0
    with pytest.raises(ConnectError, match="wrong client secret"):
        SyncClient(url(server), secret="nope")


def test_a_value_too_big_for_one_message_is_not_sent_and_the_rest_is(server, caplog):
    async def main():
        client, task = await connected(url(server))
        with client.state:
            client.state.big = "x" * (2 << 20)
            client.state.small = "fits"
        assert await client.call_trigger("ping") == "pong"
        assert server.state.small == "fits" and server.state.big is None
        assert "client.state.big not sent" in caplog.text
        await closed(client, task)

    run(main())


def test_a_client_that_drops_its_connection_leaves_the_server_serving(server):
    async def main():
        client, task = await connected(url(server))
        client._ws.abort()  # no closing handshake: the TCP connection just goes
        await asyncio.wait_for(task, 5)
        await until(lambda: not server.connections)
        client, task = await connected(url(server))
        assert await client.call_trigger("add", [4]) == 4
        await closed(client, task)

    run(main())


def test_embedded_at_the_root_the_client_uses_its_own_path_and_the_hosts_ws_route_stays():
    from flask import Flask
    from flask_sock import Sock

    from htmxtrame.testing.site import start_site

    host = Flask("host-with-its-own-ws")
    srv = Server(f"test-pyclient-embedded-{next(_names)}")
    srv.state.label = "embedded"

    @srv.trigger("ping")
    def ping():
        return "pong"

    srv.init_app(host)  # at the root: trame's /ws would be the same path as the host's
    Sock(host).route("/ws")(lambda ws: ws.send("the host's socket"))  # routed after the mount: still the host's
    site = start_site(host)
    try:
        base = site.url.replace("http://", "ws://")
        ws = websocket.create_connection(base + "ws", timeout=5)
        assert ws.recv() == "the host's socket"  # the trame path is left to the host
        ws.close()

        async def main():
            client, task = await connected(base + "__htmxtrame/client")
            assert client.state.label == "embedded"
            assert await client.call_trigger("ping") == "pong"
            await closed(client, task)

        run(main())
    finally:
        site.stop()


def test_a_client_that_never_reads_its_answers_is_cut_off_and_others_are_served(caplog):
    srv = make_server()
    srv.max_messages_per_second = 10_000

    @srv.trigger("big")
    def big():
        return "x" * 100_000

    try:
        ws = raw(srv)
        frames_until(ws, "welcome")
        ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # reads nothing from now on
        call = json.dumps({"t": "call", "n": 1, "name": "big"})
        with contextlib.suppress(OSError):  # once the server cuts the connection, sending fails
            for _ in range(2000):
                ws.send(call)
        deadline = time.monotonic() + 10
        while "bytes of answers wait unread" not in caplog.text:
            assert time.monotonic() < deadline, caplog.text[-2000:]
            time.sleep(0.05)

        async def main():  # everyone else is still served
            client, task = await connected(url(srv))
            assert await client.call_trigger("ping") == "pong"
            await closed(client, task)

        run(main())
    finally:
        srv.stop()

"""Many websocket sessions on one server, without a browser.

A small asyncio client speaking the websocket protocol over raw sockets
(no dependency): N sessions connect and say hello, then one of them clicks
``#inc`` and every session times how long the pushed change took to reach it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import struct
import time
import urllib.request
from dataclasses import dataclass
from typing import Callable

from procstat import rss_kib


@dataclass
class Protocol:
    """How to speak to one framework's websocket."""

    path: str
    hello: str | None  # first message after connecting (None: none)
    click: Callable[[str], str]  # page HTML -> the message that clicks #inc
    is_update: Callable[[bytes], bool]  # does this frame carry the new count?


def _htmxtrame_click(page: str) -> str:
    iid = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    return json.dumps({"t": "ev", "id": iid, "ev": "click", "event": {"type": "click"}})


PROTOCOLS = {
    "htmxtrame": Protocol(
        path="/__htmxtrame/ws?ui=main",
        hello=json.dumps({"t": "hello", "seq": -1}),
        click=_htmxtrame_click,
        is_update=lambda data: b'"count"' in data,
    ),
    "floor": Protocol(
        path="/ws",
        hello=None,
        click=lambda page: json.dumps({"a": "inc", "headers": {}}),
        is_update=lambda data: b'#count' in data,
    ),
}


class _Ws:
    """One client websocket on asyncio streams."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.r, self.w = reader, writer

    @classmethod
    async def connect(cls, host: str, port: int, path: str) -> "_Ws":
        r, w = await asyncio.open_connection(host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        w.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        head = await r.readuntil(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"upgrade refused: {head[:80]!r}")
        return cls(r, w)

    def send(self, text: str, opcode: int = 1) -> None:
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        self.w.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    async def recv(self) -> bytes:
        """The next data frame (answers pings on the way)."""
        while True:
            b0, b1 = await self.r.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", await self.r.readexactly(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", await self.r.readexactly(8))
            data = await self.r.readexactly(n)
            opcode = b0 & 0x0F
            if opcode == 9:
                self.send(data.decode("latin-1"), opcode=10)
                continue
            if opcode == 8:
                raise ConnectionError("closed by server")
            return data

    def close(self) -> None:
        self.w.close()


async def _run(host: str, port: int, proto: Protocol, n: int, pid: int) -> dict:
    page = urllib.request.urlopen(f"http://{host}:{port}/", timeout=10).read().decode()
    rss0 = rss_kib(pid)
    sem = asyncio.Semaphore(64)
    socks: list[_Ws] = []

    async def join() -> None:
        async with sem:
            ws = await _Ws.connect(host, port, proto.path)
            if proto.hello:
                ws.send(proto.hello)
                await ws.recv()  # the resync answer: this session is being served
            socks.append(ws)

    t = time.perf_counter()
    await asyncio.gather(*(join() for _ in range(n)))
    connect_s = time.perf_counter() - t
    await asyncio.sleep(1.0)
    rss1 = rss_kib(pid)

    arrivals: list[float] = []

    async def wait_update(ws: _Ws) -> None:
        while True:
            if proto.is_update(await ws.recv()):
                arrivals.append(time.perf_counter())
                return

    waiters = [asyncio.ensure_future(wait_update(ws)) for ws in socks]
    await asyncio.sleep(0.2)
    t0 = time.perf_counter()
    socks[0].send(proto.click(page))
    await asyncio.wait_for(asyncio.gather(*waiters), timeout=60)
    lat = sorted((a - t0) * 1000 for a in arrivals)
    for ws in socks:
        ws.close()
    return {
        "sessions": n,
        "connect_s": connect_s,
        "reach_p50_ms": lat[len(lat) // 2],
        "reach_p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
        "rss_per_session_kib": (rss1 - rss0) / n,
    }


def run(host: str, port: int, framework: str, n: int, pid: int) -> dict:
    """Connect *n* sessions to the app and time one shared change reaching them all."""
    return asyncio.run(_run(host, port, PROTOCOLS[framework], n, pid))

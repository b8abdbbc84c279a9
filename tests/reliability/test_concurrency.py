"""Concurrency without a browser: pages and a background thread writing the
same keys end on the server's state, with nothing logged as an error."""

from __future__ import annotations

import logging
import re
import threading
import time

import websocket

from .conftest import Client

PARTIAL = re.compile(r'<hx-partial hx-target="#([^"]+)" hx-swap="(\w+)">(.*?)</hx-partial>', re.S)


class Mirror:
    """What a page would show: the latest HTML of each fragment it was sent."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.fragments: dict[str, str] = {}
        self.seq = 0

    def read_until_quiet(self, quiet: float = 1.0) -> None:
        """Apply frames until none arrives for *quiet* seconds."""
        while True:
            try:
                msg = self.client.recv(timeout=quiet)
            except websocket.WebSocketTimeoutException:
                return
            self.seq = max(self.seq, msg.get("seq", 0))
            for target, swap, html in PARTIAL.findall(msg.get("content", "")):
                if swap == "innerMorph":  # a resync: the whole body
                    for m in re.finditer(r'<(\w+) id="([^"]+)"[^>]*>([^<]*)<', html):
                        self.fragments[m.group(2)] = m.group(3)
                else:
                    m = re.match(r'<(\w+)[^>]*>([^<]*)<', html)
                    if m:
                        self.fragments[target] = m.group(2)

    def shows(self, dom_id: str) -> str:
        return self.fragments.get(dom_id, "")


def test_two_pages_and_a_thread_writing_the_same_keys_end_on_the_server_state(live, caplog):
    caplog.set_level(logging.WARNING, logger="htmxtrame")
    pages = [Mirror(live.client()), Mirror(live.client())]
    stop = threading.Event()

    def background() -> None:
        i = 0
        while not stop.is_set():
            with live.state:
                live.state.count += 1
                live.state.name = f"thread {i}"
            i += 1
            time.sleep(0.001)

    def page_writer(page: Mirror, k: int) -> None:
        inc, name = live.iid("inc"), live.iid("name")
        i = 0
        while not stop.is_set():
            page.client.send({"t": "ev", "id": inc, "ev": "click"})
            page.client.send({"t": "ev", "id": name, "ev": "input", "value": f"page{k} {i}"})
            i += 1
            time.sleep(0.003)  # under the rate limit

    def page_reader(page: Mirror) -> None:
        while not stop.is_set():
            page.read_until_quiet(0.2)

    workers = [threading.Thread(target=background)]
    workers += [threading.Thread(target=page_writer, args=(p, k)) for k, p in enumerate(pages)]
    readers = [threading.Thread(target=page_reader, args=(p,)) for p in pages]
    for t in workers + readers:
        t.start()
    time.sleep(3)  # the workload's duration
    stop.set()
    for t in workers + readers:
        t.join(10)
    for p in pages:
        p.read_until_quiet(1.5)
    final = {"count": str(live.state.count), "name_text": live.state.name}
    for p in pages:
        assert {"count": p.shows("count"), "name_text": p.shows("name_text")} == final
    assert live.state.count > 100
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], \
        [r.getMessage() for r in caplog.records]

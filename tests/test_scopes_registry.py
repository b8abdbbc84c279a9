"""Live sessions: one build per id, a cap, idle expiry that frees them and says so."""

from __future__ import annotations

import logging
import threading

import pytest

from htmxtrame.controller import Controller
from htmxtrame.scopes.factory import make_scope
from htmxtrame.scopes.registry import Registry, SessionsFull
from htmxtrame.state import State


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeServer:
    def __init__(self, sid: str) -> None:
        self._scope = make_scope("session:" + sid, State(ready=True), Controller(), dict)
        self.ended = False
        self._scope.on_close.append(lambda: setattr(self, "ended", True))


@pytest.fixture
def reg():
    clock = Clock()
    built: list = []

    def make(sid):
        built.append(sid)
        return FakeServer(sid)

    registry = Registry(make, timeout=60, max_sessions=3, clock=clock)
    registry.clock, registry.built = clock, built
    yield registry
    registry.close_all()


def test_one_build_per_session_id(reg):
    first = reg.open("aaaaaaaaaa")
    assert reg.open("aaaaaaaaaa") is first
    assert reg.built == ["aaaaaaaaaa"]


def test_concurrent_first_requests_of_one_browser_build_once():
    gate = threading.Event()
    built: list = []

    def slow(sid):
        built.append(sid)
        gate.wait(2)
        return FakeServer(sid)

    registry = Registry(slow, timeout=60, max_sessions=3)
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(registry.open("same-browser"))) for _ in range(3)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(5)
    assert built == ["same-browser"] and len({id(r) for r in results}) == 1
    registry.close_all()


def test_an_idle_session_expires_frees_its_scope_and_the_log_says_so(reg, caplog):
    entry = reg.open("idle-one-x")
    reg.clock.now += 59
    assert reg.sweep() == 0
    reg.clock.now += 2
    with caplog.at_level(logging.INFO, "htmxtrame.scopes"):
        assert reg.sweep() == 1
    assert reg.get("idle-one-x") is None and entry.server.ended
    assert "expired" in caplog.text and "freed" in caplog.text


def test_a_session_with_a_page_open_never_expires(reg):
    entry = reg.open("busy-one-x")
    entry.scope.sessions.add(object())  # a connected page
    reg.clock.now += 3600
    assert reg.sweep() == 0
    entry.scope.sessions.clear()
    reg.clock.now += 30
    assert reg.sweep() == 0  # idle counts from when the last page left
    reg.clock.now += 31
    assert reg.sweep() == 1


def test_the_cap_refuses_a_new_session_with_a_clear_error_until_one_expires(reg, caplog):
    for n in range(3):
        reg.open(f"session-{n}x")
    with caplog.at_level(logging.WARNING, "htmxtrame.scopes"), pytest.raises(SessionsFull, match="at most 3"):
        reg.open("one-too-many")
    assert "refused a new browser session" in caplog.text
    assert reg.open("session-0x") is not None  # the live ones still work
    reg.clock.now += 61
    assert reg.open("one-too-many") is not None  # the sweep made room
    assert len(reg) == 1


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        Registry(FakeServer, timeout=0)
    with pytest.raises(ValueError):
        Registry(FakeServer, max_sessions=0)

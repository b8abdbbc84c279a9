"""What a trame app observes of state and controller, checked on htmxtrame's own terms.

Each test states one of trame-server's rules (the ones its own suite checks)
with scenarios of our own: push-before-listeners, listener arguments,
``modified_keys``, suppression, weak references, namespaced child
state/controller, ``StateQueue``, and the controller's add/set/once/tasks.
"""

from __future__ import annotations

import asyncio
import gc
import queue
import threading
import weakref

import pytest

from htmxtrame.app import asynchronous
from htmxtrame.controller import Controller, FunctionNotImplementedError
from htmxtrame.state import State
from htmxtrame.translator import Translator


class Log:
    """Records pushes (commit_fn) and listener calls in one sequence."""

    def __init__(self) -> None:
        self.events: list = []

    def push(self, delta: dict) -> None:
        self.events.append(("push", dict(delta)))


@pytest.fixture
def log() -> Log:
    return Log()


@pytest.fixture
def state(log: Log) -> State:
    s = State(commit_fn=log.push)
    s.ready()
    return s


def test_each_pass_is_pushed_before_its_listeners_run(state, log):
    @state.change("speed")
    def on_speed(speed, **_):
        log.events.append(("listener", speed))
        state.label = f"{speed} km/h"

    state.speed = 30
    state.flush()
    assert log.events == [
        ("push", {"speed": 30}),
        ("listener", 30),
        ("push", {"label": "30 km/h"}),  # the listener's change is the next pass
    ]


def test_listeners_get_the_whole_state_as_keywords_and_see_modified_keys(state):
    seen = []
    state.update({"a": 1, "b": 2, "untouched": 0})
    state.flush()

    @state.change("a", "b")
    def on_ab(**kwargs):
        seen.append((dict(kwargs), set(state.modified_keys)))

    state.a, state.b = 10, 20
    state.flush()
    assert seen == [({"a": 10, "b": 20, "untouched": 0}, {"a", "b"})]


def test_nothing_is_pushed_before_ready_and_ready_pushes_once():
    pushes = []
    s = State(commit_fn=pushes.append)
    s.x = 1
    assert s.flush() is None and pushes == []
    assert not s.is_ready
    s.ready()
    assert s.is_ready and pushes == [{"x": 1}]
    s.ready()  # a second ready() does nothing
    assert pushes == [{"x": 1}]


def test_setting_back_the_pushed_value_cancels_the_change(state, log):
    state.level = 1
    state.flush()
    state.level = 2
    assert state.is_dirty("level")
    state.level = 1
    assert not state.is_dirty("level")
    assert state.flush() == set()
    assert log.events == [("push", {"level": 1})]


def test_is_dirty_all_needs_every_key(state):
    state.a = 1
    assert state.is_dirty("a", "b") and not state.is_dirty_all("a", "b")
    state.b = 1
    assert state.is_dirty_all("a", "b")


def test_suppress_with_no_keys_silences_every_listener_but_still_pushes(state, log):
    calls = []
    state.change("a")(lambda **_: calls.append("a"))
    state.change("b")(lambda **_: calls.append("b"))
    with state.suppress_change_listeners():
        state.a = 1
        state.b = 1
    state.flush()
    assert calls == []
    assert log.events == [("push", {"a": 1, "b": 1})]


def test_suppress_named_keys_only_silences_those(state):
    calls = []
    state.change("a")(lambda **_: calls.append("a"))
    state.change("b")(lambda **_: calls.append("b"))
    with state.suppress_change_listeners("a"):
        state.a = 1
        state.b = 1
    state.flush()
    assert calls == ["b"]


def test_suppression_is_decided_when_the_key_is_written(state):
    calls = []
    state.change("a")(lambda **_: calls.append("a"))
    with state.suppress_change_listeners("a"):
        state.a = 1
    state.a = 2  # written after the block: heard
    state.flush()
    assert calls == ["a"]


def test_weak_method_listener_is_dropped_with_its_object(state):
    calls = []

    class Panel:
        def on_zoom(self, zoom, **_):
            calls.append(zoom)

    panel = Panel()
    state.change("zoom")(weakref.WeakMethod(panel.on_zoom))
    state.zoom = 1
    state.flush()
    del panel
    gc.collect()
    state.zoom = 2
    state.flush()  # no error, nothing called
    assert calls == [1]


def test_weak_function_controller_entry_is_dropped_with_its_function():
    ctrl = Controller()
    calls = []

    def reset():
        calls.append("reset")

    ctrl.reset.add(weakref.ref(reset))
    ctrl.reset()
    del reset
    gc.collect()
    ctrl.reset.enable_empty()
    ctrl.reset()
    assert calls == ["reset"]


def test_child_state_and_controller_share_the_parents_under_a_prefix():
    parent = State(ready=True)
    child = State(translator=Translator(prefix="left_"), internal=parent)
    seen = []
    child.change("zoom")(lambda zoom, **_: seen.append(zoom))
    child.zoom = 3
    assert parent["left_zoom"] == 3 and "zoom" not in parent
    parent.flush()
    assert seen == [3]  # the child's listener gets its own names

    ctrl = Controller()
    left = Controller(translator=Translator(prefix="left_"), internal=ctrl)
    left.add("reset")(lambda: "left reset")
    assert ctrl.left_reset() == ["left reset"]


def test_controller_set_add_once_and_clear():
    ctrl = Controller()
    ctrl.add("go")(lambda: "added")
    ctrl.set("go")(lambda: "set")
    assert ctrl.go() == ["set", "added"]  # the set function first, then the added ones
    ctrl.go.clear(set_only=True)  # keeps only the set function
    assert ctrl.go() == "set"
    ctrl.add("go")(lambda: "added")
    ctrl.once("go")(lambda: "once")
    assert ctrl.go() == ["set", "added", "once"]
    assert ctrl.go() == ["set", "added"]
    ctrl.add("go", clear=True)(lambda: "fresh")
    assert ctrl.go() == ["fresh"]
    ctrl.go.clear()
    with pytest.raises(FunctionNotImplementedError):
        ctrl.go()


def test_controller_add_task_runs_the_coroutine_as_a_task():
    ctrl = Controller()
    done = []

    async def refresh():
        done.append("refreshed")

    ctrl.add_task("refresh")(refresh)

    async def main():
        results = ctrl.refresh()
        assert done == []  # scheduled, not awaited
        await asyncio.sleep(0.01)
        return results

    results = asyncio.run(main())
    assert done == ["refreshed"]
    assert len(results) == 1


def test_trigger_names_are_generated_and_resolved_back():
    ctrl = Controller()

    def export():
        return "csv"

    name = ctrl.trigger_name(export)
    assert name.startswith("trigger__")
    assert ctrl.trigger_name(export) == name  # stable
    assert ctrl.trigger_fn(name) is export


def test_state_queue_from_another_thread_reaches_listeners_in_order():
    from htmxtrame.app import get_server

    server = get_server("state_queue_trame_test")
    server.state.ready()
    progress = []
    server.state.change("progress")(lambda progress, **_: progress_log(progress))

    def progress_log(value):
        progress.append(value)

    q: queue.Queue = queue.Queue()

    def worker():
        with asynchronous.StateQueue(q) as sq:
            for i in range(3):
                sq.progress = i
                assert sq.progress == i

    async def main():
        task = asynchronous.create_state_queue_monitor_task(server, q, delay=0.01)
        threading.Thread(target=worker).start()
        await asyncio.wait_for(task, 5)

    asyncio.run(main())
    assert progress == [0, 1, 2]
    assert server.state.progress == 2


def test_state_queue_without_auto_flush_sends_on_flush():
    q: queue.Queue = queue.Queue()
    sq = asynchronous.StateQueue(q, auto_flush=False)
    sq.a = 1
    sq.update({"b": 2})
    assert q.empty()
    sq.flush()
    assert q.get_nowait() == {"a": 1, "b": 2}
    sq.exit()
    assert q.get_nowait() == asynchronous.QUEUE_EXIT

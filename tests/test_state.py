"""State: trame's semantics for values, change detection, listeners and flushing."""

from __future__ import annotations

import logging
import threading

import pytest

from htmxtrame.state import State


class Recorder:
    """A commit_fn that keeps every delta pushed."""

    def __init__(self) -> None:
        self.deltas: list[dict] = []

    def __call__(self, delta: dict) -> None:
        self.deltas.append(dict(delta))

    @property
    def keys(self) -> list[list[str]]:
        return [list(d) for d in self.deltas]


@pytest.fixture
def pushed() -> Recorder:
    return Recorder()


@pytest.fixture
def state(pushed: Recorder) -> State:
    return State(commit_fn=pushed, ready=True)


# -- reading and writing ----------------------------------------------------

def test_attribute_and_item_access_are_the_same_value(state):
    state.a = 1
    state["b"] = "two"
    assert state["a"] == 1
    assert state.b == "two"
    assert state.missing is None
    assert state["missing"] is None


def test_pending_value_is_read_back_before_flush(state, pushed):
    state.a = 1
    state.flush()
    state.a = 2
    assert state.a == 2
    assert pushed.deltas == [{"a": 1}]


def test_keys_must_be_strings(state):
    with pytest.raises(TypeError, match="state keys are strings"):
        state[3] = "x"


def test_equal_value_is_no_change(state, pushed):
    state.a = [1, 2]
    state.flush()
    state.a = [1, 2]
    assert not state.is_dirty("a")
    state.flush()
    assert pushed.deltas == [{"a": [1, 2]}]


def test_type_change_with_equal_value_is_a_change(state, pushed):
    # 1 == True in Python, but a checkbox going from 1 to true must be pushed.
    state.flag = 1
    state.flush()
    state.flag = True
    assert state.is_dirty("flag")
    state.flush()
    assert pushed.deltas[-1] == {"flag": True}
    assert state.flag is True


def test_values_whose_eq_raises_count_as_changed(state, pushed):
    class Odd:
        def __eq__(self, other):
            raise RuntimeError("no comparisons")

        __hash__ = object.__hash__

    state.v = Odd()
    state.flush()
    state.v = Odd()
    assert state.is_dirty("v")


def test_update_has_setdefault_to_dict(state):
    state.update({"a": 1}, b=2)
    assert state.has("a") and state.has("b") and not state.has("c")
    assert "a" in state and "c" not in state
    assert state.setdefault("a", 100) == 1
    assert state.setdefault("c", 3) == 3
    assert state.to_dict() == {"a": 1, "b": 2, "c": 3}
    assert not state.is_dirty("a", "b", "c"), "to_dict() flushes first, as trame's does"
    snapshot = state.snapshot()
    snapshot["a"] = "changed"
    assert state.a == 1, "snapshot() is a copy"


def test_setdefault_keeps_a_flushed_none(state):
    state.a = None
    state.flush()
    assert state.setdefault("a", 5) is None


def test_is_dirty_until_flushed(state):
    state.a = 1
    assert state.is_dirty("a")
    assert state.is_dirty("zzz", "a")
    assert not state.is_dirty("zzz")
    state.flush()
    assert not state.is_dirty("a")


# -- listeners ----------------------------------------------------------------

def test_listener_runs_at_flush_with_whole_state_as_kwargs(state):
    seen = []

    @state.change("a")
    def on_a(**kwargs):
        seen.append(kwargs)

    state.b = "bee"
    state.a = 1
    assert seen == [], "listeners run at flush, not when the value is set"
    state.flush()
    assert seen == [{"a": 1, "b": "bee"}]


def test_change_needs_key_names(state):
    state.change()(lambda **kw: None)  # no key: listens to nothing, as in trame
    with pytest.raises(TypeError, match="key names"):
        state.change(lambda **kw: None)


def test_listener_of_several_keys_runs_once_per_pass(state):
    calls = []

    @state.change("a", "b", "c")
    def on_any(**kwargs):
        calls.append(kwargs["a"])

    state.update(a=1, b=2, c=3)
    state.flush()
    assert calls == [1]


def test_trame_order_keys_in_order_set_then_registration_order(state):
    order = []

    @state.change("b")
    def b1(**_):
        order.append("b1")

    @state.change("a")
    def a1(**_):
        order.append("a1")

    @state.change("b")
    def b2(**_):
        order.append("b2")

    @state.change("a")
    def a2(**_):
        order.append("a2")

    state.b = 1
    state.a = 1
    state.flush()
    assert order == ["b1", "b2", "a1", "a2"]


def test_changes_inside_listener_run_in_a_following_pass(state, pushed):
    passes = []

    @state.change("a")
    def on_a(a, **_):
        passes.append(("a", set(state.modified_keys)))
        state.b = a * 10

    @state.change("b")
    def on_b(b, **_):
        passes.append(("b", set(state.modified_keys)))

    state.a = 2
    state.flush()
    assert passes == [("a", {"a"}), ("b", {"b"})]
    assert state.b == 20
    # trame: each pass is pushed before its listeners run ...
    assert pushed.deltas == [{"a": 2}, {"b": 20}]
    assert state.modified_keys == {"b"}, "modified_keys keeps the last pass, as trame's does"


def test_the_page_renders_once_per_flush(state, pushed):
    rendered = []
    state._flushed_fn = rendered.append
    state.change("a")(lambda a, **_: state.update(b=a * 10))
    state.a = 2
    state.flush()
    # ... while the page gets one merged delta for the whole flush.
    assert rendered == [{"a": 2, "b": 20}]


def test_listener_setting_its_own_key_runs_again_until_quiet(state):
    @state.change("n")
    def clamp(n, **_):
        if n > 3:
            state.n = 3

    state.n = 10
    state.flush()
    assert state.n == 3


def test_modified_keys_lists_the_batch(state):
    seen = []

    @state.change("x")
    def on_x(**_):
        seen.append(set(state.modified_keys))

    state.x = 1
    state.y = 2
    state.flush()
    assert seen == [{"x", "y"}]


def test_listener_exception_is_logged_with_key_and_not_raised(state, caplog):
    after = []

    @state.change("a")
    def broken(**_):
        raise ValueError("listener bug")

    @state.change("a")
    def fine(a, **_):
        after.append(a)

    state.a = 1
    with caplog.at_level(logging.ERROR, logger="htmxtrame.state"):
        state.flush()  # must not raise
    assert after == [1], "the other listeners still run"
    record = next(r for r in caplog.records if r.name == "htmxtrame.state")
    assert "'a'" in record.getMessage() and "broken" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ValueError
    assert "listener bug" in caplog.text and "Traceback" in caplog.text


def test_listener_exception_reaches_on_error_hook():
    errors = []
    state = State(ready=True, on_error=lambda where, exc: errors.append((where, exc)))

    @state.change("a")
    def broken(**_):
        raise KeyError("oops")

    state.a = 1
    state.flush()
    assert len(errors) == 1
    assert "a" in errors[0][0] and isinstance(errors[0][1], KeyError)


def test_remove_change_listener(state):
    calls = []

    def on_a(**_):
        calls.append(1)

    state.change("a")(on_a)
    state.remove_change_listener(on_a)
    state.a = 1
    state.flush()
    assert calls == []


# -- dirty / clean / flush ---------------------------------------------------------

def test_dirty_repushes_in_place_mutation(state, pushed):
    calls = []
    state.items = [1]
    state.flush()

    @state.change("items")
    def on_items(items, **_):
        calls.append(list(items))

    state.items.append(2)
    state.flush()
    assert calls == [], "in-place mutation is invisible until dirty()"
    state.dirty("items")
    assert state.is_dirty("items")
    state.flush()
    assert calls == [[1, 2]]
    assert pushed.deltas[-1] == {"items": [1, 2]}


def test_clean_commits_silently(state, pushed):
    calls = []
    state.change("a")(lambda **_: calls.append(1))
    state.a = 5
    state.clean("a")
    assert not state.is_dirty("a")
    assert state.a == 5
    state.flush()
    assert calls == [] and pushed.deltas == []


def test_flush_with_nothing_pending_pushes_nothing(state, pushed):
    state.flush()
    assert pushed.deltas == []


def test_with_state_flushes_on_exit(state, pushed):
    with state:
        state.a = 1
        state.b = 2
        assert pushed.deltas == []
    assert pushed.deltas == [{"a": 1, "b": 2}]


def test_with_state_flushes_even_when_block_raises(state, pushed):
    with pytest.raises(RuntimeError):
        with state:
            state.a = 1
            raise RuntimeError("boom")
    assert pushed.deltas == [{"a": 1}]


def test_commit_fn_failure_is_logged_and_state_kept(caplog):
    def bad_commit(delta):
        raise RuntimeError("renderer down")

    state = State(commit_fn=bad_commit, ready=True)
    state.a = 1
    with caplog.at_level(logging.ERROR, logger="htmxtrame.state"):
        state.flush()
    assert state.a == 1 and not state.is_dirty("a")
    assert "renderer down" in caplog.text


def test_a_server_write_to_a_client_only_key_is_rendered_as_in_trame(state, pushed):
    rendered = []
    state._flushed_fn = rendered.append
    state.client_only("draft")
    state.draft = 1
    state.shown = 2
    state.flush()
    assert rendered == [{"draft": 1, "shown": 2}], "a page's writes stay with it; the server's reach every page"
    assert pushed.deltas == [{"draft": 1, "shown": 2}], "commit_fn sees every key, as trame's does"


def test_suppress_change_listeners(state, pushed):
    calls = []
    state.change("a")(lambda a, **_: calls.append(a))
    with state.suppress_change_listeners("a"):
        state.a = 1
        state.flush()
    assert calls == []
    assert pushed.deltas == [{"a": 1}], "suppressed keys are still pushed"
    state.a = 2
    state.flush()
    assert calls == [2]


# -- readiness -------------------------------------------------------------------

def test_flushes_are_held_until_ready_then_every_listener_fires_once(pushed):
    state = State(commit_fn=pushed, ready=False)
    calls = []
    state.a = 1
    state.b = 2
    state.flush()
    state.change("a")(lambda **kw: calls.append("on_a"))
    state.change("b")(lambda **kw: calls.append("on_b"))
    state.change("a", "b")(lambda **kw: calls.append("on_ab"))
    with state:
        state.c = 3
    assert pushed.deltas == [] and calls == []
    assert state.is_dirty("a"), "held changes are still pending"

    state.ready()
    assert sorted(calls) == ["on_a", "on_ab", "on_b"]
    assert pushed.deltas == [{"a": 1, "b": 2, "c": 3}]


def test_ready_flushes_what_was_set_before_it_but_not_what_was_cleaned(pushed):
    # trame: writes before ready() wait; ready() pushes them and runs their
    # listeners; a key clean()ed before ready is committed silently.
    state = State(commit_fn=pushed, ready=False)
    state.a = 1
    state.clean("a")
    state.b = 2
    calls = []
    state.change("a", "b")(lambda a, b, **_: calls.append((a, b)))
    state.flush()
    assert calls == [] and pushed.deltas == [], "nothing is flushed before ready()"
    state.ready()
    assert calls == [(1, 2)]
    assert pushed.deltas == [{"b": 2}]


# -- threads -----------------------------------------------------------------------

def test_concurrent_writers_and_flushers_end_consistent():
    pushed: dict = {}
    lock = threading.Lock()

    def commit(delta):
        with lock:
            pushed.update(delta)

    state = State(commit_fn=commit, ready=True)
    counts = {f"k{t}": 0 for t in range(6)}

    @state.change(*counts)
    def mirror(**kwargs):
        # Listeners run concurrently with writers; they must see a coherent state.
        state.total_keys = sum(1 for k in counts if kwargs.get(k) is not None)

    def worker(key: str) -> None:
        for i in range(1, 301):
            with state:
                state[key] = i
            state[f"{key}_shadow"] = i
            if i % 7 == 0:
                state.flush()

    threads = [threading.Thread(target=worker, args=(k,)) for k in counts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    state.flush()
    for key in counts:
        assert state[key] == 300
        assert state[f"{key}_shadow"] == 300
        assert pushed[key] == 300, f"the last push of {key} must be its last value"
        assert pushed[f"{key}_shadow"] == 300
    assert state.total_keys == len(counts)
    assert not state.is_dirty(*state.keys())


def test_async_listener_is_handed_to_the_scheduler():
    scheduled = []
    state = State(ready=True, scheduler=scheduled.append)
    ran = []

    @state.change("a")
    async def on_a(a, **_):
        ran.append(a)

    state.a = 1
    state.flush()
    assert len(scheduled) == 1 and ran == [], "the coroutine is scheduled, not run inline"
    coro = scheduled[0]
    try:
        coro.send(None)
    except StopIteration:
        pass
    assert ran == [1]

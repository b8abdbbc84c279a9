"""TypedState: a dataclass-shaped view of the state (trame_server.utils.typed_state)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Generic, TypeVar
from uuid import UUID

import pytest

from htmxtrame.app import get_server
from htmxtrame.state import State
from htmxtrame.utils.typed_state import DefaultEncoderDecoder, IStateEncoderDecoder, TypedState


class Mode(Enum):
    ORBIT = "orbit"
    PAN = "pan"


@dataclass
class Light:
    on: bool = True
    power: float = 0.5


@dataclass
class Scene:
    light: Light = field(default_factory=lambda: Light(on=False, power=0.9))
    mode: Mode = Mode.ORBIT
    tags: list[str] = field(default_factory=list)


@pytest.fixture
def pushed() -> list:
    return []


@pytest.fixture
def state(pushed) -> State:
    return State(commit_fn=lambda delta: pushed.append(dict(delta)), ready=True)


def test_keys_are_trames_and_defaults_seed_the_state(state):
    ts = TypedState(state, Scene, namespace="view")
    assert ts.name.mode == "view__Scene__mode"
    assert ts.name.light.power == "view__Scene__light__Light__power"
    # the enclosing default object wins over the nested class's own defaults
    assert state["view__Scene__light__Light__on"] is False
    assert state["view__Scene__light__Light__power"] == 0.9
    assert state["view__Scene__mode"] == "orbit"
    assert state["view__Scene__tags"] == []


def test_writes_encode_and_reads_decode(state, pushed):
    ts = TypedState(state, Scene)
    state.flush()
    assert pushed[-1]["Scene__mode"] == "orbit"
    ts.data.mode = Mode.PAN
    state.flush()
    assert pushed[-1] == {"Scene__mode": "pan"}
    state["Scene__mode"] = "orbit"  # a page writes the plain value
    assert ts.data.mode is Mode.ORBIT


def test_a_value_that_cannot_be_decoded_raises_a_type_error_naming_it(state):
    ts = TypedState(state, Scene)
    state["Scene__mode"] = "zoom"
    with pytest.raises(TypeError, match="'zoom'"):
        _ = ts.data.mode


def test_rich_types_round_trip(state):
    @dataclass
    class Rich:
        when: datetime | None = None
        uid: UUID | None = None
        path: Path = Path("/tmp")
        pair: tuple[int, Mode] = (1, Mode.PAN)

    ts = TypedState(state, Rich)
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    ts.data.when = when
    ts.data.uid = UUID(int=7)
    assert state[ts.name.when] == "2026-01-02T01:04:05+00:00"
    assert state[ts.name.pair] == (1, "pan")
    assert ts.data.when == when
    assert ts.data.uid == UUID(int=7)
    assert ts.data.path == Path("/tmp")
    state[ts.name.pair] = [2, "orbit"]  # JSON sends lists: a tuple field still decodes per position
    assert ts.data.pair == (2, Mode.ORBIT)


T = TypeVar("T")


@dataclass
class Box(Generic[T]):
    item: T | None = None


@dataclass
class ModeBox(Box[Mode]):
    pass


def test_generic_dataclass_fields_use_the_bound_type(state):
    ts = TypedState(state, ModeBox)
    state[ts.name.item] = "pan"
    assert ts.data.item is Mode.PAN


def test_dataclass_round_trip_and_wrong_type(state):
    ts = TypedState(state, Scene)
    ts.set_dataclass(Scene(light=Light(True, 0.1), mode=Mode.PAN, tags=["a"]))
    assert ts.get_dataclass() == Scene(light=Light(True, 0.1), mode=Mode.PAN, tags=["a"])
    ts.data.light = Light(False, 0.2)
    assert TypedState.as_dataclass(ts.data.light) == Light(False, 0.2)
    with pytest.raises(TypeError, match="Light"):
        ts.set_dataclass(Light())
    with pytest.raises(TypeError, match="dataclass"):
        TypedState(state, dict)


def test_bind_changes_passes_typed_values_once_per_flush(state):
    ts = TypedState(state, Scene)
    seen = []
    ts.bind_changes({(ts.name.mode, ts.name.light.power): lambda mode, power: seen.append((mode, power))})
    ts.data.mode = Mode.PAN
    ts.data.light.power = 0.3
    state.flush()
    assert seen == [(Mode.PAN, 0.3)]
    ts.bind_changes({ts.name.light: lambda light: seen.append(TypedState.as_dataclass(light))})
    ts.data.light.on = True
    state.flush()
    assert seen[-1] == Light(True, 0.3)


def test_bind_changes_to_a_key_that_is_not_a_field_is_refused(state):
    ts = TypedState(state, Scene)
    with pytest.raises(KeyError, match="nope"):
        ts.bind_changes({"nope": print})


def test_suppressed_writes_still_reach_the_page(state, pushed):
    ts = TypedState(state, Scene)
    seen = []
    ts.bind_changes({ts.name.mode: seen.append})
    state.flush()
    seen.clear()
    with ts.suppress_change_listeners():
        ts.data.mode = Mode.PAN
    state.flush()
    assert seen == []
    assert pushed[-1] == {"Scene__mode": "pan"}


def test_custom_encoder_is_tried_first_and_shared_by_sub_states(state):
    class Upper(DefaultEncoderDecoder):
        def encode(self, obj):
            return obj.name if isinstance(obj, Mode) else super().encode(obj)

        def decode(self, obj, obj_type):
            return Mode[obj] if obj_type is Mode else super().decode(obj, obj_type)

    ts = TypedState(state, Scene, encoders=[Upper()])
    ts.data.mode = Mode.PAN
    assert state["Scene__mode"] == "PAN"
    assert ts.encode({"m": Mode.ORBIT}) == {"m": "ORBIT"}
    sub = ts.get_sub_state(ts.name.light)
    assert sub._encoder is ts._encoder
    sub.data.power = 0.7
    assert ts.data.light.power == 0.7
    with pytest.raises(RuntimeError, match="name proxy"):
        ts.get_sub_state(ts.data.light)


def test_encoder_that_raises_is_a_type_error():
    class Broken(IStateEncoderDecoder):
        def encode(self, obj):
            raise ValueError("no")

        def decode(self, obj, obj_type):
            raise ValueError("no")

    @dataclass
    class Bare:
        power: float

    st = State(ready=True)
    with pytest.raises(TypeError, match="cannot encode True"):
        TypedState(st, Light, encoders=[Broken()])  # Light's defaults cannot be encoded
    ts = TypedState(st, Bare, encoders=[Broken()])
    with pytest.raises(TypeError, match="cannot encode 1.0"):
        ts.data.power = 1.0
    st[ts.name.power] = 2.0
    with pytest.raises(TypeError, match="cannot decode state value 2.0"):
        _ = ts.data.power


def test_child_server_state_prefixes_the_keys():
    server = get_server("typed_state_child")
    child = server.create_child_server(prefix="left_")
    ts = TypedState(child.state, Light)
    ts.data.power = 0.25
    assert server.state["left_Light__power"] == 0.25


def test_async_callbacks_run_on_the_running_loop(state):
    ts = TypedState(state, Light)
    seen = []

    async def on_power(power):
        await asyncio.sleep(0)
        seen.append(power)

    async def main():
        ts.bind_changes({ts.name.power: on_power})
        with state:
            ts.data.power = 0.4
        await asyncio.sleep(0.05)

    asyncio.run(main())
    assert seen == [0.4]

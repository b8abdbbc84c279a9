"""``TypedState``: read, write and watch state through a dataclass (trame's ``utils.typed_state``).

::

    @dataclass
    class Camera:
        zoom: float = 1.0
        mode: Mode = Mode.ORBIT

    cam = TypedState(server.state, Camera, namespace="view")
    cam.data.zoom = 2.5               # writes state["view__Camera__zoom"] = 2.5
    cam.name.zoom                      # "view__Camera__zoom" (for v_model=...)
    cam.bind_changes({cam.name.mode: on_mode})   # on_mode(Mode.PAN), typed

``data`` is a proxy whose attributes read and write the state (encoding
rich values with the encoder, see :mod:`.typed_state_codec`); ``name`` is a
proxy of the same shape whose attributes are the state keys. Nested
dataclasses become nested proxies; a field's default (or default factory)
seeds its state key with ``setdefault``.

State keys are trame's: ``<Class>__<field>``, nested ``<Class>__<field>__<Inner>__<field>``,
with ``<namespace>__`` in front when a namespace is given, so a state shared
with trame code uses the same names.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, Field, fields, is_dataclass
from typing import Any, Generic, TypeVar

from .typed_state_codec import (
    CollectionEncoderDecoder,
    DefaultEncoderDecoder,
    IStateEncoderDecoder,
    field_types,
)

T = TypeVar("T")
V = TypeVar("V")

# Attributes stored on each generated proxy class.
_DATACLASS = "_typed_state_dataclass"
_FIELDS = "_typed_state_fields"  # state id -> leaf descriptor / key / nested proxy, this level and below
_STATE_ID = "_typed_state_id"
_KIND = "_typed_state_kind"  # "data" or "name"


class _Leaf:
    """A data-proxy attribute bound to one state key (a non-dataclass field)."""

    def __init__(self, state: Any, state_id: str, field_type: Any, encoder: IStateEncoderDecoder) -> None:
        self._state = state
        self._state_id = state_id
        self._type = field_type
        self._encoder = encoder

    def __get__(self, instance: Any, owner: Any) -> Any:
        return self.get_value() if instance is not None else self

    def __set__(self, instance: Any, value: Any) -> None:
        self.set_value(value)

    def get_value(self) -> Any:
        """The decoded value of the state key."""
        return self._encoder.decode(self._state[self._state_id], self._type)

    def set_value(self, value: Any) -> None:
        """Encode *value* into the state key."""
        self._state[self._state_id] = self._encoder.encode(value)

    def set_default_value(self, value: Any) -> None:
        """Seed the state key with *value* unless it already has one."""
        self._state.setdefault(self._state_id, self._encoder.encode(value))


class _Nested:
    """A data-proxy attribute holding a nested dataclass's proxy; assigning a dataclass fills it."""

    def __init__(self, proxy: Any) -> None:
        self._proxy = proxy

    def __get__(self, instance: Any, owner: Any) -> Any:
        return self._proxy

    def __set__(self, instance: Any, value: Any) -> None:
        TypedState.from_dataclass(self._proxy, value)


def _default_of(f: Field, parent_default: Any) -> Any:
    """The value seeding field *f*: the enclosing default object's, else the field's own."""
    if parent_default is not MISSING:
        return getattr(parent_default, f.name)
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()  # type: ignore[misc,operator]
    return MISSING


def _build(
    dataclass_type: type, prefix: str, kind: str, make_leaf: Callable[[str, Any, Any], Any],
    parent_default: Any = MISSING,
) -> Any:
    """A proxy instance of *dataclass_type* whose state keys start with *prefix*."""
    state_id = f"{prefix}__{dataclass_type.__name__}" if prefix else dataclass_type.__name__
    hints = field_types(dataclass_type)
    attrs: dict[str, Any] = {}
    registry: dict[str, Any] = {}
    for f in fields(dataclass_type):
        key = f"{state_id}__{f.name}"
        f_type = hints[f.name]
        default = _default_of(f, parent_default) if kind == "data" else MISSING
        if is_dataclass(f_type) and isinstance(f_type, type):
            inner = _build(f_type, key, kind, make_leaf, default)
            registry.update(getattr(inner, _FIELDS))
            registry[getattr(inner, _STATE_ID)] = inner
            attrs[f.name] = _Nested(inner) if kind == "data" else inner
        else:
            attrs[f.name] = registry[key] = make_leaf(key, f_type, default)
    attrs.update({_DATACLASS: dataclass_type, _FIELDS: registry, _STATE_ID: state_id, _KIND: kind,
                  "__slots__": (), "__repr__": _proxy_repr})
    suffix = "__Proxy" if kind == "data" else "__ProxyName"
    proxy = type(f"{dataclass_type.__name__}{suffix}", (), attrs)()
    registry[state_id] = proxy  # last: a nested proxy's own key follows its fields
    return proxy


def _proxy_repr(self: Any) -> str:
    return f"<{getattr(self, _KIND)} proxy of {getattr(self, _DATACLASS).__name__} at {getattr(self, _STATE_ID)!r}>"


class TypedState(Generic[T]):
    """A typed view of *state* shaped like *dataclass_type* (see the module docstring).

    *encoders* are tried in order for values that are not dataclasses,
    lists, tuples, dicts or unions (default ``[DefaultEncoderDecoder()]``);
    *encoder* replaces the whole encoder. *data* and *name* are used by
    :meth:`get_sub_state`.
    """

    def __init__(
        self,
        state: Any,
        dataclass_type: type[T],
        *,
        namespace: str = "",
        encoders: list[IStateEncoderDecoder] | None = None,
        encoder: IStateEncoderDecoder | None = None,
        data: T | None = None,
        name: T | None = None,
    ) -> None:
        if not (is_dataclass(dataclass_type) and isinstance(dataclass_type, type)):
            raise TypeError(f"TypedState(state, dataclass_type) needs a dataclass type, got {dataclass_type!r}")
        self._encoder = encoder or CollectionEncoderDecoder(encoders)
        self.state = state
        self.data: T = data if data is not None else self._create_state_proxy(
            dataclass_type, state, namespace=namespace, encoder=self._encoder)
        self.name: T = name if name is not None else self._create_state_names_proxy(
            dataclass_type, namespace=namespace)

    # -- proxies -------------------------------------------------------------
    @classmethod
    def _create_state_proxy(cls, dataclass_type: type[T], state: Any, *, namespace: str = "",
                            encoder: IStateEncoderDecoder | None = None) -> T:
        codec = encoder or CollectionEncoderDecoder()

        def leaf(key: str, f_type: Any, default: Any) -> _Leaf:
            field = _Leaf(state, key, f_type, codec)
            if default is not MISSING:
                field.set_default_value(default)
            return field

        return _build(dataclass_type, namespace, "data", leaf)

    @classmethod
    def _create_state_names_proxy(cls, dataclass_type: type[T], *, namespace: str = "") -> T:
        return _build(dataclass_type, namespace, "name", lambda key, _t, _d: key)

    @classmethod
    def is_proxy_class(cls, instance: Any) -> bool:
        """Whether *instance* is a ``data`` or ``name`` proxy."""
        return getattr(type(instance), _DATACLASS, None) is not None

    @classmethod
    def is_name_proxy_class(cls, instance: Any) -> bool:
        """Whether *instance* is a ``name`` proxy (attributes are state keys)."""
        return cls.is_proxy_class(instance) and getattr(instance, _KIND) == "name"

    @classmethod
    def is_data_proxy_class(cls, instance: Any) -> bool:
        """Whether *instance* is a ``data`` proxy (attributes are values)."""
        return cls.is_proxy_class(instance) and getattr(instance, _KIND) == "data"

    @classmethod
    def _dataclass_of(cls, instance: Any) -> type:
        if not cls.is_proxy_class(instance):
            raise RuntimeError(f"expected a TypedState data or name proxy, got {type(instance).__name__}")
        return getattr(instance, _DATACLASS)

    @classmethod
    def get_state_id(cls, instance: Any, default: str = "") -> str:
        """The state key prefix of a proxy (a string key is returned as *default*)."""
        return getattr(instance, _STATE_ID, default) if cls.is_proxy_class(instance) else default

    @classmethod
    def get_field_proxy_dict(cls, instance: Any) -> dict[str, Any]:
        """State id → field of the proxy and everything under it (its own id included)."""
        cls._dataclass_of(instance)
        return getattr(instance, _FIELDS)

    # -- dataclass conversion ----------------------------------------------
    @classmethod
    def as_dataclass(cls, instance: Any) -> Any:
        """A dataclass instance holding the proxy's current values."""
        klass = cls._dataclass_of(instance)
        values = {}
        for f in fields(klass):
            value = getattr(instance, f.name)
            values[f.name] = cls.as_dataclass(value) if cls.is_proxy_class(value) else value
        return klass(**values)

    @classmethod
    def from_dataclass(cls, instance: Any, dataclass_obj: Any) -> None:
        """Write every field of *dataclass_obj* through the data proxy *instance*."""
        klass = cls._dataclass_of(instance)
        if not isinstance(dataclass_obj, klass):
            raise TypeError(f"expected an instance of {klass.__name__}, got {type(dataclass_obj).__name__}")
        for f in fields(klass):
            setattr(instance, f.name, getattr(dataclass_obj, f.name))

    def get_dataclass(self) -> T:
        """The whole typed state as a dataclass instance."""
        return self.as_dataclass(self.data)

    def set_dataclass(self, data: T) -> None:
        """Write every field of *data* (an instance of the dataclass) to the state."""
        self.from_dataclass(self.data, data)

    def encode(self, value: Any) -> Any:
        """*value* encoded as this typed state encodes field values (for a select's items, …)."""
        return self._encoder.encode(value)

    # -- change listeners ----------------------------------------------------
    @classmethod
    def get_reactive_state_id_keys(cls, keys: Iterable[Any]) -> list[str]:
        """The state keys to watch for *keys* (strings, or proxies: every key under them)."""
        watched: list[str] = []
        for key in keys:
            if cls.is_proxy_class(key):
                watched.extend(cls.get_field_proxy_dict(key))
            else:
                watched.append(key)
        return watched

    @classmethod
    def get_value_state_keys(cls, keys: Iterable[Any]) -> list[str]:
        """The state id each of *keys* stands for (a proxy's own id, a string as is)."""
        return [cls.get_state_id(key, key) for key in keys]

    @classmethod
    def bind_typed_state_change(cls, keys: Any, callback: Callable, state: Any, data: Any) -> None:
        """Call ``callback(*values)`` when any state key under *keys* changes.

        *keys* is one key or a list/tuple of keys (state key strings or name
        proxies); each value is decoded (a nested dataclass is passed as its
        data proxy). An async *callback* is awaited as trame does.
        """
        registry = cls.get_field_proxy_dict(data)
        keys = tuple(keys) if isinstance(keys, (list, tuple)) else (keys,)
        value_keys = cls.get_value_state_keys(keys)
        unknown = [k for k in value_keys if k not in registry]
        if unknown:
            raise KeyError(f"bind_changes: {unknown} are not fields of this typed state")

        def values() -> list:
            fields_ = [registry[k] for k in value_keys]
            return [f if cls.is_proxy_class(f) else f.get_value() for f in fields_]

        if inspect.iscoroutinefunction(callback):
            async def listener(**_: Any) -> Any:
                return await callback(*values())
        else:
            def listener(**_: Any) -> Any:  # type: ignore[misc]
                return callback(*values())

        state.change(*cls.get_reactive_state_id_keys(keys))(listener)

    def bind_changes(self, change_dict: dict[Any, Callable]) -> None:
        """``{key_or_keys: callback}``: see :meth:`bind_typed_state_change`."""
        for keys, callback in change_dict.items():
            self.bind_typed_state_change(keys, callback, self.state, self.data)

    @contextlib.contextmanager
    def suppress_change_listeners(self) -> Iterator[None]:
        """Inside the block, writes to this typed state's keys reach no listener (values still go out)."""
        with self.state.suppress_change_listeners(*self.get_field_proxy_dict(self.name)):
            yield

    def get_sub_state(self, sub_name: V) -> TypedState[V]:
        """A TypedState over a nested dataclass field, sharing this one's keys and encoder."""
        if not self.is_name_proxy_class(sub_name):
            raise RuntimeError(f"get_sub_state() takes a name proxy (typed_state.name.<field>), got {type(sub_name)}")
        sub_data = self.get_field_proxy_dict(self.data)[self.get_state_id(sub_name)]
        return TypedState(self.state, self._dataclass_of(sub_name), encoder=self._encoder,
                          data=sub_data, name=sub_name)


__all__ = ["CollectionEncoderDecoder", "DefaultEncoderDecoder", "IStateEncoderDecoder", "TypedState"]

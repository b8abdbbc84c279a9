"""Encoding typed values to plain state values and back (used by :mod:`.typed_state`).

A state value must be something a page can hold (numbers, strings, lists,
dicts); a dataclass field may be an ``Enum``, a ``UUID``, a ``datetime``,
a ``Path``, a nested dataclass, or a list/tuple/dict/union of those. The
encoder turns the rich value into the plain one; the decoder turns a plain
value back using the field's type annotation.

Semantics follow ``trame_server.utils.typed_state``: encoders are tried in
order, an encoder that raises (or returns :meth:`failed_serialization`)
passes to the next one, and when none succeeds a ``TypeError`` says so.
Unions decode by trying their members in the order they are written.
"""

from __future__ import annotations

import functools
import operator
import types
import weakref
from abc import ABC, abstractmethod
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time, timezone
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints
from uuid import UUID

# Newer trame writes the dataclass's qualified name under this key; accepted when decoding.
DATACLASS_TYPE_KEY = "__trame_typed_state__"


class _Failure:
    """A failed encode/decode (all failures compare equal, whatever their reason)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str = "") -> None:
        self.reason = reason

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Failure)

    def __hash__(self) -> int:
        return hash(_Failure)

    def __repr__(self) -> str:
        return f"<serialization failed: {self.reason}>" if self.reason else "<serialization failed>"


class IStateEncoderDecoder(ABC):
    """Interface of a typed-state encoder: ``encode(value)`` and ``decode(value, type)``."""

    @abstractmethod
    def encode(self, obj: Any) -> Any:
        """The plain state value for *obj*."""

    @abstractmethod
    def decode(self, obj: Any, obj_type: type) -> Any:
        """The value of type *obj_type* that the plain state value *obj* stands for."""

    @staticmethod
    def failed_serialization(reason: str = "") -> Any:
        """Return this from encode/decode to let the next encoder try."""
        return _Failure(reason)

    @classmethod
    def is_serialization_success(cls, value: Any) -> bool:
        """False for a value returned by :meth:`failed_serialization`."""
        return not isinstance(value, _Failure)


class DefaultEncoderDecoder(IStateEncoderDecoder):
    """UUID, Enum, Decimal, datetime/date/time and Path to strings/values and back."""

    def encode(self, obj: Any) -> Any:
        """Plain form: ``str(uuid)``, ``enum.value``, ISO dates (UTC for datetimes), POSIX paths."""
        if isinstance(obj, Enum):
            return obj.value
        if isinstance(obj, (UUID, Decimal)):
            return str(obj)
        if isinstance(obj, datetime):
            return obj.astimezone(timezone.utc).isoformat()
        if isinstance(obj, (date, time)):
            return obj.isoformat()
        if isinstance(obj, PurePath):
            return obj.as_posix()
        return obj

    def decode(self, obj: Any, obj_type: type) -> Any:
        """Build *obj_type* from *obj* (``fromisoformat`` for dates, the constructor otherwise)."""
        if obj is None:
            return None
        if not isinstance(obj_type, type):
            raise TypeError(f"cannot decode {obj!r} as {obj_type!r}")
        if isinstance(obj, obj_type):
            return obj
        if issubclass(obj_type, (datetime, date, time)):
            return obj_type.fromisoformat(obj)  # type: ignore[attr-defined]
        return obj_type(obj)  # type: ignore[call-arg]  # UUID, Decimal, Enum: built from their value


def is_union(tp: Any) -> bool:
    """``Union[a, b]``, ``Optional[a]`` or ``a | b``."""
    return get_origin(tp) is Union or isinstance(tp, types.UnionType)


_hints_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _substitute(tp: Any, mapping: dict) -> Any:
    if isinstance(tp, TypeVar):
        return mapping.get(tp, tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin is None or not args:
        return tp
    new_args = tuple(_substitute(a, mapping) for a in args)
    if is_union(tp):
        return functools.reduce(operator.or_, new_args)
    try:
        return origin[new_args]
    except TypeError:  # an origin that is not subscriptable at runtime
        return tp


def field_types(dataclass_type: type) -> dict[str, Any]:
    """Each field's type, evaluated (works under ``from __future__ import annotations``).

    Type variables of generic bases (``class Box(Base[int])``) are replaced
    by the arguments given.
    """
    try:
        return _hints_cache[dataclass_type]
    except (KeyError, TypeError):
        pass
    mapping: dict = {}
    pending = [dataclass_type]
    while pending:
        klass = pending.pop()
        for base in getattr(klass, "__orig_bases__", ()):
            origin = get_origin(base)
            if origin is None:
                continue
            params = getattr(origin, "__parameters__", ())
            mapping.update(zip(params, (_substitute(a, mapping) for a in get_args(base)), strict=False))
            pending.append(origin)
    hints = {name: _substitute(tp, mapping) for name, tp in get_type_hints(dataclass_type).items()}
    try:
        _hints_cache[dataclass_type] = hints
    except TypeError:
        pass
    return hints


class CollectionEncoderDecoder(IStateEncoderDecoder):
    """Dataclasses, lists, tuples, dicts and unions; other values go to *encoders* in order.

    *encoders* defaults to ``[DefaultEncoderDecoder()]``.
    """

    def __init__(self, encoders: list[IStateEncoderDecoder] | None = None) -> None:
        self._encoders = list(encoders) if encoders else [DefaultEncoderDecoder()]

    def __repr__(self) -> str:
        return f"CollectionEncoderDecoder({self._encoders!r})"

    # -- encoding ----------------------------------------------------------
    def encode(self, obj: Any) -> Any:
        """Plain form of *obj*; ``TypeError`` when no encoder can encode a value in it."""
        if is_dataclass(obj) and not isinstance(obj, type):
            return {f.name: self.encode(getattr(obj, f.name)) for f in fields(obj)}
        if isinstance(obj, dict):
            return {self.encode(k): self.encode(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return type(obj)(self.encode(v) for v in obj)
        for encoder in self._encoders:
            value = self._attempt(encoder.encode, obj)
            if self.is_serialization_success(value):
                return value
        raise TypeError(f"cannot encode {obj!r} for the state: no encoder in {self._encoders} accepts it")

    # -- decoding ----------------------------------------------------------
    def decode(self, obj: Any, obj_type: Any) -> Any:
        """*obj* as a value of *obj_type*; ``TypeError`` when it cannot be decoded."""
        value = self._decode(obj, obj_type)
        if self.is_serialization_success(value):
            return value
        raise TypeError(f"cannot decode state value {obj!r} as {obj_type!r}: no decoder in {self._encoders} accepts it")

    def _decode(self, obj: Any, tp: Any) -> Any:
        if obj is None:
            return None
        if tp is Any or isinstance(tp, TypeVar):
            return obj
        if is_union(tp):
            for member in get_args(tp):
                value = self._decode(obj, member)
                if self.is_serialization_success(value):
                    return value
            return self.failed_serialization(f"{obj!r} matches no member of {tp!r}")
        if is_dataclass(tp) and isinstance(tp, type):
            return self._decode_dataclass(obj, tp)
        origin, args = get_origin(tp), get_args(tp)
        if origin is dict and isinstance(obj, dict) and len(args) == 2:
            items = [(self._decode(k, args[0]), self._decode(v, args[1])) for k, v in obj.items()]
            if any(not self.is_serialization_success(x) for kv in items for x in kv):
                return self.failed_serialization(f"an item of {obj!r} is not a {tp!r}")
            return dict(items)
        if origin in (list, tuple) and isinstance(obj, (list, tuple)) and args:
            return self._decode_sequence(obj, origin, args)
        return self._delegate(obj, tp)

    def _decode_sequence(self, obj: Any, origin: type, args: tuple) -> Any:
        if origin is tuple and Ellipsis not in args and len(args) == len(obj) and len(args) > 1:
            item_types = list(args)  # tuple[int, str]: one type per position
        else:
            item_types = [args[0]] * len(obj)
        values = [self._decode(v, t) for v, t in zip(obj, item_types, strict=True)]
        if not all(self.is_serialization_success(v) for v in values):
            return self.failed_serialization(f"an item of {obj!r} cannot be decoded")
        return origin(values)

    def _decode_dataclass(self, obj: Any, tp: type) -> Any:
        if isinstance(obj, tp):
            return obj
        if not isinstance(obj, dict):
            return self.failed_serialization(f"{tp.__name__} needs a dict, got {obj!r}")
        hints = field_types(tp)
        values = {}
        for f in fields(tp):
            if f.name not in obj and not f.init:
                continue
            value = self._decode(obj.get(f.name), hints[f.name])
            if not self.is_serialization_success(value):
                return value
            values[f.name] = value
        try:
            return tp(**values)
        except Exception as exc:  # noqa: BLE001 - a failed decode, the next union member may fit
            return self.failed_serialization(str(exc))

    def _delegate(self, obj: Any, tp: Any) -> Any:
        for encoder in self._encoders:
            value = self._attempt(encoder.decode, obj, tp)
            if self.is_serialization_success(value):
                return value
        return self.failed_serialization(f"no decoder accepts {obj!r} as {tp!r}")

    def _attempt(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - trame's rule: an encoder that raises declines
            return self.failed_serialization(str(exc))


__all__ = [
    "DATACLASS_TYPE_KEY", "CollectionEncoderDecoder", "DefaultEncoderDecoder", "IStateEncoderDecoder",
    "field_types", "is_union",
]

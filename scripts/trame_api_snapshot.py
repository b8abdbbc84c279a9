"""Dump trame's public API (names and signatures) to JSON, for the parity test.

Run it with a Python that has the real trame packages installed (a scratch
venv; nothing here imports htmxtrame)::

    python -m venv /tmp/trame-venv
    /tmp/trame-venv/bin/pip install trame trame-vuetify
    /tmp/trame-venv/bin/python scripts/trame_api_snapshot.py > tests/compat/trame_api.json

tests/compat/test_api_parity.py compares htmxtrame against the committed
JSON; every difference must be declared in the table of docs/compat.md.

The same walk describes htmxtrame when run with ``--htmxtrame`` (handy for
looking at a difference by hand): module names are then read as
``htmxtrame.<rest>`` for ``trame.<rest>`` / ``trame_server.<rest>``.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from importlib import metadata
from typing import Any

# Modules a trame app imports from, and what of each is public.
MODULES = [
    "trame.app", "trame.app.asynchronous", "trame.app.file_upload", "trame.decorators",
    "trame.assets.local", "trame.assets.remote", "trame.assets.mimetypes",
    "trame.ui.html", "trame.ui.vuetify", "trame.ui.vuetify2", "trame.ui.vuetify3",
    "trame.widgets.html", "trame.widgets.client", "trame.widgets.vuetify", "trame.widgets.vuetify2",
    "trame.widgets.vuetify3",
]
# Classes whose public members are part of the API: "module:Class" -> also listed under "members".
CLASSES = [
    "trame_server.core:Server", "trame_server.state:State", "trame_server.controller:Controller",
    "trame_server.controller:ControllerFunction", "trame_client.widgets.core:AbstractElement",
    "trame_client.ui.core:AbstractLayout",
]
# Where each CLASSES entry lives in htmxtrame.
HTMXTRAME_CLASSES = {
    "trame_server.core:Server": "htmxtrame.server:Server",
    "trame_server.state:State": "htmxtrame.state:State",
    "trame_server.controller:Controller": "htmxtrame.controller:Controller",
    "trame_server.controller:ControllerFunction": "htmxtrame.controller:ControllerFunction",
    "trame_client.widgets.core:AbstractElement": "htmxtrame.elements:AbstractElement",
    "trame_client.ui.core:AbstractLayout": "htmxtrame.ui.core:AbstractLayout",
}
PACKAGES = ["trame", "trame-server", "trame-client", "trame-common", "trame-vuetify"]


def to_htmxtrame(module: str) -> str:
    """``trame.widgets.html`` → ``htmxtrame.widgets.html``."""
    head, _, rest = module.partition(".")
    return "htmxtrame" + ("." + rest if rest else "")


_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "pos", inspect.Parameter.POSITIONAL_OR_KEYWORD: "any",
    inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.KEYWORD_ONLY: "kw",
    inspect.Parameter.VAR_KEYWORD: "**",
}


def describe(obj: Any) -> dict:
    """``{"kind": ..., "signature": ..., "params": ...}`` of one public object."""
    if inspect.ismodule(obj):
        return {"kind": "module"}
    if inspect.isclass(obj) or callable(obj):
        return {"kind": "class" if inspect.isclass(obj) else "function", **call_shape(obj)}
    return {"kind": "value"}


def _parameters(obj: Any) -> list[inspect.Parameter] | None:
    try:
        if inspect.isclass(obj):
            if obj.__init__ is object.__init__:
                return []
            return list(inspect.signature(obj.__init__).parameters.values())[1:]
        return list(inspect.signature(obj).parameters.values())
    except (TypeError, ValueError):
        return None


def call_shape(obj: Any) -> dict:
    """How *obj* is called: the signature text and ``"kind:name[=]"`` per parameter.

    kind is ``pos`` (positional only), ``any``, ``*``, ``kw`` (keyword only)
    or ``**``; a trailing ``=`` marks a default.

    Annotations are left out (they differ by design); defaults are kept
    only when they are plain values (object reprs carry addresses).
    """
    params = _parameters(obj)
    if params is None:
        return {"signature": None, "params": None}
    shown = [p.replace(annotation=inspect.Parameter.empty,
                       default=inspect.Parameter.empty if p.default is inspect.Parameter.empty else _default(p.default))
             for p in params]
    return {
        "signature": str(inspect.Signature(shown)),
        "params": [f"{_KINDS[p.kind]}:{p.name}" + ("=" if p.default is not inspect.Parameter.empty else "")
                   for p in params],
    }


class _Repr:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _default(value: Any) -> Any:
    # Defaults are compared by presence only: object reprs carry addresses.
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return _Repr("...")


def public_names(module: Any) -> list[str]:
    """``__all__``, else every name not starting with ``_`` that is not a module."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items() if not n.startswith("_") and not inspect.ismodule(v)]
    return sorted(set(names))


def members(klass: type, instance: Any = None) -> dict:
    """Public methods, properties and attributes of *klass* (and of *instance*, if given)."""
    out = {}
    if instance is not None:
        out.update({n: {"kind": "attribute"} for n in vars(instance) if not n.startswith("_")})
    for name in dir(klass):
        if name.startswith("_"):
            continue
        raw = inspect.getattr_static(klass, name)
        if isinstance(raw, property):
            out[name] = {"kind": "property"}
        elif isinstance(raw, (staticmethod, classmethod)) or inspect.isfunction(raw):
            out[name] = {"kind": "method", **call_shape(getattr(klass, name))}
        else:
            out[name] = {"kind": "attribute"}
    return out


def _sample(klass: type) -> Any:
    """An instance of an htmxtrame class, to see the attributes set in ``__init__``."""
    try:
        if klass.__name__ == "Server":
            return klass("trame_api_snapshot")
        if klass.__name__ == "ControllerFunction":
            from htmxtrame.controller import Controller

            return Controller().sample
        if klass.__name__ == "AbstractLayout":
            from htmxtrame.server import Server
            from htmxtrame.widgets.html import Div

            return klass(Server("trame_api_snapshot"), Div())
        if klass.__name__ == "AbstractElement":
            return klass("div")
        return klass()
    except Exception:  # noqa: BLE001 - then only the class is described
        return None


def snapshot(htmxtrame: bool = False) -> dict:
    """The whole API description (of trame, or of htmxtrame read the same way)."""
    result: dict = {"modules": {}, "classes": {}}
    if not htmxtrame:
        result["versions"] = {}
        for pkg in PACKAGES:
            try:
                result["versions"][pkg] = metadata.version(pkg)
            except metadata.PackageNotFoundError:
                result["versions"][pkg] = None
    for name in MODULES:
        try:
            module = importlib.import_module(to_htmxtrame(name) if htmxtrame else name)
        except ImportError as exc:
            result["modules"][name] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        result["modules"][name] = {n: describe(getattr(module, n, None)) for n in public_names(module)}
    for spec in CLASSES:
        target = HTMXTRAME_CLASSES[spec] if htmxtrame else spec
        mod_name, _, cls_name = target.partition(":")
        try:
            klass = getattr(importlib.import_module(mod_name), cls_name)
        except (ImportError, AttributeError) as exc:
            result["classes"][spec] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        sample = _sample(klass) if htmxtrame else None
        result["classes"][spec] = {**call_shape(klass), "members": members(klass, sample)}
    return result


def main(argv: list[str]) -> int:
    json.dump(snapshot(htmxtrame="--htmxtrame" in argv), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

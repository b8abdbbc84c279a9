"""``utils`` in template expressions: trame's client helpers, run on the server.

trame's page gives every expression a ``utils`` object
(``click="utils.download('a.txt', trigger('make_text'), 'text/plain')"``,
``"[utils.vtk.event($event)]"``, ``utils.safe($event)``). Here expressions
run on the server, so the helpers are Python functions with the same
names and arguments: ``download`` returns a :class:`~htmxtrame.files.Download`
that the page which fired the event saves, like a handler returning bytes.
``utils.get`` reads the browser's ``window`` in trame; there is no window
on the server, so it raises an error saying what to do instead.
"""

from __future__ import annotations

import logging
from typing import Any

from .expr import ExpressionError, to_js_string
from .files import Download

console_log = logging.getLogger("htmxtrame.console")
MAX_CONSOLE_TEXT = 2000  # characters of one console line kept in the log

# The keys of a VTK interaction event trame's utils.vtk.event keeps.
VTK_EVENT_KEYS = (
    "type", "key", "keyCode", "controlKey", "altKey", "shiftKey", "position", "spinX", "spinY", "pixelX", "pixelY",
)


def download(filename: Any = None, content: Any = None, mime: Any = "application/octet-stream", *_: Any) -> Download:
    """``utils.download(filename, content, type)``: the page saves *content* as *filename*."""
    if not isinstance(filename, str) or not filename:
        raise ExpressionError(f"utils.download() takes a file name first, got {to_js_string(filename)!r}")
    if isinstance(content, str):
        data = content.encode()
    elif isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
    elif isinstance(content, (int, float)) and not isinstance(content, bool):
        data = to_js_string(content).encode()
    else:
        raise ExpressionError(
            f"utils.download({filename!r}, ...) needs text or bytes to save, got {to_js_string(content)!r}"
            " (an async trigger's result cannot be awaited here: make the trigger a plain function)"
        )
    mime_type = mime if isinstance(mime, str) and mime else "application/octet-stream"
    return Download(data, filename, mime_type)


def get(path: Any = None, *_: Any) -> Any:
    """``utils.get(path)`` reads the browser's ``window``: refused with the reason."""
    raise ExpressionError(
        f"utils.get({to_js_string(path)!r}) reads the browser's window object, which server-side "
        "expressions cannot reach; compute the value in Python (a controller method or a state key)"
    )


def safe(value: Any = None, *_: Any) -> Any:
    """``utils.safe(obj)``: values here are already plain data, so it returns *value*."""
    return value


def vtk_event(event: Any = None, *_: Any) -> dict:
    """``utils.vtk.event($event)``: the keys of a VTK interaction event that are set."""
    if not isinstance(event, dict):
        return {}
    return {key: event[key] for key in VTK_EVENT_KEYS if key in event}


def tree(obj: Any = None, *_: Any) -> list:
    """``utils.tree(obj)``: an object as nested ``{id, name, children}`` nodes, trame's shape."""
    result: list = []
    _add_children("", result, obj, 0)
    return result


def _node(node_id: str, key: Any, value: Any) -> dict:
    prefix = f"{key}: " if key is not None else ""
    node: dict = {"id": node_id}
    if isinstance(value, (list, tuple)):
        node["name"] = f"{prefix}[]"
        if value:
            node["children"] = []
    elif isinstance(value, dict):
        node["name"] = f"{prefix}{{}}"
        if value:
            node["children"] = []
    else:
        node["name"] = prefix + to_js_string(value)
    return node


def _add_children(parent: str, out: list, obj: Any, depth: int) -> None:
    if depth > 32:  # a budget, not a format rule: deep data stops growing the tree
        return
    items = enumerate(obj) if isinstance(obj, (list, tuple)) else obj.items() if isinstance(obj, dict) else ()
    for i, (key, value) in enumerate(items):
        node = _node(f"{parent}_{i}", None if isinstance(obj, (list, tuple)) else key, value)
        out.append(node)
        if "children" in node:
            _add_children(node["id"], node["children"], value, depth + 1)


def _console(level: int) -> Any:
    def write(*args: Any) -> None:
        text = " ".join(a if isinstance(a, str) else to_js_string(a) for a in args)
        console_log.log(level, "%s", text[:MAX_CONSOLE_TEXT])
    return write


def console_namespace() -> dict:
    """``console.log/info/warn/error/debug`` in expressions: lines in the server log (``htmxtrame.console``)."""
    return {"log": _console(logging.INFO), "info": _console(logging.INFO), "debug": _console(logging.DEBUG),
            "warn": _console(logging.WARNING), "error": _console(logging.ERROR)}


def namespace() -> dict:
    """The ``utils`` object expressions see."""
    return {"download": download, "get": get, "safe": safe, "tree": tree, "vtk": {"event": vtk_event}}

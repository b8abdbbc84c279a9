"""Child servers: one server's state and controller seen under a name prefix.

``child = server.create_child_server(prefix="left_")`` gives a server-like
object whose ``child.state.x`` is ``server.state["left_x"]`` and whose
``child.ctrl.reset`` is ``server.ctrl["left_reset"]``, so one component can
be instantiated twice without the two copies sharing keys. A layout built on
the child is installed on the parent as ``prefix + template_name`` (open it
with ``/?ui=left_main``); its expressions read and write the prefixed keys.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Callable

from .controller import Controller
from .expr import compile_expr, compile_statement, compile_template, parse_v_for
from .expr.lexer import tokenize


class TranslatedState:
    """The parent's state with every key read and written as ``prefix + key``."""

    def __init__(self, state: Any, prefix: str) -> None:
        self.__dict__["_state"] = state
        self.__dict__["_prefix"] = prefix

    def translate(self, key: str) -> str:
        """The parent key for *key*."""
        return self._prefix + key

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        return self._state[self._prefix + key]

    def __setattr__(self, key: str, value: Any) -> None:
        self._state[self._prefix + key] = value

    def __getitem__(self, key: str) -> Any:
        return self._state[self._prefix + key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state[self._prefix + key] = value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self._prefix + key) in self._state

    def has(self, key: str) -> bool:
        """True when *key* has a value."""
        return key in self

    def get(self, key: str, default: Any = None) -> Any:
        """The value of *key*, or *default*."""
        return self._state.get(self._prefix + key, default)

    def setdefault(self, key: str, value: Any) -> Any:
        """Give *key* a value unless it has one."""
        return self._state.setdefault(self._prefix + key, value)

    def update(self, values: dict | None = None, **kwargs: Any) -> None:
        """Set several keys."""
        self._state.update({self._prefix + k: v for k, v in {**(values or {}), **kwargs}.items()})

    def to_dict(self) -> dict:
        """This child's keys, without the prefix."""
        n = len(self._prefix)
        return {k[n:]: v for k, v in self._state.to_dict().items() if k.startswith(self._prefix)}

    def dirty(self, *keys: str) -> None:
        """Mark keys changed."""
        self._state.dirty(*(self._prefix + k for k in keys))

    def clean(self, *keys: str) -> None:
        """Commit keys silently."""
        self._state.clean(*(self._prefix + k for k in keys))

    def is_dirty(self, *keys: str) -> bool:
        """True when any key waits to be flushed."""
        return self._state.is_dirty(*(self._prefix + k for k in keys))

    def change(self, *keys: str) -> Callable:
        """Listen to keys; the listener gets this child's keys, unprefixed."""
        outer = self._state.change(*(self._prefix + k for k in keys))

        def register(fn: Callable) -> Callable:
            def listener(**state: Any) -> Any:
                n = len(self._prefix)
                return fn(**{k[n:]: v for k, v in state.items() if k.startswith(self._prefix)})

            listener.__qualname__ = getattr(fn, "__qualname__", "listener")
            outer(listener)
            return fn

        return register

    def flush(self) -> None:
        """Flush the shared state."""
        self._state.flush()

    def __enter__(self) -> "TranslatedState":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._state.flush()

    @property
    def _lock(self) -> Any:
        return self._state._lock


class TranslatedController:
    """The parent's controller with names read as ``prefix + name``."""

    def __init__(self, controller: Controller, prefix: str) -> None:
        self.__dict__["_ctrl"] = controller
        self.__dict__["_prefix"] = prefix

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in ("set", "add", "once", "add_task", "trigger"):
            method = getattr(self._ctrl, name)
            return lambda n: method(self._prefix + n)
        return getattr(self._ctrl, self._prefix + name)

    __getitem__ = __getattr__

    def __setattr__(self, name: str, fn: Any) -> None:
        setattr(self._ctrl, self._prefix + name, fn)

    __setitem__ = __setattr__

    def __contains__(self, name: str) -> bool:
        return (self._prefix + name) in self._ctrl


class ChildServer:
    """What ``create_child_server`` returns (see the module docstring)."""

    def __init__(self, parent: Any, prefix: str) -> None:
        self._parent_server = parent
        self.prefix = prefix
        self.name = parent.name
        self.state = TranslatedState(parent.state, prefix)
        self.controller = TranslatedController(parent.controller, prefix)
        self.ui = SimpleNamespace()
        self.context = parent.context
        self.cli = parent.cli

    @property
    def ctrl(self) -> TranslatedController:
        """Short for :attr:`controller`."""
        return self.controller

    def __getattr__(self, name: str) -> Any:
        # port, running, ready, js_call, start... belong to the parent.
        return getattr(self._parent_server, name)

    def change(self, *keys: str) -> Callable:
        """Alias of ``state.change``."""
        return self.state.change(*keys)

    def trigger(self, name: str) -> Callable:
        """Alias of ``controller.trigger``."""
        return self.controller.trigger(name)

    def set_template(self, name: str, root: Any) -> None:
        """Translate the layout's expressions and install it on the parent."""
        translate_tree(root, self.prefix)
        setattr(self.ui, name, root)
        self._parent_server.set_template(self.prefix + name, root)


def translate_tree(root: Any, prefix: str) -> None:
    """Rewrite every expression below *root* to read ``prefix + name`` keys."""
    from .elements import DynamicText

    for el in root.walk():
        if el.__dict__.get("_translated") == prefix:
            continue
        el.__dict__["_translated"] = prefix
        locals_ = _loop_names(el)
        for attr, expr in list(el._bindings.items()):
            el._bindings[attr] = compile_expr(rename(expr.source, prefix, locals_))
        for key, expr in list(el._directives.items()):
            el._directives[key] = compile_expr(rename(expr.source, prefix, locals_))
        for handler in el._events.values():
            if handler.code is not None:
                handler.code = compile_statement(rename(handler.code.source, prefix, locals_))
            if handler.args is not None:
                handler.args = compile_expr(rename(handler.args.source, prefix, locals_))
            if handler.kwargs is not None:
                handler.kwargs = compile_expr(rename(handler.kwargs.source, prefix, locals_))
        model = el._model
        if model is not None:
            source = rename(model.target.source, prefix, locals_)
            model.target = compile_expr(source)
            model.assign = compile_statement(f"{source} = $value")
        if el._loop is not None:
            loop = el._loop
            head, sep, iterable = loop.source.partition(" in ")
            if not sep:
                head, sep, iterable = loop.source.partition(" of ")
            loop.source = f"{head}{sep}{rename(iterable, prefix, locals_ - set(loop.vfor.names))}"
            loop.vfor = parse_v_for(loop.source)
        el._defaults[:] = [(prefix + key, value) for key, value in el._defaults]
        for i, child in enumerate(el.children):
            if isinstance(child, DynamicText):
                new = DynamicText.__new__(DynamicText)
                new.template = compile_template(_rename_text(child, prefix, locals_))
                el.children[i] = new


_GLOBALS = frozenset({
    "Math", "JSON", "Number", "String", "Array", "Object", "Boolean", "Date", "parseInt", "parseFloat",
    "isNaN", "isFinite", "undefined", "NaN", "Infinity", "true", "false", "null", "this",
    "trigger", "get", "set", "$event", "window", "console", "utils", "typeof", "in", "of", "new",
})


def _loop_names(el: Any) -> set[str]:
    names: set[str] = set()
    node = el
    while node is not None:
        loop = node.__dict__.get("_loop") if hasattr(node, "__dict__") else None
        if loop is not None:
            names.update(loop.vfor.names)
        node = getattr(node, "parent", None)
    return names


def rename(source: str, prefix: str, local_names: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """*source* with each free state name ``x`` written ``prefix + x``.

    Member names (``a.x``), object keys (``{x: 1}``), arrow parameters and
    loop variables are left alone; ``${}`` parts of template strings are
    translated too.
    """
    tokens, _ = tokenize(source)
    positions: list[tuple[int, str]] = []
    _collect(tokens, local_names, positions)
    out: list[str] = []
    last = 0
    for pos, value in sorted(positions):
        out.append(source[last:pos])
        out.append(prefix + value)
        last = pos + len(value)
    out.append(source[last:])
    return "".join(out)


def _collect(tokens: list, local_names: set[str], positions: list[tuple[int, str]]) -> None:
    """Positions of the free state names in one token list (and nested templates)."""
    arrow_params = _arrow_params(tokens)
    for i, (kind, value, pos) in enumerate(tokens):
        if kind == "tmpl":
            for part in value[1]:
                _collect(part, local_names | arrow_params, positions)
            continue
        if kind != "name" or value in _GLOBALS or value in local_names or value in arrow_params:
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if prev is not None and prev[0] == "punc" and prev[1] in (".", "?."):
            continue
        if nxt is not None and nxt[0] == "punc" and nxt[1] == ":" and prev is not None and prev[1] in ("{", ","):
            continue  # an object key
        positions.append((pos, value))


def _arrow_params(tokens: list) -> set[str]:
    params: set[str] = set()
    for i, (kind, value, _) in enumerate(tokens):
        if kind == "punc" and value == "=>":
            j = i - 1
            if tokens[j][0] == "name":
                params.add(tokens[j][1])
            elif tokens[j][1] == ")":
                while j > 0 and tokens[j][1] != "(":
                    j -= 1
                    if tokens[j][0] == "name":
                        params.add(tokens[j][1])
    return params


def _rename_text(child: Any, prefix: str, local_names: set[str]) -> str:
    source = getattr(child.template, "source", None)
    if source is None:
        raise TypeError("cannot translate a {{ }} text whose template has no source")
    out, rest = [], source
    while "{{" in rest:
        before, _, after = rest.partition("{{")
        inner, closed, rest = after.partition("}}")
        out.append(before + "{{ " + (rename(inner, prefix, local_names) if closed else inner) + (" }}" if closed else ""))
    out.append(rest)
    return "".join(out)

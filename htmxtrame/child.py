"""Child servers: one server's state and controller seen under a name prefix.

``child = server.create_child_server(prefix="left_")`` gives a server-like
object whose ``child.state.x`` is ``server.state["left_x"]`` and whose
``child.ctrl.reset`` is ``server.ctrl["left_reset"]``, so one component can
be instantiated twice without the two copies sharing keys. A layout built on
the child is installed on the parent as ``prefix + template_name`` (open it
with ``/?ui=left_main``); its expressions read and write the prefixed keys.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from .controller import Controller
from .expr import compile_expr, compile_statement, compile_template, parse_v_for
from .expr.lexer import tokenize
from .state import State
from .translator import Translator


class ChildServer:
    """What ``create_child_server`` returns (see the module docstring)."""

    def __init__(self, parent: Any, prefix: str) -> None:
        self._parent_server = parent
        self.prefix = prefix
        self.name = parent.name
        # trame's namespacing: the parent's storage seen through a prefix.
        self.translator = Translator(prefix)
        self.state = State(translator=self.translator, internal=parent.state)
        self.controller = Controller(translator=self.translator, internal=parent.controller)
        self.ui = SimpleNamespace()
        self.context = parent.context
        self.cli = parent.cli

    @property
    def ctrl(self) -> Controller:
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

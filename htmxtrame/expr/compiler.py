"""Compile the tuple AST into nested Python closures ``f(env) -> value``.

Compiling once turns every evaluation into plain closure calls (no re-parsing,
no dispatch on node kinds at run time), which keeps ``count * 2`` in the
low-microsecond range.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .arrays import MUTATING_METHODS
from .builtins import CONSTRUCTORS, GLOBALS
from .context import Context, Env, Run, call_function
from .errors import ExpressionError
from .jsvalues import (
    MAX_LEN,
    PLAIN_TYPES,
    UNDEFINED,
    JSFunction,
    check_size,
    dict_get,
    host,
    num,
    own_keys,
    plain,
    to_js_string,
    to_number,
    to_property_key,
    truthy,
)
from .operators import BINARY, UNARY
from .parser import iter_children, parse
from .properties import FORBIDDEN_KEYS, get_property, set_property

# Browser objects trame templates reach for (window.open, document.title...):
# an error that says why beats a silent undefined. A state key of that name wins.
BROWSER_GLOBALS = frozenset({"window", "document", "navigator", "location", "localStorage", "sessionStorage",
                             "alert", "fetch", "globalThis"})

__all__ = ["Expr", "compile_expr", "compile_statement", "free_names"]

Fn = Callable[[Env], Any]


class _ShortCircuit(Exception):
    """Raised by ``a?.b`` when ``a`` is nullish; caught at the end of the chain."""


class Arrow(JSFunction):
    """An arrow function value, closing over the scopes where it was created."""

    __slots__ = ("params", "body", "env", "source", "patterns")

    def __init__(self, params: tuple[str, ...], body: Fn, env: Env, source: str,
                 patterns: tuple | None = None):
        self.params = params
        self.body = body
        self.env = env
        self.source = source
        self.patterns = patterns  # destructuring parameters, one per argument (see parser)

    @property
    def name(self) -> str:  # type: ignore[override]
        """Arrow functions are anonymous, as in JS."""
        return "anonymous"

    def call(self, run: Run | None, args: list) -> Any:
        """Evaluate the body with *args* bound to the parameters (missing ones undefined)."""
        env = self.env
        # Charge the evaluation that calls us, not the one that created us: an
        # arrow kept in state may be called by many later evaluations.
        if run is None:
            run = Run(env.run.ctx)
        run.charge()
        if self.patterns is None:
            scope = {p: (args[i] if i < len(args) else UNDEFINED) for i, p in enumerate(self.params)}
        else:
            scope = {}
            for i, target in enumerate(self.patterns):
                _bind(target, args[i] if i < len(args) else UNDEFINED, scope, run)
        return self.body(Env((scope,) + env.scopes, run))

    def __repr__(self) -> str:
        return self.source


def _bind(target: Any, value: Any, scope: dict, run: Run) -> None:
    """Bind a parameter (a name, or an ``("obj", ...)``/``("arr", ...)`` pattern) to *value*."""
    if type(target) is str:
        scope[target] = value
        return
    if value is None or value is UNDEFINED:
        raise ExpressionError(f"Cannot destructure '{to_js_string(value)}' as it is {to_js_string(value)}.")
    if target[0] == "obj":
        for key, sub in target[1]:
            _bind(sub, get_property(value, key, run), scope, run)
        return
    value = plain(value)
    if not isinstance(value, (list, tuple, str)):
        raise ExpressionError(f"{to_js_string(value)} is not iterable (destructuring [...] needs an array)")
    for i, sub in enumerate(target[1]):
        if sub is not None:
            _bind(sub, value[i] if i < len(value) else UNDEFINED, scope, run)


class Expr:
    """A compiled expression.  ``evaluate(ctx)`` raises only ExpressionError."""

    __slots__ = ("source", "names", "_fn")

    def __init__(self, source: str, names: frozenset[str], fn: Fn):
        self.source = source
        self.names = names
        self._fn = fn

    def evaluate(self, ctx: Context) -> Any:
        """Evaluate against ``ctx`` (see :class:`Context` for name resolution)."""
        try:
            return self._fn(Env(ctx.scopes, Run(ctx)))
        except ExpressionError as e:
            raise e.with_source(self.source) from None
        except RecursionError:
            raise ExpressionError("Evaluation nested too deeply", self.source) from None
        except _ShortCircuit:  # pragma: no cover - chains always catch their own
            return UNDEFINED
        except Exception as e:  # host callbacks and arithmetic corner cases
            raise ExpressionError(f"{type(e).__name__}: {e}", self.source) from e

    def __repr__(self) -> str:
        return f"Expr({self.source!r})"


def compile_expr(source: str) -> Expr:
    """Compile one JS expression (no assignment) for repeated evaluation."""
    return _compile(source, statements=False)


def compile_statement(source: str) -> Expr:
    """Compile event-handler code: assignments, ++/--, ``;``-separated statements.
    The result is the value of the last statement."""
    return _compile(source, statements=True)


def _compile(source: str, statements: bool) -> Expr:
    if not isinstance(source, str):
        raise ExpressionError(f"Expression must be a string, not {type(source).__name__}")
    return _compile_cached(source, statements)


# Templates are rebuilt per session/render; compiled Exprs are immutable, so share them.
@functools.lru_cache(maxsize=4096)
def _compile_cached(source: str, statements: bool) -> Expr:
    node = parse(source, statements)
    try:
        fn = _Compiler(source).emit(node)
    except ExpressionError as e:
        raise e.with_source(source) from None
    return Expr(source, free_names(node), fn)


def free_names(node: tuple) -> frozenset[str]:
    """Identifiers an expression may read from state (arrow params and built-ins excluded)."""
    names: set[str] = set()
    stack: list[tuple[tuple, frozenset[str]]] = [(node, frozenset())]
    while stack:
        n, bound = stack.pop()
        if n[0] == "name":
            if n[2] not in bound and n[2] not in GLOBALS:
                names.add(n[2])
            continue
        if n[0] == "arrow":
            bound = bound | frozenset(n[2])
        for child in iter_children(n):
            stack.append((child, bound))
    return frozenset(names)


def _root_name(node: tuple) -> str | None:
    """The identifier at the root of a member path: items[i].done -> "items"."""
    while node[0] in ("member", "call", "chain"):
        node = node[2]
    return node[2] if node[0] == "name" else None


def _mutates(node: tuple) -> bool:
    """Whether evaluating ``node`` may mutate state in place (assignment,
    ++/--, or a mutating array method), e.g. inside a forEach callback."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n[0] in ("assign", "update"):
            return True
        if n[0] == "call" and n[2][0] == "member" and n[2][3] in MUTATING_METHODS:
            return True
        stack.extend(iter_children(n))
    return False


def _describe(node: tuple) -> str:
    if node[0] == "name":
        return node[2]
    if node[0] == "member" and isinstance(node[3], str):
        return f"{_describe(node[2])}.{node[3]}"
    if node[0] == "member":
        return f"{_describe(node[2])}[...]"
    return "expression"


def _located(e: ExpressionError, pos: int) -> ExpressionError:
    if e.position is None:
        e.position = pos
    return e


def _touch(env: Env, root: str | None) -> None:
    touch = env.run.ctx.touch
    if root is not None and touch is not None:
        touch(root)


class _Compiler:
    def __init__(self, source: str):
        self.source = source
        # Arrow parameters in scope while compiling: mutations through them are
        # reported on the enclosing method call's root (items.forEach(i => i.done = 1)
        # touches "items"), since the host cannot map a parameter to state.
        self.bound: set[str] = set()

    def _state_root(self, node: tuple) -> str | None:
        root = _root_name(node)
        return None if root in self.bound else root

    def emit(self, node: tuple) -> Fn:
        """Closure for one node; dispatch on the node kind (all produced by our parser)."""
        return getattr(self, "c_" + node[0])(node)

    # --- leaves ----------------------------------------------------------
    def c_lit(self, node: tuple) -> Fn:
        value = node[2]
        return lambda env: value

    def c_name(self, node: tuple) -> Fn:
        name = node[2]
        missing = object()
        builtin = GLOBALS.get(name, missing)

        def read(env: Env) -> Any:
            for scope in env.scopes:
                if name in scope:
                    return scope[name]
            ctx = env.run.ctx
            fns = ctx.functions
            if name in fns:
                return fns[name]
            if builtin is not missing:
                return builtin
            try:
                value = ctx.lookup(name)
            except KeyError:
                if name in BROWSER_GLOBALS:
                    raise ExpressionError(
                        f"'{name}' is the browser's; expressions run on the server, where it does not exist "
                        "(do it in Python: a controller method, server.js_call, a state key)"
                    ) from None
                return UNDEFINED
            return value if type(value) in PLAIN_TYPES else host(value)  # NumPy, Decimal, ... as JS values
        return read

    def c_tmpl(self, node: tuple) -> Fn:
        strings = node[2]
        exprs = [self.emit(e) for e in node[3]]

        def template(env: Env) -> str:
            out = [strings[0]]
            for i, f in enumerate(exprs):
                out.append(to_js_string(f(env)))
                out.append(strings[i + 1])
            check_size(sum(map(len, out)), "template string")
            return "".join(out)
        return template

    # --- literals ----------------------------------------------------------
    def _elements(self, items: list) -> Callable[[Env], list]:
        """Compile array elements / call arguments, expanding ``...spread``."""
        parts = [(item[0] == "spread", self.emit(item[2] if item[0] == "spread" else item)) for item in items]
        if not any(spread for spread, _ in parts):
            fns = [f for _, f in parts]
            return lambda env: [f(env) for f in fns]

        def build(env: Env) -> list:
            out: list = []
            for spread, f in parts:
                if not spread:
                    out.append(f(env))
                    continue
                value = f(env)
                if isinstance(value, (list, tuple, str)):
                    out.extend(value)
                else:
                    raise ExpressionError(f"Spread syntax needs an array or string, got {to_js_string(value)}")
                check_size(len(out), "array")
            return out
        return build

    def c_array(self, node: tuple) -> Fn:
        return self._elements(node[2])

    def c_object(self, node: tuple) -> Fn:
        props: list[tuple[Any, Fn]] = []
        for p in node[2]:
            if p[0] == "spread":
                props.append((None, self.emit(p[2])))
            elif isinstance(p[2], str):
                props.append((p[2], self.emit(p[3])))
            else:
                key_fn = self.emit(p[2])
                props.append((key_fn, self.emit(p[3])))

        def build(env: Env) -> dict:
            out: dict = {}
            for key, f in props:
                if key is None:
                    _spread_into(out, f(env))
                elif type(key) is str:
                    out[key] = f(env)
                else:
                    k = to_property_key(key(env))
                    if k in FORBIDDEN_KEYS:
                        raise ExpressionError(f"'{k}' keys are not supported")
                    out[k] = f(env)
            return out
        return build

    def c_arrow(self, node: tuple) -> Fn:
        params = node[2]
        outer = self.bound
        self.bound = outer | set(params)
        try:
            body = self.emit(node[3])
        finally:
            self.bound = outer
        text = "(" + ", ".join(params) + ") => ..."
        patterns = node[4] if len(node) > 4 else None
        return lambda env: Arrow(params, body, env, text, patterns)

    # --- member access and calls ----------------------------------------------
    def c_member(self, node: tuple) -> Fn:
        pos, prop, optional = node[1], node[3], node[4]
        obj_f = self.emit(node[2])
        if isinstance(prop, str):
            if prop in FORBIDDEN_KEYS:
                raise ExpressionError(f"Access to '{prop}' is not allowed in expressions", self.source, pos)

            def member(env: Env) -> Any:
                obj = obj_f(env)
                if type(obj) is dict and prop in obj:  # fast path for state objects
                    value = obj[prop]
                    return value if type(value) in PLAIN_TYPES else host(value)
                if optional and (obj is None or obj is UNDEFINED):
                    raise _ShortCircuit
                try:
                    return get_property(obj, prop, env.run)
                except ExpressionError as e:
                    raise _located(e, pos) from None  # the same error, now with its position
            return member
        key_f = self.emit(prop)

        def index(env: Env) -> Any:
            obj = obj_f(env)
            if optional and (obj is None or obj is UNDEFINED):
                raise _ShortCircuit
            key = key_f(env)
            if type(key) is int and type(obj) is list:  # fast path for items[i]
                if 0 <= key < len(obj):
                    value = obj[key]
                    return value if type(value) in PLAIN_TYPES else host(value)
                return UNDEFINED
            try:
                return get_property(obj, to_property_key(key), env.run)
            except ExpressionError as e:
                raise _located(e, pos) from None  # the same error, now with its position
        return index

    def c_chain(self, node: tuple) -> Fn:
        inner = self.emit(node[2])

        def chain(env: Env) -> Any:
            try:
                return inner(env)
            except _ShortCircuit:
                return UNDEFINED
        return chain

    def c_call(self, node: tuple) -> Fn:
        pos, callee, optional = node[1], node[2], node[4]
        callee_f = self.emit(callee)
        args_f = self._elements(node[3])
        what = _describe(callee)
        # Mutating array methods, and callbacks that mutate their arguments,
        # change state in place: report the root name afterwards.
        mutating = callee[0] == "member" and (callee[3] in MUTATING_METHODS or any(_mutates(a) for a in node[3]))
        root = self._state_root(callee) if mutating else None

        def call(env: Env) -> Any:
            fn = callee_f(env)
            if optional and (fn is None or fn is UNDEFINED):
                raise _ShortCircuit
            args = args_f(env)
            try:
                result = call_function(env.run, fn, args, what)
            except ExpressionError as e:
                raise _located(e, pos) from None  # the same error, now with its position
            if mutating:
                _touch(env, root)
            return result
        return call

    def c_new(self, node: tuple) -> Fn:
        pos, name = node[1], node[2]
        make = CONSTRUCTORS.get(name)
        if make is None:
            raise ExpressionError(f"'new {name}' is not supported in expressions; only new Date(...) and "
                                  "new Array(n) (see docs/expressions.md)", self.source, pos)
        args_f = self._elements(node[3])

        def construct(env: Env) -> Any:
            args = args_f(env)
            env.run.charge()
            try:
                return make(*args)
            except ExpressionError as e:
                raise _located(e, pos) from None
        return construct

    # --- operators -------------------------------------------------------------
    def c_unary(self, node: tuple) -> Fn:
        op, f = UNARY[node[2]], self.emit(node[3])
        return lambda env: op(f(env))

    def c_binary(self, node: tuple) -> Fn:
        pos, op = node[1], BINARY[node[2]]
        left, right = self.emit(node[3]), self.emit(node[4])

        def binary(env: Env) -> Any:
            try:
                return op(left(env), right(env))
            except ExpressionError as e:
                raise _located(e, pos) from None  # the same error, now with its position
        return binary

    def c_logical(self, node: tuple) -> Fn:
        op, left, right = node[2], self.emit(node[3]), self.emit(node[4])
        if op == "&&":
            return lambda env: right(env) if truthy(v := left(env)) else v
        if op == "||":
            return lambda env: v if truthy(v := left(env)) else right(env)

        def nullish(env: Env) -> Any:
            v = left(env)
            return right(env) if v is None or v is UNDEFINED else v
        return nullish

    def c_cond(self, node: tuple) -> Fn:
        test, yes, no = self.emit(node[2]), self.emit(node[3]), self.emit(node[4])
        return lambda env: yes(env) if truthy(test(env)) else no(env)

    def c_seq(self, node: tuple) -> Fn:
        fns = [self.emit(n) for n in node[2]]

        def seq(env: Env) -> Any:
            value = UNDEFINED
            for f in fns:
                value = f(env)
            return value
        return seq

    # --- assignment --------------------------------------------------------------
    def c_assign(self, node: tuple) -> Fn:
        pos, op, target = node[1], node[2], node[3]
        value_f = self.emit(node[4])
        base = op[:-1]
        if op == "=":
            def update(env: Env, old: Any) -> tuple[bool, Any, Any]:
                value = value_f(env)
                return True, value, value
        elif base in ("&&", "||", "??"):
            def update(env: Env, old: Any) -> tuple[bool, Any, Any]:
                if base == "||":
                    keep = truthy(old)
                elif base == "&&":
                    keep = not truthy(old)
                else:  # ??=
                    keep = old is not None and old is not UNDEFINED
                if keep:  # logical assignment short-circuits: no write, no touch
                    return False, old, old
                value = value_f(env)
                return True, value, value
        else:
            fn = BINARY[base]

            def update(env: Env, old: Any) -> tuple[bool, Any, Any]:
                value = fn(old, value_f(env))
                return True, value, value
        return self._assigner(target, pos, op != "=", update)

    def c_update(self, node: tuple) -> Fn:
        pos, op, prefix, target = node[1], node[2], node[3], node[4]
        delta = 1 if op == "++" else -1

        def update(env: Env, old: Any) -> tuple[bool, Any, Any]:
            n = to_number(old)
            value = num(n + delta)
            return True, value, value if prefix else n
        return self._assigner(target, pos, True, update)

    def _assigner(self, target: tuple, pos: int, needs_old: bool, update: Callable) -> Fn:
        """Build an assignment to ``target``.  ``update(env, old)`` returns
        (write?, new value, expression result)."""
        if target[0] == "name":
            name = target[2]
            read_f = self.c_name(target)

            def assign_name(env: Env) -> Any:
                try:
                    write, value, result = update(env, read_f(env) if needs_old else UNDEFINED)
                    if write:
                        _assign_name(env, name, value)
                    return result
                except ExpressionError as e:
                    raise _located(e, pos) from None  # the same error, now with its position
            return assign_name

        obj_f = self.emit(target[2])
        prop = target[3]
        if isinstance(prop, str) and prop in FORBIDDEN_KEYS:
            raise ExpressionError(f"Assigning '{prop}' is not allowed in expressions", self.source, pos)
        key_f = (lambda env: prop) if isinstance(prop, str) else self.emit(prop)
        root = self._state_root(target)

        def assign_member(env: Env) -> Any:
            try:
                obj = obj_f(env)
                key = key_f(env)
                if obj is None or obj is UNDEFINED:
                    raise ExpressionError(f"Cannot set properties of {to_js_string(obj)} (setting '{to_property_key(key)}')")
                old = get_property(obj, to_property_key(key), env.run) if needs_old else UNDEFINED
                write, value, result = update(env, old)
                if write:
                    set_property(obj, key, value)
                    _touch(env, root)
                return result
            except ExpressionError as e:
                raise _located(e, pos) from None  # the same error, now with its position
        return assign_member


def _assign_name(env: Env, name: str, value: Any) -> None:
    for scope in env.scopes:
        if name in scope:
            scope[name] = value
            return
    ctx = env.run.ctx
    if name in ctx.functions or name in GLOBALS:
        raise ExpressionError(f"Cannot assign to built-in '{name}'")
    if ctx.assign is None:
        raise ExpressionError(f"assignment not allowed here (assigning '{name}'); "
                              "state can only be changed from event handlers")
    ctx.assign(name, value)


def _spread_into(out: dict, value: Any) -> None:
    if isinstance(value, dict):
        for k in own_keys(value):
            out[k] = dict_get(value, k)
    elif isinstance(value, (list, tuple, str)):
        for i, v in enumerate(value):
            out[str(i)] = v
    if len(out) > MAX_LEN:
        check_size(len(out), "object")

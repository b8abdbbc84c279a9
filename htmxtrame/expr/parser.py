"""Recursive-descent parser producing a tuple AST.

Every node is a tuple ``(kind, pos, *fields)``:

==========  ==============================================================
lit         value
tmpl        strings: list[str], exprs: list[node]
name        identifier
array       elements: list[node]   (``spread`` nodes allowed)
object      props: list[prop | spread];  prop = ("prop", pos, key, value)
            with key a str or a node (computed ``[k]: v``)
spread      expr
member      obj, prop (str for ``.x``, node for ``[x]``), optional: bool
call        callee, args: list[node], optional: bool
chain       expr — boundary where an optional chain ``?.`` short-circuits
unary       op, expr
binary      op, left, right
logical     op (``&&`` ``||`` ``??``), left, right
cond        test, consequent, alternate
assign      op, target, value
update      op (``++``/``--``), prefix: bool, target
seq         exprs: list[node]
arrow       params: tuple[str, ...], body[, patterns]   (the names every parameter binds;
            ``patterns`` only with destructuring: one per parameter, a name or
            ``("obj", ((key, target), ...))`` / ``("arr", (target | None, ...))``)
new         constructor name: str, args: list[node]   (``new Date(...)``)
==========  ==============================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import ExpressionError
from .jsvalues import UNDEFINED, number_to_string
from .lexer import Token, tokenize

__all__ = ["parse", "MAX_SOURCE_LENGTH", "MAX_DEPTH", "ASSIGN_OPS", "iter_children"]

MAX_SOURCE_LENGTH = 10_000
MAX_DEPTH = 100

ASSIGN_OPS = frozenset("= += -= *= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??=".split())
_BINARY_PREC = {
    "??": 1, "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
    "==": 6, "!=": 6, "===": 6, "!==": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7, "in": 7,
    "<<": 8, ">>": 8, ">>>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
}
_LOGICAL = {"&&", "||", "??"}
_UNARY = {"!", "-", "+", "~", "typeof", "void"}
_UNSUPPORTED = {
    "new": "object construction with 'new'",
    "this": "'this'",
    "function": "function declarations (use an arrow function: x => x * 2)",
    "class": "classes",
    "delete": "'delete'",
    "instanceof": "'instanceof'",
    "var": "variable declarations", "let": "variable declarations", "const": "variable declarations",
    "if": "'if' statements (use the ternary a ? b : c)",
    "for": "loops (use array methods such as map/filter)", "while": "loops (use array methods such as map/filter)",
    "do": "loops", "return": "'return' (arrow bodies are expressions)",
    "yield": "generators", "await": "'await'", "async": "async functions",
    "import": "'import'", "super": "'super'", "throw": "'throw'", "try": "'try'",
    "switch": "'switch' (use the ternary a ? b : c)", "with": "'with'", "debugger": "'debugger'",
}
_LITERAL_NAMES = {"true": True, "false": False, "null": None}


def iter_children(node: tuple) -> Iterator[tuple]:
    """Yield the child nodes of an AST node (used by depth and name analysis)."""
    for field in node[2:]:
        if type(field) is tuple and len(field) >= 2 and type(field[1]) is int and type(field[0]) is str:
            yield field
        elif type(field) is list:
            for item in field:
                if type(item) is tuple:
                    yield item


def _pattern_names(target: str | tuple | None, out: list[str]) -> None:
    """The names a parameter (a name or a destructuring pattern) binds, in order."""
    if target is None:
        return
    if isinstance(target, str):
        out.append(target)
        return
    subs = [sub for _, sub in target[1]] if target[0] == "obj" else target[1]
    for sub in subs:
        _pattern_names(sub, out)


def _check_depth(root: tuple, src: str) -> None:
    """Iteratively bound AST depth so compiling and evaluating never hit Python's recursion limit."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError(f"Expression nested too deeply (more than {MAX_DEPTH} levels); split it up", src, node[1])
        for child in iter_children(node):
            stack.append((child, depth + 1))


def parse(src: str, statements: bool = False) -> tuple:
    """Parse ``src`` as one expression, or (``statements``) as a ``;``-separated
    sequence allowing assignment and ``++``/``--``."""
    if not isinstance(src, str):
        raise ExpressionError(f"Expression must be a string, not {type(src).__name__}")
    if len(src) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"Expression is too long ({len(src)} characters; the limit is {MAX_SOURCE_LENGTH})", src[:60] + "..."
        )
    try:
        tokens, _ = tokenize(src)
        p = _Parser(tokens, src, statements)
        node = p.parse_statements() if statements else p.parse_expression()
        _check_depth(node, src)
        return node
    except RecursionError:
        raise ExpressionError(f"Expression nested too deeply (more than {MAX_DEPTH} levels); split it up", src) from None
    except ExpressionError as e:
        raise e.with_source(src) from None


class _Parser:
    def __init__(self, tokens: list[Token], src: str, allow_assign: bool, depth: int = 0):
        self.tokens = tokens
        self.src = src
        self.i = 0
        self.allow_assign = allow_assign
        self.depth = depth
        self.parens: set[int] = set()  # ids of nodes written in parentheses

    # --- token helpers -------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def is_punc(self, value: str) -> bool:
        t = self.tokens[self.i]
        return t[0] == "punc" and t[1] == value

    def advance(self) -> Token:
        t = self.tokens[self.i]
        if t[0] != "eof":
            self.i += 1
        return t

    def error(self, message: str, tok: Token | None = None) -> ExpressionError:
        tok = tok or self.tok
        return ExpressionError(message, self.src, tok[2])

    def unexpected(self, tok: Token | None = None) -> ExpressionError:
        tok = tok or self.tok
        kind, value = tok[0], tok[1]
        if kind == "eof":
            return self.error("Unexpected end of expression", tok)
        if kind == "name" and value in _UNSUPPORTED:
            return self.error(f"{_UNSUPPORTED[value]} is not supported in expressions (see docs/expressions.md)", tok)
        shown = {"num": lambda: number_to_string(value), "str": lambda: repr(value), "tmpl": lambda: "template literal"}
        text = shown[kind]() if kind in shown else value
        return self.error(f"Unexpected token '{text}'" if kind in ("punc", "name") else f"Unexpected {text}", tok)

    def expect(self, value: str) -> Token:
        if not self.is_punc(value):
            t = self.tok
            if t[0] == "eof":
                raise self.error(f"Unexpected end of expression; expected '{value}'")
            raise self.error(f"Unexpected token '{t[1] if t[0] in ('punc', 'name') else t[0]}'; expected '{value}'")
        return self.advance()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"Expression nested too deeply (more than {MAX_DEPTH} levels); split it up")

    # --- grammar ---------------------------------------------------------
    def parse_expression(self) -> tuple:
        if self.tok[0] == "eof":
            raise self.error("Empty expression")
        node = self.parse_sequence()
        if self.tok[0] != "eof":
            raise self.unexpected()
        return node

    def parse_statements(self) -> tuple:
        stmts = []
        pos = self.tok[2]
        while self.tok[0] != "eof":
            if self.is_punc(";"):
                self.advance()
                continue
            stmts.append(self.parse_sequence())
            if self.tok[0] != "eof":
                if not self.is_punc(";"):
                    raise self.unexpected()
        if not stmts:
            return ("lit", pos, UNDEFINED)
        return stmts[0] if len(stmts) == 1 else ("seq", pos, stmts)

    def parse_sequence(self) -> tuple:
        first = self.parse_assign()
        if not self.is_punc(","):
            return first
        items = [first]
        while self.is_punc(","):
            self.advance()
            items.append(self.parse_assign())
        return ("seq", first[1], items)

    def parse_assign(self) -> tuple:
        self.enter()
        if self._arrow_ahead():
            node = self.parse_arrow()
        else:
            node = self.parse_conditional()
            t = self.tok
            if t[0] == "punc" and t[1] in ASSIGN_OPS:
                self._check_target(node, t, "assignment")
                self.advance()
                node = ("assign", t[2], t[1], node, self.parse_assign())
        self.depth -= 1
        return node

    def _check_target(self, node: tuple, tok: Token, what: str) -> None:
        if not self.allow_assign:
            raise self.error(f"{what.capitalize()} is only allowed in event handlers (like click=...); "
                             "use === to compare", tok)
        if node[0] == "name" or (node[0] == "member" and not node[4]):
            return
        raise self.error(f"Invalid {what} target: only variables and properties (a, a.b, a[i]) can be assigned", tok)

    def _arrow_ahead(self) -> bool:
        t = self.tok
        if t[0] == "name":
            nxt = self.peek()
            return nxt[0] == "punc" and nxt[1] == "=>"
        if t[0] != "punc" or t[1] != "(":
            return False
        depth = 0
        for j in range(self.i, len(self.tokens)):
            kind, value, _ = self.tokens[j]
            if kind == "punc":
                if value in "([{":
                    depth += 1
                elif value in ")]}":
                    depth -= 1
                    if depth == 0:
                        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else ("eof", None, 0)
                        return nxt[0] == "punc" and nxt[1] == "=>"
            elif kind == "eof":
                return False
        return False

    def parse_arrow(self) -> tuple:
        start = self.tok
        params: list[str | tuple] = []
        names: list[str] = []
        if start[0] == "name":
            params.append(self._param(self.advance()))
        else:
            self.expect("(")
            while not self.is_punc(")"):
                params.append(self._target(0))
                if not self.is_punc(")"):
                    self.expect(",")
            self.advance()
        for p in params:
            _pattern_names(p, names)
        if len(set(names)) != len(names):
            raise self.error("Duplicate parameter name in arrow function", start)
        arrow = self.expect("=>")
        if self.is_punc("{"):
            raise self.error("Arrow function block bodies are not supported; write an expression body "
                             "(x => x * 2), and wrap object literals in parentheses (x => ({a: x}))")
        body = self.parse_assign()
        if all(type(p) is str for p in params):
            return ("arrow", arrow[2], tuple(names), body)
        return ("arrow", arrow[2], tuple(names), body, tuple(params))

    def _target(self, depth: int) -> str | tuple:
        """A parameter: a name, or a destructuring pattern ``{a, b: c}`` / ``[a, , b]`` (nested)."""
        t = self.tok
        if depth > 8:
            raise self.error("Parameter patterns nested too deeply", t)
        if t[0] == "name":
            return self._param(self.advance())
        if self.is_punc("{"):
            self.advance()
            props: list[tuple] = []
            while not self.is_punc("}"):
                k = self.tok
                if k[0] in ("name", "str"):
                    key = k[1]
                elif k[0] == "num":
                    key = number_to_string(k[1])
                else:
                    raise self._pattern_unsupported(k)
                self.advance()
                if self.is_punc(":"):
                    self.advance()
                    props.append((key, self._target(depth + 1)))
                elif k[0] == "name":
                    props.append((key, self._param(k)))
                else:
                    raise self.unexpected()
                if self.is_punc("="):
                    raise self._pattern_unsupported(self.tok)
                if not self.is_punc("}"):
                    self.expect(",")
            self.advance()
            return ("obj", tuple(props))
        if self.is_punc("["):
            self.advance()
            items: list[str | tuple | None] = []
            while not self.is_punc("]"):
                if self.is_punc(","):
                    self.advance()
                    items.append(None)  # a hole skips an element
                    continue
                items.append(self._target(depth + 1))
                if self.is_punc("="):
                    raise self._pattern_unsupported(self.tok)
                if not self.is_punc("]"):
                    self.expect(",")
            self.advance()
            return ("arr", tuple(items))
        raise self._pattern_unsupported(t)

    def _pattern_unsupported(self, tok: Token) -> ExpressionError:
        if tok[0] == "punc" and tok[1] in ("=", "...", "["):
            return self.error("Default values, rest elements and computed keys in parameters are not supported", tok)
        if tok[0] == "eof":
            return self.unexpected(tok)
        return self.error("Arrow function parameters must be names or {a, b: c} / [a, b] patterns, "
                          "like (a, b) => a + b", tok)

    def _param(self, tok: Token) -> str:
        name = tok[1]
        if name in _UNSUPPORTED or name in _LITERAL_NAMES or name in ("in", "typeof", "void"):
            raise self.error(f"'{name}' cannot be used as a parameter name", tok)
        return name

    def parse_conditional(self) -> tuple:
        test = self.parse_binary(1)
        if not self.is_punc("?"):
            return test
        q = self.advance()
        consequent = self.parse_assign()
        self.expect(":")
        alternate = self.parse_assign()
        return ("cond", q[2], test, consequent, alternate)

    def _binop(self) -> str | None:
        t = self.tok
        if t[0] == "punc" or (t[0] == "name" and t[1] in ("in", "instanceof")):
            if t[1] == "instanceof":
                raise self.unexpected()
            return t[1] if t[1] in _BINARY_PREC else None
        return None

    def parse_binary(self, min_prec: int) -> tuple:
        left = self.parse_unary()
        while True:
            op = self._binop()
            prec = _BINARY_PREC.get(op) if op else None
            if prec is None or prec < min_prec:
                return left
            t = self.advance()
            if op == "**":
                if left[0] == "unary" and id(left) not in self.parens:
                    raise self.error("Unary operator before ** needs parentheses, e.g. (-2) ** 2", t)
                right = self.parse_binary(prec)  # right-associative
            else:
                right = self.parse_binary(prec + 1)
            if op in _LOGICAL:
                self._check_mixing(op, left, right, t)
                left = ("logical", t[2], op, left, right)
            else:
                left = ("binary", t[2], op, left, right)

    def _check_mixing(self, op: str, left: tuple, right: tuple, tok: Token) -> None:
        # JS forbids mixing ?? with && / || without parentheses.
        for side in (left, right):
            if side[0] == "logical" and id(side) not in self.parens and (side[2] == "??") != (op == "??"):
                raise self.error("Cannot mix ?? with && or || without parentheses", tok)

    def parse_unary(self) -> tuple:
        t = self.tok
        if (t[0] == "punc" and t[1] in _UNARY) or (t[0] == "name" and t[1] in ("typeof", "void")):
            self.enter()
            self.advance()
            node = ("unary", t[2], t[1], self.parse_unary())
            self.depth -= 1
            return node
        if t[0] == "punc" and t[1] in ("++", "--"):
            self.enter()
            self.advance()
            target = self.parse_unary()
            self._check_target(target, t, "increment" if t[1] == "++" else "decrement")
            self.depth -= 1
            return ("update", t[2], t[1], True, target)
        if t[0] == "name" and t[1] in ("delete", "await"):
            raise self.unexpected()
        node = self.parse_call_member()
        t = self.tok
        if t[0] == "punc" and t[1] in ("++", "--"):
            self._check_target(node, t, "increment" if t[1] == "++" else "decrement")
            self.advance()
            return ("update", t[2], t[1], False, node)
        return node

    def parse_call_member(self) -> tuple:
        t = self.tok
        node = self._new() if t[0] == "name" and t[1] == "new" else self.parse_primary()
        chained = False
        while True:
            t = self.tok
            if t[0] == "punc":
                v = t[1]
                if v == ".":
                    self.advance()
                    node = ("member", t[2], node, self._property_name(), False)
                    continue
                if v == "?.":
                    chained = True
                    self.advance()
                    if self.is_punc("("):
                        node = ("call", t[2], node, self._arguments(), True)
                    elif self.is_punc("["):
                        self.advance()
                        node = ("member", t[2], node, self.parse_sequence(), True)
                        self.expect("]")
                    else:
                        node = ("member", t[2], node, self._property_name(), True)
                    continue
                if v == "[":
                    self.advance()
                    node = ("member", t[2], node, self.parse_sequence(), False)
                    self.expect("]")
                    continue
                if v == "(":
                    node = ("call", t[2], node, self._arguments(), False)
                    continue
            elif t[0] == "tmpl":
                raise self.error("Tagged template literals are not supported", t)
            break
        if chained:
            node = ("chain", node[1], node)
        return node

    def _new(self) -> tuple:
        # ``new Name`` or ``new Name(args)``; which names may be built is the compiler's call
        t = self.advance()
        callee, nxt = self.tok, self.peek()
        if callee[0] != "name" or callee[1] in _UNSUPPORTED or (nxt[0] == "punc" and nxt[1] in (".", "?.", "[")):
            shown = callee[1] if callee[0] in ("name", "punc") else "..."
            raise self.error(f"'new {shown}' is not supported in expressions; only new Date(...) and "
                             "new Array(n) (see docs/expressions.md)", t)
        self.advance()
        args = self._arguments() if self.is_punc("(") else []
        return ("new", t[2], callee[1], args)

    def _property_name(self) -> str:
        t = self.tok
        if t[0] != "name":
            raise self.error(
                "Expected a property name after '.'" if t[0] != "eof"
                else "Unexpected end of expression; expected a property name"
            )
        self.advance()
        return t[1]

    def _arguments(self) -> list:
        self.expect("(")
        args = []
        while not self.is_punc(")"):
            args.append(self._element())
            if not self.is_punc(")"):
                self.expect(",")
        self.advance()
        return args

    def _element(self) -> tuple:
        if self.is_punc("..."):
            t = self.advance()
            return ("spread", t[2], self.parse_assign())
        return self.parse_assign()

    def parse_primary(self) -> tuple:
        t = self.tok
        kind, value, pos = t
        if kind in ("num", "str"):
            self.advance()
            return ("lit", pos, value)
        if kind == "tmpl":
            self.advance()
            strings, token_lists = value
            exprs = []
            for toks in token_lists:
                sub = _Parser(toks, self.src, self.allow_assign, self.depth + 1)
                if toks[0][0] == "eof":
                    raise sub.error("Empty ${} in template literal")
                exprs.append(sub.parse_expression())
            return ("tmpl", pos, strings, exprs)
        if kind == "name":
            if value in _LITERAL_NAMES:
                self.advance()
                return ("lit", pos, _LITERAL_NAMES[value])
            if value in _UNSUPPORTED or value in ("in", "typeof", "void"):
                raise self.unexpected()
            self.advance()
            return ("name", pos, value)
        if kind == "punc":
            if value == "(":
                self.enter()
                self.advance()
                node = self.parse_sequence()
                self.expect(")")
                self.parens.add(id(node))
                self.depth -= 1
                return node
            if value == "[":
                return self._array_literal()
            if value == "{":
                return self._object_literal()
        raise self.unexpected()

    def _array_literal(self) -> tuple:
        start = self.advance()
        items = []
        while not self.is_punc("]"):
            if self.is_punc(","):
                items.append(("lit", self.tok[2], UNDEFINED))  # a hole reads as undefined
                self.advance()
                continue
            items.append(self._element())
            if not self.is_punc("]"):
                self.expect(",")
        self.advance()
        return ("array", start[2], items)

    def _object_literal(self) -> tuple:
        start = self.advance()
        props: list[tuple] = []
        while not self.is_punc("}"):
            t = self.tok
            if self.is_punc("..."):
                self.advance()
                props.append(("spread", t[2], self.parse_assign()))
            else:
                if t[0] == "name" or t[0] == "str":
                    key = t[1]
                    self.advance()
                elif t[0] == "num":
                    key = number_to_string(t[1])
                    self.advance()
                elif self.is_punc("["):
                    self.advance()
                    key = self.parse_assign()
                    self.expect("]")
                else:
                    raise self.unexpected()
                if key == "__proto__":
                    raise self.error("'__proto__' keys are not supported", t)
                if self.is_punc(":"):
                    self.advance()
                    value = self.parse_assign()
                elif t[0] == "name" and (self.is_punc(",") or self.is_punc("}")):
                    if key in _UNSUPPORTED or key in _LITERAL_NAMES:
                        raise self.unexpected(t)
                    value = ("name", t[2], key)  # shorthand {a}
                elif self.is_punc("("):
                    raise self.error("Object methods are not supported; use an arrow function value (f: x => x)")
                else:
                    raise self.unexpected()
                props.append(("prop", t[2], key, value))
            if not self.is_punc("}"):
                self.expect(",")
        self.advance()
        return ("object", start[2], props)

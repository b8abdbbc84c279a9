"""A JavaScript expression subset evaluated on the server with JS semantics.

trame templates carry JS expressions (``{{ count * 2 }}``, ``v_if="show &&
items.length"``, ``click="count += 1"``).  This package parses them once into
closures and evaluates them against a :class:`Context`.  No Python
``eval``/``exec``/``compile`` is involved; see docs/expressions.md.
"""

from .compiler import Expr, compile_expr, compile_statement
from .context import Context
from .errors import ExpressionError
from .jsvalues import UNDEFINED, plain, to_js_string, truthy
from .vue import (
    Template,
    VFor,
    compile_template,
    normalize_class,
    normalize_style,
    parse_v_for,
    to_display,
)

__all__ = [
    "ExpressionError", "UNDEFINED", "Context", "Expr", "Template", "VFor",
    "compile_expr", "compile_statement", "compile_template", "parse_v_for",
    "to_display", "to_js_string", "truthy", "normalize_class", "normalize_style", "plain",
]

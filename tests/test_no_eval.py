"""Nothing the browser sends is evaluated as code: the package never calls
Python's eval, exec or compile (the expression language has its own parser)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "htmxtrame"
FORBIDDEN = {"eval", "exec", "compile", "__import__"}


def test_package_never_calls_eval_exec_or_compile():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.func.id}()")
    assert offenders == []

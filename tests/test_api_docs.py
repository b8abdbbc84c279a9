"""The core modules' public API is documented where a developer reads it: every
module has a docstring, every public function and method a docstring and type
hints (parameters and return), as the house rules ask."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "htmxtrame"
MODULES = sorted(
    [PACKAGE / name for name in ("state.py", "controller.py", "render.py", "events.py")]
    + list((PACKAGE / "expr").glob("*.py"))
    + list((PACKAGE / "elements").glob("*.py")),
)
PUBLIC_DUNDERS = {"__init__", "__call__"}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = [] if ast.get_docstring(tree) else ["no module docstring"]

    def visit(body: list[ast.stmt], prefix: str, in_class: bool) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                if not ast.get_docstring(node):
                    found.append(f"class {prefix}{node.name}: no docstring")
                visit(node.body, f"{prefix}{node.name}.", True)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = node.name
                if name.startswith("_") and name not in PUBLIC_DUNDERS:
                    continue
                where = f"{prefix}{name} (line {node.lineno})"
                if name != "__init__" and not ast.get_docstring(node):
                    found.append(f"{where}: no docstring")
                a = node.args
                params = a.posonlyargs + a.args + a.kwonlyargs
                if in_class and params and params[0].arg in ("self", "cls"):
                    params = params[1:]
                params += [p for p in (a.vararg, a.kwarg) if p is not None]
                untyped = [p.arg for p in params if p.annotation is None]
                if untyped:
                    found.append(f"{where}: parameters without type hints: {', '.join(untyped)}")
                if node.returns is None and name != "__init__":
                    found.append(f"{where}: no return type")

    visit(tree.body, "", False)
    return found


def test_the_module_list_is_not_empty():
    assert len(MODULES) > 15 and all(p.is_file() for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_public_functions_have_docstrings_and_type_hints(path: Path):
    problems = _problems(path)
    assert not problems, f"{path.relative_to(PACKAGE)}:\n  " + "\n  ".join(problems)

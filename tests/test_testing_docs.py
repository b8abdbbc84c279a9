"""Every example in docs/testing.md runs: the doc's files are written into a
fresh project and its tests run there, as a reader would run them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "testing.md"
pytest_plugins = ["pytester"]
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def doc_files() -> dict[str, str]:
    files = {}
    for block in BLOCK.findall(DOC.read_text()):
        first, _, body = block.partition("\n")
        m = re.fullmatch(r"# file: ([\w.]+\.py)", first.strip())
        assert m, f"every python example in {DOC.name} is a whole file headed '# file: name.py'; got {first!r}"
        files[m.group(1)] = body
    return files


def test_the_doc_has_examples_of_every_fixture():
    text = "\n".join(doc_files().values())
    for fixture in ("sim_user", "app_runner", "site_runner", "page"):
        assert re.search(rf"\b{fixture}\b", text), fixture


def test_every_example_in_the_testing_doc_runs(pytester):
    files = doc_files()
    for name, body in files.items():
        pytester.makefile(".py", **{name[:-3]: body})
    tests = sum(len(re.findall(r"^def test_", body, re.M)) for name, body in files.items() if name.startswith("test_"))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=tests)
    scripts = [name for name in files if name.startswith("check_")]
    assert scripts, "the doc shows a script run outside pytest (check_*.py)"
    for name in scripts:
        out = subprocess.run([sys.executable, name], cwd=pytester.path, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "1"

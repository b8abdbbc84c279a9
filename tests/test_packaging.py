"""`pip install .` (not only -e) must give a working package: the wheel
carries every subpackage and the static assets."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("htmxtrame-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_has_every_subpackage(wheel):
    names = set(wheel.namelist())
    for init in (ROOT / "htmxtrame").rglob("__init__.py"):
        rel = init.relative_to(ROOT).as_posix()
        assert rel in names, f"{rel} missing from the wheel: list its package in pyproject.toml"


def test_wheel_carries_static_assets(wheel):
    names = set(wheel.namelist())
    for path in (ROOT / "static").rglob("*"):
        if path.is_file():
            rel = "htmxtrame/static/" + path.relative_to(ROOT / "static").as_posix()
            assert rel in names, f"{rel} missing from the wheel: add its pattern to package-data"

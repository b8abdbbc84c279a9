"""`pip install .` (not only -e) must give a working package: the wheel
carries every subpackage and the static assets."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from htmxtrame.transport import jsmin
from htmxtrame.transport.assets import COMPILE_HINT

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


INSTALLED_APP = r"""
import json, re, sys, urllib.parse, urllib.request
import htmxtrame
from htmxtrame.app import get_server
from htmxtrame.widgets import html
from htmxtrame.ui.html import DivLayout

server = get_server("installed")
with DivLayout(server):
    html.P("{{ greeting }} from the wheel", id="p")
server.state.greeting = "hello"
server.start(port=0, host="127.0.0.1", thread=True, open_browser=False, show_connection_info=False, timeout=0)
base = f"http://127.0.0.1:{server.port}/"
page = urllib.request.urlopen(base).read().decode()
scripts = re.findall(r'<script src="([^"]+)"', page)
sizes = {src: len(urllib.request.urlopen(urllib.parse.urljoin(base, src)).read()) for src in scripts}
print(json.dumps({"package": htmxtrame.__file__, "page": page, "sizes": sizes}))
server.stop()
"""


def test_pip_install_gives_a_package_that_serves_its_page_and_assets(wheel, tmp_path):
    """The wheel as `pip install .` installs it (not the checkout, not -e):
    it imports from site-packages, renders a page and serves htmx and the glue."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target),
         wheel.filename],
        check=True, capture_output=True, text=True,
    )
    run = subprocess.run(
        [sys.executable, "-c", INSTALLED_APP], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target)},
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(result["package"]).is_relative_to(target), f"imported {result['package']}, not the installed copy"
    assert "hello from the wheel" in result["page"]
    served = {src.rsplit("/", 1)[-1].split("?")[0]: size for src, size in result["sizes"].items()}
    assert set(served) == {"htmxtrame.bundle.js"}  # htmx, its websocket extension and the glue, in one file
    parts = [(ROOT / "static/vendor/htmx.min.js").read_text(), (ROOT / "static/vendor/hx-ws.min.js").read_text(),
             jsmin.strip((ROOT / "static/htmxtrame.js").read_text())]
    assert served["htmxtrame.bundle.js"] == len(COMPILE_HINT + "\n;".join(parts).encode())


def test_wheel_is_typed_and_licensed(wheel):
    """Type checkers trust the package (PEP 561) and the licence travels with it."""
    names = set(wheel.namelist())
    assert "htmxtrame/py.typed" in names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = wheel.read(metadata).decode()
    assert "Apache" in text
    assert any(n.endswith("LICENSE") for n in names), "LICENSE file missing from the wheel"
    assert "Project-URL: Changelog" in text
    assert "Classifier: Typing :: Typed" in text


def test_licence_file_matches_the_declared_licence():
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]["text"]
    assert declared == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text()
    assert (ROOT / "CHANGELOG.md").read_text().startswith("# Changelog")

"""The demo site (apps/embed_flask.py), fresh for each test: its own database and servers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.embed_flask import create_app  # noqa: E402

ADA = {"user": "ada", "password": "demo"}
BOB = {"user": "bob", "password": "demo"}


@pytest.fixture
def site(site_runner, tmp_path):
    """The site on a free port; ``site.user(path)`` is Ada, logged in through the login form."""
    config = {"DATABASE": str(tmp_path / "inventory.db"), "STATUS_INTERVAL": 0.05, "SECRET_KEY": "tests"}
    return site_runner(create_app, config, login=ADA)

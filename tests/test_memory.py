"""memory.py: the malloc arena cap applied when htmxtrame serves the process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SNIPPET = "from htmxtrame.memory import cap_malloc_arenas as c; print(c(), c())"


def _run(env_extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_caps_once_per_process():
    assert _run({}) == "True False"


def test_an_operators_malloc_arena_max_wins():
    assert _run({"MALLOC_ARENA_MAX": "4"}) == "False False"

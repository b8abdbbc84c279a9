"""Start a benchmark app as its own process and find its port."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAME_PY = ROOT / "bench" / ".venv-trame" / "bin" / "python"

APPS = {
    "floor": (sys.executable, ROOT / "bench" / "apps" / "floor.py"),
    "htmxtrame": (sys.executable, ROOT / "bench" / "apps" / "scenario_htmxtrame.py"),
    "trame": (str(TRAME_PY), ROOT / "bench" / "apps" / "scenario_trame.py"),
}


class App:
    """A running benchmark app: ``url``, ``pid``; ``stop()`` ends it."""

    def __init__(self, name: str) -> None:
        python, script = APPS[name]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT),
               # The scale test opens 1000 sockets from one address: above htmxtrame's
               # default caps (docs/security.md), which the app's code cannot raise
               # without differing from the trame scenario.
               "HTMXTRAME_MAX_WEBSOCKETS": "5000", "HTMXTRAME_MAX_WEBSOCKETS_PER_CLIENT": "5000"}
        self.name = name
        self.proc = subprocess.Popen(
            [python, str(script), "--server", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT,
        )
        self.pid = self.proc.pid
        self.lines: list[str] = []
        found = threading.Event()
        self.port = 0

        def read() -> None:
            for line in self.proc.stdout:  # type: ignore[union-attr]
                self.lines.append(line)
                m = re.search(r"http://[\w.]+:(\d+)/", line)
                if m and not found.is_set():
                    self.port = int(m.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(60):
            self.stop()
            raise RuntimeError(f"{name} did not start:\n{''.join(self.lines)[-2000:]}")
        self.url = f"http://localhost:{self.port}/"

    def stop(self) -> None:
        """End the process (and wait for it)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

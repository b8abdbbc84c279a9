"""``trame.app.dev``: dropping listeners and running a module's code again."""

from __future__ import annotations

import importlib.util
import uuid

from htmxtrame.app import dev
from htmxtrame.server import Server


def test_remove_and_clear_change_listeners():
    server = Server(f"ports-{uuid.uuid4().hex[:8]}")
    state = server.state
    state.ready()
    calls = []
    state.change("a")(lambda **_: calls.append("a"))
    state.change("b")(lambda **_: calls.append("b"))
    dev.remove_change_listeners(server, "a")
    state.update({"a": 1, "b": 1})
    state.flush()
    assert calls == ["b"]
    dev.clear_change_listeners(server)
    state.update({"a": 2, "b": 2})
    state.flush()
    assert calls == ["b"]


def test_reload_runs_the_modules_code_again(tmp_path):
    path = tmp_path / "counted.py"
    path.write_text("RUNS = globals().get('RUNS', 0) + 1\n")
    spec = importlib.util.spec_from_file_location("counted_mod", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dev.reload(module, None)
    assert module.RUNS == 2

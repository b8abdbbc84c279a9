"""What an embedded server's ``on_server_ready`` sets is flushed, not left
pending: under several workers a pending key made that worker ignore every
other worker's value for it (apps/embed_flask.py's inventory under gunicorn
showed a tab on another worker the list as it was when its worker booted)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask

from htmxtrame.server import Server
from htmxtrame.session import Session
from htmxtrame.widgets import html


def worker(name: str, boot_items: list, **options: Any) -> Server:
    """One worker of a site: the server's hook loads the rows, as the example site's does."""
    server = Server(name, **options)
    server.state.items = []
    server.set_template("main", html.Div(html.P("{{ items.join(',') }}", id="items")))
    server.controller.on_server_ready.add(lambda **_: setattr(server.state, "items", list(boot_items)))
    server.init_app(Flask(name))
    return server


def test_what_on_server_ready_sets_in_a_mounted_server_is_flushed():
    heard: list[list] = []
    server = Server("ready-flush")
    server.state.items = []
    server.state.change("items")(lambda items, **_: heard.append(items))
    server.controller.on_server_ready.add(lambda **_: setattr(server.state, "items", ["a"]))
    server.init_app(Flask("ready-flush"))
    assert not server.state._pending_update
    assert server.state.items == ["a"] and heard[-1] == ["a"]


def test_what_on_server_ready_sets_in_a_started_server_is_flushed():
    from htmxtrame.testing import start_app

    server = Server("ready-flush-started")
    server.state.items = []
    set_by_hook = []

    def ready(**_: Any) -> None:
        server.state.items = ["a"]
        set_by_hook.append(True)

    server.controller.on_server_ready.add(ready)
    app = start_app(server)
    try:
        deadline = time.monotonic() + 5
        while not set_by_hook and time.monotonic() < deadline:
            time.sleep(0.01)
        with server.state._lock:
            assert set_by_hook and not server.state._pending_update
            assert server.state._pushed_state["items"] == ["a"]
    finally:
        app.stop()


def test_a_worker_whose_ready_hook_set_a_key_follows_the_other_workers_writes_of_it(redis_server: Any, request: Any):
    pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")
    prefix = f"t:{request.node.name}"
    a = worker("inv", ["bolts"], redis_url=redis_server.url, redis_prefix=prefix)
    b = worker("inv", ["bolts"], redis_url=redis_server.url, redis_prefix=prefix)
    try:
        for w in (a, b):
            w.scope_for_request()  # each worker's first page joins
        page = Session(b._scope, "main")
        page.open()
        with a.state:
            a.state.items = ["bolts", "nuts"]  # a click on worker a adds a row
        deadline = time.monotonic() + 5
        while b.state.items != ["bolts", "nuts"] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert b.state.items == ["bolts", "nuts"]
        batch = page.take(0)
        assert batch is not None and "bolts,nuts" in batch.fragments["items"]
    finally:
        a.backend.close()
        b.backend.close()

"""The in-process backend: one process, today's behaviour, behind the same seam as Redis."""

from __future__ import annotations

from htmxtrame.backends import SHARED, make_backend, redis_url, session_key
from htmxtrame.backends.local import LocalBackend
from htmxtrame.controller import Controller
from htmxtrame.server import Server
from htmxtrame.session import Scope, Session
from htmxtrame.state import State
from htmxtrame.widgets import html


def scope_with_page() -> tuple[Scope, Session]:
    state = State(ready=True)
    state.v = 1
    state.flush()
    root = html.Div(html.P("v={{ v }}", id="p"))
    scope = Scope(state, Controller(), lambda: {"main": root})
    page = Session(scope, "main")
    page.open()
    return scope, page


def test_an_attached_scope_renders_its_flushes_for_its_pages() -> None:
    scope, page = scope_with_page()
    backend = LocalBackend()
    backend.attach(SHARED, scope)
    backend.join(SHARED)  # nothing to catch up with
    with scope.state:
        scope.state.v = 2
    batch = page.take(0)
    assert batch is not None and "v=2" in batch.fragments["p"]


def test_a_detached_scope_sends_nothing_more() -> None:
    scope, page = scope_with_page()
    backend = LocalBackend()
    backend.attach(session_key("abc"), scope)
    backend.detach(session_key("abc"))
    with scope.state:
        scope.state.v = 3
    assert page.take(0) is None
    assert scope.state.v == 3


def test_a_server_without_redis_uses_the_local_backend(monkeypatch) -> None:
    monkeypatch.delenv("HTMXTRAME_REDIS_URL", raising=False)
    assert redis_url({}) is None
    assert isinstance(make_backend("x", {}), LocalBackend)
    server = Server("local")
    assert isinstance(server.backend, LocalBackend) and not server.backend.multiprocess


def test_scope_keys() -> None:
    assert SHARED == "shared"
    assert session_key("s1") == "session:s1"

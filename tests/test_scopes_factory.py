"""Every scope is made by make_scope, with a stable key, announced to the backend hooks."""

from __future__ import annotations

import logging

import pytest

from htmxtrame.controller import Controller
from htmxtrame.scopes import factory
from htmxtrame.scopes.factory import make_scope, on_scope_created, remove_scope_hook
from htmxtrame.server import Server
from htmxtrame.state import State


@pytest.fixture
def hooked():
    seen: list = []
    ended: list = []

    def hook(scope):
        seen.append(scope)
        return lambda: ended.append(scope.key)

    on_scope_created(hook)
    yield seen, ended
    remove_scope_hook(hook)


def test_a_server_scope_is_keyed_shared_and_seen_by_the_hook(hooked):
    seen, _ = hooked
    srv = Server("scopes-factory")
    assert srv._scope.key == "shared"
    assert seen == [srv._scope]
    assert srv.state._flushed_fn == srv._scope.commit


def test_a_scope_with_a_parent_reads_its_keys_and_its_end_runs_the_hooks_callable_once(hooked):
    seen, ended = hooked
    parent = make_scope("shared", State(ready=True), Controller(), dict)
    child = make_scope(factory.session_key("abc"), State(ready=True), Controller(), dict, parent=parent)
    assert child.key == "session:abc" and child in parent.children
    child.close()
    child.close()
    assert ended == ["session:abc"]
    assert child not in parent.children
    assert [s.key for s in seen] == ["shared", "session:abc"]


def test_a_hook_that_raises_is_logged_and_the_scope_is_still_made(caplog):
    def broken(scope):
        raise RuntimeError("backend down")

    on_scope_created(broken)
    try:
        with caplog.at_level(logging.ERROR, "htmxtrame.scopes"):
            scope = make_scope("shared", State(ready=True), Controller(), dict)
    finally:
        remove_scope_hook(broken)
    assert scope.key == "shared"
    assert "scope hook" in caplog.text and "backend down" in caplog.text

"""Sessions: what a page's queue ends up holding when flushes and full-body
renders race (a background thread changing state while a page reconnects or
the layout is re-entered)."""

from __future__ import annotations

import threading

import pytest

from htmxtrame.controller import Controller
from htmxtrame.session import Batch, Scope, Session
from htmxtrame.state import State
from htmxtrame.transport.blueprint import _resync
from htmxtrame.widgets import html


class Page:
    def __init__(self) -> None:
        self.state = State(ready=True)
        self.state.v = "old"
        self.state.flush()
        self.root = html.Div(html.P("v={{ v }}", id="p"))
        self.scope = Scope(self.state, Controller(), lambda: {"main": self.root})
        self.state._flushed_fn = self.scope.commit
        self.renderer = self.scope.renderer("main")
        self.renderer.render_page_body()
        self.session = Session(self.scope, "main")
        self.session.open()
        self.writers: list[threading.Thread] = []

    def flush_from_another_thread_during_body_render(self) -> None:
        """Make the next full-body render give another thread the chance to
        change ``v`` and flush between rendering the body and queueing it."""
        real = self.renderer.render_page_body

        def render_then_other_thread_writes() -> str:
            body = real()

            def write() -> None:
                with self.state:
                    self.state.v = "new"

            writer = threading.Thread(target=write)
            writer.start()
            # If the state is free the writer finishes now; if the render
            # holds it (as it must), the writer waits and this gives up.
            writer.join(0.5)
            self.writers.append(writer)
            return body

        self.renderer.render_page_body = render_then_other_thread_writes

    def shown(self) -> str:
        """What #p shows once the page applied its queue (body, then fragments)."""
        for writer in self.writers:
            writer.join(5)
        batch: Batch = self.session.take(0)
        assert batch is not None
        if "p" in batch.fragments:
            return batch.fragments["p"]
        assert batch.body is not None, batch
        return batch.body


def test_resync_body_never_hides_a_newer_change():
    page = Page()
    page.flush_from_another_thread_during_body_render()
    _resync(page.session)
    assert "v=new" in page.shown()
    assert page.state.v == "new"


def test_layout_refresh_body_never_hides_a_newer_change():
    page = Page()
    page.flush_from_another_thread_during_body_render()
    page.scope.refresh("main")
    assert "v=new" in page.shown()
    assert page.state.v == "new"


def test_batches_merge_latest_fragment_and_union_of_dirty_keys():
    a = Batch(1, {"x": "<p id='x'>1</p>"}, dirty=["k"])
    a.merge(Batch(2, {"y": "y1", "x": "<p id='x'>2</p>"}, dirty=["k", "j"], title="T"))
    assert a.seq == 2
    assert a.fragments == {"y": "y1", "x": "<p id='x'>2</p>"}
    assert list(a.fragments) == ["y", "x"], "the latest update goes last"
    assert a.dirty == ["k", "j"] and a.title == "T"


def test_body_replaces_older_fragments_and_later_fragments_stay():
    a = Batch(1, {"x": "old"})
    a.merge(Batch(2, body="<p id='x'>body</p>"))
    a.merge(Batch(3, {"x": "newer"}))
    assert a.body == "<p id='x'>body</p>" and a.fragments == {"x": "newer"}


def test_closed_session_queues_nothing():
    page = Page()
    page.session.close()
    with page.state:
        page.state.v = "after close"
    assert page.session.take(0) is None
    assert page.session not in page.scope.sessions


@pytest.mark.parametrize("pages", [1, 3])
def test_one_flush_renders_each_fragment_once_for_every_page(pages):
    page = Page()
    others = [Session(page.scope, "main") for _ in range(pages - 1)]
    for s in others:
        s.open()
    before = page.renderer.render_count
    with page.state:
        page.state.v = "x"
    assert page.renderer.render_count - before == 1
    for s in [page.session, *others]:
        assert s.take(0).fragments == {"p": '<p id="p">v=x</p>'}


def test_a_page_is_drained_only_once_its_frame_is_out():
    session = Session(Scope(State(ready=True), Controller(), lambda: {}), "main")
    assert session.drained()
    session.push(Batch(1, {"x": "<p id='x'>1</p>"}))
    assert not session.drained(), "an update waits to be sent"
    with session.send_lock:  # a sender took it and is writing the frame
        session.take(0)
        assert not session.drained(), "the frame is half out"
    assert session.drained()
    session.close()


def test_a_flush_to_many_pages_is_encoded_once_and_merging_into_one_leaves_the_others_alone():
    from htmxtrame.transport import wire

    scope = Scope(State(ready=True), Controller(), lambda: {})
    a, b = Session(scope, "main"), Session(scope, "main")
    shared = Batch(1, {"x": "<p id='x'>1</p>"}, dirty=["k"])
    a.push(shared)
    b.push(shared)
    b.push(Batch(2, {"y": "<p id='y'>2</p>"}, dirty=["j"]))
    got_a, got_b = a.take(0), b.take(0)
    assert list(got_a.fragments) == ["x"] and got_a.dirty == ["k"], "b's later update leaked into a's"
    assert list(got_b.fragments) == ["x", "y"] and got_b.dirty == ["k", "j"]
    frame = wire.encode(got_a)
    assert wire.encode(shared) is frame, "the shared batch was encoded twice"
    assert '"y"' not in frame and "#y" in wire.encode(got_b)

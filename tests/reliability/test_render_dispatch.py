"""Issue 16, the render and dispatch half, against a live server and raw sockets.

What a forged frame must not do: run the handler of a control a person
could not use (disabled, readonly, hidden, removed by ``v_if`` while no page
was looking), or stall the server with a huge loop count. Each refusal is
an error frame with a code and a message, the same message in the log, the
state unchanged and the socket still serving, as in ``test_bad_input``.
"""

from __future__ import annotations

import json
import logging
import re
import time

import pytest

from .app_render import build
from .conftest import Client, Live


@pytest.fixture
def errors_log(caplog):
    """caplog at ERROR for htmxtrame's loggers."""
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    return caplog


@pytest.fixture
def rlive(request):
    """A running server of ``app_render`` (``Live``)."""
    server = build("rel_render_" + re.sub(r"\W", "_", request.node.name)[:50])
    server.start(port=0, thread=True, open_browser=False, show_connection_info=False)
    lv = Live(server)
    yield lv
    for c in lv.clients:
        c.close()
    server.stop()


def _snapshot(live: Live) -> str:
    return json.dumps(live.state.to_dict(), sort_keys=True, default=str)


def _assert_refused(live: Live, client: Client, code: str, caplog, before: str) -> dict:
    err = client.error()
    assert err["code"] == code, err
    assert 10 < len(err["message"]) < 1000, err
    assert _snapshot(live) == before, "refused input changed the state"
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("htmxtrame")]
    assert any(err["message"] in line for line in warned), (err, warned)
    client.alive()
    return err


def _vro(live: Live) -> str:
    live.iid("inc")  # parse the page once
    return next(dom_id for dom_id in live._ids if dom_id.endswith("-input"))  # type: ignore[union-attr]


# (case, DOM id, event, value): a person could not do this on the page.
INACTIVE = [
    ("disabled-literal", "locked", "click", None),
    ("disabled-bound", "admin", "click", None),
    ("v-show-hidden", "hidden_btn", "click", None),
    ("inside-v-show-hidden", "inner_btn", "click", None),
    ("readonly-v-model", "ro", "input", "pwned"),
    ("disabled-v-model", "dis", "input", "pwned"),
    ("disabled-fieldset-v-model", "in_fieldset", "input", "pwned"),
    ("vuetify-disabled-btn", "vbtn", "click", None),
    ("vuetify-readonly-field", "VRO", "input", "pwned"),
]


@pytest.mark.parametrize("name,dom_id,ev,value", INACTIVE, ids=[c[0] for c in INACTIVE])
def test_controls_a_person_cannot_use_refuse_forged_events(rlive, warnings_log, name, dom_id, ev, value):
    client = rlive.client()
    before = _snapshot(rlive)
    if dom_id == "VRO":
        dom_id = _vro(rlive)
    client.ev(dom_id, ev, value)
    err = _assert_refused(rlive, client, "inactive-element", warnings_log, before)
    assert re.search(r"is (disabled|readonly|hidden) on this page", err["message"]), err


def test_a_bound_disabled_follows_the_state(rlive):
    client = rlive.client()
    client.ev("admin", "click")
    assert client.error()["code"] == "inactive-element"
    with rlive.state:
        rlive.state.is_admin = True
    client.wait(lambda m: "is_admin" in m.get("dirty", ()))
    client.ev("admin", "click")
    client.wait(lambda m: "clicks" in m.get("dirty", ()))
    assert rlive.state.clicks["admin"] == 1


def test_the_legend_of_a_disabled_fieldset_and_readonly_clicks_still_work(rlive):
    client = rlive.client()
    client.ev("legend_btn", "click")
    client.wait(lambda m: "clicks" in m.get("dirty", ()))
    assert rlive.state.clicks["legend"] == 1


def test_an_element_a_v_if_removed_while_no_page_was_connected_is_not_callable(rlive, warnings_log):
    iid = rlive.iid("gone")  # a page loaded; it is on the page
    # Nobody is connected when the state changes: no fragment is rendered.
    with rlive.state:
        rlive.state.show_gone = False
    client = Client(rlive, hello=False)  # a socket-only client, no page, no hello
    rlive.clients.append(client)
    before = _snapshot(rlive)
    client.send({"t": "ev", "id": iid, "ev": "click"})
    _assert_refused(rlive, client, "unknown-element", warnings_log, before)
    assert rlive.state.clicks["gone"] == 0


def test_a_million_row_loop_count_shows_a_marker_and_other_pages_keep_clicking(rlive, errors_log):
    attacker, other = rlive.client(), rlive.client()
    attacker.ev("n", "input", 1_000_000)
    msg = attacker.wait(lambda m: "n" in m.get("dirty", ()), timeout=10)
    assert len(msg.get("content", "")) < 10_000, "the frame carries the rows it should have refused"
    assert "too much to show" in msg["content"]
    started = time.monotonic()
    other.alive()  # served while and after the attacker's render
    assert time.monotonic() - started < 2
    page = rlive.page()
    assert re.search(r'<div id="list" data-ht-error="[^"]*"><mark class="ht-error"', page), \
        "a page loaded now must show the marker"
    assert len(page) < 25_000  # the page shell with its inline styles and script, not a million rows
    logged = [r.getMessage() for r in errors_log.records]
    assert any("v_for='i in n'" in line and "render_max_rows" in line for line in logged), logged
    # Back to a sane count, the list renders again.
    attacker.ev("n", "input", 4)
    attacker.wait(lambda m: "n" in m.get("dirty", ()))
    assert re.findall(r'<span class="row">(\d+) </span>', rlive.page()) == ["1", "2", "3", "4"]

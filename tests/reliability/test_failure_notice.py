"""Without --debug, the page whose input ran failing app code (a handler, a
change listener, a render) is told in a short notice without details; other
pages are not bothered; with --debug every page gets the details."""

from __future__ import annotations

import pytest

from htmxtrame.session import NOTICE


def _notice(client) -> dict:
    return client.wait(lambda m: any(e.get("notice") for e in m.get("errors", ())))["errors"][-1]


@pytest.mark.parametrize("button,code", [
    ("boom", "handler-failed"),
    ("bad_listener", "app-error"),
    ("bad_expr", "app-error"),
])
def test_the_acting_page_gets_a_notice_without_details(live, button, code):
    client, other = live.client(), live.client()
    client.ev(button, "click")
    err = _notice(client)
    assert err == {"code": code, "message": NOTICE, "notice": True}
    client.alive()
    # The other page's frames up to its own click's answer carry no error.
    seen = []
    other.ev("inc", "click")
    other.wait(lambda m: seen.append(m) or "count" in m.get("dirty", ()))
    assert not any("errors" in m for m in seen)


def test_a_successful_action_sends_no_notice(live):
    client = live.client()
    client.ev("inc", "click")
    msg = client.wait(lambda m: "count" in m.get("dirty", ()))
    assert "errors" not in msg


@pytest.mark.parametrize("live", [{"debug": True}], indirect=True)
def test_with_debug_the_details_replace_the_notice(live):
    client = live.client()
    client.ev("bad_listener", "click")
    errors: list = []
    client.wait(lambda m: errors.extend(m.get("errors", ())) or any(e.get("debug") for e in errors))
    assert any("change listener failed on purpose" in e["message"] for e in errors)
    assert not any(e.get("notice") for e in errors)

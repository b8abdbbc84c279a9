"""The signed session cookie: a forged, foreign, old or malformed one reads as none."""

from __future__ import annotations

from types import SimpleNamespace

from htmxtrame.scopes import cookie


def test_a_signed_id_reads_back():
    sid = cookie.new_sid()
    assert cookie.unsign(cookie.sign(sid, "key"), "key") == sid


def test_forged_foreign_old_and_malformed_cookies_read_as_none():
    sid = cookie.new_sid()
    good = cookie.sign(sid, "key")
    assert cookie.unsign(good, "another key") is None
    assert cookie.unsign(sid, "key") is None  # an unsigned id: someone guessing
    assert cookie.unsign(good[:-2] + ("AA" if not good.endswith("AA") else "BB"), "key") is None
    assert cookie.unsign(good, "key", max_age=-1) is None  # older than its max age
    assert cookie.unsign("", "key") is None and cookie.unsign(None, "key") is None
    assert cookie.unsign("x" * 5000, "key") is None
    assert cookie.unsign(cookie.sign("short", "key"), "key") is None  # not an id we make


def test_the_secret_is_the_configured_one_else_the_apps_else_one_random_per_process(caplog):
    assert cookie.secret_for(SimpleNamespace(secret_key="app"), "mine") == "mine"
    assert cookie.secret_for(SimpleNamespace(secret_key="app")) == "app"
    first = cookie.secret_for(SimpleNamespace(secret_key=None))
    assert first and cookie.secret_for(SimpleNamespace(secret_key=None)) == first

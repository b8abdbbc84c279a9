"""Failures in app code: logged with a traceback, shown to the developer in
debug mode, and the app keeps serving."""

from __future__ import annotations

import logging

import pytest

DEBUG = [{"debug": True}]


@pytest.fixture
def errors_log(caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    return caplog


def _traceback_for(caplog, text: str) -> logging.LogRecord:
    for rec in caplog.records:
        if rec.exc_info and text in str(rec.exc_info[1]):
            return rec
    raise AssertionError(f"no log record with a traceback of {text!r}; got {[r.getMessage() for r in caplog.records]}")


def _wait_log(caplog, text: str, timeout: float = 5.0) -> logging.LogRecord:
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            return _traceback_for(caplog, text)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def test_controller_method_failure_is_logged_and_page_told_without_details(live, errors_log):
    client = live.client()
    client.ev("boom", "click")
    err = client.error()
    assert err["code"] == "handler-failed"
    assert "on purpose" not in err["message"], "outside debug mode, app internals stay in the log"
    _traceback_for(errors_log, "controller method failed on purpose")
    client.alive()


@pytest.mark.parametrize("live", DEBUG, indirect=True)
def test_controller_method_failure_is_shown_in_debug_mode(live, errors_log):
    client = live.client()
    client.ev("boom", "click")
    err = client.wait(lambda m: "on purpose" in m.get("error", {}).get("message", ""))["error"]
    assert "RuntimeError" in err["message"]
    client.alive()


def test_change_listener_failure_is_logged_and_state_kept(live, errors_log):
    client = live.client()
    client.ev("bad_listener", "click")
    client.wait(lambda m: "poke" in m.get("dirty", ()))
    _traceback_for(errors_log, "change listener failed on purpose")
    assert live.state.poke == 1, "the change that triggered the failing listener is kept"
    client.alive()


@pytest.mark.parametrize("live", DEBUG, indirect=True)
@pytest.mark.parametrize("button,told", [
    ("bad_listener", "change listener failed on purpose"),
    ("bad_expr", "Cannot read properties of null (reading 'a')"),
], ids=["listener", "expression"])
def test_failure_is_shown_on_every_page_in_debug_mode(live, errors_log, button, told):
    client, other = live.client(), live.client()
    client.ev(button, "click")
    for page in (client, other):
        err = page.wait(lambda m: told in m.get("error", {}).get("message", ""))["error"]
        assert err["code"] == "app-error"
    client.alive()


def test_async_task_failure_is_logged_with_traceback(live, errors_log):
    client = live.client()
    client.ev("bad_task", "click")
    _wait_log(errors_log, "async task failed on purpose")
    client.alive()


@pytest.mark.parametrize("live", DEBUG, indirect=True)
def test_async_task_failure_is_shown_in_debug_mode(live, errors_log):
    client = live.client()
    client.ev("bad_task", "click")
    err = client.wait(lambda m: "async task failed" in m.get("error", {}).get("message", ""))["error"]
    assert err["code"] == "app-error"
    client.alive()


def test_expression_failure_is_logged_marked_on_the_page_and_the_rest_renders(live, caplog):
    caplog.set_level(logging.ERROR, logger="htmxtrame")
    client = live.client()
    client.ev("bad_expr", "click")
    msg = client.wait(lambda m: "obj" in m.get("dirty", ()))
    assert "ht-error" in msg["content"], "the failing expression is marked where it renders"
    assert any("obj.a.b" in r.getMessage() for r in caplog.records), "the log names the failing expression"
    assert "ht-error" in live.page()
    client.alive()


def test_app_code_failing_inside_an_expression_is_logged_with_its_traceback(live, errors_log):
    client = live.client()
    assert live.shown("trigger_out") == "fine"
    client.ev("bad_trigger", "click")
    msg = client.wait(lambda m: "compute" in m.get("dirty", ()))
    assert "ht-error" in msg["content"]
    rec = _traceback_for(errors_log, "trigger in an expression failed on purpose")
    assert "summary" in logging.Formatter().formatException(rec.exc_info), "the traceback reaches the trigger's code"
    client.alive()

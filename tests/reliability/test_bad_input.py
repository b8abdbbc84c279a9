"""The bad-input catalogue: every kind of broken frame a page could send.

Each case checks what a user (or an attacker) would notice: a clear error
frame naming what was wrong, a warning in the server log, the state
untouched, and the connection still serving (or, where closing is the
right answer, the server still serving other pages).
"""

from __future__ import annotations

import json

import pytest
import websocket

from .conftest import Client, Live

# (case name, frame to send, error code expected)
CATALOGUE = [
    ("non-json", "this is not json", "bad-json"),
    ("empty-frame", "", "bad-json"),
    ("truncated-json", '{"t": "ev", "id": "ht3"', "bad-json"),
    ("json-array", '["ev", "ht3", "click"]', "bad-message"),
    ("json-string", '"click"', "bad-message"),
    ("json-null", "null", "bad-message"),
    ("no-type", {"id": "x", "ev": "click"}, "bad-message"),
    ("unknown-type", {"t": "exec", "code": "import os"}, "bad-message"),
    ("set-key-directly", {"t": "set", "key": "secret", "value": "pwned"}, "bad-message"),
    ("ev-without-id", {"t": "ev", "ev": "click"}, "bad-message"),
    ("ev-numeric-id", {"t": "ev", "id": 3, "ev": "click"}, "bad-message"),
    ("ev-payload-not-object", {"t": "ev", "id": "ht3", "ev": "click", "event": [1, 2]}, "bad-message"),
    ("hello-bad-seq", {"t": "hello", "seq": "latest"}, "bad-message"),
    ("hello-boot-not-string", {"t": "hello", "seq": 1, "boot": {"x": 1}}, "bad-message"),
    ("hello-huge-boot", {"t": "hello", "seq": 1, "boot": "b" * 100_000}, "bad-message"),
    ("unknown-element", {"t": "ev", "id": "ht99999", "ev": "click"}, "unknown-element"),
    ("dom-id-not-instance", {"t": "ev", "id": "count", "ev": "click"}, "unknown-element"),
    ("state-key-as-id", {"t": "ev", "id": "secret", "ev": "input", "value": "pwned"}, "unknown-element"),
    ("proto-id", {"t": "ev", "id": "__proto__", "ev": "click"}, "unknown-element"),
    ("constructor-id", {"t": "ev", "id": "constructor", "ev": "constructor"}, "unknown-element"),
    ("markup-id", {"t": "ev", "id": '"><script>alert(1)</script>', "ev": "click"}, "unknown-element"),
    ("huge-id", {"t": "ev", "id": "x" * 200_000, "ev": "click"}, "unknown-element"),
    ("nan-literal", '{"t": "ev", "id": "ht3", "ev": "click", "value": NaN}', "bad-json"),
    ("infinity-literal", '{"t": "ev", "id": "ht3", "ev": "click", "value": -Infinity}', "bad-json"),
    ("float-overflow", '{"t": "ev", "id": "ht3", "ev": "click", "value": 1e400}', "bad-json"),
    ("int-beyond-double", '{"t": "ev", "id": "ht3", "ev": "click", "value": 1' + "0" * 400 + "}", "bad-json"),
    ("int-too-many-digits", '{"t": "ev", "id": "ht3", "ev": "click", "value": ' + "9" * 5000 + "}", "bad-json"),
    ("deep-json-40", {"t": "ev", "id": "ht3", "ev": "click", "event": json.loads("[" * 40 + "]" * 40)}, "bad-json"),
    ("deep-json-100k", '{"t": "ev", "id": "ht3", "ev": "click", "event": ' + "[" * 100_000 + "]" * 100_000 + "}", "bad-json"),
    ("duplicate-keys", '{"t": "ev", "t": "exec"}', "bad-message"),
]

# (case name, DOM id, event, value, error code expected) — well-formed
# messages whose content the element cannot take.
WRONG_VALUES = [
    ("unhandled-event-button", "inc", "keydown", None, "unknown-event"),
    ("unhandled-event-slider", "slider", "click", None, "unknown-event"),
    ("model-event-on-button", "inc", "input", 5, "unknown-event"),
    ("proto-event", "inc", "__proto__", None, "unknown-event"),
    ("string-to-slider", "slider", "input", "fifty", "bad-value"),
    ("nan-string-to-slider", "slider", "input", "NaN", "bad-value"),
    ("infinity-string-to-slider", "slider", "input", "Infinity", "bad-value"),
    ("bool-to-slider", "slider", "input", True, "bad-value"),
    ("list-to-slider", "slider", "input", [50], "bad-value"),
    ("object-to-slider", "slider", "input", {"valueOf": 50}, "bad-value"),
    ("list-to-checkbox", "check", "change", [True], "bad-value"),
    ("string-to-checkbox", "check", "change", "true", "bad-value"),
    ("number-to-checkbox", "check", "change", 1, "bad-value"),
    ("object-to-text", "name", "input", {"__proto__": {"admin": True}}, "bad-value"),
    ("number-to-text", "name", "input", 12, "bad-value"),
    ("missing-value-text", "name", "input", None, "bad-value"),
]


def _snapshot(live: Live) -> dict:
    return dict(live.state.to_dict())


def _assert_refused(live: Live, client: Client, code: str, caplog, before: dict) -> None:
    err = client.error()
    assert err["code"] == code, err
    assert len(err["message"]) > 10, "the error frame should say what was wrong"
    assert len(err["message"]) < 1000, "the error frame must not echo huge input back"
    assert _snapshot(live) == before, "bad input changed the state"
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("htmxtrame")]
    assert any(err["message"] in line for line in warned), \
        f"no line in the server log says what the page was told ({err['message']!r}); log: {warned}"
    client.alive()


@pytest.mark.parametrize("name,frame,code", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_malformed_frame_is_refused_and_connection_survives(live, warnings_log, name, frame, code):
    client = live.client()
    before = _snapshot(live)
    client.send(frame)
    _assert_refused(live, client, code, warnings_log, before)


@pytest.mark.parametrize("name,dom_id,ev,value,code", WRONG_VALUES, ids=[c[0] for c in WRONG_VALUES])
def test_wrong_value_is_refused_and_state_unchanged(live, warnings_log, name, dom_id, ev, value, code):
    client = live.client()
    before = _snapshot(live)
    msg = {"t": "ev", "id": live.iid(dom_id), "ev": ev}
    if value is not None:
        msg["value"] = value
    client.send(msg)
    _assert_refused(live, client, code, warnings_log, before)


def test_binary_frame_is_refused(live, warnings_log):
    client = live.client()
    before = _snapshot(live)
    client.ws.send_binary(b"\x00\x01\x02binary")
    _assert_refused(live, client, "bad-frame", warnings_log, before)


def _close_frame(client: Client) -> tuple[int, str]:
    """Read until the server's close frame; its code and reason."""
    while True:
        opcode, data = client.ws.recv_data(control_frame=True)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            return int.from_bytes(data[:2], "big"), data[2:].decode()


def test_oversized_frame_closes_with_1009_and_server_keeps_serving(live, warnings_log):
    other = live.client()
    client = live.client()
    before = _snapshot(live)
    client.send(json.dumps({"t": "ev", "id": "x", "ev": "input", "value": "a" * (2 << 20)}))
    code, reason = _close_frame(client)
    assert code == 1009 and "too big" in reason.lower(), (code, reason)
    assert _snapshot(live) == before
    live.wait_sessions(1)
    assert any("1009" in r.getMessage() for r in warnings_log.records), \
        "closing an oversized frame left no line in the server log"
    other.alive()
    live.client().alive()


def test_frame_just_under_the_cap_is_handled_normally(live):
    client = live.client()
    client.ev("name", "input", "b" * ((1 << 20) - 200))
    client.wait(lambda m: "name" in m.get("dirty", ()))
    assert len(live.state.name) == (1 << 20) - 200


def test_invalid_utf8_text_frame_closes_with_1007_and_server_keeps_serving(live, warnings_log):
    other = live.client()
    client = live.client()
    before = _snapshot(live)
    frame = websocket.ABNF.create_frame(b'{"t":"ev","id":"\xff\xfe"}', websocket.ABNF.OPCODE_TEXT)
    client.ws.send_frame(frame)
    code, reason = _close_frame(client)
    assert code == 1007 and reason, (code, reason)
    assert _snapshot(live) == before
    live.wait_sessions(1)
    assert any("1007" in r.getMessage() for r in warnings_log.records)
    other.alive()


UNICODE = [
    " ",
    "héllo wörld",
    "日本語のテキスト",
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "\u202eRTL override",
    "zero\u200bwidth\ufeffBOM",
    "e\u0301\u0301\u0301 combining",
    "\ud800 lone surrogate",
    "nul\x00byte",
    "<b>&amp;</b>\"'",
    "𝕳𝖙𝖒𝖝" * 500,
]


@pytest.mark.parametrize("text", UNICODE, ids=range(len(UNICODE)))
def test_unicode_edge_cases_round_trip_exactly(live, text):
    client = live.client()
    client.ev("name", "input", text)
    msg = client.wait(lambda m: "name" in m.get("dirty", ()))
    assert live.state.name == text
    assert "error" not in msg
    client.alive()
    # A page loaded now shows it, as the browser shows a JavaScript string
    # (a lone surrogate as U+FFFD); the page must not fail to load for everyone.
    as_shown = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    assert live.shown("name_text") == as_shown


def test_proto_keys_in_event_payload_pollute_nothing(live):
    client = live.client()
    payload = {"__proto__": {"count": 1000}, "constructor": {"prototype": {"count": 1000}}, "type": "click"}
    client.ev("inc", "click", event=payload)
    client.wait(lambda m: "count" in m.get("dirty", ()))
    assert live.state.count == 1
    assert "__proto__" not in live.state.to_dict() and "constructor" not in live.state.to_dict()


def test_huge_but_valid_numbers_are_stored_without_breaking_the_page(live):
    client = live.client()
    client.ev("amount", "input", 1e308)
    msg = client.wait(lambda m: "amount" in m.get("dirty", ()))
    assert "error" not in msg
    assert live.state.amount == 1e308
    assert "1e+308" in msg["content"], "numbers display as JavaScript shows them"
    client.alive()


@pytest.mark.parametrize("literal,stored", [("12345678901234567890", 1.2345678901234567e19), ("-" + "9" * 300, -1e300)])
def test_integers_beyond_2_53_become_javascript_doubles(live, literal, stored):
    """A page's numbers are doubles; a huge integer literal must not reach state as an unbounded int."""
    client = live.client()
    client.send('{"t": "ev", "id": "%s", "ev": "input", "value": %s}' % (live.iid("amount"), literal))
    msg = client.wait(lambda m: "amount" in m.get("dirty", ()))
    assert live.state.amount == stored and isinstance(live.state.amount, float)
    assert "error" not in msg
    client.alive()


def test_a_stream_of_hellos_cannot_make_the_server_render_the_page_over_and_over(live, warnings_log):
    """Each hello with an old seq costs a whole-page render: a page gets a few, not hundreds."""
    client = live.client()
    rend = live.server._scope.renderer("main")
    renders = []
    original = rend.render_page_body
    rend.render_page_body = lambda: renders.append(1) or original()
    before = _snapshot(live)
    for _ in range(200):
        client.send({"t": "hello", "seq": -1})
    err = client.error(timeout=10)
    assert err["code"] == "too-many-hellos"
    assert any("too often" in r.getMessage() for r in warnings_log.records)
    assert _snapshot(live) == before
    client.alive()
    assert len(renders) <= 6, f"{len(renders)} whole-page renders for one page's hellos"


def test_flood_of_10000_frames_is_rate_limited_and_others_unaffected(live, warnings_log):
    other = live.client()
    client = live.client()
    iid = live.iid("inc")
    frame = json.dumps({"t": "ev", "id": iid, "ev": "click"})
    for _ in range(10_000):
        client.send(frame)
    # The other page still gets served while the flood is processed.
    other.ev("slider", "input", 42)
    other.wait(lambda m: "slider_value" in m.get("dirty", ()), timeout=10)
    err = client.error(timeout=10)
    assert err["code"] == "rate-limited"
    assert any("messages a second" in r.getMessage() for r in warnings_log.records), "the flood left no log line"
    limited = [r for r in warnings_log.records if "messages a second" in r.getMessage()]
    assert len(limited) < 50, "a flood must not flood the log too"
    # Only what the limit let through was applied.
    live.wait_sessions(2)
    assert 0 < live.state.count < 10_000
    assert _drain(client), "the server closed the flooding page's socket; it should only drop the excess"
    client.alive()
    assert live.server.running


def _drain(client: Client) -> bool:
    """Read until the server goes quiet; True if the socket is still open."""
    try:
        while True:
            client.recv(timeout=1.5)
    except websocket.WebSocketTimeoutException:
        return True
    except websocket.WebSocketConnectionClosedException:
        return False

"""bench/autocomplete.py's floor: the same page hand-written on Flask + flask-sock + htmx 4 hx-ws.

A counter button (#inc → #count) and a text field filtering 10,000 city
names on the server as the user types: each keystroke goes up over the
websocket (``hx-trigger="input"``); the answer morphs in the first 10
matches and the "N more" row, says which text they were filtered for
(``data-ht-typed``) and echoes the text as the field's ``value`` attribute,
so bench/autocomplete.py waits for the same things it waits for on
htmxtrame's ``VAutocomplete``. No framework, no styling, no keyboard model:
what that stack costs a keystroke before any of htmxtrame's machinery.

    python bench/apps/autocomplete_floor.py --port 0
"""

import html
import json
import threading

from flask import Flask
from flask_sock import Sock
from floor_serve import serve, vendored

FIRST = ("North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Saint")
SECOND = ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine", "Maple", "Willow", "Yew")
CITIES = [f"{a} {b} {n}" for a in FIRST for b in SECOND for n in range(100)]  # 10,000, as autocomplete_app.py
LOWERED = [c.lower() for c in CITIES]
SHOWN = 10

app = Flask(__name__)
sock = Sock(app)
vendored(app)
state = {"count": 0}
clients: set = set()
lock = threading.Lock()

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>autocomplete floor</title>
<script src="/v/htmx.min.js"></script><script src="/v/hx-ws.min.js"></script></head>
<body hx-ws:connect="/ws" hx-swap="none"><div id="count">{count}</div>
<button id="inc" hx-ws:send hx-vals='{{"a":"inc"}}'>+1</button>
<div id="city">{field}<div id="city-list" role="listbox">{options}</div></div>
<script>document.body.addEventListener("htmx:ws:after:connection", () => {{ window.htmxtrame = {{connected: true}}; }});</script>
</body></html>"""


def field(text: str) -> str:
    return (f'<input id="city-input" name="q" role="combobox" aria-controls="city-list" autocomplete="off" '
            f'value="{html.escape(text)}" hx-ws:send hx-trigger="input" hx-vals=\'{{"a":"type"}}\'>')


def options(text: str) -> str:
    needle = text.strip().lower()
    hits = [i for i, t in enumerate(LOWERED) if needle in t] if needle else range(len(CITIES))
    rows = "".join(f'<div role="option" id="opt-{n}" aria-selected="false">{html.escape(CITIES[i])}</div>'
                   for n, i in enumerate(hits[:SHOWN]))
    more = f'<div role="option" id="opt-more">{len(hits) - SHOWN} more</div>' if len(hits) > SHOWN else ""
    return f'<div data-ht-typed="{html.escape(needle and text.strip())}">{rows}{more}</div>'


def partial(target: str, inner: str, swap: str = "innerMorph") -> str:
    return f'<hx-partial hx-target="#{target}" hx-swap="{swap}">{inner}</hx-partial>'


@app.get("/")
def page():
    return PAGE.format(count=state["count"], field=field(""), options=options(""))


@sock.route("/ws")
def ws_route(ws):
    clients.add(ws)
    try:
        while True:
            msg = json.loads(ws.receive())
            if msg.get("a") == "inc":
                with lock:
                    state["count"] += 1
                    text = json.dumps({"content": partial("count", str(state["count"]))})
                for other in list(clients):
                    try:
                        other.send(text)
                    except Exception:  # noqa: BLE001 - a closed page
                        clients.discard(other)
            elif msg.get("a") == "type":
                typed = str(msg.get("q", ""))
                # this page alone: its list, and its field's value attribute (a morph keeps the focus)
                ws.send(json.dumps({"content": partial("city-list", options(typed))
                                    + partial("city-input", field(typed), "outerMorph")}))
    finally:
        clients.discard(ws)


if __name__ == "__main__":
    serve(app)

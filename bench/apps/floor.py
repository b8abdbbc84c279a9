"""The floor: the scenario hand-written on Flask + flask-sock + htmx 4 hx-ws, no htmxtrame.

    python bench/apps/floor.py --port 0
"""

import json
import threading
import time

from flask import Flask
from flask_sock import Sock
from floor_serve import serve, vendored

app = Flask(__name__)
sock = Sock(app)
vendored(app)
state = {"count": 0, "slider_value": 8, "ticks": 0}
clients: set = set()
lock = threading.Lock()

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>floor</title>
<script src="/v/htmx.min.js"></script><script src="/v/hx-ws.min.js"></script></head>
<body hx-ws:connect="/ws"><div id="count">{count}</div>
<button id="inc" hx-ws:send hx-vals='{{"a":"inc"}}'>+1</button>
<input type="range" id="slider" name="slider_value" min="0" max="100" value="{slider_value}" hx-ws:send hx-trigger="input">
<div id="slider_text">{slider_value}</div>
<button id="tick" hx-ws:send hx-vals='{{"a":"tick"}}'>tick</button>
<button id="burst" hx-ws:send hx-vals='{{"a":"burst"}}'>burst</button>
<div id="ticks">{ticks}</div></body></html>"""


def partial(key: str, target: str) -> str:
    return f'<hx-partial hx-target="#{target}" hx-swap="innerHTML">{state[key]}</hx-partial>'


def broadcast(msg: str) -> None:
    for ws in list(clients):
        try:
            ws.send(msg)
        except Exception:  # noqa: BLE001 - a closed page
            clients.discard(ws)


def run_ticks(hz: float, first: int) -> None:
    for i in range(first, first + 500):
        state["ticks"] = i
        broadcast(partial("ticks", "ticks"))
        if hz:
            time.sleep(1 / hz)


@app.get("/")
def page():
    return PAGE.format(**state)


@sock.route("/ws")
def ws_route(ws):
    clients.add(ws)
    try:
        while True:
            msg = json.loads(ws.receive())
            action = msg.get("a")
            with lock:
                if action == "inc":
                    state["count"] += 1
                    broadcast(partial("count", "count"))
                elif action in ("tick", "burst"):
                    threading.Thread(target=run_ticks, args=(100, 1) if action == "tick" else (0, 501), daemon=True).start()
                elif "slider_value" in msg:
                    state["slider_value"] = int(msg["slider_value"])
                    broadcast(partial("slider_value", "slider_text"))
    finally:
        clients.discard(ws)


if __name__ == "__main__":
    serve(app)

"""A handler that raises in an app served on its own logs its traceback once."""

from __future__ import annotations

import json
import logging
import re
import urllib.request
import uuid

import websocket

from htmxtrame.server import Server
from htmxtrame.testing import start_app, wait_until
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def boom() -> None:
    raise RuntimeError("boom from the controller")


def test_a_failing_click_prints_one_traceback_not_two(caplog):
    # python app.py --server: one click on a failing button used to print the
    # traceback twice (htmxtrame.events, then "ERROR in flaskctx" through the
    # app's own Flask logger), as if the handler had run twice.
    server = Server(f"onetb{uuid.uuid4().hex[:6]}")
    with DivLayout(server):
        html.Button("Explode", id="explode", click=boom)
    with start_app(server) as app, caplog.at_level(logging.ERROR):
        body = urllib.request.urlopen(app.url).read().decode()
        target = re.search(r'id="explode" data-ht="([^"]+)"', body).group(1)
        ws = websocket.create_connection(app.url.replace("http", "ws") + "__htmxtrame/ws?ui=main", timeout=5)
        try:
            ws.send(json.dumps({"t": "hello", "seq": server.scope_for_request().last_seq}))
            ws.send(json.dumps({"t": "ev", "id": target, "ev": "click"}))
            while "handler-failed" not in ws.recv():  # the page's notice: the failure was handled
                pass
        finally:
            ws.close()
        wait_until(lambda: any(r.exc_info for r in caplog.records))
    tracebacks = [r for r in caplog.records if r.exc_info and "boom from the controller" in str(r.exc_info[1])]
    assert len(tracebacks) == 1, [(r.name, r.getMessage()) for r in tracebacks]

"""A counter and a note shared by every worker process through Redis.

    redis-server --port 6379 &
    HTMXTRAME_REDIS_URL=redis://127.0.0.1:6379/0 \\
        gunicorn -k gthread --threads 64 -w 4 -b 127.0.0.1:8080 apps.shared_counter:app

Every page, whichever worker serves it, shows the same count and note; the
``worker`` line says which process rendered the page (it changes when a
page reconnects to another worker). ``python apps/shared_counter.py`` runs
it in one process, as any app (with or without Redis).
"""

from __future__ import annotations

import os

from flask import Flask

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = get_server("shared_counter")
state = server.state
state.count = 0
state.note = ""

with DivLayout(server) as layout:
    html.H1("Shared counter")
    # Built at import, in each worker (no --preload): the pid of the worker that rendered the page.
    html.P(f"worker {os.getpid()}", id="worker")
    html.Button("+1", id="inc", click="count += 1")
    html.P("count: {{ count }}", id="count")
    html.Input(id="note", v_model=("note", ""), aria_label="note")
    html.P("note: {{ note }}", id="echo")

app = Flask(__name__)
server.init_app(app)  # what gunicorn serves (the state goes live here)

if __name__ == "__main__":
    server.start()

"""Per-session state under several worker processes: no sticky sessions needed.

    redis-server --port 6379 &
    HTMXTRAME_REDIS_URL=redis://127.0.0.1:6379/0 HTMXTRAME_SECRET_KEY=change-me \\
        gunicorn -k gthread --threads 64 -w 3 -b 127.0.0.1:8080 apps.session_workers:app

Each browser has its own count, whichever worker each of its tabs lands on;
every browser shares the total. The ``worker`` line says which process
serves the page. Every worker must sign cookies with the same key
(``HTMXTRAME_SECRET_KEY`` here), or a tab on another worker reads its
cookie as forged and starts a fresh session.
"""

from __future__ import annotations

import os

from htmxtrame.scopes import serve_per_session
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html


def build(server):
    """One browser session's app, made on whichever worker its first request reaches."""
    state, ctrl = server.state, server.controller
    state.count = 0

    @ctrl.set("click")
    def click():
        state.count += 1
        server.shared.state.total += 1

    with DivLayout(server):
        html.H1("Per-session state on several workers")
        html.P(f"worker {os.getpid()}", id="worker")
        html.Button("+1", id="inc", click=ctrl.click)
        html.P("mine: {{ count }}", id="mine")
        html.P("everyone: {{ total }}", id="total")


server = serve_per_session(build, "session_workers", secret_key=os.environ.get("HTMXTRAME_SECRET_KEY"))
server.state.total = 0
app = server.flask_app()  # what gunicorn serves

if __name__ == "__main__":
    server.start()

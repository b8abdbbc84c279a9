"""A Flask site with a login form, hosting two htmxtrame apps under prefixes.

    python apps/embed_flask.py --port 8080          # Flask's dev server
    gunicorn -k gthread --threads 16 -w 1 -b 127.0.0.1:8080 apps.embed_flask:app

Log in with any user name and the password ``demo`` (or ``$DEMO_PASSWORD``).
``/counter/`` and ``/notes/`` are htmxtrame apps; the site's own
``before_request`` login check guards their pages and their websockets.
One worker process: htmxtrame state lives in the process (threads are fine).
"""

from __future__ import annotations

import argparse
import os
import secrets

from flask import Flask, redirect, render_template_string, request, session, url_for

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

# -- app 1: a shared counter --------------------------------------------------
counter = get_server("counter")
counter.state.trame__title = "Counter"
with DivLayout(counter):
    html.H1("Counter")
    html.Button("+1", id="inc", click="count += 1")
    html.Span("count = {{ count }}", id="count")
counter.state.count = 0

# -- app 2: notes --------------------------------------------------------------
notes = get_server("notes")
notes.state.trame__title = "Notes"
with DivLayout(notes):
    html.H1("Notes")
    html.Input(id="note", v_model=("note", ""), placeholder="Write a note")
    html.P("{{ note.length }} characters: {{ note }}", id="echo")


@notes.state.change("note")
def _note_changed(note, **kwargs):
    print(f"note is now {note!r}", flush=True)


counter.init_app(app, url_prefix="/counter")
notes.init_app(app, url_prefix="/notes")

# -- the host site ---------------------------------------------------------------
LOGIN = """<!doctype html><title>Log in</title>
<form method="post" action="{{ url_for('login') }}">
  <p>{{ error }}</p>
  <input type="hidden" name="next" value="{{ next }}">
  <label>User <input name="user" id="user" autocomplete="username"></label>
  <label>Password <input name="password" id="password" type="password"></label>
  <button id="login">Log in</button>
</form>"""

HOME = """<!doctype html><title>Home</title><p id="who">Hello {{ user }}</p>
<ul><li><a id="to-counter" href="counter/">Counter</a></li><li><a id="to-notes" href="notes/">Notes</a></li></ul>
<form method="post" action="{{ url_for('logout') }}"><button id="logout">Log out</button></form>"""


@app.before_request
def require_login():
    """Everything but the login page needs a logged-in user (pages and websockets)."""
    if request.endpoint in ("login", "static") or session.get("user"):
        return None
    if request.headers.get("Upgrade", "").lower() == "websocket" or request.method != "GET":
        return "log in first", 401
    return redirect(url_for("login", next=request.full_path if request.query_string else request.path))


@app.route("/login", methods=["GET", "POST"])
def login():
    """The login form."""
    error = ""
    if request.method == "POST":
        if request.form.get("password") == PASSWORD and request.form.get("user"):
            session["user"] = request.form["user"]
            target = request.form.get("next") or "/"
            local = target.startswith("/") and not target.startswith(("//", "/\\"))
            return redirect(target if local else "/")  # never off-site
        error = "Wrong user name or password."
    return render_template_string(LOGIN, error=error, next=request.args.get("next", "/"))


@app.post("/logout")
def logout():
    """Forget the user."""
    session.clear()
    return redirect(url_for("login"))


@app.get("/")
def home():
    """The site's own page, linking to the two apps."""
    return render_template_string(HOME, user=session["user"])


if __name__ == "__main__":
    from werkzeug.serving import make_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--port", type=int, default=8080)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--server", action="store_true", help="accepted for symmetry with the other apps")
    args, _ = parser.parse_known_args()
    httpd = make_server(args.host, args.port, app, threaded=True)
    print(f"\nSite running at:\n - Local:   http://{args.host}:{httpd.server_port}/\n", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass

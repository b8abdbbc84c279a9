"""A Flask site with a session login, hosting two htmxtrame apps.

    python apps/embed_flask.py --port 8080          # Flask's dev server
    SECRET_KEY=change-me HTMXTRAME_REDIS_URL=redis://127.0.0.1:6379/0 \
        gunicorn -k gthread --threads 16 -w 4 -b 127.0.0.1:8080 apps.embed_flask:app

Log in with any user name and the password ``demo`` (or ``$DEMO_PASSWORD``).
The site has its own Jinja pages (``templates/``: a base template with a
header and flashed messages, the login form, a home page), a JSON API
(``/api/items``, ``/api/status``) and two htmxtrame apps mounted with
``init_app`` inside the base template:

* ``/inventory/`` — a stock list on SQLite: add and delete items; each row
  records who added it (the logged-in user, read from ``flask.session``
  inside the handler), and the handler's ``flash()`` shows in the site's
  flash list.
* ``/status/`` — a value an async task ticks while a page is open.

``create_app(config)`` is an app factory: each call builds its own servers
and database, so tests get a fresh site each. The site's ``before_request``
login check guards every page, API call and websocket — and htmxtrame runs
it again for every message an open page sends. Logging out calls
``htmxtrame.logout_sessions()``: the pages open in other tabs close and go
to the login page, and logging in there brings them back. Several
worker processes share the apps' state through Redis (docs/scaling.md);
without Redis, run one worker (threads are fine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sqlite3
import tempfile
import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, flash, jsonify, redirect, render_template, request, session, url_for

import htmxtrame
from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")
MAX_QTY = 1_000_000
# Each app page renders inside the site's base template, in its content block;
# a page whose login ended goes to the "login" view, with next= back to itself.
MOUNT = {"template": "base.html", "block": "content", "login_url": "login"}


def safe_next(target: str | None) -> str:
    """A path on this site to go to after logging in; anything else becomes ``/``.

    Browsers drop tabs and newlines inside URLs (``/\\t/evil.com`` is
    ``//evil.com``, another site), so any control character or backslash
    is refused outright, as is anything with a scheme or a host.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if any(ord(c) < 32 or c in "\\\x7f" for c in target):
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def logged_in_user() -> str:
    """The logged-in user of the page that sent this event (the login guard ran for it)."""
    user = session.get("user")
    if not user:  # only if the guard were turned off: never save an anonymous change
        raise PermissionError("your login has ended; log in again")
    return str(user)


# -- the inventory app -----------------------------------------------------------
def connect(path: str) -> sqlite3.Connection:
    """A connection to the inventory database (made on first use)."""
    db = sqlite3.connect(path, timeout=10)
    db.row_factory = sqlite3.Row
    db.execute("""CREATE TABLE IF NOT EXISTS items (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL, added_by TEXT NOT NULL)""")
    return db


def build_inventory(db_path: str) -> Server:
    """The inventory app: a form to add items and a table of them, saved in SQLite."""
    server = Server("inventory")
    state, ctrl = server.state, server.controller
    state.trame__title = "Inventory"

    def load() -> None:
        with connect(db_path) as db:
            state.items = [dict(row) for row in db.execute("SELECT * FROM items ORDER BY id")]

    @ctrl.set("add_item")
    def add_item() -> None:
        user = logged_in_user()
        name = str(state.name or "").strip()
        qty = state.qty
        if not name or len(name) > 80:
            state.form_error = "Give the item a name (at most 80 characters)."
            return
        if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= MAX_QTY:
            state.form_error = f"The quantity is a whole number from 1 to {MAX_QTY:,}."
            return
        with connect(db_path) as db:
            db.execute("INSERT INTO items (name, qty, added_by) VALUES (?, ?, ?)", (name, qty, user))
        state.update({"name": "", "qty": 1, "form_error": "", "last_action": f"{user} added {qty} × {name}"})
        load()
        flash(f"Item added: {qty} × {name}.")  # shown to this user only, in the site's flash list

    @ctrl.trigger("delete_item")
    def delete_item(item_id: Any) -> None:
        user = logged_in_user()
        with connect(db_path) as db:
            row = db.execute("SELECT name FROM items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                return  # deleted meanwhile, from another page
            db.execute("DELETE FROM items WHERE id = ?", (item_id,))
        state.last_action = f"{user} deleted {row['name']}"
        load()
        flash(f"Item deleted: {row['name']}.")

    ctrl.on_server_ready.add(lambda **_: load())
    state.update({"items": [], "name": "", "qty": 1, "form_error": "", "last_action": ""})

    with DivLayout(server, id="inventory"):
        html.H1("Inventory")
        with html.Form(submit=ctrl.add_item, id="add-form"):
            html.Label("Item", for_="name")
            html.Input(id="name", v_model=("name", ""), autocomplete="off", maxlength=80)
            html.Label("Quantity", for_="qty")
            html.Input(id="qty", type="number", min=1, max=MAX_QTY, v_model_number=("qty", 1))
            html.Button("Add", id="add", type="submit", disabled=("!name.trim()",))
        html.P("{{ form_error }}", id="form-error", classes="error", v_show="form_error")
        with html.Table(id="items"):
            with html.Thead():
                with html.Tr():
                    for title in ("Item", "Quantity", "Added by", ""):
                        html.Th(title)
            with html.Tbody():
                with html.Tr(v_for="item in items", key="item.id", data_id=("item.id",)):
                    html.Td("{{ item.name }}", classes="name")
                    html.Td("{{ item.qty }}", classes="qty")
                    html.Td("{{ item.added_by }}", classes="by")
                    with html.Td():
                        html.Button("Delete", type="button", classes="delete", title=("`Delete ${item.name}`",),
                                    click="trigger('delete_item', [item.id])")
        html.P("{{ items.length }} {{ items.length === 1 ? 'item' : 'items' }} in stock", id="count")
        html.P("{{ last_action }}", id="last-action")
    return server


# -- the live-status app ----------------------------------------------------------
def build_status(interval: float) -> Server:
    """A value an async task ticks every *interval* seconds while a page is open."""
    server = Server("status")
    state = server.state
    state.trame__title = "Live status"
    state.update({"tick": 0, "clock": "", "live": False})
    ticker: dict[str, Any] = {"task": None}

    async def tick() -> None:
        with state:
            state.live = True
        while server.connections:  # stops when the last page leaves; a new page starts it again
            await asyncio.sleep(interval)
            with state:
                state.tick += 1
                state.clock = time.strftime("%H:%M:%S")
        with state:
            state.live = False

    def start_ticking() -> None:
        task = ticker["task"]
        if task is None or task.done():
            ticker["task"] = asynchronous.create_task(tick())

    server.controller.on_client_connected.add(start_ticking)

    with DivLayout(server, id="status"):
        html.H1("Live status")
        html.P("Tick {{ tick }}", id="tick")
        html.P("at {{ clock }}", id="clock", v_show="clock")
        html.P("{{ live ? 'live' : 'paused' }}", id="live")
    return server


# -- the host site --------------------------------------------------------------
def create_app(config: dict | None = None) -> Flask:
    """Build the site: its routes, login, and its own two htmxtrame servers."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_hex(32),
        SESSION_COOKIE_SAMESITE="Lax",
        DATABASE=os.environ.get("INVENTORY_DB") or os.path.join(tempfile.gettempdir(), "htmxtrame-demo-inventory.db"),
        STATUS_INTERVAL=1.0,
    )
    app.config.update(config or {})
    # Built per app, not get_server(): each create_app() has its own state and database.
    # Endpoints for url_for: "inventory.page", "status.page" (the name= of each mount).
    status = build_status(app.config["STATUS_INTERVAL"])
    build_inventory(app.config["DATABASE"]).init_app(app, url_prefix="/inventory", name="inventory", **MOUNT)
    status.init_app(app, url_prefix="/status", name="status", **MOUNT)

    @app.context_processor
    def who() -> dict:
        """Every template (the app pages' too) knows who is logged in."""
        return {"user": session.get("user")}

    @app.before_request
    def require_login() -> Any:
        """Pages, the API and the websockets all need a login; htmxtrame re-runs this for every message."""
        if request.endpoint in ("login", "static") or session.get("user"):
            return None
        if request.headers.get("Upgrade", "").lower() == "websocket" or request.method != "GET":
            return "log in first", 401  # a socket cannot follow a redirect
        if request.path.startswith("/api/"):
            return jsonify(error="log in first"), 401
        # next= is a path on this host, SCRIPT_NAME (/portal) included, as the app pages send it.
        here = request.full_path if request.query_string else request.path
        return redirect(url_for("login", next=request.script_root + here))

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        """The login form; a good password logs in and goes back where the user was headed."""
        error = ""
        target = safe_next(request.values.get("next"))
        if request.method == "POST":
            user = request.form.get("user", "").strip()
            if request.form.get("password") == PASSWORD and 0 < len(user) <= 40:
                session.clear()
                # "sid" tells this login from the same user's logins in other browsers:
                # logging out here closes this browser's pages only.
                session["user"], session["sid"] = user, secrets.token_urlsafe(16)
                flash(f"Welcome, {user}!")
                return redirect(url_for("home") if target == "/" else target)
            error = "Wrong user name or password."
        return render_template("login.html", error=error, next=target)

    @app.post("/logout")
    def logout() -> Any:
        """End this login: the app pages open in its other tabs close and go to the login page."""
        htmxtrame.logout_sessions()  # before session.clear(): it matches this session's pages
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("login"))

    @app.get("/")
    def home() -> Any:
        """The site's own page, linking to the apps."""
        return render_template("home.html")

    @app.get("/api/items")
    def api_items() -> Any:
        """The inventory as JSON."""
        with connect(app.config["DATABASE"]) as db:
            return jsonify(items=[dict(row) for row in db.execute("SELECT * FROM items ORDER BY id")])

    @app.get("/api/status")
    def api_status() -> Any:
        """The live value as JSON."""
        return jsonify(tick=status.state.tick, live=status.state.live)

    return app


def __getattr__(name: str) -> Any:
    # ``apps.embed_flask:app`` (gunicorn) builds the site on first use, not on import.
    if name == "app":
        globals()["app"] = built = create_app()
        return built
    raise AttributeError(name)


if __name__ == "__main__":
    from werkzeug.serving import make_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--port", type=int, default=8080)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--server", action="store_true", help="accepted for symmetry with the other apps")
    args, _ = parser.parse_known_args()
    httpd = make_server(args.host, args.port, create_app(), threaded=True)
    print(f"\nSite running at:\n - Local:   http://{args.host}:{httpd.server_port}/\n", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass

"""A Flask site with a session login, hosting two htmxtrame apps.

    python apps/embed_flask.py --port 8080          # Flask's dev server
    gunicorn -k gthread --threads 16 -w 1 -b 127.0.0.1:8080 apps.embed_flask:app

Log in with any user name and the password ``demo`` (or ``$DEMO_PASSWORD``).
The site has its own Jinja pages (``templates/``: a base template with a
header and flashed messages, the login form, a home page), a JSON API
(``/api/items``, ``/api/status``) and two htmxtrame apps mounted with
``init_app``:

* ``/inventory/`` — a stock list on SQLite: add and delete items; each row
  records who added it (the logged-in user, read from ``flask.session``
  inside the handler).
* ``/status/`` — a value an async task ticks while a page is open.

``create_app(config)`` is an app factory: each call builds its own servers
and database, so tests get a fresh site each. The site's ``before_request``
login check guards every page, API call and websocket; logging out ends the
user's login everywhere (a server-side list of live logins) and closes the
websockets that login opened. One worker process: htmxtrame state lives in
the process (threads are fine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, jsonify, redirect, render_template, request, session, url_for

from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")
SID_KEY = "demo_site.sid"  # the login a websocket was opened with, kept in its WSGI environ
MAX_QTY = 1_000_000


@dataclass
class SiteState:
    """What the site keeps per Flask app: live logins and its htmxtrame servers."""

    logins: set = field(default_factory=set)  # session ids of users logged in right now
    servers: list = field(default_factory=list)


def site() -> SiteState:
    """This Flask app's :class:`SiteState`."""
    return current_app.extensions["demo_site"]


def active_user() -> str | None:
    """The logged-in user of this request, if their login is still live (not logged out)."""
    user, sid = session.get("user"), session.get("sid")
    return user if user and sid in site().logins else None


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

    def author() -> str:
        user = active_user()
        if user is None:
            raise PermissionError("your login has ended; log in again")
        return user

    @ctrl.set("add_item")
    def add_item() -> None:
        user = author()
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

    @ctrl.trigger("delete_item")
    def delete_item(item_id: Any) -> None:
        user = author()
        with connect(db_path) as db:
            row = db.execute("SELECT name FROM items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                return  # deleted meanwhile, from another page
            db.execute("DELETE FROM items WHERE id = ?", (item_id,))
        state.last_action = f"{user} deleted {row['name']}"
        load()

    ctrl.on_server_ready.add(lambda **_: load())
    state.update({"items": [], "name": "", "qty": 1, "form_error": "", "last_action": ""})

    with DivLayout(server, id="inventory"):
        nav(server)
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
        nav(server)
        html.H1("Live status")
        html.P("Tick {{ tick }}", id="tick")
        html.P("at {{ clock }}", id="clock", v_show="clock")
        html.P("{{ live ? 'live' : 'paused' }}", id="live")
    return server


def nav(server: Server) -> None:
    """The site's header inside an app page (links are relative: any prefix works)."""
    with html.Header(classes="site-nav", style="display: flex; gap: 16px; align-items: center"):
        html.A("Demo site", href="../")
        html.A("Inventory", href="../inventory/")
        html.A("Live status", href="../status/")
        with html.Form(method="post", action="../logout", style="display: inline"):
            html.Button("Log out", id="logout")


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
    state = app.extensions["demo_site"] = SiteState()
    inventory = build_inventory(app.config["DATABASE"])
    status = build_status(app.config["STATUS_INTERVAL"])
    state.servers += [inventory, status]
    inventory.init_app(app, url_prefix="/inventory", name="inventory")
    status.init_app(app, url_prefix="/status", name="status")

    @app.before_request
    def require_login() -> Any:
        """Pages, the API and the websockets all need a live login."""
        if request.endpoint in ("login", "static"):
            return None
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        if active_user():
            if websocket:
                request.environ[SID_KEY] = session["sid"]  # so logging out can close this socket
            return None
        if websocket or request.method != "GET":
            return "log in first", 401
        if request.path.startswith("/api/"):
            return jsonify(error="log in first"), 401
        return redirect(url_for("login", next=request.full_path if request.query_string else request.path))

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        """The login form; a good password starts a login and goes back where the user was headed."""
        error = ""
        target = safe_next(request.values.get("next"))
        if request.method == "POST":
            user = request.form.get("user", "").strip()
            if request.form.get("password") == PASSWORD and 0 < len(user) <= 40:
                session.clear()
                session["user"], session["sid"] = user, secrets.token_urlsafe(16)
                site().logins.add(session["sid"])
                flash(f"Welcome, {user}!")
                return redirect(request.script_root + target)
            error = "Wrong user name or password."
        return render_template("login.html", error=error, next=target, user=None)

    @app.post("/logout")
    def logout() -> Any:
        """End this login everywhere: its pages and its open websockets."""
        sid = session.get("sid")
        site().logins.discard(sid)
        close_sockets(sid)
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("login"))

    @app.get("/")
    def home() -> Any:
        """The site's own page, linking to the apps."""
        return render_template("home.html", user=active_user())

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


def close_sockets(sid: str | None) -> int:
    """Close the websockets opened with the login *sid*; how many were closed.

    Until htmxtrame itself re-checks the login for each message, this is how
    a logout reaches a page left open in another tab: its socket closes, and
    its reconnect is refused by ``require_login``.
    """
    closed = 0
    for server in site().servers:
        for conn in list(server.connections.values()):
            environ = getattr(getattr(conn, "ws", conn), "environ", None) or {}
            if sid is not None and environ.get(SID_KEY) == sid:
                try:
                    conn.close(1008, "logged out")
                    closed += 1
                except Exception:  # noqa: BLE001 - already gone
                    pass
    return closed


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

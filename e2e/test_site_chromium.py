"""A real Flask site around an htmxtrame app, driven in Chromium: login for the
whole visit, a restart with a new secret key, gunicorn --preload, and the site
behind a Host-rewriting proxy under a SCRIPT_NAME prefix."""

from __future__ import annotations

import os
import re
import socket
import sys
import threading
from pathlib import Path

import pytest
from conftest import AppProcess, wait_connected

from htmxtrame.testing import wait_for_text

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")

SITE = r'''
"""The site under test: session login, a base template, one app with a ticker."""
import argparse
import asyncio
import os

from flask import Flask, flash, redirect, render_template_string, request, session, url_for
from jinja2 import DictLoader
from werkzeug.middleware.proxy_fix import ProxyFix

import htmxtrame
from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

BASE = """<!doctype html><html><head><title>{% block title %}{% endblock %} | ACME</title></head><body>
<header id="site-header">ACME — {{ session.get("user", "guest") }}</header>
<ul id="flashes" data-ht-flashes>{% for m in get_flashed_messages() %}<li>{{ m }}</li>{% endfor %}</ul>
<main>{% block content %}{% endblock %}</main></body></html>"""
LOGIN = """{% extends "base.html" %}{% block title %}Log in{% endblock %}{% block content %}
<form method="post"><input type="hidden" name="next" value="{{ request.args.get('next', '') }}">
<input name="user" id="user"><button id="login">Log in</button></form>{% endblock %}"""
HOME = """{% extends "base.html" %}{% block title %}Home{% endblock %}{% block content %}
<a id="to-app" href="{{ url_for('htmxtrame_counter.page') }}">Counter</a>
<form method="post" action="{{ url_for('logout') }}"><button id="logout">Log out</button></form>{% endblock %}"""

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SITE_SECRET"]
app.jinja_loader = DictLoader({"base.html": BASE, "login.html": LOGIN, "home.html": HOME})
# Behind a proxy that rewrites Host and strips a /portal prefix: trust its X-Forwarded-* headers.
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)

counter = Server("counter")
counter.state.trame__title = "Counter"
counter.state.count = 0
counter.state.ticks = 0


def save():
    flash(f"Saved by {session['user']}")


with DivLayout(counter):
    html.Button("+1", id="inc", click="count += 1")
    html.Span("count = {{ count }}", id="count")
    html.Button("Save", id="save", click=save)
    html.Span("ticks = {{ ticks }}", id="ticks")
    html.Button("Rename", id="rename", click="trame__title = 'Tally'")
counter.init_app(app, url_prefix="/app", template="base.html", block="content")


async def tick():
    while True:
        await asyncio.sleep(0.1)
        with counter.state:
            counter.state.ticks += 1


asynchronous.create_task(tick())  # at import: under gunicorn --preload, before the fork


@app.before_request
def require_login():
    if request.endpoint == "login" or session.get("user"):
        return None
    if request.headers.get("Upgrade", "").lower() == "websocket":
        return "log in first", 401
    return redirect(url_for("login", next=request.script_root + request.full_path.rstrip("?")))


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST" and request.form.get("user"):
        session["user"] = request.form["user"]
        target = request.form.get("next") or url_for("home")
        return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("home"))
    return render_template_string(LOGIN)


@app.post("/logout")
def logout():
    htmxtrame.logout_sessions()  # this user's open app pages go to the login page
    session.clear()
    return redirect(url_for("login"))


@app.get("/")
def home():
    return render_template_string(HOME)


if __name__ == "__main__":
    from werkzeug.serving import make_server

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args, _ = parser.parse_known_args()
    httpd = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"Site running at http://127.0.0.1:{httpd.server_port}/", flush=True)
    httpd.serve_forever()
'''


@pytest.fixture
def site_file(tmp_path):
    path = tmp_path / "flasksite.py"
    path.write_text(SITE)
    return path


@pytest.fixture
def start_site(site_file):
    started: list[AppProcess] = []

    def start(secret: str = "one", port: int = 0, command: list[str] | None = None, **kw) -> AppProcess:
        env = {"SITE_SECRET": secret, "PYTHONPATH": f"{site_file.parent}{os.pathsep}{ROOT}"}
        proc = AppProcess(
            str(site_file), command=command or [sys.executable, str(site_file), "--port", str(port)],
            host="127.0.0.1", env=env, **kw,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.stop()


def at_login(prefix: str = "") -> re.Pattern:
    """The login page's URL, with next= back to the app (slashes encoded or not)."""
    return re.compile(rf"{prefix}/login\?next=(%2F|/){prefix.strip('/')}{'(%2F|/)' if prefix else ''}app(%2F|/)$")


def log_in(page, base: str, user: str = "ada", path: str = "app/") -> None:
    page.goto(base + path)
    page.fill("#user", user)
    page.click("#login")
    page.wait_for_url(re.compile(re.escape(base + path) + "$"))
    wait_connected(page)


def test_logout_in_one_tab_sends_the_other_tabs_app_to_the_login_page(browser, start_site):
    site = start_site()
    context = browser.new_context()
    try:
        app_tab = context.new_page()
        log_in(app_tab, site.url)
        app_tab.click("#inc")
        wait_for_text(app_tab, "#count", "count = 1")
        home_tab = context.new_page()
        home_tab.goto(site.url)
        home_tab.click("#logout")
        # The open app page stops and asks the user to log in, with a way back.
        app_tab.wait_for_url(at_login(), timeout=10_000)
        app_tab.fill("#user", "ada")
        app_tab.click("#login")
        app_tab.wait_for_url(site.url + "app/")
        wait_connected(app_tab)
        wait_for_text(app_tab, "#count", "count = 1")
    finally:
        context.close()


def test_flash_and_the_sites_layout_surround_the_app(page, start_site):
    site = start_site()
    log_in(page, site.url, "bob")
    assert page.inner_text("#site-header") == "ACME — bob"
    page.click("#save")
    wait_for_text(page, "#flashes", "Saved by bob")


def test_the_sites_title_around_the_apps_title_stays_through_changes_and_a_restart(page, start_site):
    from playwright.sync_api import expect

    first = start_site("one")
    log_in(page, first.url)
    expect(page).to_have_title("Counter | ACME")
    page.click("#rename")  # trame__title changes: the site's " | ACME" stays
    expect(page).to_have_title("Tally | ACME")
    port = first.port
    first.stop()
    page.wait_for_selector("#ht-status:not([hidden])")  # "Reconnecting…"
    start_site("one", port=port)  # same key: the page reconnects and gets the whole page again
    page.wait_for_selector("#ht-status", state="hidden", timeout=15_000)
    expect(page).to_have_title("Counter | ACME")  # the new process's title, in the site's frame
    assert page.url.endswith("/app/")


def test_a_restart_with_a_new_secret_key_lands_on_the_login_page(page, start_site):
    first = start_site("one")
    log_in(page, first.url)
    port = first.port
    first.stop()
    page.wait_for_selector("#ht-status:not([hidden])")  # "Reconnecting…"
    start_site("two", port=port)  # every session cookie signed with the old key is void
    page.wait_for_url(at_login(), timeout=15_000)
    assert page.is_visible("#user")


def test_under_gunicorn_preload_the_sites_async_task_keeps_running(page, start_site, site_file):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed")
    site = start_site(command=[str(GUNICORN), "--preload", "-k", "gthread", "--threads", "8", "-w", "1",
                               "-b", "127.0.0.1:0", "--chdir", str(site_file.parent), "flasksite:app"],
                      port_pattern=r"Listening at: http://127\.0\.0\.1:(\d+)")
    log_in(page, site.url)
    first = int(page.inner_text("#ticks").split("=")[1])
    page.wait_for_function(f"Number(document.querySelector('#ticks').textContent.split('=')[1]) > {first + 3}",
                           timeout=10_000)
    page.click("#inc")
    wait_for_text(page, "#count", "count = 1")


class Proxy:
    """A reverse proxy on loopback: /portal/x -> backend /x, Host rewritten to the backend's,
    X-Forwarded-Host/-Proto/-Prefix set (what nginx with proxy_set_header Host $upstream does)."""

    def __init__(self, backend_port: int) -> None:
        self.backend = backend_port
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.hosts: list[str] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            data += chunk
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ", 2)
        headers = [line for line in lines[1:] if line.split(":", 1)[0].lower() not in ("host", "connection")]
        host = next(line.split(":", 1)[1].strip() for line in lines[1:] if line.lower().startswith("host:"))
        upgrade = any(line.lower().startswith("upgrade:") for line in lines[1:])
        if target.startswith("/portal"):
            target = target[len("/portal"):] or "/"
        headers += [f"Host: 127.0.0.1:{self.backend}", f"X-Forwarded-Host: {host}",
                    "X-Forwarded-Proto: http", "X-Forwarded-Prefix: /portal", "X-Forwarded-For: 127.0.0.1",
                    "Connection: Upgrade" if upgrade else "Connection: close"]
        self.hosts.append(host)
        upstream = socket.create_connection(("127.0.0.1", self.backend))
        upstream.sendall(("\r\n".join([f"{method} {target} {version}", *headers]) + "\r\n\r\n").encode("latin-1") + rest)
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                chunk = src.recv(65536)
                if not chunk:
                    break
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


def test_behind_a_host_rewriting_proxy_under_a_script_name_prefix_everything_works(browser, start_site):
    site = start_site()
    proxy = Proxy(site.port)
    base = f"http://localhost:{proxy.port}/portal/"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "app/")
        page.wait_for_url(at_login("/portal"))
        page.fill("#user", "ada")
        page.click("#login")
        page.wait_for_url(base + "app/")
        wait_connected(page)  # the websocket passed the Origin check behind the proxy
        page.click("#inc")
        wait_for_text(page, "#count", "count = 1")
        page.click("#save")
        wait_for_text(page, "#flashes", "Saved by ada")
        # Log out from the site's home page (in another tab): the app goes to /portal/login.
        home = context.new_page()
        home.goto(base)
        home.click("#logout")
        page.wait_for_url(at_login("/portal"), timeout=10_000)
        assert f"localhost:{proxy.port}" in proxy.hosts
    finally:
        context.close()
        proxy.close()

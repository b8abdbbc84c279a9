"""The whole-app examples of README.md and the user docs run as written.

Each example is copied out of its doc into a fresh folder as ``app.py``, the
way a reader pastes it, and a short script imports it and operates it with
the testing kit's simulated user (one process per example: most of them
call ``get_server()`` with the default name). docs/testing.md has its own
test (tests/test_testing_docs.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.S)

# (doc, how the example's first line starts, what a reader does with it)
EXAMPLES = [
    ("README.md", "from htmxtrame.app import get_server", """
        with User(server) as user:
            user.should_see("Counter")
            user.click("+1")
            user.should_see("1 clicks")
            user.click("Reset")
            user.should_not_see("clicks")
            user.set("input[type=range]", 7)
            user.should_see("level: 7")
    """),
    ("docs/widgets.md", "from htmxtrame.app import get_server\nfrom htmxtrame.ui.vuetify3", """
        with User(server) as user:
            user.set("Value", 12)
            assert user.state["value"] == 12
            user.click("Reset")
            assert user.find("input[type=range]").get("value") == "8"
    """),
    ("docs/scaling.md", "from htmxtrame.app import get_server", """
        with User(server) as ann, User(server) as bob:
            ann.type("Draft", "hello")
            ann.should_see("5 characters")
            bob.should_see("0 characters")   # client-only: Ann's draft is hers
            assert server.state.draft == ""
    """),
    ("docs/scaling.md", "from htmxtrame import serve_per_session", """
        with User(server) as ann:           # each simulated user is a browser of its own
            ann.click("Click")
            ann.should_see("You clicked 1 times; everyone 1 times.")
        with User(server) as bob:
            bob.click("Click")
            bob.should_see("You clicked 1 times; everyone 2 times.")
    """),
    ("docs/widgets.md", "from htmxtrame.app import get_server\nfrom htmxtrame.ui.router", """
        with User(server) as user:
            user.should_see("This is home")
            assert user.text("a[href='#/bar/2']") == "Bar 2"
    """),
    ("docs/expressions.md", "from htmxtrame.expr import Context,", """
        assert state == {"count": 4, "items": [{"text": "milk", "done": False}]}
        assert dirty == {"items"}
        assert compile_expr("count * 2").evaluate(ctx) == 8
    """),
    ("docs/security.md", "from flask import session", """
        from htmxtrame.ui.html import DivLayout
        from htmxtrame.widgets import html
        for name in ("main", "admin"):
            with DivLayout(server, template_name=name):
                html.P(name + " page")
        from htmxtrame.testing.inprocess import host_app
        host_app(server).secret_key = "test"
        client = host_app(server).test_client()
        assert client.get("/").status_code == 200
        assert client.get("/?ui=admin").status_code == 404
        with client.session_transaction() as s:
            s["role"] = "admin"
        assert client.get("/?ui=admin").status_code == 200
    """),
    ("docs/server.md", "from htmxtrame.app import get_server\nfrom htmxtrame.ui.html", """
        from htmxtrame.testing.inprocess import host_app
        with User(server) as user:
            user.click("+1")
            user.should_see("n=1")
            assert 'hx-post="api/reset"' in user.html and "hx-preserve" in user.html
            client = host_app(server).test_client()
            assert client.get("/api/time").get_data(as_text=True) == "<b>12:00</b>"
            assert client.post("/api/reset").status_code == 200
            user.should_not_see("n=")
    """),
    ("docs/embedding.md", "from flask import Flask\nfrom htmxtrame.app", """
        client = app.test_client()
        assert client.get("/viz").status_code == 308
        page = client.get("/viz/")
        assert page.status_code == 200 and "__htmxtrame/ws" in page.get_data(as_text=True)
    """),
]


def example(doc: str, first_line: str) -> str:
    """The python block of *doc* whose first line starts with *first_line* (exactly one)."""
    found = [b for b in BLOCK.findall((ROOT / doc).read_text()) if b.startswith(first_line)]
    assert len(found) == 1, f"{doc}: expected one python example starting {first_line!r}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(("doc", "first_line", "check"), EXAMPLES,
                         ids=[f"{d}:{i}" for i, (d, _, _) in enumerate(EXAMPLES)])
def test_the_example_runs_as_written(tmp_path: Path, doc: str, first_line: str, check: str):
    (tmp_path / "app.py").write_text(example(doc, first_line))
    script = "from htmxtrame.testing import User\nfrom app import *\n" + textwrap.dedent(check) + "print('done')\n"
    (tmp_path / "check.py").write_text(script)
    out = subprocess.run([sys.executable, "check.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("done"), out.stdout + out.stderr


JINJA = re.compile(r"```jinja\n(.*?)```", re.S)
SITE = '''
import flask
from flask import Flask, flash, redirect, render_template, request, session, url_for

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

app = Flask(__name__, template_folder=TEMPLATES)
app.secret_key = "test"


def safe_next(target):  # the example site's own is stricter
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def check_password(form):
    return form.get("password") == "demo"


viz = Server("viz")
viz.state.count = 0


def bump():
    viz.state.count += 1
    flash(f"bumped by {flask.session['user']}")


with DivLayout(viz):
    html.Button("Bump", click=bump)
    html.P("count {{ count }}", id="count")


@app.route("/")
def home():
    return "home"
'''
LOGIN_PAGE = """{% extends "base.html" %}{% block content %}<form method="post">
<input type="hidden" name="next" value="{{ next }}"><input name="user"><input name="password" type="password">
<button>Log in</button></form>{% endblock %}"""


def test_the_embedding_guide_builds_a_site_with_login_layout_flash_and_logout(tmp_path: Path, site_runner):
    """docs/embedding.md's login guard, login and logout views and base template, put together."""
    import importlib.util

    from htmxtrame.testing import Refused

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text(JINJA.findall((ROOT / "docs/embedding.md").read_text())[0])
    (templates / "login.html").write_text(LOGIN_PAGE)
    code = f"TEMPLATES = {str(templates)!r}\n" + SITE
    for first_line in ("@app.before_request", "import htmxtrame", "viz.init_app(app"):
        code += "\n\n" + example("docs/embedding.md", first_line)
    (tmp_path / "docsite.py").write_text(code)
    spec = importlib.util.spec_from_file_location("docsite", tmp_path / "docsite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    site = site_runner(module.app, login={"user": "ada", "password": "demo"})
    visitor = site.anonymous().get("/viz/")
    assert "/login?next=" in visitor.url and "viz" in visitor.url   # the guard sends strangers to log in
    assert "None" not in visitor.text         # the layout's header with nobody logged in
    page = site.http().get("/viz/")
    assert "ACME — ada" in page.text and "| ACME</title>" in page.text  # inside the site's layout
    ada = site.user("/viz/")
    ada.click("Bump")
    ada.should_see("count 1")
    assert ada.flashes == ["bumped by ada"]
    ada.http.post("/logout")                  # logout_sessions() closes Ada's open page
    with pytest.raises(Refused, match="login page"):
        ada.click("Bump")
    assert site.server_at("/viz/").state.count == 1


def test_the_two_servers_example_serves_both(tmp_path: Path):
    """docs/server.md's two servers in one process: each gets a free port and answers there."""
    import urllib.request

    (tmp_path / "two.py").write_text(example("docs/server.md", "import asyncio\n"))
    proc = subprocess.Popen([sys.executable, "two.py"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        urls: list[str] = []
        assert proc.stdout is not None
        for line in proc.stdout:  # the banners, then the example's own line with both URLs
            urls = re.findall(r"http://\S+/", line)
            if len(urls) == 2:
                break
        assert len(urls) == 2, "the example never printed its two URLs"
        assert urls[0] != urls[1]
        for url in urls:
            assert urllib.request.urlopen(url, timeout=10).status == 200
    finally:
        proc.kill()
        proc.wait(10)


EXPRESSION_EXAMPLES_APP = '''
from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html, vuetify3 as vuetify

server = get_server()
server.state.update(items=[{"id": 1, "text": "milk", "done": False}, {"id": 2, "text": "eggs", "done": True}],
                    count=3, price=12.5, qty=2, name="ann", progress=0.426)
with DivLayout(server):
'''


def test_the_trame_style_expression_examples_render_and_handle_events(tmp_path: Path):
    """docs/expressions.md's one-line widget examples, inside a layout with the state they read."""
    lines = example("docs/expressions.md", 'html.Div("{{ items.filter').splitlines()
    (tmp_path / "app.py").write_text(EXPRESSION_EXAMPLES_APP + "".join(f"    {line}\n" for line in lines))
    check = """
        with User(server) as user:
            user.should_see("1 left")
            user.should_see("1. milk")
            assert user.find("li.odd").text.strip() == "2. eggs"
            user.should_see("25.00 €")
            user.should_see("43%")
            user.type("input", "  bob  ")
            assert server.state.name == "bob"
            user.click("Reset")
            user.should_see("2 left")
            assert server.state.count == 0
    """
    script = "from htmxtrame.testing import User\nfrom app import *\n" + textwrap.dedent(check) + "print('done')\n"
    (tmp_path / "check.py").write_text(script)
    out = subprocess.run([sys.executable, "check.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("done"), out.stdout + out.stderr


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^\s*```.*?^\s*```", re.S | re.M)


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_python_example_is_python(doc: Path):
    """A fragment may leave names undefined, but it must parse: a reader copies it as it is."""
    import ast

    for block in BLOCK.findall(doc.read_text()):
        ast.parse(textwrap.dedent(block), filename=doc.name)


def _anchors(doc: Path) -> set[str]:
    """GitHub's anchors for *doc*'s headings (lower case, punctuation dropped, spaces to dashes)."""
    headings = re.findall(r"^#+\s+(.*)$", FENCE.sub("", doc.read_text()), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_relative_link_and_repository_path_exists(doc: Path):
    text = doc.read_text()
    missing = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (doc.parent / path) if path else doc
        if not linked.exists():
            missing.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            missing.append(target)
    for path in re.findall(r"`((?:docs|apps|bench|tests|e2e|scripts|htmxtrame|static)/[\w./-]*\w)`", text):
        if not (ROOT / path).exists():
            missing.append(path)
    assert not missing, f"{doc.name} points at what does not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_named_section_exists(doc: Path):
    """`docs/server.md`, "Running a trame app unchanged": the quoted heading is in that doc."""
    text = " ".join(doc.read_text().split())
    missing = []
    for name, section in re.findall(r"`(?:docs/)?(\w+\.md)`, \"([^\"]+)\"", text):
        target = ROOT / "docs" / name if (ROOT / "docs" / name).exists() else ROOT / name
        body = " ".join(target.read_text().split()) if target.exists() else ""
        if f"# {section}" not in body and f"**{section}**" not in body:  # a heading, or a bold lead-in
            missing.append(f"{name}: {section!r}")
    assert not missing, f"{doc.name} names sections that do not exist: {missing}"

"""Testing a whole Flask site: the host app served for real, its login included.

:func:`start_site` serves a Flask app (or calls an app factory) on a free
port in a thread. The :class:`Site` it returns logs in with the site's own
login form over HTTP (``site.http(login=...)``), gives a logged-in
simulated user of an htmxtrame app mounted in it (``site.user(...)``) and
logs a Playwright page in (``site.open(page, ...)``).
"""

from __future__ import annotations

import http.cookiejar
import inspect
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.local import LocalProxy as Proxy

from .. import simdom
from .user import Refused, User

Login = dict  # the login form's fields a person fills in: {"user": "ada", "password": "demo"}


@dataclass
class Response:
    """An HTTP answer: ``status``, ``url`` (after redirects), ``headers``, ``text``."""

    status: int
    url: str
    headers: Any
    text: str

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.text)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpClient:
    """A browser-less visitor with its own cookies (``site.http()``)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self._follow = urllib.request.build_opener(cookies)
        self._stay = urllib.request.build_opener(cookies, _NoRedirect)

    def url(self, path: str) -> str:
        """*path* resolved against the site's base URL."""
        return urllib.parse.urljoin(self.base_url, path.lstrip("/") if not path.startswith("http") else path)

    def request(self, method: str, path: str, data: dict | None = None, follow: bool = True,
                headers: dict | None = None) -> Response:
        """Send a request (form-encoded *data* for a POST); HTTP errors are answers, not exceptions."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.url(path), data=body, method=method, headers=headers or {})
        opener = self._follow if follow else self._stay
        try:
            with opener.open(req, timeout=10) as resp:
                return Response(resp.status, resp.url, resp.headers, resp.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.url, exc.headers, exc.read().decode("utf-8", "replace"))

    def get(self, path: str, follow: bool = True) -> Response:
        """GET *path*."""
        return self.request("GET", path, follow=follow)

    def post(self, path: str, data: dict | None = None, follow: bool = True) -> Response:
        """POST the form *data* to *path*."""
        return self.request("POST", path, data or {}, follow=follow)

    def login(self, fields: Login, login_url: str) -> Response:
        """Fill in the site's login form as a person would and post it.

        The form is read from the login page, so its hidden fields (a CSRF
        token, ``next``) go along; fails when the answer is the login page again.
        """
        page = self.get(login_url)
        form = _login_form(simdom.parse(page.text))
        if form is None:
            raise AssertionError(f"no login form (a form with a password field) at {login_url}: {page.text[:300]!r}")
        data = {n.get("name"): n.get("value", "") for n in form.walk()
                if n.tag == "input" and (n.get("type") or "").lower() == "hidden" and n.get("name")}
        data.update(fields)
        action = urllib.parse.urljoin(page.url, form.get("action") or "")
        answer = self.post(action, data)
        if urllib.parse.urlsplit(answer.url).path == urllib.parse.urlsplit(page.url).path or answer.status >= 400:
            said = simdom.parse(answer.text).text[:300]
            raise AssertionError(f"logging in with {sorted(fields)} failed ({answer.status}); the page says {said!r}")
        return answer

    def cookie_header(self) -> str:
        """The ``Cookie`` header this visitor sends."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def _login_form(root: simdom.Node) -> simdom.Node | None:
    forms = [n for n in root.walk() if n.tag == "form"]
    for form in forms:
        if any(n.tag == "input" and (n.get("type") or "").lower() == "password" for n in form.walk()):
            return form
    return forms[0] if forms else None


@dataclass
class Site:
    """A Flask site served on a free port: ``url``, ``app``, and logged-in visitors."""

    app: Any
    url: str
    login_url: str = "/login"
    login: Login | None = None  # default credentials for user() / http() / open()
    _httpd: Any = field(default=None, repr=False)
    _thread: Any = field(default=None, repr=False)
    users: list = field(default_factory=list, repr=False)

    def http(self, login: Login | None = None) -> HttpClient:
        """A browser-less visitor; logged in with *login* (or the site's default) when given."""
        client = HttpClient(self.url)
        fields = login if login is not None else self.login
        if fields:
            client.login(fields, self.login_url)
        return client

    def anonymous(self) -> HttpClient:
        """A browser-less visitor who has not logged in."""
        return HttpClient(self.url)

    def user(self, path: str = "/", ui: str = "main", *, login: Login | None = None, server: Any = None) -> User:
        """A simulated user who logged in (a real login POST) and opened the app at *path*.

        The page is fetched over HTTP first, so the site's guards apply; the
        host's ``before_request`` functions run again for every event the
        user fires (:class:`~htmxtrame.testing.Refused` when they refuse).
        Pass ``login={}`` for a visitor who did not log in.
        """
        client = self.http(login)
        page = client.get(path)
        wanted = urllib.parse.urlsplit(client.url(path)).path
        if page.status != 200 or urllib.parse.urlsplit(page.url).path != wanted:
            raise Refused(f"GET {path} ended at {page.url} ({page.status}); log in first?")
        server = server if server is not None else self.server_at(path)
        user = User(server, ui, app=self.app, path=wanted[len(self._root()):] or "/",
                    cookies=client.cookie_header(), guarded=True, script_root=self._root())
        user.http = client
        self.users.append(user)
        return user.open()

    def open(self, page: Any, path: str = "/", *, login: Login | None = None) -> Any:
        """Log the Playwright *page*'s browser context in, then go to *path*; returns the page."""
        client = self.http(login)
        page.context.add_cookies([{"name": c.name, "value": c.value, "url": self.url} for c in client.jar])
        page.goto(client.url(path))
        return page

    def server_at(self, path: str) -> Any:
        """The htmxtrame server whose page is at *path*."""
        adapter = self.app.url_map.bind("localhost", script_name=self._root() or None)
        try:
            endpoint, _ = adapter.match(urllib.parse.urlsplit(path).path, method="GET")
        except Exception as exc:  # noqa: BLE001 - NotFound, RequestRedirect: say what was asked
            raise AssertionError(f"no page at {path!r} in {self.app.name}: {exc}") from None
        server = _server_of(self.app.view_functions.get(endpoint))
        if server is None:
            raise AssertionError(f"{path!r} ({endpoint}) is not an htmxtrame page; pass server= to site.user()")
        return server

    def servers(self) -> list:
        """Every htmxtrame server mounted in the site."""
        found = (_server_of(view) for view in self.app.view_functions.values())
        return list({id(s): s for s in found if s is not None}.values())

    def __enter__(self) -> Site:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def stop(self) -> None:
        """Close the users, the open websockets, and stop serving."""
        for user in self.users:
            user.close()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for server in self.servers():
            server.close_connections()

    def _root(self) -> str:
        return urllib.parse.urlsplit(self.url).path.rstrip("/")


def _is_server(obj: Any) -> bool:
    """Duck-typed: an htmxtrame ``Server`` (or anything standing in for one)."""
    return hasattr(obj, "templates") and hasattr(obj, "state") and hasattr(obj, "controller")


def _server_of(view: Any, depth: int = 3) -> Any:
    """The htmxtrame server a view function serves: found among what its closure holds."""
    if view is None or depth == 0:
        return None
    view = inspect.unwrap(view)
    for cell in getattr(view, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, Proxy):
            continue  # flask.request, session...: not ours to touch outside a request
        if _is_server(value):
            return value
        if inspect.isfunction(value):
            found = _server_of(value, depth - 1)
            if found is not None:
                return found
    return None


def start_site(app_or_factory: Any, *args: Any, login_url: str = "/login", login: Login | None = None,
               script_name: str = "", **kwargs: Any) -> Site:
    """Serve a Flask app (or ``factory(*args, **kwargs)``'s) on a free localhost port, in a thread.

    With *script_name* (``"/portal"``) the site answers under that prefix,
    as behind a proxy that mounts it there (``SCRIPT_NAME``); paths given to
    the :class:`Site` stay relative to the site's root.
    """
    from werkzeug.exceptions import NotFound
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.serving import make_server

    from ..runner import QuietRequestHandler

    app = app_or_factory
    if not hasattr(app, "wsgi_app") and callable(app):
        app = app_or_factory(*args, **kwargs)
    script_name = script_name.rstrip("/")
    if script_name and not script_name.startswith("/"):
        raise ValueError(f"script_name starts with '/', e.g. '/portal'; got {script_name!r}")
    wsgi = DispatcherMiddleware(NotFound(), {script_name: app}) if script_name else app
    httpd = make_server("127.0.0.1", 0, wsgi, threaded=True, request_handler=QuietRequestHandler)
    httpd.daemon_threads = True  # type: ignore[attr-defined]  # threaded: a ThreadingMixIn server
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              name=f"site-{app.name}", daemon=True)
    thread.start()
    return Site(app, f"http://127.0.0.1:{httpd.server_port}{script_name}/", login_url, login, httpd, thread)


SiteRunner = Callable[..., Site]

"""Routes (trame's router): which content a page shows for the route in its URL hash.

Each page has its own current route, ``$route`` (a client-only value, see
:mod:`htmxtrame.scopes.page`): the page sends the path after ``#`` on load
and whenever the hash changes (a link, the Back button), and only that page
re-renders. A :class:`RouteTable` per state holds what
``RouterViewLayout(server, "/bar/:id")`` declared; a ``RouterView`` renders
the content of the route that matches.

Paths follow vue-router's patterns: static segments, ``:name`` (one
segment), ``:name?`` (optional), ``:name(regex)``, ``:name*`` / ``:name+``
(repeated segments, a list) and ``*`` (anything, as ``pathMatch``).
Matching ignores case and a trailing slash; a route with no parameter wins
over one with, then the first declared wins. No match: the view is empty.
"""

from __future__ import annotations

import re
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode

ROUTE_KEY = "$route"  # the page's current route, as expressions read it
MAX_PATH = 2048  # characters of a route a page may send (the whole "#/..." after the '#')
# Segments of a route's path a page may send. Two repeated parameters in one
# route (/:a+/:b+/end) make the regex try every split of the segments: a
# 1,000-segment path held the GIL (every thread of the server) for 10 s.
MAX_SEGMENTS = 32
# A repeated or optional parameter alone in its segment takes whole segments:
# possessive (Python 3.11+), the regex never retries one a character shorter
# (1.8 s -> 11 ms on a 2 KB path for /:a*/:b*/:c*/:d*/end).
_SEGMENT = "[^/]++" if sys.version_info >= (3, 11) else "[^/]+"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PARAM = re.compile(r":(\w+)(?:\(((?:\\.|[^\\)])+)\))?([?*+])?|\*")


class RouteError(ValueError):
    """A route value that is not a path this module accepts."""


@dataclass
class Route:
    """One declared path and the content of each of its named views."""

    path: str
    regex: re.Pattern
    keys: list  # (name, repeated) per capture group
    views: dict = field(default_factory=dict)  # view name -> root element

    @property
    def static(self) -> bool:
        """No parameter: such a route wins over a pattern that also matches."""
        return not self.keys


def compile_path(path: str) -> tuple[re.Pattern, list]:
    """vue-router's pattern *path* as a regex and its parameter names (``(name, repeated)``)."""
    keys: list = []
    parts = ["^"]
    for segment in [s for s in path.strip("/").split("/") if s]:
        whole = _PARAM.fullmatch(segment)
        if whole is not None and whole.group(0) != "*" and whole.group(3):
            # A parameter alone in its segment with a modifier: the segment is optional or repeated.
            name, pattern, mod = whole.group(1), whole.group(2) or _SEGMENT, whole.group(3)
            keys.append((name, mod in "*+"))
            inner = f"({pattern}(?:/{pattern})*)" if mod in "*+" else f"({pattern})"
            parts.append(f"(?:/{inner})" + ("" if mod == "+" else "?"))
            continue
        parts.append("/")
        pos = 0
        for m in _PARAM.finditer(segment):
            parts.append(re.escape(segment[pos:m.start()]))
            if m.group(0) == "*":
                keys.append(("pathMatch", False))
                parts.append("(.*)")
            else:
                keys.append((m.group(1), False))
                parts.append(f"({m.group(2) or '[^/]+'})")
            pos = m.end()
        parts.append(re.escape(segment[pos:]))
    parts.append("/?$")
    try:
        regex = re.compile("".join(parts), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"route path {path!r} is not a pattern vue-router understands: {exc}") from None
    return regex, keys


class RouteTable:
    """The routes one state's pages can show, in the order they were declared."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}

    def add(self, path: str, name: str, content: Any) -> None:
        """Declare *content* as view *name* of route *path* (again: it replaces the old content)."""
        if not isinstance(path, str) or not path.startswith("/"):
            raise ValueError(f"a route path starts with '/', got {path!r}")
        route = self.routes.get(path)
        if route is None:
            regex, keys = compile_path(path)
            route = self.routes[path] = Route(path, regex, keys)
        route.views[name] = content

    def match(self, path: str) -> tuple[Route | None, dict]:
        """The route *path* shows and its parameters (``(None, {})``: no route matches)."""
        found: tuple[Route | None, dict] = (None, {})
        for route in self.routes.values():
            m = route.regex.match(path)
            if m is None:
                continue
            params = {}
            for (key, repeated), value in zip(route.keys, m.groups(), strict=False):
                if value is not None:
                    params[key] = [unquote(v) for v in value.split("/")] if repeated else unquote(value)
            if route.static:
                return route, params
            if found[0] is None:
                found = (route, params)
        return found

    def content(self, path: str, name: str = "default") -> Any:
        """The root element view *name* shows at *path*, or None."""
        route, _ = self.match(path)
        return route.views.get(name) if route is not None else None


_tables: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def table(state: Any) -> RouteTable:
    """The route table of *state* (made on first use)."""
    found = _tables.get(state)
    if found is None:
        found = _tables[state] = RouteTable()
    return found


def check_route(value: Any) -> str:
    """A route a page sent: a string starting with '/', at most :data:`MAX_PATH` characters
    and :data:`MAX_SEGMENTS` segments."""
    if not isinstance(value, str):
        raise RouteError(f"a route is a string such as '/foo', got {type(value).__name__}")
    if len(value) > MAX_PATH:
        raise RouteError(f"a route of {len(value)} characters exceeds {MAX_PATH}")
    if not value.startswith("/"):
        raise RouteError(f"a route starts with '/', got {value[:40]!r}")
    segments = value.split("?", 1)[0].split("#", 1)[0].count("/")
    if segments > MAX_SEGMENTS:
        raise RouteError(f"a route of {segments} segments exceeds {MAX_SEGMENTS}")
    if _CONTROL.search(value):
        # A URL's hash never holds them (the browser percent-encodes them); they would
        # also defeat the '.' of an app's route pattern.
        raise RouteError("a route holds no control characters (percent-encode them)")
    return value


def location(full: str, routes: RouteTable | None = None) -> dict:
    """``$route`` for *full* (``/bar/3?x=1#top``): path, fullPath, params, query, hash."""
    rest, _, fragment = full.partition("#")
    path, _, search = rest.partition("?")
    path = path or "/"
    query: dict = {}
    for key, values in parse_qs(search, keep_blank_values=True).items():
        query[key] = values[0] if len(values) == 1 else values
    params = routes.match(path)[1] if routes is not None else {}
    return {"path": path, "fullPath": full, "params": params, "query": query,
            "hash": f"#{fragment}" if fragment else ""}


def home() -> dict:
    """``$route`` before a page says where it is: the root."""
    return location("/")


def target(to: Any) -> str:
    """Where a link's ``to`` points: ``"/foo"`` or ``{"path": "/foo", "query": {...}, "hash": "#x"}``."""
    if isinstance(to, dict):
        path = str(to.get("path") or "/")
        query = to.get("query")
        if isinstance(query, dict) and query:
            path += "?" + urlencode(query, doseq=True)
        frag = to.get("hash")
        if isinstance(frag, str) and frag:
            path += frag if frag.startswith("#") else f"#{frag}"
    else:
        path = str(to)
    return path if path.startswith("/") else f"/{path}"


def href(to: Any) -> str:
    """The ``href`` of a link to route *to* (hash history: ``#/foo``)."""
    return "#" + quote(target(to), safe="/?#&=:;,+$@!*'()%~-._")


def href_expr(source: str) -> str:
    """The expression of a bound link's ``href``, for a bound ``to`` expression *source*."""
    return f"((t) => '#' + (String(t).startsWith('/') ? '' : '/') + t)({source})"


def active_expr(to_source: str) -> str:
    """Whether the page's current route is the one a link points to (an expression)."""
    return f"({ROUTE_KEY}?.path ?? '/').toLowerCase() === String({to_source}).split('?')[0].toLowerCase()"


@dataclass
class PageRouter:
    """``$router`` in an event handler: moves of the page that sent the event.

    ``push``/``replace`` change the page's route on the server at once;
    ``back``/``forward``/``go`` are the browser's history moves, sent to
    that page. *navigate* puts a route value for the page; *moves* is where
    history moves wait to be sent.
    """

    navigate: Callable[[dict], None]
    moves: list
    routes: RouteTable

    def push(self, to: Any) -> None:
        """Go to *to*, adding a history entry."""
        self._go_to(to, "push")

    def replace(self, to: Any) -> None:
        """Go to *to*, replacing the current history entry."""
        self._go_to(to, "replace")

    def back(self) -> None:
        """The browser's Back."""
        self.go(-1)

    def forward(self) -> None:
        """The browser's Forward."""
        self.go(1)

    def go(self, delta: Any) -> None:
        """Move *delta* entries in the page's history."""
        if isinstance(delta, bool) or not isinstance(delta, (int, float)) or abs(delta) > 100:
            raise RouteError(f"$router.go() takes a small number of steps, got {delta!r}")
        self._move({"go": int(delta)})

    def _go_to(self, to: Any, how: str) -> None:
        full = check_route(target(to))
        self.navigate(location(full, self.routes))
        self._move({how: full})

    def _move(self, move: dict) -> None:
        if len(self.moves) < 16:  # one handler, a few moves: a loop must not grow it
            self.moves.append(move)

    def functions(self) -> dict:
        """The methods an expression may call, as host functions."""
        return {"push": self.push, "replace": self.replace, "back": self.back, "forward": self.forward,
                "go": self.go}


def page_router(page: Any, state: Any) -> dict:
    """``$router`` for an event of the page whose client-only values are *page* (a ``PageValues``)."""
    return PageRouter(lambda value: page.put(ROUTE_KEY, value), page.moves, table(state)).functions()

"""The simulated user: a page opened without a browser.

It loads the page's HTML as the server renders it, finds elements the way
a person (or Playwright) does, and fires events through the same dispatch
the websocket uses — same coercion, same refusals, same handlers — in the
test process, so a test takes milliseconds. Each event runs inside a Flask
request context (``flask.session``, ``g``, ``current_app``); a user of a
site (:mod:`htmxtrame.testing.site`) carries its login cookie, and the
host's ``before_request`` guards run for the page and for every event.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from .. import simdom
from ..events import HandlerError, dispatch
from ..files import as_download, store_upload
from ..scopes.page import render_for_page
from ..session import Session
from ..transport.auth import CLOSE_LOGIN
from .inprocess import host_app
from .running import DEFAULT_TIMEOUT, as_a_socket_thread, wait_until

# What a person types into or sets a value on (a label names these first).
_FIELD_TAGS = frozenset({"input", "select", "textarea"})


class Refused(PermissionError):
    """The site's ``before_request`` guards refused the page or an event (logged out, say)."""


class User:
    """A page opened without a browser.

    ``user.click("Add")`` / ``user.click("#add")``, ``user.type("#name", "Ada")``,
    ``user.set("#slider", 12)``, ``user.press("#name", "Enter")``,
    ``user.fire(sel, "keyup", key="Enter")``,
    ``user.upload("#file", ("a.txt", b"hi", "text/plain"))``; read
    ``user.html``, ``user.text("#out")``, ``user.should_see("Saved")``,
    ``user.state`` and ``user.downloads``.

    *app*, *path*, *cookies* and *script_root* place the page inside a host Flask site
    (``site.user(...)`` fills them in); with *guarded*, the page's events run
    as the websocket's messages do: the host's ``before_request`` guards run
    for the page and again for every event (a refusal raises
    :class:`Refused`), ``htmxtrame.logout_sessions()`` closes the page, and
    ``flash()`` in a handler lands in :attr:`flashes`.
    """

    def __init__(self, server: Any, ui: str = "main", *, app: Any = None, path: str = "/",
                 cookies: str = "", guarded: bool = False, script_root: str = "") -> None:
        self.server = server
        self.ui = ui
        self.app = app
        self.path = path if path.endswith("/") else path + "/"
        self.cookies = cookies
        self.guarded = guarded
        self.script_root = script_root.rstrip("/")  # the site's SCRIPT_NAME, when it has one
        self.downloads: list[Any] = []
        self.calls: list[dict] = []
        self.session: Session | None = None
        self.http: Any = None  # a site user's HttpClient: the same browser, another tab
        self.flashes: list[str] = []  # flash() messages from handlers, as the page's flash list shows them
        self.closed_by_server: tuple[int, str] | None = None  # (code, reason): logged out, refused
        self._page: Any = None  # a guarded user's flaskctx.PageContext: the websocket's per-message side
        self._reported_options: dict[str, str] = {}  # table id -> options text this page reported
        self._reporting = 0  # nesting depth of _report_table_options
        self._active_option: dict[str, str | None] = {}  # combobox id -> its active option's id

    # connection --------------------------------------------------------------------
    def open(self) -> User:
        """Load the page: the server sees a connected client."""
        with as_a_socket_thread():  # its start hooks' tasks go to the server's loop, as when served
            return self._open()

    def _open(self) -> User:
        app = self.app if self.app is not None else host_app(self.server)
        if not self.server.state.is_ready:
            self.server.state.ready()  # a page only connects to a serving server
        self.closed_by_server = None
        with self.request_context(app):
            templates = self.server.templates_for_request()  # a per-session app's are its session's
            if self.ui not in templates:
                raise AssertionError(f"the server has no layout {self.ui!r}; it has {sorted(templates)}")
            scope = self.server.scope_for_request()
            self.session = Session(scope, self.ui)
            self.session.open()
            if self.guarded:
                self._page = _page_context(self.server)
                if self._page is not None:
                    self._page.attach(self.session, self._server_closed)
            self.server.client_connected(self.session)
        self._report_table_options()
        return self

    def close(self) -> None:
        """Leave the page."""
        if self._page is not None:
            self._page.detach()
            self._page = None
        if self.session is not None:
            self.session.close()
            self.server.client_exited(self.session)
            self.session = None

    def __enter__(self) -> User:
        return self.open() if self.session is None else self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def request_context(self, app: Any = None) -> Iterator[Any]:
        """The Flask request context this page's events run in (the websocket's request).

        Carries the user's cookies, so ``flask.session`` is theirs; a guarded
        user runs the host's ``before_request`` functions first and raises
        :class:`Refused` when one answers (a 401, a redirect to the login).
        """
        app = app if app is not None else (self.app if self.app is not None else host_app(self.server))
        headers = {"Cookie": self.cookies} if self.cookies else {}
        if self.guarded:
            headers.update({"Upgrade": "websocket", "Connection": "Upgrade"})
        with app.test_request_context(f"{self.path}__htmxtrame/ws?ui={self.ui}", headers=headers,
                                      base_url=f"http://localhost{self.script_root}/") as ctx:
            if self.guarded:
                answer = app.preprocess_request()
                if answer is not None:
                    resp = app.make_response(answer)
                    raise Refused(f"the site refused this page's websocket request ({resp.status}): "
                                  f"{resp.get_data(as_text=True)[:200]!r}")
            yield ctx

    # reading -----------------------------------------------------------------------
    @property
    def html(self) -> str:
        """The page body as the server renders it now (with this page's client-only values)."""
        rend = self._renderer()
        assert self.session is not None
        with rend.state._lock:
            return render_for_page(rend, self.session.page, rend.render_page_body)

    @property
    def state(self) -> dict:
        """A copy of the state this page shows (a per-session app's: its session's own keys)."""
        return self._state().snapshot()

    def _state(self) -> Any:
        return self.session.scope.state if self.session is not None else self.server.state

    def find_all(self, target: str) -> list[simdom.Node]:
        """Elements matching a CSS selector, else shown elements with that label or text."""
        root = simdom.parse(self.html)
        try:
            found = simdom.select(root, target)
        except ValueError:
            found = []
        return found or simdom.by_label(root, target)

    def find(self, target: str) -> simdom.Node:
        """The one element a selector or label names (fails clearly otherwise)."""
        return self._one(target, self.find_all(target))

    def _one(self, target: str, found: list[simdom.Node]) -> simdom.Node:
        if len(found) != 1:
            what = "nothing" if not found else f"{len(found)} elements: {found[:5]}"
            raise AssertionError(f"{target!r} matched {what} on page {self.ui!r}; use a more precise selector")
        return found[0]

    def text(self, target: str) -> str:
        """The visible text of one element, as a person reads it."""
        return self.find(target).text

    @property
    def page_text(self) -> str:
        """The whole page's visible text, blocks apart, whitespace collapsed."""
        return simdom.parse(self.html).text

    def _shown(self) -> str:
        # What a person reads: the flash list the handlers filled (the site's
        # layout shows it above the app), then the app.
        return " ".join([*(" ".join(m.split()) for m in self.flashes), self.page_text])

    def should_see(self, text: str) -> None:
        """Fail unless *text* (whitespace collapsed) is on the page as a person reads it,
        the messages handlers ``flash()``-ed included."""
        shown, wanted = self._shown(), " ".join(text.split())
        if wanted not in shown:
            raise AssertionError(f"{text!r} is not on the page; the page says: {shown[:400]!r}")

    def should_not_see(self, text: str) -> None:
        """Fail if *text* is on the page as a person reads it (hidden elements do not count)."""
        if " ".join(text.split()) in self._shown():
            raise AssertionError(f"{text!r} is on the page but should not be")

    # acting -------------------------------------------------------------------------
    def fire(self, target: str, event: str, value: Any = None, **payload: Any) -> Any:
        """Fire *event* on the element, as the glue script would send it.

        Returns what the handler returned; file content lands in
        :attr:`downloads`. A refused input or a failing handler raises.
        """
        return self._fire(self.find(target), target, event, value, payload)

    def _fire(self, node: simdom.Node, target: str, event: str, value: Any, payload: dict) -> Any:
        owner = _owner(node, event)
        if owner is None:
            raise AssertionError(f"{target!r} ({node!r}) and its ancestors do not handle {event!r} events")
        return self._send(node, owner, event, value, payload)

    def click(self, target: str) -> Any:
        """Click as a person does: a checkbox toggles, a submit button submits its form.

        Clicking a disabled or hidden element fails, as it would in a browser.
        """
        return self._click(self._usable(target, "click"), target)

    def _click(self, node: simdom.Node, target: str) -> Any:
        if node.tag == "input" and node.get("type") == "checkbox" and node.get("data-ht-model") == "change":
            return self._fire(node, target, "change", "checked" not in node.attrs, {})
        owner = _owner(node, "click")
        form = node.form() if node.submits_form() else None
        submit = _owner(form, "submit") if form is not None else None
        if owner is None and submit is None:
            raise AssertionError(f"{target!r} ({node!r}) and its ancestors do not handle 'click' events"
                                 + (" and it submits no form that handles 'submit'" if node.submits_form() else ""))
        result = self._send(node, owner, "click", None, {}) if owner is not None else None
        if submit is not None:
            submitted = self._send(submit, submit, "submit", None, {})
            result = submitted if result is None else result
        return result

    def type(self, target: str, text: str) -> Any:
        """Type *text* into an input (one ``input`` event with the full value)."""
        node = self._usable(target, "type into", field=True)
        self._active_option.pop(node.id or "", None)  # new text, new options: none active (the page's script)
        return self._fire(node, target, "input", text, {})

    def press(self, target: str, key: str) -> Any:
        """Press *key* in an element: ``keydown``/``keyup`` go to their handlers, and
        Enter in a text input submits its form, as a browser does."""
        node = self._usable(target, "press a key in", field=True)
        if node.get("role") == "combobox" and node.get("aria-controls"):
            handled, picked = self._choice_key(node, target, key)
            if handled:
                return picked
        result = None
        for event in ("keydown", "keyup"):
            owner = _owner(node, event)
            if owner is not None:
                answer = self._send(node, owner, event, None, {"key": key})
                result = answer if result is None else result
        form = node.form()
        kind = (node.get("type") or "text").lower()
        if key == "Enter" and node.tag == "input" and kind not in ("checkbox", "radio", "button") and form is not None:
            submit = _owner(form, "submit")
            if submit is not None:
                answer = self._send(submit, submit, "submit", None, {})
                result = answer if result is None else result
        return result

    def _choice_key(self, node: simdom.Node, target: str, key: str) -> tuple[bool, Any]:
        """What the page's script does with *key* in a VAutocomplete/VCombobox field
        (``static/glue/choices.js``): the arrows move the active option, Enter
        clicks it, or commits a combobox's typed text; ``(handled, result)``."""
        box = node.id or ""
        listbox = next((n for n in simdom.parse(self.html).walk() if n.id == node.get("aria-controls")), None)
        options = [o for o in listbox.walk() if o.get("role") == "option" and o.id and not o.hidden] if listbox else []
        ids = [o.id for o in options]
        current = self._active_option.get(box)
        if key in ("ArrowDown", "ArrowUp"):
            if ids:
                at = ids.index(current) if current in ids else -1
                after = (at + 1) % len(ids) if key == "ArrowDown" else (len(ids) - 1 if at <= 0 else at - 1)
                self._active_option[box] = ids[after]
            return True, None
        if key in ("Escape", "Tab"):
            self._active_option.pop(box, None)
            return False, None
        if key != "Enter":
            return False, None
        if current is not None and current in ids:
            option = options[ids.index(current)]
            if (listbox is not None and listbox.get("aria-multiselectable") != "true"
                    and "v-autocomplete__more" not in option.classes):
                self._active_option.pop(box, None)  # a single pick closes the menu
            return True, self._click(option, f"the active option of {target!r}")
        field = node.parent
        while field is not None and "v-combobox" not in field.classes:
            field = field.parent
        if field is not None:
            return True, self._fire(node, target, "change", None, {})  # the typed text becomes the value
        return False, None

    def set(self, target: str, value: Any) -> Any:
        """Set an input's value: number for a range, bool for a checkbox, str otherwise."""
        node = self._usable(target, "set", field=True)
        event = node.get("data-ht-model") or "input"
        if node.get("role") == "combobox" and _owner(node, event) is None:
            raise AssertionError(f"{target!r} is a select ({node!r}): choose as a person does, "
                                 "user.click(<the option's text>)")
        return self._fire(node, target, event, value, {})

    def upload(self, target: str, *files: tuple) -> Any:
        """Choose files ``(name, bytes, mime)`` in a file input."""
        token = store_upload([
            {"name": name, "size": len(data), "type": mime, "lastModified": None, "content": data}
            for name, data, mime in files
        ])
        return self.fire(target, "change", token)

    def wait_for_state(self, key: str, value: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until ``state[key] == value`` (async handlers, background tasks)."""
        wait_until(lambda: self._state()[key] == value, timeout,
                   f"state[{key!r}] never became {value!r}; it is {self._state()[key]!r}")

    # internals ------------------------------------------------------------------------
    def _usable(self, target: str, action: str, field: bool = False) -> simdom.Node:
        found = self.find_all(target)
        if field and len(found) > 1:
            # A label can also be a table header's or an option list's name, as in
            # Playwright's get_by_label; what one types into or sets is the field.
            fields = [n for n in found if n.tag in _FIELD_TAGS]
            found = fields if len(fields) == 1 else found
        node = self._one(target, found)
        if node.hidden:
            raise AssertionError(f"cannot {action} {target!r} ({node!r}): it is hidden")
        if node.disabled:
            raise AssertionError(f"cannot {action} {target!r} ({node!r}): it is disabled")
        return node

    def _send(self, node: simdom.Node, owner: simdom.Node, event: str, value: Any, payload: dict) -> Any:
        pl = {"type": event, **payload}
        if "value" in node.attrs or node.tag in ("input", "textarea", "select"):
            # $event.target is the input as the person left it: what they typed, not the rendered value
            pl.setdefault("target", {"value": value if isinstance(value, str) else node.get("value", ""),
                                     "checked": bool(value) if isinstance(value, bool) else "checked" in node.attrs,
                                     "id": node.id or "", "name": node.get("name", "")})
        if owner.get("data-ht-model") != event:
            value = None
        renderer = self._renderer()
        try:
            with self._event_context(), as_a_socket_thread():
                assert self.session is not None
                result = dispatch(renderer, self.session.scope.controller, owner.get("data-ht"), event, value, pl,
                                  self.session.page)
        finally:
            if self.session is not None:
                self.session.scope.page_update(self.session)
            self._take_pushes()
        self._report_table_options()
        download = as_download(result)
        if download is not None:
            self.downloads.append(download)
        return result

    @contextlib.contextmanager
    def _event_context(self) -> Iterator[None]:
        """Where one event runs: a guarded user's as the websocket's message, else a test request."""
        if self._page is None:
            with self.request_context():
                yield
            return
        if self.closed_by_server is not None:
            raise Refused(self._closed_text())
        page = self._page
        with page.message() as refusal:
            if refusal is not None:
                self._server_closed(refusal.code, refusal.reason)
                raise Refused(self._closed_text())
            try:
                yield
            except HandlerError as exc:
                page.app_error(exc.__cause__ or exc)  # app.logger, got_request_exception, errorhandler
                raise
            finally:
                page.deliver_flashes(self.session)

    def _report_table_options(self) -> None:
        """Report each data table's new options, as the glue script does on load and on
        every update (Vuetify's ``update:options``): a server table's app loads its rows."""
        if self.session is None or self.closed_by_server is not None or self._reporting > 3:
            return  # (a handler that changes the options each time it hears them stops here)
        self._reporting += 1
        try:
            self._report_each_table()
        finally:
            self._reporting -= 1

    def _report_each_table(self) -> None:
        for table in simdom.select(simdom.parse(self.html), "[data-ht-options]"):
            tid, now = table.get("data-ht"), table.get("data-ht-options")
            if not tid or now is None or now == table.get("data-ht-emitted") or self._reported_options.get(tid) == now:
                continue
            self._reported_options[tid] = now
            self._send(table, table, "update_options", None, {})

    def _server_closed(self, code: int, reason: str) -> None:
        """The server closed this page's socket (``logout_sessions``, a refused message)."""
        self.closed_by_server = (code, reason)
        if self._page is not None:
            self._page.detach()  # as the websocket's end would: logout_sessions forgets it

    def _closed_text(self) -> str:
        code, reason = self.closed_by_server or (0, "")
        where = "goes to the login page" if code == CLOSE_LOGIN else "reloads, and the site answers"
        return (f"the server closed this page's websocket ({code}: {reason}); in a browser the page {where}. "
                "Open the page again (site.user(...)) after logging in")

    def _renderer(self) -> Any:
        if self.session is None:
            self.open()
        return self.session.renderer  # type: ignore[union-attr]

    def _take_pushes(self) -> None:
        batch = self.session.take(0) if self.session is not None else None
        if batch is not None:
            self.calls.extend(batch.calls)
            for call in batch.calls:
                if isinstance(call, dict) and call.get("flash"):
                    self.flashes.extend(str(item.get("message", "")) for item in call["flash"])


def _page_context(server: Any) -> Any:
    """The websocket's per-message Flask side for this (handshake) request, if it is a mounted app's."""
    from flask import request

    from ..transport.flaskctx import PageContext

    if request.blueprint is None or request.routing_exception is not None:
        return None  # not one of the app's URLs: events run in a plain test request
    return PageContext(server, request.blueprint)


def _owner(node: simdom.Node | None, event: str) -> simdom.Node | None:
    """*node* or the nearest ancestor that handles *event* (the glue's rule)."""
    while node is not None and not _handles(node, event):
        node = node.parent
    return node


def _handles(node: simdom.Node, event: str) -> bool:
    if not node.get("data-ht"):
        return False
    return node.get("data-ht-model") == event or event in (node.get("data-ht-on") or "").split()

"""Flask's contexts around app code: the page's request, or explicitly no user.

* A page's message runs in a request context rebuilt from that page's
  websocket handshake (:class:`PageContext`): ``flask.session`` is that
  user's session as the host's session interface opens it now, ``g`` is
  fresh per message, ``flask_login.current_user`` works, and the host's
  ``teardown_request`` functions run after it. Async handlers scheduled from
  it keep the same context.
* A change no page made (a background thread, an async task) runs its
  listeners in a context with **no user**: ``current_app`` and ``g`` work,
  and reading ``flask.session`` raises :class:`NoUserError`, which says why.
* ``flash()`` inside a handler reaches the page that sent the event, also
  from an async handler after its first ``await`` (Flask's
  ``message_flashed`` signal, with the page the message came from carried
  into the tasks it started by a context variable).
* A handler's exception goes through ``app.logger``, Flask's
  ``got_request_exception`` signal and the host's ``errorhandler`` for it.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import logging
import time
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from flask import (
    Flask,
    current_app,
    got_request_exception,
    has_request_context,
    message_flashed,
    request,
    session,
    url_for,
)
from flask.ctx import RequestContext
from flask.sessions import SecureCookieSessionInterface
from werkzeug.routing import BuildError

from ..session import Batch, Session
from . import auth

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server

log = logging.getLogger("htmxtrame.transport")

SESSION_RECHECK = 1.0  # seconds a page's cookie session is trusted before it is verified again

# environ values that belong to the handshake's connection, never replayed.
_CONNECTION_KEYS = ("werkzeug.socket", "werkzeug.request", "gunicorn.socket", "wsgi.input", "wsgi.errors")


class NoUserError(RuntimeError):
    """``flask.session`` was read where no page (no user) caused the change."""


_NO_USER = (
    "flask.session was read in code that runs for no page: a change made by a background "
    "thread or task, whose listeners run with no user. Read what you need from the session "
    "in the handler that the user's click runs, and keep it in state (or server.context)."
)


class NoUserSession(dict):
    """The session of a context with no user: any use raises :class:`NoUserError`."""

    modified = False
    permanent = False
    new = False
    accessed = False

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise NoUserError(_NO_USER)

    __getitem__ = __setitem__ = __delitem__ = __contains__ = __iter__ = __len__ = _refuse
    get = pop = setdefault = update = keys = items = values = clear = _refuse

    def __bool__(self) -> bool:
        return True


def mount_options(server: Server, bp_name: str, app: Flask | None = None) -> dict:
    """The options of this mount: ``init_app``'s keywords over the server's own."""
    app = app or current_app
    mounts = app.extensions.get("htmxtrame", {})
    return {**server.options, **mounts.get(bp_name, {})}


def login_url(server: Server, bp_name: str) -> str:
    """Where the page sends its user to log in ("" to ask the host's guard)."""
    target = mount_options(server, bp_name).get("login_url")
    if not target:
        manager = current_app.extensions.get("login_manager") or getattr(current_app, "login_manager", None)
        target = getattr(manager, "login_view", None) or ""
    if target and "/" not in target:
        try:
            return url_for(target)  # an endpoint name: SCRIPT_NAME and prefixes included
        except BuildError:
            log.warning("login_url %r is not an endpoint of %s; pass a URL or an endpoint name", target, current_app.name)
            return ""
    return target


def replayable(environ: dict) -> dict:
    """The handshake's WSGI environ without its connection: to rebuild requests from."""
    copy = {k: v for k, v in environ.items() if k not in _CONNECTION_KEYS}
    copy["wsgi.input"] = io.BytesIO(b"")
    copy["wsgi.errors"] = io.StringIO()
    return copy


class _FlashTarget:
    """The page a message came from, as the tasks that message started see it."""

    __slots__ = ("page", "answering")

    def __init__(self, page: Session) -> None:
        self.page = page
        self.answering = True  # the message is being handled: deliver_flashes sends what it flashes


# Copied into every asyncio task a message's handler starts (create_task copies
# the caller's context variables), so a flash() after an await knows its page.
_flash_target: contextvars.ContextVar[_FlashTarget | None] = contextvars.ContextVar("htmxtrame_flash", default=None)


def _flashed_later(sender: Any, message: Any = "", category: Any = "message", **_: Any) -> None:
    # Flask's message_flashed: only a flash made once its message was
    # answered (an async handler after an await) is sent from here.
    target = _flash_target.get()
    if target is None or target.answering:
        return
    page = target.page
    page.push(Batch(page.scope.last_seq, calls=[{"flash": [{"category": str(category), "message": str(message)}]}]))


message_flashed.connect(_flashed_later, weak=False)


class PageContext:
    """The Flask side of one open page: a fresh request context for each message."""

    def __init__(self, server: Server, bp_name: str) -> None:
        self.server = server
        self.bp_name = bp_name
        self.app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        self.environ = replayable(request.environ)
        # One request object for every message: same URL, headers, cookies
        # (a websocket never sees a new cookie), parsed once.
        self.request = self.app.request_class(self.environ)
        self.authorize = mount_options(server, bp_name, self.app).get("authorize")
        self.handle: int | None = None
        self.standalone = bool(self.app.extensions.get("htmxtrame_standalone"))
        # Flask's own cookie session cannot change while the cookie does not:
        # verify it again at most every SESSION_RECHECK seconds (its expiry);
        # any other session interface (server-side sessions) is asked every time.
        self._cookie_session = type(self.app.session_interface) is SecureCookieSessionInterface
        self._session: Any = None
        self._session_at = float("-inf")
        self._flashes_before = 0
        self._page: Session | None = None

    def attach(self, page: Session, close: Any) -> None:
        """Track the open page so :func:`auth.logout_sessions` can close it."""
        self._page = page
        def close_page(code: int, reason: str) -> None:
            page.close()
            close(code, reason)

        self.handle = auth.register(dict(session), close_page)

    def detach(self) -> None:
        """The page's socket closed."""
        if self.handle is not None:
            auth.unregister(self.handle)

    @contextlib.contextmanager
    def message(self) -> Iterator[auth.Refusal | None]:
        """Run one message in the page's request context; yields why it is refused, if it is."""
        target = _FlashTarget(self._page) if self._page is not None else None
        token = _flash_target.set(target)
        try:
            if self.standalone:
                # server.start()'s own Flask app: the handshake's context is the page's.
                yield None
                return
            with contextlib.ExitStack() as stack:
                try:
                    refusal = self._enter(stack)
                except Exception:  # noqa: BLE001 - the host's session store or hooks failed
                    log.exception("could not rebuild the page's request context; closing its websocket")
                    refusal = auth.Refusal(auth.CLOSE_ERROR, "the site could not check this page's session")
                yield refusal
        finally:
            if target is not None:
                target.answering = False  # its tasks' later flashes go out on their own
            _flash_target.reset(token)

    def _enter(self, stack: contextlib.ExitStack) -> auth.Refusal | None:
        # A fresh app context too: ``g`` belongs to one message, as to one request.
        stack.enter_context(_quiet_exit(self.app.app_context()))
        fresh = not self._cookie_session or time.monotonic() - self._session_at > SESSION_RECHECK
        # A copy per message: what a handler writes into the session stays in its message.
        opened = None if fresh else type(self._session)(self._session)
        stack.enter_context(_quiet_exit(RequestContext(self.app, self.environ, request=self.request, session=opened)))
        if fresh:
            current = session._get_current_object()  # type: ignore[attr-defined]
            self._session, self._session_at = type(current)(current), time.monotonic()
        refusal = auth.check(self.app, self.bp_name, self.authorize)
        if refusal is None and self.handle is not None and fresh:
            auth.update(self.handle, dict(session))
        self._flashes_before = len(session.get("_flashes", ()))
        return refusal

    def deliver_flashes(self, page: Session) -> None:
        """``flash()`` in a handler: show the messages on this page (the cookie cannot change)."""
        # Only what this message flashed: older ones in the cookie belong to a page render.
        flashes = session.get("_flashes", [])[self._flashes_before:]
        if flashes:
            items = [{"category": str(cat), "message": str(msg)} for cat, msg in flashes]
            page.push(Batch(page.scope.last_seq, calls=[{"flash": items}]))

    def app_error(self, exc: BaseException) -> None:
        """A handler raised: tell the host the way Flask would for a view."""
        report_app_error(self.app, exc)


def report_app_error(app: Flask, exc: BaseException) -> None:
    """``app.logger``, ``got_request_exception`` and a registered ``errorhandler``.

    An app served on its own (``server.start()``) has no host whose log to
    tell: ``htmxtrame.events`` already logged the traceback, so it is not
    printed a second time through that app's logger.
    """
    if not app.extensions.get("htmxtrame_standalone"):
        app.logger.error("htmxtrame: a handler raised %s: %s", type(exc).__name__, exc, exc_info=exc)
    try:
        got_request_exception.send(app, _async_wrapper=app.ensure_sync, exception=exc)
    except Exception:  # noqa: BLE001 - a receiver's failure must not hide the first error
        app.logger.exception("a got_request_exception receiver raised")
    if not isinstance(exc, Exception) or not has_request_context():
        return
    handler = app._find_error_handler(exc, request.blueprints)  # noqa: SLF001 - Flask's own lookup
    if handler is None:
        return
    try:
        # Its response has nowhere to go (the page's answer is the error frame); it is
        # called for what it records: error reporting, rollback, metrics.
        app.ensure_sync(handler)(exc)
    except Exception:  # noqa: BLE001
        app.logger.exception("the errorhandler for %s raised", type(exc).__name__)


@contextlib.contextmanager
def _quiet_exit(ctx: Any) -> Iterator[None]:
    """Push *ctx*; pop it after, logging (not raising) a failing teardown function of the host."""
    ctx.push()
    error: BaseException | None = None
    try:
        yield
    except BaseException as exc:
        error = exc
        raise
    finally:
        try:
            ctx.pop(error)
        except Exception:  # noqa: BLE001 - a teardown must not end the page's connection
            log.exception("a teardown function of the host raised after an htmxtrame message")


def _no_user(app: Flask, environ: dict) -> Any:
    return _quiet_exit(_with_session(app, environ.copy(), NoUserSession()))


def _with_session(app: Flask, environ: dict, sess: Any) -> Any:
    """A request context that uses *sess* instead of opening the request's session."""
    ctx = app.request_context(environ)
    if hasattr(ctx, "_session"):  # Flask >= 3.1: session is a read-only property
        ctx._session = sess  # noqa: SLF001
    else:  # pragma: no cover - older Flask
        ctx.session = sess  # type: ignore[misc]
    return ctx


def _background_environ(app: Flask) -> dict:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(path="/", base_url=f"http://{app.config.get('SERVER_NAME') or 'localhost'}/")
    try:
        return builder.get_environ()
    finally:
        builder.close()


def install(server: Server, app: Flask) -> None:
    """Give *server*'s app code Flask's contexts in *app* (each app it is mounted in)."""
    if app.debug:
        server.debug = True
    # The latest app it was mounted in hosts the changes no page made.
    host = weakref.ref(app)
    environ = _background_environ(app)

    def listener_context() -> Any:
        current = host()
        if current is None or has_request_context():
            return contextlib.nullcontext()
        return _no_user(current, environ)

    server.state._listener_context = listener_context
    server.task_wrapper = _keep_request_context


def _keep_request_context(awaitable: Any) -> Any:
    """An async handler scheduled from a page's message keeps that page's context."""
    if not has_request_context() or isinstance(session._get_current_object(), NoUserSession):  # type: ignore[attr-defined]
        return awaitable
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    environ = replayable(request.environ)
    sess = session._get_current_object()  # type: ignore[attr-defined]
    return _in_request(app, environ, sess, awaitable)


async def _in_request(app: Flask, environ: dict, sess: Any, awaitable: Any) -> Any:
    with _with_session(app, environ, sess):
        return await awaitable

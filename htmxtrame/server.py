"""The Server: ties state, controller, layouts, rendering and transport.

``get_server()`` returns one per name, as in trame. ``server.start()``
serves the page, the websocket and the static files (see
:mod:`htmxtrame.runner` for the exec modes); ``server.init_app(app,
url_prefix=...)`` mounts the same inside a host Flask app instead.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Literal, overload

from . import aio, busy, refs
from .backends import Backend, make_backend
from .cli import Cli, default_argv, make_cli
from .controller import Controller
from .elements import AbstractElement, seed_tree
from .lifecycle import Signal, call_hook
from .modules import Modules
from .render_limits import RenderLimits
from .runner import Runner
from .scopes.factory import SHARED, make_scope
from .server_trame import TrameServerAPI
from .session import Batch, Scope, Session
from .state import State
from .transport.limits import ConnectionCounter, Limits
from .transport.origin import env_hosts, names
from .ui.virtual import VirtualNodeManager
from .values import to_json
from .widgets.client_embed import relink

log = logging.getLogger("htmxtrame.server")


def _has_ref(root: AbstractElement, ref: str) -> bool:
    return any(node.attributes.get("data-ht-ref") == ref for node in root.walk())

# Kept for code that imported them from here.
_Cli = Cli
_make_cli = make_cli
__all__ = ["Server", "default_argv", "get_server"]


class Context(State):
    """``server.context``: server-side values never sent to a page (a State, as in trame).

    Read and write as attributes or items; a missing name reads as ``None``;
    ``@server.context.change("name")`` listeners run at ``context.flush()``
    once the server is up (``context.ready()`` is called with ``state.ready()``).
    """


class _Done:
    """An awaitable that is already finished (``await server.stop()``)."""

    def __await__(self) -> Any:
        if False:  # pragma: no cover - makes this a generator
            yield None
        return None


class Server(TrameServerAPI):
    """One htmxtrame application server (see :func:`htmxtrame.app.get_server`)."""

    def __init__(self, name: str = "trame", **options: Any) -> None:
        self.name = name
        self.options = options
        self.controller = Controller()
        self.state = State(ready=False, on_error=self._on_error, scheduler=self._schedule)
        aio.add_error_hook(self._on_error)  # tasks no server owns (asynchronous.create_task)
        # Tasks module code made before this app went live wait for it (as in trame).
        aio.server_made()
        self.state._on_ready = aio.server_live
        self.templates: dict[str, AbstractElement] = {}
        self.ui = VirtualNodeManager(self)  # named placeholders (htmxtrame.ui.virtual)
        self.context = Context()
        self.cli = make_cli(name)
        self.port: int | None = None
        self.host: str | None = None
        self.running = False
        self.debug = bool(options.get("debug", False))
        # Who may talk to the app, and what one visitor may cost (docs/security.md).
        self.allowed_origins: Any = options.get("allowed_origins")
        self.allowed_hosts: list[str] = [*names(options.get("allowed_hosts")), *env_hosts()]
        self.frame_ancestors: Any = options.get("frame_ancestors")
        self.layout_guard: Callable[[str], bool] | None = options.get("layout_guard")
        self.limits = Limits.from_options(options)
        self.websockets = ConnectionCounter()
        self.max_messages_per_second = options.get("max_messages_per_second", 500)
        self.max_upload_bytes: int = options.get("max_upload_bytes", 10 << 20)
        # permessage-deflate keeps a zlib compressor and decompressor per page
        # (≈ 100-250 KiB of RSS each) to save a few dozen bytes on a
        # fragment; off unless asked for.
        self.websocket_compression: bool = bool(options.get("websocket_compression", False))
        # How long ``await server.network_completion`` waits for slow pages (None: as long as it takes).
        self.network_completion_timeout: float | None = options.get("network_completion_timeout", 10)
        self.modules = Modules()
        self.connections: dict[Session, Any] = {}  # open websockets, closed by stop()
        self._connections_lock = threading.Lock()
        # The render budget of every page load and flush (docs/security.md, "Rendering and dispatch").
        self.render_limits = RenderLimits.from_options(options)
        self._scope = self._make_scope()
        # Where flushes go: this process's pages, and other workers' through
        # Redis when redis_url / HTMXTRAME_REDIS_URL is set (htmxtrame.backends).
        self.backend: Backend = self._connect_backend()
        self._ready = Signal()
        self._runner = Runner(self)
        self._children: dict[str, Any] = {}
        # Wraps each coroutine this app schedules (an embedding keeps the
        # page's Flask request context around async handlers).
        self.task_wrapper: Callable[[Any], Any] | None = None
        self._bound_apps: Any = weakref.WeakSet()  # Flask apps on_server_bind ran for
        self.state.setdefault("trame__title", "htmxtrame")
        busy.seed(self.state)  # trame__busy: 0, and each page's own while the server works for it

    # -- trame's aliases ---------------------------------------------------
    @property
    def ctrl(self) -> Controller:
        """Short for :attr:`controller`."""
        return self.controller

    @property
    def change(self) -> Callable[..., Callable]:
        """``state.change``: ``@server.change("a", "b")``."""
        return self.state.change

    @property
    def trigger(self) -> Callable[..., Callable]:
        """``controller.trigger``: ``@server.trigger("name")``."""
        return self.controller.trigger

    # -- layouts -------------------------------------------------------------
    def set_template(self, name: str, root: AbstractElement) -> None:
        """Install (or re-install) a layout; connected pages re-render."""
        seed_tree(root, self.state)
        embedding = relink(self, name, root)  # before it is installed: refuses a layout inside itself
        self.templates[name] = root
        self.state.flush()
        if self.running or self.connections:
            for shown in (name, *embedding):
                self._scope.refresh(shown)

    def _make_scope(self) -> Scope:
        """This server's own scope, ``"shared"`` (htmxtrame.scopes.factory: backends hook in there)."""
        return make_scope(SHARED, self.state, self.controller, lambda: self.templates, self.render_limits)

    def _connect_backend(self) -> Backend:
        """This server's state backend, with its scope attached under ``"shared"``."""
        backend = make_backend(self.name, self.options)
        backend.attach(SHARED, self._scope)
        return backend

    def scope_for_request(self) -> Scope:
        """The state scope a page or websocket of this request works on."""
        self.backend.join(SHARED)  # current with the other workers before it serves a page
        return self._scope

    def request_owns(self, scope: Scope) -> bool:
        """Whether this request may act on *scope* (a per-session app: only its own session's)."""
        return True

    def templates_for_request(self) -> dict:
        """The layouts a page of this request may show (a per-session app's are its session's)."""
        return self.templates

    def extra_head(self) -> str:
        """Extra ``<head>`` markup: the styles and scripts of enabled modules."""
        return self.modules.head()

    # -- modules and child servers -------------------------------------------
    def enable_module(self, module: Any, **kwargs: Any) -> bool:
        """Add a module's styles, scripts, state and served folders (once)."""
        return self.modules.enable(self, module, **kwargs)

    def create_child_server(self, translator: Any = None, prefix: str | None = None) -> Any:
        """A server sharing this one's state and controller under *prefix*.

        ``child.state.x`` is ``server.state[prefix + "x"]``, ``child.ctrl.f``
        is ``server.ctrl[prefix + "f"]``, and a layout built on the child
        reads and writes the prefixed keys.
        """
        from .child import ChildServer

        prefix = prefix if prefix is not None else getattr(translator, "prefix", None)
        if not isinstance(prefix, str) or not prefix:
            raise ValueError("create_child_server(prefix='child_') needs a non-empty prefix string")
        child = self._children.get(prefix)
        if child is None:
            child = self._children[prefix] = ChildServer(self, prefix)
        return child

    # -- browser calls -------------------------------------------------------
    def js_call(self, ref: str = "", method: str = "", *args: Any, **kwargs: Any) -> None:
        """Call *method* on the element registered with ``ref=`` on every page.

        Every page of this server (of this session, on a session's server),
        on every worker when several share state through Redis; there, args
        with no JSON form keep the call on this worker (logged). A
        server-side view's ref (a VTK view) runs the method here instead.
        ``args=[...]`` is accepted as in trame's guide.
        """
        if not isinstance(ref, str) or not ref or not isinstance(method, str) or not method:
            raise ValueError(
                f"server.js_call(ref, method, *args) needs an element ref and a method name, "
                f"e.g. js_call('name_input', 'focus'); got ref={ref!r}, method={method!r}"
            )
        if set(kwargs) - {"args"}:
            raise TypeError(f"server.js_call() got unexpected keyword argument(s) {sorted(set(kwargs) - {'args'})}")
        args = (*args, *kwargs.get("args", ()))
        if refs.call(self.state, ref, method, list(args)):
            return  # a server-side view (VTK) answered
        if self.templates and not any(_has_ref(root, ref) for root in self.templates.values()):
            # The page would find nothing to call: say so where the developer looks.
            log.warning("server.js_call(%r, %r): no element of any layout has ref=%r; the call does nothing",
                        ref, method, ref)
        # JSON as the page's JavaScript would get it: NumPy values, dates... converted, NaN → null.
        call = {"ref": ref, "method": method, "args": to_json(list(args))}
        if self.debug:
            call["debug"] = True  # the page shows a failed call in its error box, not only the console
        self._scope.broadcast(Batch(calls=[call]))
        # trame sends it to every connected page: with Redis, the other workers' too.
        self.backend.broadcast_call(self._scope.key, call)

    def download(self, content: bytes | str, filename: str, mime: str = "application/octet-stream") -> None:
        """Make every connected page download *content* as *filename*.

        Every page of this server (of this session, on a session's server),
        on every worker when several share state through Redis: the bytes
        are stored there once and any worker serves the link. With Redis
        away, the pages of this worker only (logged).
        """
        from .files import download_call_shared

        call, everywhere = download_call_shared(
            content, filename, mime, shared=True, max_total=self.limits.max_download_bytes,
        )
        self._scope.broadcast(Batch(calls=[call]))
        if everywhere:
            self.backend.broadcast_call(self._scope.key, call)
        elif self.backend.multiprocess:
            log.info("server.download(%r) reaches this worker's pages only: Redis is unreachable, so the other "
                     "workers could not serve its link", call["download"]["name"][:64])

    # -- lifecycle -------------------------------------------------------------
    def _lifecycle(self, hook: str, /, *args: Any, **kwargs: Any) -> None:
        call_hook(self.controller, hook, *args, **kwargs)

    def client_connected(self, session: Session, ws: Any = None) -> None:
        """A page connected (transport calls this)."""
        with self._connections_lock:
            self.connections[session] = ws
        if self._runner.idle is not None:
            self._runner.idle.connected()
        self._lifecycle("on_client_connected")

    def client_exited(self, session: Session) -> None:
        """A page went away (transport calls this)."""
        with self._connections_lock:
            self.connections.pop(session, None)
        if self._runner.idle is not None:
            self._runner.idle.exited()
        self._lifecycle("on_client_exited")

    def close_connections(self) -> None:
        """Close every page's websocket (the page shows "Reconnecting…")."""
        with self._connections_lock:
            sockets = list(self.connections.items())
        for session, ws in sockets:
            session.close()
            if ws is not None:
                try:
                    ws.close(1001, "server shutting down")
                except Exception:  # noqa: BLE001 - already gone
                    pass

    def _schedule(self, awaitable: Any) -> Any:
        # Async listeners, handlers and triggers of this app: their failures are this app's.
        if self.task_wrapper is not None:
            awaitable = self.task_wrapper(awaitable)
        return aio.create_task(awaitable, on_error=self._on_error)

    def _on_error(self, where: str, exc: BaseException) -> None:
        message = f"{where}: {type(exc).__name__}: {exc}"
        call_hook(self.controller, "on_error", message)
        if self.debug:
            # --debug: the developer sees app failures on every page, not only in the log.
            self._scope.broadcast(Batch(errors=[{"code": "app-error", "message": message, "debug": True}]))

    # -- serving -------------------------------------------------------------
    @property
    def ready(self) -> Signal:
        """Awaitable (and ``.wait(timeout)``-able) once the port is bound."""
        return self._ready

    @property
    def url(self) -> str:
        """Where the running server answers."""
        host = self.host if self.host not in (None, "", "0.0.0.0", "::") else "localhost"
        return f"http://{host}:{self.port}/"

    @property
    def network_completion(self) -> Any:
        """Awaitable: resolves once every update queued for a page is written to its socket.

        trame waits as long as it takes; here a page that stops reading its
        socket cannot hang the caller: after ``network_completion_timeout``
        seconds (default 10; ``None`` waits as trame does) it resolves anyway
        and logs a warning saying how many pages were still behind.
        """
        return self._drained(self.network_completion_timeout)

    async def _drained(self, timeout: float | None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._connections_lock:
                sessions = list(self.connections)
            behind = sum(not s.drained() for s in sessions)
            if not behind:
                return
            if deadline is not None and time.monotonic() >= deadline:
                log.warning(
                    "await server.network_completion: %d of %d connected page(s) still had updates queued "
                    "after %s s; resolving anyway (a page that stopped reading its websocket?). Raise "
                    "network_completion_timeout (None waits as long as it takes) if the pages are just slow.",
                    behind, len(sessions), timeout,
                )
                return
            await asyncio.sleep(0.002)

    def blueprint(self, name: str | None = None) -> Any:
        """A Flask blueprint serving this app (page, websocket, static files).

        Register it yourself (``app.register_blueprint(bp, url_prefix="/viz")``);
        registering it makes the app live in that Flask app, as ``init_app`` does.
        """
        from .transport.embed import embeddable

        return embeddable(self, name)

    def init_app(self, app: Any, url_prefix: str = "", name: str | None = None, **options: Any) -> Any:
        """Mount this app inside the Flask *app* under *url_prefix* (``"/viz"``).

        The host's ``before_request`` handlers and login checks run for the
        page, the websocket handshake and every message. Options of this
        mount (see docs/embedding.md): ``template=``/``block=`` (wrap the page
        in the host's Jinja layout), ``login_url=``, ``authorize=``.
        Returns the registered blueprint.
        """
        from .transport.embed import mount

        bp = mount(self, app, url_prefix, name, **options)
        self.embedded_in(app)
        return bp

    def embedded_in(self, app: Any) -> None:
        """The host Flask *app* serves this server.

        ``on_server_bind(app)`` runs once for every app (an app factory's
        second app gets its routes too); the state goes live and
        ``on_server_ready`` runs once.
        """
        from .transport.flaskctx import install

        if app in self._bound_apps:
            return
        self._bound_apps.add(app)
        install(self, app)
        self._lifecycle("on_server_bind", app)
        if not self.state.is_ready:
            self.state.ready()
            self.context.ready()
            # Flushed at once: no page event may come to flush what the hook set, and a key
            # left pending would reach no page and no other worker (and a newer value replaces it).
            with self.state:
                self._lifecycle("on_server_ready", **self.state.to_dict())

    def flask_app(self) -> Any:
        """A Flask app serving this server at ``/`` (for gunicorn: ``app = server.flask_app()``).

        As ``init_app`` does, it makes the state live and runs ``on_server_bind(app)``
        and ``on_server_ready`` once: without that no change would ever be flushed.
        """
        app = self._standalone_app()
        self.embedded_in(app)
        return app

    def _standalone_app(self) -> Any:
        """The Flask app of :meth:`flask_app`, not yet live (``start()`` runs the hooks itself)."""
        from flask import Flask

        from .transport.embed import mount

        app = Flask(f"htmxtrame.{self.name}")
        # No host: no login to re-check, no session of its own; messages skip
        # the per-message request context (see transport.flaskctx).
        app.extensions["htmxtrame_standalone"] = True
        mount(self, app)
        app.after_request(self.http_headers.apply)
        return app

    def start(
        self,
        port: int | None = None,
        thread: bool = False,
        open_browser: bool | None = None,
        show_connection_info: bool = True,
        disable_logging: bool = False,
        backend: str | None = None,
        follow_symlinks: bool | None = None,
        exec_mode: str = "main",
        timeout: int | None = None,
        host: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Serve the app; a second call while running does nothing.

        ``exec_mode="main"`` blocks; ``thread=True`` returns at once;
        ``"task"`` returns an asyncio task and ``"coroutine"`` a coroutine
        (both for use inside a running event loop); ``"desktop"`` (or
        ``--app``) opens a Chromium/Chrome app window. ``timeout`` (CLI
        ``--timeout``, default 300) stops the server after that many
        seconds with no page connected; 0 never.
        """
        unknown = set(kwargs) - {"disableLogging", "client_type", "hot_reload"}
        if unknown:
            raise TypeError(f"server.start() got unexpected keyword argument(s) {sorted(unknown)}")
        if kwargs.get("hot_reload"):
            self._runner.hot_reload = True  # see htmxtrame.hot_reload
        return self._runner.start(
            port=port, thread=thread, open_browser=open_browser,
            show_connection_info=show_connection_info,
            disable_logging=disable_logging or bool(kwargs.get("disableLogging")),
            exec_mode=exec_mode, timeout=timeout, host=host,
        )

    def stop(self) -> _Done:
        """Stop serving (``await server.stop()`` works too)."""
        self._runner.stop()
        return _Done()

    def __repr__(self) -> str:
        return f"<Server {self.name!r} port={self.port}>"


_servers: dict[str, Server] = {}
_servers_lock = threading.Lock()


@overload
def get_server(name: Any = None, create_if_missing: Literal[True] = True, client_type: str | None = None,
               **options: Any) -> Server: ...
@overload
def get_server(name: Any = None, create_if_missing: bool = ..., client_type: str | None = None,
               **options: Any) -> Server | None: ...
def get_server(name: Any = None, create_if_missing: bool = True, client_type: str | None = None,
               **options: Any) -> Server | None:
    """The server called *name* (default ``"trame"``), created on first use.

    ``client_type`` (``"vue2"``/``"vue3"``) is set on the server, as in trame.
    """
    if isinstance(name, Server) or hasattr(name, "_parent_server"):
        return name
    name = name or "trame"
    with _servers_lock:
        server = _servers.get(name)
        if server is None and create_if_missing:
            server = _servers[name] = Server(name, **options)
    if server is not None and client_type is not None:
        server.client_type = client_type
    return server

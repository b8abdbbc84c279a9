"""The Server: ties state, controller, layouts, rendering and transport.

``get_server()`` returns one per name, as in trame. ``server.start()``
serves the page, the websocket and the static files from a threaded WSGI
server; ``server.flask_app()`` / ``server.blueprint()`` let a Flask app
host them instead.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
import threading
import webbrowser
from types import SimpleNamespace
from typing import Any, Callable

from . import aio
from .controller import Controller
from .elements import AbstractElement, seed_tree
from .session import Batch, Scope, Session
from .state import State

log = logging.getLogger("htmxtrame.server")


class _Cli(argparse.ArgumentParser):
    """trame's CLI parser; under pytest it reads ``TRAME_ARGS``, not argv."""

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        if args is None:
            args = default_argv()
        return super().parse_known_args(args, namespace)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        # Apps call parse_args() for their own flags; unknown ones (pytest's,
        # a launcher's) must not abort the app, as they do not in trame.
        return self.parse_known_args(args, namespace)[0]


def default_argv() -> list[str]:
    """The command line the app sees: argv, or ``TRAME_ARGS`` under pytest."""
    if "pytest" in sys.modules or "PYTEST_CURRENT_TEST" in os.environ:
        return shlex.split(os.environ.get("TRAME_ARGS", ""))
    return sys.argv[1:]


def _make_cli(name: str) -> _Cli:
    cli = _Cli(description=f"htmxtrame application ({name})", add_help=True)
    cli.add_argument("--server", action="store_true", help="do not open a browser")
    cli.add_argument("-p", "--port", type=int, default=8080, help="port to listen on (0: any free port)")
    cli.add_argument("--host", default="localhost", help="interface to listen on")
    cli.add_argument("--timeout", type=int, default=300, help="seconds without a page before shutting down (0: never)")
    cli.add_argument("--app", action="store_true", help="open the app in its own window")
    cli.add_argument("--debug", action="store_true", help="show errors on the page and log requests")
    cli.add_argument("--banner", action="store_true", help="print the connection banner")
    return cli


class _Done:
    """An awaitable that is already finished (``await server.stop()``)."""

    def __await__(self) -> Any:
        if False:  # pragma: no cover - makes this a generator
            yield None
        return None


class Server:
    """One htmxtrame application server (see :func:`htmxtrame.app.get_server`)."""

    def __init__(self, name: str = "trame", **options: Any) -> None:
        self.name = name
        self.options = options
        self.controller = Controller()
        self.state = State(ready=False, on_error=self._on_error, scheduler=aio.create_task)
        self.templates: dict[str, AbstractElement] = {}
        self.ui = SimpleNamespace()
        self.context = SimpleNamespace()
        self.cli = _make_cli(name)
        self.port: int | None = None
        self.host: str | None = None
        self.running = False
        self.debug = False
        self.allowed_origins: set[str] | None = options.get("allowed_origins")
        self.max_messages_per_second = options.get("max_messages_per_second", 500)
        self._scope = Scope(self.state, self.controller, lambda: self.templates)
        self.state.commit_fn = self._scope.commit
        self._httpd: Any = None
        self._serve_thread: threading.Thread | None = None
        self.state.setdefault("trame__title", "htmxtrame")

    # -- trame's aliases ---------------------------------------------------
    @property
    def ctrl(self) -> Controller:
        """Short for :attr:`controller`."""
        return self.controller

    def change(self, *keys: str) -> Callable:
        """Alias of ``state.change``."""
        return self.state.change(*keys)

    def trigger(self, name: str) -> Callable:
        """Alias of ``controller.trigger``."""
        return self.controller.trigger(name)

    # -- layouts -------------------------------------------------------------
    def set_template(self, name: str, root: AbstractElement) -> None:
        """Install (or re-install) a layout; connected pages re-render."""
        seed_tree(root, self.state)
        self.templates[name] = root
        setattr(self.ui, name, root)
        self.state.flush()
        if self.running:
            self._scope.refresh(name)

    def scope_for_request(self) -> Scope:
        """The state scope a page or websocket of this request works on."""
        return self._scope

    def extra_head(self) -> str:
        """Extra ``<head>`` markup (modules' styles and scripts)."""
        return ""

    # -- browser calls -------------------------------------------------------
    def js_call(self, ref: str, method: str, *args: Any) -> None:
        """Call *method* on the element registered with ``ref=`` on every page."""
        self._scope.broadcast(Batch(calls=[{"ref": ref, "method": method, "args": list(args)}]))

    # -- lifecycle hooks -----------------------------------------------------
    def _lifecycle(self, hook: str, /, *args: Any, **kwargs: Any) -> None:
        proxy = self.controller._funcs.get(hook)
        if proxy is None or not proxy.exists():
            return
        try:
            result = proxy(*args, **kwargs)
            for value in result if isinstance(result, list) else [result]:
                if hasattr(value, "__await__"):
                    aio.create_task(value)
        except Exception:  # noqa: BLE001 - a hook must not stop the server
            log.exception("lifecycle hook ctrl.%s raised", hook)

    def client_connected(self, session: Session) -> None:
        """A page connected (transport calls this)."""
        self._lifecycle("on_client_connected")

    def client_exited(self, session: Session) -> None:
        """A page went away (transport calls this)."""
        self._lifecycle("on_client_exited")

    def _on_error(self, where: str, exc: BaseException) -> None:
        proxy = self.controller._funcs.get("on_error")
        if proxy is not None and proxy.exists():
            try:
                proxy(f"{where}: {type(exc).__name__}: {exc}")
            except Exception:  # noqa: BLE001
                log.exception("ctrl.on_error raised")

    # -- serving -------------------------------------------------------------
    def blueprint(self, name: str | None = None) -> Any:
        """A Flask blueprint serving this app (page, websocket, static files)."""
        from .transport.blueprint import make_blueprint

        return make_blueprint(self, name)

    def flask_app(self) -> Any:
        """A Flask app serving this server at ``/``."""
        from flask import Flask

        app = Flask(f"htmxtrame.{self.name}")
        app.config["SOCK_SERVER_OPTIONS"] = {"max_message_size": 1 << 20, "ping_interval": 25}
        app.register_blueprint(self.blueprint())
        return app

    def start(
        self,
        port: int | None = None,
        thread: bool = False,
        open_browser: bool | None = None,
        show_connection_info: bool = True,
        disable_logging: bool = False,
        backend: str | None = None,
        exec_mode: str = "main",
        timeout: int | None = None,
        host: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Serve the app. Blocks unless ``thread=True``; a second call does nothing."""
        if self.running:
            return None
        from werkzeug.serving import make_server

        args, _ = self.cli.parse_known_args()
        self.debug = bool(getattr(args, "debug", False))
        port = args.port if port is None else port
        host = host or args.host
        if disable_logging or kwargs.get("disableLogging") or not self.debug:
            logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._httpd = make_server(host, port, self.flask_app(), threaded=True)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_port
        self.host = host
        self.running = True
        self._lifecycle("on_server_start", self)
        self.state.set_ready()
        self._lifecycle("on_server_ready", **self.state.to_dict())
        url = f"http://{host}:{self.port}/"
        if show_connection_info:
            print(f"\nApp running at:\n - Local:   {url}\n", flush=True)
        if open_browser is None:
            open_browser = not args.server
        if open_browser:
            webbrowser.open(url)
        if thread:
            self._serve_thread = threading.Thread(target=self._serve, name=f"htmxtrame-{self.name}", daemon=True)
            self._serve_thread.start()
            return None
        self._serve()
        return None

    def _serve(self) -> None:
        try:
            self._httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.running = False

    def stop(self) -> _Done:
        """Stop serving; ``await server.stop()`` works too."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._serve_thread is not None and self._serve_thread is not threading.current_thread():
            self._serve_thread.join(timeout=5)
        self.running = False
        self._lifecycle("on_server_exited", **self.state.to_dict())
        return _Done()

    def __repr__(self) -> str:
        return f"<Server {self.name!r} port={self.port}>"


_servers: dict[str, Server] = {}
_servers_lock = threading.Lock()


def get_server(name: Any = None, create_if_missing: bool = True, **options: Any) -> Server | None:
    """The server called *name* (default ``"trame"``), created on first use."""
    if isinstance(name, Server):
        return name
    name = name or "trame"
    with _servers_lock:
        server = _servers.get(name)
        if server is None and create_if_missing:
            server = _servers[name] = Server(name, **options)
        return server

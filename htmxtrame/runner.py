"""Serving a server on a port: ``server.start()``'s exec modes and ``stop()``.

A :class:`Runner` binds the server's Flask app with werkzeug's threaded WSGI
server (the same machinery as Flask's dev server, one thread per request
and per websocket, at most ``max_connections`` of them: :mod:`.wsgi_server`) and runs its accept loop in the calling thread
(``exec_mode="main"``), a background thread (``thread=True``), or a
background thread awaited by an asyncio task/coroutine (``"task"``,
``"coroutine"``) so several servers run side by side in one event loop.
``"desktop"`` shows the app in its own Chromium/Chrome ``--app`` window and
stops the server when that window closes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import webbrowser
from typing import TYPE_CHECKING, Any

from werkzeug.serving import WSGIRequestHandler

from . import hot_reload
from .aio import current_loop
from .cli import under_pytest
from .lifecycle import IdleWatch, Signal, call_hook
from .memory import cap_malloc_arenas
from .transport.origin import ENV_ALLOWED_HOSTS, names
from .utils.banner import print_banner
from .wsgi_server import make_capped_server

if TYPE_CHECKING:  # pragma: no cover
    from .server import Server

log = logging.getLogger("htmxtrame.runner")

EXEC_MODES = ("main", "task", "coroutine", "desktop")
DESKTOP_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class Runner:
    """Owns one server's listening socket, accept thread and idle watch."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.httpd: Any = None
        self.thread: threading.Thread | None = None
        self.idle: IdleWatch | None = None
        self.stopped = Signal()
        self._lock = threading.Lock()
        self._starting = False
        # How far the current start() got: on_server_start called, port bound.
        self._announced = self._bound = False
        # The thread running the accept loop, once it runs: stop() from another
        # thread waits for that loop to end (shutdown() would hang before it starts).
        self._serving: threading.Thread | None = None
        self.hot_reload = False  # server.start(hot_reload=True)
        self.reloader: Any = None  # the hot-reload watcher, while one runs

    # -- start -------------------------------------------------------------
    def start(
        self,
        port: int | None,
        thread: bool,
        open_browser: bool | None,
        show_connection_info: bool,
        disable_logging: bool,
        exec_mode: str,
        timeout: int | None,
        host: str | None,
    ) -> Any:
        """See :meth:`htmxtrame.server.Server.start`."""
        if not self._claim():
            return None  # a second start() while running does nothing
        try:
            return self._start(port, thread, open_browser, show_connection_info, disable_logging, exec_mode,
                               timeout, host)
        except KeyboardInterrupt:
            if thread or exec_mode not in ("main", "desktop"):
                raise  # start() already returned control to the caller's code: its Ctrl-C to handle
            # start() blocks: Ctrl-C may land anywhere in it, even inside a hook.
            self._interrupted()
            return None

    def _start(
        self, port: int | None, thread: bool, open_browser: bool | None, show_connection_info: bool,
        disable_logging: bool, exec_mode: str, timeout: int | None, host: str | None,
    ) -> Any:
        try:
            args, _ = self.server.cli.parse_known_args()
            if exec_mode not in EXEC_MODES:
                raise ValueError(f"server.start(exec_mode={exec_mode!r}): use one of {', '.join(EXEC_MODES)}")
            if getattr(args, "app", False) and exec_mode == "main":
                exec_mode = "desktop"
            if open_browser is None:
                # Under pytest nobody is there to look at a browser tab.
                open_browser = not args.server and not under_pytest()
            settings: dict[str, Any] = {
                "port": args.port if port is None else port,
                "host": host or args.host,
                "timeout": args.timeout if timeout is None else timeout,
                "show": show_connection_info or args.banner,
                "logo": bool(args.banner),  # trame's --banner prints its logo once the server is ready
                "quiet": disable_logging,
                # The desktop window replaces the browser tab.
                "browse": bool(open_browser) and exec_mode != "desktop",
            }
            self.server.debug = self.server.debug or bool(args.debug)
            hosts = self.server.allowed_hosts
            hosts.extend(h for h in names(getattr(args, "allowed_hosts", "")) if h not in hosts)
            if self.hot_reload or getattr(args, "hot_reload", False) or hot_reload.env_enabled():
                # Checked before binding: without watchfiles the flag says how to get it.
                try:
                    import watchfiles  # noqa: F401
                except ImportError:
                    raise SystemExit(f"--hot-reload: {hot_reload.INSTALL_HINT}") from None
                settings["reload"] = True
            browser = find_desktop_browser() if exec_mode == "desktop" else None
        except BaseException:
            self._starting = False
            raise
        if exec_mode in ("task", "coroutine"):
            # The coroutine claims the start when it first runs: one that is
            # never awaited, is closed, or whose task is cancelled before it
            # ran must not leave the server "starting" for ever.
            self._starting = False
            coro = self._serve_async(settings)
            if exec_mode == "coroutine":
                return coro
            # trame's rule: the task goes on the current event loop, running or
            # not (module code, then ``loop.run_until_complete(gather(t1, t2))``).
            task = current_loop().create_task(coro)
            # This run's signal: a task cancelled after stop() (its loop closing) must not
            # resolve the next run's ``server.ready`` to False.
            ready = self.server._ready
            task.add_done_callback(lambda done: self._task_done(done, ready))
            return task
        self._bind(**settings)
        if exec_mode == "desktop":
            self._spawn_accept_thread()
            assert browser is not None  # found (or refused) before the server was bound
            self._desktop(browser, wait=not thread)
        elif thread:
            self._spawn_accept_thread()
        else:
            self._accept()
        return None

    def _task_done(self, task: asyncio.Task, ready: Signal) -> None:
        """trame's rule for ``await server.ready`` (*ready*, the signal of the task's own run): a task
        cancelled before binding resolves it to False, a failed bind raises its error there."""
        if task.cancelled():
            if not self.server.running:
                ready.set(False)
        elif task.exception() is not None:
            ready.fail(task.exception())  # type: ignore[arg-type]

    def _interrupted(self) -> None:
        """Ctrl-C during a blocking ``start()``: stop as ``stop()`` would, wherever it landed."""
        self._starting = False
        if self.httpd is not None:
            self.stop()
        elif self._announced and not self._bound:
            # Interrupted before the port was bound: nothing to close, but the
            # app still hears that the server it started has ended.
            call_hook(self.server.controller, "on_server_exited", **self.server.state.snapshot())

    def _claim(self) -> bool:
        """Mark a start as under way; ``False`` if one is already, or the server runs."""
        with self._lock:
            if self._starting or self.server.running:
                return False
            self._starting, self._announced, self._bound = True, False, False
            return True

    async def _serve_async(self, settings: dict) -> None:
        if self._claim():
            self._bind(**settings)
            self._spawn_accept_thread()
        elif not self.server.running:
            return  # another start() is binding right now: it owns the server
        # Otherwise started another way meanwhile: this coroutine follows that run.
        try:
            await self.stopped
        except asyncio.CancelledError:
            # Cancelling the task is how asyncio code says "stop this server".
            self.stop()
            raise

    def _bind(
        self, port: int, host: str, timeout: int, show: bool, quiet: bool, browse: bool, reload: bool = False,
        logo: bool = False,
    ) -> None:
        server = self.server
        try:
            self._announced = True
            call_hook(server.controller, "on_server_start", server)
            app = server._standalone_app()
            call_hook(server.controller, "on_server_bind", app)
            cap_malloc_arenas()  # this process serves: a thread per page (see memory.py)
            handler = request_handler(log_requests=server.debug and not quiet, timeout=server.limits.request_timeout)
            try:
                self.httpd = make_capped_server(host, port, app, handler, server.limits.max_connections)
            except (OSError, SystemExit) as exc:
                # werkzeug exits the process when the port is taken; an app
                # (or a test) deserves an exception it can handle instead.
                raise OSError(  # worded as asyncio's bind error, which trame code matches on
                    f"cannot listen: error while attempting to bind on address ({host!r}, {port}): "
                    f"{getattr(exc, 'strerror', None) or 'address in use'}; "
                    "pick another port with --port/-p, or --port 0 for any free one"
                ) from exc
            self._bound = True
            self.httpd.daemon_threads = True
            self.stopped = Signal()
            server.port = self.httpd.server_port
            server.host = host
            server.running = True
        finally:
            self._starting = False
        self.idle = IdleWatch(timeout, lambda: server.stop())
        self.idle.start()
        server.state.ready()
        server.context.ready()
        if reload and self.reloader is None:
            self.reloader = hot_reload.start(server)
        server._ready.set(server.port)
        if logo:
            print_banner()
        if show:
            print(banner(host, server.port, timeout, server.allowed_hosts), flush=True)
        if browse:
            webbrowser.open(server.url)
        with server.state:  # what the hook sets reaches pages (and other workers) now, as in init_app
            call_hook(server.controller, "on_server_ready", **server.state.to_dict())

    def _spawn_accept_thread(self) -> None:
        self.thread = threading.Thread(target=self._accept, name=f"htmxtrame-{self.server.name}", daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        with self._lock:
            httpd = self.httpd
            if httpd is None:
                return  # stopped before the loop began (a hook called stop())
            self._serving = threading.current_thread()
        try:
            # No timeout: an idle server must not wake up (stop() wakes it).
            httpd.serve_forever(poll_interval=None)
        finally:
            if self.thread is None or self.thread is threading.current_thread():
                # Main mode, stopped from another thread or by Ctrl-C: finish the shutdown here.
                self.stop()

    def _desktop(self, browser: str, wait: bool) -> None:
        profile = tempfile.mkdtemp(prefix="htmxtrame-desktop-")
        proc = subprocess.Popen(
            [browser, f"--app={self.server.url}", f"--user-data-dir={profile}", "--no-first-run"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

        def watch() -> None:
            proc.wait()
            shutil.rmtree(profile, ignore_errors=True)
            self.server.stop()  # the window closed: the app is done

        if wait:
            try:
                watch()
            except KeyboardInterrupt:
                proc.terminate()
                self.server.stop()
        else:
            threading.Thread(target=watch, name="htmxtrame-desktop", daemon=True).start()

    # -- stop --------------------------------------------------------------
    def stop(self) -> None:
        """Close every page's socket, stop accepting, run ``on_server_exited``."""
        with self._lock:
            httpd, self.httpd = self.httpd, None
            serving, self._serving = self._serving, None
        if httpd is None:
            return
        server = self.server
        server.running = False
        if self.reloader is not None:
            self.reloader.stop()
            self.reloader = None
        if self.idle is not None:
            self.idle.stop()
        server.close_connections()
        if serving is not None and serving is not threading.current_thread():
            _shutdown(httpd)
        httpd.server_close()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout=5)
        self.thread = None
        server._ready = Signal()
        call_hook(server.controller, "on_server_exited", **server.state.snapshot())
        self.stopped.set()


def _shutdown(httpd: Any, timeout: float = 5.0) -> None:
    """End *httpd*'s accept loop, which waits for a connection with no timeout.

    ``shutdown()`` only raises a flag the loop reads when it wakes, so a
    connection to the listening socket wakes it (again, until it has ended:
    one made before the flag was up is just served).
    """
    done = threading.Thread(target=httpd.shutdown, name="htmxtrame-shutdown", daemon=True)
    done.start()
    deadline = time.monotonic() + timeout
    while done.is_alive() and time.monotonic() < deadline:
        _poke(httpd.server_address)
        done.join(0.05)


def _poke(address: Any) -> None:
    if not isinstance(address, tuple):
        return  # not TCP: nothing to connect to
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(address[0], address[0])
    try:
        socket.create_connection((host, address[1]), timeout=0.5).close()
    except OSError:
        pass  # already closed: the loop has ended


class NoDelayRequestHandler(WSGIRequestHandler):
    """werkzeug's request handler, its socket sending each write at once.

    With Nagle's algorithm on, a small write waits for the peer to
    acknowledge the previous one, and the peer delays that acknowledgement
    by up to 40 ms: a response's body (written after its headers) or a
    frame pushed right after another would wait that long. gunicorn turns
    it off too.
    """

    disable_nagle_algorithm = True


class QuietRequestHandler(NoDelayRequestHandler):
    """werkzeug's request handler without the line per request (errors still log)."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        return None


class _HeadReader:
    """A request's input that gives its line and headers one deadline in all.

    A per-read timeout alone lets a client that sends a header line every
    few seconds (slowloris) hold its thread for ever; the body (a big upload
    on a slow link) keeps the per-read timeout only.
    """

    def __init__(self, raw: Any, handler: TimedMixin) -> None:
        self._raw = raw
        self._handler = handler

    def readline(self, limit: int = -1) -> bytes:
        """A line, read within what is left of the head's deadline."""
        handler = self._handler
        deadline = handler.head_deadline
        if deadline is not None and handler.timeout:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request's line and headers took too long")
            handler.connection.settimeout(min(left, handler.timeout))
        return self._raw.readline(limit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class TimedMixin:
    """A silent connection gives its thread back after ``timeout`` seconds.

    The timeout covers each read of a request (its line, headers, body), an
    idle keep-alive connection, and the line and headers together (a client
    trickling header lines gets no longer); a websocket, once upgraded, waits
    as long as it lives (its pings find dead pages).
    """

    timeout: float | None = None
    head_deadline: float | None = None
    connection: Any
    headers: Any
    rfile: Any

    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        self.rfile = _HeadReader(self.rfile, self)

    def handle_one_request(self) -> None:
        self.head_deadline = time.monotonic() + self.timeout if self.timeout else None
        super().handle_one_request()  # type: ignore[misc]

    def run_wsgi(self) -> None:
        self.head_deadline = None  # the head is in: the body has the per-read timeout
        websocket = self.headers.get("Upgrade", "").lower() == "websocket"
        self.connection.settimeout(None if websocket else self.timeout)
        super().run_wsgi()  # type: ignore[misc]

    def log_error(self, format: str, *args: Any) -> None:
        # Every browser leaves idle keep-alive connections behind: their
        # timing out is routine, not an error worth a line each.
        if format.startswith("Request timed out"):
            log.debug("closed a silent HTTP connection after %s s", self.timeout)
            return
        super().log_error(format, *args)  # type: ignore[misc]


def request_handler(log_requests: bool, timeout: float | None = None) -> type[WSGIRequestHandler]:
    """The request handler for one server: a log line per request, or none.

    Chosen per server rather than through the shared ``werkzeug`` logger, so
    a quiet server (``disable_logging``, or no ``--debug``) never silences a
    ``--debug`` one in the same process. *timeout*: seconds a half-sent or
    idle HTTP request may hold its thread.
    """
    base: type[WSGIRequestHandler] = NoDelayRequestHandler
    if not log_requests:
        base = QuietRequestHandler
    else:
        werkzeug_log = logging.getLogger("werkzeug")
        if werkzeug_log.getEffectiveLevel() > logging.INFO:
            werkzeug_log.setLevel(logging.INFO)
    if not timeout:
        return base
    return type(f"Timed{base.__name__}", (TimedMixin, base), {"timeout": timeout})


def banner(host: str, port: int, timeout: int, allowed_hosts: list[str] | None = None) -> str:
    """The connection info printed once the server listens."""
    shown = "localhost" if host in ("", "0.0.0.0", "::") else host
    lines = ["", "App running at:", f" - Local:   http://{shown}:{port}/"]
    if host in ("", "0.0.0.0", "::"):
        lines.append(f" - Network: http://{_lan_address()}:{port}/")
        if not allowed_hosts:
            lines.append(
                "(answers to localhost and IP addresses only; to reach it by name, e.g. http://mybox.local:"
                f"{port}/, add --allowed-hosts mybox.local or set {ENV_ALLOWED_HOSTS})"
            )
    if timeout > 0:
        lines.append(f"(shuts down after {timeout} s without a connected page; --timeout 0 keeps it up)")
    lines.append("")
    return "\n".join(lines)


def _lan_address() -> str:
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # no packet is sent; picks the outgoing interface
            return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def find_desktop_browser() -> str:
    """The Chromium/Chrome to open ``--app`` windows with, or a clear error."""
    override = os.environ.get("HTMXTRAME_BROWSER")
    if override:
        found = shutil.which(override)
        if found:
            return found
        raise RuntimeError(f"HTMXTRAME_BROWSER={override!r} is not an executable; point it at Chromium or Chrome")
    for name in DESKTOP_BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(
        "exec_mode='desktop' (or --app) opens the app in a Chromium/Chrome --app window, but neither "
        f"was found on PATH (looked for {', '.join(DESKTOP_BROWSERS)}). Install Chromium, set "
        "HTMXTRAME_BROWSER to its path, or start without --app and open the printed URL."
    )

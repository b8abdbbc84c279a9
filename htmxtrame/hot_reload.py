"""Hot reload: saving the app's file updates every open page, state kept.

Turned on by ``--hot-reload``, ``TRAME_HOT_RELOAD=1`` or
``server.start(hot_reload=True)``. A thread watches the app's folder with
``watchfiles`` (the optional ``hot-reload`` extra). When the app's file, or
a module it imported from that folder, is saved:

1. every changed file is compiled first; a syntax error is logged and shown
   on the pages, and nothing else happens (the previous version serves on);
2. the listeners, controller bindings and triggers defined in the app's
   folder are unbound, and the changed local modules are reloaded;
3. the app's file is executed again in its own module namespace, against
   the same server (``get_server()`` returns it; ``server.start()`` is a
   no-op while it runs). Flushes are held meanwhile, pages are not
   refreshed halfway, and element ids restart where the old layout's did,
   so the morph keeps the focused field and its text;
4. state values are kept: a key the new code assigns keeps its live value
   unless the code's own initial value for it changed (``trame__*`` keys,
   the title and favicon, always follow the code). Background tasks whose
   coroutine the new code started again replace the old ones;
5. every page gets the new layout at once (``trame__hot_reload`` counts the
   reloads), or, when the new code raised, the error, with the old
   listeners, bindings and layouts put back.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.machinery
import itertools
import logging
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import aio
from .session import Batch

if TYPE_CHECKING:  # pragma: no cover
    from .server import Server

log = logging.getLogger("htmxtrame.hot_reload")

INSTALL_HINT = (
    "hot reload needs the watchfiles package: pip install 'htmxtrame[hot-reload]' (or pip install watchfiles)"
)
RELOAD_KEY = "trame__hot_reload"  # state key counting the reloads (pages hide a reload error on it)


def env_enabled() -> bool:
    """``TRAME_HOT_RELOAD`` is set to something true."""
    return os.environ.get("TRAME_HOT_RELOAD", "").strip().lower() not in ("", "0", "false", "no", "off")


def hot_reload(func: Callable) -> Callable:
    """Decorator (trame's ``@hot_reload``): each call runs the newest saved version of *func*.

    Functions the app re-registers on reload are new anyway; this matters
    for a function something else kept a reference to (a thread, a class
    attribute). Without hot reload it calls *func* itself.
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        newest = _newest(func) if _active else func
        return newest(*args, **kwargs)

    wrapper.__hot_reload_wrapped__ = func  # type: ignore[attr-defined]
    return wrapper


def _newest(fn: Callable) -> Callable:
    """*fn* as its module (re-executed in the same namespace) defines it now, by qualified name."""
    first, *rest = fn.__qualname__.split(".")
    found: Any = getattr(fn, "__globals__", {}).get(first)
    for part in rest:
        found = getattr(found, part, None) if found is not None else None
    found = getattr(found, "__hot_reload_wrapped__", found)
    return found if callable(found) else fn


_active = False  # a watcher runs in this process


def start(server: Server) -> Reloader | None:
    """Watch the app's files for *server*; raises ``RuntimeError`` without watchfiles."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise RuntimeError(INSTALL_HINT) from None
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path:
        log.warning("hot reload: the app runs from no file (an interactive session?); nothing to watch")
        return None
    file = Path(path).resolve()
    if "site-packages" in file.parts or ".venv" in file.parts:
        # `python -m pytest`, a console script: no app file of the developer's to watch.
        log.warning("hot reload: %s is not an app file; nothing to watch", file)
        return None
    with _reloaders_lock:
        running = _reloaders.get(file)
        if running is not None and not running.stopped:
            # A second server of the same file: one watcher re-runs the file for both.
            return running
        reloader = _reloaders[file] = Reloader(server, main, file)
    reloader.start()
    return reloader


_reloaders: dict[Path, Reloader] = {}
_reloaders_lock = threading.Lock()


class Reloader:
    """Watches one app's folder and re-executes its code against its server."""

    def __init__(self, server: Server, main: ModuleType, path: Path) -> None:
        self.server = server
        self.main = main
        self.path = path.resolve()
        self.folder = self.path.parent
        self.count = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        # The values the code gave each key the last time it ran (see _settle).
        self.baseline = server.state.snapshot()
        # Re-executing the app's file re-adds its CLI flags: let them replace
        # themselves (argparse's groups keep a copy of the setting).
        cli: Any = server.cli
        for container in (cli, *cli._action_groups, *cli._mutually_exclusive_groups):
            container.conflict_handler = "resolve"

    def start(self) -> None:
        """Start the watcher thread."""
        global _active
        _active = True
        self._thread = threading.Thread(target=self._watch, name="htmxtrame-hot-reload", daemon=True)
        self._thread.start()
        log.info("hot reload: watching %s", self.folder)

    @property
    def stopped(self) -> bool:
        """The watcher was told to stop."""
        return self._stop.is_set()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()

    def _watch(self) -> None:
        import watchfiles

        for changes in watchfiles.watch(
            self.folder, watch_filter=watchfiles.PythonFilter(), stop_event=self._stop,
            debounce=80, step=20, raise_interrupt=False,
        ):
            changed = {Path(p).resolve() for _, p in changes}
            try:
                self.reload(changed)
            except Exception:  # noqa: BLE001 - the watcher must survive any reload failure
                log.exception("hot reload failed")

    # -- one reload ------------------------------------------------------------
    def reload(self, changed: set[Path] | None = None) -> bool:
        """Apply saved changes (all the app's files when *changed* is None); ``True`` on success."""
        with self._lock:
            local = self._local_modules()
            if changed is not None and self.path not in changed and not any(_file(m) in changed for m in local):
                return False  # a file the app never imported
            try:
                # Everything compiles before anything runs: a syntax error changes nothing.
                main = _SavedSource(self.main.__name__, self.path)
                modules = [(m, _SavedSource(m.__name__, _file(m))) for m in local]
            except SyntaxError as exc:
                self._failed(f"{Path(exc.filename or self.path).name} line {exc.lineno}: SyntaxError: {exc.msg}", exc)
                return False
            except OSError as exc:  # saved halfway, or deleted: wait for the next save
                log.warning("hot reload: cannot read %s: %s", exc.filename, exc)
                return False
            return self._run(main, modules)

    def _run(self, main: _SavedSource, modules: list[tuple[ModuleType, _SavedSource]]) -> bool:
        server, state = self.server, self.server.state
        saved = _Saved(server, self.folder)
        tasks_before = self._app_tasks()
        saved.unbind()
        _hold(state)
        scope = server._scope
        scope.refresh = lambda *a, **k: None  # type: ignore[method-assign]  # one refresh, once it all worked
        try:
            _restart_ids(saved.templates)
            for module, source in modules:  # import order: a module's imports reload before it
                source.exec_module(module)
            main.exec_module(self.main)
        except BaseException as exc:  # noqa: BLE001 - SystemExit from an app's argparse too
            del scope.refresh
            saved.restore()
            _release(state)
            where = _where(exc, self.folder)
            self._failed(f"{where}{type(exc).__name__}: {exc}", exc)
            return False
        del scope.refresh
        _catch_up_ids()
        self._settle(saved.data)
        self.count += 1
        state[RELOAD_KEY] = self.count
        # The new layout goes out first (rendered with the values about to be
        # committed), then the flush: fragments the listeners change follow it.
        scope.refresh()
        _release(state)
        self._replace_tasks(tasks_before)
        log.warning("hot reload: %s reloaded (%d)", self.path.name, self.count)
        return True

    def _settle(self, before: dict) -> None:
        """Keep live values over what the re-run code assigned, unless the code's value changed."""
        state = self.server.state
        with state._lock:
            pending = state._pending_update
            for key in list(pending):
                value = pending[key]
                if key in before and not key.startswith("trame__"):
                    changed_in_code = key in self.baseline and not _same(self.baseline[key], value)
                    if not changed_in_code:
                        # The pushed state still holds the live value: nothing changed, no listener runs.
                        del pending[key]
                        state._listener_keys.pop(key, None)
                        state._modified_keys.discard(key)
                self.baseline[key] = value

    def _failed(self, message: str, exc: BaseException) -> None:
        # A syntax error's own lines say it all; a failure while running shows where.
        syntax = isinstance(exc, SyntaxError)
        shown = traceback.format_exception_only(exc) if syntax else traceback.format_exception(exc)
        log.error("hot reload: %s; the previous version keeps running\n%s", message, "".join(shown).rstrip())
        text = f"Hot reload failed: {message}. The previous version keeps running; save again to retry."
        self.server._scope.broadcast(Batch(errors=[{"code": "hot-reload-failed", "message": text, "debug": True}]))

    def _local_modules(self) -> list[ModuleType]:
        """Modules imported from the app's folder (import order), the app's file excluded."""
        found = []
        for module in list(sys.modules.values()):
            path = _file(module)
            if path is None or module is self.main or Path(path) == self.path:
                continue
            if _inside(Path(path), self.folder):
                found.append(module)
        return found

    # -- background tasks ------------------------------------------------------
    def _app_tasks(self) -> dict[asyncio.Task, str]:
        """Running tasks whose coroutine the app's folder defines."""
        async def collect() -> dict[asyncio.Task, str]:
            await asyncio.sleep(0)  # let create_task calls made from other threads land
            found = {}
            for task in asyncio.all_tasks():
                coro = task.get_coro()
                code = getattr(coro, "cr_code", None)
                if code is not None and _inside(Path(code.co_filename), self.folder):
                    found[task] = code.co_qualname if hasattr(code, "co_qualname") else code.co_name
            return found

        try:
            return asyncio.run_coroutine_threadsafe(collect(), aio.loop()).result(2)
        except Exception:  # noqa: BLE001 - a busy loop only costs the task replacement
            return {}

    def _replace_tasks(self, before: dict[asyncio.Task, str]) -> None:
        """Cancel old tasks whose coroutine the new code started again (the clock loop)."""
        if not before:
            return
        now = self._app_tasks()
        restarted = {name for task, name in now.items() if task not in before}
        for task, name in before.items():
            if name in restarted:
                aio.loop().call_soon_threadsafe(task.cancel)


class _SavedSource(importlib.machinery.SourceFileLoader):
    """The import system's loader for one saved file, compiled once, when made.

    Running a module through it is what ``importlib.reload`` does, minus the
    ``.pyc`` cache: two saves within one second can leave the same mtime and
    size, and the cache would then run the older code.
    """

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self.code = self.source_to_code(self.get_data(str(path)), str(path))

    def get_code(self, fullname: str) -> Any:
        return self.code


class _Saved:
    """What a reload unbinds, kept to put back when the new code fails."""

    def __init__(self, server: Server, folder: Path) -> None:
        self.server, self.folder = server, folder
        state, ctrl = server.state, server.controller
        with state._lock:
            self.data = dict(state._pushed_state)
            self.pending = dict(state._pending_update)
            self.listener_keys = dict(state._listener_keys)
            self.listeners = {k: list(v) for k, v in state._change_callbacks.items()}
        self.funcs = {
            name: (f.func, list(f.funcs), list(f.funcs_once), list(f.task_funcs)) for name, f in ctrl._func_dict.items()
        }
        self.triggers = dict(ctrl._triggers)
        self.trigger_names = dict(ctrl._triggers_fn2name)
        self.templates = dict(server.templates)

    def unbind(self) -> None:
        """Forget the listeners, bindings and triggers the app's folder defines."""
        state, ctrl = self.server.state, self.server.controller
        mine = functools.partial(_defined_in, folder=self.folder)
        with state._lock:
            for entries in state._change_callbacks.values():
                entries[:] = [e for e in entries if not mine(e[0])]
        for f in ctrl._func_dict.values():
            if f.func is not None and mine(f.func):
                f.func = None
            for fn in [fn for group in (f.funcs, f.funcs_once, f.task_funcs) for fn in group if mine(fn)]:
                f.discard(fn)
        for name in [n for n, fn in ctrl._triggers.items() if mine(fn)]:
            ctrl.trigger_unregister(name)

    def restore(self) -> None:
        """Put back everything as it was before the failed reload."""
        state, ctrl = self.server.state, self.server.controller
        with state._lock:
            state._change_callbacks.clear()
            state._change_callbacks.update(self.listeners)
            state._pending_update.clear()
            state._pending_update.update(self.pending)
            state._listener_keys.clear()
            state._listener_keys.update(self.listener_keys)
        for name, (func, funcs, once, tasks) in self.funcs.items():
            f = ctrl._func_dict.get(name) or ctrl[name]
            f.func, f.funcs, f.funcs_once, f.task_funcs = func, funcs, once, tasks
        ctrl._triggers.clear()
        ctrl._triggers.update(self.triggers)
        ctrl._triggers_fn2name.clear()
        ctrl._triggers_fn2name.update(self.trigger_names)
        self.server.templates.clear()
        self.server.templates.update(self.templates)


# -- helpers -------------------------------------------------------------------
def _hold(state: Any) -> None:
    """Hold flushes (values collect, nothing runs or is pushed) while the new code runs."""
    with state._lock:
        state._status.ready = False


def _release(state: Any) -> None:
    """Flushes run again; what collected meanwhile is flushed now."""
    with state._lock:
        state._status.ready = True
    state.flush()


def _same(old: Any, new: Any) -> bool:
    from .state import _same as same

    return same(old, new)


def _file(module: ModuleType) -> Any:
    path = getattr(module, "__file__", None)
    return Path(path).resolve() if isinstance(path, str) and path.endswith(".py") else None


_PACKAGE = Path(__file__).resolve().parent  # htmxtrame itself: never the app's code, even in a checkout


def _inside(path: Path, folder: Path) -> bool:
    """*path* is the app's own code: below *folder*, not a library, not htmxtrame."""
    try:
        path = path.resolve()
    except OSError:
        return False
    if folder not in path.parents or _PACKAGE == path.parent or _PACKAGE in path.parents:
        return False
    return ".venv" not in path.parts and "site-packages" not in path.parts


def _defined_in(fn: Any, folder: Path) -> bool:
    """True when *fn*'s code lives in *folder* (so re-running the app defines it again)."""
    for _ in range(8):  # bound methods, partials, decorators' __wrapped__
        inner = getattr(fn, "__func__", None) or getattr(fn, "func", None) or getattr(fn, "__wrapped__", None)
        if inner is None or inner is fn:
            break
        fn = inner
    code = getattr(fn, "__code__", None)
    return code is not None and _inside(Path(code.co_filename), folder)


def _where(exc: BaseException, folder: Path) -> str:
    """``app.py line 12: `` for the deepest frame of the app's own code."""
    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if _inside(Path(frame.filename), folder):
            where = f"{Path(frame.filename).name} line {frame.lineno}: "
    return where


_ID = re.compile(r"^ht(\d+)$")


def _restart_ids(templates: dict) -> None:
    """Number the new layout's elements from where the old one's started.

    Auto ids (``ht12``) come from a process-wide counter: without this the
    rebuilt layout would get all-new ids, the morph would replace every
    element instead of updating it, and the focused field would lose focus.
    """
    from .elements import base

    first = None
    for root in templates.values():
        for el in _walk(root):
            m = _ID.match(str(el.__dict__.get("_ht_id", "")))
            if m:
                first = int(m.group(1)) if first is None else min(first, int(m.group(1)))
    if first is not None:
        global _high
        _high = max(_high, next(base._ids))
        base._ids = itertools.count(first)


_high = 0  # the counter's high-water mark before a reload restarted it


def _catch_up_ids() -> None:
    """After a reload, new elements get ids above every id ever handed out."""
    from .elements import base

    now = next(base._ids)
    base._ids = itertools.count(max(now, _high))


def _walk(el: Any) -> Any:
    stack = [el]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in getattr(node, "children", ()) if hasattr(c, "__dict__"))

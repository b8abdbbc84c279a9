"""``server.enable_module(...)``: what a trame module brings to a page.

A module is a Python module or a dict with any of: ``serve``
(``{url_prefix: folder}``, static files served beside the page), ``styles``
and ``scripts`` (URLs, usually inside a served folder, added to the page's
``<head>``), ``state`` (initial values) and ``setup(server, **kwargs)``.
Vue-only entries (``vue_use``, ``module_scripts``...) mean nothing without
Vue and are ignored with a debug log line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from dominate.util import escape

log = logging.getLogger("htmxtrame.modules")

_PREFIX = re.compile(r"^[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*$")
_KNOWN = {"serve", "styles", "scripts", "state", "setup"}


class Modules:
    """The modules one server enabled, and what they add to its pages."""

    def __init__(self) -> None:
        self.enabled: list[Any] = []
        self.serve: dict[str, Path] = {}
        self.styles: list[str] = []
        self.scripts: list[str] = []

    def enable(self, server: Any, module: Any, **kwargs: Any) -> bool:
        """Apply *module* once; False when it was already enabled."""
        if any(m is module for m in self.enabled):
            return False
        spec = _as_dict(module)
        for key, folder in (spec.get("serve") or {}).items():
            self._add_folder(str(key), folder, module)
        self.styles += [s for s in _urls(spec.get("styles"), "styles") if s not in self.styles]
        self.scripts += [s for s in _urls(spec.get("scripts"), "scripts") if s not in self.scripts]
        state = spec.get("state")
        if state:
            if not isinstance(state, dict):
                raise TypeError(f"enable_module: 'state' must be a dict of initial values, got {type(state).__name__}")
            for key, value in state.items():
                server.state.setdefault(key, value)
        setup = spec.get("setup")
        if callable(setup):
            setup(server, **kwargs)
        unknown = set(spec) - _KNOWN
        if unknown:
            log.debug("enable_module: ignored entries with no meaning here: %s", sorted(unknown))
        self.enabled.append(module)
        return True

    def _add_folder(self, prefix: str, folder: Any, module: Any) -> None:
        prefix = prefix.strip("/")
        dots = any(part in (".", "..") for part in prefix.split("/"))
        if not _PREFIX.match(prefix) or dots or prefix.startswith("__htmxtrame"):
            raise ValueError(
                f"enable_module: serve prefix {prefix!r} must be a plain URL path such as "
                "'my_module' (letters, digits, _ . -), not starting with __htmxtrame"
            )
        path = Path(folder).resolve()
        if not path.is_dir():
            raise FileNotFoundError(f"enable_module({_name(module)}): serve[{prefix!r}] = {str(folder)!r} is not a folder")
        self.serve[prefix] = path

    def find(self, filename: str) -> tuple[Path, str] | None:
        """The served folder and the file path inside it for a request path."""
        for prefix in sorted(self.serve, key=len, reverse=True):
            if filename.startswith(prefix + "/"):
                return self.serve[prefix], filename[len(prefix) + 1:]
        return None

    def head(self) -> str:
        """``<link>`` and ``<script>`` tags for the page's ``<head>``."""
        tags = [f'<link rel="stylesheet" href="{escape(url)}">' for url in self.styles]
        tags += [f'<script src="{escape(url)}" defer></script>' for url in self.scripts]
        return "".join(tags)


def _as_dict(module: Any) -> dict:
    if isinstance(module, dict):
        return module
    if isinstance(module, (ModuleType, type)) or hasattr(module, "__dict__"):
        return {k: getattr(module, k) for k in dir(module) if not k.startswith("_")}
    raise TypeError(f"enable_module() takes a module or a dict, got {type(module).__name__}")


def _urls(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not all(isinstance(v, str) for v in value):
        raise TypeError(f"enable_module: {what} must be a list of URL strings, got {value!r}")
    return list(value)


def _name(module: Any) -> str:
    return getattr(module, "__name__", None) or type(module).__name__


# trame's ``trame.modules.www`` (its Vue client's files). htmxtrame's page
# assets are built in, so enabling it adds nothing; kept so trame code that
# calls ``server.enable_module(www)`` runs unchanged.
www = ModuleType("htmxtrame.modules.www", "trame's web client module: nothing to add in htmxtrame.")

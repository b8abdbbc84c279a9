"""Material Design Icons as inline SVG: a page carries only the icons it shows.

The SVG paths of every ``mdi-*`` icon come from ``@mdi/js`` (see
``static/manifest.json``), stored compressed in ``static/icons/mdi.txt.xz``
and read once, on the first icon used. An icon given as an expression
(``icon=("open ? 'mdi-minus' : 'mdi-plus'",)``, ``prepend_icon=("item.icon",)``)
is looked up on the server, in the whole set, each time it renders: the page
carries only the icons it shows. An unknown name draws a placeholder and logs
one line.
"""

from __future__ import annotations

import logging
import lzma
import threading
from pathlib import Path
from typing import Any

from ...elements import AbstractElement
from ...expr.jsvalues import UNDEFINED, to_js_string
from .core import VElement, el, is_bound

log = logging.getLogger("htmxtrame.widgets.vuetify")

_lock = threading.Lock()
_paths: dict[str, str] | None = None


def _data_file() -> Path:
    here = Path(__file__).resolve()
    for root in (here.parents[2] / "static", here.parents[3] / "static"):
        candidate = root / "icons" / "mdi.txt.xz"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "the Material Design Icons data (static/icons/mdi.txt.xz) is missing; reinstall htmxtrame"
    )


def icon_paths() -> dict[str, str]:
    """Every icon's SVG path by name (``"mdi-home"`` → ``"M10 20V14..."``)."""
    global _paths
    with _lock:
        if _paths is None:
            text = lzma.decompress(_data_file().read_bytes()).decode()
            _paths = {}
            for line in text.splitlines():
                name, _, path = line.partition(" ")
                _paths["mdi-" + name] = path
        return _paths


def icon_path(name: str) -> str | None:
    """The SVG path of icon *name* (``mdi-home`` or ``home``), None if unknown."""
    name = name.strip()
    if not name.startswith("mdi-"):
        name = "mdi-" + name.removeprefix("mdi ")
    return icon_paths().get(name)


#: unknown names already logged (bounded: a name from state could be anything)
_logged: set[str] = set()
_LOG_LIMIT = 1000
#: drawn for a name the set does not have: a dashed square with a question mark
MISSING = "mdi-help-box-outline"


def _unknown(name: str) -> None:
    with _lock:
        if name in _logged or len(_logged) >= _LOG_LIMIT:
            return
        _logged.add(name)
    log.warning("unknown icon %r (expected an mdi-* name such as 'mdi-home'); a placeholder is drawn", name[:80])


def _name(value: Any) -> str | None:
    if value is None or value is UNDEFINED or isinstance(value, bool):
        return None
    name = to_js_string(value).strip()
    return name or None


def _missing(value: Any) -> bool:
    name = _name(value)
    return name is not None and (len(name) > 100 or icon_path(name) is None)


def shown_path(value: Any) -> str | None:
    """The SVG path an icon expression's *value* draws: its icon, a placeholder, or None (no icon)."""
    name = _name(value)
    if name is None:
        return None
    if _missing(name):
        _unknown(name)
        return icon_paths().get(MISSING)
    return icon_path(name)


def svg(icon: Any) -> AbstractElement | None:
    """An ``<svg>`` element drawing *icon*: a name, or ``("expr",)`` whose value names one.

    A bound icon is looked up on the server at each render, in the whole
    set: only the icon shown travels to the page.
    """
    if icon is None or icon is False or icon is True:
        return None
    node = el("svg", viewBox="0 0 24 24", role="img", aria_hidden="true", classes="v-icon__svg")
    if is_bound(icon):
        from .computed import Computed

        source = str(icon[0])
        node._bindings["class"] = Computed(f"icon {source}", [source],
                                           lambda v: "v-icon__svg--missing" if _missing(v) else "")
        path = el("path")
        path._bindings["d"] = Computed(f"icon {source}", [source], shown_path)
        node.add(path)
        return node
    path_d = icon_path(str(icon))
    if path_d is None:
        _unknown(str(icon))
        return el("span", classes="v-icon__missing", title=str(icon))
    node.add(el("path", d=path_d))
    return node


class VIcon(VElement):
    """``VIcon("mdi-home")`` or ``VIcon(icon="mdi-home", color="primary", size="small")``."""

    _tag = "i"
    _base = "v-icon notranslate"
    _props = frozenset({"icon", "start", "end", "disabled"})
    _color_mode = "text"

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        if isinstance(children, str) and "icon" not in kwargs:
            # VIcon("mdi-home") / VIcon("{{ name }}"): the text (slot content,
            # which Vue interpolates) names the icon. A literal icon= prop is
            # never interpolated, as in Vue.
            kwargs["icon"] = (children.replace("{{", "").replace("}}", "").strip(),) if "{{" in children else children
            children = None
        super().__init__(children, **kwargs)

    def _build(self) -> None:
        self.attributes["aria-hidden"] = "true"
        svg(self.prop("icon"))

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static = []
        for flag in ("start", "end", "disabled"):
            if self.prop(flag) is True:
                static.append(f"v-icon--{flag}")
        return static, []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        size = self.prop("size")
        if isinstance(size, (int, float)) or (isinstance(size, str) and size.replace(".", "").isdigit()):
            return [f"font-size: {size}px"], []
        if isinstance(size, str) and size.endswith(("px", "em", "rem")):
            return [f"font-size: {size}"], []
        return [], []


def icon(name: Any, classes: str = "") -> VIcon | None:
    """A :class:`VIcon` for a prop such as ``prepend_icon`` (None when unset)."""
    if name is None or name is False:
        return None
    return VIcon(icon=name, classes=classes or None)

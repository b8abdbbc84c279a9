"""Material Design Icons as inline SVG: a page carries only the icons it shows.

The SVG paths of every ``mdi-*`` icon come from ``@mdi/js`` (see
``static/manifest.json``), stored compressed in ``static/icons/mdi.txt.xz``
and read once, on the first icon used. An icon given as an expression
(``icon=("open ? 'mdi-minus' : 'mdi-plus'",)``) renders every ``mdi-*`` name
written in that expression, picked by its value on the server.
"""

from __future__ import annotations

import logging
import lzma
import re
import threading
from pathlib import Path
from typing import Any

from ...elements import AbstractElement
from .core import VElement, el, is_bound, js

log = logging.getLogger("htmxtrame.widgets.vuetify")

_lock = threading.Lock()
_paths: dict[str, str] | None = None
_NAME = re.compile(r"mdi-[a-z0-9-]+")


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


def svg(icon: Any) -> AbstractElement | None:
    """An ``<svg>`` element drawing *icon*: a name, or ``("expr",)`` naming one."""
    if icon is None or icon is False or icon is True:
        return None
    d: Any
    if is_bound(icon):
        source = str(icon[0])
        names = dict.fromkeys(_NAME.findall(source))
        table = {n: p for n in names if (p := icon_path(n)) is not None}
        if not table:
            log.warning("icon expression %r names no mdi-* icon; nothing is drawn", source)
        d = (f"({js(table)})[String({source}).trim().replace('mdi ', '')]",)
    else:
        path = icon_path(str(icon))
        if path is None:
            log.warning("unknown icon %r (expected an mdi-* name such as 'mdi-home')", icon)
            return el("span", classes="v-icon__missing", title=str(icon))
        d = path
    node = el("svg", viewBox="0 0 24 24", role="img", aria_hidden="true", classes="v-icon__svg")
    node.add(el("path", d=d))
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

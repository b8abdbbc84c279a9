"""Vuetify themes: ``light``, ``dark`` and the app's own, as CSS classes and variables.

``define_theme("ocean", dark=True, colors={"primary": "#0277BD"})`` makes
``VApp(theme="ocean")`` (or ``VThemeProvider``, or any component's
``theme=``, literal or bound to state) render with dark surfaces and its
own colors: the element gets ``v-theme--ocean v-theme--dark v-theme--custom``
and CSS variables (``--v-theme-primary``...) that the stylesheet's
``.v-theme--custom .bg-primary`` rules read. Themes are app code; nothing the
page sends can define one.
"""

from __future__ import annotations

import re
import threading
from typing import Any

#: the theme color names Vuetify apps set (``color="primary"`` ... read them)
COLOR_NAMES = ("primary", "secondary", "accent", "error", "info", "success", "warning", "surface", "background")
_NAME = re.compile(r"^[a-zA-Z][\w-]{0,40}$")
_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]+\))$")
_lock = threading.Lock()
_themes: dict[str, tuple[bool, dict[str, str]]] = {"light": (False, {}), "dark": (True, {})}


def define_theme(name: str, dark: bool = False, colors: dict[str, str] | None = None) -> None:
    """Register theme *name*: ``dark`` surfaces or light, and *colors* by Vuetify name (CSS colors)."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"theme name {name!r}: use letters, digits, '-' or '_' (at most 41), starting with a letter")
    checked: dict[str, str] = {}
    for key, value in (colors or {}).items():
        if key not in COLOR_NAMES:
            raise ValueError(f"theme {name!r}: unknown color {key!r}; theme colors are {', '.join(COLOR_NAMES)}")
        if not isinstance(value, str) or not _COLOR.match(value.strip()):
            raise ValueError(f"theme {name!r}: color {key}={value!r} is not a CSS color such as '#1867C0'")
        checked[key] = value.strip()
    with _lock:
        _themes[name] = (bool(dark), checked)


def theme_classes(name: Any) -> str:
    """The classes an element themed *name* gets ('' for no theme; unknown names are light)."""
    if not isinstance(name, str) or not _NAME.match(name):
        return ""
    dark, colors = _themes.get(name, (False, {}))
    classes = [f"v-theme--{name}"]
    if dark and name != "dark":
        classes.append("v-theme--dark")
    if colors:
        classes.append("v-theme--custom")
    return " ".join(classes)


def theme_style(name: Any) -> str:
    """The CSS variables of theme *name*'s own colors ('' when it has none)."""
    if not isinstance(name, str):
        return ""
    _, colors = _themes.get(name, (False, {}))
    parts = [f"--v-theme-{k}: {v}" for k, v in colors.items()]
    if "primary" in colors:
        parts.append(f"--v-primary: {colors['primary']}")
    if "surface" in colors:
        parts.append(f"--v-surface: {colors['surface']}")
    if "background" in colors:
        parts.append(f"background-color: {colors['background']}")
    return "; ".join(parts)


def is_custom(name: Any) -> bool:
    """Whether *name* is a theme with colors of its own."""
    return isinstance(name, str) and bool(_themes.get(name, (False, {}))[1])


def known_themes(fn: Any) -> dict[str, str]:
    """``fn(name)`` for every registered theme (for a theme bound to state)."""
    with _lock:
        names = list(_themes)
    return {name: fn(name) for name in names}

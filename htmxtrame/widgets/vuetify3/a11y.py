"""Accessible names the widgets give themselves, and the warning when an app gave none.

An icon-only control (``VBtn(icon="mdi-delete")``) has no text for a
screen reader to read. Vuetify leaves it nameless; here it takes its name
from ``aria_label`` or ``title`` when the app gave one, else from what its
icon means (``mdi-delete`` → "Delete", ``mdi-format-align-left`` → "Format
align left"), and the log says which widget should be given a name.
"""

from __future__ import annotations

import logging
import re
import weakref
from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag

from ...elements import AbstractElement
from .core import is_bound, js

log = logging.getLogger("htmxtrame.widgets.vuetify")

_NAME = re.compile(r"mdi-[a-z0-9-]+")
NAME_ATTRS = ("aria-label", "aria-labelledby", "title")

# Icons whose usual meaning on a button is not their picture's name.
_MEANINGS = {
    "menu": "Menu", "close": "Close", "plus": "Add", "minus": "Remove", "delete": "Delete", "trash-can": "Delete",
    "pencil": "Edit", "magnify": "Search", "refresh": "Refresh", "reload": "Reload", "content-save": "Save",
    "content-copy": "Copy", "download": "Download", "upload": "Upload", "cog": "Settings", "dots-vertical": "More",
    "dots-horizontal": "More", "chevron-left": "Previous", "chevron-right": "Next", "chevron-up": "Collapse",
    "chevron-down": "Expand", "menu-down": "Open", "arrow-left": "Back", "arrow-right": "Forward",
    "heart": "Like", "thumb-up": "Like", "thumb-down": "Dislike", "check": "Done", "restore": "Reset",
    "information": "Information", "help-circle": "Help", "bell": "Notifications", "logout": "Log out",
    "login": "Log in", "eye": "Show", "eye-off": "Hide", "open-in-new": "Open in a new tab", "send": "Send",
    "filter": "Filter", "share-variant": "Share", "printer": "Print", "play": "Play", "pause": "Pause",
    "stop": "Stop", "undo": "Undo", "redo": "Redo", "weather-night": "Dark theme", "weather-sunny": "Light theme",
}
_SUFFIXES = ("-circle-outline", "-outline", "-circle", "-box", "-thick", "-variant")


def icon_meaning(glyph: str) -> str:
    """What an ``mdi-*`` icon means as a button's name (``"mdi-plus"`` → ``"Add"``)."""
    name = glyph.strip().removeprefix("mdi-").removeprefix("mdi ")
    for candidate in (name, *(name.removesuffix(s) for s in _SUFFIXES if name.endswith(s))):
        if candidate in _MEANINGS:
            return _MEANINGS[candidate]
    words = name.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def has_name(node: AbstractElement) -> bool:
    """Whether the app gave *node* a name (``aria_label``, ``aria_labelledby`` or ``title``)."""
    return any(a in node.attributes or a in node._bindings for a in NAME_ATTRS)


def name_from_icon(node: AbstractElement, glyph: Any, what: str = "button") -> bool:
    """Name icon-only *node* from its icon *glyph* (a name or ``("expr",)``) unless it has a name.

    Logs a warning when the app gave no name; returns whether it named it.
    """
    if has_name(node) or glyph in (None, True, False):
        return False
    if is_bound(glyph):
        source = str(glyph[0])
        names = dict.fromkeys(_NAME.findall(source))
        if not names:
            return False
        table = {n: icon_meaning(n) for n in names}
        AbstractElement._set(node, "aria-label", (f"({js(table)})[String({source}).trim()] ?? ''",))
        meaning = " / ".join(table.values())
    else:
        meaning = icon_meaning(str(glyph))
        node.attributes["aria-label"] = meaning
    node.__dict__["_auto_name"] = True
    log.warning("icon-only %s %s (%s) has no aria_label or title: named %r from its icon; "
                "give it aria_label=... to say what it does", what, node.attributes.get("id", "without an id"),
                glyph[0] if is_bound(glyph) else glyph, meaning)
    return True


def inside(class_name: str) -> bool:
    """Whether the element being built is inside a ``with <class_name>(...)`` block (``"VMenu"``)."""
    frames = dom_tag._with_contexts.get(_get_thread_context(), [])
    return any(type(getattr(f, "tag", None)).__name__ == class_name for f in frames)


def needs_name(node: AbstractElement, what: str) -> None:
    """Warn (once per widget) that *node*, a *what* such as a listbox, should be given a name."""
    if has_name(node) or node.__dict__.get("_warned_name"):
        return
    node.__dict__["_warned_name"] = True
    log.warning("%s %s has no aria_label or aria_labelledby: screen readers cannot say what it picks; "
                "give it aria_label=...", what, node.attributes.get("id", "without an id"))


def drop_auto_name(node: AbstractElement) -> None:
    """*node* got visible text after it was named from its icon: its text is its name."""
    if node.__dict__.pop("_auto_name", False):
        node.attributes.pop("aria-label", None)
        node._bindings.pop("aria-label", None)


# -- tabs and their panels -------------------------------------------------------------------
# A VTabs and the VWindow it drives share nothing but their v_model key; they
# may sit far apart (tabs in the app bar, the window in the content). Each
# tab and each page registers under (the tree it is built in, the model
# key, its value expression); when both halves of a pair are known they are
# wired as the APG's tabs pattern wires them.
_pairs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _tree_of(node: Any) -> Any:
    """The root of the tree *node* is being built in (widgets join their parent only as their block ends)."""
    frames = dom_tag._with_contexts.get(_get_thread_context(), [])
    if frames and getattr(frames[0], "tag", None) is not None:
        node = frames[0].tag
    while getattr(node, "parent", None) is not None:
        node = node.parent
    return node


def pair_tab(group: AbstractElement, model: str, value: Any, node: AbstractElement, kind: str) -> None:
    """Register *node*, a ``"tab"`` or a ``"panel"`` of *group* bound to *model*, for item *value*.

    A tab and a panel of the same model and value, in the same tree, get
    ``aria-controls`` (the tab) and ``role="tabpanel"`` + ``aria-labelledby``
    (the panel). Items whose value or id is bound to state (rows of a
    ``v_for``) are left alone: their ids are not known before rendering.
    """
    if model.startswith("ht__") or is_bound(node.prop("value")) or "id" in node._bindings:
        return
    pairs = _pairs.setdefault(_tree_of(group), {})
    halves = pairs.setdefault((model, str(value)), {"tab": weakref.WeakSet(), "panel": weakref.WeakSet()})
    halves[kind] = weakref.WeakSet([node])  # a rebuilt tab or page replaces the old one
    tabs, panels = list(halves["tab"]), list(halves["panel"])
    if not tabs or not panels:
        return
    tab, panel = tabs[0], panels[0]
    for n in (tab, panel):
        n.attributes.setdefault("id", n._ht_id)
    tab.attributes["aria-controls"] = panel.attributes["id"]
    panel.attributes["role"] = "tabpanel"
    panel.attributes["aria-labelledby"] = tab.attributes["id"]


__all__ = ["drop_auto_name", "pair_tab", "has_name", "icon_meaning", "inside", "name_from_icon", "needs_name"]

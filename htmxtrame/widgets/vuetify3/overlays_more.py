"""More overlays: ``VOverlay``, ``VBottomSheet``, ``VSpeedDial``, ``VSnackbarQueue``, ``VCommandPalette``.

``VOverlay`` and ``VBottomSheet`` are :class:`~.overlays.VDialog`'s server
state (open while ``v_model`` is true, the scrim's click closes unless
``persistent``); ``VSpeedDial`` is a :class:`~.overlays.VMenu` (a popover,
no round trip) holding buttons. A snackbar queue shows the first message
of its ``v_model`` list; when its timeout runs out (the page's timer hook)
or it is closed, the server drops it and the next one shows. A command
palette is a dialog with a search field over ``items``, filtered on the
server; picking one raises ``click_item`` with it.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from .cards import VList, VListItem
from .computed import Rows
from .containers import VBtn
from .core import VElement, el, handler, is_bound, js, src, text_child
from .feedback import _location
from .overlays import VDialog, VMenu

MAX_QUEUE_SHOWN = 1


class VOverlay(VDialog):
    """A layer over the page (or over its container with ``contained``), open while ``v_model`` is true;
    a click on the scrim closes it unless ``persistent``. ``scrim=False`` draws none."""

    _base = "v-overlay-wrap"
    _props = VDialog._props | {"contained", "absolute", "z_index", "close_on_back", "opacity", "model_value",
                               "location_strategy", "scroll_strategy", "no_click_animation", "target"}

    def _set(self, name: str, value: Any) -> None:
        if self._v2 and name == "value" and isinstance(value, tuple):
            name = "v_model"  # Vuetify 2's overlay shows while its value is true
        super()._set(name, value)

    def _make(self) -> None:
        super()._make()
        overlay = self._overlay
        overlay.attributes["class"] = "v-overlay v-overlay--active" + (
            " v-overlay--contained" if self.prop("contained") not in (None, False) else "") + (
            " v-overlay--absolute" if self.prop("absolute") not in (None, False) else "")
        overlay.attributes.pop("role", None)
        overlay.attributes.pop("aria-modal", None)
        if self.prop("scrim") is False:
            overlay.children[0].attributes["class"] = "v-overlay__scrim v-overlay__scrim--none"


class VBottomSheet(VDialog):
    """A dialog that slides up from the bottom edge: ``v_model``, ``inset`` (narrower), ``persistent``."""

    _props = VDialog._props | {"inset"}

    def _make(self) -> None:
        super()._make()
        self._overlay.attributes["class"] += " v-bottom-sheet" + (
            " v-bottom-sheet--inset" if self.prop("inset") not in (None, False) else "")


class VSpeedDial(VMenu):
    """A floating button that unfolds more buttons: the activator slot's button opens it (a popover),
    the buttons inside are its menu items; ``location`` (``"top center"`` …) says where they unfold."""

    _props = VMenu._props | {"location", "transition", "open_on_hover", "model_value"}

    def _make(self) -> None:
        super()._make()
        box = self._slots["default"]
        words = _location(self, "top center")
        box.attributes["class"] += " v-speed-dial " + " ".join(f"v-speed-dial--{w}" for w in words)
        box.attributes["aria-label"] = "Actions"

    def _adopt(self, item: Any) -> None:
        super()._adopt(item)
        if isinstance(item, AbstractElement) and getattr(item, "slot_name", None) != "activator":
            for node in item.walk():
                if isinstance(node, VBtn):
                    node.attributes["role"] = "menuitem"  # buttons in a role=menu box


# -- snackbar queue ----------------------------------------------------------------------------
class VSnackbarQueue(VElement):
    """Messages shown one after another: ``v_model`` is a list of texts (or ``{text, color, timeout}``);
    the first shows, and leaves the list after ``timeout`` ms (default 5000) or its close button
    (``closable``, ``close_text``); ``location``, ``color``, ``variant``, ``timer``.
    """

    _base = "v-snackbar v-snackbar__wrapper"
    _default_variant = "elevated"
    _props = frozenset({"timeout", "location", "closable", "close_text", "total_visible", "text", "timer",
                        "multi_line", "vertical", "z_index", "contained", "attach", "transition", "model_value",
                        "position", "absolute", "collapsed", "gap", "display_strategy", "content_class"})

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__queue_{self._ht_id}"
            value = self.prop("model_value", [])
            self._defaults.append((model, list(value) if isinstance(value, (list, tuple)) else []))
        self.__dict__["_model_key"] = model
        shown = f"[].concat({model} ?? [])"
        first = f"{shown}[0]"
        obj = f"(typeof {first} === 'object' && {first} !== null)"
        timeout = src(self.prop("timeout", 5000))
        drop = f"{model} = {shown}.slice(1)"
        seq = f"ht__queue_{self._ht_id}_n"  # a new message is a new element: its timer starts afresh
        self._defaults.append((seq, 0))
        # one row per message shown, keyed by a counter: a new message is a new element, so its timer starts
        wrapper = el("div", v_for=f"n in ({shown}.length > 0 ? [{seq}] : [])", key=("n",))
        wrapper._set("data-ht-timeout", (f"{obj} && {first}.timeout != null ? {first}.timeout : {timeout}",))
        self.__dict__["_wrapper"] = wrapper
        self.__dict__["_color_expr"] = f"{obj} && {first}.color ? 'bg-' + {first}.color : ''"
        with wrapper:
            el("span", classes="v-snackbar__underlay")
            el("div", text_child((f"{obj} ? {first}.text : {first}",)), classes="v-snackbar__content", role="status",
               aria_live="polite")
            if self.prop("closable") not in (None, False):
                with el("div", classes="v-snackbar__actions"):
                    close = VBtn(text=str(self.prop("close_text", "Close")), variant="text",
                                 click=f"{drop}; {seq} = {seq} + 1")
                    self.chain(close, "click", "update_modelValue", model)
        wrapper._events["timeout"] = handler("timeout", f"{drop}; {seq} = {seq} + 1")
        self.chain(wrapper, "timeout", "update_modelValue", model)
        words = _location(self, "bottom")
        self.__dict__["_root_classes"] = "v-snackbar-wrap " + " ".join(f"v-snackbar--{w}" for w in words)

    def _refresh(self) -> None:
        super()._refresh()
        self.attributes["class"] = self.__dict__.get("_root_classes", "v-snackbar-wrap")

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if "_color_expr" in self.__dict__:  # a message's own colour
            dynamic.append(self._color_expr)
        return static, dynamic

    def _styled(self) -> AbstractElement:
        return self.__dict__.get("_wrapper") or self


# -- command palette ------------------------------------------------------------------------------
class VCommandPaletteItemComponent(VListItem):
    """One command of a :class:`VCommandPalette`: ``item`` (``{title, subtitle, prependIcon, hotkey}``)."""

    _base = "v-command-palette-item v-list-item"
    _props = VListItem._props | {"item", "index"}

    def _build(self) -> None:
        item = self.prop("item")
        if isinstance(item, dict):
            for key, prop in (("title", "title"), ("subtitle", "subtitle"), ("prependIcon", "prepend_icon"),
                              ("prepend_icon", "prepend_icon")):
                if key in item and self.prop(prop) is None:
                    self._p[prop] = item[key]
        elif is_bound(item):
            name = f"({item[0]})"
            self._p.setdefault("title", (f"{name}.title",))
            self._p.setdefault("subtitle", (f"{name}.subtitle",))
        super()._build()


class VCommandPalette(VDialog):
    """A searchable list of commands in a dialog: ``v_model`` (open), ``items`` (``{title, value, subtitle,
    prependIcon}``), ``placeholder``, ``search`` (bound: the query), ``close_on_execute`` (default on),
    ``no_data_text``. Picking a command raises ``click_item`` (``$event``: the item) and closes it.
    """

    _props = VDialog._props | {"items", "placeholder", "search", "close_on_execute", "no_data_text", "hotkey",
                               "list_props", "item_title", "item_value", "dialog_props"}
    _known_events = VDialog._known_events | {"click_item", "update_search"}

    def _make(self) -> None:
        if self.prop("max_width") is None and self.prop("width") is None:
            self._p["max_width"] = 560
        super()._make()
        box = self._slots["default"]
        self._overlay.attributes["aria-label"] = str(self.prop("placeholder", "Command palette"))
        search = self.prop("search")
        query = str(search[0]).strip() if is_bound(search) else f"ht__palette_{self._ht_id}_q"
        if not is_bound(search):
            self._defaults.append((query, ""))
        title, value = self.prop("item_title", "title"), self.prop("item_value", "value")

        def matches(items: Any, q: Any) -> list[tuple]:
            words = str(q or "").strip().lower()
            out: list[tuple] = []
            for item in items if isinstance(items, list) else []:
                text = str(item.get(title, "") if isinstance(item, dict) else item)
                extra = str(item.get("subtitle", "")) if isinstance(item, dict) else ""
                if not words or words in text.lower() or words in extra.lower():
                    out.append((item, len(out)))
                if len(out) >= 200:
                    break
            return out

        with box:
            with el("div", classes="v-card v-command-palette"):
                field = el("input", type="search", classes="v-command-palette__input", autocomplete="off", autofocus=True,
                           placeholder=str(self.prop("placeholder", "Search commands")),
                           aria_label=str(self.prop("placeholder", "Search commands")), v_model=query)
                self.chain(field, "input", "update_search", query)
                rows = Rows(("item", "index"), [src(self.prop("items", [])), query], matches, f"{self._ht_id} commands")
                with VList(density="compact", classes="v-command-palette__list", aria_label="Commands") as lst:
                    obj = "(typeof item === 'object' && item !== null)"
                    row = VListItem(title=(f"{obj} ? item[{js(title)}] : item",),
                                    subtitle=(f"{obj} ? item.subtitle : null",),
                                    prepend_icon=(f"{obj} ? (item.prependIcon ?? item.prepend_icon) : null",),
                                    click=(f"{self._key} = {js(self.prop('close_on_execute', True) is not False)} ? "
                                           f"false : {self._key}"))
                    row.__dict__["_loop"] = Loop(rows, rows.source)
                    self.chain(row, "click", "click_item", "item")
                    row.attributes["tabindex"] = "0"
                    row.attributes["data-ht-press"] = True
                lst.attributes["data-ht-roving"] = True
                empty = Rows(("none",), [src(self.prop("items", [])), query],
                             lambda items, q: [] if matches(items, q) else [(True,)], f"{self._ht_id} none")
                node = el("div", str(self.prop("no_data_text", "No matching commands")),
                          classes="v-command-palette__no-data", role="status")
                node.__dict__["_loop"] = Loop(empty, empty.source)
        _ = value  # item_value: the item itself is what click_item passes, as Vuetify's


__all__ = ["VBottomSheet", "VCommandPalette", "VCommandPaletteItemComponent", "VOverlay", "VSnackbarQueue",
           "VSpeedDial"]

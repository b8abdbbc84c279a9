"""Cards and lists, with Vuetify's named slots.

``with VCard(): with Template(v_slot_title=True): ...`` puts the slot's
content where the card's title goes (replacing ``title="..."``); cards take
``title``, ``subtitle``, ``prepend``, ``append``, ``text`` and ``actions``
slots, list items ``title``, ``subtitle``, ``prepend`` and ``append``.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from .a11y import inside
from .core import VElement, as_link, el, is_bound, js, place, simple, src, text_child
from .icons import icon
from .selection import LIST_MODELS, list_select, list_selection


def _text(node: AbstractElement, value: Any) -> None:
    """Put a text prop (literal or bound) into *node*."""
    if value is None:
        return
    node.add(text_child(value))


class _TextBlock(VElement):
    """A block whose ``text`` prop (or children) is its content."""

    _props = frozenset({"text"})

    def _build(self) -> None:
        _text(self, self.prop("text"))


VCardTitle = type("VCardTitle", (_TextBlock,), {"_base": "v-card-title", "__doc__": "A card's title."})
VCardSubtitle = type("VCardSubtitle", (_TextBlock,), {"_base": "v-card-subtitle", "__doc__": "A card's subtitle."})
VCardText = type("VCardText", (_TextBlock,), {"_base": "v-card-text", "__doc__": "A card's body text."})
VCardActions = simple("VCardActions", "div", "v-card-actions")
VListItemTitle = type("VListItemTitle", (_TextBlock,), {"_base": "v-list-item-title", "__doc__": "A list item's title."})
VListItemSubtitle = type("VListItemSubtitle", (_TextBlock,),
                         {"_base": "v-list-item-subtitle", "__doc__": "A list item's subtitle."})
VListSubheader = type("VListSubheader", (_TextBlock,), {"_base": "v-list-subheader", "__doc__": "A list heading."})


class _Item(VElement):
    """A row of prepend, title/subtitle and append (card headers, list items).

    Subclasses set ``_part`` (the class prefix) and their title classes.
    """

    _part = "v-card-item"
    _title: type = VCardTitle
    _subtitle: type = VCardSubtitle
    _SLOTS = ("prepend", "append", "title", "subtitle")

    def _build(self) -> None:
        if self.prop("prepend_icon") is not None:
            self._slots["prepend"] = el("div", icon(self.prop("prepend_icon")), classes=f"{self._part}__prepend")
        with el("div", classes=f"{self._part}__content") as content:
            if self.prop("title") is not None:
                self._slots["title"] = self._title(text=self.prop("title"))
            if self.prop("subtitle") is not None:
                self._slots["subtitle"] = self._subtitle(text=self.prop("subtitle"))
        self._slots["default"] = content
        if self.prop("append_icon") is not None:
            self._slots["append"] = el("div", icon(self.prop("append_icon")), classes=f"{self._part}__append")

    def _slot(self, name: str = "default") -> AbstractElement:
        if name not in self._SLOTS:
            return super()._slot(name)
        content = self._slots["default"]
        makers = {
            "prepend": lambda: place(self, el("div", classes=f"{self._part}__prepend"), 0),
            "append": lambda: place(self, el("div", classes=f"{self._part}__append")),
            "title": lambda: place(content, self._title(), 0),
            "subtitle": lambda: place(content, self._subtitle(), 1 if "title" in self._slots else 0),
        }
        return self.named_slot(name, makers[name])


class VCardItem(_Item):
    """A card header row: ``prepend_icon``, ``title``/``subtitle``, ``append_icon`` (or their slots)."""

    _base = "v-card-item"
    _props = frozenset({"prepend_icon", "append_icon", "title", "subtitle"})


class VCard(VElement):
    """A card; ``title``/``subtitle``/``text`` props, ``loading`` bar, children after.

    Slots: ``title``, ``subtitle``, ``prepend``, ``append`` (the header row),
    ``text`` and ``actions`` (kept after the other children).
    """

    _base = "v-card"
    _default_variant = "elevated"
    _props = frozenset({"title", "subtitle", "text", "loading", "disabled", "href", "to", "prepend_icon",
                        "append_icon", "image", "link", "hover"})
    _flag_props = ("disabled", "hover", "link")

    def _build(self) -> None:
        if "click" in self._events and self.prop("disabled") in (None, False):
            # a clickable card is a button a keyboard reaches (Tab) and presses (Enter/Space)
            self.attributes.setdefault("tabindex", "0")
            self.attributes.setdefault("role", "button")
            self.attributes["data-ht-press"] = True
        loading = self.prop("loading")
        if loading not in (None, False):
            el("div", el("div", classes="v-progress-linear__indeterminate"),
               classes="v-progress-linear v-progress-linear--indeterminate v-card__loader",
               v_if=loading[0] if is_bound(loading) else "true")
        if any(self.prop(p) is not None for p in ("title", "subtitle", "prepend_icon", "append_icon")):
            self._slots["item"] = VCardItem(**{p: self.prop(p) for p in VCardItem._props})
        if self.prop("text") is not None:
            self._slots["text"] = VCardText(text=self.prop("text"))

    def _slot(self, name: str = "default") -> AbstractElement:
        if name in _Item._SLOTS:
            if "item" not in self._slots:
                at = 1 if self.prop("loading") not in (None, False) else 0
                self.named_slot("item", lambda: place(self, VCardItem(), at))
            return self._slots["item"]._slot(name)
        if name == "text":
            after = self._slots.get("item")
            return self.named_slot("text", lambda: place(self, VCardText(),
                                                         self.children.index(after) + 1 if after else None))
        if name == "actions":
            return self.named_slot("actions", lambda: place(self, VCardActions()))
        return super()._slot(name)

    def add(self, *items: Any) -> Any:
        result = super().add(*items)
        actions = self._slots.get("actions")
        if self._ready and actions is not None and actions in self.children:
            self.children.remove(actions)  # Vuetify draws the actions slot last
            self.children.append(actions)
        return result


class VList(VElement):
    """A list of :class:`VListItem` (``density``, ``nav``, ``lines``, ``items``/``item_title``).

    Selection as in Vuetify 3: ``v_model_selected=("key", [])`` (or
    ``selected=("key",)``, or ``selectable=True``) makes each item with a
    ``value`` (else its index) select into that array; ``select_strategy``
    ``"independent"``/``"classic"``/``"leaf"`` allows several.
    """

    _base = "v-list"
    _props = frozenset({"lines", "items", "item_title", "item_value", "selectable", "selected", "select_strategy",
                        "mandatory", "active_color", "activatable", "opened", "activated", "bg_color",
                        "v_model_selected", "v_model_opened", "v_model_activated"})
    _flag_props = ("nav",)
    _known_events = VElement._known_events | {"update_selected", "update_opened", "update_activated",
                                              "click_select", "click_open", "click_activate"}

    def _set(self, name: str, value: Any) -> None:
        if name in LIST_MODELS:  # Vue's v-model:selected, a prop here
            if isinstance(value, str):
                value = (value,)
            if isinstance(value, tuple) and len(value) > 1:
                self._defaults.append((str(value[0]).strip(), value[1]))
            self._p[name] = value
            return
        super()._set(name, value)

    def _build(self) -> None:
        # in a VMenu the menu is the container (role=menu) and the items are its menu items
        self.attributes["role"] = "none" if inside("VMenu") else "list"
        self.__dict__["_count"] = 0
        items = self.prop("items")
        if items is not None:
            title = js(self.prop("item_title", "title"))
            row = VListItem(v_for=f"item, index in {src(items)}",
                            title=(f"typeof item === 'object' && item !== null ? item[{title}] : item",))
            key = self.prop("item_value", "value")
            list_select(self, row, f"(typeof item === 'object' && item !== null ? item[{js(key)}] : item)")

    def _adopt(self, item: Any) -> None:
        if getattr(item, "tagname", None) == "hr":
            item.attributes["aria-hidden"] = "true"  # a divider is decoration; a list holds list items only
        elif isinstance(item, VListItem) and item.tagname == "a":
            self.attributes.pop("role", None)  # a list of links (a nav drawer) reads as its links
        if list_selection(self) is None or not isinstance(item, AbstractElement):
            return
        for node in item.walk():
            if isinstance(node, VListItem) and not node.__dict__.get("_grouped"):
                value = node.prop("value")
                if value is None:
                    value, self.__dict__["_count"] = self._count, self._count + 1
                list_select(self, node, src(value))

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        lines = self.prop("lines")
        if isinstance(lines, str):
            static.append(f"v-list--{lines}-line")
        return static, dynamic


class VListItem(_Item):
    """A list row: ``title``, ``subtitle``, ``prepend_icon``/``append_icon``, ``active`` (or their slots)."""

    _base = "v-list-item"
    _part = "v-list-item"
    _title = VListItemTitle
    _subtitle = VListItemSubtitle
    _props = frozenset({"title", "subtitle", "prepend_icon", "append_icon", "value", "href", "to",
                        "disabled", "link", "exact", "prepend_avatar", "append_avatar", "target"})
    _flag_props = ("active", "disabled", "link")

    def _build(self) -> None:
        if not as_link(self):  # with href: an <a> a person can follow
            self.attributes["role"] = "menuitem" if inside("VMenu") else "listitem"
            if "click" in self._events or self.prop("link") not in (None, False):
                self.attributes["tabindex"] = "0"  # clickable: reachable by Tab and the arrow keys, as Vuetify's
        super()._build()

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if "click" in self._events or self.prop("href") or self.prop("to"):
            static.append("v-list-item--link")
        return static, dynamic


__all__ = ["VCard", "VCardActions", "VCardItem", "VCardSubtitle", "VCardText", "VCardTitle", "VList", "VListItem",
           "VListItemSubtitle", "VListItemTitle", "VListSubheader"]

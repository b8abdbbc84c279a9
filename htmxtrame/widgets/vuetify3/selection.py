"""Selection groups: ``VChipGroup``, ``VItemGroup``/``VItem``, ``VSlideGroup``, list selection.

A group's ``v_model`` holds the selected item's ``value`` (its index when it
has none), or a list of them with ``multiple``. Each item's click toggles
it through an expression written here, so the page sends only "this item
was clicked" and the server decides. ``VItem``'s default slot sees
``isSelected``, ``selectedClass`` and ``disabled`` as Vue's slot props do;
``click="toggle"`` (or ``select(true)``) inside it is rewritten to the
group's toggle. Items are keyboard operable: Enter/Space press the focused
item, arrow keys move between the items of a chip group or list (the
``data-ht-press``/``data-ht-roving`` hooks of ``static/htmxtrame.js``).
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from .a11y import needs_name
from .computed import Rows, slot_names
from .containers import VChip
from .core import VElement, building, el, handler, is_bound, js, place, src
from .icons import icon, svg
from .inputs import is_selected

#: what a VItem's default slot offers, and Vuetify 2's names for the same
_SLOT_PROPS = ("isSelected", "selectedClass", "disabled", "active", "activeClass", "toggle", "select")
_ACTION = re.compile(r"\s*(?P<name>[A-Za-z_$][\w$]*)\s*(\(\s*(?P<arg>true|false|\$event)?\s*\))?\s*;?\s*")


def select_code(model: str, value: str, multiple: bool, mandatory: bool, limit: Any = None) -> str:
    """The code a click runs to toggle *value* in a group bound to *model*."""
    cur = f"[].concat({model} ?? [])"
    if multiple:
        keep = f"({cur}.length <= 1 ? {cur} : {cur}.filter(x => x !== {value}))" if mandatory \
            else f"{cur}.filter(x => x !== {value})"
        add = f"{cur}.concat([{value}])"
        if limit is not None:
            add = f"({cur}.length >= ({src(limit)}) ? {cur} : {add})"
        return f"{model} = {cur}.includes({value}) ? {keep} : {add}"
    if mandatory:
        return f"{model} = {value}"
    return f"{model} = (({model}) === {value} ? null : {value})"


def on_click(node: AbstractElement, code: str) -> None:
    """Run *code* when *node* is clicked, after any click handler it already has."""
    if "click" in node._events:
        node.__dict__["_also"] = {**node._also, "click": [*node._also.get("click", []), (handler("click", code), None)]}
    else:
        node._events["click"] = handler("click", code)


def add_classes(widget: VElement, expr: str) -> None:
    """Add a class expression to *widget*'s ``classes`` prop (kept with the user's own)."""
    user = widget.prop("classes")
    parts = [f"({user[0]})" if is_bound(user) else js(str(user))] if user else []
    widget._p["classes"] = (f"[{', '.join([*parts, expr])}]",)
    widget._refresh()


def pressable(node: AbstractElement, role: str, selected: str | None = None) -> None:
    """Make *node* focusable and pressed by Enter/Space, with an ARIA role and state."""
    node.attributes["tabindex"] = "0"
    node.attributes["role"] = role
    node.attributes["data-ht-press"] = True
    if selected is not None:
        node._set("aria-selected", (f"String(!!({selected}))",))


class _SelectGroup(VElement):
    """A group whose items (``_item`` instances anywhere below it) select into ``v_model``."""

    _item: tuple[type, ...] = ()
    _auto = "group"
    _item_role: str | None = None
    _selected_class: str | None = None
    _props = frozenset({"multiple", "mandatory", "max", "selected_class", "active_class", "disabled", "tag",
                        "value_comparator"})

    def _set(self, name: str, value: Any) -> None:
        if self._v2 and name == "change":
            name = "update_modelValue"  # Vuetify 2 groups emit change with the new value
        if self._v2 and name == "value" and is_bound(value):
            name = "v_model"  # Vuetify 2's value prop is the model
        super()._set(name, value)

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__{self._auto}_{self._ht_id}"
            self._defaults.append((model, [] if self._multiple() else None))
        self.__dict__["_src"] = model
        self.__dict__["_count"] = 0
        self._group_build()

    def _multiple(self) -> bool:
        return self.prop("multiple") not in (None, False)

    def _group_build(self) -> None:
        """Make the group's inner markup (override)."""

    def _adopt(self, item: Any) -> None:
        for node in (item.walk() if isinstance(item, AbstractElement) else ()):
            if isinstance(node, self._item) and not node.__dict__.get("_grouped"):
                node.__dict__["_grouped"] = True
                self._join(node, self._value_of(node))

    def _value_of(self, node: VElement) -> str:
        """The expression of an item's value: its ``value``, else its index."""
        value = node.prop("value")
        if value is not None:
            return src(value)
        loop = node._loop
        if loop is not None:  # a v_for row without a value: its index, or the item itself
            names = loop.vfor.names
            return names[1] if len(names) > 1 else names[0]
        index = self._count
        self.__dict__["_count"] = index + 1
        return js(index)

    def selected(self, value: str) -> str:
        """An expression: whether *value* is selected."""
        return is_selected(self._src, value, self._multiple())

    def toggle(self, value: str) -> str:
        """The code that toggles *value*."""
        return select_code(self._src, value, self._multiple(), self.prop("mandatory") not in (None, False),
                           self.prop("max"))

    def _item_class(self, node: VElement) -> str | None:
        return node.prop("selected_class", node.prop("active_class", self.prop(
            "selected_class", self.prop("active_class", self._selected_class))))

    def _join(self, node: Any, value: str) -> None:
        disabled = node.prop("disabled") not in (None, False) or self.prop("disabled") not in (None, False)
        sel = self.selected(value)
        if not disabled:
            on_click(node, self.toggle(value))
            self.chain(node, "click", "update_modelValue", self._src)
        cls = self._item_class(node)
        add_classes(node, f"({sel}) ? {js(str(cls or '') + ' ' + self._extra_selected())} : ''")
        if self._item_role:
            pressable(node, self._item_role, sel)
            if disabled:
                node.attributes["aria-disabled"] = "true"

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("color", None)  # the group's colour goes to its selected items
        try:
            return super()._class_parts()
        finally:
            if saved is not None:
                self._p["color"] = saved

    def _extra_selected(self) -> str:
        """Classes a selected item gets besides ``selected_class``: the group's ``color``."""
        color = self.prop("color")
        if not isinstance(color, str):
            return ""
        return f"bg-{color}" if self.prop("variant") in ("flat", "elevated") else f"text-{color}"


class VChipGroup(_SelectGroup):
    """Chips to pick from: ``v_model`` (a value, or a list with ``multiple``), ``column``, ``filter``.

    The group's ``color`` colours the selected chips; ``filter`` shows a
    check mark on them.
    """

    _base = "v-chip-group"
    _item = (VChip,)
    _auto = "chips"
    _item_role = "option"
    _selected_class = "v-chip--selected"
    _props = _SelectGroup._props | {"filter", "column", "show_arrows", "center_active", "next_icon", "prev_icon",
                                    "direction", "base_color", "content_class", "mobile", "mobile_breakpoint"}
    _flag_props = ("column",)

    def _group_build(self) -> None:
        self.attributes["role"] = "listbox"
        needs_name(self, "listbox")
        self.attributes["aria-orientation"] = "horizontal"
        self.attributes["data-ht-roving"] = True
        if self._multiple():
            self.attributes["aria-multiselectable"] = "true"

    def _join(self, node: Any, value: str) -> None:
        if self.prop("variant") is not None and node.prop("variant") is None:
            node._p["variant"] = self.prop("variant")
        super()._join(node, value)
        if self.prop("filter") not in (None, False) or node.prop("filter") not in (None, False):
            with building(node):
                mark = el("span", svg("mdi-check"), classes="v-icon v-chip__filter",
                          v_show=(self.selected(value),), aria_hidden="true")
            node.children.remove(mark)
            place(node, mark, 0)


class VItem(VElement):
    """One item of a :class:`VItemGroup`; its default slot sees ``isSelected``, ``selectedClass``, ``toggle``.

    ``VItem(v_slot="{ isSelected, toggle }")`` or a
    ``Template(v_slot_default="{ isSelected, toggle }")`` child; a click
    handler written ``toggle`` (or ``toggle()``, ``select(true)``) selects
    the item in its group.
    """

    _base = "v-item"
    _props = frozenset({"value", "disabled", "selected_class", "active_class"})

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        binding = None
        for key in ("v_slot", "v_slot_default", "v_slot:default", "#default"):
            if key in kwargs:
                binding = kwargs.pop(key)
        self.__dict__["_aliases"] = dict(slot_names(binding)) if binding else {}
        self.__dict__["_actions"] = []
        super().__init__(children, **kwargs)

    def _build(self) -> None:
        body = el("div", classes="v-slot")
        self._slots["default"] = body
        self.scope("false", "''", "false")

    def scope(self, selected: str, selected_class: str, disabled: str) -> None:
        """Give the slot's content its props: the expressions of each."""
        values = {"isSelected": selected, "active": selected, "selectedClass": selected_class,
                  "activeClass": selected_class, "disabled": disabled, "toggle": "null", "select": "null"}
        names = {prop: alias for prop, alias in self._aliases.items() if prop in values} or \
            {p: p for p in _SLOT_PROPS}
        props = list(names)
        rows = Rows(tuple(names[p] for p in props), [values[p] for p in props], lambda *v: [v],
                    f"{self._ht_id} slot props")
        self._slots["default"].__dict__["_loop"] = Loop(rows, rows.source)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, AbstractElement) and getattr(item, "slot_name", None) == "default":
            self.__dict__["_aliases"] = dict(slot_names(", ".join(item.slot_props))) or self._aliases
            self.scope("false", "''", "false")
        toggles = {self._aliases.get("toggle", "toggle"): "toggle", self._aliases.get("select", "select"): "select"}
        for node in (item.walk() if isinstance(item, AbstractElement) else ()):
            for event, h in list(node._events.items()):
                m = _ACTION.fullmatch(h.code.source) if h.code is not None else None
                if m and m.group("name") in toggles:
                    self._actions.append((node, event, toggles[m.group("name")], m.group("arg")))

    def bind(self, group: _SelectGroup, value: str) -> None:
        """Join *group*: the slot's props follow it, ``toggle`` clicks select."""
        sel = group.selected(value)
        cls = group._item_class(self) or ""
        disabled = self.prop("disabled") not in (None, False) or group.prop("disabled") not in (None, False)
        self.scope(sel, f"({sel}) ? {js(cls)} : ''", js(disabled))
        if disabled:
            return
        toggle = group.toggle(value)
        for node, event, kind, arg in self._actions:
            code = toggle
            if kind == "select" or arg in ("true", "false"):
                want = "true" if arg is None else arg
                code = f"(!!({sel})) !== {want} ? ({toggle}) : null" if arg != "$event" else \
                    f"(!!({sel})) !== !!$event ? ({toggle}) : null"
            node._events[event] = handler(event, code)
            group.chain(node, event, "update_modelValue", group._src)


class VItemGroup(_SelectGroup):
    """Selection over :class:`VItem` children: ``v_model``, ``multiple``, ``mandatory``, ``max``, ``selected_class``."""

    _base = "v-item-group"
    _item = (VItem,)
    _auto = "items"

    def _join(self, node: Any, value: str) -> None:
        node.bind(self, value)


class VSlideGroupItem(VItem):
    """One item of a :class:`VSlideGroup` (a :class:`VItem`)."""

    _base = "v-slide-group-item"


class VSlideGroup(VItemGroup):
    """A row of items that scrolls sideways, with previous/next arrows (no round trip)."""

    _base = "v-slide-group"
    _item = (VItem,)
    _auto = "slide"
    _props = VItemGroup._props | {"show_arrows", "center_active", "next_icon", "prev_icon", "direction",
                                  "mobile", "mobile_breakpoint", "content_class", "scroll_to_active"}

    def _group_build(self) -> None:
        arrows = self.prop("show_arrows") not in (False, "never")
        if arrows:
            el("button", icon(self.prop("prev_icon", "mdi-chevron-left")), type="button",
               classes="v-slide-group__prev", aria_label="Previous", data_ht_slide="-1")
        with el("div", classes="v-slide-group__container", tabindex="-1"):
            self._slots["default"] = el("div", classes="v-slide-group__content")
        if arrows:
            el("button", icon(self.prop("next_icon", "mdi-chevron-right")), type="button",
               classes="v-slide-group__next", aria_label="Next", data_ht_slide="1")


class VListItemGroup(_SelectGroup):
    """Vuetify 2's selectable list: :class:`~.cards.VListItem` children pick into ``v_model``."""

    _base = "v-list-item-group"
    _auto = "listgroup"
    _item_role = "option"
    _selected_class = "v-list-item--active"

    def _group_build(self) -> None:
        from .cards import VListItem

        self.__dict__["_item"] = (VListItem,)
        self.attributes["role"] = "listbox"
        needs_name(self, "listbox")
        self.attributes["data-ht-roving"] = True
        if self._multiple():
            self.attributes["aria-multiselectable"] = "true"

    def _join(self, node: Any, value: str) -> None:
        super()._join(node, value)
        node._refresh()  # a click handler makes it a link (v-list-item--link)


# -- VList's own selection (Vuetify 3: v_model_selected / selected + selectable) -----------------
LIST_MODELS = ("v_model_selected", "v_model_opened", "v_model_activated")
_MULTIPLE_STRATEGIES = ("independent", "classic", "leaf", "multiple")


def list_selection(widget: VElement) -> str | None:
    """The state key a VList's selection lives in, or None when it has none.

    ``v_model_selected=("key", [...])`` or ``selected=("key",)``; a
    ``selectable`` list without either keeps it in a key of its own.
    """
    model = widget.prop("v_model_selected", widget.prop("selected"))
    if is_bound(model):
        return str(model[0]).strip()
    if model is not None or widget.prop("selectable") not in (None, False):
        key = f"ht__listsel_{widget._ht_id}"
        if key not in [k for k, _ in widget._defaults]:
            widget._defaults.append((key, list(model) if isinstance(model, (list, tuple)) else []))
        return key
    return None


def list_select(widget: VElement, item: VElement, value: str) -> None:
    """Make *item* select *value* into its list's ``selected`` array."""
    key = list_selection(widget)
    if key is None or item.__dict__.get("_grouped"):
        return
    item.__dict__["_grouped"] = True
    strategy = widget.prop("select_strategy", "single-independent")
    multiple = isinstance(strategy, str) and strategy in _MULTIPLE_STRATEGIES
    cur = f"[].concat({key} ?? [])"
    sel = f"{cur}.includes({value})"
    if multiple:
        code = f"{key} = {sel} ? {cur}.filter(x => x !== {value}) : {cur}.concat([{value}])"
    else:
        keep = f"[{value}]" if widget.prop("mandatory") not in (None, False) else "[]"
        code = f"{key} = {sel} ? {keep} : [{value}]"
    if item.prop("disabled") in (None, False):
        on_click(item, code)
        widget.chain(item, "click", "update_selected", key)
    item._p["active"] = (sel,)
    pressable(item, "option", sel)
    item._refresh()
    widget.attributes["role"] = "listbox"
    needs_name(widget, "selectable list")
    widget.attributes["data-ht-roving"] = True
    if multiple:
        widget.attributes["aria-multiselectable"] = "true"


__all__ = ["VChipGroup", "VItem", "VItemGroup", "VListItemGroup", "VSlideGroup", "VSlideGroupItem"]

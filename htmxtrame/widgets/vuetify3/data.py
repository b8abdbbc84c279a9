"""Navigation components: tabs and windows, expansion panels (data tables: :mod:`.tables`)."""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from .a11y import pair_tab
from .containers import VBtn
from .core import VElement, el, handler, js, src, text_child
from .inputs import is_selected, toggle_code


# -- tabs and windows --------------------------------------------------------------
class _Group(VElement):
    """A single-choice group whose children of ``_item`` type pick ``v_model``."""

    _item: type[VElement] = VElement
    _auto = "group"

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__{self._auto}_{self._ht_id}"
            self._defaults.append((model, 0))
        self.__dict__["_src"] = model
        self.__dict__["_count"] = 0
        self._group_build()

    def _group_build(self) -> None:
        pass

    def _adopt(self, item: Any) -> None:
        for node in ([item] if isinstance(item, self._item) else []):
            index = self._count
            self.__dict__["_count"] = index + 1
            value = node.prop("value")
            self._join(node, src(value) if value is not None else js(index))

    def _join(self, node: Any, value: str) -> None:
        raise NotImplementedError


class VTab(VBtn):
    """One tab of :class:`VTabs` (``value``, text, ``prepend_icon``)."""

    _base = "v-btn v-tab"
    _default_variant = "text"


class VTabs(_Group):
    """Tabs; ``v_model`` is the selected :class:`VTab`'s ``value`` (or index)."""

    _base = "v-tabs"
    _item = VTab
    _auto = "tab"
    _props = frozenset({"grow", "centered", "align_tabs", "fixed_tabs", "show_arrows", "slider_color",
                        "mandatory", "items", "direction", "stacked", "bg_color"})
    _flag_props = ("grow",)
    _color_mode = "text"  # the selected tab's colour; bg_color paints the bar

    def _group_build(self) -> None:
        self.attributes["role"] = "tablist"
        if self.prop("direction") == "vertical":
            self.attributes["aria-orientation"] = "vertical"  # the arrows are Up/Down (the glue reads it)

    def _join(self, node: Any, value: str) -> None:
        node._events["click"] = handler("click", f"{self._src} = {value}")
        self.chain(node, "click", "update_modelValue", self._src)
        node._p["active"] = (is_selected(self._src, value, False),)
        node._refresh()
        node.attributes["role"] = "tab"
        node._set("aria-selected", (f"String({is_selected(self._src, value, False)})",))
        pair_tab(self, self._src, value, node, "tab")


class VWindowItem(VElement):
    """One page of a :class:`VWindow` (``value``), shown while selected."""

    _base = "v-window-item"
    _props = frozenset({"value", "transition", "reverse_transition"})


VTabsWindowItem = type("VTabsWindowItem", (VWindowItem,), {"__doc__": "A :class:`VWindowItem` (Vuetify 3.5 name)."})


class VWindow(_Group):
    """Pages of which only the one matching ``v_model`` shows."""

    _base = "v-window"
    _item = VWindowItem
    _auto = "window"
    _props = frozenset({"show_arrows", "continuous", "direction", "touch", "reverse"})

    def _join(self, node: Any, value: str) -> None:
        node._directives["v_show"] = compile_expr(is_selected(self._src, value, False))
        pair_tab(self, self._src, value, node, "panel")


VTabsWindow = type("VTabsWindow", (VWindow,), {"__doc__": "A :class:`VWindow` (Vuetify 3.5 name)."})


# -- expansion panels ----------------------------------------------------------------
class VExpansionPanelTitle(VElement):
    """A panel's header (goes into the panel's ``<summary>``)."""

    _base = "v-expansion-panel-title__text"
    _tag = "span"
    slot_name = "title"


class VExpansionPanelText(VElement):
    """A panel's body."""

    _base = "v-expansion-panel-text"
    slot_name = "text"


class VExpansionPanel(VElement):
    """One panel: a ``<details>`` with ``title``/``text`` props or title/text children."""

    _tag = "details"
    _base = "v-expansion-panel"
    _props = frozenset({"title", "text", "value", "disabled", "readonly", "expand_icon", "collapse_icon"})

    def _build(self) -> None:
        with el("summary", classes="v-expansion-panel-title") as summary:
            title = self.prop("title")
            if title is not None:
                summary.add(text_child(title))
        self._slots["title"] = summary
        body = el("div", classes="v-expansion-panel-text")
        text = self.prop("text")
        if text is not None:
            body.add(text_child(text))
        self._slots["text"] = body
        self._slots["default"] = body
        self.__dict__["summary"] = summary
        from .icons import svg

        chevron = svg(self.prop("expand_icon", "mdi-chevron-down"))
        if chevron is not None:
            chevron.attributes["class"] = "v-expansion-panel-title__icon"
            summary.add(chevron)

    def _slot(self, name: str = "default") -> AbstractElement:
        return self._slots.get(name, self._slots["default"])

    def add(self, *items: Any) -> Any:
        result = super().add(*items)
        if self._ready:
            # keep the expand chevron last in the header
            chevron = [c for c in self.summary.children if getattr(c, "tagname", "") == "svg"]
            for c in chevron:
                self.summary.children.remove(c)
                self.summary.children.append(c)
        return result


class VExpansionPanels(VElement):
    """Expansion panels; ``v_model`` holds the open panel's value (a list with ``multiple``)."""

    _base = "v-expansion-panels"
    _props = frozenset({"multiple", "accordion", "variant", "mandatory", "readonly", "flat", "tile"})

    def _build(self) -> None:
        self.__dict__["_src"] = self.model_source()
        self.__dict__["_count"] = 0

    def _adopt(self, item: Any) -> None:
        if not isinstance(item, VExpansionPanel):
            return
        index = self._count
        self.__dict__["_count"] = index + 1
        multiple = self.prop("multiple") not in (None, False)
        if self._src is None:
            if not multiple:
                item.attributes["name"] = self._ht_id  # the browser keeps one open
            return
        value = item.prop("value")
        v = src(value) if value is not None else js(index)
        item._set("open", (is_selected(self._src, v, multiple),))
        item.summary._events["click"] = handler("click", toggle_code(self._src, v, multiple, False))
        self.chain(item.summary, "click", "update_modelValue", self._src)

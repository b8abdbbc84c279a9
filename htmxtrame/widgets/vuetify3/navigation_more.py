"""More navigation: ``VBreadcrumbs`` (+ ``Item``, ``Divider``), ``VBottomNavigation``, ``VListGroup``,
``VTreeviewGroup``/``VTreeviewItem``.

A bottom navigation is a single-choice group of buttons (its ``v_model``
is the chosen button's ``value``, else its index), written on the server
as tabs are. A list group opens and closes on its activator's click; its
open state is a state key (its own, or the list's ``opened`` array when
the list binds one), so the server can open it too.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from ..router import link_href
from .a11y import inside
from .cards import VList, VListItem
from .containers import VBtn
from .core import ColorBar, Template, VElement, building, el, handler, is_bound, js, src, text_child
from .data import _Group
from .icons import icon
from .inputs import is_selected
from .overlays import _activators


# -- breadcrumbs ------------------------------------------------------------------------------
class VBreadcrumbsItem(VElement):
    """One crumb: ``title`` (or ``text``), ``href``/``to`` (a link), ``disabled``; the last is the current page."""

    _tag = "li"
    _base = "v-breadcrumbs-item"
    _props = frozenset({"title", "text", "href", "to", "disabled", "active", "active_class", "active_color",
                        "exact", "replace", "tag"})
    _flag_props = ("disabled", "active")

    def _build(self) -> None:
        href = link_href(self.prop("href"), self.prop("to"))
        title = self.prop("title", self.prop("text"))
        off = self.prop("disabled")
        if href is not None and off is not True:
            link = el("a", classes="v-breadcrumbs-item--link")
            if is_bound(href):
                link._set("href", href)
            else:
                link.attributes["href"] = str(href)
            if is_bound(off):
                link._set("aria-disabled", (f"({off[0]}) ? 'true' : null",))
            target = link
        else:
            target = el("span", aria_current="page" if off is True or self.prop("active") is True else None)
        if title is not None:
            target.add(text_child(title))
        self._slots["default"] = target


class VBreadcrumbsDivider(VElement):
    """The mark between two crumbs (``divider``, default ``/``); hidden from screen readers."""

    _tag = "li"
    _base = "v-breadcrumbs-divider"
    _props = frozenset({"divider"})

    def _build(self) -> None:
        self.attributes["aria-hidden"] = "true"
        self.add(text_child(self.prop("divider", "/")))
        self.__dict__["_default"] = self.prop("divider") is None

    def _adopt(self, item: Any) -> None:
        if self.__dict__.pop("_default", False):  # children replace the default mark
            del self.children[0]


class VBreadcrumbs(VElement):
    """Where a page sits: ``items`` (strings, or ``{title, href, disabled}``), ``divider`` (default ``/``),
    ``icon``, ``color``/``active_color``, ``density``; or :class:`VBreadcrumbsItem` children.

    A ``<nav aria-label="Breadcrumb">`` around an ordered list; the last crumb is
    ``aria-current="page"``.
    """

    _tag = "nav"
    _base = "v-breadcrumbs"
    _props = frozenset({"items", "divider", "icon", "active_class", "active_color", "bg_color", "disabled", "tag",
                        "item_props"})

    def _build(self) -> None:
        self.attributes["aria-label"] = "Breadcrumb"
        self.__dict__["_list"] = ol = el("ol", classes="v-breadcrumbs__list")
        divider = self.prop("divider", "/")
        with ol:
            glyph = self.prop("icon")
            if glyph is not None:
                el("li", icon(glyph), classes="v-breadcrumbs__prepend", aria_hidden="true")
            items = self.prop("items")
            if is_bound(items):
                rows = src(items)
                self._crumb(f"item, index in {rows}", divider,
                            ("typeof item === 'object' && item !== null ? item.title ?? item.text : item",),
                            ("typeof item === 'object' && item !== null ? item.href ?? "
                             "(item.to == null ? null : '#' + item.to) : null",),
                            (f"index === ({rows}).length - 1 || (typeof item === 'object' && item !== null "
                             "&& !!item.disabled)",))
            elif isinstance(items, (list, tuple)):
                for i, item in enumerate(items):
                    if i:
                        VBreadcrumbsDivider(divider=divider)
                    data = item if isinstance(item, dict) else {"title": item}
                    last = i == len(items) - 1
                    VBreadcrumbsItem(title=data.get("title", data.get("text")), href=link_href(data.get("href"), data.get("to")),
                                     disabled=bool(data.get("disabled")) or last, active=last)
        self._slots["default"] = ol

    def _crumb(self, vfor: str, divider: Any, title: Any, href: Any, current: Any) -> None:
        """A crumb per ``v_for`` row: the divider before it, then a link, or the current page."""
        with el("li", v_for=vfor,
                classes=(f"['v-breadcrumbs-item', {{'v-breadcrumbs-item--disabled': {current[0]}}}]",)):
            el("span", text_child(divider), classes="v-breadcrumbs-divider", aria_hidden="true", v_if="index > 0")
            link = el("a", text_child(title), classes="v-breadcrumbs-item--link",
                      v_if=f"!({current[0]}) && ({href[0]})")
            link._set("href", href)
            el("span", text_child(title), v_else=True, aria_current=(f"({current[0]}) ? 'page' : null",))

    def _adopt(self, item: Any) -> None:
        if isinstance(item, VBreadcrumbsItem) and self.prop("active_color") is not None:
            item._p["color"] = self.prop("active_color")
            item._refresh()

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if isinstance(self.prop("bg_color"), str):
            static.append(f"bg-{self.prop('bg_color')}")
        return static, dynamic


# -- bottom navigation ----------------------------------------------------------------------
class VBottomNavigation(ColorBar, _Group):
    """A bar of buttons at the bottom: ``v_model`` is the chosen :class:`VBtn`'s ``value`` (else its index);
    ``grow``, ``mode="shift"`` (labels only on the chosen one), ``color`` (the chosen one's), ``bg_color``,
    ``active`` (shown while true), ``height``, ``density``.
    """

    _tag = "nav"
    _base = "v-bottom-navigation"
    _item = VBtn
    _auto = "bottomnav"
    _props = frozenset({"grow", "mode", "bg_color", "active", "height", "mandatory", "base_color", "absolute",
                        "order", "name", "tag", "disabled", "selected_class", "model_value"})
    _flag_props = ("grow",)
    _color_mode = "text"

    def _group_build(self) -> None:
        self.attributes.setdefault("aria-label", "Bottom navigation")
        self._slots["default"] = el("div", classes="v-bottom-navigation__content")
        active = self.prop("active")
        if is_bound(active):
            self._directives["v_show"] = compile_expr(active[0])
        elif active is False:
            self._directives["v_show"] = compile_expr("false")

    def _adopt(self, item: Any) -> None:
        if isinstance(item, AbstractElement) and not isinstance(item, self._item):
            for node in item.walk():  # buttons inside a wrapper (a Template, a v_for span)
                if isinstance(node, self._item) and node is not item:
                    super()._adopt(node)
            return
        super()._adopt(item)

    def _join(self, node: Any, value: str) -> None:
        on = is_selected(self._src, value, False)
        node._events["click"] = handler("click", f"{self._src} = {value}")
        self.chain(node, "click", "update_modelValue", self._src)
        node._p["active"] = (on,)
        if node.prop("variant") is None:
            node._p["variant"] = "text"
        if node.prop("stacked") is None:
            node._p["stacked"] = True
        color = self.prop("color")
        if isinstance(color, str) and node.prop("color") is None:
            node._p["color"] = (f"({on}) ? {js(color)} : null",)
        node._refresh()
        node._set("aria-current", (f"({on}) ? 'page' : null",))

    def _class_parts(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._class_parts()  # ColorBar: color is the chosen button's
        if self.prop("mode") == "shift":
            static.append("v-bottom-navigation--shift")
        return static, dynamic

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        height = self.prop("height")
        if isinstance(height, (int, float)):
            return [f"--v-bottom-navigation-height: {height}px"], []
        return [], []

    def _style_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("height", None)
        try:
            return super()._style_parts()
        finally:
            if saved is not None:
                self._p["height"] = saved


# -- list groups -------------------------------------------------------------------------
class VListGroup(VElement):
    """A collapsible group of list items: the ``activator`` slot's item (``v_bind="props"``) opens it,
    or a header made from ``title``/``prepend_icon``; ``value`` names it in the list's ``opened``
    (``VList(v_model_opened=("open", [...]))`` opens it from state), else it keeps its own state.
    ``expand_icon``/``collapse_icon``, ``disabled``, ``fluid`` (no indent).
    """

    _base = "v-list-group"
    _props = frozenset({"value", "title", "prepend_icon", "append_icon", "expand_icon", "collapse_icon", "fluid",
                        "subgroup", "disabled", "active_color", "base_color", "raw_id", "tag"})
    _flag_props = ("fluid",)
    _activator_role = "button"  # a button that opens and closes the group

    def _build(self) -> None:
        value = self.prop("value")
        opened = self._list_opened()
        if opened is not None and value is not None:
            v = src(value)
            self.__dict__["_open"] = f"[].concat({opened} ?? []).includes({v})"
            self.__dict__["_toggle"] = (f"{opened} = [].concat({opened} ?? []).includes({v}) ? "
                                        f"[].concat({opened} ?? []).filter(x => x !== {v}) : "
                                        f"[].concat({opened} ?? []).concat([{v}])")
        else:
            key = f"ht__listgroup_{self._ht_id}"
            # Vuetify 2's value is the open state itself (value=True: open at first)
            self._defaults.append((key, value is True and self._v2))
            self.__dict__["_open"] = f"!!{key}"
            self.__dict__["_toggle"] = f"{key} = !{key}"
        self.__dict__["_header"] = header = el("div", classes="v-list-group__header")
        self._slots["activator"] = header
        if self.prop("title") is not None or self.prop("prepend_icon") is not None:
            with header:
                self._wire(VListItem(title=self.prop("title"), prepend_icon=self.prop("prepend_icon")))
        # ARIA: in a list, the group is a list item holding its header button and a list of its own
        in_list = inside("VList")
        if in_list:
            self.attributes["role"] = "listitem"
        items = el("div", classes="v-list-group__items", role="list" if in_list else "group", v_show=(self._open,))
        items.attributes["id"] = f"{self._ht_id}-items"
        self._slots["default"] = items
        self.__dict__["_open_cls"] = (f"({self._open}) ? 'v-list-group--open' : ''",)

    def _list_opened(self) -> str | None:
        """The state key of the enclosing list's ``opened`` (bound), if any."""
        from dominate.dom_tag import _get_thread_context, dom_tag

        for frame in reversed(dom_tag._with_contexts.get(_get_thread_context(), [])):
            tag = getattr(frame, "tag", None)
            if isinstance(tag, VList):
                bound = tag.prop("v_model_opened", tag.prop("opened"))
                return str(bound[0]).strip() if is_bound(bound) else None
        return None

    def _wire(self, node: AbstractElement) -> None:
        """Make *node* the group's activator: a click toggles, ``aria-expanded`` says the state."""
        if self.prop("disabled") in (None, False):
            node._events["click"] = handler("click", self._toggle)
        node._set("aria-expanded", (f"String({self._open})",))
        node.attributes["role"] = self._activator_role
        node.attributes["aria-controls"] = f"{self._ht_id}-items"
        node.attributes["tabindex"] = "0"
        node.attributes["data-ht-press"] = True
        if isinstance(node, VListItem):
            node._refresh()
            glyph = (f"({self._open}) ? {js(self.prop('collapse_icon', 'mdi-chevron-up'))} : "
                     f"{js(self.prop('expand_icon', 'mdi-chevron-down'))}",)
            with node._slot("append"):
                icon(glyph)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, Template) and item.slot_name == "activator":
            names = item.slot_props or ["props"]
            found = _activators(item, names)
            for node in found:
                node._directives.pop("v_bind", None)
                self._wire(node)
            if not found and not self.__dict__.get("_header_wired"):
                # Vuetify 2: the activator slot is the header's content; the header itself toggles
                self.__dict__["_header_wired"] = True
                header = self._header
                header.attributes["class"] = "v-list-group__header v-list-item v-list-item--link"
                self._wire(header)
                with building(header):
                    el("div", icon((f"({self._open}) ? {js(self.prop('collapse_icon', 'mdi-chevron-up'))} : "
                                    f"{js(self.prop('expand_icon', 'mdi-chevron-down'))}",)),
                       classes="v-list-item__append")

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if "_open_cls" in self.__dict__:
            dynamic.append(self._open_cls[0])
        return static, dynamic


class VTreeviewItem(VListItem):
    """One row of a tree drawn by hand (a :class:`~.cards.VListItem` with the tree's look); ``loading``,
    ``toggle_icon``."""

    _base = "v-treeview-item v-list-item"
    _props = VListItem._props | {"loading", "toggle_icon", "hide_actions", "indent_lines"}

    def _build(self) -> None:
        super()._build()
        self.attributes["role"] = "treeitem"


class VTreeviewGroup(VListGroup):
    """A node with children in a tree drawn by hand (a :class:`VListGroup`)."""

    _base = "v-treeview-group v-list-group"
    _activator_role = "treeitem"  # in a role="tree": the node's own row, expanded or not

    def _build(self) -> None:
        super()._build()
        self.attributes.pop("role", None)
        self._slots["default"].attributes["role"] = "group"


__all__ = ["VBottomNavigation", "VBreadcrumbs", "VBreadcrumbsDivider", "VBreadcrumbsItem", "VListGroup",
           "VTreeviewGroup", "VTreeviewItem"]

"""Data and navigation components: data table, tabs and windows, expansion panels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Model
from ...expr import compile_expr, compile_statement
from .containers import VBtn
from .core import VElement, building, el, handler, is_bound, js, place, src, text_child
from .inputs import is_selected, toggle_code


# -- data table ------------------------------------------------------------------
@dataclass
class _TableExprs:
    """The expressions a data table's parts share (generated source text)."""

    heads: str  # the headers
    sort: str  # the state key holding {key, order} or null
    page_key: str  # the state key holding the page
    count: str  # how many rows pass the search
    per: str  # rows per page
    paged: str  # the rows shown
    page: str  # the page shown (clamped)
    model: str | None  # the selection's v_model



class VDataTable(VElement):
    """A table of ``items`` with ``headers`` (``title``, ``key``), sorting, ``search`` and paging.

    Sort and page live in state keys of their own (``<id>_sort``, ``<id>_page``
    unless ``v_model_sort_by``-style keys are given as ``sort_key``/``page_key``).
    """

    _base = "v-table v-data-table"
    _props = frozenset({"headers", "items", "search", "items_per_page", "page", "sort_by", "hide_default_footer",
                        "loading", "item_value", "show_select", "fixed_header", "hover", "no_data_text",
                        "multi_sort", "must_sort", "sort_key", "page_key", "item_key", "disable_sort",
                        "select_strategy", "return_object"})
    _flag_props = ("hover", "fixed_header")

    def _build(self) -> None:
        key = str(self.attributes.get("id", self._ht_id)).replace("-", "_")
        sort = self.prop("sort_key", f"ht__{key}_sort")
        page_key = self.prop("page_key", f"ht__{key}_page")
        sort_by = self.prop("sort_by")
        initial = None
        if isinstance(sort_by, list) and sort_by:
            first = sort_by[0]
            initial = {"key": first.get("key"), "order": first.get("order", "asc")} if isinstance(first, dict) \
                else {"key": first, "order": "asc"}
        page_default = self.prop("page", 1)
        self._defaults += [(sort, initial), (page_key, 1 if is_bound(page_default) else page_default)]
        items = src(self.prop("items", []))
        headers = self.prop("headers")
        heads = src(headers) if headers is not None else \
            f"Object.keys(({items})[0] || {{}}).map(k => ({{title: k, key: k}}))"
        per = self.prop("items_per_page", 10)
        rows = f"({items})"
        search = self.prop("search")
        if search is not None:
            q = f"String({src(search)} ?? '').toLowerCase()"
            rows += (f".filter(r => !{q} || Object.values(r).some(v => String(v ?? '').toLowerCase()"
                     f".includes({q})))")
        sorted_rows = (f"(({sort}) ? {rows}.slice().sort((a, b) => (a[{sort}.key] > b[{sort}.key] ? 1 : "
                       f"a[{sort}.key] < b[{sort}.key] ? -1 : 0) * ({sort}.order === 'desc' ? -1 : 1)) : {rows})")
        count = f"{rows}.length"
        x = _TableExprs(heads=heads, sort=sort, page_key=page_key, count=count, per=src(per), paged=sorted_rows,
                        page=page_key, model=self.model_source())
        if per != -1:
            # the page shown stays within the rows left after a search
            x.page = f"Math.min(Math.max(1, {page_key}), Math.max(1, Math.ceil({count} / ({x.per}))))"
            x.paged = f"{sorted_rows}.slice((({x.page}) - 1) * ({x.per}), ({x.page}) * ({x.per}))"
        with el("div", classes="v-table__wrapper"):
            with el("table"):
                self._head(x)
                self._body(x)
        if self.prop("hide_default_footer") in (None, False) and per != -1:
            self._footer(x)

    def _selects(self, x: "_TableExprs") -> bool:
        return self.prop("show_select") not in (None, False) and x.model is not None

    def _item_value(self, item: str) -> str:
        key = self.prop("item_value", self.prop("item_key"))
        return item if key is None else f"{item}[{src(key)}]"

    def _head(self, x: "_TableExprs") -> None:
        k = "(h.key ?? h.value)"
        with el("thead"):
            with el("tr"):
                if self._selects(x):
                    ids = f"{x.paged}.map(it => {self._item_value('it')})"
                    rest = f"[].concat({x.model} ?? []).filter(v => !{ids}.includes(v))"
                    box = el("input", type="checkbox", aria_label="Select all", classes="v-data-table__select")
                    box.__dict__["_model"] = Model(
                        compile_expr(f"{ids}.length > 0 && {ids}.every(v => [].concat({x.model} ?? []).includes(v))"),
                        compile_statement(f"{x.model} = $value ? {rest}.concat({ids}) : {rest}"), frozenset())
                    el("th", box, classes="v-data-table__th v-data-table-column--select")
                th = el("th", classes="v-data-table__th", v_for=f"h in {x.heads}",
                        style=("{textAlign: h.align || 'start'}",))
                th.add("{{ h.title ?? " + k + " }}")
                th.add(el("span", "{{ (" + x.sort + ") && " + x.sort + ".key === " + k + " ? (" + x.sort +
                          ".order === 'desc' ? ' ↓' : ' ↑') : '' }}", classes="v-data-table-header__sort-icon"))
                if self.prop("disable_sort") in (None, False):
                    th._set("classes", ("['v-data-table__th', {'v-data-table__th--sortable': h.sortable !== false}]",))
                    # a header click sorts ascending, then descending, then not at all
                    th._events["click"] = handler(
                        "click",
                        f"h.sortable !== false ? ({x.sort} = ({x.sort} && {x.sort}.key === {k}) ? "
                        f"({x.sort}.order === 'asc' ? {{key: {k}, order: 'desc'}} : null) : "
                        f"{{key: {k}, order: 'asc'}}) : null")
        loading = self.prop("loading")
        if loading not in (None, False):
            with el("thead", classes="v-data-table-progress", v_if=loading[0] if is_bound(loading) else "true"):
                el("tr", el("th", el("div", el("div", classes="v-progress-linear__indeterminate"),
                                     classes="v-progress-linear v-progress-linear--indeterminate"),
                            colspan=(f"Math.max(1, {x.heads}.length + {int(self._selects(x))})",)))

    def _body(self, x: "_TableExprs") -> None:
        with el("tbody"):
            with el("tr", v_for=f"item, index in {x.paged}", classes="v-data-table__tr"):
                if self._selects(x):
                    v = self._item_value("item")
                    rest = f"[].concat({x.model} ?? []).filter(x => x !== {v})"
                    box = el("input", type="checkbox", aria_label="Select row", classes="v-data-table__select")
                    box.__dict__["_model"] = Model(
                        compile_expr(f"[].concat({x.model} ?? []).includes({v})"),
                        compile_statement(f"{x.model} = $value ? {rest}.concat([{v}]) : {rest}"), frozenset())
                    el("td", box, classes="v-data-table-column--select")
                self.__dict__["_td"] = el("td", "{{ item[(h.key ?? h.value)] }}", v_for=f"h in {x.heads}",
                                          style=("{textAlign: h.align || 'start'}",))
            self.__dict__["_empty"] = el("td", text_child(self.prop("no_data_text", "No data available")),
                                         classes="v-data-table__empty",
                                         colspan=(f"Math.max(1, {x.heads}.length + {int(self._selects(x))})",))
            el("tr", self._empty, v_if=f"{x.count} === 0")

    def _footer(self, x: "_TableExprs") -> None:
        last = f"Math.max(1, Math.ceil({x.count} / ({x.per})))"
        with el("div", classes="v-data-table-footer"):
            el("div", "{{ " + x.count + " ? ((" + x.page + ") - 1) * (" + x.per + ") + 1 : 0 }}–{{ Math.min((" +
               x.page + ") * (" + x.per + "), " + x.count + ") }} of {{ " + x.count + " }}",
               classes="v-data-table-footer__info")
            VBtn(icon="mdi-chevron-left", variant="text", size="small", classes="v-data-table-footer__prev",
                 aria_label="Previous page", disabled=(f"({x.page}) <= 1",),
                 click=f"{x.page_key} = Math.max(1, ({x.page}) - 1)")
            VBtn(icon="mdi-chevron-right", variant="text", size="small", classes="v-data-table-footer__next",
                 aria_label="Next page", disabled=(f"({x.page}) >= {last}",),
                 click=f"{x.page_key} = Math.min({last}, ({x.page}) + 1)")

    def add(self, *items: Any) -> Any:
        """Children; ``Template(v_slot_item_<key>="{ item }")`` renders the cells of column *key*."""
        rest = []
        for item in items:
            name = getattr(item, "slot_name", None) or ""
            if self._ready and name.startswith(("item.", "item_")) and len(name) > 5:
                self._cell_template(name[5:], item)
            else:
                rest.append(item)
        return super().add(*rest) if rest else (items[-1] if items else None)

    def _slot(self, name: str = "default") -> AbstractElement:
        """Named slots: ``top`` (above the table), ``bottom`` (below the footer), ``no_data``."""
        if name == "top":
            return self.named_slot("top", lambda: place(self, el("div", classes="v-data-table__top"), 0))
        if name == "bottom":
            return self.named_slot("bottom", lambda: place(self, el("div", classes="v-data-table__bottom")))
        if name in ("no_data", "no-data"):
            return self.named_slot("no_data", lambda: self._empty)
        return super()._slot(name)

    def _cell_template(self, key: str, template: AbstractElement) -> None:
        td = self._td
        if not self.__dict__.get("_custom_cells"):
            # the default cell text becomes the last branch of a v-if chain
            AbstractElement.clear(td)
            with building(td):
                el("span", "{{ item[(h.key ?? h.value)] }}", classes="v-data-table__cell", v_else=True)
            self.__dict__["_custom_cells"] = 0
        first = self._custom_cells == 0
        template._set("v_if" if first else "v_else_if", f"(h.key ?? h.value) === {js(key)}")
        if template.parent is not None and template in template.parent.children:
            template.parent.children.remove(template)
        td.children.insert(len(td.children) - 1, template)
        template.parent = td
        self.__dict__["_custom_cells"] = self._custom_cells + 1


# -- tabs and windows --------------------------------------------------------------
class _Group(VElement):
    """A single-choice group whose children of ``_item`` type pick ``v_model``."""

    _item: type = VElement
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

    def _join(self, node: Any, value: str) -> None:
        node._events["click"] = handler("click", f"{self._src} = {value}")
        self.chain(node, "click", "update_modelValue", self._src)
        node._p["active"] = (is_selected(self._src, value, False),)
        node._refresh()
        node.attributes["role"] = "tab"
        node._set("aria-selected", (f"String({is_selected(self._src, value, False)})",))


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

"""Data tables: ``VDataTable`` (sorts, searches and pages its ``items``) and
``VDataTableServer`` (shows the page the app queried; ``items_length`` rows in all).

Both keep Vuetify's table options — ``sort_by``, ``page``, ``items_per_page``,
``search``, ``expanded`` and the ``v_model`` selection — in state. Given as a
state tuple (``page=("page", 1)``, or the two-way spellings
``v_model_page``/``"v_model:page"``/``page_sync``/``"page.sync"``) the table
reads that key and its header clicks and pager write it; given as a literal
or not at all, the table keeps it in a hidden key of its own.

``update_options`` (``"update:options"``) receives Vuetify's options object as
``$event`` — ``{page, itemsPerPage, sortBy, groupBy, search}`` (Vuetify 2's
shape from :mod:`htmxtrame.widgets.vuetify2`) — on the page's first sight of
the table and whenever an option changed, as Vuetify emits it on mount and on
change. The page reports it (the glue's ``watchTableOptions``) when the
options it shows differ from the ones last reported, and the app's handler
runs only for options not reported yet: one query per change, however many
pages show the table.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...elements import AbstractElement, EventHandler
from ...elements.base import Model
from ...expr import ExpressionError, compile_expr, compile_statement
from .computed import slot_names
from .containers import VBtn
from .core import VElement, building, el, handler, is_bound, js, place, src, text_child
from .table_groups import (
    GROUP_COLUMN,
    ROWS,
    adopt_header_slot,
    grouped_scope,
    has_group_column,
    header_row,
    is_group,
    normalised_sort,
)
from .table_select import checkbox, many_checkbox

# Vuetify's table options: the prop's name -> its value when nothing is given.
OPTION_DEFAULTS: dict[str, Any] = {
    "sort_by": [], "sort_desc": [], "page": 1, "items_per_page": 10, "expanded": [], "search": None,
}
_CAMEL = {"sortBy": "sort_by", "sortDesc": "sort_desc", "itemsPerPage": "items_per_page"}
_TWO_WAY = re.compile(r"^(?:v_model[_:](?P<a>\w+)|(?P<b>\w+)(?:_sync|\.sync))$")
# Vuetify's table events, however trame spells them -> our event name.
_EVENT = re.compile(r"^(?:v_on_|@)?update[_:](?P<name>\w+)$")
TABLE_EVENTS = frozenset({"update_options", "update_page", "update_sortBy", "update_itemsPerPage",
                          "update_expanded", "update_modelValue", "click_row"})


def option_name(name: str) -> str | None:
    """The option a two-way keyword binds (``v_model_page`` → ``page``), else None."""
    m = _TWO_WAY.match(name)
    if not m:
        return None
    option = m.group("a") or m.group("b")
    option = _CAMEL.get(option, option)
    return option if option in OPTION_DEFAULTS else None


def event_alias(name: str) -> str:
    """``update:options`` / ``update_sort_by`` / ``update:sortBy`` → ``update_options`` / ``update_sortBy``."""
    m = _EVENT.match(name.replace(":", "_", 1) if name.startswith("update:") else name)
    if not m:
        return name
    option = m.group("name")
    snake_to_camel = {v: k for k, v in _CAMEL.items()}
    option = snake_to_camel.get(option, option)
    return f"update_{option}"


def _assignable(source: str) -> bool:
    try:
        compile_statement(f"{source} = $value")
        return True
    except ExpressionError:
        return False


@dataclass
class _Option:
    """Where an option is read from and written to (expression sources)."""

    read: str
    target: str
    field: str | None = None  # set: the target is Vuetify 2's ``options`` object, this its field

    def assign(self, value: str) -> str:
        """A statement storing *value* in the option."""
        if self.field is None:
            return f"{self.target} = {value}"
        return f"{self.target} = {{...({self.target} ?? {{}}), {self.field}: {value}}}"


@dataclass
class _TableExprs:
    """The expressions a data table's parts share (generated source text)."""

    sort: str  # the sort, normalised to [{key, order}]
    heads: str  # the headers
    count: str  # how many rows there are in all (after the search)
    per: str  # rows per page
    page: str  # the page shown (clamped)
    paged: str  # the rows shown
    options: str  # Vuetify's options object
    model: str | None  # the selection's v_model
    groups: str = "[]"  # group_by, normalised to [{key, order}]
    toggled: str = ""  # the hidden key listing the groups toggled from their default


class VDataTable(VElement):
    """A table of ``items`` with ``headers`` (``title``, ``key``), sorting, ``search``, paging,
    selection (``show_select`` + ``v_model``) and expandable rows (``show_expand`` + ``expanded``)."""

    _base = "v-table v-data-table"
    _props = frozenset({"headers", "items", "search", "items_per_page", "page", "sort_by", "sort_desc",
                        "hide_default_footer", "loading", "item_value", "show_select", "fixed_header", "hover",
                        "no_data_text", "multi_sort", "must_sort", "sort_key", "page_key", "item_key",
                        "disable_sort", "select_strategy", "return_object", "expanded", "show_expand",
                        "items_per_page_options", "items_length", "server_items_length", "loading_text",
                        "options", "footer_props", "disable_pagination", "hide_default_header",
                        "group_by", "group_desc", "show_group_by"})
    _flag_props = ("hover", "fixed_header")
    _known_events = VElement._known_events | TABLE_EVENTS
    _server_class = False  # VDataTableServer: the app pages, sorts and searches

    @property
    def _server_side(self) -> bool:
        # Vuetify 2 pages on the server when given server_items_length
        return self._server_class or self.prop("server_items_length") is not None

    def _set(self, name: str, value: Any) -> None:
        option = option_name(name)
        if option is not None:
            name, value = option, value if isinstance(value, tuple) else (value,)
        elif name.startswith(("update", "v_on_update", "@update")):
            name = event_alias(name)
        super()._set(name, value)

    # -- options ---------------------------------------------------------------
    def _option(self, name: str) -> _Option:
        """Read/write sources for option *name*: its bound key, else a hidden key."""
        given = self.prop(name)
        legacy = {"sort_by": "sort_key", "page": "page_key"}.get(name)
        if legacy and self.prop(legacy) is not None and not is_bound(given):
            given = (str(self.prop(legacy)),)  # htmxtrame's earlier spelling
        default = OPTION_DEFAULTS[name]
        options = self.prop("options")
        if given is None and is_bound(options) and _assignable(str(options[0])) and name != "expanded":
            # Vuetify 2's options.sync: {page, itemsPerPage, sortBy, sortDesc} in one key
            source = str(options[0]).strip()
            self._seed(source, {})
            field = {v: k for k, v in _CAMEL.items()}.get(name, name)
            return _Option(f"({source})?.{field}", source, field)
        if is_bound(given):
            source = str(given[0]).strip()
            self._seed(source, given[1] if len(given) > 1 else default)
            if _assignable(source):
                return _Option(f"({source})", source)
            hidden = self._hidden(name, None)  # a computed prop: the table's own changes win
            return _Option(f"({hidden} ?? ({source}))", hidden)
        hidden = self._hidden(name, default if given is None else given)
        return _Option(hidden, hidden)

    def _seed(self, source: str, value: Any) -> None:
        if re.fullmatch(r"[A-Za-z_$][\w$]*", source):
            self._defaults.append((source, value))

    def _hidden(self, name: str, value: Any) -> str:
        key = f"ht__{self._key_base()}_{name}"
        self._defaults.append((key, value))
        return key

    def _key_base(self) -> str:
        return re.sub(r"\W", "_", str(self.attributes.get("id", self._ht_id)))

    def _build(self) -> None:
        if self._flag("disable_pagination"):
            self._p["items_per_page"] = -1
        opts = {name: self._option(name) for name in ("sort_by", "page", "items_per_page", "expanded")}
        if self._v2:
            opts["sort_desc"] = self._option("sort_desc")
        self.__dict__["_opts"] = opts
        items = self.prop("items", [])
        # Vuetify's items default to []: a key not loaded yet (or None, or a value the
        # page cannot see, such as a DataFrame) shows "No data available", not errors
        items = f"({src(items)} ?? [])" if is_bound(items) else src(items)
        headers = self.prop("headers")
        heads = src(headers) if headers is not None else \
            f"Object.keys(({items})[0] || {{}}).map(k => ({{title: k, key: k}}))"
        per = f"({opts['items_per_page'].read} ?? 10)"
        search = self.prop("search")
        search_src = src(search) if search is not None else "null"
        x = _TableExprs(sort=self._sort_source(), heads=heads, count="", per=per, page="", paged="",
                        options="", model=self.model_source())
        grouped = self.prop("group_by") is not None
        if grouped:
            x.groups = normalised_sort(src(self.prop("group_by")), src(self.prop("group_desc", [])))
            x.toggled = self._hidden("groups_toggled", [])
        self.__dict__["_grouped"] = grouped
        page = f"({opts['page'].read} ?? 1)"
        if self._server_side:
            total = self.prop("items_length", self.prop("server_items_length", 0))
            x.count = f"(Number({src(total)}) || 0)"
            x.paged = self._group_rows(x, f"({items})") if grouped else f"({items})"
        else:
            rows = f"({items})"
            if search is not None:
                q = f"String({search_src} ?? '').toLowerCase()"
                rows += (f".filter(r => !{q} || Object.values(r).some(v => String(v ?? '').toLowerCase()"
                         f".includes({q})))")
            # the sort is worked out once, not once per comparison
            compare = ("(a, b) => S.reduce((c, s) => c || (a[s.key] > b[s.key] ? 1 : a[s.key] < b[s.key] ? -1 : 0)"
                       " * (s.order === 'desc' ? -1 : 1), 0)")
            # grouped rows sort by their groups first, then by sort_by, as Vuetify sorts them
            by = f"{x.groups}.concat({x.sort}.filter(s => !{x.groups}.some(g => g.key === s.key)))" \
                if grouped else x.sort
            sorted_rows = f"((S, R) => S.length ? R.slice().sort({compare}) : R)({by}, {rows})"
            x.count = f"{rows}.length"
            x.paged = sorted_rows
            if grouped and not self._v2:  # Vuetify 3 pages the rows and group headers shown
                x.paged = self._group_rows(x, sorted_rows)
                x.count = f"{x.paged}.length"
        # the page shown stays within the rows there are
        x.page = (f"(({per}) === -1 ? 1 : Math.min(Math.max(1, {page}), "
                  f"Math.max(1, Math.ceil({x.count} / ({per})))))")
        if not self._server_side:
            x.paged = f"(({per}) === -1 ? {x.paged} : {x.paged}.slice(({x.page} - 1) * ({per}), {x.page} * ({per})))"
            if grouped and self._v2:  # Vuetify 2 groups the rows of the page shown
                x.paged = self._group_rows(x, x.paged)
        x.options = self._options_source(x, page, search_src)
        self.__dict__["_x"] = x
        self._watch_options(x)
        with el("div", classes="v-table__wrapper") as wrapper, el("table"):
            self.__dict__["_wrapper"] = wrapper
            if self.prop("hide_default_header") in (None, False):
                self._head(x)
            self._body(x)
        self._scope_groups(wrapper)
        if self.prop("hide_default_footer") in (None, False):
            self._footer(x)

    def _group_rows(self, x: _TableExprs, rows: str) -> str:
        """The grouped rows of *rows*: a local the table's parts share, worked out in Python."""
        name = f"htGroups_{self._key_base()}"
        self.__dict__["_group_input"] = rows
        return f"({name} ?? [])"

    def _scope_groups(self, node: AbstractElement) -> None:
        """Give *node*'s content the grouped rows (computed once per render of *node*)."""
        if self._grouped:
            x = self._x
            picked = None
            if self._group_boxes(x) and node is self.__dict__.get("_wrapper"):
                key = self.prop("item_value", self.prop("item_key"))
                picked = (self._picked_name(), str(x.model), src(key) if key is not None else "null")
            node.__dict__["_loop"] = grouped_scope(f"htGroups_{self._key_base()}", self._group_input,
                                                   x.groups, x.toggled, self._v2, picked)

    def _group_boxes(self, x: _TableExprs) -> bool:
        """Whether the group header rows have checkboxes (Vuetify 3, ``show_select`` with a model)."""
        return self._grouped and self._selects(x) and not self._v2

    def _picked_name(self) -> str:
        """The local holding each shown group's selection (``table_groups.picked_groups``)."""
        return f"htPicked_{self._key_base()}"

    def _sort_source(self) -> str:
        """The sort as Vuetify 3's ``[{key, order}]``, from either version's shape."""
        o = self._opts
        return normalised_sort(o["sort_by"].read, o["sort_desc"].read if "sort_desc" in o else "[]")

    def _options_source(self, x: _TableExprs, page: str, search: str) -> str:
        if self._v2:
            return (f"({{page: {page}, itemsPerPage: {x.per}, sortBy: {x.sort}.map(s => s.key), "
                    f"sortDesc: {x.sort}.map(s => s.order === 'desc'), groupBy: {x.groups}.map(g => g.key), "
                    f"groupDesc: {x.groups}.map(g => g.order === 'desc'), "
                    f"mustSort: {js(self._flag('must_sort'))}, multiSort: {js(self._flag('multi_sort'))}}})")
        searched = f", search: {search}" if self.prop("search") is not None else ""
        return f"({{page: {page}, itemsPerPage: {x.per}, sortBy: {x.sort}, groupBy: {x.groups}{searched}}})"

    def _flag(self, name: str) -> bool:
        return self.prop(name) not in (None, False)

    def _write_sort(self, new: str) -> str:
        """An expression storing the sort *new* (``[{key, order}]``) in the shape the table uses."""
        o = self._opts
        if not self._v2:
            return o["sort_by"].assign(new)
        keys, desc = "s.map(x => x.key)", "s.map(x => x.order === 'desc')"
        if o["sort_by"].field is not None:  # one options object: both in one write
            t = o["sort_by"].target
            return f"(s => {t} = {{...({t} ?? {{}}), sortBy: {keys}, sortDesc: {desc}}})({new})"
        return f"(s => ({o['sort_by'].assign(keys)}, {o['sort_desc'].assign(desc)}))({new})"

    def _watch_options(self, x: _TableExprs) -> None:
        """Raise ``update_options`` when the page sees options it has not reported."""
        user = self.take_event("update_options")
        if user is None:
            return
        emitted = self._hidden("options_emitted", None)
        self._set("data_ht_options", (f"JSON.stringify({x.options})",))
        self._set("data_ht_emitted", (emitted,))
        if self.prop("search") is not None:
            # a new search starts again from page 1, as Vuetify's tables do
            last = f"({emitted} ? JSON.parse({emitted}) : null)"
            self._events["update_options"] = handler(
                "update_options", f"{last} && {last}.search !== {src(self.prop('search'))} && {x.page} !== 1 ? "
                f"({self._opts['page'].assign('1')}) : null")
        mark = handler("update_options", f"{emitted} = JSON.stringify({x.options})")
        # Every page showing the change reports it; the app hears it once.
        fresh = f"JSON.stringify($event) !== {emitted}"
        self.__dict__["_also"] = {**self._also, "update_options": [
            (_once(user, fresh), compile_expr(x.options)), (mark, None)]}

    def _chain_change(self, node: AbstractElement, event: str, value: str) -> None:
        """Run the app's ``event`` handler (``update_page``...) after *node*'s click."""
        h = self.take_event(event)  # the same handler may follow several controls
        if h is not None:
            node.__dict__["_also"] = {**node._also, "click": [*node._also.get("click", []), (h, compile_expr(value))]}

    # -- parts -------------------------------------------------------------------
    def _selects(self, x: _TableExprs) -> bool:
        return self._flag("show_select") and x.model is not None

    def _expands(self) -> bool:
        return self._flag("show_expand")

    def _group_column(self) -> str | None:
        """Whether Vuetify 3's "Group" column is added (grouped, and the headers do not place it)."""
        return f"!{has_group_column(self._x.heads)}" if self._grouped and not self._v2 else None

    def _columns(self, x: _TableExprs) -> str:
        added = f" + ({self._group_column()} ? 1 : 0)" if self._group_column() else ""
        return f"Math.max(1, {x.heads}.length + {int(self._selects(x)) + int(self._expands())}{added})"

    def _column_list(self) -> str:
        """Vuetify's ``columns`` slot prop: the headers (``key``, ``title``) with the select/group/expand columns."""
        x = self._x
        select = "[{key: 'data-table-select', title: ''}].concat(" if self._selects(x) else "[].concat("
        if self._group_column():
            select += f"{self._group_column()} ? [{{key: {js(GROUP_COLUMN)}, title: 'Group'}}] : [], "
        expand = ", [{key: 'data-table-expand', title: ''}]" if self._expands() else ""
        return (f"{select}{x.heads}.map(h => ({{...h, key: h.key ?? h.value, title: h.title ?? h.text}})){expand})")

    def _item_value(self, item: str) -> str:
        key = self.prop("item_value", self.prop("item_key"))
        return item if key is None else f"{item}[{src(key)}]"

    def _head(self, x: _TableExprs) -> None:
        k = "(h.key ?? h.value)"
        with el("thead"), el("tr"):
            if self._selects(x):
                box = many_checkbox(str(x.model), "Select all", f"{self._page_rows(x)}.map(it => {self._item_value('it')})")
                el("th", box, classes="v-data-table__th v-data-table-column--select")
            if self._group_column():
                el("th", "Group", classes="v-data-table__th v-data-table-column--group", v_if=self._group_column())
            th = el("th", classes="v-data-table__th", v_for=f"h in {x.heads}",
                    style=("{textAlign: h.align || 'start'}",))
            th.add("{{ h.title ?? h.text ?? " + k + " }}")
            entry = f"{x.sort}.find(s => s.key === {k})"
            th.add(el("span", "{{ " + entry + " ? (" + entry + ".order === 'desc' ? ' ↓' : ' ↑') : '' }}",
                      classes="v-data-table-header__sort-icon", aria_hidden="true"))  # aria-sort says it
            if self._expands():
                el("th", classes="v-data-table__th v-data-table-column--expand")
            if not self._flag("disable_sort"):
                th._set("classes", ((f"['v-data-table__th', {{'v-data-table__th--sortable': h.sortable !== false,"
                                    f" 'v-data-table__th--sorted': !!{entry}}}]"),))
                th._set("aria_sort", ((f"{entry} ? ({entry}.order === 'desc' ? 'descending' : 'ascending')"
                                      " : undefined"),))
                new_sort = self._write_sort(self._next_sort(x, k))
                th._events["click"] = handler("click", f"h.sortable !== false ? ({new_sort}) : null")
                # a sortable header is reached by Tab and sorted with Enter/Space, as a mouse click sorts it
                th._set("tabindex", ("h.sortable !== false ? '0' : null",))
                th.attributes["data-ht-press"] = True
                self._chain_change(th, "update_sortBy", f"{self._opts['sort_by'].read}")
        loading = self.prop("loading")
        if loading not in (None, False):
            with el("thead", classes="v-data-table-progress", v_if=loading[0] if is_bound(loading) else "true"):
                el("tr", el("th", el("div", el("div", classes="v-progress-linear__indeterminate"),
                                     classes="v-progress-linear v-progress-linear--indeterminate"),
                            colspan=(self._columns(x),)))

    def _next_sort(self, x: _TableExprs, k: str) -> str:
        """The sort after a click on column *k*: ascending, descending, then none (or ascending)."""
        s = x.sort
        entry = f"{s}.find(s => s.key === {k})"
        first = f"[{{key: {k}, order: 'asc'}}]"
        add = f"{s}.concat({first})" if self._flag("multi_sort") else first
        flip = f"{s}.map(s => s.key === {k} ? {{key: {k}, order: 'desc'}} : s)"
        again = f"{s}.map(s => s.key === {k} ? {{key: {k}, order: 'asc'}} : s)"
        drop = again if self._flag("must_sort") else f"{s}.filter(s => s.key !== {k})"
        return f"(!{entry} ? {add} : {entry}.order === 'asc' ? {flip} : {drop})"

    def _page_rows(self, x: _TableExprs) -> str:
        """The rows shown (the group headers left out)."""
        return f"{x.paged}.filter(it => !{is_group('it')})" if self._grouped else x.paged

    def _body(self, x: _TableExprs) -> None:
        expands = self._expands()
        grouped = self._grouped
        loop = f"item, index in {x.paged}"
        # an expandable row is two <tr>, a group a header row too: each item then gets a <tbody> of its own
        own_body = expands or grouped
        with el("tbody", v_for=loop if own_body else None):
            if grouped:
                select = None
                if self._group_boxes(x):  # Vuetify 3's group checkbox
                    label = ("'Select group ' + item.key + ': ' + item.value",)
                    select = many_checkbox(str(x.model), label, f"item.{ROWS}.map(it => {self._item_value('it')})",
                                           f"{self._picked_name()}[item.id]")
                row = header_row(self._columns(x), x.toggled, self._v2, x.heads, select)
                row._set("v_if", is_group("item"))
                self.__dict__["_group_row"] = row
            with el("tr", v_for=None if own_body else loop, classes="v-data-table__tr",
                    v_else=True if grouped else None) as tr:
                self.__dict__["_row"] = (tr, loop, own_body)
                if self._selects(x):
                    v = self._item_value("item")
                    rest = f"[].concat({x.model} ?? []).filter(x => x !== {v})"
                    el("td", checkbox("Select row", f"[].concat({x.model} ?? []).includes({v})",
                                      f"{x.model} = $value ? {rest}.concat([{v}]) : {rest}"),
                       classes="v-data-table-column--select")
                if self._group_column():
                    el("td", classes="v-data-table-column--group", v_if=self._group_column())
                self.__dict__["_td"] = el("td", "{{ item[(h.key ?? h.value)] }}", v_for=f"h in {x.heads}",
                                          style=("{textAlign: h.align || 'start'}",))
                if expands:
                    self._expand_cell()
            click_row = self.take_event("click_row")
            if click_row is not None:
                tr._events["click"] = click_row
            if expands:
                self.__dict__["_expanded_row"] = el(
                    "td", colspan=(self._columns(x),), classes="v-data-table__expanded-cell")
                el("tr", self._expanded_row, classes="v-data-table__tr v-data-table__expanded",
                   v_if=(f"!{is_group('item')} && " if grouped else "") +
                   f"[].concat({self._opts['expanded'].read} ?? []).includes({self._item_value('item')})")
        with el("tbody", v_if=f"{x.paged}.length === 0"):
            self.__dict__["_empty"] = el("td", text_child(self.prop("no_data_text", "No data available")),
                                         classes="v-data-table__empty", colspan=(self._columns(x),))
            el("tr", self._empty)

    def _expand_cell(self) -> None:
        o = self._opts["expanded"]
        v = self._item_value("item")
        rest = f"[].concat({o.read} ?? []).filter(x => x !== {v})"
        is_open = f"[].concat({o.read} ?? []).includes({v})"
        btn = VBtn(icon="mdi-chevron-down", variant="text", size="small", classes="v-data-table__expand-icon",
                   aria_label="Expand row", click=o.assign(f"{is_open} ? {rest} : {rest}.concat([{v}])"))
        btn._set("aria_expanded", (f"String({is_open})",))
        self._chain_change(btn, "update_expanded", o.read)
        el("td", btn, classes="v-data-table-column--expand")

    def _footer(self, x: _TableExprs) -> None:
        last = f"Math.max(1, Math.ceil({x.count} / ({x.per})))"
        page = self._opts["page"]
        with el("div", classes="v-data-table-footer") as footer:
            self._scope_groups(footer)
            per_options = self.prop("items_per_page_options")
            footer = self.prop("footer_props")
            if per_options is None and isinstance(footer, dict):  # Vuetify 2's footer-props
                per_options = footer.get("items-per-page-options", footer.get("itemsPerPageOptions"))
            if per_options is not None:
                self._per_page_select(x, per_options)
            el("div", "{{ " + x.count + " ? (" + x.page + " - 1) * (" + x.per + " === -1 ? 0 : " + x.per +
               ") + 1 : 0 }}–{{ " + x.per + " === -1 ? " + x.count + " : Math.min(" + x.page + " * (" + x.per +
               "), " + x.count + ") }} of {{ " + x.count + " }}", classes="v-data-table-footer__info")
            prev = VBtn(icon="mdi-chevron-left", variant="text", size="small", classes="v-data-table-footer__prev",
                        aria_label="Previous page", disabled=(f"{x.page} <= 1",),
                        click=page.assign(f"Math.max(1, {x.page} - 1)"))
            nxt = VBtn(icon="mdi-chevron-right", variant="text", size="small", classes="v-data-table-footer__next",
                       aria_label="Next page", disabled=(f"({x.per}) === -1 || {x.page} >= {last}",),
                       click=page.assign(f"Math.min({last}, {x.page} + 1)"))
            for btn in (prev, nxt):
                self._chain_change(btn, "update_page", self._opts["page"].read)

    def _per_page_select(self, x: _TableExprs, options: Any) -> None:
        """Vuetify's "Items per page" select (``items_per_page_options``: numbers, -1 for all)."""
        o = self._opts["items_per_page"]
        choices = src(options)
        norm = f"({choices}).map(c => typeof c === 'object' ? c.value : c)"
        with el("label", classes="v-data-table-footer__items-per-page"):
            el("span", "Items per page:")
            select = el("select", classes="v-data-table-footer__select", aria_label="Items per page")
            select.__dict__["_model"] = Model(
                compile_expr(f"String({norm}.indexOf({x.per}))"),
                compile_statement(f"{o.assign(f'{norm}[Number($value)] ?? {x.per}')}; "
                                  f"{self._opts['page'].assign('1')}"), frozenset())
            with building(select):
                el("option", "{{ typeof c === 'object' ? c.title : (c === -1 ? 'All' : c) }}",
                   v_for=f"c, i in {choices}", value=("i",))

    # -- children and slots --------------------------------------------------------
    def add(self, *items: Any) -> Any:
        """Children; ``Template(v_slot_item_<key>="{ item }")`` renders the cells of column *key*,
        ``Template(v_slot_expanded_row="{ item }")`` the body of an expanded row."""
        rest = []
        for item in items:
            name = (getattr(item, "slot_name", None) or "").replace("-", "_")
            if self._ready and name == "item" and self._row_template(item):
                continue
            if self._ready and name.startswith(("item.", "item_")) and len(name) > 5:
                self._cell_template(name[5:], item)
            elif self._ready and name == "expanded_row" and self._expands():
                self._expanded_row.add(item)
            elif self._ready and name in ("group_header", "group.header") and self._grouped:
                adopt_header_slot(item, self._group_row, self._column_list(), self._x.toggled, self._v2)
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
        cell_template(self._td, key, template)

    def _row_template(self, template: AbstractElement) -> bool:
        """Vuetify's ``item`` slot (``{ item }`` / ``{ item, index }``): its content is each row,
        in a ``<tbody>`` of the row's own. False (the slot is dropped) for the other slot props, or on
        a table that draws expandable or grouped rows."""
        tr, loop, own_body = self._row
        names = slot_names(getattr(template, "slot_binding", None))
        if own_body or any(prop != alias or prop not in ("item", "index") for prop, alias in names):
            return False
        body = tr.parent
        body.children.clear()
        body._set("v_for", loop)
        for child in list(template.children):
            body.children.append(child)
            if isinstance(child, AbstractElement):
                child.parent = body
        return True


def cell_template(td: AbstractElement, key: str, template: AbstractElement) -> None:
    """Show *template* (a ``v-slot:item.<key>``) in the cells of column *key* of the row cell *td*
    (a ``<td v_for="h in ...">``); the other columns keep the item's value."""
    custom = td.__dict__.get("_custom_cells", 0)
    if not custom:
        # the default cell text becomes the last branch of a v-if chain
        AbstractElement.clear(td)
        with building(td):
            el("span", "{{ item[(h.key ?? h.value)] }}", classes="v-data-table__cell", v_else=True)
    template._set("v_if" if not custom else "v_else_if", f"(h.key ?? h.value) === {js(key)}")
    if template.parent is not None and template in template.parent.children:
        template.parent.children.remove(template)
    td.children.insert(len(td.children) - 1, template)
    template.parent = td
    td.__dict__["_custom_cells"] = custom + 1


class _Gated:
    """An event handler's code that runs only while *condition* holds."""

    def __init__(self, code: Any, condition: str) -> None:
        self.code = code
        self.condition = compile_expr(condition)
        self.source = code.source

    def evaluate(self, ctx: Any) -> Any:
        return self.code.evaluate(ctx) if self.condition.evaluate(ctx) is True else None


def _skip_or_call(fn: Any, fresh: bool, args: Any, kwargs: Any) -> Any:
    if not fresh:
        return None
    args = args if isinstance(args, list) else [args]
    return fn(*args, **(kwargs if isinstance(kwargs, dict) else {}))


def _once(user: EventHandler, condition: str) -> EventHandler:
    """*user*'s handler, run only when *condition* (an expression of ``$event``) holds."""
    if user.code is not None:
        return EventHandler(user.event, code=_Gated(user.code, condition))  # type: ignore[arg-type]
    args = user.args.source if user.args is not None else "[]"
    kwargs = user.kwargs.source if user.kwargs is not None else "{}"
    # a plain function stays a plain call, so a coroutine it returns is still scheduled
    return EventHandler(user.event, fn=functools.partial(_skip_or_call, user.fn),
                        args=compile_expr(f"[{condition}, {args}, {kwargs}]"))


class VDataTableServer(VDataTable):
    """Vuetify 3's server-side table: ``items`` is the page the app queried, ``items_length``
    the number of rows in all; sorting, paging and ``search`` reach the app through
    ``update_options`` (``$event``: ``{page, itemsPerPage, sortBy, search}``)."""

    _base = "v-table v-data-table v-data-table-server"
    _server_class = True

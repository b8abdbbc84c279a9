"""``VDataIterator`` and the data table's parts (``VDataTableHeaders``, ``VDataTableRow``,
``VDataTableRows``, ``VDataTableVirtual``).

A data iterator searches, sorts and pages its ``items`` in Python; its
slots (``default``, ``header``, ``footer``, ``no-data``, ``loader``) see
Vuetify's slot props — ``items`` (each ``{raw, value, index}``), ``page``,
``pageCount``, ``itemsPerPage`` — and a handler written ``prevPage``,
``nextPage``, ``setPage(n)`` or ``setItemsPerPage(n)`` inside them changes
the page on the server.
"""

from __future__ import annotations

import re
from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag

from ...elements import AbstractElement, EventHandler
from ...elements.base import Loop
from ...expr import compile_expr
from .computed import Rows
from .core import Template, VElement, el, is_bound, js, option_key, src, text_child
from .scoped import StateAssign, chain_outside
from .tables import VDataTable, cell_template

MAX_ITEMS = 100_000  # rows an iterator searches and sorts per render
_CALL = re.compile(r"\s*(?P<name>prevPage|nextPage|setPage|setItemsPerPage)\s*(\(\s*(?P<arg>[^()]*)\s*\))?\s*;?\s*")
_SLOT_PROPS = ("items", "page", "pageCount", "itemsPerPage", "prevPage", "nextPage", "setPage", "setItemsPerPage",
               "isExpanded", "toggleExpand", "isSelected", "toggleSelect", "groupedItems")


def _text_of(item: Any, keys: Any) -> str:
    if isinstance(item, dict):
        chosen = keys if isinstance(keys, (list, tuple)) and keys else list(item)
        return " ".join(str(item.get(k, "")) for k in chosen[:50])
    return str(item)


def _sort_key(value: Any) -> tuple:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, "" if value is None else str(value).lower())


def iterate(items: Any, search: Any, sort_by: Any, page: Any, per: Any, item_value: str = "id",
            filter_keys: Any = None) -> dict:
    """What a data iterator shows: the page of (searched, sorted) items, the page and the page count."""
    rows = list(items[:MAX_ITEMS]) if isinstance(items, (list, tuple)) else []
    query = str(search).strip().lower() if isinstance(search, (str, int, float)) and str(search).strip() else ""
    if query:
        rows = [r for r in rows if query in _text_of(r, filter_keys).lower()]
    for entry in reversed(sort_by if isinstance(sort_by, list) else []):
        key = entry.get("key") if isinstance(entry, dict) else entry
        desc = isinstance(entry, dict) and entry.get("order") == "desc"
        rows.sort(key=lambda r, k=key: _sort_key(r.get(k) if isinstance(r, dict) else r), reverse=desc)
    try:
        per_n = int(per)
    except (TypeError, ValueError):
        per_n = 5
    count = 1 if per_n <= 0 else max(1, -(-len(rows) // per_n))
    try:
        page_n = min(max(1, int(page)), count)
    except (TypeError, ValueError):
        page_n = 1
    shown = rows if per_n <= 0 else rows[(page_n - 1) * per_n:page_n * per_n]
    first = 0 if per_n <= 0 else (page_n - 1) * per_n
    wrapped = [{"raw": r, "value": r.get(item_value, r) if isinstance(r, dict) else r, "index": first + i,
                "type": "item"} for i, r in enumerate(shown)]
    return {"items": wrapped, "page": page_n, "pageCount": count, "itemsPerPage": per_n, "itemsLength": len(rows)}


class VDataIterator(VElement):
    """Any layout over ``items``: ``items_per_page`` (default 5, ``-1`` all), ``page`` (bound: read and
    written; or ``v_model_page``), ``search``, ``sort_by``, ``filter_keys``, ``item_value``, ``loading``.

    Raises ``update_page`` and ``update_options`` (``{page, itemsPerPage}``) when its page changes.
    """

    _base = "v-data-iterator"
    _props = frozenset({"items", "items_per_page", "page", "search", "sort_by", "filter_keys", "item_value",
                        "loading", "custom_filter", "custom_key_filter", "filter_mode", "no_filter", "multi_sort",
                        "must_sort", "return_object", "select_strategy", "show_expand", "expand_on_click",
                        "group_by", "tag", "transition", "model_value", "expanded", "v_model_page",
                        "v_model_items_per_page"})
    _known_events = VElement._known_events | {"update_page", "update_options", "update_itemsPerPage"}

    def _option(self, name: str, default: Any) -> str:
        return option_key(self, name, default, "ht__iter")
        key = f"ht__iter_{self._ht_id}_{name}"
        literal = self.prop(name)
        self._defaults.append((key, literal if literal is not None else default))
        return key

    def _build(self) -> None:
        self.__dict__["_page"] = self._option("page", 1)
        self.__dict__["_per"] = self._option("items_per_page", 5)
        self.__dict__["_parts"] = [src(self.prop("items", [])), src(self.prop("search")), src(self.prop("sort_by", [])),
                                   self._page, self._per]
        self.__dict__["_keys"] = (str(self.prop("item_value", "id")), self.prop("filter_keys"))
        loading = self.prop("loading")
        self.__dict__["_loading"] = f"({loading[0]})" if is_bound(loading) else js(loading not in (None, False))
        self._slots["header"] = el("div", classes="v-slot")
        body = el("div", classes="v-data-iterator__items", v_if=f"!{self._loading}")
        self._slots["default"] = body
        self._slots["no-data"] = el("div", classes="v-slot")
        self._slots["loader"] = el("div", classes="v-slot v-data-iterator__loader", v_if=self._loading)
        self._slots["footer"] = el("div", classes="v-slot")
        for name in ("header", "default", "no-data", "loader", "footer"):
            self._scope(name, list(_SLOT_PROPS))
        self._slots["no-data"]._directives["v_if"] = compile_expr(f"!{self._loading}")

    def _view(self, items: Any, search: Any, sort_by: Any, page: Any, per: Any) -> dict:
        view = iterate(items, search, sort_by, page, per, self._keys[0], self._keys[1])
        if self._v2:  # Vuetify 2's slot gives the items themselves
            view["items"] = [row["raw"] for row in view["items"]]
        return view

    def _scope(self, slot: str, names: list[str]) -> None:
        def row(*values: Any) -> list[tuple]:
            view = self._view(*values)
            if slot == "no-data" and view["items"]:
                return []
            if slot == "default" and not view["items"]:
                return []
            return [tuple(view.get(n) for n in names)]

        rows = Rows(tuple(names), self._parts, row, f"{self._ht_id} {slot}")
        box = self._slots[slot]
        box.__dict__["_loop"] = Loop(rows, rows.source)

    def _slot(self, name: str = "default") -> AbstractElement:
        name = {"no_data": "no-data", "noData": "no-data"}.get(name, name)
        if name in self._slots:
            return self._slots[name]
        return super()._slot(name)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, Template) and item.slot_props:
            slot = {"no_data": "no-data", "noData": "no-data"}.get(item.slot_name or "default", item.slot_name)
            if slot in self._slots:
                self._scope(slot, list(item.slot_props))
        if not isinstance(item, AbstractElement):
            return
        for node in item.walk():
            for event, h in list(node._events.items()):
                m = _CALL.fullmatch(h.code.source) if h.code is not None else None
                if m:
                    node._events[event] = self._action(event, m.group("name"), (m.group("arg") or "").strip())
                    chain_outside(self, node, event, "update_page", self._page)
                    chain_outside(self, node, event, "update_options",
                                  f"({{page: {self._page}, itemsPerPage: {self._per}}})")

    def _action(self, event: str, name: str, arg: str) -> EventHandler:
        """The server-side code of a slot function: a new page (or page size), computed in Python."""
        if name == "setItemsPerPage":
            def per_page(wanted: Any) -> int:
                try:
                    return max(-1, min(int(wanted), 10_000)) or 5
                except (TypeError, ValueError):
                    return 5

            code = StateAssign(f"{self._ht_id} {name}", self._per, [], per_page, arg or "5")
            first = StateAssign(f"{self._ht_id} page 1", self._page, [], lambda: 1)
            return EventHandler(event, code=_Both(code, first))

        def target(*values: Any) -> int:
            *view_args, wanted = values
            view = self._view(*view_args)
            page, count = view["page"], view["pageCount"]
            new = page - 1 if name == "prevPage" else page + 1 if name == "nextPage" else wanted
            try:
                return min(max(1, int(new)), count)
            except (TypeError, ValueError):
                return page

        return EventHandler(event, code=StateAssign(f"{self._ht_id} {name}", self._page, self._parts, target,
                                                    arg or "null"))


class _Both(StateAssign):
    """Two writes in order (a page size, then page 1)."""

    def __init__(self, first: StateAssign, second: StateAssign) -> None:
        self.__dict__.update(first.__dict__)
        self.second = second

    def evaluate(self, ctx: Any) -> Any:
        StateAssign.evaluate(self, ctx)
        return self.second.evaluate(ctx)


# -- data table parts ---------------------------------------------------------------------------
class VDataTableHeaders(VElement):
    """A table's header row from ``headers`` (``{title, key, align}``), for a hand-made
    :class:`~.display.VTable`: a ``<thead>``; ``sticky`` keeps it in view."""

    _tag = "thead"
    _base = "v-data-table-headers"
    _props = frozenset({"headers", "sticky", "multi_sort", "sort_by", "loading", "color", "disable_sort",
                        "fixed_header", "header_props", "sort_asc_icon", "sort_desc_icon", "mobile"})
    _flag_props = ("sticky",)

    def _build(self) -> None:
        with el("tr"):
            th = el("th", classes="v-data-table__th", v_for=f"h in {src(self.prop('headers', []))}",
                    style=("{textAlign: h.align || 'start'}",), scope="col")
            th.add("{{ h.title ?? h.text ?? h.key }}")


class VDataTableRow(VElement):
    """One ``<tr>``: the ``item``'s value for each of ``headers``/``columns`` (``key``), by default
    the columns of the data table whose ``item`` slot it is in; ``index``; a click raises ``click``
    with the item. ``Template(v_slot_item_<key>=...)`` draws the cell of column *key*."""

    _tag = "tr"
    _base = "v-data-table__tr"
    _props = frozenset({"item", "index", "headers", "columns", "cell_props", "mobile", "mobile_breakpoint",
                        "hide_details"})

    def _build(self) -> None:
        item = src(self.prop("item", {}))
        heads = self.prop("headers", self.prop("columns"))
        table = _enclosing_table()
        heads_src = src(heads) if heads is not None else (table._x.heads if table is not None else "[]")
        td = el("td", classes="v-data-table__td", v_for=f"h in {heads_src}",
                style=("{textAlign: h.align || 'start'}",))
        td.add(text_child((f"({item}) == null ? '' : ({item})[h.key] ?? (({item}).raw ?? {{}})[h.key]",)))
        self.__dict__["_td"] = td
        self.__dict__["_item_src"] = item

    def add(self, *items: Any) -> Any:
        rest = []
        for item in items:
            name = (getattr(item, "slot_name", None) or "").replace("-", "_")
            if self._ready and name.startswith(("item.", "item_")) and len(name) > 5 and self._item_src.strip("() ") == "item":
                cell_template(self._td, name[5:], item)
            else:
                rest.append(item)
        return super().add(*rest) if rest else (items[-1] if items else None)


def _enclosing_table() -> VDataTable | None:
    """The data table whose ``with`` block is being built in (its ``item`` slot), if any."""
    frames = dom_tag._with_contexts.get(_get_thread_context(), [])
    for frame in reversed(frames):
        tag = getattr(frame, "tag", None)
        if isinstance(tag, VDataTable) and "_x" in tag.__dict__:
            return tag
    return None


class VDataTableRows(VElement):
    """A ``<tbody>`` of :class:`VDataTableRow`, one per ``items`` row, for ``headers``; ``no_data_text``
    when empty (``hide_no_data`` hides it), ``loading`` shows ``loading_text``."""

    _tag = "tbody"
    _base = "v-data-table-rows"
    _props = frozenset({"items", "headers", "columns", "loading", "loading_text", "no_data_text", "hide_no_data",
                        "row_props", "cell_props", "group_header", "mobile"})

    def _build(self) -> None:
        items = src(self.prop("items", []))
        heads = self.prop("headers", self.prop("columns", []))
        loading = self.prop("loading")
        busy = f"({loading[0]})" if is_bound(loading) else js(loading not in (None, False))
        cols = f"Math.max(1, ({src(heads)}).length)"
        el("tr", el("td", text_child(self.prop("loading_text", "Loading items...")), colspan=(cols,),
                    classes="v-data-table-rows-loading"), v_if=busy)
        VDataTableRow(v_for=f"item, index in {items}", item=("item",), index=("index",), headers=heads,
                      v_if=f"!{busy}")
        if self.prop("hide_no_data") in (None, False):
            el("tr", el("td", text_child(self.prop("no_data_text", "No data available")), colspan=(cols,),
                        classes="v-data-table-rows-no-data"), v_if=f"!{busy} && ({items}).length === 0")


class VDataTableVirtual(VDataTable):
    """A :class:`~.tables.VDataTable` showing every row in a scrolling box (``height``), no pager:
    sorting, search and selection as the data table's."""

    _base = "v-table v-data-table v-data-table-virtual"
    _props = VDataTable._props | {"item_height", "itemHeight"}

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs["items_per_page"] = -1
        kwargs.setdefault("hide_default_footer", True)
        kwargs.setdefault("fixed_header", True)
        super().__init__(children, **kwargs)
        height = self.prop("height")
        for node in self.walk():
            if "v-table__wrapper" in str(node.attributes.get("class", "")):
                node.attributes["tabindex"] = "0"  # a scrolling box keyboard users can scroll
                if height is not None and not is_bound(height):
                    node.attributes["style"] = f"--v-table-height: {height}px" if isinstance(height, (int, float)) \
                        else f"--v-table-height: {height}"
                break


__all__ = ["VDataIterator", "VDataTableHeaders", "VDataTableRow", "VDataTableRows", "VDataTableVirtual", "iterate"]

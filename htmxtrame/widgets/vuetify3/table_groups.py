"""Grouped rows of a data table (``group_by``), worked out on the server.

The rows are sorted by the group keys first (then by ``sort_by``), as Vuetify
does, and turned into one flat list in which each group's header object comes
before its rows: ``{type: 'group', id, key, value, depth, items, count}``
(``items`` are the group's rows; nested groups for several keys). A closed
group's rows and inner groups are left out.

Vuetify 3 pages that flat list (header rows count towards ``items_per_page``)
and starts with every group closed; Vuetify 2 pages the rows, groups the rows
of the page shown and starts with every group open. Either way the table
keeps the groups the person toggled in a hidden state key of its own.
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from .computed import Rows, slot_names
from .containers import VBtn
from .core import el, handler, js

# the field that tells a group header from a row in the flat list
MARK = "__htGroup"


def normalised_sort(by: str, desc: str) -> str:
    """``[{key, order}]`` from Vuetify 3's ``[{key, order}]`` or Vuetify 2's keys plus ``*_desc`` booleans
    (*by* and *desc* are expression sources)."""
    return (f"[].concat({by} ?? []).filter(s => s !== null && s !== undefined && s !== '')"
            f".map((s, i) => typeof s === 'object' ? {{key: s.key, order: s.order === 'desc' ? 'desc' : 'asc'}}"
            f" : {{key: s, order: [].concat({desc} ?? [])[i] === true ? 'desc' : 'asc'}})")


def is_open(toggled: str, group_id: str, v2: bool) -> str:
    """Whether the group *group_id* shows its rows: Vuetify 3 lists the opened groups, Vuetify 2 the closed."""
    inside = f"[].concat({toggled} ?? []).includes({group_id})"
    return f"!{inside}" if v2 else inside


def flat_rows(groups: str, rows: str, toggled: str, v2: bool) -> str:
    """The sorted *rows* with a header object before each group's rows (an expression source)."""
    opened = is_open(toggled, "p", v2)
    header = (f"({{{MARK}: true, type: 'group', id: P[d], key: G[d].key, value: r[G[d].key], depth: d, "
              "items: R.filter(x => G.slice(0, d + 1).every(h => x[h.key] === r[h.key]))})")
    # s: the first depth at which this row's groups differ from the previous row's (new headers from there)
    first_new = ("(i === 0 ? 0 : (j => j < 0 ? G.length : j)("
                 "G.findIndex(g => r[g.key] !== R[i - 1][g.key])))")
    ids = "G.map((g, d) => JSON.stringify(G.slice(0, d + 1).map(h => [h.key, r[h.key]])))"
    shown = f"P.slice(0, d).every(p => {opened})"
    per_row = (f"((s, P) => G.map((g, d) => d).filter(d => d >= s && {shown}).map(d => {header})"
               f".map(h => ({{...h, count: h.items.length}}))"
               f".concat(P.every(p => {opened}) ? [r] : []))({first_new}, {ids})")
    return f"((G, R) => G.length ? R.flatMap((r, i) => {per_row}) : R)({groups}, {rows})"


def is_group(item: str) -> str:
    """Whether the flat list's entry *item* is a group header."""
    return f"({item} && {item}.{MARK} === true)"


def toggle_code(toggled: str, group_id: str) -> str:
    """The statement that opens or closes the group *group_id*."""
    rest = f"[].concat({toggled} ?? []).filter(x => x !== {group_id})"
    return f"{toggled} = [].concat({toggled} ?? []).includes({group_id}) ? {rest} : {rest}.concat([{group_id}])"


def header_row(columns: str, toggled: str, v2: bool, heads: str) -> Any:
    """The default group header row for the loop variable ``item`` (a group object)."""
    opened = is_open(toggled, "item.id", v2)
    if v2:  # Vuetify 2: "−"/"+", then "<column's text>: <value>"
        icon = f"{opened} ? 'mdi-minus' : 'mdi-plus'"
        title = (f"(({heads}).find(h => (h.key ?? h.value) === item.key) || {{}}).text ?? "
                 f"(({heads}).find(h => (h.key ?? h.value) === item.key) || {{}}).title ?? item.key")
        label = "{{ " + title + " }}: {{ item.value }}"
        row_cls, cell_cls = "v-row-group__header", "text-start"
    else:  # Vuetify 3: chevron, the value, the number of rows
        icon = f"{opened} ? 'mdi-chevron-down' : 'mdi-chevron-right'"
        label = "{{ item.value }} ({{ item.count }})"
        row_cls, cell_cls = "v-data-table-group-header-row", "v-data-table__td v-data-table-group-header-row__cell"
    btn = VBtn(icon=(icon,), variant="text", size="small", classes="v-data-table-group-header-row__toggle",
               click=toggle_code(toggled, "item.id"),
               aria_label=("(" + js("Toggle group ") + " + item.key + ': ' + item.value)",))
    btn._set("aria_expanded", (f"String({opened})",))
    cell = el("td", btn, el("span", label, classes="v-data-table-group-header-row__label"),
              colspan=(columns,), classes=cell_cls,
              style=("{paddingInlineStart: (item.depth * 16 + 4) + 'px'}",))
    return el("tr", cell, classes=row_cls, style=("{'--v-data-table-group-header-row-depth': item.depth}",))


# -- the group-header slot -------------------------------------------------------------------
# Vuetify 3's slot props (v-slot:group-header) and Vuetify 2's (v-slot:group.header), as expressions
# of the table's loop variable ``item`` (the group); toggleGroup/toggle/remove are rewritten handlers.
_V3_PROPS = {"item": "item", "index": "index", "isGroupOpen": "(g => {open_g})", "toggleGroup": "(g => g)"}
_V2_PROPS = {"group": "item.value", "groupBy": "[item.key]", "items": "item.items", "isOpen": "{open_item}",
             "toggle": "(() => item)", "remove": "(() => item)", "isMobile": "false"}
_TOGGLE = {"toggleGroup": r"(?P<arg>.*)", "toggle": r"(?:\$event)?"}


def adopt_header_slot(template: Any, row: Any, columns: str, toggled: str, v2: bool) -> None:
    """Put the ``group-header`` slot's content in place of the default header *row*.

    Vuetify 3's content is the whole ``<tr>``; Vuetify 2's goes inside the header ``<tr>``. Each of
    its elements shows only for group entries, with the slot's props in scope.
    """
    names = slot_names(template.slot_binding or "")
    props = {**(_V2_PROPS if v2 else _V3_PROPS), "columns": columns, "headers": columns}
    parts = [props.get(prop, "undefined").replace("{open_g}", is_open(toggled, "g.id", v2))
             .replace("{open_item}", is_open(toggled, "item.id", v2)) for prop, _ in names] + [is_group("item")]
    rows = Rows(tuple(alias for _, alias in names), parts,
                lambda *values: [tuple(values[:-1])] if values[-1] is True else [], "group-header slot")
    _rewrite_toggles(template, dict(names), toggled)
    children = [c for c in template.children if isinstance(c, AbstractElement)]
    if v2:
        AbstractElement.clear(row)
        host, at = row, 0
    else:
        host = row.parent
        at = host.children.index(row)
        host.children.remove(row)
    for i, child in enumerate(children):
        child.__dict__["_loop"] = Loop(rows, rows.source)
        host.children.insert(at + i, child)
        child.parent = host
    template.children.clear()


def _rewrite_toggles(template: Any, aliases: dict[str, str], toggled: str) -> None:
    """``toggleGroup(item)`` / ``toggle`` in the slot's handlers: open or close that group on the server."""
    for prop, arg in _TOGGLE.items():
        alias = aliases.get(prop)
        if alias is None:
            continue
        call = re.compile(rf"\s*{re.escape(alias)}\s*(?:\(\s*{arg}\s*\))?\s*;?\s*")
        for node in template.walk():
            for event, h in list(node._events.items()):
                m = call.fullmatch(h.code.source) if h.code is not None else None
                if m:
                    target = f"({m.group('arg')}).id" if m.groupdict().get("arg") else "item.id"
                    node._events[event] = handler(event, toggle_code(toggled, target))

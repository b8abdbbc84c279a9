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

from typing import Any

from .containers import VBtn
from .core import el, js

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

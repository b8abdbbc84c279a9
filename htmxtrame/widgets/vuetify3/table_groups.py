"""Grouped rows of a data table (``group_by``), worked out on the server.

The rows are sorted by the group keys first (then by ``sort_by``), as Vuetify
does, and turned into one flat list in which each group's header object comes
before its rows: ``{type: 'group', id, key, value, depth, items, count}``
(``items`` are the inner groups, else the rows; ``count`` the rows in all). A closed
group's rows and inner groups are left out.

Vuetify 3 pages that flat list (header rows count towards ``items_per_page``)
and starts with every group closed; Vuetify 2 pages the rows, groups the rows
of the page shown and starts with every group open. Either way the table
keeps the groups the person toggled in a hidden state key of its own.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from .computed import Rows, slot_names
from .containers import VBtn
from .core import el, handler, js

# the field that tells a group header from a row in the flat list
MARK = "__htGroup"
# a group's rows, inner groups' included (Vuetify's extractRows): what its checkbox selects
ROWS = "__htRows"
# Vuetify 3's column for the group headers' toggles, added before the headers unless they place it
GROUP_COLUMN = "data-table-group"


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


MAX_GROUP_KEYS = 16  # nesting deeper than this is refused (each key is one more level)


def flat_rows(groups: Any, rows: Any, toggled: Any, v2: bool) -> list:
    """The sorted *rows* with a header object before each group's rows, closed groups' rows left out.

    *groups* is ``[{key, order}]``, *toggled* the ids of the groups opened (Vuetify 3) or closed
    (Vuetify 2). A group gathers its rows wherever they are (a server's page need not be sorted by it).
    """
    if not isinstance(rows, list):
        return []
    keys = [_key(g.get("key")) for g in groups if isinstance(g, dict)] if isinstance(groups, list) else []
    if not keys:
        return rows
    if len(keys) > MAX_GROUP_KEYS:
        raise ValueError(f"group_by has {len(keys)} keys; at most {MAX_GROUP_KEYS} are shown")
    marked = {t for t in toggled if isinstance(t, str)} if isinstance(toggled, list) else set()
    out: list = []
    flatten(tree(rows, keys, 0, []), lambda gid: (gid in marked) != v2, out)  # v3 lists opened, v2 closed
    return out


def tree(rows: list, keys: list[str], depth: int, path: list) -> list[dict]:
    """Vuetify's groups of *rows* by ``keys[depth:]``: ``items`` are the inner groups, else the rows."""
    groups = []
    for value, chunk in _split(rows, keys[depth]):
        here = [*path, [keys[depth], value]]
        inner = tree(chunk, keys, depth + 1, here) if depth + 1 < len(keys) else chunk
        groups.append({MARK: True, "type": "group", "id": json.dumps(here, default=str, separators=(",", ":")),
                       "key": keys[depth], "value": value, "depth": depth, "items": inner, "count": len(chunk),
                       ROWS: chunk})
    return groups


def flatten(items: list, is_open: Any, out: list) -> None:
    """Headers and the rows of open groups, in order, into *out*. As Vuetify 3, a group whose value
    is null (rows without the key) has no header and always shows its rows."""
    for item in items:
        if not (isinstance(item, dict) and item.get(MARK) is True):
            out.append(item)
            continue
        if item["value"] is not None:
            out.append(item)
        if item["value"] is None or is_open(item["id"]):
            flatten(item["items"], is_open, out)


def _split(rows: list, key: str) -> list[tuple[Any, list]]:
    """*rows* by their value of *key*, groups in the order their first row comes (as Vuetify's Map)."""
    groups: dict[str, tuple[Any, list]] = {}
    for row in rows:
        value = _value(row, key)
        # as JavaScript's ===: true and 1 are two groups, 1 and 1.0 one
        same = int(value) if isinstance(value, float) and value.is_integer() else value
        ident = f"{isinstance(value, bool)}:{json.dumps(same, default=str, sort_keys=True)}"
        groups.setdefault(ident, (value, []))[1].append(row)
    return list(groups.values())


def _key(key: Any) -> str:
    return key if isinstance(key, str) else json.dumps(key, default=str)


def _value(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else None


def grouped_scope(name: str, rows: str, groups: str, toggled: str, v2: bool,
                  picked: tuple[str, str, str] | None = None) -> Loop:
    """A one-row loop giving the flat list (of the rows expression *rows*) the local *name*:
    worked out once per render of the element it is put on, not once per use. With *picked*
    (a local's name, the selection's ``v_model`` and ``item_value`` sources) that local holds
    each shown group's selection (:func:`picked_groups`)."""
    if picked is None:
        scope = Rows((name,), [rows, groups, toggled],
                     lambda r, g, t: [(flat_rows(g, r, t, v2),)], f"{name} groups")
    else:
        local, model, key = picked

        def both(r: Any, g: Any, t: Any, m: Any, k: Any) -> list[tuple]:
            flat = flat_rows(g, r, t, v2)
            return [(flat, picked_groups(flat, m, k))]
        scope = Rows((name, local), [rows, groups, toggled, model, key], both, f"{name} groups")
    return Loop(scope, scope.source)


def picked_groups(flat: list, model: Any, key: Any) -> dict[str, dict]:
    """For each group header in *flat*: ``all`` / ``some`` of its rows' values (their *key*, else
    the rows) in the selection *model*, and the ``missing`` ones. Worked out with a set in Python,
    once per render, rather than a search of the selection per row in the page's expressions."""
    chosen = {_same(v) for v in model} if isinstance(model, list) else set()
    out: dict[str, dict] = {}
    for entry in flat:
        if not (isinstance(entry, dict) and entry.get(MARK) is True):
            continue
        values = [_value(r, key) if isinstance(key, str) else r for r in entry[ROWS]]
        missing = [v for v in values if _same(v) not in chosen]
        out[entry["id"]] = {"all": bool(values) and not missing, "some": len(missing) < len(values),
                            "missing": missing}
    return out


def _same(value: Any) -> Any:
    """A set key equal for values JavaScript's ``includes`` finds equal (1 and 1.0; not 1 and "1")."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("n", float(value))
    return ("j", json.dumps(value, default=str, sort_keys=True))


def is_group(item: str) -> str:
    """Whether the flat list's entry *item* is a group header."""
    return f"({item} && {item}.{MARK} === true)"


def toggle_code(toggled: str, group_id: str) -> str:
    """The statement that opens or closes the group *group_id*."""
    rest = f"[].concat({toggled} ?? []).filter(x => x !== {group_id})"
    return f"{toggled} = [].concat({toggled} ?? []).includes({group_id}) ? {rest} : {rest}.concat([{group_id}])"


def has_group_column(heads: str) -> str:
    """Whether the headers *heads* place Vuetify 3's group column themselves."""
    return f"({heads}).some(h => (h.key ?? h.value) === {js(GROUP_COLUMN)})"


def header_row(columns: str, toggled: str, v2: bool, heads: str, select: Any = None) -> Any:
    """The default group header row for the loop variable ``item`` (a group object); with *select*
    (the group's checkbox) that comes first in a cell of its own, as in Vuetify 3."""
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
    box = el("td", select, classes="v-data-table__td v-data-table-column--select") if select is not None else None
    cell = el("td", btn, el("span", label, classes="v-data-table-group-header-row__label"),
              colspan=(f"Math.max(1, {columns} - {int(box is not None)})",), classes=cell_cls,
              style=("{paddingInlineStart: (item.depth * 16 + 4) + 'px'}",))
    cells = [box, cell] if box is not None else [cell]
    return el("tr", *cells, classes=row_cls, style=("{'--v-data-table-group-header-row-depth': item.depth}",))


# -- the group-header slot -------------------------------------------------------------------
# Vuetify 3's slot props (v-slot:group-header) and Vuetify 2's (v-slot:group.header), as expressions
# of the table's loop variable ``item`` (the group); toggleGroup/toggle/remove are rewritten handlers.
_V3_PROPS = {"item": "item", "index": "index", "isGroupOpen": "(g => {open_g})", "toggleGroup": "(g => g)"}
_V2_PROPS = {"group": "item.value", "groupBy": "[item.key]", "items": "item.items", "isOpen": "{open_item}",
             "toggle": "(() => item)", "remove": "(() => item)", "isMobile": "false"}
_TOGGLE = {"toggleGroup": r"(?P<arg>[^;]*?)", "toggle": r"(?:\$event)?"}


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

"""Long and nested data: ``VTreeview`` and ``VVirtualScroll``.

A tree is flattened on the server into the rows a person can see (children
of closed nodes are not rendered), each with its depth and its open,
selected and active state; clicks send "this row" and Python code computes
the new ``opened``/``selected``/``activated`` lists. A virtual scroller
renders only the rows in view (plus a few either side): the page reports
where it scrolled to and the server sends the new window.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from ...elements import AbstractElement, EventHandler
from ...elements.base import Loop
from ...expr import compile_statement
from .computed import Assign, Rows
from .core import VElement, el, is_bound, js, place, src
from .icons import VIcon
from .selection import LIST_MODELS

MAX_NODES = 5000  # nodes a tree walks per render; the rest are not shown
MAX_DEPTH = 32
MAX_WINDOW = 500  # rows a virtual scroller renders at once


# -- VTreeview ----------------------------------------------------------------------------
class _Tree:
    """How to read a tree's items (``item_title``, ``item_value``, ``item_children``)."""

    def __init__(self, title: str, value: str, children: str) -> None:
        self.title, self.value, self.children = title, value, children

    def kids(self, item: Any) -> list:
        kids = item.get(self.children) if isinstance(item, dict) else None
        return [k for k in kids if isinstance(k, dict)] if isinstance(kids, list) else []

    def key(self, item: dict) -> Any:
        return item.get(self.value, item.get(self.title))

    def walk(self, items: Any) -> Iterator[tuple[dict, int]]:
        """Every node, depth first, bounded by :data:`MAX_NODES` and :data:`MAX_DEPTH`."""
        stack = [(it, 0) for it in reversed(items if isinstance(items, list) else []) if isinstance(it, dict)]
        seen = 0
        while stack and seen < MAX_NODES:
            item, depth = stack.pop()
            seen += 1
            yield item, depth
            if depth < MAX_DEPTH:
                stack.extend((k, depth + 1) for k in reversed(self.kids(item)))

    def leaves(self, items: Any) -> dict:
        """Each node's value → the values of the leaves below it (itself for a leaf)."""
        nodes = list(self.walk(items))
        below: dict[int, list] = {}
        out: dict = {}
        for item, depth in reversed(nodes):  # children come after their parent in the walk
            kids = self.kids(item) if depth < MAX_DEPTH else []
            found = [v for k in kids for v in below.get(id(k), [])] if kids else [self.key(item)]
            below[id(item)] = found
            out[_hashable(self.key(item))] = found
        return out

    def parents(self, items: Any) -> list:
        return [self.key(item) for item, _ in self.walk(items) if self.kids(item)]


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


class VTreeview(VElement):
    """A tree of ``items`` (with ``children``): open, ``activatable`` and ``selectable`` nodes, bound both ways.

    ``v_model`` (or ``v_model_selected``) is the selected values,
    ``v_model_opened`` the open ones, ``v_model_activated`` the active ones
    (Vuetify 2: ``value``, ``open``, ``active``); a plain bound prop
    (``opened=("open_ids",)``) is read and written as well. With ``search``
    only the nodes whose title holds it (and their ancestors, opened) show.
    """

    _base = "v-treeview v-list"
    _props = frozenset({"items", "item_title", "item_value", "item_children", "item_text", "item_key",
                        "activatable", "selectable", "open_all", "open_on_click", "select_strategy", "selection_type",
                        "active_strategy", "multiple_active", "selected", "opened", "activated", "open", "active",
                        "mandatory", "expand_icon", "collapse_icon", "hoverable", "return_object", "search",
                        "selected_color", "active_color", "disabled", "indent_lines", "fluid", "item_props",
                        "v_model_selected", "v_model_opened", "v_model_activated", "slim", "lines", "value"})
    _known_events = VElement._known_events | {"update_selected", "update_opened", "update_activated",
                                              "update_open", "update_active", "click_open", "click_select"}

    _V2: ClassVar[dict[str, str]] = {"open": "opened", "active": "activated", "update_open": "update_opened",
           "update_active": "update_activated", "item_key": "item_value", "item_text": "item_title",
           "selection_type": "select_strategy"}

    def _set(self, name: str, value: Any) -> None:
        name = self._V2.get(name, name)
        if name == "v_model" or (name == "value" and is_bound(value)):
            name = "v_model_selected"  # Vuetify 3's v-model (Vuetify 2's value) is the selection
        if name in LIST_MODELS:
            value = value if isinstance(value, tuple) else (value,)
            if len(value) > 1:
                self._defaults.append((str(value[0]).strip(), value[1]))
            self._p[name] = value
            return
        super()._set(name, value)

    def _state_key(self, what: str, default: Any) -> str:
        """The state key of ``selected``/``opened``/``activated``."""
        bound = self.prop(f"v_model_{what}", self.prop(what))
        if is_bound(bound):
            return str(bound[0]).strip()
        key = f"ht__tree_{self._ht_id}_{what}"
        self._defaults.append((key, list(bound) if isinstance(bound, (list, tuple)) else default))
        return key

    def _build(self) -> None:
        self.attributes["role"] = "tree"
        self.attributes["data-ht-roving"] = True
        v2 = self._v2
        tree = _Tree(self.prop("item_title", "name" if v2 else "title"),
                     self.prop("item_value", "id" if v2 else "value"), self.prop("item_children", "children"))
        items = src(self.prop("items", []))
        open_all = self.prop("open_all") not in (None, False)
        keys = {w: self._state_key(w, None if w == "opened" and open_all else [])
                for w in ("selected", "opened", "activated")}
        strategy = str(self.prop("select_strategy", "classic"))
        self.__dict__.update(_tree=tree, _items=items, _keys=keys, _strategy=strategy)

        def rows(items_v: Any, opened: Any, selected: Any, activated: Any, search: Any) -> list[tuple]:
            return self._rows(items_v, opened, selected, activated, open_all, search)

        loop = Rows(("row", "item"), [items, keys["opened"], keys["selected"], keys["activated"],
                                      src(self.prop("search"))], rows, f"{self._ht_id} rows")
        row = el("div", role="treeitem", tabindex="0", data_ht_press=True,
                 aria_level=("row.depth + 1",), aria_expanded=("row.leaf ? null : String(row.open)",),
                 style=("{paddingInlineStart: (row.depth * 24 + 8) + 'px'}",),
                 classes=(("['v-treeview-item v-list-item', {'v-list-item--active': row.active, "
                          "'v-treeview-item--leaf': row.leaf}]"),))
        row.__dict__["_loop"] = Loop(loop, loop.source)
        selectable = self.prop("selectable") not in (None, False)
        if selectable:
            row._set("aria-checked", ("row.sel === 'on' ? 'true' : row.sel === 'mixed' ? 'mixed' : 'false'",))
        with row:
            with el("div", classes="v-list-item__prepend") as prepend:
                toggle = el("button", type="button", classes="v-treeview-item__toggle", v_if="!row.leaf",
                            tabindex="-1", aria_label=("row.open ? 'Collapse' : 'Expand'",))
                toggle.add(VIcon(icon=((f"row.open ? {js(self.prop('collapse_icon', 'mdi-menu-down'))} : "
                                       f"{js(self.prop('expand_icon', 'mdi-menu-right'))}"),)))
                el("span", classes="v-treeview-item__spacer", v_else=True)
                self._on(toggle, "opened", "update_opened")
                if selectable:
                    box = el("button", type="button", classes="v-treeview-item__select", tabindex="-1",
                             aria_label=("(row.sel === 'on' ? 'Deselect ' : 'Select ') + row.title",))
                    box.add(VIcon(icon=(("row.sel === 'on' ? 'mdi-checkbox-marked' : row.sel === 'mixed' ? "
                                        "'mdi-minus-box' : 'mdi-checkbox-blank-outline'"),)))
                    self._on(box, "selected", "update_selected")
            with el("div", classes="v-list-item__content") as content:
                title = el("div", "{{ row.title }}", classes="v-list-item-title")
        self._slots.update(prepend=prepend, title=title, default=content)
        # a row's own click: activate it, else open it, else select it
        if self.prop("activatable") not in (None, False):
            self._on(row, "activated", "update_activated")
        elif selectable and self.prop("open_on_click") in (None, False):
            self._on(row, "selected", "update_selected")
        else:
            self._on(row, "opened", "update_opened")
        self.__dict__["_row"] = row

    def _on(self, node: AbstractElement, what: str, event: str) -> None:
        """Clicking *node* updates the ``what`` list (computed in Python) and raises *event*."""
        key = self._keys[what]
        fn = {"opened": self._toggle_open, "selected": self._toggle_select, "activated": self._toggle_active}[what]
        code = Assign(f"{self._ht_id} {what}", compile_statement(f"{key} = $value"),
                      [self._items, key, "row.value"], fn)
        node._events["click"] = EventHandler("click", code=code)
        self.chain(node, "click", event, key)
        if what == "selected":
            self.chain(node, "click", "update_modelValue", key)

    # -- what a click computes --------------------------------------------------------
    def _toggle_open(self, items: Any, opened: Any, value: Any) -> list:
        current = self._tree.parents(items) if opened is None else _as_list(opened)
        return [v for v in current if v != value] if value in current else current + [value]

    def _toggle_select(self, items: Any, selected: Any, value: Any) -> list:
        current = _as_list(selected)
        if self._strategy.startswith("single"):
            return [] if value in current else [value]
        if self._strategy == "independent":
            return [v for v in current if v != value] if value in current else current + [value]
        leaves = self._tree.leaves(items).get(_hashable(value), [value])
        rest = [v for v in current if v not in leaves]
        return rest if all(v in current for v in leaves) else rest + leaves

    def _toggle_active(self, items: Any, activated: Any, value: Any) -> list:
        current = _as_list(activated)
        many = self.prop("multiple_active") not in (None, False) or self.prop("active_strategy") == "independent"
        if value in current:
            return current if self.prop("mandatory") not in (None, False) else [v for v in current if v != value]
        return current + [value] if many else [value]

    def _found(self, items: Any, search: Any) -> set | None:
        """With a ``search``, the nodes whose title holds it and their ancestors (None without one)."""
        query = str(search).strip().lower() if isinstance(search, (str, int, float)) else ""
        if not query:
            return None
        keep: set = set()
        path: list = []
        for item, depth in self._tree.walk(items):
            del path[depth:]
            path.append(item)
            if query in str(item.get(self._tree.title, "")).lower():
                keep.update(_hashable(self._tree.key(node)) for node in path)
        return keep

    def _rows(self, items: Any, opened: Any, selected: Any, activated: Any, open_all: bool,
              search: Any = None) -> list[tuple]:
        tree = self._tree
        found = self._found(items, search)
        open_set = _as_list(opened) if opened is not None else (tree.parents(items) if open_all else [])
        chosen, active = _as_list(selected), _as_list(activated)
        leaves = tree.leaves(items) if self.prop("selectable") not in (None, False) else {}
        independent = self._strategy == "independent" or self._strategy.startswith("single")
        out: list[tuple] = []
        hidden_below: int | None = None
        for item, depth in tree.walk(items):
            if hidden_below is not None:
                if depth > hidden_below:
                    continue
                hidden_below = None
            value = tree.key(item)
            if found is not None and _hashable(value) not in found:
                hidden_below = depth  # neither a match nor above one
                continue
            kids = tree.kids(item)
            is_open = bool(kids) and (value in open_set or found is not None)
            if kids and not is_open:
                hidden_below = depth
            mine = [value] if independent else leaves.get(_hashable(value), [value])
            hits = sum(1 for v in mine if v in chosen)
            sel = "on" if mine and hits == len(mine) else "mixed" if hits else "off"
            row = {"value": value, "title": item.get(tree.title, ""), "depth": depth, "leaf": not kids,
                   "open": is_open, "sel": sel, "active": value in active}
            out.append((row, item))
        return out

    def _slot(self, name: str = "default") -> AbstractElement:
        """``prepend``, ``title`` and ``append`` slots see ``item`` (and the row's ``row``)."""
        if name == "append":
            return self.named_slot("append", lambda: place(self._row, el("div", classes="v-list-item__append")))
        if name == "title":
            return self.named_slot("title", lambda: self._slots["title"])
        if name == "prepend":
            return self._slots["prepend"]
        return super()._slot(name)


# -- VVirtualScroll -------------------------------------------------------------------------
class VVirtualScroll(VElement):
    """A scrolling list that renders only the rows in view: ``items``, ``height``, ``item_height``.

    Its default slot (``Template(v_slot_default="{ item, index }")`` or
    plain children) is one row, seeing ``item`` and ``index``.
    """

    _base = "v-virtual-scroll"
    _props = frozenset({"items", "item_height", "item_key", "bench", "renderless", "visible_items"})

    def _build(self) -> None:
        key = f"ht__vscroll_{self._ht_id}"
        self._defaults.append((key, 0))
        items = src(self.prop("items", []))
        h = self.prop("item_height", 48)
        h = h if isinstance(h, (int, float)) and h > 0 else 48
        height = self.prop("height")
        seen = int(float(height) // h) + 1 if isinstance(height, (int, float)) or (
            isinstance(height, str) and height.replace(".", "", 1).isdigit()) else 20
        bench = self.prop("bench", 5)
        bench = max(1, int(bench)) if isinstance(bench, (int, float)) else 5
        count = min(MAX_WINDOW, seen + 2 * bench)
        self.attributes["data-ht-vs"] = str(h)
        self._set("data-ht-vs-start", (key,))
        self._set("data-ht-vs-count", (f"Math.min({count}, ({items}).length)",))
        self._set("data-ht-vs-total", (f"({items}).length",))
        self.attributes["role"] = "list"
        self.attributes["tabindex"] = "0"
        # the page reports its scroll position; the window starts a few rows above what is in view
        self._events["scroll"] = EventHandler("scroll", code=compile_statement(
            f"{key} = Math.max(0, Math.min(Math.max(0, ({items}).length - {count}), "
            f"Math.floor((Number($event?.scrollTop) || 0) / {h}) - {bench}))"))

        def window(values: Any, start: Any) -> list[tuple]:
            values = values if isinstance(values, (list, tuple)) else []
            first = min(max(0, int(start) if isinstance(start, (int, float)) else 0), max(0, len(values) - count))
            return [(item, first + i) for i, item in enumerate(values[first:first + count])]

        self.__dict__["_window"] = window
        self.__dict__["_model_key"] = key
        self.__dict__["_count"] = count
        box = el("div", classes="v-virtual-scroll__container", style=(
            (f"{{paddingTop: Math.min(Math.max(0, {key}), Math.max(0, ({items}).length - {count})) * {h} + 'px', "
            f"paddingBottom: Math.max(0, ({items}).length - Math.min(Math.max(0, {key}), "
            f"Math.max(0, ({items}).length - {count})) - {count}) * {h} + 'px'}}"),))
        with box:
            row = el("div", classes="v-virtual-scroll__item", role="listitem", style=f"height: {h}px")
        self._scope(row, ["item", "index"])
        self.__dict__["_rowel"] = row
        self._slots["default"] = row

    def _scope(self, row: AbstractElement, names: list[str]) -> None:
        loop = Rows(tuple(names), [src(self.prop("items", [])), self._model_key], self._window, f"{self._ht_id} window")
        row.__dict__["_loop"] = Loop(loop, loop.source)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, AbstractElement) and any(
                n is not item and getattr(n, "attributes", {}).get("role") == "listitem" for n in item.walk()):
            self._rowel.attributes.pop("role", None)  # the rows are list items already (VListItem)
        names = getattr(item, "slot_props", None)
        if getattr(item, "slot_name", None) == "default" and names:
            self._scope(self._rowel, (list(names) + ["item", "index"])[:2] if len(names) < 2 else list(names)[:2])


__all__ = ["VTreeview", "VVirtualScroll"]

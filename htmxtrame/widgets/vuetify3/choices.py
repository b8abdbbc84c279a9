"""``VSelect``, ``VAutocomplete`` and ``VCombobox``: a field over a menu of items.

The items are filtered on the server as the user types (the typed text is a
state key: the widget's ``search``, else a hidden key of its own), and only
the first matches are rendered, with a "more" row that shows the next ones:
a list of 10,000 items costs the page a few dozen rows. The menu is a
``popover`` listbox anchored under the field; the page script opens it on
focus, typing or ArrowDown, moves ``aria-activedescendant`` with the arrows,
picks with Enter and closes with Esc (static/htmxtrame.js, "choices").

A pick runs on the server: the option's click writes the model (a value, a
list of values with ``multiple``, the item itself with ``return_object``).
``VCombobox`` also takes the typed text as a value (Enter, or leaving the
field). Matching, titles and toggling are Python functions of state values
(:mod:`.computed`), never code from the page.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement, EventHandler
from ...elements.attrs import DOM_EVENTS
from ...elements.base import Loop, Model
from ...expr import compile_expr, compile_statement
from ...expr.jsvalues import UNDEFINED
from .choices_scan import Scan
from .computed import Assign, Rows, slot_names
from .core import Template, building, el, handler, is_bound, js, src, text_child
from .icons import icon
from .inputs import Field, row_scoped

#: how many more matches each click on "more" adds (and a select's first rows)
PAGE = 20
#: matches an autocomplete renders for each text typed: a few more than the menu shows
#: (about 7), so each keystroke sends and swaps half the rows of a page (bench/autocomplete.py)
FIRST = 10
_ITEM = "v-list-item v-list-item--link"
_ACTIVE = _ITEM + " v-list-item--active"
#: the most matches one menu ever renders, however often "more" is clicked
MAX_SHOWN = 1000


def _field(item: Any, key: Any, fallback: Any = UNDEFINED) -> Any:
    if isinstance(item, dict):
        if isinstance(key, str) and key in item:
            return item[key]
        return fallback
    return item


def entry(item: Any, title_key: Any, value_key: Any) -> dict:
    """Vuetify's internal list item: ``{title, value, raw}`` for *item*."""
    title = _field(item, title_key)
    value = _field(item, value_key, title)
    return {"title": "" if title is UNDEFINED or title is None else title, "value": value, "raw": item, "props": {}}


def _as_list(model: Any) -> list:
    if model is None or model is UNDEFINED:
        return []
    return list(model) if isinstance(model, (list, tuple)) else [model]


def _key(value: Any) -> Any:
    """A hashable stand-in for a value, equal for equal JSON values (1 and True differ)."""
    try:
        hash(value)
        return (type(value) is bool, value)
    except TypeError:
        return repr(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None or value is UNDEFINED else str(value)


class _Chooser(Field):
    """Shared by the select, the autocomplete and the combobox."""

    _kind = "autocomplete"
    _free_text = False
    _typing = True
    _first = FIRST  # rows rendered before "more" is clicked
    _props = Field._props | {"items", "item_title", "item_value", "chips", "closable_chips", "return_object",
                             "menu_props", "no_data_text", "hide_selected", "hide_no_data", "search",
                             "search_input", "auto_select_first", "menu_icon", "custom_filter", "no_filter",
                             "open_on_clear", "clear_on_select", "delimiters", "item_props", "item_children"}

    # -- the props as expressions -----------------------------------------------------
    def _keys(self) -> None:
        base = self._ht_id
        d = self.__dict__
        model = self.take_model()
        if model is None:
            d["_m"] = f"ht__{base}_value"
            self._defaults.append((d["_m"], [] if self._multiple else None))
        else:
            d["_m"] = model.target.source
        d["_model_src"] = d["_m"]
        search = self.prop("search", self.prop("search_input"))
        if not self._typing:
            d["_s"] = "''"  # a select filters nothing
        elif is_bound(search):
            d["_s"] = str(search[0])
        else:
            d["_s"] = f"ht__{base}_search"
            self._defaults.append((d["_s"], ""))
        d["_limit"] = f"ht__{base}_shown"
        self._defaults.append((d["_limit"], self._first))
        # The widget's own typed text and "more" count are each page's
        # (client-only): another page's typing must not filter this one's menu.
        d["_page_keys"] = tuple(k for k in (d["_s"], d["_limit"]) if k.startswith("ht__"))
        d["_items"] = src(self.prop("items", []))
        d["_tk"] = src(self.prop("item_title", "title"))
        d["_vk"] = src(self.prop("item_value", "value"))

    @property
    def _multiple(self) -> bool:
        return self.prop("multiple") not in (None, False)

    def _flag(self, name: str) -> bool:
        return self.prop(name) not in (None, False)

    # -- Python functions of state values ------------------------------------------------
    def _values(self, model: Any) -> list:
        """The values chosen: the items themselves with ``return_object``."""
        if self._flag("return_object") or self._multiple:
            return _as_list(model)
        return [] if model in (None, UNDEFINED, "") else [model]

    def _chosen(self, items: Any, model: Any, tk: Any, vk: Any) -> list[dict]:
        """The selected values as entries (their item's title when the item is listed)."""
        if self._flag("return_object"):
            return [entry(v, tk, vk) for v in _as_list(model)]
        values = self._values(model)
        if not values:
            return []
        wanted = {_key(v) for v in values}
        found: dict = {}
        for item in items if isinstance(items, list) else []:
            value = _field(item, vk, _field(item, tk))
            k = _key(value)
            if k in wanted and k not in found:
                found[k] = entry(item, tk, vk)
                if len(found) == len(wanted):
                    break
        return [found.get(_key(v)) or {"title": _text(v), "value": v, "raw": v, "props": {}} for v in values]

    def _matches(self, items: Any, search: Any, model: Any, tk: Any, vk: Any, limit: Any) -> dict:
        """The first *limit* items whose title holds *search* (any case) as option rows, and how many match."""
        needle = _text(search).strip().lower()
        key = "raw" if self._flag("return_object") else "value"
        picked = {_key(v) for v in self._values(model)}  # (not _chosen: that looks the items up)
        hide = self._flag("hide_selected")
        cap = min(int(limit) if isinstance(limit, (int, float)) and limit > 0 else self._first, MAX_SHOWN)
        source = items if isinstance(items, list) else []
        hits = self._scan.hits(source, tk, needle)
        rows: list = []
        if not hide or not picked:  # only the rows shown are built; the rest are counted
            for index in hits[:cap]:
                e = entry(source[index], tk, vk)
                rows.append(({**e, "selected": _key(e[key]) in picked}, index))
            return {"rows": rows, "shown": len(rows), "total": len(hits), "typed": _text(search).strip()}
        total = 0
        for index in hits:
            e = entry(source[index], tk, vk)
            if _key(e[key]) in picked:
                continue
            if len(rows) < cap:
                rows.append(({**e, "selected": False}, index))
            total += 1
        return {"rows": rows, "shown": len(rows), "total": total, "typed": _text(search).strip()}

    def _toggle(self, model: Any, picked: dict) -> Any:
        value = picked["raw"] if self._flag("return_object") else picked["value"]
        if not self._multiple:
            return value
        current = _as_list(model)
        return [v for v in current if v != value] if value in current else current + [value]

    def _remove(self, model: Any, chip: dict) -> Any:
        value = chip["raw"] if self._flag("return_object") else chip["value"]
        if not self._multiple:
            return None
        return [v for v in _as_list(model) if v != value]

    def _add_text(self, model: Any, search: Any) -> Any:
        text = _text(search).strip()
        if not text:
            return model
        if not self._multiple:
            return text
        current = _as_list(model)
        return current if text in current else current + [text]

    # -- the tree ----------------------------------------------------------------------
    def _control(self) -> AbstractElement:
        self._keys()
        base = self._ht_id
        # A single choice's title hides while text is typed (static/vuetify.css reads the
        # input's value): no render of the field, and no look-up of the chosen item, per keystroke.
        single = " v-autocomplete__field--single" if self._typing and not self._multiple else ""
        with el("div", classes="v-field__input v-autocomplete__field" + single):
            self._selections()
            # The box is the flex item; the input inside it, of fixed size and contained
            # (static/vuetify.css), is a layout boundary: the frame painting a typed
            # character lays out the input alone, not the field and the page around it
            # (and so not the menu anchored to the field). bench/README.md, "keystrokes again".
            with el("div", classes="v-autocomplete__box"):
                control = el("input", type="text", classes="v-autocomplete__input", role="combobox",
                             autocomplete="off", aria_autocomplete="list", aria_expanded="false",
                             aria_controls=f"{base}-list", aria_haspopup="listbox")
            if self.prop("menu_icon") is not False:
                el("span", icon(self.prop("menu_icon") or "mdi-menu-down"), classes="v-autocomplete__menu-icon",
                   aria_hidden="true")
        if not self._typing:
            control.attributes["readonly"] = True  # Vuetify's select: a read-only field opening its menu
            control.attributes["aria-autocomplete"] = "none"
        with building(self):  # the menu goes beside the field (a popover: the top layer)
            self._menu()
        self._wire_input(control)  # after the menu took the events it raises (change)
        return control

    def _selections(self) -> AbstractElement:
        m, base = self._m, self._ht_id
        chosen = Rows(("ht_sel", "ht_si"), self._sel_parts(), self._selection_rows, f"{base} selections")
        sel = el("span", classes="v-autocomplete__selection")
        sel.__dict__["_loop"] = Loop(chosen, chosen.source)
        if self._flag("chips") or self._flag("closable_chips"):
            with sel:
                with el("span", classes="v-chip v-chip--variant-tonal v-chip--size-small"):
                    el("span", "{{ ht_sel.title }}", classes="v-chip__content")
                    if self._flag("closable_chips"):
                        close = el("button", icon("mdi-close-circle"), type="button", classes="v-chip__close",
                                   aria_label=("'Remove ' + ht_sel.title",), tabindex="-1")
                        close._events["click"] = EventHandler("click", code=Assign(
                            f"{base} remove", compile_statement(f"{m} = $value"), [m, "ht_sel"], self._remove))
                        self.chain(close, "click", "click_close", m)
                        self.chain(close, "click", "update_modelValue", m)
        else:
            sel.add("{{ ht_sel.title }}{{ ht_si < ht_sel.count - 1 ? ',' : '' }}")
        self.__dict__["_selection_box"] = sel
        return sel

    def _sel_parts(self) -> list[str]:
        return [self._items, self._m, self._tk, self._vk]

    def _selection_rows(self, *values: Any) -> list[tuple]:
        chosen = self._chosen(*values)
        return [({**e, "count": len(chosen)}, i) for i, e in enumerate(chosen)]

    def _wire_input(self, control: AbstractElement) -> None:
        """The text input: its text is the search key; focus events; the combobox's free text."""
        m, s, base = self._m, self._s, self._ht_id
        control.attributes["id"] = self._control_id()
        row_scoped(control, "id", "aria-controls")
        for name in ("placeholder", "name", "autofocus", "readonly", "disabled"):
            value = self.prop(name)
            if is_bound(value):
                control._set(name, value)
            elif value not in (None, False):
                control.attributes[name] = True if value is True else str(value)
        if not self._typing:
            self._dom_events(control)
            return
        control.__dict__["_model_kind"] = "text"
        control.__dict__["_model"] = Model(compile_expr(f"{s} ?? ''"),
                                           compile_statement(f"{s} = $value; {self._limit} = {self._first}"), frozenset())
        if self._free_text:
            commit = Assign(f"{base} text", compile_statement(f"{m} = $value; {s} = ''"), [m, s], self._add_text)
            control._events["change"] = EventHandler("change", code=commit)
            self.chain(control, "change", "update_modelValue", m)
        self.chain(control, "input", "update_search", s)
        self.chain(control, "input", "update_searchInput", s)
        self._dom_events(control)

    def _dom_events(self, control: AbstractElement) -> None:
        self.chain(control, "focus", "update_focused", "true")
        self.chain(control, "blur", "update_focused", "false")
        for name in list(self._events):
            if name in DOM_EVENTS:
                control._events[name] = self._events.pop(name)

    def _menu(self) -> None:
        m, s, base = self._m, self._s, self._ht_id
        pid = f"{base}-list"
        menu = el("div", id=pid, popover="manual", role="listbox",
                  classes="v-menu v-menu--keep v-overlay__content v-autocomplete__menu",
                  style=f"position-anchor: --{pid}")
        if self._multiple:
            menu.attributes["aria-multiselectable"] = "true"
        label = self.prop("label")
        if label is not None and not is_bound(label):
            menu.attributes["aria-label"] = str(label)
        row_scoped(menu, "id", "style")
        parts = [self._items, s, m, self._tk, self._vk, self._limit]
        self.__dict__["_parts"] = parts
        with menu:
            lst = el("div", classes="v-list v-list--density-compact")
            # Two fragments: the options, and what follows them (the "more" row, "no data" and
            # data-ht-typed, the text the options were filtered for: the page waits for it). A
            # keystroke that leaves the first options as they were then sends only the second
            # (htmxtrame.scopes.page: a page is not sent a fragment it already shows).
            # Each holds a one-row loop over the scan (the items are scanned once per text:
            # choices_scan remembers it), whose row the options and the counts read.
            def counted(classes: str, **attrs: Any) -> AbstractElement:
                box = el("div", style="display: contents")
                lst.add(box)
                inner = el("div", classes=classes, style="display: contents", **attrs)
                info = Rows(("ht_count",), parts, lambda *v: [(self._matches(*v),)], f"{base} count")
                inner.__dict__["_loop"] = Loop(info, info.source)
                box.add(inner)
                return inner

            body = counted("v-autocomplete__list-body")
            tail = counted("v-autocomplete__list-tail", data_ht_typed=("ht_count.typed",))
            with body:
                # The row's class, id and aria-selected are strings made in Python (_option_rows):
                # plain reads, the cheapest thing for the renderer to do on every keystroke.
                option = row_scoped(el("div", classes=("ht_row.cls",), role="option", id=("ht_row.id",),
                                       aria_selected=("ht_row.sel",)), "id")
                option.__dict__["_loop"] = Loop(Rows(("ht_opt", "ht_i", "ht_row"), ["ht_count"], self._option_rows,
                                                     f"{base} options"), f"{base} options")
                option._events["click"] = EventHandler("click", code=Assign(
                    f"{base} pick", compile_statement(self._after_pick(f"{m} = $value")), [m, "ht_opt"],
                    self._toggle))
                self.chain(option, "click", "update_modelValue", m)
                self.chain(option, "click", "change", m)  # Vuetify 2's change, as trame apps use it
                option.add(el("div", "{{ ht_opt.title }}", classes="v-list-item-title"))
                self.__dict__["_option"] = option
            with tail:
                more = el("div", classes="v-list-item v-list-item--link v-autocomplete__more", role="option",
                          id=f"{pid}-more", aria_selected="false", v_if="ht_count.total > ht_count.shown")
                row_scoped(more, "id")
                more.add("{{ ht_count.total - ht_count.shown }} more — show " + str(PAGE) + " more")
                more._events["click"] = handler("click", f"{self._limit} = Math.min({self._limit} + {PAGE}, "
                                                          f"{MAX_SHOWN})")
                empty = el("div", classes="v-list-item v-autocomplete__no-data", v_if="ht_count.total === 0",
                           role="option", aria_disabled="true", aria_selected="false")
                if self.prop("hide_no_data") not in (None, False):
                    empty.attributes["hidden"] = True
                if self._free_text:
                    empty.add("{{ ht_count.typed ? 'Press Enter to add \u201c' + ht_count.typed + '\u201d' : "
                              + js(self.prop("no_data_text", "No data available")) + " }}")
                else:
                    empty.add(text_child(self.prop("no_data_text", "No data available")))
                self.__dict__["_empty"] = empty

    def _option_rows(self, info: Any) -> list[tuple]:
        """``(entry, index, view)`` per option shown; the view holds its attributes' text."""
        # the option loop's row tag makes each id unique ("-0-3": the 4th row; "-k7-0-3" inside a v_for row)
        oid = f"opt-{self._ht_id}-list"
        return [(e, i, {"cls": _ACTIVE if e["selected"] else _ITEM, "id": oid,
                        "sel": "true" if e["selected"] else "false"})
                for e, i in (info["rows"] if isinstance(info, dict) else [])]

    def _after_pick(self, code: str) -> str:
        # a pick clears the typed text (Vuetify's clear_on_select)
        if not self._typing or (self._multiple and self.prop("clear_on_select") is False):
            return code
        return f"{code}; {self._s} = ''"

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        self.__dict__["_scan"] = Scan()  # the filter's cache (choices_scan.py)
        super().__init__(children, **kwargs)
        if self.prop("disabled") is True or self.prop("readonly") is True:
            # a frame sent anyway to an option or a chip of a locked field changes nothing
            for node in self.walk():
                if node is not self.control:
                    node._events.pop("click", None)
        for node in self.walk():  # the menu is anchored under the field box
            if "v-field" in str(node.attributes.get("class", "")).split():
                node.attributes["style"] = f"anchor-name: --{self._ht_id}-list"
                row_scoped(node, "style")
                break

    # -- slots -------------------------------------------------------------------------
    def add(self, *items: Any) -> Any:
        """``Template(v_slot_item=...)`` / ``v_slot_selection`` replace an option's / selection's content."""
        rest = []
        for item in items:
            if isinstance(item, Template) and item.slot_name in ("item", "selection", "no-data", "no_data"):
                self._slot_template(item)
            else:
                rest.append(item)
        return super().add(*rest) if rest else items[-1]

    def _slot_template(self, template: Template) -> None:
        names = slot_names(_binding(template))
        aliases = tuple(alias for _, alias in names)
        base = self._ht_id
        if template.slot_name == "item":
            target = self._option
            fn = self._option_rows
            loop = Rows(("ht_opt", "ht_i", "ht_row", *aliases), ["ht_count"],
                        lambda *v: [(e, i, r, *[_scope(e, i, p) for p, _ in names]) for e, i, r in fn(*v)],
                        f"{base} options")
        elif template.slot_name == "selection":
            target = self._selection_box
            loop = Rows(("ht_sel", "ht_si", *aliases), self._sel_parts(),
                        lambda *v: [(e, i, *[_scope(e, i, p) for p, _ in names])
                                    for e, i in self._selection_rows(*v)], f"{base} selections")
        else:
            self._empty.clear()
            self._empty.add(template)
            return
        target.clear()
        target.__dict__["_loop"] = Loop(loop, loop.source)
        target.add(template)


def _binding(template: Template) -> str:
    names = template.slot_props
    return "{ " + ", ".join(names) + " }" if names else "{ item }"


def _scope(e: dict, index: int, prop: str) -> Any:
    return {"item": e, "props": {}, "index": index}.get(prop, UNDEFINED)


class VSelect(_Chooser):
    """A drop-down of ``items`` in Vuetify's menu (no typing filter); ``multiple``, ``chips``."""

    _kind = "select"
    _typing = False
    _first = PAGE  # nothing typed narrows a select's menu: its first page is a full one


class VAutocomplete(_Chooser):
    """A text field filtering a menu of ``items`` as the user types (server-side)."""

    _kind = "autocomplete"


class VCombobox(_Chooser):
    """A :class:`VAutocomplete` that also takes the typed text as a value (Enter)."""

    _kind = "combobox"
    _free_text = True


__all__ = ["VAutocomplete", "VCombobox", "VSelect", "entry"]

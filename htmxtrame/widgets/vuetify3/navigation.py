"""Steppers: ``VStepper`` with ``VStepperHeader``/``VStepperItem``, ``VStepperWindow``/``VStepperWindowItem``
and ``VStepperActions`` (Vuetify 2: ``VStepperStep``, ``VStepperItems``, ``VStepperContent``).

``VStepper(v_model=("step", 1), items=["Cart", "Address", "Pay"])`` builds
the header, one window per item (its content from the ``item_1``… slots)
and Prev/Next actions. Built by hand, the stepper wires the items, windows
and actions found below it. Step values are the items' ``value`` (Vuetify 2:
``step``), else 1, 2, 3… in order.
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from .computed import slot_names
from .containers import VBtn, VDivider
from .core import VElement, building, el, handler, is_bound, js, src
from .icons import icon
from .selection import add_classes, on_click

_CALL = re.compile(r"\s*(prev|next)\s*(\(\s*\))?\s*;?\s*")
# A handler that calls a slot prop: ``prev``, ``next()``, ``back()`` (an alias).
_SLOT_CALL = re.compile(r"\s*([A-Za-z_$][\w$]*)\s*(?:\(\s*\))?\s*;?\s*")


def _text(node: AbstractElement, value: Any) -> None:
    if value is not None:
        node.add("{{ " + str(value[0]) + " }}" if is_bound(value) else str(value))


def _flag(value: Any) -> str:
    """A flag prop as an expression."""
    return f"!!({value[0]})" if is_bound(value) else js(value not in (None, False))


class VStepperHeader(VElement):
    """The row of :class:`VStepperItem` at the top of a stepper (arrow keys move between the steps)."""

    _base = "v-stepper-header"

    def _build(self) -> None:
        self.attributes["data-ht-roving"] = True


class VStepperItem(VElement):
    """One step in the header: ``title``, ``subtitle``, ``value``, ``complete``, ``editable``, ``error``, ``icon``."""

    _tag = "button"
    _base = "v-stepper-item"
    _props = frozenset({"title", "subtitle", "value", "step", "complete", "editable", "error", "icon", "disabled",
                        "rules", "complete_icon", "edit_icon", "error_icon", "ripple", "selected_class"})
    _known_events = VElement._known_events | {"group_selected"}

    def _set(self, name: str, value: Any) -> None:
        if name == "step":  # Vuetify 2's VStepperStep(step=1)
            name = "value"
        super()._set(name, value)

    def _build(self) -> None:
        self.attributes["type"] = "button"
        self.__dict__["_avatar"] = el("span", classes="v-avatar v-stepper-item__avatar")
        content = el("span", classes="v-stepper-item__content")
        with content:
            title = el("span", classes="v-stepper-item__title")
            _text(title, self.prop("title"))
            if self.prop("subtitle") is not None:
                _text(el("span", classes="v-stepper-item__subtitle"), self.prop("subtitle"))
        self._slots["default"] = title

    def number(self, n: int | str) -> None:
        """Show step number *n* (an expression when a string) or the complete/error/custom icon."""
        avatar = self._avatar
        avatar.clear()
        complete = self.prop("complete")
        error = self.prop("error")
        glyph = self.prop("icon")
        choices = []
        if error not in (None, False):
            choices.append((error, self.prop("error_icon", "mdi-alert-circle")))
        if complete not in (None, False):
            choices.append((complete, self.prop("complete_icon", "mdi-check")))
        first = True
        for cond, name in choices:
            node = icon(name)
            if node is None:
                continue
            node._set("v_if" if first else "v_else_if", cond[0] if is_bound(cond) else "true")
            avatar.add(node)
            first = False
        custom = icon(glyph) if glyph and str(glyph).startswith("mdi-") else None
        shown = str(glyph) if glyph else str(n) if isinstance(n, int) else "{{ " + n + " }}"
        number = custom if custom is not None else el("span", shown)
        if not first:
            number._set("v_else", True)
        avatar.add(number)

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        for flag in ("complete", "error", "disabled"):
            value = self.prop(flag)
            if is_bound(value):
                dynamic.append(f"{{'v-stepper-item--{flag}': !!({value[0]})}}")
            elif value not in (None, False):
                static.append(f"v-stepper-item--{flag}")
        return static, dynamic


class VStepperWindow(VElement):
    """The stepper's content area: one :class:`VStepperWindowItem` per step shows."""

    _base = "v-stepper-window v-window"
    _props = frozenset({"direction", "reverse", "crossfade", "transition_duration", "disabled", "selected_class"})

    def _build(self) -> None:
        model = self.model_source()
        self.__dict__["_own"] = model
        self.__dict__["_count"] = 0

    def _adopt(self, item: Any) -> None:
        if self._own is None or not isinstance(item, AbstractElement):
            return
        for node in item.walk():
            if isinstance(node, VStepperWindowItem) and not node.__dict__.get("_wired"):
                self.__dict__["_count"] += 1
                node.show(self._own, src(node.prop("value")) if node.prop("value") is not None else js(self._count))


class VStepperWindowItem(VElement):
    """The content of one step (``value``; Vuetify 2's ``VStepperContent(step=...)``), shown while it is the step."""

    _base = "v-stepper-window-item v-window-item"
    _props = frozenset({"value", "step", "transition", "reverse_transition", "eager", "disabled", "selected_class"})

    def _set(self, name: str, value: Any) -> None:
        if name == "step":
            name = "value"
        super()._set(name, value)

    def show(self, model: str, value: str) -> None:
        """Show this item while *model* equals *value*."""
        self.__dict__["_wired"] = True
        self._directives["v_show"] = compile_expr(f"({model}) === {value}")


def step_moves(model: str, array: str) -> dict[str, str]:
    """The statements that move *model* one step back / on through the values *array* (an expression).

    From no step at all (a model none of the values match) both go to the
    first step, as Vuetify's group does.
    """
    at = f"{array}.indexOf({model})"
    return {"prev": f"{model} = {array}[Math.max(0, {at} - 1)]",
            "next": f"{model} = {array}[Math.min({array}.length - 1, {at} + 1)]"}


class VStepperActions(VElement):
    """Prev/Next buttons (``prev_text``, ``next_text``, ``disabled``); events ``click_prev``, ``click_next``."""

    _base = "v-stepper-actions"
    _props = frozenset({"prev_text", "next_text", "disabled"})
    _known_events = VElement._known_events | {"click_prev", "click_next"}

    def _build(self) -> None:
        disabled = self.prop("disabled")
        buttons = {}
        for kind, text, variant in (("prev", self.prop("prev_text", "Prev"), "text"),
                                    ("next", self.prop("next_text", "Next"), "flat")):
            off = disabled is True or disabled == kind
            buttons[kind] = VBtn(text=text, variant=variant, color=self.prop("color", "primary") if kind == "next"
                                 else None, classes=f"v-stepper-actions__{kind}", disabled=True if off else None)
            h = self.take_event(f"click_{kind}")
            if h is not None:
                buttons[kind]._events["click"] = h
        self.__dict__["_buttons"] = buttons

    def wire(self, model: str, array: str) -> None:
        """Step *model* through the values *array* (an expression): Prev/Next move, disabled at the ends."""
        at = f"{array}.indexOf({model})"
        moves = step_moves(model, array)
        ends = {"prev": f"{at} <= 0", "next": f"{at} >= {array}.length - 1"}
        for kind, button in self._buttons.items():
            h = button._events.get("click")
            if h is None or button.__dict__.get("_ours") or (h.code is not None and _CALL.fullmatch(h.code.source)):
                button._events["click"] = handler("click", moves[kind])
                button.__dict__["_ours"] = True
            elif h.code is not None:
                continue  # the app steps itself (click_next="step++")
            elif not button.__dict__.get("_chained"):
                on_click(button, moves[kind])  # a Python callback hears the click, then the step moves
                button.__dict__["_chained"] = True
            if button.prop("disabled") is None or button.__dict__.get("_ends"):
                button.__dict__["_ends"] = True
                button._p["disabled"] = (ends[kind],)
                AbstractElement._set(button, "disabled", (ends[kind],))
                button._refresh()


class VStepper(VElement):
    """Steps with a header, content windows and Prev/Next: ``v_model`` (the step), ``items``, ``editable``."""

    _base = "v-stepper v-sheet"
    _default_variant = None
    _props = frozenset({"items", "item_title", "item_value", "hide_actions", "alt_labels", "editable", "non_linear",
                        "prev_text", "next_text", "mobile", "bg_color", "complete_icon", "edit_icon", "error_icon",
                        "mandatory", "disabled", "vertical", "selected_class", "item_props", "max", "multiple",
                        "flat"})
    _flag_props = ("alt_labels", "vertical", "flat")

    def _set(self, name: str, value: Any) -> None:
        if self._v2 and name == "change":
            name = "update_modelValue"
        super()._set(name, value)

    def _build(self) -> None:
        model = self.model_source()
        items = self.prop("items")
        if model is None:
            model = f"ht__step_{self._ht_id}"
            first = items[0] if isinstance(items, (list, tuple)) and items else None
            value_key = self.prop("item_value", "value")
            self._defaults.append((model, first.get(value_key, 1) if isinstance(first, dict) else 1))
        self.__dict__.update(_src=model, _values=[], _windows=0, _actions=[], _array=None, _item_windows={})
        if isinstance(items, (list, tuple)) and not is_bound(items):
            self._from_items(list(items))
        elif is_bound(items):
            self._from_bound(str(items[0]))

    def _from_bound(self, items: str) -> None:
        """A header and windows for ``items=("steps",)``: rows of a ``v_for`` over the state's list."""
        title_key, value_key = js(self.prop("item_title", "title")), js(self.prop("item_value", "value"))
        obj = "typeof it === 'object' && it !== null"
        value = f"({obj} && it[{value_key}] !== undefined ? it[{value_key}] : i + 1)"
        self.__dict__["_array"] = f"({items}).map((it, i) => {value})"
        with VStepperHeader() as header, el("div", classes="v-slot", v_for=f"(it, i) in {items}"):
            VDivider(v_if="i > 0")
            step = VStepperItem(title=(f"{obj} ? it[{title_key}] : it",), value=(value,))
        step.__dict__["_number"] = "i + 1"
        self._adopt(header)
        window = VStepperWindow()
        pane = VStepperWindowItem(v_for=f"(it, i) in {items}", value=(value,))
        pane.add("{{ " + obj + " ? (it.text ?? '') : '' }}")
        window.add(pane)
        self._adopt(window)
        self._slots["default"] = window
        self._actions_bar()

    def _from_items(self, items: list) -> None:
        title_key, value_key = self.prop("item_title", "title"), self.prop("item_value", "value")
        built = []
        with VStepperHeader() as header:
            for i, item in enumerate(items):
                if i:
                    VDivider()
                info = item if isinstance(item, dict) else {title_key: item}
                value = info.get(value_key, i + 1)
                VStepperItem(title=str(info.get(title_key, "")), value=value,
                             **{k: info[k] for k in ("subtitle", "complete", "error", "editable", "icon")
                                if k in info})
                built.append((info, value))
        self._adopt(header)
        window = VStepperWindow()
        for info, value in built:
            pane = VStepperWindowItem(value=value)
            window.add(pane)
            if "text" in info:
                pane.add(str(info["text"]))
            self._item_windows[str(value)] = pane
        self._adopt(window)
        self._slots["default"] = window
        self._actions_bar()

    def _actions_bar(self) -> None:
        if self.prop("hide_actions") in (None, False):
            actions = VStepperActions(prev_text=self.prop("prev_text", "Prev"), next_text=self.prop("next_text", "Next"))
            self.__dict__["_bar"] = actions
            self._adopt(actions)

    def _actions_slot(self) -> AbstractElement:
        """The ``actions`` slot's box: it takes the place of the Prev/Next bar."""
        def make() -> AbstractElement:
            bar = self.__dict__.pop("_bar", None)
            if bar is not None and bar.parent is not None:
                bar.parent.remove(bar)
                self._actions.remove(bar)
            return el("div", classes="v-slot v-stepper-actions-slot")
        return self.named_slot("actions", make)

    def _slot_steps(self, item: AbstractElement) -> None:
        """Remember the handlers of an ``actions`` slot that call its ``prev`` / ``next`` props."""
        names = {alias: prop for prop, alias in slot_names(item.__dict__.get("slot_binding")) if prop in ("prev", "next")}
        calls = self.__dict__.setdefault("_slot_calls", [])
        for node in item.walk():
            for event, h in list(node._events.items()):
                m = _SLOT_CALL.fullmatch(h.code.source) if h.code is not None else None
                if m and m.group(1) in names:
                    calls.append((node, event, names[m.group(1)]))

    def _slot(self, name: str = "default") -> AbstractElement:
        """``item_1`` / ``item.1`` slots fill the window of step 1; ``actions`` replaces Prev/Next."""
        if name == "actions":
            return self._actions_slot()
        m = re.fullmatch(r"item[._-](.+)", name)
        window = self._slots.get("default")
        if m and isinstance(window, VStepperWindow):
            key = m.group(1)
            if key not in self._item_windows:  # a step the items do not list literally: its own pane
                with building(window):
                    pane = VStepperWindowItem(value=int(key) if key.isdigit() else key)
                self._adopt(pane)
                self._item_windows[key] = pane
            return self._item_windows[key]
        return super()._slot(name)

    def _adopt(self, item: Any) -> None:
        if not isinstance(item, AbstractElement):
            return
        editable_all = self.prop("editable") not in (None, False) or self.prop("non_linear") not in (None, False)
        for node in item.walk():
            if isinstance(node, VStepperItem) and not node.__dict__.get("_wired"):
                node.__dict__["_wired"] = True
                value = src(node.prop("value")) if node.prop("value") is not None else js(len(self._values) + 1)
                self._values.append(value)
                self._join(node, value, editable_all or node.prop("editable") not in (None, False))
            elif isinstance(node, VStepperWindowItem) and not node.__dict__.get("_wired"):
                self.__dict__["_windows"] += 1
                node.show(self._src, src(node.prop("value")) if node.prop("value") is not None
                          else js(self._windows))
            elif isinstance(node, VStepperActions) and node not in self._actions:
                self._actions.append(node)
        if getattr(item, "slot_name", None) == "actions":
            self._slot_steps(item)
        array = self._array or "[" + ", ".join(self._values) + "]"
        for actions in self._actions:
            actions.wire(self._src, array)
        moves = step_moves(self._src, array)
        for node, event, kind in self.__dict__.get("_slot_calls", ()):
            node._events[event] = handler(event, moves[kind])

    def _join(self, node: VStepperItem, value: str, editable: bool) -> None:
        selected = f"({self._src}) === {value}"
        node.attributes["data-ht-press"] = True  # a stop of the header's arrow-key focus
        node.number(node.__dict__.get("_number") or len(self._values))
        node._set("aria-current", (f"({selected}) ? 'step' : null",))
        color = self.prop("color", "primary")
        add_classes(node, f"({selected}) ? 'v-stepper-item--selected text-{color}' : ''")
        if editable and node.prop("disabled") in (None, False):
            on_click(node, f"{self._src} = {value}")
            self.chain(node, "click", "update_modelValue", self._src)
        else:
            node.attributes["disabled"] = True
        node._refresh()


__all__ = ["VStepper", "VStepperActions", "VStepperHeader", "VStepperItem", "VStepperWindow", "VStepperWindowItem"]

"""The parts inputs are made of: ``VInput``, ``VField``, ``VFieldLabel``, ``VLabel``,
``VMessages``, ``VCounter``, ``VSelectionControl`` (+ ``Group``), ``VCheckboxBtn``
and the renderless ``VValidation``.

Each is what Vuetify composes its inputs from, usable on its own as in
Vuetify: ``VField(label="Name")`` frames any control placed in it,
``VMessages(messages=("errors",))`` announces a list of messages,
``VCheckboxBtn(v_model=("ok", False))`` is a bare checkbox with no details
row. The full inputs (``VTextField``, ``VCheckbox``…) are in ``inputs.py``.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop, Model
from ...expr import compile_expr, compile_statement
from .computed import Rows, slot_names
from .core import VElement, el, is_bound, js, src, text_child
from .icons import icon
from .inputs import Field, _Check, row_scoped


def _on(value: Any) -> bool:
    return value not in (None, False)


class VInput(Field):
    """Vuetify's bare input frame: prepend/append icons, hint, messages; children are the control."""

    _kind = "input"
    _boxed = False
    _default_variant = None

    def _control(self) -> AbstractElement:
        box = el("div", classes="v-input__slot")
        self._slots["default"] = box
        model = self.take_model()
        if model is not None:
            self.__dict__["_model_src"] = model.target.source
        return box


class VField(VElement):
    """The box of a text field (``label``, ``variant``, icons, ``clearable``); the control goes inside."""

    _base = "v-field"
    _default_variant = "filled"
    _props = frozenset({"label", "prepend_inner_icon", "append_inner_icon", "clearable", "active", "focused",
                        "dirty", "disabled", "error", "loading", "persistent_clear", "single_line",
                        "base_color", "bg_color", "center_affix", "clear_icon", "reverse", "flat"})
    _flag_props = ("active", "focused", "disabled", "error", "single_line", "reverse")

    def _build(self) -> None:
        if self.prop("prepend_inner_icon") is not None:
            el("div", icon(self.prop("prepend_inner_icon")), classes="v-field__prepend-inner")
        with el("div", classes="v-field__field"):
            if self.prop("label") is not None:
                VFieldLabel(text=self.prop("label"))
            self._slots["default"] = el("div", classes="v-slot")
        model = self.model_source()
        if _on(self.prop("clearable")) and model:
            el("button", icon(self.prop("clear_icon", "mdi-close-circle")), type="button", classes="v-field__clearable",
               aria_label="Clear", click=f"{model} = null")
        if self.prop("append_inner_icon") is not None:
            el("div", icon(self.prop("append_inner_icon")), classes="v-field__append-inner")
        if _on(self.prop("loading")):
            el("div", el("div", classes="v-progress-linear__indeterminate"),
               classes="v-progress-linear v-progress-linear--indeterminate v-field__loader")



class VLabel(VElement):
    """A ``<label class="v-label">``: ``text`` (or children), ``for`` the control it names."""

    _tag = "label"
    _base = "v-label"
    _props = frozenset({"text"})

    def _build(self) -> None:
        if self.prop("text") is not None:
            self.add(text_child(self.prop("text")))


class VFieldLabel(VLabel):
    """The label inside a :class:`VField` (``floating`` for the raised one)."""

    _base = "v-field-label v-label"
    _props = frozenset({"text", "floating"})
    _flag_props = ("floating",)


class VMessages(VElement):
    """Messages under an input: ``messages`` (a string or list), shown when ``active``; announced politely."""

    _base = "v-messages"
    _props = frozenset({"messages", "active", "transition"})

    def _build(self) -> None:
        self.attributes["role"] = "alert"
        self.attributes["aria-live"] = "polite"
        messages = self.prop("messages")
        if messages is None:
            return
        shown = f"[].concat({src(messages)} ?? [])"
        active = self.prop("active", True)
        cond = f"({src(active)}) && {shown}.length" if active is not True else f"{shown}.length"
        el("div", "{{ m }}", classes="v-messages__message", v_for=f"m in ({cond} ? {shown} : [])")


class VCounter(VElement):
    """A character counter: ``value`` / ``max`` (``active`` shows it, ``disabled`` dims it)."""

    _base = "v-counter"
    _props = frozenset({"value", "max", "active", "disabled", "transition"})

    def _build(self) -> None:
        value, top = self.prop("value", 0), self.prop("max")
        text = "{{ " + src(value) + " }}" + ("" if top is None else " / {{ " + src(top) + " }}")
        self.add(text)
        self._set("aria-live", "polite")
        active = self.prop("active")
        if active is not None:
            self._set("v_show", src(active) if is_bound(active) else js(bool(active)))

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if _on(self.prop("disabled")):
            static.append("text-disabled")
        top = self.prop("max")
        if top is not None:  # past the limit: the error colour
            dynamic.append(f"{{'text-error': Number({src(self.prop('value', 0))}) > Number({src(top)})}}")
        return static, dynamic


class VSelectionControl(_Check):
    """One checkbox or radio (``type``) with its label, no details row; ``v_model`` as :class:`VCheckbox`'s.

    ``type="radio"`` with ``value``: checked while the model equals the value;
    picking it writes the value.
    """

    _kind = "selection-control-wrap"
    _props = _Check._props | {"type", "false_icon", "true_icon", "base_color", "defaults_target"}

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("hide_details", True)
        super().__init__(children, **kwargs)

    def _control(self) -> AbstractElement:
        control = super()._control()
        if self.prop("type") == "radio":
            as_radio(control, self.prop("value", "on"))
        checked = self.prop("model_value")
        if control._model is None and checked is not None and self.prop("type") != "radio":
            control.attributes.pop("value", None)  # without v_model, model_value is the checked state
            if is_bound(checked):
                control._set("checked", checked)
            elif checked not in (False, "false", 0):
                control.attributes["checked"] = True
        return control

    def _check_model(self) -> Model | None:
        if self.prop("type") == "radio":
            return self.take_model()  # the radio is checked while the model equals its value
        return super()._check_model()


def as_radio(control: AbstractElement, value: Any) -> None:
    """Make a selection control's native checkbox a radio holding *value*."""
    control.attributes["type"] = "radio"
    control.__dict__["_model_kind"] = "radio"
    control._set("value", value if is_bound(value) else (js(value),))


class VCheckboxBtn(VSelectionControl):
    """A bare checkbox (Vuetify's ``v-checkbox-btn``): no label column, no messages."""

    _kind = "checkbox-btn"
    _props = VSelectionControl._props - {"type"}


class VSelectionControlGroup(VElement):
    """A group of :class:`VSelectionControl`: ``v_model`` is the picked ``value`` (radio) or the list of them.

    ``type="radio"`` (or ``multiple=False``) keeps one value; otherwise the
    model holds every checked control's value.
    """

    _base = "v-selection-control-group"
    _props = frozenset({"type", "multiple", "inline", "disabled", "readonly", "name", "defaults_target",
                        "false_icon", "true_icon", "ripple", "error", "density"})
    _flag_props = ("inline",)

    def _build(self) -> None:
        self.attributes["role"] = "radiogroup" if self._radio() else "group"
        self.__dict__["_group"] = self.model_source()

    def _radio(self) -> bool:
        return self.prop("type") == "radio" or (self.prop("multiple") is False)

    def _adopt(self, item: Any) -> None:
        m = self._group
        nodes = [item] if isinstance(item, VSelectionControl) else [
            n for n in getattr(item, "walk", lambda: [])() if isinstance(n, VSelectionControl)]
        for node in nodes:
            control = node.control
            v = src(node.prop("value", "on"))
            if self._radio():
                as_radio(control, node.prop("value", "on"))
                control.attributes["name"] = self._ht_id
                row_scoped(control, "name")
            if m is None:
                continue
            if self._radio():
                model = Model(compile_expr(m), compile_statement(f"{m} = $value"), frozenset())
            else:
                rest = f"[].concat({m} ?? []).filter(x => x !== {v})"
                model = Model(compile_expr(f"[].concat({m} ?? []).includes({v})"),
                              compile_statement(f"{m} = $value ? {rest}.concat([{v}]) : {rest}"), frozenset())
            control.__dict__["_model"] = model
            if _on(self.prop("disabled")):
                control.attributes["disabled"] = True


class VValidation(VElement):
    """Vuetify's renderless validation: ``rules`` applied to ``v_model``; the default slot sees
    ``errorMessages`` and ``isValid``: ``VValidation(v_model=("x",), rules=(...), v_slot="{ errorMessages }")``."""

    _base = "v-slot v-validation"
    _props = frozenset({"rules", "validate_on", "max_errors", "error_messages", "error", "disabled", "readonly",
                        "label", "name", "focused", "model_value", "validation_value"})

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        binding = None
        for key in ("v_slot", "v_slot_default", "v_slot:default", "#default"):
            if key in kwargs:
                binding = kwargs.pop(key)
        self.__dict__["_aliases"] = dict(slot_names(binding)) if binding else {}
        super().__init__(children, **kwargs)

    def _build(self) -> None:
        model = self.model_source()
        value = src(self.prop("validation_value", self.prop("model_value"))) if model is None else f"({model})"
        rules = self.prop("rules")
        most = src(self.prop("max_errors", 1))
        messages = (f"[].concat({src(rules) if rules is not None else '[]'})"
                    f".map(r => typeof r === 'function' ? r({value}) : r)"
                    ".filter(m => m === false || typeof m === 'string').map(m => m === false ? '' : m)")
        if self.prop("error_messages") is not None:
            messages = f"[].concat({src(self.prop('error_messages'))} ?? []).concat({messages})"
        shown = f"{messages}.slice(0, Math.max(1, {most}))"
        values = {"errorMessages": shown, "isValid": f"{messages}.length === 0", "isDirty": f"{value} != null",
                  "isDisabled": js(_on(self.prop("disabled"))), "isReadonly": js(_on(self.prop("readonly"))),
                  "isValidating": "false", "isPristine": "false", "id": js(self._ht_id)}
        self.__dict__["_scope"] = values
        self._slots["default"] = el("div", classes="v-slot")
        self._scope_loop()

    def _scope_loop(self) -> None:
        """The slot's content sees the props its binding names (all of them without one)."""
        values = self._scope
        names = {p: a for p, a in self._aliases.items() if p in values} or {p: p for p in values}
        rows = Rows(tuple(names.values()), [values[p] for p in names], lambda *v: [v], f"{self._ht_id} validation")
        self._slots["default"].__dict__["_loop"] = Loop(rows, rows.source)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, AbstractElement) and getattr(item, "slot_name", None) == "default" and item.slot_props:
            self.__dict__["_aliases"] = dict(slot_names(", ".join(item.slot_props)))
            self._scope_loop()


__all__ = ["VCheckboxBtn", "VCounter", "VField", "VFieldLabel", "VInput", "VLabel", "VMessages", "VSelectionControl",
           "VSelectionControlGroup", "VValidation"]

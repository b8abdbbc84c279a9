"""Form inputs: each builds a native control and routes ``v_model`` to it.

The native control (``<input>``, ``<select>``, ``<textarea>``) carries the
model, so the page sends its value and the server coerces it (number for
sliders, bool for checkboxes and switches, the typed string for text fields,
as Vuetify's do). The events a Vuetify input emits run after the model is
written, with what the component emits as ``$event`` (see :data:`EMITTED`).
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement, model_event
from ...elements.attrs import DOM_EVENTS
from ...elements.base import Model
from ...expr import compile_expr, compile_statement
from .core import VElement, el, handler, is_bound, js, src, text_child
from .forms import field_rules
from .icons import icon

_CONTROL_ATTRS = ("type", "placeholder", "readonly", "name", "maxlength", "autofocus", "autocomplete",
                  "min", "max", "step", "rows", "accept", "multiple", "required", "pattern")


def _text(node: AbstractElement, value: Any) -> None:
    if value is None:
        return
    node.add(text_child(value))


def row_scoped(node: AbstractElement, *names: str) -> AbstractElement:
    """Mark generated ids/``for``/``name`` of *node* to get a per-row tag inside ``v_for``."""
    node.__dict__["_row_scoped"] = tuple(dict.fromkeys((*node._row_scoped, *names)))
    return node


#: Vuetify events a field re-emits with a value rather than the DOM event:
#: name -> the DOM event on the control that raises it. ``$event`` is what
#: the component emits (its model value after the write; without a model,
#: the control's own value). ``change`` passes the value as Vuetify 2 and
#: trame's ``vuetify`` module do (Vuetify 3 lets the bare DOM event through,
#: which trame can only serialise as ``{isTrusted: true}``).
EMITTED = {"change": "change"}


def _attr(node: AbstractElement, name: str, value: Any) -> None:
    if value is None or value is False:
        return
    if is_bound(value):
        node._set(name, value)
    elif value is True:
        node.attributes[name] = True
    else:
        node.attributes[name] = str(value)


class Field(VElement):
    """Base of the inputs: label, prepend/append icons, hint and messages.

    Subclasses make the control in :meth:`_control` (inside the field) and
    may set ``_control_kind``.
    """

    _base = "v-input"
    _default_variant: str | None = "filled"
    _props = frozenset({"label", "hint", "persistent_hint", "hide_details", "prepend_icon", "append_icon",
                        "prepend_inner_icon", "append_inner_icon", "disabled", "readonly", "clearable",
                        "error_messages", "messages", "placeholder", "type", "name", "rules", "counter",
                        "prefix", "suffix", "autofocus", "maxlength", "min", "max", "step", "rows",
                        "auto_grow", "no_resize", "persistent_placeholder", "single_line", "loading",
                        "model_value", "multiple", "accept", "required", "autocomplete", "inline", "id_input",
                        "validate_on", "validate_on_blur", "max_errors", "error"})
    _flag_props: tuple[str, ...] = ("disabled", "readonly", "loading", "single_line")
    _kind = "text-field"
    _boxed = True  # a v-field box around the control (text fields, selects)

    def _build(self) -> None:
        self.attributes["class"] = ""
        if self.prop("prepend_icon") is not None:
            self._icon_slot("prepend_icon", "v-input__prepend", "click_prepend")
        with el("div", classes="v-input__control"):
            if self._boxed:
                with el("div", classes="v-field"):
                    if self.prop("prepend_inner_icon") is not None:
                        self._icon_slot("prepend_inner_icon", "v-field__prepend-inner", "click_prependInner")
                    with el("div", classes="v-field__field"):
                        self._label()
                        if self.prop("prefix") is not None:
                            _text(el("span", classes="v-text-field__prefix"), self.prop("prefix"))
                        control = self.__dict__["control"] = self._control()
                        if self.prop("suffix") is not None:
                            _text(el("span", classes="v-text-field__suffix"), self.prop("suffix"))
                    if self.prop("clearable") not in (None, False) and self.__dict__.get("_model_src"):
                        clear = el("button", icon("mdi-close-circle"), type="button", classes="v-field__clearable",
                                   aria_label="Clear", click=f"{self._model_src} = null")
                        self.chain(clear, "click", "click_clear", None)  # Vuetify passes the MouseEvent
                    if self.prop("append_inner_icon") is not None:
                        self._icon_slot("append_inner_icon", "v-field__append-inner", "click_appendInner")
                    if self.prop("loading") not in (None, False):
                        el("div", el("div", classes="v-progress-linear__indeterminate"),
                           classes="v-progress-linear v-progress-linear--indeterminate v-field__loader")
            else:
                control = self.__dict__["control"] = self._control()
        if self.prop("append_icon") is not None:
            self._icon_slot("append_icon", "v-input__append", "click_append")
        self._details()
        self.__dict__["control"] = control
        errors = self.__dict__["_errors"] = self._errors_source()
        if errors and getattr(control, "tagname", None) in ("input", "textarea", "select") \
                and self.prop("hide_details") is not True:
            control.attributes.setdefault("aria-describedby", f"{self._ht_id}-messages")
            row_scoped(control, "aria-describedby")
            AbstractElement._set(control, "aria-invalid", (f"({errors}).length ? 'true' : null",))

    def _icon_slot(self, prop: str, classes: str, event: str) -> None:
        box = el("div", icon(self.prop(prop)), classes=classes)
        h = self.take_event(event)
        if h is not None:
            box._events["click"] = h

    def _label(self) -> None:
        label = self.prop("label")
        if label is not None:
            _text(row_scoped(el("label", classes="v-label v-field-label", for_=self._control_id()), "for"), label)

    def _control_id(self) -> str:
        return f"{self._ht_id}-input"

    def _details(self) -> None:
        hide = self.prop("hide_details")
        errors = self._errors_source()
        if hide is True or hide == "auto" and self.prop("hint") is None and errors is None:
            return
        with el("div", classes="v-input__details"):
            if errors is not None:
                # A live region that is there before any message (as Vuetify's v-messages): a message the
                # server sends is announced, politely, and the focus stays in the field.
                with row_scoped(el("div", classes="v-messages__live", role="alert", aria_live="polite",
                                   id=f"{self._ht_id}-messages"), "id"):
                    el("div", "{{ " + errors + ".join(', ') }}", classes="v-messages v-messages--error",
                       v_if=f"{errors}.length")
            hint = self.prop("hint", self.prop("messages"))
            if hint is not None:
                msg = el("div", classes="v-messages", role="status")
                if self.prop("persistent_hint") in (None, False):
                    msg.attributes["class"] += " v-messages--hint"
                _text(msg, hint)
            counter = self.prop("counter")
            model = self.__dict__.get("_model_src")
            if counter not in (None, False) and model:
                limit = "" if counter is True else " / " + str(counter[0] if is_bound(counter) else counter)
                el("div", "{{ String(" + model + " ?? '').length }}" + limit, classes="v-counter")

    def _errors_source(self) -> str | None:
        """An expression listing the error messages: ``error_messages`` and failed ``rules``."""
        parts = []
        errors = self.prop("error_messages")
        if errors is not None:
            parts.append(f"[].concat({src(errors)} ?? [])")
        rules = self.prop("rules")
        model = self.__dict__.get("_model_src")
        if is_bound(rules) and model:
            # Vuetify's rules, shown once the field was validated (forms.py)
            parts.append(field_rules(self, rules, model, parts[0] if parts else None))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else f"{parts[0]}.concat({parts[1]})"

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        static.append(f"v-{self._kind}")
        if self.prop("hide_details") is True:
            static.append("v-input--hide-details")
        errors = self.__dict__.get("_errors")
        if errors:
            dynamic.append(f"{{'v-input--error': {errors}.length > 0}}")
        return static, dynamic

    def _control(self) -> AbstractElement:
        """Make the native control (override)."""
        raise NotImplementedError

    def wire(self, control: AbstractElement, model: Model | None = None, report: str | None = None) -> AbstractElement:
        """Give *control* the widget's model and DOM event handlers.

        *model* replaces the widget's own ``v_model`` (selects show an index);
        *report* is what the emitted events receive (the model by default).
        """
        control.attributes.setdefault("id", self._control_id())
        row_scoped(control, "id")
        for name in _CONTROL_ATTRS:
            if name in ("type", "multiple") and control.attributes.get(name) is not None:
                continue
            _attr(control, name, self.prop(name))
        disabled = self.prop("disabled")
        _attr(control, "disabled", disabled)
        model = model if model is not None else self.take_model()
        if model is not None:
            control.__dict__["_model"] = model
            report = report or model.target.source
            if not self.__dict__.get("_model_src"):
                self.__dict__["_model_src"] = report
        elif self.prop("model_value") is not None:
            _attr(control, "value", self.prop("model_value"))
        report = report or self._dom_value()
        for name, dom_event in EMITTED.items():  # every control of the field raises them (two thumbs)
            self.chain(control, dom_event, name, report)
        for name in list(self._events):
            if name in DOM_EVENTS:
                control._events[name] = self._events.pop(name)
        self.chain(control, model_event(control), "update_modelValue", report)
        # Vuetify's focus state: true on focus, false on blur
        self.chain(control, "focus", "update_focused", "true")
        self.chain(control, "blur", "update_focused", "false")
        return control

    def _dom_value(self) -> str:
        """What the control holds, from the DOM event (a field without ``v_model``)."""
        return "$event.target.value"


class VTextField(Field):
    """A one-line text input (``label``, ``hint``, ``type``, ``clearable``, icons)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        self.__dict__["_model_src"] = _model_source(kwargs)
        super().__init__(children, **kwargs)

    def _control(self) -> AbstractElement:
        control = el("input", type=self.prop("type", "text") if not is_bound(self.prop("type")) else "text",
                     classes="v-field__input")
        # Vuetify's field emits the input's text whatever its type (a number
        # field too: "12", "" once emptied); v_model_number makes it a number.
        control.__dict__["_model_kind"] = "text"
        return self.wire(control)


class VTextarea(VTextField):
    """A multi-line text input (``rows``, ``auto_grow``)."""

    _kind = "textarea"

    def _control(self) -> AbstractElement:
        self._p.setdefault("rows", 5)
        return self.wire(el("textarea", classes="v-field__input"))


class VFileInput(VTextField):
    """A file chooser; the chosen files arrive in the model as the server's upload does."""

    _kind = "file-input"

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("prepend_icon", "mdi-paperclip")
        super().__init__(children, **kwargs)

    def _control(self) -> AbstractElement:
        control = self.wire(el("input", type="file", classes="v-field__input"))
        if getattr(self, "_v2", False) and self._p.get("multiple") in (None, False):
            # Vuetify 2's file input holds one File unless ``multiple``: a
            # trame app then gets one ClientFile dict (Vuetify 3: a list).
            control.__dict__["_single_file"] = True
        return control


def _model_source(kwargs: dict) -> str | None:
    for key, value in kwargs.items():
        if key.startswith("v_model"):
            return value[0] if isinstance(value, tuple) else value
    return None


class _Check(Field):
    """A checkbox-like control: a native checkbox and its label."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        self.__dict__["_model_src"] = _model_source(kwargs)
        super().__init__(children, **kwargs)

    _boxed = False
    _default_variant = None
    _color_mode = "text"
    _role: str | None = None
    _props = Field._props | {"true_value", "false_value", "value", "inset", "indeterminate", "ripple"}

    def _control(self) -> AbstractElement:
        with row_scoped(el("label", classes="v-selection-control", for_=self._control_id()), "for"):
            control = el("input", type="checkbox", classes="v-selection-control__input")
            if self._role:
                control.attributes["role"] = self._role
            control.__dict__["_model_kind"] = "switch" if self._role else "checkbox"
            # a list model (value=) reports the list, as Vuetify emits it
            self.wire(control, self._check_model(), self.__dict__.get("_model_src"))
            if self._role:
                el("span", el("span", classes="v-switch__thumb"), classes="v-switch__track")
            if self.prop("label") is not None:
                _text(el("span", classes="v-label"), self.prop("label"))
        return control

    def _check_model(self) -> Model | None:
        """With ``value`` the model is a list holding the checked values; with
        ``true_value``/``false_value`` it holds one of those; else a bool."""
        model = self.take_model()
        if model is None:
            return None
        m = model.target.source
        if self.prop("value") is not None:
            v = src(self.prop("value"))
            rest = f"[].concat({m} ?? []).filter(x => x !== {v})"
            return Model(compile_expr(f"[].concat({m} ?? []).includes({v})"),
                         compile_statement(f"{m} = $value ? {rest}.concat([{v}]) : {rest}"), frozenset())
        on, off = self.prop("true_value"), self.prop("false_value")
        if on is not None or off is not None:
            on_src, off_src = src(on if on is not None else True), src(off if off is not None else False)
            return Model(compile_expr(f"({m}) === {on_src}"),
                         compile_statement(f"{m} = $value ? {on_src} : {off_src}"), frozenset())
        return model

    def _label(self) -> None:
        pass

    def _dom_value(self) -> str:
        return "$event.target.checked"


class VCheckbox(_Check):
    """A checkbox; ``v_model`` is true or false."""

    _kind = "checkbox"


class VSwitch(_Check):
    """A switch (a checkbox drawn as a track and thumb)."""

    _kind = "switch"
    _role = "switch"


class VSlider(Field):
    """A slider: ``min``/``max``/``step``, ``thumb_label``; events ``start``, ``end``."""

    _kind = "slider"
    _boxed = False
    _default_variant = None
    _color_mode = "text"
    _props = Field._props | {"thumb_label", "show_ticks", "ticks", "tick_size", "direction", "vertical",
                             "track_color", "thumb_color", "reverse"}

    def _control(self) -> AbstractElement:
        self._label()
        with el("div", classes="v-slider__container"):
            control = self._range()
        shown = self.prop("thumb_label")
        source = self.__dict__.get("_model_src")
        if shown not in (None, False) and source:
            el("span", "{{ " + source + " }}", classes="v-slider__value")
        return control

    def _range(self) -> AbstractElement:
        control = el("input", type="range", classes="v-slider__input")
        self._p.setdefault("min", 0)
        self._p.setdefault("max", 100)
        self._p.setdefault("step", 1 if not self._p.get("step") else self._p["step"])
        self.wire(control)
        self._chain_ends(control)
        return control

    def _chain_ends(self, control: AbstractElement, value: str | None = None) -> None:
        source = value or self.__dict__.get("_model_src")
        source = source or self._dom_value()
        self.chain(control, "pointerdown", "start", source)
        self.chain(control, "change", "end", source)

    def _dom_value(self) -> str:
        return "Number($event.target.value)"


class VRangeSlider(VSlider):
    """Two thumbs on one track; ``v_model`` is ``[low, high]``."""

    _kind = "range-slider"

    def _control(self) -> AbstractElement:
        self._label()
        self._p.setdefault("min", 0)
        self._p.setdefault("max", 100)
        self._p.setdefault("step", 1)
        model = self.take_model()
        m = model.target.source if model is not None else None
        with el("div", classes="v-slider__container v-range-slider__container"):
            controls = []
            for i, (pick, clamp) in enumerate((("0", "Math.min"), ("1", "Math.max"))):
                other = 1 - i
                inner = None
                if m is not None:
                    pair = f"[$value, ({m})[1]]" if i == 0 else f"[({m})[0], $value]"
                    bound = f"{clamp}($value, ({m})[{other}])"
                    pair = pair.replace("$value", bound)
                    inner = Model(compile_expr(f"({m})[{pick}]"), compile_statement(f"{m} = {pair}"), frozenset())
                control = el("input", type="range", classes=f"v-slider__input v-range-slider__{('min', 'max')[i]}",
                             aria_label=("minimum", "maximum")[i])
                control.attributes["id"] = f"{self._control_id()}-{i}"
                row_scoped(control, "id")
                self.wire(control, inner, m)
                self._chain_ends(control, m)
                controls.append(control)
        if m is not None:
            if self.prop("thumb_label") not in (None, False):
                el("span", "{{ (" + m + ")[0] }} – {{ (" + m + ")[1] }}", classes="v-slider__value")
        return controls[0]


class VRadioGroup(Field):
    """A group of :class:`VRadio`; ``v_model`` is the chosen radio's ``value``."""

    _kind = "radio-group"
    _boxed = False
    _default_variant = None
    _flag_props = Field._flag_props + ("inline",)

    def _control(self) -> AbstractElement:
        self.__dict__["_group_model"] = self.take_model()
        self._label()
        group = el("div", classes="v-selection-control-group", role="radiogroup")
        self._slots["default"] = group
        self.__dict__["_count"] = 0
        return group

    def _label(self) -> None:
        if self.prop("label") is not None:
            _text(el("div", classes="v-label"), self.prop("label"))

    def _adopt(self, item: Any) -> None:
        radios = [item] if isinstance(item, VRadio) else [
            n for n in getattr(item, "walk", lambda: [])() if isinstance(n, VRadio)]
        model = self._group_model
        for radio in radios:
            control = radio.control
            control.attributes["name"] = self._ht_id
            row_scoped(control, "name")
            report = model.target.source if model is not None else "$event.target.value"
            if model is not None:
                control.__dict__["_model"] = model
            self.chain(control, "change", "update_modelValue", report)
            self.chain(control, "change", "change", report)


class VRadio(Field):
    """One radio button of a :class:`VRadioGroup` (``label``, ``value``)."""

    _kind = "radio"
    _boxed = False
    _default_variant = None
    _props = Field._props | {"value"}

    def _control(self) -> AbstractElement:
        with row_scoped(el("label", classes="v-selection-control v-radio", for_=self._control_id()), "for"):
            control = el("input", type="radio", classes="v-selection-control__input")
            control.attributes["id"] = self._control_id()
            row_scoped(control, "id")
            value = self.prop("value")
            control._set("value", value if is_bound(value) else (js(value if value is not None else "on"),))
            _attr(control, "disabled", self.prop("disabled"))
            if self.prop("label") is not None:
                _text(el("span", classes="v-label"), self.prop("label"))
        return control

    def _label(self) -> None:
        pass

    def _details(self) -> None:
        pass


def toggle_code(model: str, value: str, multiple: bool, mandatory: bool) -> str:
    """The click code that selects *value* in a group bound to *model*."""
    if multiple:
        return (f"{model} = [].concat({model} ?? []).includes({value}) ? "
                f"[].concat({model} ?? []).filter(x => x !== {value}) : [].concat({model} ?? []).concat([{value}])")
    if mandatory:
        return f"{model} = {value}"
    return f"{model} = ({model} === {value} ? null : {value})"


def is_selected(model: str, value: str, multiple: bool) -> str:
    """An expression: whether *value* is selected in the group's *model*."""
    if multiple:
        return f"[].concat({model} ?? []).includes({value})"
    return f"({model}) === {value}"


class VBtnToggle(VElement):
    """Toggle buttons: each :class:`VBtn` child's ``value`` (or index) is picked into ``v_model``."""

    _base = "v-btn-toggle v-btn-group"
    _props = frozenset({"mandatory", "multiple", "divided", "selected_class", "disabled"})
    _default_variant = None

    def _build(self) -> None:
        self.attributes["role"] = "group"
        self.__dict__["_src"] = self.model_source()
        self.__dict__["_count"] = 0

    def _adopt(self, item: Any) -> None:
        from .containers import VBtn

        if not isinstance(item, VBtn) or self._src is None:
            return
        index = self._count
        self.__dict__["_count"] = index + 1
        value = item.prop("value")
        v = src(value) if value is not None else js(index)
        multiple = self.prop("multiple") not in (None, False)
        code = toggle_code(self._src, v, multiple, self.prop("mandatory") not in (None, False))
        if "click" in item._events:
            item.__dict__["_also"] = {**item._also, "click": [*item._also.get("click", []), (handler("click", code), None)]}
        else:
            item._events["click"] = handler("click", code)
        self.chain(item, "click", "update_modelValue", self._src)
        item._p["active"] = (is_selected(self._src, v, multiple),)
        item._refresh()
        item._set("aria-pressed", (f"String({is_selected(self._src, v, multiple)})",))

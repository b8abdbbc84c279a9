"""Forms: ``VForm`` and the ``rules`` of the fields inside it, validated as Vuetify does.

A field with ``rules`` (functions of its value returning ``true`` or a
message) shows its first failing message only once it was *validated*:
typed into (``validate_on="input"``, Vuetify 3's default), left
(``"blur"``), or validated by its form (``validate()``, a submit). Not on
first load, and not after ``reset()``/``reset_validation()``. ``"lazy"``
(``"input lazy"``, ``"blur lazy"``, ``"submit lazy"``) leaves the form's
validity ``null`` until then; ``"submit"`` validates only when the form is
submitted or validated. Whether a field was validated is kept in a hidden
state key of its own, so every page of a shared state agrees.

``VForm(v_model=("valid", None))`` holds Vuetify's validity: ``true`` when
every field passes, ``false`` when a validated field fails, ``null`` while
a failing field was not validated yet. Its methods ``validate``, ``reset``
and ``resetValidation`` run on the server: ``server.js_call("form",
"validate")`` with ``ref="form"`` (the page sends them back as the form's
events), or ``$refs.form.validate()`` in an event expression. ``submit``
(``submit_prevent``) validates every field first and passes ``{valid,
errors}`` as ``$event``; the page is never reloaded.
"""

from __future__ import annotations

from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag

from ...elements import AbstractElement, EventHandler, model_event
from ...elements.attrs import is_identifier
from ...elements.base import active_state
from ...expr import Context, ExpressionError, compile_expr, compile_statement
from .core import VElement, el, handler, is_bound, js

FORM_METHODS = ("validate", "reset", "resetValidation")
_MODES = frozenset({"input", "blur", "submit", "lazy", "eager", "invalid-input"})


def validate_on(value: Any) -> frozenset[str]:
    """Vuetify's ``validate_on`` string as a set of modes (``"blur lazy"`` → {blur, lazy})."""
    modes = frozenset(str(value or "input").replace(",", " ").split())
    unknown = modes - _MODES
    if unknown:
        raise ValueError(f"validate_on={value!r}: unknown mode(s) {sorted(unknown)}; use input, blur, submit, "
                         "lazy, eager or invalid-input (e.g. 'blur lazy')")
    if not modes & {"input", "blur", "submit", "invalid-input"}:
        modes |= {"input"}
    return modes


class FieldRules:
    """The validation state of one field with ``rules``."""

    def __init__(self, field: VElement, rules: str, model: str, modes: frozenset[str], errors: str | None) -> None:
        self.field = field
        self.model = model
        self.key = f"ht__validated_{field._ht_id}"
        self.modes = modes
        field._defaults.append((self.key, "eager" in modes))
        most = field.prop("max_errors", 1)
        # Vuetify's rules: a function of the value returning true, a message, or false (no message)
        self.messages = (f"[].concat({rules}).map(r => typeof r === 'function' ? r({model}) : r)"
                         ".filter(m => m === false || (typeof m === 'string'))"
                         ".map(m => m === false ? '' : m)")
        first = f"{self.messages}.slice(0, Math.max(1, {_src(most)}))"
        self.shown = f"({self.key} ? {first} : [])"
        lazy = "lazy" in modes
        forced = f"[].concat({errors} ?? []).length > 0" if errors else "false"
        error = field.prop("error")
        if error not in (None, False):
            forced = f"({forced} || !!{_src(error)})"
        self.valid = (f"({forced} ? false : {self.key} ? {self.messages}.length === 0 : "
                      f"({self.messages}.length || {js(lazy)}) ? null : true)")
        self.form: VForm | None = None
        self.control: AbstractElement | None = None
        self.events: list[str] = []
        # compiled once: the form evaluates them on every event of its fields
        self.valid_expr = compile_expr(self.valid)
        # Vuetify 2 validates silently on mount: a failing rule counts before the user got there
        lazy_v2 = f"({forced} || {self.messages}.length > 0) ? ({self.key} ? false : null) : true"
        self.valid_v2_expr = compile_expr(lazy_v2)
        self.messages_expr = compile_expr(first)
        self.clear = _statement(f"{model} = null")

    def wire(self, control: AbstractElement | None) -> None:
        """Mark the field validated on the events its ``validate_on`` names."""
        if control is None:
            return
        mark = handler("validate", f"{self.key} = true")
        events = []
        if "input" in self.modes and control._model is not None:
            events.append(model_event(control))
        if self.modes & {"blur", "invalid-input"} or (getattr(self.field, "_v2", False) and "input" in self.modes):
            events.append("blur")  # Vuetify 2 also validates a field the user left
        for event in events:
            _also(control, event, mark)
        self.control = control
        self.events = events


def _statement(source: str) -> Any:
    try:
        return compile_statement(source)
    except ExpressionError:
        return None


def _src(value: Any) -> str:
    return f"({value[0]})" if is_bound(value) else js(value)


def _also(node: AbstractElement, event: str, h: Any, reported: Any = None) -> None:
    also = dict(node._also)
    also[event] = [*also.get(event, []), (h, reported)]
    node.__dict__["_also"] = also


def field_rules(field: VElement, rules: Any, model: str, errors: str | None) -> str:
    """The messages a field with ``rules`` shows (once validated); sets its validation up.

    Called by the inputs once their control carries the model.
    """
    made = field.__dict__.get("_rules")
    if made is None:
        form = _enclosing_form()
        given = field.prop("validate_on")
        if given is None and field.prop("validate_on_blur") not in (None, False):
            given = "blur"
        if given is None and form is not None:
            given = form.prop("validate_on")
        made = FieldRules(field, rules[0] if is_bound(rules) else js(rules), model, validate_on(given), errors)
        made.wire(field.__dict__.get("control"))
        field.__dict__["_rules"] = made
    return made.shown


def _enclosing_form() -> VForm | None:
    for frame in reversed(dom_tag._with_contexts.get(_get_thread_context(), [])):
        if isinstance(frame.tag, VForm):
            return frame.tag
    return None


class _FormAction:
    """A form method run on the server (an event handler's ``code``)."""

    def __init__(self, form: VForm, method: str) -> None:
        self.form = form
        self.method = method
        self.source = f"{method}()"

    def evaluate(self, ctx: Context) -> Any:
        return self.form.run(self.method, ctx)


class VForm(VElement):
    """A ``<form>``: ``v_model`` is its validity, ``validate_on`` its fields' default,
    ``submit`` validates first; ``validate``/``reset``/``resetValidation`` by ``ref``."""

    _tag = "form"
    _base = "v-form"
    _props = frozenset({"validate_on", "fast_fail", "disabled", "readonly", "lazy_validation", "model_value"})
    _known_events = VElement._known_events | {"submit", "update_modelValue"}

    def _set(self, name: str, value: Any) -> None:
        # submit.prevent / submit_prevent / v_on_submit_prevent: the page never reloads anyway
        bare = name.removeprefix("v_on_").removeprefix("@")
        if bare in ("submit_prevent", "submit.prevent", "submit:prevent"):
            name = "submit"
        super()._set(name, value)

    def _build(self) -> None:
        validate_on(self.prop("validate_on"))  # a typo fails here, on the app's line
        self.attributes["novalidate"] = True
        self.attributes["data-ht-methods"] = " ".join(FORM_METHODS)
        self.__dict__["_fields"] = []
        model = self.take_model()
        self.__dict__["_valid_write"] = compile_statement(f"{model.target.source} = $value") if model else None
        plain = model is not None and is_identifier(model.target.source)
        self.__dict__["_valid_key"] = model.target.source.strip() if plain else None
        disabled = self.prop("disabled")
        if disabled not in (None, False):
            # a disabled <fieldset> disables every control inside, as Vuetify's form does
            box = el("fieldset", classes="v-form__fieldset")
            box._set("disabled", disabled if is_bound(disabled) else True)
            self._slots["default"] = box
        user_submit = self.take_event("submit")
        self._events["submit"] = EventHandler("submit", code=_FormAction(self, "submit"))  # type: ignore[arg-type]
        if user_submit is not None:
            _also(self, "submit", user_submit, compile_expr("$event"))
        for method in FORM_METHODS:
            self._events[method] = EventHandler(method, code=_FormAction(self, method))  # type: ignore[arg-type]
        # $refs.form.validate() in an event expression (elements/refs.py)
        self.__dict__["_methods"] = {m: (lambda ctx, m=m: self.run(m, ctx)) for m in FORM_METHODS}

    def __exit__(self, *exc: Any) -> None:
        super().__exit__(*exc)
        self._follow(active_state())

    def _follow(self, state: Any) -> None:
        """Keep ``v_model`` right when the app changes a field's value from Python.

        As Vuetify's form does on mount, the validity is also worked out now.
        """
        fields = self.fields()
        key = self._valid_key
        if state is None or key is None or not fields or self.__dict__.get("_following"):
            return
        self.__dict__["_following"] = True

        def lookup(name: str) -> Any:
            if name in state:
                return state[name]
            raise KeyError(name)

        def follow(**_: Any) -> None:
            ctx = Context(lookup=lookup, assign=lambda name, value: state.__setitem__(name, value))
            self._update(self.fields(), ctx)

        names = set().union(*(f.valid_expr.names for f in fields)) - {key}
        state.change(*sorted(names))(follow)
        follow()

    def fields(self) -> list[FieldRules]:
        """The fields with ``rules`` inside the form (each learns the form recomputes on its events)."""
        found = [n.__dict__["_rules"] for n in self.walk() if "_rules" in n.__dict__]
        for rules in found:
            if rules.form is None:
                rules.form = self
                # the messages follow the value live, so the validity follows every edit
                control = rules.control
                edits = [model_event(control)] if control is not None and control._model is not None else []
                for event in dict.fromkeys([*rules.events, *edits]):
                    _also(control, event, EventHandler(event, code=_FormAction(self, "update")))  # type: ignore[arg-type]
        self.__dict__["_fields"] = found
        return found

    # -- methods (run on the server) -------------------------------------------------
    def run(self, method: str, ctx: Context) -> Any:
        """Run form method *method* (``validate``, ``reset``, ``resetValidation``, ``submit``, ``update``)."""
        fields = self.fields()
        put = ctx.assign
        if put is None:
            raise ExpressionError(f"the form's {method}() changes state; it runs from an event, not while rendering")
        if method in ("validate", "submit"):
            for f in fields:
                put(f.key, True)
        elif method in ("resetValidation", "reset"):
            for f in fields:
                if method == "reset":
                    self._clear(f, ctx)
                put(f.key, "eager" in f.modes)
        result = self._update(fields, ctx)
        if method == "submit" and ctx.scopes:
            ctx.scopes[0]["$event"] = result  # what the app's submit handler receives
        return result if method in ("validate", "submit") else None

    def _clear(self, f: FieldRules, ctx: Context) -> None:
        if f.clear is None:
            return
        try:
            f.clear.evaluate(ctx)
        except ExpressionError:
            pass  # a field inside a v_for row: its row is not in hand here

    def _update(self, fields: list[FieldRules], ctx: Context) -> dict:
        """Vuetify's validity from the fields': false if one fails, true if all pass, else null."""
        states, errors = [], []
        v2 = self._v2
        for f in fields:
            try:
                valid = (f.valid_v2_expr if v2 else f.valid_expr).evaluate(ctx)
                if valid is not True and (valid is False or v2):
                    errors.append({"id": f.field.dom_id, "errorMessages": f.messages_expr.evaluate(ctx)})
            except ExpressionError:
                valid = None
            states.append(valid)
        if v2:
            # Vuetify 2's value is a bool: false while a field fails (with lazy_validation,
            # only fields the user already validated count)
            lazy = self.prop("lazy_validation") not in (None, False)
            value: bool | None = not any(s is False or (s is None and not lazy) for s in states)
        else:
            value = False if False in states else True if all(s is True for s in states) else None
        write = self._valid_write
        if write is not None:
            write.evaluate(ctx.child(**{"$value": value}))
        return {"valid": value is True, "errors": errors}

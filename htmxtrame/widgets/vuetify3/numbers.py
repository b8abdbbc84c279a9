"""Typed text inputs: ``VNumberInput``, ``VMaskInput``, ``VOtpInput``.

``VNumberInput(v_model=("n", 3), min=0, max=10, step=1)`` holds a number
(or ``None`` once emptied): typed text is read on Enter or when the field
is left, clamped to ``min``/``max`` with a message saying so; text that is
no number keeps the old value and says so. The −/+ buttons and the arrow
keys step it, never past the bounds. ``VMaskInput(mask="(###) ###-####")``
formats what is typed; its model is the unmasked text (the masked text
with ``return_masked_value``). ``VOtpInput(length=6)`` is one code field
drawn as boxes; its model is the code as a string.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ...elements import AbstractElement, EventHandler
from ...elements.base import Model
from ...expr import Expr, compile_expr, compile_statement
from .computed import Assign, Computed, only_when
from .core import VElement, el, js, src
from .inputs import _attr, row_scoped
from .typed import ParsedField

_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def _num(value: Any) -> float | int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        n = float(value)
        if not math.isfinite(n):
            return n  # read_number says it is too large
        return int(n) if n.is_integer() and "." not in value and "e" not in value.lower() else n
    return None


def _tidy(value: float, precision: Any, step: Any) -> int | float:
    """Round away float noise (0.1 + 0.2) to *precision* digits, or to the step's."""
    digits = precision if isinstance(precision, int) and not isinstance(precision, bool) else None
    if digits is None:
        try:
            exp = Decimal(str(step if step is not None else 1)).normalize().as_tuple().exponent
            digits = max(0, -int(exp)) + 6 if isinstance(exp, int) else 6
        except InvalidOperation:
            digits = 6
    out = round(value, max(0, min(digits, 15)))
    return int(out) if float(out).is_integer() and (digits == 0 or isinstance(value, int) or out == int(out)) else out


def clamp_number(value: Any, low: Any, high: Any) -> tuple[int | float, str | None]:
    """*value* within ``[low, high]`` and the message when it had to move."""
    lo, hi = _num(low), _num(high)
    if lo is not None and value < lo:
        return lo, f"The least allowed is {lo}; set to {lo}"
    if hi is not None and value > hi:
        return hi, f"The most allowed is {hi}; set to {hi}"
    return value, None


def read_number(text: Any, low: Any = None, high: Any = None, precision: Any = None) -> tuple[Any, str | None]:
    """Typed text as ``(number or None, message)``; raises ValueError for text that is no number."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None, None
    n = _num(text)
    if n is None:
        raise ValueError(f"{str(text)[:40]!r} is not a number")
    if not math.isfinite(n) or abs(n) > 1e15:
        raise ValueError("That number is too large")
    if isinstance(precision, int) and not isinstance(precision, bool):
        n = _tidy(n, precision, None)
    return clamp_number(n, low, high)


def step_number(current: Any, by: int, step: Any, low: Any, high: Any, precision: Any = None) -> int | float:
    """*current* moved *by* steps, within the bounds (from ``min`` or 0 when empty)."""
    size = _num(step) or 1
    base = _num(current)
    if base is None:
        base = _num(low) if _num(low) is not None else 0
        return clamp_number(base, low, high)[0]
    value = _tidy(base + by * size, precision, size)
    return clamp_number(value, low, high)[0]


class VNumberInput(ParsedField):
    """A number field: ``min``, ``max``, ``step``, ``precision``, ``control_variant``, ``inset``, ``reverse``."""

    _kind = "number-input"
    _props = ParsedField._props | {"control_variant", "inset", "hide_input", "precision", "reverse",
                                   "decrement_icon", "increment_icon", "min_fraction_digits"}
    _parsed_props = ("min", "max", "precision")

    def _read(self, text: Any, current: Any, *parts: Any) -> dict:
        # a clamped value is kept *and* explained, so this reads both at once (no per-widget scratch:
        # one widget tree serves every session)
        try:
            value, note = read_number(text, *parts)
        except ValueError as exc:
            return {"v": current, "e": str(exc)}
        return {"v": value, "e": note}

    def _decorate(self, control: AbstractElement) -> None:
        m = self._model_src
        control.attributes["inputmode"] = "decimal"
        control.attributes["role"] = "spinbutton"
        control._set("aria-valuenow", (f"{m} ?? null",))
        for attr, prop in (("aria-valuemin", "min"), ("aria-valuemax", "max")):
            if self.prop(prop) is not None:
                control._set(attr, (src(self.prop(prop)),))

    def _build(self) -> None:
        super()._build()
        variant = self.prop("control_variant", "default")
        if variant == "hidden" or self.__dict__.get("_model_src") is None:
            return
        self.attributes["data-ht-spin"] = True
        m = self._model_src
        err = self._err_key
        low, high, step, prec = (src(self.prop(p)) for p in ("min", "max", "step", "precision"))
        disabled = self.prop("disabled") not in (None, False) or self.prop("readonly") not in (None, False)
        for by, glyph, label in ((-1, self.prop("decrement_icon", "mdi-minus"), "Decrement"),
                                 (1, self.prop("increment_icon", "mdi-plus"), "Increment")):
            code = Assign(f"{self._ht_id} step", compile_statement(f"{m} = $value; {err} = null"),
                          [m, js(by), step, low, high, prec], step_number)
            where = "start" if variant == "split" and by < 0 else "end"
            btn = self.add_button(glyph, label, EventHandler("click", code=code), where,  # type: ignore[arg-type]
                                  data_ht_spin=("up" if by > 0 else "down"))
            bound = high if by > 0 else low
            if disabled:
                btn.attributes["disabled"] = True
            elif self.prop("max" if by > 0 else "min") is not None:
                cmp = ">=" if by > 0 else "<="
                btn._set("disabled", (f"{m} != null && Number({m}) {cmp} Number({bound})",))
            self.chain(btn, "click", "update_modelValue", m)
        for name in ("min", "max", "step"):  # text input: the bounds are ours, not the browser's
            self.control.attributes.pop(name, None)

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        variant = self.prop("control_variant", "default")
        static.append(f"v-number-input--{variant}")
        if self.prop("reverse") not in (None, False):
            static.append("v-number-input--reverse")
        return static, dynamic


# -- masks --------------------------------------------------------------------------------------------------------
_TOKENS = {"#": str.isdigit, "A": str.isalpha, "a": str.isalpha, "N": str.isalnum, "n": str.isalnum,
           "X": lambda c: not c.isspace(), "x": lambda c: not c.isspace(), "?": lambda c: True}
_PRESETS = {"credit-card": "#### - #### - #### - ####", "date": "##/##/####", "date-time": "##/##/#### ##:##",
            "iso-date": "####-##-##", "iso-date-time": "####-##-## ##:##", "phone": "(###) ### - ####",
            "social": "###-##-####", "time": "##:##", "time-with-seconds": "##:##:##"}


def apply_mask(text: Any, mask: str) -> tuple[str, str, bool]:
    """``(masked, raw, complete)`` for *text* typed into a field with *mask*.

    ``#`` digit, ``A``/``a`` letter (upper/lower-cased), ``N``/``n``
    alphanumeric, ``X``/``x`` any but space, ``?`` anything; other mask
    characters are shown as written and never part of the raw value.
    """
    mask = _PRESETS.get(mask, mask)
    chars = [c for c in str(text or "") if not c.isspace() or "?" in mask]
    literals = {c for c in mask if c not in _TOKENS}
    masked, raw = [], []
    i = 0
    for m in mask:
        if i >= len(chars):
            break
        if m not in _TOKENS:
            masked.append(m)
            if chars[i] == m:
                i += 1
            continue
        while i < len(chars) and (chars[i] in literals and not _TOKENS[m](chars[i]) or not _TOKENS[m](chars[i])):
            if chars[i] not in literals:
                raise ValueError(f"{chars[i]!r} does not fit the pattern {mask}")
            i += 1
        if i >= len(chars):
            break
        c = chars[i]
        c = c.upper() if m in "AN" else c.lower() if m in "an" else c
        masked.append(c)
        raw.append(c)
        i += 1
    if i < len(chars):
        raise ValueError(f"too long for the pattern {mask}")
    tokens = sum(1 for m in mask if m in _TOKENS)
    return "".join(masked), "".join(raw), len(raw) == tokens


class VMaskInput(ParsedField):
    """A text field with a ``mask`` (``"(###) ###-####"``, or a preset name: ``"phone"``, ``"date"``…)."""

    _kind = "mask-input"
    _props = ParsedField._props | {"mask", "return_masked_value"}
    _parsed_props = ("mask",)

    def parse(self, text: Any, current: Any, *parts: Any) -> Any:
        mask = str(parts[0] or "")
        if not str(text or "").strip():
            return None
        masked, raw, complete = apply_mask(text, mask)
        if not complete:
            raise ValueError(f"Incomplete: the pattern is {_PRESETS.get(mask, mask)}")
        return masked if self.prop("return_masked_value") not in (None, False) else raw

    def shown(self, model: str) -> Expr:
        return Computed(f"{self._ht_id} masked", [model, src(self.prop("mask", ""))], _masked_text)

    def _decorate(self, control: AbstractElement) -> None:
        mask = self.prop("mask")
        if isinstance(mask, str):
            control.attributes.setdefault("placeholder", _PRESETS.get(mask, mask))
            control.attributes["maxlength"] = str(len(_PRESETS.get(mask, mask)))


def _masked_text(value: Any, mask: Any) -> str:
    try:
        return apply_mask(value, str(mask or ""))[0]
    except ValueError:
        return "" if value is None else str(value)


# -- one-time codes -------------------------------------------------------------------------------------------------
def read_code(text: Any, length: Any, kind: Any) -> str:
    """What a person typed into a code field, checked: digits only for ``type="number"``, at most *length*."""
    code = "".join(str(text or "").split())
    n = int(length) if isinstance(length, (int, float)) or str(length).isdigit() else 6
    if kind == "number" and not code.isdigit() and code:
        raise ValueError("Digits only")
    if len(code) > n:
        raise ValueError(f"At most {n} characters")
    return code


class VOtpInput(VElement):
    """A one-time code: ``length`` boxes (``type="number"`` for digits), ``v_model`` the code as a string."""

    _base = "v-otp-input"
    _props = frozenset({"length", "type", "label", "placeholder", "disabled", "autofocus", "divider", "error",
                        "focus_all", "focused", "loading", "model_value", "base_color", "bg_color", "height",
                        "max_width", "min_width", "width", "persistent_hint", "hint"})
    _default_variant = "outlined"

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__otp_{self._ht_id}"
            self._defaults.append((model, self.prop("model_value", "")))
        err = f"ht__error_{self._ht_id}"
        self._defaults.append((err, None))
        length = self.prop("length", 6)
        n = int(length) if isinstance(length, int) else 6
        kind = self.prop("type", "text")
        label = self.prop("label", "Enter the code")
        with el("div", classes="v-otp-input__content"):
            field = el("input", type="text", classes="v-otp-input__field", maxlength=str(n),
                       autocomplete="one-time-code", inputmode="numeric" if kind == "number" else "text",
                       aria_label=str(label) if not isinstance(label, tuple) else label, id=f"{self._ht_id}-input",
                       spellcheck="false")
            row_scoped(field, "id")
            _attr(field, "disabled", self.prop("disabled"))
            _attr(field, "autofocus", self.prop("autofocus"))
            field._set("aria-invalid", (f"{err} ? 'true' : null",))
            field.attributes["aria-describedby"] = f"{self._ht_id}-messages"
            write = Assign(f"{self._ht_id} code", compile_statement(f"{model} = $value.v; {err} = $value.e"),
                           ["$value", model, src(length), js(kind)], _read_code)
            field.__dict__["_model"] = Model(compile_expr(f"String({model} ?? '')"), write, frozenset())
            field.__dict__["_model_kind"] = "text"
            self.chain(field, "input", "update_modelValue", model)
            finish = self.take_event("finish")
            if finish is not None:  # Vuetify emits it once the code is whole
                self.__dict__["_taken_events"]["finish"] = only_when(finish, f"String({model} ?? '').length === {n}")
                self.chain(field, "input", "finish", model)
            with el("div", classes="v-otp-input__boxes", aria_hidden="true"):
                for i in range(n):
                    if self.prop("divider") is not None and i == n // 2:
                        el("span", str(self.prop("divider")), classes="v-otp-input__divider")
                    el("div", "{{ String(" + model + f" ?? '')[{i}] ?? '' }}}}",
                       classes=(f"['v-otp-input__box v-field', {{'v-otp-input__box--active': "
                                f"String({model} ?? '').length === {i}}}]",))
        with el("div", classes="v-messages__live", role="alert", aria_live="polite", id=f"{self._ht_id}-messages"):
            el("div", "{{ " + err + " }}", classes="v-messages v-messages--error", v_if=err)
        self.__dict__["control"] = field

    _known_events = VElement._known_events | {"finish"}


def _read_code(text: Any, current: Any, length: Any, kind: Any) -> dict:
    try:
        return {"v": read_code(text, length, kind), "e": None}
    except ValueError as exc:
        return {"v": current, "e": str(exc)}


__all__ = ["VMaskInput", "VNumberInput", "VOtpInput", "apply_mask", "read_code", "read_number", "step_number"]

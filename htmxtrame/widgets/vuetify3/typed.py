"""Text fields whose text the server reads as a value: numbers, masks, dates, colours.

:class:`ParsedField` is a :class:`~.inputs.VTextField` whose typed text is
parsed in Python when the person commits it (Enter or leaving the field).
Text that parses sets ``v_model`` to the value (a number, a date string…);
text that does not keeps the model as it was and shows a message on the
field, in its live ``v-messages`` region, until the next good value. The
message lives in a hidden state key of the field's own, so every page of
a shared state shows the same thing.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Model
from ...expr import Expr, compile_expr, compile_statement
from .computed import Assign
from .core import building, el, src
from .icons import icon
from .inputs import VTextField


class ParsedField(VTextField):
    """A text field whose committed text :meth:`parse` turns into the model's value.

    Subclasses override :meth:`parse` (raise :class:`ValueError` with the
    message to show) and :meth:`shown` (the text for a model value, as an
    expression). :meth:`parts` names extra props handed to ``parse``.
    """

    _parsed_props: tuple[str, ...] = ()

    def _control(self) -> AbstractElement:
        model = self.take_model()
        if model is not None:
            m = model.target.source
        else:
            m = f"ht__value_{self._ht_id}"
            self._defaults.append((m, self.prop("model_value")))
        err = self.__dict__["_err_key"] = f"ht__error_{self._ht_id}"
        self._defaults.append((err, None))
        self.__dict__["_model_src"] = m
        parts = ["$value", m, *(src(self.prop(p)) for p in self._parsed_props)]
        write = Assign(f"{self._ht_id} {self._kind}", compile_statement(f"{m} = $value.v; {err} = $value.e"),
                       parts, self._read)
        control = el("input", type="text", classes="v-field__input")
        control.__dict__["_model_kind"] = "text"
        self._decorate(control)
        return self.wire(control, Model(self.shown(m), write, frozenset({"lazy"})), m)

    def _read(self, text: Any, current: Any, *parts: Any) -> dict:
        try:
            return {"v": self.parse(text, current, *parts), "e": None}
        except ValueError as exc:
            return {"v": current, "e": str(exc)}

    def parse(self, text: Any, current: Any, *parts: Any) -> Any:
        """The model's value for the typed *text* (override); ValueError shows its message."""
        return text

    def shown(self, model: str) -> Expr:
        """The compiled expression of the text the field shows for the model (override)."""
        return compile_expr(f"String({model} ?? '')")

    def _decorate(self, control: AbstractElement) -> None:
        """Extra attributes on the native input (override)."""

    def _errors_source(self) -> str | None:
        base = super()._errors_source()
        err = self.__dict__.get("_err_key")
        if err is None:
            return base
        own = f"[].concat({err} ?? [])"
        return own if base is None else f"{base}.concat({own})"

    def field_box(self) -> AbstractElement:
        """The ``v-field`` element (for buttons placed beside the control)."""
        node = self.control
        while node is not None and "v-field" not in str(node.attributes.get("class", "")).split():
            node = node.parent
        return node if node is not None else self

    def add_button(self, glyph: str, label: str, code: Any, where: str, **attrs: Any) -> AbstractElement:
        """A small icon button in the field box: ``where`` is ``"start"`` or ``"end"``."""
        box = self.field_box()
        with building(self):
            btn = el("button", icon(glyph), type="button", classes=f"v-field__{where}-btn v-btn v-btn--icon",
                     aria_label=label, tabindex="-1", **attrs)
        if btn.parent is not None:
            btn.parent.children.remove(btn)
        if where == "start":
            box.children.insert(0, btn)
        else:
            box.children.append(btn)
        btn.parent = box
        if isinstance(code, str):
            btn._set("click", code)
        else:
            btn._events["click"] = code
        return btn


__all__ = ["ParsedField"]

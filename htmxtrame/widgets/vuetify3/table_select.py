"""A data table's selection checkboxes: one row's, and one for many rows (a group's, "Select all").

The checkboxes are native ``<input type=checkbox>`` bound to the table's
``v_model`` (the list of the selected rows' values) by expressions; a box for
many rows is checked when all of them are selected and mixed (indeterminate,
which HTML can only set from script: ``data-ht-mixed``, see ``htmxtrame.js``)
when only some are, as Vuetify 3's ``VCheckboxBtn`` in its table headers.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Model
from ...expr import compile_expr, compile_statement
from .core import el


def checkbox(label: Any, shown: str, write: str) -> AbstractElement:
    """A selection checkbox named *label*, checked while *shown*, running *write* (``$value``: checked)."""
    box = el("input", type="checkbox", aria_label=label, classes="v-data-table__select")
    box.__dict__["_model"] = Model(compile_expr(shown), compile_statement(write), frozenset())
    return box


def many_checkbox(target: str, label: Any, ids: str, picked: str | None = None) -> AbstractElement:
    """A checkbox for the rows whose values are *ids*, in the selection *target* (an assignable
    expression): checking it selects them all and unchecking deselects them, keeping the rest, as
    Vuetify's ``select``. *picked* is the same worked out in Python (``{all, some, missing}``: see
    ``table_groups.picked_groups``), for a group."""
    model = f"[].concat({target} ?? [])"
    # each list worked out once, not once per value the other is searched for
    rest = f"((I, M) => M.filter(v => !I.includes(v)))({ids}, {model})"
    if picked is None:
        every = f"((I, M) => I.length > 0 && I.every(v => M.includes(v)))({ids}, {model})"
        some = f"((I, M) => I.some(v => M.includes(v)))({ids}, {model})"
        missing = f"((I, M) => I.filter(v => !M.includes(v)))({ids}, {model})"
    else:
        every, some, missing = f"!!{picked}?.all", f"!!{picked}?.some", f"({picked}?.missing ?? [])"
    # as Vuetify's Set of selected values: those already there keep their place, the new ones follow
    box = checkbox(label, every, f"{target} = $value ? {model}.concat({missing}) : {rest}")
    box.attributes["data-ht-mixable"] = True
    box._set("data_ht_mixed", (f"!({every}) && {some} ? 'true' : null",))
    return box


__all__ = ["checkbox", "many_checkbox"]

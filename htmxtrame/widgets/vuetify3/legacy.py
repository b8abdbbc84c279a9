"""Vuetify 2 components with no Vuetify 3 namesake, for ``htmxtrame.widgets.vuetify2``.

``VFlex(xs12=True, md6=True)`` is a grid column; ``VListItemAvatar`` goes to
its list item's prepend slot; ``VSimpleCheckbox`` is a bare checkbox;
``VOverflowBtn`` a select; ``VCalendarDaily``/``Weekly``/``Monthly`` are
:class:`~.calendars.VCalendar` with the view fixed; ``VDataFooter`` pages an
``options`` dict; ``VDataTableHeader`` is a table head from ``headers``;
``VEditDialog`` edits a value in place (its ``input`` slot) with Save and
Cancel.
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from .calendars import VCalendar
from .choices import VSelect
from .containers import VBtn, VCol
from .core import VElement, el, handler, is_bound, simple, src
from .fields import VCheckboxBtn

_FLEX = re.compile(r"(xs|sm|md|lg|xl)(\d{1,2})")
_OFFSET = re.compile(r"offset_(xs|sm|md|lg|xl)(\d{1,2})")


class VFlex(VCol):
    """Vuetify 1/2's flex column: ``xs12``, ``md6``, ``offset_md2`` flags are the column's sizes."""

    def _set(self, name: str, value: Any) -> None:
        m, off = _FLEX.fullmatch(name), _OFFSET.fullmatch(name)
        if (m or off) and value not in (None, False):
            bp, n = (m or off).groups()  # type: ignore[union-attr]
            key = ("cols" if bp == "xs" else bp) if m else ("offset" if bp == "xs" else f"offset_{bp}")
            super()._set(key, int(n))
            return
        super()._set(name, value)


class VCalendarDaily(VCalendar):
    """Vuetify 2's one-day calendar."""

    _view = "day"


class VCalendarWeekly(VCalendar):
    """Vuetify 2's month-of-weeks calendar."""

    _view = "month"


class VCalendarMonthly(VCalendar):
    """Vuetify 2's month calendar."""

    _view = "month"


class VSimpleCheckbox(VCheckboxBtn):
    """Vuetify 2's bare checkbox (``v_model`` or ``value`` with ``input``)."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        if "value" in kwargs and not any(k.startswith("v_model") for k in kwargs):
            kwargs["model_value"] = kwargs.pop("value")  # Vuetify 2: value is the checked state
        super().__init__(children, **kwargs)


class VOverflowBtn(VSelect):
    """Vuetify 2's select drawn as a button-like field."""

    _kind = "select v-overflow-btn"


class VDataFooter(VElement):
    """Vuetify 2's table footer: ``options`` (``{page, itemsPerPage}``) and ``pagination``
    (``{itemsLength}``); Prev/Next raise ``update_options`` with the new options and write a bound ``options``."""

    _base = "v-data-footer"
    _props = frozenset({"options", "pagination", "items_per_page_options", "items_per_page_text",
                        "page_text", "disable_pagination", "disable_items_per_page", "show_first_last_page",
                        "show_current_page", "prev_icon", "next_icon"})
    _known_events = VElement._known_events | {"update_options"}

    def _build(self) -> None:
        options = src(self.prop("options", {}))
        total = f"Number(({src(self.prop('pagination', {}))} ?? {{}}).itemsLength ?? 0)"
        page = f"Number(({options} ?? {{}}).page ?? 1)"
        per = f"Number(({options} ?? {{}}).itemsPerPage ?? 10)"
        first = f"Math.min({total}, ({page} - 1) * {per} + 1)"
        last = f"Math.min({total}, {page} * {per})"
        el("div", "{{ " + first + " }}–{{ " + last + " }} of {{ " + total + " }}",
           classes="v-data-footer__pagination", aria_live="polite")
        opts = self.prop("options")
        writable = is_bound(opts) and re.fullmatch(r"\s*[A-Za-z_$][\w$]*\s*", str(opts[0]))
        off = self.prop("disable_pagination") not in (None, False)
        with el("div", classes="v-data-footer__icons-before-after"):
            for by, label, stop in ((-1, "Previous page", f"{page} <= 1"),
                                    (1, "Next page", f"{page} * {per} >= {total}")):
                moved = f"Object.assign({{}}, {options} ?? {{}}, {{page: {page} + ({by})}})"
                btn = VBtn(icon=f"mdi-chevron-{'left' if by < 0 else 'right'}", variant="text", aria_label=label,
                           disabled=True if off else (stop,))
                btn._events["click"] = handler("click", f"{opts[0]} = {moved}" if writable else "null")
                # reported after the write: a written options dict already is the new one
                self.chain(btn, "click", "update_options", opts[0] if writable else moved)


class VDataTableHeader(VElement):
    """Vuetify 2's table head: a ``<thead>`` row of ``headers`` (``{text, value, align}``)."""

    _tag = "thead"
    _base = "v-data-table-header"
    _props = frozenset({"headers", "options", "sort_icon", "mobile", "show_group_by", "single_select",
                        "every_item", "some_items", "disable_sort", "checkbox_color"})

    def _build(self) -> None:
        headers = self.prop("headers", [])
        with el("tr"):
            el("th", "{{ h.text ?? h.title ?? '' }}", v_for=f"h in ({src(headers)} ?? [])", scope="col",
               classes=("'text-' + (h.align ?? 'start')",))


class VEditDialog(VElement):
    """Vuetify 2's in-place editor: the default slot shows the value; clicking it opens the ``input`` slot
    with Save (raises ``save``) and Cancel (``cancel``); ``open``/``close`` are raised too."""

    _base = "v-small-dialog"
    _props = frozenset({"large", "persistent", "save_text", "cancel_text", "eager", "return_value", "transition"})
    _known_events = VElement._known_events | {"save", "cancel", "open", "close"}

    def _build(self) -> None:
        opened = f"ht__edit_{self._ht_id}"
        self._defaults.append((opened, False))
        activator = el("button", type="button", classes="v-small-dialog__activator",
                       aria_expanded=(f"String(!!{opened})",))
        activator._events["click"] = handler("click", f"{opened} = true")
        self.chain(activator, "click", "open", None)
        self._slots["default"] = activator
        with el("div", classes="v-small-dialog__content v-sheet elevation-4", v_if=opened, role="dialog",
                aria_label="Edit"):
            self._slots["input"] = el("div", classes="v-small-dialog__input")
            with el("div", classes="v-small-dialog__actions"):
                for kind, text in (("cancel", self.prop("cancel_text", "Cancel")),
                                   ("save", self.prop("save_text", "Save"))):
                    btn = VBtn(text=text, variant="text", color="primary")
                    btn._events["click"] = handler("click", f"{opened} = false")
                    self.chain(btn, "click", kind, None)
                    self.chain(btn, "click", "close", None)

    def _slot(self, name: str = "default") -> AbstractElement:
        return self._slots.get(name) or self._slots["default"]


VListItemAvatar = simple("VListItemAvatar", "div", "v-avatar v-list-item-avatar", slot_name="prepend",
                         doc="Vuetify 2's avatar of a list item: goes to the item's prepend slot.")
VListItemActionText = simple("VListItemActionText", "span", "v-list-item-action-text",
                             doc="Vuetify 2's small text in a list item's action column.")
VTabsSlider = simple("VTabsSlider", "div", "v-tabs-slider", doc="Vuetify 2's tab underline (drawn by CSS here).")

#: name -> class, for ``vuetify2.py``
V2_ONLY: dict[str, type] = {
    "VFlex": VFlex, "VCalendarDaily": VCalendarDaily, "VCalendarWeekly": VCalendarWeekly,
    "VCalendarMonthly": VCalendarMonthly, "VSimpleCheckbox": VSimpleCheckbox, "VOverflowBtn": VOverflowBtn,
    "VDataFooter": VDataFooter, "VDataTableHeader": VDataTableHeader, "VEditDialog": VEditDialog,
    "VListItemAvatar": VListItemAvatar, "VListItemActionText": VListItemActionText, "VTabsSlider": VTabsSlider,
}

__all__ = ["V2_ONLY", *V2_ONLY]

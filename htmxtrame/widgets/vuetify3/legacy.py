"""Vuetify 2 input components with no Vuetify 3 namesake, for ``htmxtrame.widgets.vuetify2``.

``VSimpleCheckbox`` is a bare checkbox; ``VOverflowBtn`` a select;
``VCalendarDaily``/``Weekly``/``Monthly`` are :class:`~.calendars.VCalendar`
with the view fixed; ``VDataFooter`` pages an ``options`` dict and raises
``update_options``; ``VDataTableHeader`` is a table head from Vuetify 2's
``headers`` (``text``/``value``/``align``). Vuetify 2's display names (``VFlex``, ``VEditDialog``...) are in :mod:`.v2_display`.
"""

from __future__ import annotations

import re
from typing import Any

from .calendars import VCalendar
from .choices import VSelect
from .containers import VBtn
from .core import VElement, el, handler, is_bound, src
from .fields import VCheckboxBtn


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


#: name -> class, for ``vuetify2.py``
V2_ONLY: dict[str, type] = {
    "VCalendarDaily": VCalendarDaily, "VCalendarWeekly": VCalendarWeekly, "VCalendarMonthly": VCalendarMonthly,
    "VSimpleCheckbox": VSimpleCheckbox, "VOverflowBtn": VOverflowBtn,
    "VDataFooter": VDataFooter, "VDataTableHeader": VDataTableHeader,
}

__all__ = ["V2_ONLY", *V2_ONLY]

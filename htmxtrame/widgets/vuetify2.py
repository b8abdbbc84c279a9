"""``htmxtrame.widgets.vuetify2``: the Vuetify widgets, taking Vuetify 2 prop names.

``dense`` → ``density="compact"``, ``outlined`` → ``variant="outlined"``,
``small`` → ``size="small"``, ``text`` → ``variant="text"``, ``item_text`` →
``item_title``, the ``input`` event → ``update_modelValue``... (see
:data:`htmxtrame.widgets.vuetify3.core.V2_FLAGS`). Each class here is a
subclass of its :mod:`~htmxtrame.widgets.vuetify3` namesake, so
``isinstance`` checks hold across both modules.

Vuetify 2's own component names map to their Vuetify 3 counterparts:
``VTabsItems``/``VTabItem`` (``VWindow``/``VWindowItem``),
``VExpansionPanelHeader``/``VExpansionPanelContent`` (title/text),
``VSubheader``, ``VListItemContent``/``VListItemIcon``/``VListItemAction``,
``VSimpleTable`` (a ``v-table`` whose children go in the ``<table>``) and
``VContent`` (``VMain``).
"""

from __future__ import annotations

from . import vuetify3 as _v3
from .vuetify3 import Template, VElement, map_v2  # noqa: F401  (re-exported)
from .vuetify3 import legacy as _legacy
from .vuetify3.core import el, simple
from .vuetify3.selection import VListItemGroup
from .vuetify3.transitions import V2_TRANSITIONS
from .vuetify3.v2_display import V2_DISPLAY


def _v2(cls: type, name: str | None = None) -> type:
    return type(name or cls.__name__, (cls,), {"_v2": True, "__module__": __name__, "__doc__": cls.__doc__})


class _SimpleTable(VElement):
    """Vuetify 2's ``VSimpleTable``: ``thead``/``tbody`` children inside a styled ``<table>``."""

    _base = "v-table"

    def _build(self) -> None:
        with el("div", classes="v-table__wrapper"):
            self._slots["default"] = el("table")


COMPONENTS = [_v2(c) for c in _v3.COMPONENTS]
_V2_ONLY = {
    "VTabsItems": _v3.VWindow, "VTabItem": _v3.VWindowItem, "VExpansionPanelHeader": _v3.VExpansionPanelTitle,
    "VExpansionPanelContent": _v3.VExpansionPanelText, "VSubheader": _v3.VListSubheader, "VContent": _v3.VMain,
    # inside a VListItem: the content joins the item's own; icon and action go to its prepend/append slots
    "VListItemContent": simple("VListItemContent", "div", "v-slot"),
    "VListItemIcon": simple("VListItemIcon", "div", "v-list-item-icon", slot_name="prepend"),
    "VListItemAction": simple("VListItemAction", "div", "v-list-item-action", slot_name="append"),
    "VSimpleTable": _SimpleTable,
    # issue 14: Vuetify 2's names of the selection, stepper and slide components
    "VListItemGroup": VListItemGroup, "VSlideItem": _v3.VSlideGroupItem, "VStepperStep": _v3.VStepperItem,
    "VStepperItems": _v3.VStepperWindow, "VStepperContent": _v3.VStepperWindowItem,
}
# -- vtail-a: Vuetify 2's display names and transitions (issue 10) ----------------------------------
_V2_ONLY.update(V2_DISPLAY)
_V2_ONLY.update({t.__name__: t for t in V2_TRANSITIONS})
# -- end vtail-a ------------------------------------------------------------------------------------
# -- vtail-b: Vuetify 2-only inputs, pickers and form parts (vuetify3/legacy.py) ----------
_V2_ONLY.update(_legacy.V2_ONLY)
# -- end vtail-b ------------------------------------------------------------------------
COMPONENTS += [_v2(cls, name) for name, cls in _V2_ONLY.items()]
globals().update({c.__name__: c for c in COMPONENTS})

__all__ = ["COMPONENTS", "Template", "VElement", "map_v2", *(c.__name__ for c in COMPONENTS)]

from .vuetify_helpers import dataframe_to_grid, initialize  # noqa: E402 - helpers, not components

__all__ += ["dataframe_to_grid", "initialize"]

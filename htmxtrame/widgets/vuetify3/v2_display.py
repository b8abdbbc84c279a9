"""Vuetify 2's own display components, for :mod:`htmxtrame.widgets.vuetify2`: ``VFlex``, ``VListItemAvatar``,
``VListItemActionText``, ``VTabsSlider``, ``VEditDialog`` (Vuetify 2's table parts are in :mod:`.legacy`).

Each maps to its Vuetify 3 counterpart where there is one (``VFlex`` is a
column); ``VEditDialog`` is Vuetify 2's
small inline editor: its default slot shows the value, a click opens a
popover with the ``input`` slot, and with ``large`` Save/Cancel buttons
raising ``save``/``cancel``.
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from .containers import VBtn, VCol
from .core import VElement, el, simple
from .feedback import VAvatar

_FLEX = re.compile(r"^(?:(?P<bp>xs|sm|md|lg|xl)(?P<n>\d{1,2})|offset_(?P<obp>xs|sm|md|lg|xl)(?P<on>\d{1,2}))$")


class VFlex(VCol):
    """Vuetify 2's grid cell: ``xs12``, ``md6``, ``offset_md2`` flags become a column's sizes."""

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        for name in list(kwargs):
            m = _FLEX.match(name)
            if m and kwargs[name] not in (False, None):
                kwargs.pop(name)
                if m.group("bp"):
                    kwargs["cols" if m.group("bp") == "xs" else m.group("bp")] = int(m.group("n"))
                else:
                    bp = m.group("obp")
                    kwargs["offset" if bp == "xs" else f"offset_{bp}"] = int(m.group("on"))
        super().__init__(children, **kwargs)


class VListItemAvatar(VAvatar):
    """Vuetify 2's avatar at the start of a list item (its ``prepend`` slot)."""

    slot_name = "prepend"
    _base = "v-avatar v-list-item-avatar"


VListItemActionText = simple("VListItemActionText", "span", "v-list-item-action-text",
                             doc="Vuetify 2's small text beside a list item's action.")
VTabsSlider = simple("VTabsSlider", "div", "v-tabs-slider", doc=(
    "Vuetify 2's tab underline: the selected tab draws its own here, so this only takes ``color``."))


class VEditDialog(VElement):
    """Vuetify 2's inline editor: the default slot (the value) opens a popover holding the ``input``
    slot; ``large`` adds Save/Cancel (``save_text``/``cancel_text``) raising ``save``/``cancel``;
    ``open``/``close`` are raised as it opens and closes. Enter in the field saves."""

    _tag = "span"
    _base = "v-small-dialog"
    _props = frozenset({"persistent", "save_text", "cancel_text", "return_value", "transition"})
    _flag_props = ("large",)  # Vuetify 2's large here is the buttons, not a size
    _known_events = VElement._known_events | {"save", "cancel", "open", "close"}

    def _build(self) -> None:
        pid = f"{self._ht_id}-edit"
        self._slots["default"] = el("button", type="button", classes="v-small-dialog__activator",
                                    popovertarget=pid, aria_haspopup="dialog", aria_controls=pid)
        box = el("div", id=pid, popover="auto", role="dialog", aria_label="Edit",
                 classes="v-menu v-overlay__content v-small-dialog__content"
                 + (" v-menu--keep" if self.prop("large") in (None, False) else ""),
                 style=f"position-anchor: --{pid}")
        self._slots["default"].attributes["style"] = f"anchor-name: --{pid}"
        self._slots["input"] = el("div", classes="v-small-dialog__input")
        box.add(self._slots["input"])
        self.chain(box, "toggle", "open", None)
        if self.prop("large") not in (None, False):
            with box:
                with el("div", classes="v-small-dialog__actions"):
                    cancel = VBtn(text=str(self.prop("cancel_text", "Cancel")), variant="text", color="primary")
                    save = VBtn(text=str(self.prop("save_text", "Save")), variant="text", color="primary")
            self.chain(cancel, "click", "cancel", None)
            self.chain(save, "click", "save", None)
            self.chain(save, "click", "close", None)
            self.chain(cancel, "click", "close", None)
        self.__dict__["_box"] = box

    def _slot(self, name: str = "default") -> AbstractElement:
        return self._slots.get(name) or super()._slot(name)


V2_DISPLAY: dict[str, type] = {"VFlex": VFlex, "VListItemAvatar": VListItemAvatar, "VListItemActionText": VListItemActionText,
              "VTabsSlider": VTabsSlider,
              "VEditDialog": VEditDialog}

__all__ = ["V2_DISPLAY", "VEditDialog", "VFlex", "VListItemActionText",
           "VListItemAvatar", "VTabsSlider"]

"""The vertical stepper: ``VStepperVertical``, ``VStepperVerticalItem``, ``VStepperVerticalActions``.

Each item is a step header (a :class:`~.navigation.VStepperItem`) above its
content, which shows while the stepper's ``v_model`` is that step, with
Prev/Next at its foot. Steps are numbered and valued as in
:class:`~.navigation.VStepper` (``value``, else 1, 2, 3…); ``editable`` lets
a header be clicked, and arrow keys move between the headers.
"""

from __future__ import annotations

from typing import Any

from .core import VElement, el, text_child
from .navigation import VStepper, VStepperActions, VStepperItem, VStepperWindowItem


class VStepperVerticalActions(VStepperActions):
    """Prev/Next under a vertical step's content."""

    _base = "v-stepper-vertical-actions v-stepper-actions"


class VStepperVerticalItem(VElement):
    """One vertical step: ``title``, ``subtitle``, ``value``, ``complete``, ``editable``, ``text``; children are its content."""

    _base = "v-stepper-vertical-item"
    _props = VStepperItem._props | {"text", "hide_actions", "prev_text", "next_text", "expand_icon", "collapse_icon"}

    def _build(self) -> None:
        passed = {k: v for k, v in self._p.items() if k in VStepperItem._props and k != "step"}
        self.__dict__["header"] = VStepperItem(**passed, classes="v-stepper-vertical-item__header")
        pane = VStepperWindowItem(value=self.prop("value"), classes="v-stepper-vertical-item__content")
        with pane:
            body = el("div", classes="v-stepper-vertical-item__body")
            if self.prop("text") is not None:
                body.add(text_child(self.prop("text")))
            if self.prop("hide_actions") in (None, False):
                VStepperVerticalActions(prev_text=self.prop("prev_text", "Prev"),
                                        next_text=self.prop("next_text", "Next"))
        self._slots["default"] = body


class VStepperVertical(VStepper):
    """Steps stacked top to bottom: ``v_model`` (the step), ``items`` or :class:`VStepperVerticalItem` children."""

    _base = "v-stepper-vertical"

    def _build(self) -> None:
        self.attributes["data-ht-roving"] = True  # arrow keys between the step headers
        super()._build()

    def _from_items(self, items: list) -> None:
        title_key, value_key = self.prop("item_title", "title"), self.prop("item_value", "value")
        for i, item in enumerate(items):
            info = item if isinstance(item, dict) else {title_key: item}
            extra = {k: info[k] for k in ("subtitle", "complete", "error", "editable", "icon", "text") if k in info}
            step = VStepperVerticalItem(title=str(info.get(title_key, "")), value=info.get(value_key, i + 1),
                                        hide_actions=self.prop("hide_actions"), **extra)
            self._adopt(step)
            self._item_windows[str(info.get(value_key, i + 1))] = step

    def _from_bound(self, items: str) -> None:
        raise ValueError("VStepperVertical takes items as a literal list here; "
                         "for a list from state, write one VStepperVerticalItem per step with v_for")

    def _slot(self, name: str = "default") -> Any:
        if name.startswith("item") and name[4:5] in "._-" and name[5:] in self._item_windows:
            return self._item_windows[name[5:]]._slot()
        return VElement._slot(self, name)

    def _actions_bar(self) -> None:
        """Each item has its own actions."""


__all__ = ["VStepperVertical", "VStepperVerticalActions", "VStepperVerticalItem"]

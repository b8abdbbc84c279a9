"""Overlays without a JavaScript framework.

* :class:`VDialog` — server state: open while its ``v_model`` is true; the
  activator's click sets it, the scrim's click clears it (unless
  ``persistent``); content is rendered only while open.
* :class:`VMenu` — the browser's popover API: the activator button toggles
  the menu (``popovertarget``; any other element, or ``activator="parent"``,
  through the page script), a click outside or on an item closes it,
  anchored under the activator with CSS anchor positioning; with
  ``open_on_hover`` it opens while the pointer is over the activator or the
  menu. No round trip.
* :class:`VTooltip` — CSS: shown while the activator is hovered or focused.

The activator is written as in trame:
``with vuetify.Template(v_slot_activator="{ props }"): VBtn(v_bind="props")``;
the element bound to ``props`` becomes the activator.
"""

from __future__ import annotations

import re
from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from .computed import Rows, slot_names
from .core import Template, VElement, el, handler, is_bound, text_child
from .inputs import row_scoped


def _activators(root: AbstractElement, names: list[str]) -> list[AbstractElement]:
    """Elements below *root* bound with ``v_bind="props"`` (or Vue 2's ``v_on="on"``)."""
    found = []
    for node in root.walk():
        bind = node._directives.get("v_bind")
        on = node.attributes.get("v-on")
        if (bind is not None and bind.source.strip() in names) or (isinstance(on, str) and on.strip() in names):
            found.append(node)
    return found


class _Overlay(VElement):
    """Shared by the overlays: the activator slot and its rewriting."""

    _props = frozenset({"activator", "location", "open_on_hover", "open_on_click", "close_on_content_click",
                        "persistent", "fullscreen", "scrollable", "text", "offset", "transition", "attach",
                        "max_width", "min_width", "width", "scrim", "open_delay", "close_delay", "eager",
                        "disabled", "retain_focus", "content_class"})

    def _build(self) -> None:
        self._slots["activator"] = el("span", classes="v-overlay-activator", style="display: contents")
        self._make()

    def _set(self, name: str, value: Any) -> None:
        if name in ("top", "bottom", "left", "right", "start", "end") and value is True:
            name, value = "location", name  # Vuetify 2's placement flags
        super()._set(name, value)

    def _make(self) -> None:
        raise NotImplementedError

    def __exit__(self, *exc: Any) -> None:
        super().__exit__(*exc)
        self._wire_activators()

    def _adopt(self, item: Any) -> None:
        self._wire_activators()

    def _wire_activators(self) -> None:
        for template in self._slots["activator"].children:
            if isinstance(template, Template):
                names = template.slot_props or ["props"]
                for node in _activators(template, names):
                    node._directives.pop("v_bind", None)
                    node.attributes.pop("v-on", None)
                    self._activate(node)

    def _activate(self, node: AbstractElement) -> None:
        raise NotImplementedError

    def _style_parts(self) -> tuple[list[str], list[str]]:
        return [], []  # sizes apply to the content box, not the wrapper


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class VDialog(_Overlay):
    """A modal dialog, open while ``v_model`` is true."""

    _base = "v-dialog-wrap"

    def _make(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__dialog_{self._ht_id}"
            self._defaults.append((model, False))
        self.__dict__["_key"] = model
        overlay = el("div", classes="v-overlay v-dialog", role="dialog", aria_modal="true", v_if=model)
        self.__dict__["_overlay"] = overlay
        for name in ("aria-label", "aria-labelledby"):  # the dialog's name belongs on the dialog itself
            if name in self.attributes:
                overlay.attributes[name] = self.attributes.pop(name)
        with overlay:
            scrim = el("div", classes="v-overlay__scrim")
            if self.prop("persistent") in (None, False):
                scrim._events["click"] = handler("click", f"{model} = false")
                scrim.attributes["data-ht-dismiss"] = True  # Esc clicks it (static/htmxtrame.js, keyboard)
            # focused when the dialog opens, as Vuetify's content is; Tab then moves inside
            box = el("div", classes="v-overlay__content", tabindex="-1")
        overlay.attributes["class"] += " v-dialog--fullscreen" if self.prop("fullscreen") not in (None, False) else ""
        styles = []
        for name in ("width", "max_width", "min_width"):
            value = self.prop(name)
            if value is not None and not is_bound(value):
                styles.append(f"{name.replace('_', '-')}: {value}px" if isinstance(value, (int, float))
                              else f"{name.replace('_', '-')}: {value}")
        if styles:
            box.attributes["style"] = "; ".join(styles)
        self._slots["default"] = box
        self.chain(scrim, "click", "update_modelValue", model)

    def _adopt(self, item: Any) -> None:
        super()._adopt(item)
        self._wire_is_active()  # a slot built before it was added (``dialog.add(template)``)
        overlay = self.__dict__.get("_overlay")
        if overlay is None or not isinstance(item, AbstractElement) or getattr(item, "slot_name", None) == "activator" \
                or "aria-label" in overlay.attributes or "aria-labelledby" in overlay.attributes:
            return
        # named by its title (a card's or toolbar's title, or a heading), as an APG dialog is
        for node in item.walk():
            cls = str(node.attributes.get("class", ""))
            if "v-card-title" in cls or "v-toolbar-title" in cls or node.tagname in _HEADINGS:
                node.attributes.setdefault("id", f"{self._ht_id}-title")
                row_scoped(node, "id")
                overlay.attributes["aria-labelledby"] = node.attributes["id"]
                row_scoped(overlay, "aria-labelledby")
                return

    def __exit__(self, *exc: Any) -> None:
        super().__exit__(*exc)
        self._wire_is_active()

    def _wire_is_active(self) -> None:
        """Vuetify's default slot ``{ isActive }``: a ref whose ``.value`` is the open state.

        Its handlers (``click="isActive.value = false"``) are rewritten to
        write the dialog's model key: the slot's props exist only in Vue.
        Reads (``{{ isActive.value ? 'open' : 'closed' }}``) see a one-row
        scope holding ``{"value": <the open state>}``, re-rendered with it.
        """
        for template in self._slots["default"].children:
            if not isinstance(template, Template) or template.slot_name != "default":
                continue
            alias = dict(slot_names(template.slot_binding)).get("isActive")
            if not alias:
                continue
            if getattr(template, "_loop", None) is None:
                scope = Rows((alias,), [self._key], lambda is_open: [({"value": bool(is_open)},)], f"{self._ht_id} isActive")
                template.__dict__["_loop"] = Loop(scope, scope.source)
            ref = re.compile(rf"(?<![\w$.]){re.escape(alias)}\.value(?![\w$])")
            for node in template.walk():
                for event, h in list(node._events.items()):
                    if h.code is not None and ref.search(h.code.source):
                        node._events[event] = handler(event, ref.sub(self._key, h.code.source))

    def _activate(self, node: AbstractElement) -> None:
        code = handler("click", f"{self._key} = true")
        if "click" in node._events:
            node.__dict__["_also"] = {**node._also, "click": [*node._also.get("click", []), (code, None)]}
        else:
            node._events["click"] = code
        node.attributes["aria-haspopup"] = "dialog"


class VMenu(_Overlay):
    """A drop-down menu opened by its activator button (a popover)."""

    _base = "v-menu-wrap"
    _tag = "span"

    def _make(self) -> None:
        pid = f"{self._ht_id}-menu"
        self.__dict__["_pid"] = pid
        close = self.prop("close_on_content_click")
        box = el("div", id=pid, popover="auto", role="menu",
                 classes="v-menu v-overlay__content" + (" v-menu--keep" if close is False else ""),
                 style=f"position-anchor: --{pid}")
        row_scoped(box, "id", "style")  # a menu per v_for row, anchored to its own button
        loc = self.prop("location")
        if isinstance(loc, str):
            box.attributes["class"] += f" v-menu--{loc.split()[0]}"
        self._slots["default"] = box
        model = self.take_model()
        if model is not None:
            # open state follows the page's toggle; the server sees it as a bool
            box.__dict__["_model"] = model
            box.__dict__["_model_event"] = "toggle"
            box.__dict__["_model_kind"] = "switch"
            box._set("data-ht-open", (f"({model.target.source}) ? 'true' : 'false'",))
            self.chain(box, "toggle", "update_modelValue", model.target.source)

        if self.prop("open_on_hover") not in (None, False):
            box.attributes["data-ht-hover"] = True
            box.attributes["class"] += " v-menu--hover"
        if self.prop("activator") == "parent":
            # the element the menu sits in opens it (static/htmxtrame.js, "menu activators")
            self.attributes["data-ht-activator"] = "parent"

    def _activate(self, node: AbstractElement) -> None:
        if node.tagname in ("button", "input"):
            node.attributes["popovertarget"] = self._pid
        else:
            # any element: the page script toggles the popover (a button is what the API takes)
            node.attributes["data-ht-menu"] = self._pid
            node.attributes.setdefault("tabindex", "0")
            node.attributes.setdefault("role", "button")
        if self.prop("open_on_hover") not in (None, False):
            node.attributes["data-ht-menu"] = self._pid
            node.attributes["data-ht-hover"] = True
        node.attributes["aria-haspopup"] = "menu"
        node.attributes["aria-controls"] = self._pid
        style = node.attributes.get("style")
        node.attributes["style"] = (f"{style}; " if style else "") + f"anchor-name: --{self._pid}"
        row_scoped(node, "popovertarget", "style", "data-ht-menu", "aria-controls")


class VTooltip(_Overlay):
    """A tooltip shown while the activator is hovered or focused (``text`` or children)."""

    _base = "v-tooltip-wrap"
    _tag = "span"

    def _make(self) -> None:
        tip = el("span", classes="v-tooltip v-overlay__content", role="tooltip")
        loc = self.prop("location", "bottom")
        tip.attributes["class"] += f" v-tooltip--{loc if isinstance(loc, str) else 'bottom'}"
        text = self.prop("text")
        if text is not None:
            tip.add(text_child(text))
        self._slots["default"] = tip

    def _activate(self, node: AbstractElement) -> None:
        node.attributes.setdefault("aria-describedby", f"{self._ht_id}-tip")
        self._slots["default"].attributes["id"] = f"{self._ht_id}-tip"
        row_scoped(node, "aria-describedby")
        row_scoped(self._slots["default"], "id")


__all__ = ["VDialog", "VMenu", "VTooltip"]

"""Buttons beyond ``VBtn``: ``VIconBtn`` (an icon button that can toggle) and ``VFab`` (a floating action button)."""

from __future__ import annotations

from typing import Any

from ...expr import compile_expr
from .containers import VBtn
from .core import handler, is_bound, js, src
from .feedback import _location


class VIconBtn(VBtn):
    """A round icon-only button: ``icon``, ``text`` (its name), ``size``, ``variant`` (default ``flat``),
    ``loading``, ``disabled``, ``rotate``. With ``v_model`` (or ``active`` bound) a click toggles it,
    showing ``active_icon``/``active_color``/``active_variant`` while on (``aria-pressed``); raises
    ``update_active``.
    """

    _base = "v-btn v-btn--icon v-icon-btn"
    _default_variant = "flat"
    _props = VBtn._props | {"active_icon", "active_color", "active_variant", "base_variant", "hide_overlay",
                            "icon_color", "icon_size", "icon_sizes", "opacity", "readonly", "rotate", "sizes"}
    _known_events = VBtn._known_events | {"update_active"}

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        model = kwargs.pop("v_model", None)
        active = kwargs.pop("active", None)
        if model is None and is_bound(active):
            model = active
        key = None
        default = model[1] if isinstance(model, tuple) and len(model) > 1 else None
        if model is not None:
            key = str(model[0] if isinstance(model, tuple) else model).strip()
            on = f"!!({key})"
            glyph, lit = kwargs.get("active_icon"), kwargs.get("icon")
            if glyph is not None and not is_bound(lit):
                kwargs["icon"] = (f"{on} ? {js(glyph)} : {src(lit)}",)
            for prop, active_prop in (("color", "active_color"), ("variant", "active_variant")):
                if kwargs.get(active_prop) is not None and not is_bound(kwargs.get(prop)):
                    base = kwargs.get(prop)
                    kwargs[prop] = (f"{on} ? {js(kwargs[active_prop])} : {js(base) if base is not None else 'null'}",)
            kwargs["active"] = (on,)
            kwargs["aria_pressed"] = (f"String({on})",)
        elif active not in (None, False):
            kwargs["active"] = active
        if "text" in kwargs and "aria_label" not in kwargs and not is_bound(kwargs["text"]):
            kwargs["aria_label"] = kwargs.pop("text")  # Vuetify's text is the button's name; the glyph shows
        super().__init__(children, **kwargs)
        if key is not None:
            if default is not None:
                self._defaults.append((key, default))
            if self.prop("readonly") in (None, False):
                code = f"{key} = !{key}"
                if "click" in self._events:
                    self.__dict__["_also"] = {**self._also, "click": [*self._also.get("click", []),
                                                                      (handler("click", code), None)]}
                else:
                    self._events["click"] = handler("click", code)
                self.chain(self, "click", "update_active", key)

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_styles()
        rotate = self.prop("rotate")
        if isinstance(rotate, (int, float)):
            static.append(f"--v-icon-btn-rotate: {rotate}deg")
        return static, dynamic


class VFab(VBtn):
    """A floating action button: ``icon`` (round) or ``text`` with ``extended``; ``app``/``absolute``
    pin it to a corner (``location``, default ``"bottom end"``); ``v_model`` (or ``model_value``) shows it.
    """

    _base = "v-btn v-fab"
    _default_variant = "elevated"
    _props = VBtn._props | {"app", "appear", "extended", "layout", "location", "offset", "absolute", "model_value",
                            "transition", "name", "order"}

    def _build(self) -> None:
        super()._build()
        model = self.take_model()
        shown = model.target.source if model is not None else None
        value = self.prop("model_value")
        if shown is None and is_bound(value):
            shown = str(value[0])
        if shown is not None:
            self._directives["v_show"] = compile_expr(shown)
        elif value is False:
            self._directives["v_show"] = compile_expr("false")
        if self.prop("color") is None:
            self._p["color"] = "primary"

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        static.append("v-fab--extended" if self.prop("extended") not in (None, False) else "v-fab--round")
        pinned = [f for f in ("app", "absolute") if self.prop(f) not in (None, False)]
        if pinned:
            static.append(f"v-fab--{pinned[0]}")
            static += [f"v-fab--{w}" for w in _location(self, "bottom end")]
        return static, dynamic


__all__ = ["VFab", "VIconBtn"]

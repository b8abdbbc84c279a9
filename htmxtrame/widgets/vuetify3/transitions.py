"""``VThemeProvider`` and Vuetify's transition wrappers.

A transition is CSS: the wrapper lays out as its children would
(``display: contents``) and a child that appears (``v_if``/``v_show``, a
morph inserting it) plays the enter animation. ``prefers-reduced-motion``
turns them off (static/vuetify.css, "issue 17").
"""

from __future__ import annotations

from .core import VElement, simple

VExpandTransition = simple("VExpandTransition", "div", "v-expand-transition",
                           frozenset({"mode", "group", "disabled"}),
                           "Children expand open as they appear (``v_if``, ``v_show``).")
VExpandXTransition = simple("VExpandXTransition", "div", "v-expand-transition",
                            frozenset({"mode", "group", "disabled"}), "As :class:`VExpandTransition`.")
VFadeTransition = simple("VFadeTransition", "div", "v-fade-transition", frozenset({"mode", "group", "disabled"}),
                         "Children fade in as they appear.")
VScaleTransition = simple("VScaleTransition", "div", "v-fade-transition", frozenset({"mode", "group", "origin"}),
                          "Shown as :class:`VFadeTransition`.")
VSlideYTransition = simple("VSlideYTransition", "div", "v-fade-transition", frozenset({"mode", "group"}),
                           "Shown as :class:`VFadeTransition`.")
VSlideXTransition = simple("VSlideXTransition", "div", "v-fade-transition", frozenset({"mode", "group"}),
                           "Shown as :class:`VFadeTransition`.")
for _cls in (VExpandTransition, VExpandXTransition, VFadeTransition, VScaleTransition, VSlideYTransition,
             VSlideXTransition):
    _cls._default_variant = None


class VThemeProvider(VElement):
    """Gives its children a theme (``theme="dark"``, a name from ``define_theme``, or bound to state)."""

    _base = "v-theme-provider"
    _props = frozenset({"with_background", "tag"})

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if self.prop("with_background") not in (None, False):
            static.append("v-theme-provider--with-background")
        return static, dynamic


__all__ = ["VExpandTransition", "VExpandXTransition", "VFadeTransition", "VScaleTransition", "VSlideXTransition",
           "VSlideYTransition", "VThemeProvider"]

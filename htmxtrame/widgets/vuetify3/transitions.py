"""``VThemeProvider`` and Vuetify's transition wrappers.

A transition is CSS: the wrapper lays out as its children would
(``display: contents``) and a child that appears (``v_if``/``v_show``, a
morph inserting it) plays the enter animation of its kind — fade, scale,
slide, scroll, expand, dialog. ``prefers-reduced-motion`` turns them off
(static/vuetify.css, "issue 17"). ``disabled=True`` plays none; ``origin``
(scale transitions) sets the ``transform-origin``.
"""

from __future__ import annotations

from .core import VElement

_PROPS = frozenset({"mode", "group", "disabled", "origin", "hide_on_leave", "leave_absolute"})


class _Transition(VElement):
    """A wrapper whose appearing children animate (``v-<kind>-transition``)."""

    _props = _PROPS

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        if self.prop("disabled") not in (None, False):
            return ["v-transition--disabled"], []
        return [], []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        origin = self.prop("origin")
        if isinstance(origin, str) and origin.replace(" ", "").replace("-", "").isalnum():
            return [f"--v-transition-origin: {origin}"], []
        return [], []

    def _refresh(self) -> None:
        super()._refresh()
        if self.prop("disabled") not in (None, False):  # no animation at all: the children as they are
            self.attributes["class"] = "v-transition--disabled"


def _transition(name: str, css: str, what: str) -> type[VElement]:
    return type(name, (_Transition,), {"_base": css, "__doc__": f"Children {what} as they appear (``v_if``, "
                                                              "``v_show``); CSS only."})


VFadeTransition = _transition("VFadeTransition", "v-fade-transition", "fade in")
VExpandTransition = _transition("VExpandTransition", "v-expand-transition", "expand open (height)")
VExpandXTransition = _transition("VExpandXTransition", "v-expand-x-transition", "expand open sideways (width)")
VExpandBothTransition = _transition("VExpandBothTransition", "v-expand-both-transition",
                                    "expand open in both directions")
VScaleTransition = _transition("VScaleTransition", "v-scale-transition", "grow from a point (``origin``)")
VFabTransition = _transition("VFabTransition", "v-fab-transition", "spin and grow in (a floating button's)")
VDialogTransition = _transition("VDialogTransition", "v-dialog-transition", "zoom in as a dialog")
VDialogTopTransition = _transition("VDialogTopTransition", "v-dialog-top-transition", "slide down from the top")
VDialogBottomTransition = _transition("VDialogBottomTransition", "v-dialog-bottom-transition",
                                      "slide up from the bottom")
VSlideXTransition = _transition("VSlideXTransition", "v-slide-x-transition", "slide in from the left")
VSlideXReverseTransition = _transition("VSlideXReverseTransition", "v-slide-x-reverse-transition",
                                       "slide in from the right")
VSlideYTransition = _transition("VSlideYTransition", "v-slide-y-transition", "slide in from above")
VSlideYReverseTransition = _transition("VSlideYReverseTransition", "v-slide-y-reverse-transition",
                                       "slide in from below")
VScrollXTransition = _transition("VScrollXTransition", "v-scroll-x-transition", "scroll in sideways")
VScrollXReverseTransition = _transition("VScrollXReverseTransition", "v-scroll-x-reverse-transition",
                                        "scroll in sideways, from the right")
VScrollYTransition = _transition("VScrollYTransition", "v-scroll-y-transition", "scroll in from above")
VScrollYReverseTransition = _transition("VScrollYReverseTransition", "v-scroll-y-reverse-transition",
                                        "scroll in from below")
# Vuetify 2's names (htmxtrame.widgets.vuetify2)
VCarouselTransition = _transition("VCarouselTransition", "v-slide-x-reverse-transition", "slide in (a carousel's)")
VCarouselReverseTransition = _transition("VCarouselReverseTransition", "v-slide-x-transition",
                                         "slide in backwards (a carousel's)")
VTabTransition = _transition("VTabTransition", "v-slide-x-reverse-transition", "slide in (a tab's)")
VTabReverseTransition = _transition("VTabReverseTransition", "v-slide-x-transition", "slide in backwards (a tab's)")
VMenuTransition = _transition("VMenuTransition", "v-scale-transition", "grow in (a menu's)")

TRANSITIONS: list[type[VElement]] = [
    VDialogBottomTransition, VDialogTopTransition, VDialogTransition, VExpandBothTransition, VExpandTransition,
    VExpandXTransition, VFabTransition, VFadeTransition, VScaleTransition, VScrollXReverseTransition,
    VScrollXTransition, VScrollYReverseTransition, VScrollYTransition, VSlideXReverseTransition, VSlideXTransition,
    VSlideYReverseTransition, VSlideYTransition,
]
V2_TRANSITIONS: list[type[VElement]] = [VCarouselReverseTransition, VCarouselTransition, VMenuTransition,
                                        VTabReverseTransition, VTabTransition]


class VThemeProvider(VElement):
    """Gives its children a theme (``theme="dark"``, a name from ``define_theme``, or bound to state)."""

    _base = "v-theme-provider"
    _props = frozenset({"with_background", "tag"})

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if self.prop("with_background") not in (None, False):
            static.append("v-theme-provider--with-background")
        return static, dynamic


__all__ = ["TRANSITIONS", "V2_TRANSITIONS", "VThemeProvider", *(c.__name__ for c in TRANSITIONS + V2_TRANSITIONS)]

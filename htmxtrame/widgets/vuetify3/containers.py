"""Layout and content components: app shell, grid, cards, lists, chips, alerts, buttons."""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from .a11y import drop_auto_name, has_name, name_from_icon
from .core import VElement, as_link, el, handler, is_bound, simple, src, text_child
from .icons import VIcon, icon

_BREAKPOINTS = ("sm", "md", "lg", "xl", "xxl")


def _text(node: AbstractElement, value: Any) -> None:
    """Put a text prop (literal or bound) into *node*."""
    if value is None:
        return
    node.add(text_child(value))


def _disable(node: AbstractElement, value: Any) -> None:
    """Set the ``disabled`` attribute of an inner control from a prop."""
    if is_bound(value):
        AbstractElement._set(node, "disabled", value)  # the attribute itself, not the widget's prop
    elif value not in (None, False):
        node.attributes["disabled"] = True


# -- application shell --------------------------------------------------------
class VApp(VElement):
    """The application root (``v-application``)."""

    _base = "v-application v-theme--light"
    _props = frozenset({"full_height"})

    def _build(self) -> None:
        self.attributes.setdefault("id", "app")
        self._slots["default"] = el("div", classes="v-application__wrap")


VMain = simple("VMain", "main", "v-main", frozenset({"scrollable"}))
VLayout = simple("VLayout", "div", "v-layout", frozenset({"full_height"}))
VFooter = simple("VFooter", "footer", "v-footer", frozenset({"app", "inset"}))
VSpacer = simple("VSpacer", "div", "v-spacer")
VToolbarItems = simple("VToolbarItems", "div", "v-toolbar-items")


class VToolbar(VElement):
    """A toolbar; ``title=`` adds a :class:`VToolbarTitle`."""

    _tag = "header"
    _base = "v-toolbar"
    _props = frozenset({"title", "app", "extended", "floating"})
    _color_mode = "bg"

    def _build(self) -> None:
        with el("div", classes="v-toolbar__content") as content:
            if self.prop("title") is not None:
                VToolbarTitle(text=self.prop("title"))
        self._slots["default"] = content


class VAppBar(VToolbar):
    """The application bar at the top of a :class:`VApp`."""

    _base = "v-app-bar v-toolbar"
    _props = VToolbar._props | {"scroll_behavior", "location"}


class VToolbarTitle(VElement):
    """The toolbar's title text; ``tag`` (as Vuetify's) picks its element (``"h1"`` in the layouts)."""

    _base = "v-toolbar-title"
    _props = frozenset({"text", "tag"})

    def _build(self) -> None:
        tag = self.prop("tag")
        if isinstance(tag, str) and tag.isalnum():
            self.__dict__["tagname"] = tag
        node = el("div", classes="v-toolbar-title__placeholder")
        _text(node, self.prop("text"))
        self._slots["default"] = node


# -- grid -------------------------------------------------------------------
class VContainer(VElement):
    """A centred, padded container; ``fluid`` spans the width."""

    _base = "v-container"
    _flag_props = ("fluid", "fill_height")


class VRow(VElement):
    """A flex row of :class:`VCol` (``dense``/``no_gutters``, ``align``, ``justify``)."""

    _base = "v-row"
    _flag_props = ("dense", "no_gutters")
    _value_classes = {"align": "align-", "justify": "justify-", "align_content": "align-content-"}

    def _set(self, name: str, value: Any) -> None:
        if name == "density" and value == "compact":
            name, value = "dense", True  # v2's dense on a row keeps its own meaning
        super()._set(name, value)


class VCol(VElement):
    """A grid column: ``cols`` (of 12) and ``sm``/``md``/``lg``/``xl`` overrides."""

    _base = "v-col"
    _value_classes = {
        "cols": "v-col-", **{bp: f"v-col-{bp}-" for bp in _BREAKPOINTS},
        "offset": "offset-", **{f"offset_{bp}": f"offset-{bp}-" for bp in _BREAKPOINTS},
        "order": "order-", "align_self": "align-self-",
    }


class VDivider(VElement):
    """A horizontal (or ``vertical``) rule."""

    _tag = "hr"
    _base = "v-divider"
    _flag_props = ("vertical", "inset")
    _props = frozenset({"thickness"})
    is_single = True

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        t = self.prop("thickness")
        return ([f"border-width: {t}px"] if isinstance(t, (int, float)) else []), []


VSheet = simple("VSheet", "div", "v-sheet")
VSheet._flag_props = ("border",)


# -- buttons ------------------------------------------------------------------
class VBtn(VElement):
    """A button: text, ``icon``, ``prepend_icon``/``append_icon``, ``loading``, ``block``."""

    _tag = "button"
    _base = "v-btn"
    _default_variant = "elevated"
    _props = frozenset({"icon", "prepend_icon", "append_icon", "disabled", "loading", "href", "to", "text",
                        "value", "type", "target", "exact", "ripple", "selected_class"})
    _flag_props = ("block", "active", "stacked", "slim")

    def _build(self) -> None:
        if not as_link(self):
            self.attributes["type"] = self.prop("type", "button")
        _disable(self, self.prop("disabled"))
        el("span", classes="v-btn__overlay")
        icon(self.prop("prepend_icon"), "v-btn__prepend")
        content = el("span", classes="v-btn__content")
        only_icon = self.prop("icon")
        if only_icon is not None and only_icon is not True and only_icon is not False:
            content.add(icon(only_icon))
        _text(content, self.prop("text"))
        self._slots["default"] = content
        icon(self.prop("append_icon"), "v-btn__append")
        if self.prop("text") is None:
            name_from_icon(self, only_icon)  # icon-only: a name for screen readers
        loading = self.prop("loading")
        if loading not in (None, False):
            el("span", el("span", classes="v-progress-circular v-progress-circular--indeterminate"),
               classes="v-btn__loader", v_if=loading[0] if is_bound(loading) else "true")

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = self.flags(*self._flag_props, "disabled", "loading")
        if self.prop("icon") not in (None, False):
            static.append("v-btn--icon")
        return static, dynamic

    def _adopt(self, item: Any) -> None:
        # ``with VBtn(icon=True): VIcon("mdi-delete")`` is icon-only too; text makes its own name
        if isinstance(item, VIcon) and self.prop("text") is None and len(self._slot().children) == 1:
            name_from_icon(self, item.prop("icon"))
        elif isinstance(item, str) or (isinstance(item, AbstractElement) and not isinstance(item, VIcon)):
            drop_auto_name(self)


class VAppBarNavIcon(VBtn):
    """The toolbar's menu button (a text button showing ``mdi-menu``)."""

    _default_variant = "text"

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("icon", "mdi-menu")
        if not {"aria_label", "title", "aria_labelledby"} & set(kwargs):
            kwargs["aria_label"] = "Menu"  # the layout makes it: a name of its own, no warning
        super().__init__(children, **kwargs)

    def add(self, *items: Any) -> Any:
        """Children replace the menu glyph (``with layout.icon: VIcon(...)``)."""
        if self._ready and not self.__dict__.get("_custom"):
            self.__dict__["_custom"] = True
            self._slot().clear()
        return super().add(*items)


# -- chips, alerts -------------------------------------------------------------
class VChip(VElement):
    """A chip: text, ``prepend_icon``, ``closable`` (raises ``click_close``), ``label``."""

    _tag = "span"
    _base = "v-chip"
    _default_variant = "tonal"
    _props = frozenset({"text", "closable", "prepend_icon", "append_icon", "close_icon", "value", "filter", "link"})
    _flag_props = ("label", "disabled", "pill")

    def _build(self) -> None:
        icon(self.prop("prepend_icon"), "v-chip__prepend")
        content = el("span", classes="v-chip__content")
        _text(content, self.prop("text"))
        self._slots["default"] = content
        icon(self.prop("append_icon"), "v-chip__append")
        if self.prop("closable") not in (None, False):
            close = el("button", icon(self.prop("close_icon", "mdi-close-circle")), type="button",
                       classes="v-chip__close", aria_label="Close")
            model = self.model_source()
            if model is not None:
                self._directives["v_show"] = self.take_model().target
                close._events["click"] = handler("click", f"{model} = false")
            h = self.take_event("click_close")
            if h is not None:
                if "click" in close._events:
                    self.chain(close, "click", "click_close", None)
                else:
                    close._events["click"] = h


class VAlert(VElement):
    """An alert: ``type`` (success/info/warning/error), ``title``, ``text``, ``closable``."""

    _base = "v-alert"
    _default_variant = "flat"
    _props = frozenset({"type", "title", "text", "closable", "icon", "prominent", "close_label"})
    _ICONS = {"success": "mdi-check-circle", "info": "mdi-information", "warning": "mdi-alert",
              "error": "mdi-close-circle"}

    def _build(self) -> None:
        self.attributes["role"] = "alert"
        kind = self.prop("type")
        if self.prop("color") is None and isinstance(kind, str):
            self._p["color"] = kind
        glyph = self.prop("icon", self._ICONS.get(kind) if isinstance(kind, str) else None)
        if glyph:
            el("div", icon(glyph), classes="v-alert__prepend")
        with el("div", classes="v-alert__content") as content:
            if self.prop("title") is not None:
                _text(el("div", classes="v-alert-title"), self.prop("title"))
        _text(content, self.prop("text"))
        self._slots["default"] = content
        model = self.model_source()
        if model is None and self.prop("closable") not in (None, False):
            model = f"ht__alert_{self._ht_id}"  # closing is the alert's own state in Vuetify
            self._defaults.append((model, True))
        if model is not None:
            self._directives["v_show"] = compile_expr(model)
        if self.prop("closable") not in (None, False):
            close = el("button", icon("mdi-close"), type="button", classes="v-alert__close",
                       aria_label=self.prop("close_label", "Close"))
            if model is not None:
                close._events["click"] = handler("click", f"{model} = false")
                self.chain(close, "click", "click_close", None)
            elif (h := self.take_event("click_close")) is not None:
                close._events["click"] = h


# -- images, progress ----------------------------------------------------------
class VImg(VElement):
    """An image: ``src``, ``height``/``width``, ``cover``, ``aspect_ratio``, ``alt``."""

    _base = "v-img v-responsive"
    _props = frozenset({"src", "alt", "aspect_ratio", "lazy_src"})
    _flag_props = ("cover", "contain")

    def _build(self) -> None:
        image = el("img", classes="v-img__img", alt=self.prop("alt", ""))
        image.__dict__["is_single"] = True
        source = self.prop("src")
        if is_bound(source):
            image._set("src", source)
        elif source is not None:
            image.attributes["src"] = str(source)
        ratio = self.prop("aspect_ratio")
        if ratio is not None and not is_bound(ratio):
            image.attributes["style"] = f"aspect-ratio: {ratio}"


def _active(widget: VElement) -> None:
    """A progress widget's ``active`` prop: shown while true.

    ``active=("trame__busy",)`` is no exception: the server shows it to the
    page it works for (htmxtrame.transport.busy), as trame's page does.
    """
    active = widget.prop("active")
    if is_bound(active):
        widget._directives["v_show"] = compile_expr(active[0])
    elif active is False:
        widget._directives["v_show"] = compile_expr("false")


def _value_expr(widget: VElement) -> str | None:
    """A progress widget's value: ``v_model`` or ``model_value`` (0..100)."""
    model = widget.model_source()
    if model is not None:
        return model
    value = widget.prop("model_value")
    return None if value is None else src(value)


def progress_role(widget: VElement) -> None:
    """ARIA for a progress widget: a ``progressbar`` from 0 to 100, named.

    The name is the app's ``aria_label``/``title`` when given, else "Loading"
    (indeterminate) or "Progress", so the bar is never nameless.
    """
    widget.attributes["role"] = "progressbar"
    widget.attributes.setdefault("aria-valuemin", "0")
    widget.attributes.setdefault("aria-valuemax", "100")
    if not has_name(widget):
        widget.attributes["aria-label"] = "Loading" if widget.prop("indeterminate") not in (None, False) else "Progress"


class VProgressLinear(VElement):
    """A progress bar: ``v_model``/``model_value`` in percent, or ``indeterminate``."""

    _base = "v-progress-linear"
    _props = frozenset({"model_value", "buffer_value", "bg_color", "absolute", "active", "bottom", "top"})
    _flag_props = ("indeterminate", "striped", "rounded")
    _color_mode = "text"

    def _build(self) -> None:
        progress_role(self)
        el("div", classes="v-progress-linear__background")
        value = _value_expr(self)
        if self.prop("indeterminate") not in (None, False):
            el("div", classes="v-progress-linear__indeterminate")
        if value is not None:
            el("div", classes="v-progress-linear__determinate",
               style=(f"{{width: Math.max(0, Math.min(100, Number({value}) || 0)) + '%'}}",))
            self._bindings["aria-valuenow"] = compile_expr(value)
        self._slots["default"] = el("div", classes="v-progress-linear__content")
        _active(self)

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if self.prop("absolute") not in (None, False):
            static.append("v-progress-linear--absolute")
            static.append("v-progress-linear--top" if self.prop("top") not in (None, False)
                          else "v-progress-linear--bottom")
        return static, dynamic

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        h = self.prop("height", 4)
        return ([f"height: {h}px"] if not is_bound(h) else []), []


class VProgressCircular(VElement):
    """A progress ring: ``model_value`` (percent) or ``indeterminate``, ``size``, ``width``."""

    _base = "v-progress-circular"
    _props = frozenset({"model_value", "rotate", "bg_color", "active"})
    _flag_props = ("indeterminate",)
    _color_mode = "text"
    _R = 20

    def _build(self) -> None:
        progress_role(self)
        width = self.prop("width", 4)
        width = width if isinstance(width, (int, float)) else 4
        box = 2 * self._R + width
        circumference = 2 * 3.141592653589793 * self._R
        value = _value_expr(self)
        with el("svg", viewBox=f"0 0 {box} {box}", classes="v-progress-circular__svg"):
            el("circle", classes="v-progress-circular__underlay", fill="transparent", cx=box / 2, cy=box / 2,
               r=self._R, stroke_width=width)
            overlay = el("circle", classes="v-progress-circular__overlay", fill="transparent", cx=box / 2,
                         cy=box / 2, r=self._R, stroke_width=width,
                         stroke_dasharray=f"{circumference:.3f}")
            if value is not None and self.prop("indeterminate") in (None, False):
                self._bindings["aria-valuenow"] = compile_expr(value)
                overlay._set("stroke-dashoffset",
                             (f"{circumference:.3f} * (1 - Math.max(0, Math.min(100, Number({value}) || 0)) / 100)",))
            else:
                overlay.attributes["stroke-dashoffset"] = f"{circumference * 0.7:.3f}"
        self._slots["default"] = el("div", classes="v-progress-circular__content")
        _active(self)

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        size = self.prop("size", 32)
        if isinstance(size, (int, float)):
            return [f"width: {size}px", f"height: {size}px"], []
        px = {"x-small": 16, "small": 24, "large": 48, "x-large": 64}.get(str(size), 32)
        return [f"width: {px}px", f"height: {px}px"], []


# -- navigation drawer ----------------------------------------------------------
class VNavigationDrawer(VElement):
    """A side drawer, open while its ``v_model`` is true (always, without one)."""

    _tag = "nav"
    _base = "v-navigation-drawer"
    _props = frozenset({"location", "permanent", "temporary", "rail", "app", "floating", "expand_on_hover",
                        "touchless", "disable_resize_watcher", "scrim"})
    _flag_props = ("rail", "temporary", "floating")

    def _build(self) -> None:
        model = self.model_source()
        if model is not None:
            self.take_model()
            self._model_closed = f"!({model})"
        self._slots["default"] = el("div", classes="v-navigation-drawer__content")

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        loc = self.prop("location", "start")
        static.append(f"v-navigation-drawer--{ {'left': 'start', 'right': 'end'}.get(loc, loc) }")
        closed = self.__dict__.get("_model_closed")
        if closed:
            dynamic.append(f"{{'v-navigation-drawer--closed': {closed}}}")
        return static, dynamic

    def _style_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("width", None)
        try:
            static, dynamic = super()._style_parts()
        finally:
            if saved is not None:
                self._p["width"] = saved
        width: Any = saved if saved is not None else 256
        if is_bound(width):
            dynamic.append(f"{{'--v-drawer-width': {_px(width[0])}}}")
        else:
            static.append(f"--v-drawer-width: {width}px" if isinstance(width, (int, float)) else f"--v-drawer-width: {width}")
        return static, dynamic


def _px(source: str) -> str:
    return f"(typeof ({source}) === 'number' ? ({source}) + 'px' : ({source}))"

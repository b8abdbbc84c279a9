"""Display pieces: titles, banners, code and keys, empty states, skeletons, tables and list parts.

Each is markup with Vuetify's class names (styled by ``static/vuetify.css``,
the "display and navigation long tail" block); the props that change what a
person sees — texts, icons, colours, ``lines``, ``type`` of a skeleton,
``loading`` — are applied here.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from ..router import link_href
from .containers import VBtn, VToolbarTitle
from .core import VElement, el, is_bound, place, simple, src, text_child
from .feedback import VAvatar
from .icons import icon


def _text(node: AbstractElement, value: Any) -> None:
    if value is not None:
        node.add(text_child(value))


def _shown(widget: VElement, node: AbstractElement, value: Any) -> None:
    """Show *node* only while *value* (a prop: literal or bound) is true."""
    if is_bound(value):
        node._directives["v_show"] = compile_expr(value[0])
    elif value is False:
        node._directives["v_show"] = compile_expr("false")


class _Texted(VElement):
    """A block whose ``text`` prop (or children) is its content."""

    _props = frozenset({"text", "tag"})

    def _build(self) -> None:
        tag = self.prop("tag")
        if isinstance(tag, str) and tag.isalnum():
            self.__dict__["tagname"] = tag
        _text(self, self.prop("text"))


VAlertTitle = type("VAlertTitle", (_Texted,), {"_base": "v-alert-title", "__doc__": "An alert's title line."})
VBannerText = type("VBannerText", (_Texted,), {"_base": "v-banner-text", "__doc__": "A banner's message."})
VCode = type("VCode", (_Texted,), {"_base": "v-code", "_tag": "code", "__doc__": "Inline code (``<code>``)."})
VKbd = type("VKbd", (_Texted,), {"_base": "v-kbd", "_tag": "kbd", "__doc__": "A key of the keyboard (``<kbd>``)."})
VListImg = simple("VListImg", "div", "v-list-img", doc="An image behind a list's items.")
VBannerActions = simple("VBannerActions", "div", "v-banner-actions", frozenset({"stacked"}),
                        "A banner's buttons (at its end).")


class VAppBarTitle(VToolbarTitle):
    """The title of a :class:`~.containers.VAppBar` (a toolbar title)."""

    _base = "v-app-bar-title v-toolbar-title"


class _ListSide(VElement):
    """A list item's ``start``/``end`` part (an action or a picture)."""

    _props = frozenset({"start", "end", "disabled", "tag"})

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        b = self._base
        return [f"{b}--{side}" for side in ("start", "end") if self.prop(side) not in (None, False)], []


VListItemAction = type("VListItemAction", (_ListSide,), {"_base": "v-list-item-action",
                                                         "__doc__": "A list item's control (a checkbox, a button)."})
VListItemMedia = type("VListItemMedia", (_ListSide,), {"_base": "v-list-item-media",
                                                       "__doc__": "A list item's picture (an avatar, an image)."})


class VAvatarGroup(VElement):
    """Overlapping avatars: ``items`` (image URLs, or ``{image, text, icon}``), ``limit`` (then "+N").

    Children (:class:`~.containers.VAvatar`) are shown as given.
    """

    _base = "v-avatar-group"
    _props = frozenset({"items", "limit", "hoverable", "overlap", "gap", "vertical", "item_props", "tag"})
    _flag_props = ("hoverable", "vertical")

    def _build(self) -> None:
        self.attributes["role"] = "group"
        items = self.prop("items")
        if items is None:
            return
        limit = self.prop("limit")
        rows = src(items) if limit is None else f"({src(items)}).slice(0, {src(limit)})"
        obj = "(typeof item === 'object' && item !== null)"
        image = f"({obj} ? item.image : item)"
        with el("span", classes="v-slot", v_for=f"item in {rows}"):
            for shown, props in ((image, {"image": (image,), "alt": (f"({obj} && item.title) || 'Avatar'",),
                                          "v_if": image}),
                                 (None, {"v_else": True, "text": (f"{obj} ? item.text : null",),
                                         "icon": (f"{obj} ? item.icon : null",),
                                         "aria_label": (f"({obj} && (item.title || item.text)) || 'Avatar'",)})):
                avatar = VAvatar(size=self.prop("size"), color=self.prop("color", "surface-variant"), **props)
                if shown is None:
                    avatar.attributes["role"] = "img"
                avatar.attributes["class"] = avatar.attributes.get("class", "") + " v-avatar-group__avatar"
        if limit is not None:
            extra = f"({src(items)}).length - ({src(limit)})"
            VAvatar(text=(f"'+' + ({extra})",), v_if=f"{extra} > 0", color="grey-darken-1", size=self.prop("size"),
                    aria_label=(f"({extra}) + ' more'",))

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = {k: self._p.pop(k) for k in ("color", "size") if k in self._p}  # they go to the avatars
        try:
            return super()._class_parts()
        finally:
            self._p.update(saved)


class VBanner(VElement):
    """A prominent message across its container: ``text``, ``icon``/``avatar``, ``lines``, ``stacked``, ``sticky``.

    Slots: ``prepend``, ``text``, ``actions`` (kept at the end).
    """

    _base = "v-banner"
    _props = frozenset({"text", "icon", "avatar", "lines", "stacked", "sticky", "bg_color", "mobile", "location",
                        "position", "tag", "mobile_breakpoint"})
    _flag_props = ("stacked", "sticky")

    def _build(self) -> None:
        glyph, avatar = self.prop("icon"), self.prop("avatar")
        if glyph is not None or avatar is not None:
            with el("div", classes="v-banner__prepend") as prepend:
                VAvatar(image=avatar, icon=glyph, color=self.prop("color"), variant="tonal" if avatar is None else None)
            self._slots["prepend"] = prepend
        with el("div", classes="v-banner__content") as content:
            if self.prop("text") is not None:
                self._slots["text"] = el("div", text_child(self.prop("text")), classes="v-banner-text")
        self._slots["default"] = content

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("color", None)  # colours the icon; bg_color paints the banner
        try:
            static, dynamic = super()._class_parts()
        finally:
            if saved is not None:
                self._p["color"] = saved
        bg = self.prop("bg_color")
        if isinstance(bg, str):
            static.append(f"bg-{bg}")
        lines = self.prop("lines")
        if isinstance(lines, str):
            static.append(f"v-banner--{lines}-line")
        return static, dynamic

    def _slot(self, name: str = "default") -> AbstractElement:
        if name == "prepend":
            return self.named_slot("prepend", lambda: place(self, el("div", classes="v-banner__prepend"), 0))
        if name == "text":
            return self.named_slot("text", lambda: place(self._slots["default"], el("div", classes="v-banner-text"), 0))
        if name == "actions":
            return self.named_slot("actions", lambda: place(self, VBannerActions()))
        return super()._slot(name)

    def add(self, *items: Any) -> Any:
        result = super().add(*items)
        actions = self._slots.get("actions")
        if self._ready and actions is not None and actions in self.children:  # actions stay last
            self.children.remove(actions)
            self.children.append(actions)
        return result


class VSystemBar(VElement):
    """The thin bar above an app (clock, battery…): ``window`` makes it taller, ``color``, ``height``."""

    _base = "v-system-bar"
    _props = frozenset({"window", "absolute", "order", "name", "tag"})
    _flag_props = ("window",)


class VLayoutItem(VElement):
    """A piece of a :class:`~.containers.VLayout` at its ``position`` (top, bottom, left, right), ``size`` px.

    ``model_value=False`` (or bound) hides it.
    """

    _base = "v-layout-item"
    _props = frozenset({"position", "size", "model_value", "absolute", "order", "name"})

    def _build(self) -> None:
        _shown(self, self, self.prop("model_value"))

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        pos = self.prop("position", "top")
        return ([f"v-layout-item--{pos}"] if isinstance(pos, str) else []) + \
            (["v-layout-item--absolute"] if self.prop("absolute") not in (None, False) else []), []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        size = self.prop("size", 300)
        if isinstance(size, (int, float)) or (isinstance(size, str) and size.isdigit()):
            side = "height" if self.prop("position", "top") in ("top", "bottom") else "width"
            return [f"{side}: {size}px"], []
        return [], []


class VTable(VElement):
    """A styled ``<table>``: children are its ``thead``/``tbody``; ``density``, ``hover``, ``fixed_header``, ``height``.

    Slots ``top`` and ``bottom`` go above and below the table.
    """

    _base = "v-table"
    _props = frozenset({"fixed_header", "fixed_footer", "hover", "striped", "tag"})
    _flag_props = ("fixed_header", "fixed_footer", "hover")

    def _build(self) -> None:
        with el("div", classes="v-table__wrapper") as wrap:
            self._slots["default"] = el("table")
        self.__dict__["_wrap"] = wrap

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        striped = self.prop("striped")
        if striped in ("odd", "even"):
            static.append(f"v-table--striped-{striped}")
        return static, dynamic

    def _style_parts(self) -> tuple[list[str], list[str]]:
        height = self.prop("height")
        if height is not None and not is_bound(height):  # the wrapper scrolls (fixed_header)
            wrap = self.__dict__.get("_wrap")
            if wrap is not None:
                wrap.attributes["tabindex"] = "0"  # it scrolls: keyboard users can scroll it
                wrap.attributes["style"] = f"height: {height}px" if isinstance(height, (int, float)) else \
                    f"height: {height}"
            saved = self._p.pop("height")
            try:
                return super()._style_parts()
            finally:
                self._p["height"] = saved
        return super()._style_parts()

    def _slot(self, name: str = "default") -> AbstractElement:
        if name == "top":
            return self.named_slot("top", lambda: place(self, el("div", classes="v-table__top"), 0))
        if name == "bottom":
            return self.named_slot("bottom", lambda: place(self, el("div", classes="v-table__bottom")))
        return super()._slot(name)


class VEmptyState(VElement):
    """What a page shows when there is nothing yet: ``icon``/``image``, ``headline``, ``title``, ``text``,
    an action button (``action_text``, raising ``click_action``), ``href``/``to`` for a link.

    Slots ``media``, ``headline``, ``title``, ``text``, ``actions``.
    """

    _base = "v-empty-state"
    _props = frozenset({"headline", "title", "text", "icon", "image", "action_text", "href", "to", "justify",
                        "text_width", "bg_color", "icon_color", "mobile", "mobile_breakpoint"})
    _known_events = VElement._known_events | {"click_action"}

    def _build(self) -> None:
        self.attributes["role"] = "status"
        self._slots["media"] = el("div", classes="v-empty-state__media")
        image, glyph = self.prop("image"), self.prop("icon")
        with self._slots["media"]:
            if image is not None:
                img = el("img", classes="v-empty-state__image", alt="")
                if is_bound(image):
                    img._set("src", image)
                else:
                    img.attributes["src"] = str(image)
            elif glyph is not None:
                icon(glyph, "v-empty-state__icon" + (f" text-{self.prop('icon_color')}"
                                                   if isinstance(self.prop("icon_color"), str) else ""))
        for part, tag in (("headline", "div"), ("title", "div"), ("text", "div")):
            node = el(tag, classes=f"v-empty-state__{part}")
            _text(node, self.prop(part))
            self._slots[part] = node
        self._slots["default"] = el("div", classes="v-empty-state__content")
        with el("div", classes="v-empty-state__actions") as actions:
            text = self.prop("action_text")
            if text is not None:
                button = VBtn(text=text, color=self.prop("color", "surface-variant"), variant="flat",
                              href=link_href(self.prop("href"), self.prop("to")))
                handler = self.take_event("click_action")
                if handler is not None:
                    button._events["click"] = handler
        self._slots["actions"] = actions

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("color", None)  # the action's colour
        try:
            static, dynamic = super()._class_parts()
        finally:
            if saved is not None:
                self._p["color"] = saved
        justify = self.prop("justify", "center")
        static.append(f"v-empty-state--{justify}" if isinstance(justify, str) else "v-empty-state--center")
        if isinstance(self.prop("bg_color"), str):
            static.append(f"bg-{self.prop('bg_color')}")
        return static, dynamic

    def _slot(self, name: str = "default") -> AbstractElement:
        if name in ("media", "headline", "title", "text", "actions"):
            return self.named_slot(name, lambda: self._slots[name])
        return super()._slot(name)


# -- skeleton loader ----------------------------------------------------------------------
#: Vuetify's skeleton types and the bones each is made of (the rest are single bones)
_BONES: dict[str, list[str]] = {
    "card": ["image", "heading"], "card-avatar": ["image", "list-item-avatar"],
    "article": ["heading", "paragraph"], "paragraph": ["text", "text", "text"],
    "list-item": ["text"], "list-item-avatar": ["avatar", "text"], "list-item-two-line": ["sentences"],
    "list-item-avatar-two-line": ["avatar", "sentences"], "list-item-three-line": ["paragraph"],
    "list-item-avatar-three-line": ["avatar", "paragraph"], "sentences": ["text", "text"],
    "table": ["table-heading", "table-thead", "table-tbody", "table-tfoot"],
    "table-heading": ["heading", "text"], "table-thead": ["heading", "heading", "heading"],
    "table-tbody": ["table-row-divider", "table-row-divider", "table-row-divider"],
    "table-row-divider": ["table-row", "divider"], "table-row": ["text", "text", "text"],
    "table-tfoot": ["avatar", "avatar"], "actions": ["button", "button"], "date-picker": ["heading", "paragraph"],
    "image": [], "heading": [], "text": [], "avatar": [], "button": [], "chip": [], "divider": [], "subtitle": [],
    "ossein": [],
}
_MAX_BONES = 200


def _bones(kind: str, count: list[int]) -> AbstractElement | None:
    """The markup of one skeleton type (a known one, else a text bone), bounded in size."""
    if count[0] >= _MAX_BONES:
        return None
    count[0] += 1
    name, _, times = kind.strip().partition("@")
    parts = _BONES.get(name, [])
    node = el("div", classes=f"v-skeleton-loader__{name if name in _BONES else 'text'} v-skeleton-loader__bone")
    for part in parts:
        child = _bones(part, count)
        if child is not None:
            node.add(child)
    return node


class VSkeletonLoader(VElement):
    """Grey placeholder shapes while content loads: ``type`` (``"card"``, ``"list-item-avatar"``, ``"table"``…,
    comma-separated, ``"text@3"`` repeats), ``loading`` (bound: the children show once it is false), ``boilerplate``.
    """

    _base = "v-skeleton-loader"
    _props = frozenset({"type", "loading", "boilerplate", "loading_text", "elevation", "color", "bg_color"})
    _flag_props = ("boilerplate",)

    def _build(self) -> None:
        kinds = self.prop("type", "ossein")
        words: list[str] = []
        for word in (kinds if isinstance(kinds, (list, tuple)) and not is_bound(kinds) else str(kinds).split(",")):
            name, _, times = str(word).strip().partition("@")
            n = int(times) if times.isdigit() else 1
            words += [name] * max(1, min(n, 20))
        count = [0]
        bones = el("div", classes="v-skeleton-loader__bones")
        with bones:
            for word in words:
                node = _bones(word, count)
                if node is not None:
                    bones.add(node)
        if self.prop("boilerplate") in (None, False):
            bones.attributes.update({"role": "alert", "aria-busy": "true", "aria-live": "polite",
                                     "aria-label": str(self.prop("loading_text", "Loading..."))})
        content = el("div", classes="v-skeleton-loader__content")
        self._slots["default"] = content
        loading = self.prop("loading")
        if is_bound(loading):  # Vuetify: bones while loading (or while there is nothing to show)
            bones._directives["v_show"] = compile_expr(loading[0])
            content._directives["v_show"] = compile_expr(f"!({loading[0]})")
        elif loading is False:
            bones._directives["v_show"] = compile_expr("false")
        else:
            self.__dict__["_bones_only"] = True
        self.__dict__["_bones"] = bones

    def _adopt(self, item: Any) -> None:
        if self.__dict__.pop("_bones_only", False) and self.prop("loading") is None:
            # children and no loading prop: Vuetify shows the children
            self._bones._directives["v_show"] = compile_expr("false")


class VHotkey(VElement):
    """A keyboard shortcut shown as keys: ``keys="ctrl+shift+k"`` (``-`` and space separate sequences too).

    ``display_mode``: ``"text"`` (Ctrl), ``"symbol"`` (⌃), ``"icon"`` (drawn as symbols); ``platform``
    ``"mac"`` shows ⌘ for ``meta``/``cmd``.
    """

    _base = "v-hotkey"
    _tag = "span"
    _props = frozenset({"keys", "display_mode", "key_map", "platform", "inline", "disabled", "prefix", "suffix"})
    _flag_props = ("inline", "disabled")

    _TEXT = {"ctrl": "Ctrl", "control": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta", "cmd": "Cmd",
             "enter": "Enter", "esc": "Esc", "escape": "Esc", "space": "Space", "tab": "Tab", "up": "↑",
             "down": "↓", "left": "←", "right": "→", "backspace": "Backspace", "delete": "Del"}
    _SYMBOL = {"ctrl": "⌃", "control": "⌃", "shift": "⇧", "alt": "⌥", "meta": "⌘", "cmd": "⌘", "enter": "↵",
               "esc": "⎋", "escape": "⎋", "tab": "⇥", "backspace": "⌫", "delete": "⌦"}

    def _build(self) -> None:
        keys = self.prop("keys", "")
        mode = self.prop("display_mode", "icon")
        table = self._SYMBOL if mode in ("symbol", "icon") or self.prop("platform") == "mac" else {}
        if self.prop("prefix") is not None:
            el("span", text_child(self.prop("prefix")), classes="v-hotkey__prefix")
        spoken: list[str] = []
        for s, combo in enumerate(str(keys).split()[:8] if not is_bound(keys) else []):
            if s:
                el("span", "then", classes="v-hotkey__divider")
                spoken.append("then")
            for k, key in enumerate(part for part in combo.split("+")[:6] if part):
                if k:
                    el("span", "+", classes="v-hotkey__combination", aria_hidden="true")
                low = key.lower()
                shown = table.get(low) or self._TEXT.get(low) or (key.upper() if len(key) == 1 else key)
                el("kbd", shown, classes="v-hotkey__key v-kbd", title=self._TEXT.get(low, key))
                spoken.append(self._TEXT.get(low, key.upper() if len(key) == 1 else key))
        if is_bound(keys):
            el("kbd", "{{ " + str(keys[0]) + " }}", classes="v-hotkey__key v-kbd")
        elif spoken:
            self.attributes["aria-label"] = " ".join(spoken)
            self.attributes["role"] = "img"
        if self.prop("suffix") is not None:
            el("span", text_child(self.prop("suffix")), classes="v-hotkey__suffix")


# -- buttons ----------------------------------------------------------------------------------
class VBtnGroup(VElement):
    """Buttons joined in one row; ``color``, ``variant``, ``density``, ``rounded`` go to each :class:`VBtn`
    that does not set its own; ``divided`` draws lines between them.
    """

    _base = "v-btn-group"
    _props = frozenset({"divided", "base_color", "tag", "direction"})
    _flag_props = ("divided",)
    _SHARED = ("color", "variant", "density", "size", "rounded")

    def _build(self) -> None:
        self.attributes["role"] = "group"

    def _adopt(self, item: Any) -> None:
        if isinstance(item, VBtn):
            for prop in self._SHARED:
                if item.prop(prop) is None and self.prop(prop) is not None:
                    item._p[prop] = self.prop(prop)
            if item.prop("variant") is None and self.prop("variant") is None:
                item._p["variant"] = "flat"
            item._refresh()

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = {k: self._p.pop(k) for k in ("color", "size") if k in self._p}  # the buttons carry them
        try:
            return super()._class_parts()
        finally:
            self._p.update(saved)


__all__ = ["VAlertTitle", "VAppBarTitle", "VAvatarGroup", "VBanner", "VBannerActions", "VBannerText", "VBtnGroup",
           "VCode", "VEmptyState", "VHotkey", "VKbd", "VLayoutItem", "VListImg", "VListItemAction", "VListItemMedia",
           "VSkeletonLoader", "VSystemBar", "VTable"]


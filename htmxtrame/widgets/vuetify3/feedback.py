"""Feedback and decoration: ``VSnackbar``, ``VBadge``, ``VAvatar``, ``VTimeline``/``VTimelineItem``.

A snackbar is shown while its ``v_model`` is true; its ``timeout`` (ms,
default 5000, ``-1`` never) runs in the page, as Vuetify's does, and when it
ends the page reports a ``timeout`` event that sets the model to false (the
``data-ht-timeout`` hook of ``static/htmxtrame.js``).
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...expr import compile_expr
from .core import SIZES, VElement, el, handler, is_bound, place, src
from .icons import icon


def _text(node: AbstractElement, value: Any) -> None:
    if value is not None:
        node.add("{{ " + str(value[0]) + " }}" if is_bound(value) else str(value))


def _location(widget: VElement, default: str) -> list[str]:
    """The words of a ``location`` prop, or of Vuetify 2's ``top``/``left``… flags."""
    loc = widget.prop("location")
    if isinstance(loc, str):
        words = loc.split()
    else:
        words = [w for w in ("top", "bottom", "start", "end", "left", "right", "center")
                 if widget.prop(w) not in (None, False)]
        if widget.prop("centered") not in (None, False):
            words.append("center")
    aliases = {"left": "start", "right": "end"}
    words = [aliases.get(w, w) for w in words] or default.split()
    return list(dict.fromkeys(words))


class VSnackbar(VElement):
    """A brief message at the edge of the screen: ``v_model``, ``text``, ``timeout``, ``location``, ``actions`` slot."""

    _base = "v-snackbar v-snackbar__wrapper"
    _default_variant = "elevated"
    _props = frozenset({"text", "timeout", "location", "position", "multi_line", "vertical", "timer", "top", "bottom",
                        "start", "end", "left", "right", "centered", "absolute", "app", "content_class",
                        "close_on_content_click", "transition", "z_index", "contained", "attach", "model_value"})
    _flag_props = ("multi_line", "vertical")

    def _set(self, name: str, value: Any) -> None:
        if name in ("left", "right", "top", "bottom") and value is True:
            self._p[name] = True  # placement flags, not Vuetify 2's icon sides
            return
        super()._set(name, value)

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__snackbar_{self._ht_id}"
            value = self.prop("model_value", False)
            self._defaults.append((model, value if not is_bound(value) else False))
        self.__dict__["_model_key"] = model
        words = _location(self, "bottom")
        wrapper = el("div", v_if=model)
        self.__dict__["_wrapper"] = wrapper
        with wrapper:
            el("span", classes="v-snackbar__underlay")
            content = el("div", classes="v-snackbar__content", role="status", aria_live="polite")
            _text(content, self.prop("text"))
        self._slots["default"] = content
        timeout = self.prop("timeout", 5000)
        if is_bound(timeout):
            wrapper._set("data-ht-timeout", timeout)
        else:
            wrapper.attributes["data-ht-timeout"] = str(timeout)
        wrapper._events["timeout"] = handler("timeout", f"{model} = false")
        self.chain(wrapper, "timeout", "update_modelValue", "false")
        if self.prop("timer") not in (None, False) and not is_bound(timeout) and float(timeout) > 0:
            bar = el("div", classes="v-snackbar__timer", style=f"animation-duration: {int(float(timeout))}ms")
            place(wrapper, bar, 0)
        root = self.__dict__
        root["_root_classes"] = "v-snackbar-wrap " + " ".join(f"v-snackbar--{w}" for w in words)

    def _refresh(self) -> None:
        super()._refresh()
        self.attributes["class"] = self.__dict__.get("_root_classes", "v-snackbar-wrap")

    def _styled(self) -> AbstractElement:
        return self.__dict__.get("_wrapper") or self

    def _slot(self, name: str = "default") -> AbstractElement:
        if name == "actions":
            return self.named_slot("actions", lambda: place(self._wrapper, el("div", classes="v-snackbar__actions")))
        return super()._slot(name)


class VBadge(VElement):
    """A small status mark over its content: ``content``, ``dot``, ``color``, ``inline``, ``max``, ``icon``."""

    _base = "v-badge__badge"
    _props = frozenset({"content", "dot", "inline", "icon", "max", "bordered", "floating", "location", "label",
                        "model_value", "value", "offset_x", "offset_y", "text_color", "transition", "overlap",
                        "bottom", "left", "avatar", "tag"})

    def _set(self, name: str, value: Any) -> None:
        if name in ("left", "bottom") and value is True:
            self._p[name] = True  # Vuetify 2's placement flags
            return
        super()._set(name, value)

    def _build(self) -> None:
        flags = [f for f in ("inline", "dot", "bordered", "floating") if self.prop(f) not in (None, False)]
        self.attributes["class"] = " ".join(["v-badge", *(f"v-badge--{f}" for f in flags)])
        if self.prop("color") is None:
            self._p["color"] = "error"
        wrapper = el("div", classes="v-badge__wrapper")
        self._slots["default"] = wrapper
        with wrapper:
            badge = el("span", role="status", aria_live="polite")
        label = self.prop("label", "Badge")
        content = self.prop("content")
        if self.prop("dot") in (None, False):
            if self.prop("icon") is not None:
                badge.add(icon(self.prop("icon")))
            elif content is not None:
                shown = src(content)
                limit = self.prop("max")
                if limit is not None:
                    shown = f"(Number({shown}) > Number({src(limit)}) ? {src(limit)} + '+' : {shown})"
                badge.add("{{ " + shown + " }}")
        if is_bound(label):
            badge._set("aria-label", label)
        else:
            badge.attributes["aria-label"] = str(label) + ("" if content is None or is_bound(content)
                                                           else f": {content}")
        shown_flag = self.prop("model_value", self.prop("value"))
        if is_bound(shown_flag):
            badge._directives["v_show"] = compile_expr(shown_flag[0])
        elif shown_flag is False:
            badge._directives["v_show"] = compile_expr("false")
        self.__dict__["_badge"] = badge

    def _styled(self) -> AbstractElement:
        return self.__dict__.get("_badge") or self

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        words = _location(self, "top end")
        if self.prop("left") not in (None, False):
            words = [w for w in words if w != "end"] + ["start"]
        return [f"v-badge__badge--{w}" for w in words], []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        out = []
        for prop, css in (("offset_x", "--v-badge-x"), ("offset_y", "--v-badge-y")):
            value = self.prop(prop)
            if isinstance(value, (int, float)) or (isinstance(value, str) and value.lstrip("-").isdigit()):
                out.append(f"{css}: {value}px")
        return out, []


class VAvatar(VElement):
    """A round picture, icon or initials: ``image``, ``icon``, ``text``, ``size``, ``color``, ``rounded``/``tile``."""

    _base = "v-avatar"
    _default_variant = "flat"
    _props = frozenset({"image", "icon", "text", "start", "end", "alt", "left", "right"})

    def _build(self) -> None:
        image = self.prop("image")
        if image is not None:
            img = el("img", classes="v-avatar__image", alt=self.prop("alt", ""))
            if is_bound(image):
                img._set("src", image)
            else:
                img.attributes["src"] = str(image)
        elif self.prop("icon") is not None:
            icon(self.prop("icon"))
        _text(self, self.prop("text"))
        if self.prop("alt") is not None and image is None:
            self.attributes["role"] = "img"
            self.attributes["aria-label"] = str(self.prop("alt"))

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static: list[str] = []
        size = self.prop("size", "default")
        if size not in SIZES and not is_bound(size):
            size = None
        if size == "default" or size is None:
            static.append("v-avatar--size-default")
        if self.prop("rounded") is None and self.prop("tile") in (None, False):
            static.append("rounded-circle")
        for flag, side in (("start", "start"), ("end", "end"), ("left", "start"), ("right", "end")):
            if self.prop(flag) not in (None, False):
                static.append(f"v-avatar--{side}")
        if self.prop("density") is None:
            static.append("v-avatar--density-default")
        return static, []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        size = self.prop("size")
        if isinstance(size, (int, float)) or (isinstance(size, str) and size.isdigit()):
            return [f"width: {size}px", f"height: {size}px", f"font-size: {float(size) * 0.4:g}px"], []
        if is_bound(size):
            px = f"(typeof ({size[0]}) === 'number' ? ({size[0]}) + 'px' : null)"
            return [], [f"{{width: {px}, height: {px}}}"]
        return [], []


class VTimeline(VElement):
    """A vertical (or ``direction="horizontal"``) line of :class:`VTimelineItem`: ``side``, ``align``, ``line_color``."""

    _base = "v-timeline"
    _props = frozenset({"direction", "side", "align", "justify", "line_color", "line_thickness", "dot_color",
                        "fill_dot", "icon_color", "line_inset", "truncate_line", "hide_opposite", "reverse",
                        "align_top"})

    def _build(self) -> None:
        self.attributes["role"] = "list"

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static = [f"v-timeline--{self.prop('direction', 'vertical')}"]
        side = self.prop("side")
        static.append(f"v-timeline--side-{side}" if side in ("start", "end") else "v-timeline--alternate")
        if self.prop("align") == "start" or self.prop("align_top") not in (None, False):
            static.append("v-timeline--align-start")
        if self.prop("truncate_line") in ("start", "end", "both"):
            static.append(f"v-timeline--truncate-line-{self.prop('truncate_line')}")
        if self.prop("reverse") not in (None, False):
            static.append("v-timeline--reverse")
        if self.prop("hide_opposite") not in (None, False):
            static.append("v-timeline--hide-opposite")
        return static, []

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        out = []
        color = self.prop("line_color")
        if isinstance(color, str) and color.startswith(("#", "rgb", "var(")):
            out.append(f"--v-timeline-line-color: {color}")
        thickness = self.prop("line_thickness")
        if isinstance(thickness, (int, float)):
            out.append(f"--v-timeline-line-thickness: {thickness}px")
        return out, []

    def _adopt(self, item: Any) -> None:
        if isinstance(item, VTimelineItem):
            for prop in ("dot_color", "fill_dot", "icon_color", "line_color"):
                if item.prop(prop) is None and self.prop(prop) is not None:
                    item.inherit(prop, self.prop(prop))


class VTimelineItem(VElement):
    """One entry of a :class:`VTimeline`: ``dot_color``, ``icon``, ``size``, ``fill_dot``, ``hide_dot``, ``opposite`` slot."""

    _base = "v-timeline-item"
    _props = frozenset({"dot_color", "icon", "icon_color", "fill_dot", "hide_dot", "side", "hide_opposite",
                        "line_inset", "start", "end", "left", "right"})

    def _build(self) -> None:
        self.attributes["role"] = "listitem"
        body = el("div", classes="v-timeline-item__body")
        with el("div", classes="v-timeline-divider"):
            lines = [el("div", classes="v-timeline-divider__before")]
            if self.prop("hide_dot") in (None, False):
                size = self.prop("size", "default")
                with el("div", classes=f"v-timeline-divider__dot v-timeline-divider__dot--size-{size}"):
                    self.__dict__["_dot"] = el("div", classes="v-timeline-divider__inner-dot")
                    self._paint_dot()
            lines.append(el("div", classes="v-timeline-divider__after"))
        self.__dict__["_lines"] = lines
        self._slots["default"] = body
        self.__dict__["_opposite"] = None

    def _paint_dot(self) -> None:
        dot = self.__dict__.get("_dot")
        if dot is None:
            return
        dot.clear()
        color = self.prop("dot_color", "grey")
        cls = "v-timeline-divider__inner-dot"
        if isinstance(color, str) and not color.startswith(("#", "rgb")):
            cls += f" bg-{color}"
        elif isinstance(color, str):
            dot.attributes["style"] = f"background: {color}"
        dot.attributes["class"] = cls
        glyph = self.prop("icon")
        if glyph is not None:
            node = icon(glyph, f"text-{self.prop('icon_color')}" if isinstance(self.prop("icon_color"), str) else "")
            if node is not None:
                dot.add(node)

    def inherit(self, prop: str, value: Any) -> None:
        """Take a prop from the timeline (``dot_color``, ``line_color``… for every item)."""
        self._p[prop] = value
        if prop == "line_color" and isinstance(value, str) and not value.startswith(("#", "rgb", "var(")):
            for line in self._lines:  # a Vuetify colour name: its text-* class gives the line its colour
                line.attributes["class"] += f" v-timeline-divider__line--colored text-{value}"
        self._paint_dot()

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static = []
        side = self.prop("side")
        if self.prop("start") not in (None, False) or self.prop("left") not in (None, False):
            side = "start"
        if self.prop("end") not in (None, False) or self.prop("right") not in (None, False):
            side = "end"
        if side in ("start", "end"):
            static.append(f"v-timeline-item--side-{side}")
        if self.prop("fill_dot") not in (None, False):
            static.append("v-timeline-item--fill-dot")
        return static, []

    def _set(self, name: str, value: Any) -> None:
        if name in ("left", "right") and value is True:
            self._p[name] = True
            return
        super()._set(name, value)

    def _slot(self, name: str = "default") -> AbstractElement:
        if name == "opposite":
            return self.named_slot("opposite", lambda: el("div", classes="v-timeline-item__opposite"))
        return super()._slot(name)


__all__ = ["VAvatar", "VBadge", "VSnackbar", "VTimeline", "VTimelineItem"]

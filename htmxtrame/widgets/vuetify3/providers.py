"""Wrappers that give their content something: ``VDefaultsProvider``, ``VLocaleProvider``, ``VNoSsr``,
``VLazy``, ``VHover`` (``isHovering``), ``VConfirmEdit`` (a draft with save/cancel), ``VResponsive``,
``VParallax``, and the icon-set components (``VSvgIcon``, ``VClassIcon``, ``VLigatureIcon``,
``VComponentIcon``).

``VHover`` keeps "is the pointer over it" in a state key (its ``v_model``
or its own): the element bound to the slot's ``props`` reports
``mouseenter``/``mouseleave`` and the server re-renders what reads
``isHovering``. ``VConfirmEdit`` keeps a copy of its ``v_model`` in a
state key of its own; the slot's ``model`` is that copy (edit
``model.value``), ``save`` writes it back and ``cancel`` drops the edits.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from ...elements import AbstractElement, EventHandler
from ...elements.base import Loop
from .computed import Rows
from .containers import VBtn
from .core import Template, VElement, _slot_names, el, handler, is_bound
from .icons import VIcon, icon_path
from .overlays import _activators
from .scoped import StateAssign, chain_outside
from .selection import _ACTION


def _rewire(item: Any, actions: dict[str, Any]) -> list[tuple[AbstractElement, str, str]]:
    """Replace handlers written ``name``/``name()`` (a slot's function) by *actions*' ``name → code``;
    the ``(node, event, name)`` replaced."""
    done: list[tuple[AbstractElement, str, str]] = []
    if not isinstance(item, AbstractElement):
        return done
    for node in item.walk():
        for event, h in list(node._events.items()):
            m = _ACTION.fullmatch(h.code.source) if h.code is not None else None
            if m and m.group("name") in actions:
                node._events[event] = actions[m.group("name")]
                done.append((node, event, m.group("name")))
    return done


def _scope(box: AbstractElement, label: str, names: list[str], parts: list[str], fn: Any) -> None:
    """Give *box*'s children the slot props *names*: one row from ``fn(*values of parts)``."""
    rows = Rows(tuple(names), parts, lambda *v: [fn(*v)], label)
    box.__dict__["_loop"] = Loop(rows, rows.source)


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


class VDefaultsProvider(VElement):
    """Default props for the components inside: ``defaults={"VBtn": {"color": "primary"}, "global": {...}}``.

    A component takes a default for a prop it was not given (``color``, ``variant``, ``density``,
    ``size``, ``rounded``, ``elevation``… — the props that style it); ``disabled=True`` turns it off.
    """

    _base = "v-defaults-provider"
    _props = frozenset({"defaults", "disabled", "reset", "root", "scoped"})

    def _adopt(self, item: Any) -> None:
        defaults = self.prop("defaults")
        if not isinstance(defaults, dict) or self.prop("disabled") not in (None, False) \
                or not isinstance(item, AbstractElement):
            return
        common: dict = defaults["global"] if isinstance(defaults.get("global"), dict) else {}
        for node in item.walk():
            if not isinstance(node, VElement):
                continue
            mine = defaults.get(type(node).__name__)
            given = {**common, **(mine if isinstance(mine, dict) else {})}
            changed = False
            for prop, value in given.items():
                name = _CAMEL.sub("_", str(prop)).lower()
                if node.prop(name) is None and node._consumes(name):
                    node._p[name] = value
                    changed = True
            if changed:
                node._refresh()


class VLocaleProvider(VElement):
    """Its content in a language and direction: ``locale`` (``lang``), ``rtl`` (``dir="rtl"``)."""

    _base = "v-locale-provider"
    _props = frozenset({"locale", "fallback_locale", "messages", "rtl"})

    def _build(self) -> None:
        if isinstance(self.prop("locale"), str):
            self.attributes["lang"] = self.prop("locale")
        rtl = self.prop("rtl")
        if is_bound(rtl):
            self._set("dir", (f"({rtl[0]}) ? 'rtl' : 'ltr'",))
        elif rtl is not None:
            self.attributes["dir"] = "rtl" if rtl else "ltr"

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        return (["v-locale--is-rtl"] if self.prop("rtl") is True else []), []


VNoSsr = type("VNoSsr", (VElement,), {"_base": "v-no-ssr", "__doc__": (
    "Content Vue renders only in the browser; here everything is rendered on the server, so it shows as is.")})


class VLazy(VElement):
    """Content Vuetify renders once scrolled into view; here it is rendered with the page (``min_height``,
    ``height`` keep its room). ``v_model`` is set true, as Vuetify's is once shown."""

    _base = "v-lazy"
    _props = frozenset({"options", "transition", "tag", "model_value"})

    def _build(self) -> None:
        model = self.model_source()
        if model is not None:
            self._defaults.append((model, True))


class VHover(VElement):
    """Tells its content whether the pointer is over it: the default slot sees ``isHovering`` and
    ``props``; the element given ``v_bind="props"`` (else the slot's first elements) is watched.

    ``v_model`` (or ``model_value`` bound) holds the same flag in state; ``disabled`` stops it.
    Raises ``update_modelValue``.
    """

    _base = "v-hover"
    _props = frozenset({"disabled", "open_delay", "close_delay", "model_value"})

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        binding = None
        for key in ("v_slot", "v_slot_default", "v_slot:default", "#default"):
            if key in kwargs:
                binding = kwargs.pop(key)
        self.__dict__["_names"] = _slot_names(binding)
        super().__init__(children, **kwargs)

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            bound = self.prop("model_value")
            model = str(bound[0]).strip() if is_bound(bound) else f"ht__hover_{self._ht_id}"
            if not is_bound(bound):
                self._defaults.append((model, False))
        self.__dict__["_key"] = model
        box = el("div", classes="v-slot")
        self._slots["default"] = box
        self._scope_names(self._names or ["isHovering", "props"])
        self.__dict__["_wired"] = False

    def _scope_names(self, names: list[str]) -> None:
        known = {"isHovering": f"!!{self._key}", "hover": f"!!{self._key}", "props": "null"}  # hover: Vuetify 2
        parts = [known.get(n, "null") for n in names]
        _scope(self._slots["default"], f"{self._ht_id} hover", list(names), parts, lambda *v: tuple(v))

    def _adopt(self, item: Any) -> None:
        if isinstance(item, Template) and item.slot_props:
            self._scope_names(item.slot_props)
        if not isinstance(item, AbstractElement) or self.prop("disabled") not in (None, False):
            return
        names = (item.slot_props if isinstance(item, Template) else None) or self._names or ["props"]
        targets = _activators(item, [n for n in names if n not in ("isHovering", "hover")] or ["props"])
        if not targets:
            targets = [c for c in (item.children if isinstance(item, Template) else [item])
                       if isinstance(c, AbstractElement)]
        for node in targets:
            node._directives.pop("v_bind", None)
            for event, value in (("mouseenter", "true"), ("mouseleave", "false")):
                code = handler(event, f"{self._key} = {value}")
                if event in node._events:
                    node.__dict__["_also"] = {**node._also, event: [*node._also.get(event, []), (code, None)]}
                else:
                    node._events[event] = code
                self.chain(node, event, "update_modelValue", self._key)

    def _refresh(self) -> None:
        super()._refresh()
        self.attributes["class"] = "v-hover v-slot"


class VConfirmEdit(VElement):
    """Edits held back until confirmed: the default slot's ``model`` is a copy of ``v_model`` (bind
    ``model.value``); the OK button (``ok_text``) or a handler written ``save`` writes it back, Cancel
    (``cancel_text``) or ``cancel`` drops the edits; ``isPristine`` says nothing changed.
    ``hide_actions`` hides the buttons; raises ``save`` (``$event``: the value) and ``cancel``.
    """

    _base = "v-confirm-edit"
    _props = frozenset({"cancel_text", "ok_text", "disabled", "hide_actions", "model_value"})
    _known_events = VElement._known_events | {"save", "cancel"}
    _SLOT = ("model", "save", "cancel", "isPristine", "actions")

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__confirm_{self._ht_id}_model"
            value = self.prop("model_value")
            self._defaults.append((model, None if is_bound(value) else value))
        draft = f"ht__confirm_{self._ht_id}"
        self._defaults.append((draft, {"value": None, "base": None, "fresh": True}))
        self.__dict__.update(_src_key=model, _draft=draft)
        box = el("div", classes="v-slot")
        self._slots["default"] = box
        self._scope_names(list(self._SLOT))
        # in the slot, "model" is the draft: these read and write the state keys themselves
        save = EventHandler("click", code=StateAssign(f"{self._ht_id} save", model, [f"({draft}).value"],
                                                      copy.deepcopy))
        cancel = EventHandler("click", code=StateAssign(f"{self._ht_id} cancel", draft, [model], self._fresh))
        self.__dict__["_actions"] = {"save": save, "cancel": cancel}
        if self.prop("hide_actions") in (None, False):
            with el("div", classes="v-confirm-edit__actions"):
                pristine = self._pristine_expr()
                off = self.prop("disabled")
                stop = f"({off[0]}) || " if is_bound(off) else ("true || " if off not in (None, False) else "")
                c = VBtn(text=str(self.prop("cancel_text", "Cancel")), variant="text", disabled=(stop + pristine,))
                c._events["click"] = cancel
                self.chain(c, "click", "cancel", None)
                ok = VBtn(text=str(self.prop("ok_text", "OK")), variant="text", color=self.prop("color", "primary"),
                          disabled=(stop + pristine,))
                ok._events["click"] = save
                self.chain(ok, "click", "save", model)
                self.chain(ok, "click", "update_modelValue", model)

    def _pristine_expr(self) -> str:
        return f"JSON.stringify(({self._draft}).value) === JSON.stringify({self._src_key})"

    @staticmethod
    def _fresh(value: Any) -> dict:
        return {"value": copy.deepcopy(value), "base": copy.deepcopy(value), "fresh": False}

    def _draft_of(self, draft: Any, value: Any) -> Any:
        """The draft, started again from the model when the model changed under it (as Vuetify's watch)."""
        if not isinstance(draft, dict):
            return self._fresh(value)
        if draft.get("fresh") or draft.get("base") != value:
            draft.clear()
            draft.update(self._fresh(value))
        return draft

    def _scope_names(self, names: list[str]) -> None:
        def row(draft: Any, value: Any) -> tuple:
            d = self._draft_of(draft, value)
            known = {"model": d, "isPristine": d.get("value") == value}
            return tuple(known.get(n, d if n not in self._SLOT else None) for n in names)

        _scope(self._slots["default"], f"{self._ht_id} draft", names, [self._draft, self._src_key], row)

    def _adopt(self, item: Any) -> None:
        if isinstance(item, Template) and item.slot_props:
            self._scope_names(list(item.slot_props))
        for node, event, name in _rewire(item, self._actions):
            chain_outside(self, node, event, name, self._src_key if name == "save" else "null")
            if name == "save":
                chain_outside(self, node, event, "update_modelValue", self._src_key)


# -- sizing -----------------------------------------------------------------------------------
class VResponsive(VElement):
    """A box keeping an ``aspect_ratio`` (width / height) whatever its width; children in its content."""

    _base = "v-responsive"
    _props = frozenset({"aspect_ratio", "content_class", "inline"})
    _flag_props = ("inline",)

    def _build(self) -> None:
        ratio = self.prop("aspect_ratio")
        if ratio is not None:
            sizer = el("div", classes="v-responsive__sizer")
            if is_bound(ratio):
                sizer._set("style", (f"{{paddingBottom: (100 / Number({ratio[0]})) + '%'}}",))
            else:
                try:
                    sizer.attributes["style"] = f"padding-bottom: {100 / float(ratio):.4g}%"
                except (TypeError, ValueError, ZeroDivisionError):
                    pass
        cls = "v-responsive__content"
        if isinstance(self.prop("content_class"), str):
            cls += " " + self.prop("content_class")
        self._slots["default"] = el("div", classes=cls)


class VParallax(VElement):
    """A background image behind content (``src``, ``alt``, ``height``, ``scale``): the image moves
    slower than the page as it scrolls (CSS ``background-attachment``), content on top."""

    _base = "v-parallax v-img v-responsive"
    _props = frozenset({"src", "alt", "scale", "lazy_src", "gradient", "cover", "aspect_ratio"})

    def _build(self) -> None:
        image = self.prop("src")
        img = el("div", classes="v-parallax__image", role="img", aria_label=str(self.prop("alt", "")) or None)
        if self.prop("alt") is None:
            img.attributes.pop("role", None)
            img.attributes["aria-hidden"] = "true"
        if is_bound(image):
            img._set("style", (f"{{backgroundImage: 'url(' + JSON.stringify(String({image[0]})) + ')'}}",))
        elif image is not None:  # a CSS string: quotes and backslashes escaped, nothing breaks out
            img.attributes["style"] = f"background-image: url({json.dumps(str(image))})"
        self._slots["default"] = el("div", classes="v-responsive__content v-parallax__content")

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        out = [] if self.prop("height") is not None else ["height: 500px"]
        scale = self.prop("scale")
        if isinstance(scale, (int, float)):
            out.append(f"--v-parallax-scale: {scale}")
        return out, []


# -- icon sets ------------------------------------------------------------------------------
class VSvgIcon(VIcon):
    """An icon drawn from SVG path data (``icon="M12 2L2 22h20z"`` or ``"svg:M…"``), or an ``mdi-*`` name."""

    _base = "v-icon v-svg-icon notranslate"

    def _build(self) -> None:
        glyph = self.prop("icon")
        if isinstance(glyph, str):
            path = glyph.removeprefix("svg:").strip()
            if path[:1] in ("M", "m") and not path.startswith("mdi"):
                self.attributes["aria-hidden"] = "true"
                el("svg", el("path", d=path), viewBox="0 0 24 24", role="img", aria_hidden="true",
                   classes="v-icon__svg")
                return
        super()._build()


class VClassIcon(VIcon):
    """An icon drawn by a font's class (``icon="fa fa-home"`` → ``<i class="fa fa-home">``); an
    ``mdi-*`` name draws the built-in SVG."""

    _base = "v-icon v-class-icon notranslate"

    def _build(self) -> None:
        glyph = self.prop("icon")
        if isinstance(glyph, str) and icon_path(glyph) is None and not glyph.startswith("mdi-"):
            self.attributes["aria-hidden"] = "true"
            self.__dict__["_font_class"] = " ".join(w for w in glyph.split() if re.fullmatch(r"[\w-]+", w))
            return
        super()._build()

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        static, dynamic = super()._extra_classes()
        if self.__dict__.get("_font_class"):
            static.append(self._font_class)
        return static, dynamic


class VLigatureIcon(VIcon):
    """An icon font's ligature (``icon="home"``): drawn as the matching ``mdi-*`` SVG when there is one,
    else written as the ligature's text (for a ligature font the app loads)."""

    _base = "v-icon v-ligature-icon notranslate"

    def _build(self) -> None:
        glyph = self.prop("icon")
        if isinstance(glyph, str) and icon_path(glyph.replace("_", "-")) is None:
            self.attributes["aria-hidden"] = "true"
            self.add(glyph)
            return
        if isinstance(glyph, str):
            self._p["icon"] = glyph.replace("_", "-")
        super()._build()


VComponentIcon = type("VComponentIcon", (VIcon,), {"_base": "v-icon v-component-icon notranslate", "__doc__": (
    "An icon given as a component in Vue; here an ``mdi-*`` name (or its children), as :class:`VIcon`.")})


__all__ = ["VClassIcon", "VComponentIcon", "VConfirmEdit", "VDefaultsProvider", "VHover", "VLazy", "VLigatureIcon",
           "VLocaleProvider", "VNoSsr", "VParallax", "VResponsive", "VSvgIcon"]

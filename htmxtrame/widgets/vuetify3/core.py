"""The Vuetify widget base: props become classes, styles and inner elements.

A Vuetify component here is an :class:`~htmxtrame.elements.AbstractElement`
whose Vuetify props (``color``, ``variant``, ``density``, ``label``...) are
kept aside and turned into Vuetify's CSS classes (styled by
``static/vuetify.css``) and, for composite components, into a subtree of
plain elements built at construction time. A prop given as a literal makes a
static class; a prop given as ``("expr",)`` makes a class binding, so it
follows the state like any bound attribute.

Children created inside ``with Widget():`` go to the widget's default slot;
``Template(v_slot_name=...)`` children go to the named slot.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag

from ...elements import AbstractElement, EventHandler, Text
from ...elements import attrs as A
from ...elements.base import _seed_defaults
from ...elements.trame_api import map_trame_properties, parse_raw_attrs
from ...expr import compile_expr, compile_statement, to_display
from ...values import to_json
from .slots import warn_undrawn
from .themes import known_themes, theme_classes, theme_style

# Vuetify 2 prop names and what they mean in Vuetify 3, for a True value.
V2_FLAGS: dict[str, tuple[str, Any]] = {
    "dense": ("density", "compact"),
    "outlined": ("variant", "outlined"),
    "text": ("variant", "text"),
    "filled": ("variant", "filled"),
    "solo": ("variant", "solo"),
    "plain": ("variant", "plain"),
    "depressed": ("variant", "flat"),
    "shaped": ("rounded", "shaped"),
    "tile": ("rounded", "0"),
    "x_small": ("size", "x-small"),
    "small": ("size", "small"),
    "large": ("size", "large"),
    "x_large": ("size", "x-large"),
    "left": ("start", True),
    "right": ("end", True),
    "dark": ("theme", "dark"),
    "fab": ("icon", True),
}
# Vuetify 2 names that are plain renames.
V2_RENAMES = {"item_text": "item_title", "input": "update_modelValue"}
# Vuetify 2 layout flags with no meaning here (the layout is CSS).
V2_IGNORED = frozenset({"app", "clipped_left", "clipped_right", "clipped", "mini_variant", "fixed", "absolute_app"})

SIZES = ("x-small", "small", "default", "large", "x-large")


def map_v2(name: str, value: Any, renames: bool = True) -> tuple[str, Any] | None:
    """A Vuetify 2 keyword as its Vuetify 3 ``(name, value)``; ``None`` drops it."""
    if name in V2_IGNORED:
        return None
    if name in V2_FLAGS and (value is True or isinstance(value, tuple)):
        new, meaning = V2_FLAGS[name]
        if isinstance(value, tuple):  # a bound flag: the meaning when true
            return new, (f"({value[0]}) ? {js(meaning)} : undefined",)
        return new, meaning
    if renames and name in V2_RENAMES:
        return V2_RENAMES[name], value
    return name, value


def js(value: Any) -> str:
    """A Python value as a JavaScript literal for a generated expression."""
    return json.dumps(to_json(value))  # NumPy numbers, dates, ... as the page would get them


def src(value: Any) -> str:
    """The expression source for a prop: bound ``("expr",)`` or a literal."""
    if isinstance(value, tuple):
        return f"({value[0]})"
    return js(value)


def is_bound(value: Any) -> bool:
    """Whether a prop was given as ``("expr", ...)``."""
    return isinstance(value, tuple)


def text_child(value: Any) -> str | Text:
    """A text prop (``title``, ``text``, ...) as a child of the element showing it.

    Bound ``("expr",)`` shows the expression's value; a literal shows exactly
    as written: Vue never interpolates ``{{ }}`` inside a literal prop.
    """
    if is_bound(value):
        return "{{ " + str(value[0]) + " }}"
    return Text(to_display(value))


@contextmanager
def building(parent: AbstractElement) -> Iterator[None]:
    """Create inner elements without them joining an enclosing ``with`` block.

    Elements made inside are attached to *parent* (unless something else
    took them), never to whatever ``with`` block the app is in.
    """
    stack = dom_tag._with_contexts[_get_thread_context()]
    frame = dom_tag.frame(parent, [], set())
    stack.append(frame)
    try:
        yield
    finally:
        stack.remove(frame)
        if not stack:
            del dom_tag._with_contexts[_get_thread_context()]
    for item in frame.items:
        if item not in frame.used and item.parent is None:
            AbstractElement.add(parent, item)


_VOID = frozenset({"input", "img", "hr", "br", "col", "source"})


def place(parent: AbstractElement, node: AbstractElement, index: int | None = None) -> AbstractElement:
    """Put *node* among *parent*'s children at *index* (last when None)."""
    if index is None:
        AbstractElement.add(parent, node)
    else:
        parent.children.insert(index, node)
        node.parent = parent
    return node


def el(tag: str, *children: Any, **kwargs: Any) -> AbstractElement:
    """A plain element (used to build a widget's inner tree)."""
    node = AbstractElement(tag, None, **kwargs)
    if tag in _VOID:
        node.__dict__["is_single"] = True
    if children:
        node.add(*children)
    return node


def handler(event: str, code: str) -> EventHandler:
    """An event handler running the expression *code* (``x = !x``)."""
    return EventHandler(event, code=compile_statement(code))


class VElement(AbstractElement):
    """Base of every Vuetify widget.

    Subclasses set ``_tag``, ``_base`` (the Vuetify class), ``_props`` (the
    prop names they consume) and override :meth:`_build` to make inner
    elements; :meth:`_slot` says where children go.
    """

    _tag = "div"
    _base = ""
    _props: frozenset[str] = frozenset()
    _v2 = False  # set on the classes of htmxtrame.widgets.vuetify2
    _known_events = frozenset({"update_modelValue", "click_close", "start", "end", "click_prepend", "click_append",
                               "update_focused", "click_clear", "click_appendInner", "click_prependInner"})
    _model_kind: str | None = None
    #: the prop each widget's color goes to: "bg" (filled) or "text"
    _color_mode = "bg"
    _default_variant: str | None = None

    _COMMON = frozenset({"classes", "style", "color", "variant", "density", "size", "elevation", "rounded",
                         "theme", "width", "height", "max_width", "min_width", "max_height", "min_height",
                         "border", "flat", "tile"})

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        d = self.__dict__
        d["_p"] = {}
        d["_ready"] = False
        d["_slots"] = {}
        super().__init__(self._tag, None, **kwargs)
        with building(self):
            self._build()
        d["_ready"] = True
        self._refresh()
        if children is not None:
            self.add_children(children)
        _seed_defaults(self)

    # -- props -------------------------------------------------------------
    def _consumes(self, name: str) -> bool:
        return name in self._props or name in self._COMMON or name in self._flag_props or name in self._value_classes

    def _set(self, name: str, value: Any) -> None:
        # Vuetify 2 names: always in the vuetify2 module; in vuetify3 only the
        # unambiguous flags (``dense=True``), since ``text="..."`` is content there.
        if name not in self._flag_props and (self._v2 or (value is True and name in V2_FLAGS and name not in self._props)):
            mapped = map_v2(name, value, renames=self._v2)
            if mapped is None:
                return
            name, value = mapped
        if self._consumes(name) and not name.startswith("v_"):
            if isinstance(value, tuple) and len(value) > 1 and A.is_identifier(str(value[0])):
                self._defaults.append((value[0].strip(), value[1]))
            self._p[name] = value
            self._kwargs[name] = value
            if self._ready:
                self._refresh()
            return
        super()._set(name, value)

    def prop(self, name: str, default: Any = None) -> Any:
        """The value a prop was given (literal or ``(expr,)``), else *default*."""
        return self._p.get(name, default)

    # -- classes and styles ---------------------------------------------------
    def _class_parts(self) -> tuple[list[str], list[str]]:
        """(static classes, class expressions) from the props."""
        static: list[str] = [c for c in self._base.split() if c]
        dynamic: list[str] = []
        b = self._base.split()[0] if self._base else "v"

        def add(value: Any, make: Any) -> None:
            if value is None or value is False:
                return
            if is_bound(value):
                # a bound prop that is undefined/null/false adds no class (Vue's
                # `color="item.color"` on a row without one), never "text-undefined"
                e = f"({value[0]})"
                dynamic.append(f"({e} == null || {e} === false ? '' : {make(None, e)})")
            else:
                made = make(value, None)
                if made:
                    static.append(made)

        variant = self.prop("variant", self._default_variant)
        add(variant, lambda v, e: f"{b}--variant-{v}" if e is None else f"{js(b + '--variant-')} + {e}")
        add(self.prop("density"), lambda v, e: f"{b}--density-{v}" if e is None else f"{js(b + '--density-')} + {e}")
        size = self.prop("size")
        if size in SIZES or is_bound(size):
            add(size, lambda v, e: f"{b}--size-{v}" if e is None else f"{js(b + '--size-')} + {e}")
        add(self.prop("elevation"), lambda v, e: f"elevation-{v}" if e is None else f"'elevation-' + {e}")
        rounded = self.prop("rounded")
        if rounded is not None:
            add(rounded, lambda v, e: ("rounded" if v is True else f"rounded-{v}") if e is None
                else f"{e} === true ? 'rounded' : 'rounded-' + {e}")
        for flag in ("flat", "border", "tile"):
            add(self.prop(flag), lambda v, e, f=flag: f"{b}--{f}" if e is None else f"{{{js(b + '--' + f)}: {e}}}")
        if self.prop("theme") is not None:
            add(self.prop("theme"), lambda v, e: theme_classes(v) if e is None else
                f"({js(known_themes(theme_classes))})[{e}] ?? ('v-theme--' + {e})")
        color = self.prop("color")
        if color is not None:
            mode = self._color_mode
            if mode == "bg" and isinstance(variant, str) and variant in ("text", "outlined", "plain", "tonal"):
                mode = "text"
            add(color, lambda v, e: (f"{mode}-{v}" if not _is_css_color(v) else None) if e is None
                else f"'{mode}-' + {e}")
        route_on = self.__dict__.get("_route_on")
        if route_on:  # a to= link while its page shows that route (htmxtrame.routes)
            dynamic.append(f"{{{js(b + '--active')}: {route_on}}}")
        extra_static, extra_dynamic = self._extra_classes()
        static += extra_static
        dynamic += extra_dynamic
        user = self.prop("classes")
        if is_bound(user):
            dynamic.append(f"({user[0]})")
        elif user:
            static.append(str(user))
        return static, dynamic

    def _extra_classes(self) -> tuple[list[str], list[str]]:
        """Classes a widget adds for its own props (override)."""
        return self.flags(*self._flag_props)

    #: boolean props that add ``<base>--<prop>`` (``block`` → ``v-btn--block``)
    _flag_props: tuple[str, ...] = ()
    #: props that add ``<prefix><value>`` (``align="center"`` → ``align-center``)
    _value_classes: dict[str, str] = {}

    def flags(self, *names: str) -> tuple[list[str], list[str]]:
        """Classes for boolean props (literal or bound), and value classes."""
        b = self._base.split()[0] if self._base else "v"
        static: list[str] = []
        dynamic: list[str] = []
        for name in names:
            value = self.prop(name)
            cls = f"{b}--{name.replace('_', '-')}"
            if is_bound(value):
                dynamic.append(f"{{{js(cls)}: ({value[0]})}}")
            elif value not in (None, False, "false"):
                static.append(cls)
        for name, prefix in self._value_classes.items():
            value = self.prop(name)
            if is_bound(value):
                dynamic.append(f"{js(prefix)} + ({value[0]})")
            elif value not in (None, False):
                static.append(f"{prefix}{value}")
        return static, dynamic

    def _style_parts(self) -> tuple[list[str], list[str]]:
        """(static CSS declarations, style expressions) from the props."""
        static: list[str] = []
        dynamic: list[str] = []
        for name in ("width", "height", "max_width", "min_width", "max_height", "min_height"):
            value = self.prop(name)
            if value is None:
                continue
            css = name.replace("_", "-")
            if is_bound(value):
                dynamic.append(f"{{{js(css)}: {_px_expr(value[0])}}}")
            else:
                static.append(f"{css}: {_px(value)}")
        color = self.prop("color")
        if isinstance(color, str) and _is_css_color(color):
            prop = "background-color" if self._color_mode == "bg" else "color"
            static.append(f"{prop}: {color}")
        theme = self.prop("theme")
        if is_bound(theme):
            styles = {k: v for k, v in known_themes(theme_style).items() if v}
            if styles:
                dynamic.append(f"({js(styles)})[({theme[0]})] ?? ''")
        elif theme_style(theme):
            static.append(theme_style(theme))
        more_static, more_dynamic = self._extra_styles()
        static += more_static
        dynamic += more_dynamic
        user = self.prop("style")
        if is_bound(user):
            dynamic.append(f"({user[0]})")
        elif user:
            static.append(A.style_text(user))
        return static, dynamic

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        """Styles a widget adds for its own props (override)."""
        return [], []

    def _refresh(self) -> None:
        """Recompute the class and style attributes from the props."""
        target = self._styled()
        static, dynamic = self._class_parts()
        _put(target, "class", " ".join(dict.fromkeys(" ".join(static).split())), dynamic)
        sstatic, sdynamic = self._style_parts()
        _put(target, "style", "; ".join(sstatic), sdynamic)

    def _styled(self) -> AbstractElement:
        """The element carrying the widget's classes (itself by default)."""
        return self

    # -- inner tree and slots ------------------------------------------------
    def _build(self) -> None:
        """Create the inner elements (override); runs inside :func:`building`."""

    def _slot(self, name: str = "default") -> AbstractElement:
        """The element children of slot *name* go to (the widget by default)."""
        return self._slots.get(name) or self._slots.get("default") or self

    def add(self, *items: Any) -> Any:
        if not self._ready:
            return AbstractElement.add(self, *items)
        for item in items:
            if isinstance(item, (list, tuple)):
                self.add(*item)
                continue
            name = getattr(item, "slot_name", None) or "default"
            target = self._slot(name)
            if self._undrawn(item, name, target):
                # Scoped (it reads slot props this widget never gives): dropped, as
                # Vue would. Unscoped (a slot htmxtrame has no place for, like a
                # drawer's ``append``): its content still shows, in the default slot.
                dropped = bool(item.slot_props)
                warn_undrawn(type(self).__name__, name, dropped)
                if dropped:
                    continue
            if target is self:
                AbstractElement.add(self, item)
            else:
                if isinstance(item, Template):  # placed: an inner widget it goes to keeps it
                    item.__dict__["_slot_placed"] = True
                target.add(item)
            self._adopt(item)
        return items[-1] if len(items) == 1 else items

    def _undrawn(self, item: Any, name: str, target: AbstractElement) -> bool:
        """Whether *item* is a named slot's Template this widget has no place for.

        A name the widget draws is in ``_slots`` or sent by :meth:`_slot`
        somewhere other than the default slot; any other name would land in
        the default content, where Vue draws nothing.
        """
        return (isinstance(item, Template) and name != "default" and name not in self._slots
                and not item.__dict__.get("_slot_placed")
                and target is (self._slots.get("default") or self))

    def _adopt(self, item: Any) -> None:
        """Hook: a child was added (toggle groups wire their buttons here)."""

    def named_slot(self, name: str, make: Callable[[], AbstractElement]) -> AbstractElement:
        """The box of named slot *name*, made by *make* (which places it) on first use.

        The first ``Template(v_slot_<name>=...)`` given to a slot replaces
        what the props put there (``title="..."`` then a ``title`` slot shows
        the slot); later ones add to it.
        """
        box = self._slots.get(name)
        if box is None:
            with building(self):
                box = make()
            self._slots[name] = box
        filled = self.__dict__.setdefault("_filled", set())
        if name not in filled:
            filled.add(name)
            box.clear()
        return box

    def clear(self) -> VElement:
        """Remove the children of the default slot."""
        target = self._slot()
        if target is self:
            return AbstractElement.clear(self)
        target.clear()
        return self

    # -- moving the model and events to inner elements ------------------------
    def take_model(self) -> Any:
        """The widget's ``v_model`` (moved to an inner control), or None."""
        d = self.__dict__
        if "_taken_model" not in d:
            d["_taken_model"] = d["_model"]
            d["_model"] = None
        return d["_taken_model"]

    def take_event(self, name: str) -> EventHandler | None:
        """The handler given for *name* (moved to an inner element), or None."""
        d = self.__dict__
        taken = d.setdefault("_taken_events", {})
        if name in self._events:
            taken[name] = self._events.pop(name)
        return taken.get(name)

    def model_source(self) -> str | None:
        """The ``v_model`` expression's source, or None."""
        model = self.take_model()
        return model.target.source if model is not None else None

    def chain(self, node: AbstractElement, dom_event: str, vue_event: str, value: str | None) -> None:
        """Run the widget's *vue_event* handler after *dom_event* on *node*."""
        h = self.take_event(vue_event)
        if h is None:
            return
        also = dict(node._also)
        also.setdefault(dom_event, [])
        also[dom_event] = [*also[dom_event], (h, compile_expr(value) if value else None)]
        node.__dict__["_also"] = also


def as_link(widget: VElement) -> bool:
    """Make *widget* an ``<a href>`` when it has ``href`` (or ``to``, a route: ``#/foo``); whether it did."""
    href = widget.prop("href")
    to = widget.prop("to")
    if href is None and to is None:
        return False
    widget.__dict__["tagname"] = "a"
    if href is None:
        from ..router import link_to  # the router's hash links (htmxtrame.routes)

        widget.__dict__["_route_on"] = link_to(widget, to)  # _class_parts: '--active' on its route
    elif is_bound(href):
        AbstractElement._set(widget, "href", href)
    else:
        widget.attributes["href"] = str(href)
    if widget.prop("target"):
        widget.attributes["target"] = str(widget.prop("target"))
    return True


def _put(target: AbstractElement, attr: str, static: str, dynamic: list[str]) -> None:
    if static:
        target.attributes[attr] = static
    else:
        target.attributes.pop(attr, None)
    if dynamic:
        target._bindings[attr] = compile_expr(dynamic[0] if len(dynamic) == 1 else "[" + ", ".join(dynamic) + "]")
    else:
        target._bindings.pop(attr, None)


def _is_css_color(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("#", "rgb", "hsl"))


def _px(value: Any) -> str:
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.replace(".", "", 1).isdigit()):
        return f"{value}px"
    return str(value)


def _px_expr(source: str) -> str:
    return f"(typeof ({source}) === 'number' ? ({source}) + 'px' : ({source}))"


class Template(AbstractElement):
    """A slot's content: ``Template(v_slot_activator="{ props }")``.

    Renders as a ``display: contents`` wrapper so its children lay out as if
    they were placed directly in the slot.
    """

    def __init__(self, children: Any = None, **kwargs: Any) -> None:
        slot, binding = None, None
        if kwargs.get("raw_attrs"):  # trame's raw_attrs=["v-slot:item.1"] names the slot too
            kwargs = {**parse_raw_attrs(kwargs.pop("raw_attrs")), **kwargs}
        if kwargs.get("__properties"):  # and __properties=[("calories", "v-slot:item.calories")]
            kwargs = map_trame_properties(kwargs.pop("__properties"), kwargs)
        for key in list(kwargs):
            for prefix in ("v_slot_", "v_slot:", "#"):
                if key.startswith(prefix):
                    slot, binding = key[len(prefix):], kwargs.pop(key)
        if "v_slot" in kwargs:
            slot, binding = "default", kwargs.pop("v_slot")
        self.__dict__["slot_name"] = slot
        self.__dict__["slot_binding"] = binding  # as written: "{ prev: back }" keeps which prop each name is
        self.__dict__["slot_props"] = _slot_names(binding)
        super().__init__("div", children, **kwargs)
        self.attributes["class"] = "v-slot"


def _slot_names(binding: Any) -> list[str]:
    """``"{ props }"`` → ``["props"]``; ``"props"`` → ``["props"]``."""
    if not isinstance(binding, str):
        return []
    text = binding.strip().strip("{}")
    return [part.split(":")[-1].strip() for part in text.split(",") if part.strip()]


def option_key(widget: VElement, name: str, default: Any, prefix: str) -> str:
    """The state key a widget's *name* option lives in.

    The app's key when it binds one (``v_model_<name>=("key",)`` or
    ``name=("key", default)``, seeding the default); otherwise a key of the
    widget's own, ``<prefix>_<id>_<name>``, seeded with the literal value or
    *default*, so the widget still works on its own.
    """
    for spelling in (f"v_model_{name}", name):
        value = widget.prop(spelling)
        if is_bound(value):
            key = str(value[0]).strip()
            if len(value) > 1:
                widget._defaults.append((key, value[1]))
            return key
    key = f"{prefix}_{widget._ht_id}_{name}"
    literal = widget.prop(name)
    widget._defaults.append((key, literal if literal is not None else default))
    return key


class ColorBar(VElement):
    """A bar whose ``color`` is its buttons' (not its own) and ``bg_color`` its background."""

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = self._p.pop("color", None)  # the buttons' colour, not the bar's
        try:
            static, dynamic = super()._class_parts()
        finally:
            if saved is not None:
                self._p["color"] = saved
        if isinstance(self.prop("bg_color"), str):
            static.append(f"bg-{self.prop('bg_color')}")
        return static, dynamic


def simple(name: str, tag: str, base: str, props: frozenset[str] = frozenset(), doc: str = "",
           **extra: Any) -> type[VElement]:
    """A Vuetify widget that is one element with Vuetify classes."""
    cls = type(name, (VElement,), {"_tag": tag, "_base": base, "_props": props, "__doc__": doc
                                    or f"Vuetify's ``{name}``: a ``<{tag} class=\"{base}\">``.", **extra})
    return cls

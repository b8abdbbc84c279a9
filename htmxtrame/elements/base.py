"""The element base: a dominate tag that understands trame's keyword arguments.

An element keeps what it was given in three parts: literal attributes
(dominate's ``attributes``), bound attributes and directives (compiled
expressions, evaluated by the renderer against the state), and event
handlers (run by the server when the page reports the event). Expressions
are compiled here, once, so a syntax error surfaces in the developer's own
traceback, on the line that built the element.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag
from dominate.util import escape

from ..expr import Expr, ExpressionError, compile_expr, compile_statement, compile_template, parse_v_for
from . import attrs as A
from .markup import looks_like_markup, read_markup
from .trame_api import CONSTRUCTION_KEYWORDS, TrameElementAPI, map_trame_properties, parse_raw_attrs

_ids = itertools.count(1)

# Python attributes of the element object itself; every other public name
# set on an element (``btn.click = fn``, ``field.disabled = True``) is an
# element attribute, as in trame.
_PY_ATTRS = frozenset(
    {"attributes", "children", "parent", "is_inline", "is_pretty", "tagname", "document"}
)

# Ids htmxtrame gives (fragments: ht12; the page shell: ht-app, ht-status;
# widgets' parts: ht12-menu): updates find elements by them, so no other
# element may take one.
OWN_ID = re.compile(r"^ht(\d+(-[\w-]+)?|-app|-status|-app-error)$")

# Their content is code, not HTML: escaping a state value for HTML does not
# make it safe there, so no state value may reach it.
_CODE_TAGS = frozenset({"script", "style"})
# whose text is never markup (the browser shows it as text too)
_PLAIN_TEXT_TAGS = _CODE_TAGS | {"textarea", "title", "option"}
_CODE_DIRECTIVES = ("v_text", "v_html", "v_bind", "v_model")


def _no_state_in_code(tag: str, what: str) -> ValueError:
    return ValueError(
        f"<{tag}> cannot take {what}: it holds {'JavaScript' if tag == 'script' else 'CSS'}, where a state "
        "value escaped for HTML can still run code. Put the value in a bound attribute of another "
        "element (html.Div(data_user=('user',))) and read it from static code "
        f"(client.{tag.capitalize()}), or call the page with server.js_call."
    )


class Text:
    """A literal text child, escaped once when it is added."""

    __slots__ = ("html",)

    def __init__(self, text: str) -> None:
        self.html = escape(text)


class DynamicText:
    """A text child with ``{{ }}`` interpolations, rendered per state."""

    __slots__ = ("template",)

    def __init__(self, text: str) -> None:
        self.template = compile_template(text)


@dataclass
class EventHandler:
    """What to run when the page reports an event on an element.

    Exactly one of ``fn`` (with optional argument expressions) or ``code``
    (an event-handler expression such as ``count += 1``) is set.
    """

    event: str
    fn: Callable | None = None
    args: Expr | None = None
    kwargs: Expr | None = None
    code: Expr | None = None


@dataclass
class Model:
    """A ``v_model`` binding: the expression shown and the one that writes."""

    target: Expr
    assign: Expr
    modifiers: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Loop:
    """A ``v_for`` directive."""

    vfor: Any  # expr.VFor
    source: str


def _compile(source: Any, where: str) -> Expr:
    if not isinstance(source, str):
        raise TypeError(
            f"{where} takes a JavaScript expression as a string, got "
            f"{type(source).__name__}: {source!r}"
        )
    return compile_expr(source)


class AbstractElement(TrameElementAPI, dom_tag):
    """One element of the UI tree, created as in trame.

    ``AbstractElement(tag, children=None, **kwargs)``; created inside a
    ``with parent:`` block it attaches to that parent.
    """

    #: events a widget declares beyond the DOM's (``update_modelValue``...)
    _known_events: frozenset[str] = frozenset()
    #: the DOM event that carries ``v_model`` input for this element
    _model_event: str | None = None
    #: widget hook: DOM event -> [(EventHandler, Expr | None)] run after the
    #: element's own handler, ``$event`` being the Expr's value (or the DOM
    #: payload when None); how Vuetify's update_modelValue / end are raised
    _also: dict = {}
    #: attributes whose literal value names this element in the page (an id,
    #: a label's ``for``, a radio ``name``): inside ``v_for`` rows the
    #: renderer appends the row's tag, so every row gets its own
    _row_scoped: tuple[str, ...] = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> AbstractElement:
        # dominate turns Tag(callable) into a decorator; elements never do.
        return object.__new__(cls)

    def __init__(self, _elem_name: str, children: Any = None, **kwargs: Any) -> None:
        d = self.__dict__
        d["_ht_id"] = f"ht{next(_ids)}"
        d["_bindings"] = {}  # attribute -> Expr
        d["_events"] = {}  # event -> EventHandler
        d["_directives"] = {}  # v_if / v_show / v_text / v_html / v_bind -> Expr
        d["_model"] = None
        d["_loop"] = None
        d["_key"] = None  # v_for row identity: Expr of ``key=``
        d["_chain"] = None  # "if" | "else_if" | "else"
        d["_defaults"] = []  # (key, value) to seed with state.setdefault
        d["_kwargs"] = {}  # what was last set, for reading back
        config = {k: kwargs.pop(k) for k in CONSTRUCTION_KEYWORDS if k in kwargs}
        dom_tag.__init__(self)
        d["tagname"] = _elem_name
        if config.get("trame_server") is not None:
            d["_server"] = config["trame_server"]
        if config.get("connect_parent", True) is False and self._ctx is not None:
            self._ctx.used.add(self)  # trame's connect_parent=False: not adopted by the enclosing `with`
        if config.get("__properties"):
            kwargs = map_trame_properties(config["__properties"], kwargs)
        if config.get("raw_attrs"):
            kwargs = {**parse_raw_attrs(config["raw_attrs"]), **kwargs}
        for name, value in kwargs.items():
            self._set(name, value)
        if children is not None:
            self.add_children(children)
        _seed_defaults(self)
        if config.get("ctx_name"):
            self.server.context[config["ctx_name"]] = self

    # -- attributes ------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_") or name in _PY_ATTRS:
            self.__dict__[name] = value
        else:
            self._set(name, value)

    def __getattr__(self, name: str) -> Any:
        kwargs = self.__dict__.get("_kwargs")
        if kwargs is not None and name in kwargs:
            return kwargs[name]
        raise AttributeError(
            f"{type(self).__name__} has no attribute {name!r}; element "
            f"attributes read back only after they were set."
        )

    @property
    def dom_id(self) -> str:
        """The element's id in the page: the one given, else a generated one."""
        given = self.attributes.get("id")
        return given if isinstance(given, str) else self._ht_id

    def _forget(self, name: str) -> None:
        attr = A.html_name(name)
        self.attributes.pop(attr, None)
        self._bindings.pop(attr, None)
        self._events.pop(A.event_name(name, self._known_events) or name, None)
        self._directives.pop(name, None)
        if name == "key" or A.bound_name(name) == "key":
            self.__dict__["_key"] = None

    def _set(self, name: str, value: Any) -> None:
        """Apply one trame keyword argument (see :mod:`.attrs`)."""
        self._forget(name)
        self._kwargs[name] = value
        if value is None:
            return
        prop = A.named_model(name)
        if prop is not None:
            self._set_named_model(prop, value)
            return
        if name in A.DIRECTIVES or name.startswith("v_model"):
            self._set_directive(name, value)
            return
        event = A.event_name(name, self._known_events)
        if event is not None and (callable(value) or isinstance(value, (str, tuple, list))):
            self._events[event] = self._handler(event, value)
            return
        bound = A.bound_name(name)
        if name == "key" or bound == "key":
            self._set_key(name, value)
            return
        if bound is not None:
            self._bind(bound, value if isinstance(value, tuple) else (value,), name)
            return
        attr = A.html_name(name)
        if name == "ref":
            self.attributes["data-ht-ref"] = str(value)
            return
        if isinstance(value, tuple) and value and callable(value[0]):
            # (fn, "[args]") on a name htmxtrame does not know as an event
            # (a widget's own event, VTK's LeftButtonPress): a handler, as
            # a bare callable is, never a binding.
            self._events[attr] = self._handler(attr, value)
        elif isinstance(value, tuple):
            self._bind(attr, value, name)
        elif callable(value):
            self._events[attr] = self._handler(attr, value)
        elif value is False:
            return  # trame binds false; a false attribute renders as absent
        elif attr == "style":
            self.attributes["style"] = A.style_text(value)
        else:
            if attr == "id" and isinstance(value, str) and re.fullmatch(r"ht\d+|ht-app|ht-status|ht-app-error", value):
                raise ValueError(f"id={value!r} is an id htmxtrame gives its own elements (the page's updates "
                                 "find elements by it); choose another id")
            self.attributes[attr] = A.literal_text(value)

    def _bind(self, attr: str, value: tuple, name: str) -> None:
        if self.tagname in _CODE_TAGS:
            raise _no_state_in_code(self.tagname, f"a bound attribute ({name}=...)")
        if not value:
            raise ValueError(f"{name}=() is empty; write ({name!r} expression,) or ('key', default).")
        source = value[0]
        self._bindings[attr] = _compile(source, name)
        if len(value) > 1 and isinstance(source, str) and A.is_identifier(source):
            self._defaults.append((source.strip(), value[1]))

    def _set_key(self, name: str, value: Any) -> None:
        # Vue's list key: nothing to render; on a v_for element it names each
        # row, so an event from a page that has not yet seen a re-render
        # still reaches the row it was clicked on (render.py, _loop).
        source = value[0] if isinstance(value, tuple) and len(value) == 1 else value
        self.__dict__["_key"] = _compile(source, name)

    def _set_directive(self, name: str, value: Any) -> None:
        if self.tagname in _CODE_TAGS and name.startswith(_CODE_DIRECTIVES):
            raise _no_state_in_code(self.tagname, name)
        if name.startswith("v_model"):
            self._set_model(name, value)
            return
        if isinstance(value, tuple) and len(value) > 1 and isinstance(value[0], str) and A.is_identifier(value[0]):
            # ("name", default) declares the key on directives too, as in
            # trame: v_show=("main_drawer", True) starts with the drawer open.
            self._defaults.append((value[0].strip(), value[1]))
        if name == "v_for":
            self.__dict__["_loop"] = Loop(parse_v_for(_text(value, name)), _text(value, name))
        elif name in ("v_if", "v_else_if"):
            self.__dict__["_chain"] = name[2:]
            self._directives["cond"] = _compile(_text(value, name), name)
        elif name == "v_else":
            self.__dict__["_chain"] = "else"
        elif name in ("v_show", "v_text", "v_html", "v_bind"):
            self._directives[name] = _compile(_text(value, name), name)
        # v_once / v_pre / v_cloak: nothing to do on a server-rendered page

    def _set_model(self, name: str, value: Any) -> None:
        source = _text(value, name)
        modifiers = frozenset(name[len("v_model_"):].split("_")) if name != "v_model" else frozenset()
        unknown = modifiers - {"number", "trim", "lazy"}
        if unknown:
            raise ValueError(
                f"{name}: unknown v-model modifier(s) {sorted(unknown)}; "
                "use v_model, v_model_number, v_model_trim or v_model_lazy."
            )
        target = compile_expr(source)
        try:
            assign = compile_statement(f"{source} = $value")
        except ExpressionError as exc:
            raise ExpressionError(
                f"v_model={source!r} cannot be written to: bind it to a state "
                f"key or a member path such as items[i].done ({exc})"
            ) from None
        self.__dict__["_model"] = Model(target, assign, modifiers)
        if isinstance(value, tuple) and len(value) > 1 and A.is_identifier(source):
            self._defaults.append((source.strip(), value[1]))

    def _set_named_model(self, prop: str, value: Any) -> None:
        # Vue 3's v-model:prop is :prop="source" plus @update:prop="source =
        # $event": the widget shows the state key, and writes it back where
        # it emits update_<prop>.
        source = _text(value, f"v_model:{prop}")
        default = value[1:2] if isinstance(value, tuple) else ()
        self._set(prop, (source, *default))
        event = f"update_{prop}"
        if event in self._known_events and event not in self._events:
            try:
                self._events[event] = EventHandler(event, code=compile_statement(f"{source} = $event"))
            except ExpressionError:
                pass  # not assignable: the prop still shows it, as Vue's one-way :prop

    def _handler(self, event: str, value: Any) -> EventHandler:
        if isinstance(value, str):
            return EventHandler(event, code=compile_statement(value))
        if isinstance(value, (tuple, list)):
            if not value or not callable(value[0]):
                raise TypeError(
                    f"{event}=(fn, '[args]', '{{kwargs}}') needs a callable first; got {value!r}"
                )
            args = compile_expr(value[1]) if len(value) > 1 and value[1] else None
            kwargs = compile_expr(value[2]) if len(value) > 2 and value[2] else None
            return EventHandler(event, fn=value[0], args=args, kwargs=kwargs)
        return EventHandler(event, fn=value)

    # -- children ----------------------------------------------------------
    def add(self, *items: Any) -> Any:
        """Append children: elements, strings (``{{ }}`` allowed), numbers."""
        for item in items:
            if isinstance(item, (list, tuple)):
                self.add(*item)
                continue
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if isinstance(item, str) and self.tagname not in _PLAIN_TEXT_TAGS and looks_like_markup(item):
                tree = read_markup(item)
                if tree is not None:  # the author's own <b>/<br>/<code>: elements, as trame's template shows them
                    self.add(*[_from_tree(node) for node in tree])
                    continue
            if isinstance(item, str):
                item = DynamicText(item) if "{{" in item else Text(item)
            if self.tagname in _CODE_TAGS and not isinstance(item, Text):
                raise _no_state_in_code(
                    self.tagname, "{{ }} interpolation" if isinstance(item, DynamicText) else "child elements"
                )
            if isinstance(item, dom_tag):
                if item.parent is not None and item.parent is not self and item in item.parent.children:
                    item.parent.children.remove(item)
                item.parent = self
                # Claimed here: the enclosing `with` block must not adopt it too
                # (html.Button(html.Span("x")) inside a layout), as dominate's add does.
                for frame in dom_tag._with_contexts.get(_get_thread_context(), ()):
                    frame.used.add(item)
            elif not isinstance(item, (Text, DynamicText)):
                raise TypeError(
                    f"cannot add {type(item).__name__} {item!r} to <{self.tagname}>: "
                    "children are elements, strings or numbers."
                )
            self.children.append(item)
        return items[-1] if len(items) == 1 else items

    def add_child(self, child: Any) -> Any:
        """Append one child (element or text)."""
        return self.add(child)

    def add_children(self, children: Any) -> None:
        """Append a child or a list of children."""
        self.add(children)

    def clear(self) -> AbstractElement:
        """Remove every child."""
        for child in self.children:
            if isinstance(child, dom_tag):
                child.parent = None
        self.children: list[Any] = []
        return self

    def set_text(self, value: Any) -> AbstractElement:
        """Replace the children with one text (``{{ }}`` allowed)."""
        self.clear()
        self.add(str(value))
        return self

    def hide(self) -> AbstractElement:
        """Hide the element (``display: none``), keeping it in the page."""
        style = self.attributes.get("style", "")
        self.attributes["style"] = (style + "; " if style else "") + "display: none"
        return self

    # -- walking -----------------------------------------------------------
    def walk(self) -> Iterable[AbstractElement]:
        """This element and every element below it, depth first."""
        yield self
        for child in self.children:
            if isinstance(child, AbstractElement):
                yield from child.walk()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.tagname} {self._ht_id}>"


def _from_tree(node: Any) -> Any:
    """An element (or the text) for one node of :func:`.markup.read_markup`'s tree."""
    if isinstance(node, str):
        return node
    tag, attrs, children = node
    element = AbstractElement(tag, None, **{("classes" if k == "class" else k): v for k, v in attrs.items()})
    if tag in ("br", "hr"):
        element.__dict__["is_single"] = True
    element.add(*[_from_tree(child) for child in children])
    return element


def _text(value: Any, name: str) -> str:
    if isinstance(value, tuple) and value:
        value = value[0]
    if not isinstance(value, str):
        raise TypeError(f"{name} takes an expression string, got {type(value).__name__}: {value!r}")
    return value


# The states that elements seed their ``("name", default)`` values into.
# A layout pushes its server's state while its ``with`` block runs, so
# defaults exist as soon as the element does, as in trame.
_active = threading.local()


def _seed_defaults(element: dom_tag) -> None:
    state = getattr(_active, "states", None)
    if not state or not isinstance(element, AbstractElement):
        return
    for el in element.walk():
        for key, value in el._defaults:
            state[-1].setdefault(key, value)
        _seed_page_keys(el, state[-1])


def push_state(state: Any) -> None:
    """Make *state* receive element defaults until :func:`pop_state`."""
    if not hasattr(_active, "states"):
        _active.states = []
    _active.states.append(state)


def active_state() -> Any:
    """The state elements built now seed their defaults into (inside a layout's ``with``), or None."""
    states = getattr(_active, "states", None)
    return states[-1] if states else None


def pop_state() -> None:
    """Undo the last :func:`push_state`."""
    _active.states.pop()


def seed_tree(root: AbstractElement, state: Any) -> None:
    """Give *state* every default declared below *root* (idempotent)."""
    for el in root.walk():
        for key, value in el._defaults:
            state.setdefault(key, value)
        _seed_page_keys(el, state)


def _seed_page_keys(el: Any, state: Any) -> None:
    # A widget's own keys that belong to each page (an autocomplete's typed
    # text): client-only, so one page's typing is not another's (htmxtrame.scopes.page).
    keys = getattr(el, "_page_keys", ())
    if keys and hasattr(state, "client_only"):
        state.client_only(*keys)


def model_event(el: AbstractElement) -> str:
    """The DOM event that carries ``v_model`` input for *el*.

    ``v_model_lazy`` waits for ``change``; a widget may declare its own
    (``_model_event``); otherwise text-like inputs report on ``input`` and
    checkboxes, radios, files and selects on ``change``, as in Vue.
    """
    if el._model is not None and "lazy" in el._model.modifiers:
        return "change"
    if el._model_event:
        return el._model_event
    kind = str(el.attributes.get("type", "text")).lower()
    if el.tagname == "select" or kind in ("checkbox", "radio", "file"):
        return "change"
    return "input"

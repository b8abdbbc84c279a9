"""How a rendered element's attributes are made: bindings, ``v_model`` values, row ids, refusals.

:mod:`.render` walks the tree; the functions here turn one evaluated value
into attributes, and refuse what state must not set (script URLs, event
handler or htmx attribute names from a ``v_bind`` dict).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from dominate.util import escape

from .elements import AbstractElement, Text
from .elements.attrs import BOOLEAN_ATTRS
from .expr import UNDEFINED, ExpressionError, normalize_class, normalize_style, plain, to_display, to_js_string, truthy

log = logging.getLogger("htmxtrame.render")

_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})
# data: URLs run script when they hold HTML or SVG (an iframe, an object);
# raster images cannot, and trame apps show base64 PNGs with Img(src=...).
_UNSAFE_URL = re.compile(
    r"^\s*(javascript|vbscript|data(?!:image/(png|jpe?g|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)[;,]))\s*:",
    re.I,
)
_CONTROL = re.compile(r"[\x00-\x20]+")
_ATTR_NAME = re.compile(r"^[A-Za-z_][\w.:-]*$")
_SCRIPT_ATTR = re.compile(r"^(on|hx[-:]|data-hx[-:]|data-ht|srcdoc$)", re.I)


def echo_modifiers(el: AbstractElement) -> str:
    """The ``data-ht-mod`` modifiers of a ``v_model`` input (``number``, ``trim``)."""
    # How the page compares the server's value with what the user typed
    # before it replaces the text of a focused input (as Vue's v-model does):
    # "number" as parseFloat reads both, "trim" ignoring outer spaces.
    mods = el._model.modifiers
    number = "number" in mods or (getattr(el, "_model_kind", None) is None and el.attributes.get("type") == "number")
    return " ".join(name for name, on in (("number", number), ("trim", "trim" in mods)) if on)


_ROW_UNSAFE = re.compile(r"[^A-Za-z0-9]")


def scope_to_row(attrs: dict, names: tuple[str, ...], suffix: str) -> None:
    """Suffix the id-like attributes *names* with the row *suffix* of a ``v_for`` iteration."""
    # ".3.k7" -> "-3-k7": one id per row, and still a valid CSS name
    # (anchor-name: --ht5-menu-3), whatever a row's key holds.
    tag = "".join("-" + _ROW_UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", part)
                  for part in suffix.split(".")[1:])
    for name in names:
        value = attrs.get(name)
        if isinstance(value, str):
            attrs[name] = value + tag


def apply_binding(attrs: dict, name: str, value: Any) -> None:
    """Set attribute *name* from a bound *value* as Vue would (class/style merge, booleans, blocked script URLs)."""
    value = plain(value)  # a v_bind dict's numpy.bool_(False) drops the attribute like False
    if name == "class":
        merged = f"{attrs.get('class') or ''} {normalize_class(value)}".strip()
        if merged:
            attrs["class"] = merged
        else:
            attrs.pop("class", None)
        return
    if name == "style":
        extra = normalize_style(value)
        attrs["style"] = f"{attrs['style']}; {extra}" if attrs.get("style") and extra else (extra or attrs.get("style", ""))
        return
    if value is None or value is UNDEFINED:
        attrs.pop(name, None)
        return
    if name in BOOLEAN_ATTRS:
        if truthy(value):
            attrs[name] = True
        else:
            attrs.pop(name, None)
        return
    if value is False and name.startswith("aria-") is False and name.startswith("data-") is False:
        attrs.pop(name, None)
        return
    text = to_js_string(value)
    # Attribute names are case-insensitive: a v_bind dict's "HREF" is an href.
    if name.lower() in _URL_ATTRS and _UNSAFE_URL.match(_CONTROL.sub("", text)):
        log.warning("blocked a script URL bound to %s: %.60r", name, text)
        text = "about:blank#blocked"
    attrs[name] = text


def apply_model(el: AbstractElement, attrs: dict, value: Any, inner: str | None) -> str | None:
    """Show a ``v_model`` *value* in a form control's attributes; returns the element's inner HTML."""
    kind = str(attrs.get("type", "text")).lower()
    if el.tagname == "textarea":
        return escape(to_display(value))
    if el.tagname == "select":
        return inner
    if kind == "checkbox":
        if isinstance(value, list):
            on = attrs.get("value", "on") in [to_js_string(v) for v in value]
        else:
            on = truthy(value)
        _flag(attrs, "checked", on)
    elif kind == "radio":
        _flag(attrs, "checked", to_js_string(attrs.get("value", "on")) == to_js_string(value))
    elif kind != "file":
        attrs["value"] = "" if value is None or value is UNDEFINED else to_js_string(value)
    return inner


def mark_option(el: AbstractElement, attrs: dict, selected: Any) -> None:
    """Mark an ``<option>`` selected when its value is (one of) the select's *selected*."""
    own = attrs.get("value")
    if own is None:
        own = "".join(c.html for c in el.children if isinstance(c, Text))
    chosen = selected if isinstance(selected, list) else [selected]
    _flag(attrs, "selected", to_js_string(own) in [to_js_string(v) for v in chosen])


def _flag(attrs: dict, name: str, on: bool) -> None:
    if on:
        attrs[name] = True
    else:
        attrs.pop(name, None)


def safe_spread_name(name: str, el: AbstractElement) -> bool:
    """Whether a ``v_bind`` dict (state, so possibly user data) may set *name*.

    Its keys become attribute names: refuse anything that would break out of
    the tag, run script (``on*``, ``srcdoc``) or rewire htmx and the glue.
    """
    if _ATTR_NAME.match(name) and not _SCRIPT_ATTR.match(name):
        return True
    log.warning("v_bind on %r: refused attribute %.40r; event handlers and htmx attributes cannot come from state", el, name)
    return False


def error_marker(exc: ExpressionError) -> str:
    """The visible marker a fragment shows in place of an expression that failed."""
    return f'<mark class="ht-error" title="{escape(str(exc))}">&#9888; expression error</mark>'

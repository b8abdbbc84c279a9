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
from .log_budget import LogBudget

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
_STYLE_NAME = re.compile(r"^(--[\w-]+|-?[A-Za-z][\w-]*)$")
_STYLE_SPECIAL = re.compile(r"[;{}()\\\"']")
# A state value re-renders on every flush: what it makes the log say is bounded.
_LOG_BUDGET = LogBudget()
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
        extra = normalize_style(_declarations_only(value))
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
        _LOG_BUDGET.log(log, logging.WARNING, "blocked a script URL bound to %s: %.60r", name, text)
        text = "about:blank#blocked"
    attrs[name] = text


def _declarations_only(value: Any) -> Any:
    """A ``:style`` object without the entries that would add CSS of their own.

    Vue sets each entry through the CSSOM (``el.style.color = v``), which
    ignores a value that is not one value: ``{color: "red; position: fixed;
    inset: 0"}`` from a visitor is no color in Vue. Rendered as text, it
    would lay the element over the page (or load a tracking URL). Such
    entries (a ``;``, ``{`` or ``}`` outside quotes and parentheses, an
    unclosed quote or parenthesis, a name that is not a property) are left
    out, and logged. A ``:style`` *string* is CSS text, as Vue's is.
    """
    if isinstance(value, list):
        return [_declarations_only(v) for v in value]
    if not isinstance(value, dict):
        return value
    kept = {}
    for key, v in value.items():
        if not (isinstance(key, str) and _STYLE_NAME.match(key)) or (isinstance(v, str) and not _one_value(v)):
            _LOG_BUDGET.log(log, logging.WARNING, "left out a :style entry that is not one CSS value: %.40r: %.60r",
                            key, v)
            continue
        kept[key] = v
    return kept


def _one_value(text: str) -> bool:
    """Whether *text* is one CSS value: no ``;``/``{``/``}`` outside quotes and parentheses, all of them closed."""
    if not any(c in text for c in ";{}()\"'"):
        return True  # the common case: "red", "12px", "1px solid #ccc"
    depth, quote, i = 0, "", 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2  # an escaped character is part of the value
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return False
            depth -= 1
        elif c in ";{}" and depth == 0:
            return False
        i += 1
    return depth == 0 and not quote


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

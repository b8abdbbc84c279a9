"""Which rendered elements a person cannot use: disabled, readonly or hidden.

A forged frame can name any element instance the page shows, so the server
must not run what the browser would never let a person trigger: the
handler of a disabled button, a ``v_model`` write to a readonly input, a
click on a button hidden with ``v_show``. The renderer works out, per
element instance, what it rendered (:func:`state_of`) and what an element
passes on to its children (:func:`inherit`); :func:`refusal` says whether an
event may run. This is not authorization: a handler that only some users
may run still checks who is asking.
"""

from __future__ import annotations

import re

# What ancestors impose: hidden (v_show false, the hidden attribute, inline
# display: none, inert) and "inside a disabled <fieldset>".
VISIBLE = ""
HIDDEN = "hidden"
IN_DISABLED_FIELDSET = "fieldset"

# Controls a disabled <fieldset> disables (HTML's rule; <legend> aside).
_FORM_CONTROLS = frozenset({"button", "input", "select", "textarea", "optgroup", "option", "fieldset"})
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)", re.IGNORECASE)
# Vuetify draws a disabled widget with a `<block>--disabled` class and no pointer events.
_DISABLED_CLASS = re.compile(r"(?:^|\s)[\w-]+--disabled(?:\s|$)")
# Events that change a readonly control's value, which the browser does not let happen.
_VALUE_EVENTS = frozenset({"input", "change"})


def _hidden(attrs: dict) -> bool:
    if attrs.get("hidden") not in (None, False) or attrs.get("inert") not in (None, False):
        return True
    style = attrs.get("style")
    return isinstance(style, str) and "none" in style and bool(_DISPLAY_NONE.search(style))


def state_of(tag: str, attrs: dict, outer: str) -> str:
    """``"hidden"``, ``"disabled"``, ``"readonly"`` or ``""`` for an element rendered with *attrs*."""
    if outer == HIDDEN or _hidden(attrs):
        return "hidden"
    if attrs.get("disabled") not in (None, False) or (outer == IN_DISABLED_FIELDSET and tag in _FORM_CONTROLS):
        return "disabled"
    cls = attrs.get("class")
    if isinstance(cls, str) and "--disabled" in cls and _DISABLED_CLASS.search(cls):
        return "disabled"
    if attrs.get("readonly") not in (None, False):
        return "readonly"
    return ""


def inherit(tag: str, attrs: dict, outer: str) -> str:
    """What an element rendered with *attrs* imposes on its children."""
    if outer == HIDDEN:
        return HIDDEN
    if "style" not in attrs and "hidden" not in attrs and "inert" not in attrs and tag[0] not in "fl":
        return outer  # the common case, kept cheap: it runs for every element
    if _hidden(attrs):
        return HIDDEN
    if tag == "fieldset" and attrs.get("disabled") not in (None, False):
        return IN_DISABLED_FIELDSET
    if tag == "legend" and outer == IN_DISABLED_FIELDSET:
        return VISIBLE  # a disabled fieldset's legend stays usable (close enough: HTML spares only the first)
    return outer


def refusal(state: str, event: str, is_model: bool) -> str | None:
    """Why *event* on an element rendered in *state* is refused, or None when it may run."""
    if state == "hidden":
        return "is hidden on this page"
    if state == "disabled":
        return "is disabled on this page"
    if state == "readonly" and (is_model or event in _VALUE_EVENTS):
        return "is readonly on this page"
    return None

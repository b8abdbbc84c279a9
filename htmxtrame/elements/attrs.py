"""How trame's keyword arguments become attributes, bindings and events.

trame writes Vue templates from Python keyword arguments; we keep its rules
but resolve them on the server:

* ``classes`` is ``class``; ``style`` may be a dict; underscores become
  dashes (``hide_details`` → ``hide-details``, ``aria_label`` → ``aria-label``).
* ``True`` is a bare attribute, ``None`` is no attribute, numbers print.
* a tuple ``("expr",)`` or ``("name", default)`` is a bound attribute, as
  are string values on ``:x`` / ``v_bind_x`` keys.
* ``v_*`` keys are directives.
* event names map to handlers.
"""

from __future__ import annotations

import re
from typing import Any

from ..expr import normalize_style
from ..expr.jsvalues import plain

# DOM events (and a few Vue/Vuetify ones) a keyword argument can bind.
DOM_EVENTS = frozenset(
    """
    click dblclick contextmenu change input submit reset select focus blur
    focusin focusout keydown keyup keypress mousedown mouseup mousemove
    mouseenter mouseleave mouseover mouseout wheel scroll pointerdown
    pointerup pointermove pointerenter pointerleave touchstart touchend
    touchmove dragstart drag dragend dragenter dragleave dragover drop load
    error play pause ended timeupdate toggle close cancel
    """.split()
)

# HTML attributes whose presence, not value, is what counts.
BOOLEAN_ATTRS = frozenset(
    """
    allowfullscreen async autofocus autoplay checked controls default defer
    disabled formnovalidate hidden inert ismap itemscope loop multiple muted
    nomodule novalidate open playsinline readonly required reversed selected
    """.split()
)

DIRECTIVES = frozenset(
    {
        "v_if", "v_else_if", "v_else", "v_show", "v_for", "v_text", "v_html",
        "v_model", "v_model_number", "v_model_trim", "v_model_lazy", "v_bind",
        "v_once", "v_pre", "v_cloak",
    }
)

_IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")


def html_name(py_name: str) -> str:
    """The attribute name a Python keyword stands for."""
    if py_name == "classes":
        return "class"
    if py_name.startswith(("__", ":", "@")):
        return py_name
    return py_name.rstrip("_").replace("_", "-")


def bound_name(py_name: str) -> str | None:
    """For ``:x`` / ``v_bind_x`` keys, the attribute *x*; else ``None``."""
    if py_name.startswith(":"):
        return html_name(py_name[1:])
    if py_name.startswith("v_bind_"):
        return html_name(py_name[len("v_bind_"):])
    return None


def event_name(py_name: str, known: frozenset[str]) -> str | None:
    """The event a keyword binds (``click``, ``v_on_click``, ``update_modelValue``)."""
    if py_name.startswith("v_on_"):
        py_name = py_name[len("v_on_"):]
    elif py_name.startswith("@"):
        py_name = py_name[1:]
    if py_name in DOM_EVENTS or py_name in known:
        return py_name
    if ":" in py_name and py_name.replace(":", "_") in known:  # Vue's spelling: update:modelValue
        return py_name.replace(":", "_")
    return None


MODEL_MODIFIERS = frozenset({"number", "trim", "lazy"})
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def named_model(py_name: str) -> str | None:
    """The prop a Vue 3 named ``v-model`` binds, as a Python name, else None.

    ``"v_model:selected"`` and ``v_model_selected`` name ``selected``;
    ``"v_model:itemsPerPage"`` names ``items_per_page``; ``v_model`` and its
    modifiers (``v_model_number``, ``v_model_lazy_trim``) name none.
    """
    if py_name.startswith("v_model:"):
        rest = py_name[len("v_model:"):].split(".")[0]
    elif py_name.startswith("v_model_"):
        rest = py_name[len("v_model_"):]
        if set(rest.split("_")) & MODEL_MODIFIERS:
            return None
    else:
        return None
    rest = _CAMEL.sub(r"_\1", rest).replace("-", "_").lower()
    return rest if _IDENT.match(rest) else None


def is_identifier(source: str) -> bool:
    """True when *source* is a bare name (so a tuple default can seed it)."""
    return bool(_IDENT.match(source.strip()))


def style_text(style: Any) -> str:
    """CSS text from a ``style`` keyword: a string as-is, a dict joined."""
    if isinstance(style, (dict, list)):
        return normalize_style(style)
    return str(style)


def literal_text(value: Any) -> str | bool:
    """The rendered form of a literal attribute value (``True`` → bare)."""
    value = plain(value)  # a NumPy number, a date, an Enum: the text the page would get
    if value is True:
        return True
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

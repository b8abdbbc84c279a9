"""Bound ids must not take the ids the page's updates find elements by.

A fragment is swapped by its id (the one the developer gave, else
``ht<N>``). A ``:id`` binding or a ``v_bind`` dict (state, so possibly a
visitor's data) that replaced it would lose the element's updates, or,
given another element's id, capture them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .elements.base import OWN_ID


def guard_id(el: Any, attrs: dict, fid: str | None, taken: Callable[[str], bool], literal: Any = None) -> str | None:
    """Put back a safe id in *attrs* if a bound one is not allowed; the problem to log, or None.

    *fid* is the element's fragment id when it is updatable (a bound id is
    then never used); *taken(id)* says whether an updatable element uses an id;
    *literal* is the element's own id as rendered (with its row's tag in a ``v_for``).
    """
    given = attrs.get("id")
    if fid is not None:
        if given == fid:
            return None
        attrs["id"] = fid
        return (f"{el!r}: a bound id ({str(given)[:60]!r}) cannot replace the id {fid!r} the page updates "
                f"this element by; it keeps {fid!r}. Give it a literal id=..., or bind the id on an element "
                "inside it.")
    if literal is None:
        literal = el.attributes.get("id")
    if given is None or given == literal:
        return None
    if isinstance(given, str) and (OWN_ID.match(given) or taken(given)):
        if literal is not None:
            attrs["id"] = literal
        else:
            attrs.pop("id")
        return f"{el!r}: refused the bound id {given[:60]!r}: another element's updates find it by that id"
    return None

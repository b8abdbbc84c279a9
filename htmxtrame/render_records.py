"""What the renderer keeps of a rendered page: its fragments, its instances.

:class:`Fragment` is a re-renderable piece of the page (an element whose
output depends on state) with the keys it read; :class:`Instance` an element
that handles events as it was rendered. ``Frame`` collects, while one
fragment renders, what it reads and holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import inactive
from .elements import AbstractElement, DynamicText

# Fragment.leaf before the renderer looked (render_leaf.py): computed on first re-render.
UNCHECKED: Any = object()


@dataclass
class Instance:
    """An element as rendered: the loop variables it saw and their roots."""

    element: AbstractElement
    locals: dict
    roots: dict  # local name -> state keys it was taken from
    inactive: str = ""  # "disabled" / "readonly" / "hidden" as rendered (see inactive.py)
    options: dict | None = None  # a <select>'s options as rendered: option key -> value (render_options.py)


@dataclass
class Fragment:
    """A re-renderable piece of the page and the state keys it read."""

    element: AbstractElement
    parent: str | None
    keys: set = field(default_factory=set)
    children: list = field(default_factory=list)
    instances: list = field(default_factory=list)
    outer: str = inactive.VISIBLE  # what its ancestors imposed when it last rendered
    # A text field that is its own fragment and whose v_model alone reads
    # a key: (that key, the text it shows). The page that typed that very
    # text into it need not get it back (own_input.py).
    echo: tuple[str, Any] | None = None
    leaf: Any = UNCHECKED  # its precompiled form if it is text-only (render_leaf.Leaf), else None


class Frame:
    """What one fragment read and holds while it renders."""

    __slots__ = ("children", "echo", "fid", "instances", "outer", "reads")

    def __init__(self, fid: str | None, outer: str = inactive.VISIBLE) -> None:
        self.fid = fid
        self.echo: tuple[str, Any] | None = None
        self.reads: set[str] = set()
        self.instances: list[str] = []
        self.children: list[str] = []
        self.outer = outer


def is_dynamic(el: AbstractElement) -> bool:
    """Whether *el* is a fragment of its own: its output depends on state."""
    if el._bindings or el._directives.keys() - {"cond"} or el._model is not None:
        return True
    for child in el.children:
        if isinstance(child, DynamicText):
            return True
        if isinstance(child, AbstractElement) and (child._chain or child._loop):
            return True
    return False

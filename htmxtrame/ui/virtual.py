"""``server.ui``: named placeholders, filled apart from the layouts that show them.

As in trame::

    with SinglePageLayout(server) as layout:
        with layout.toolbar:
            server.ui.toolbar_items(layout)     # a spot for it, empty for now
    with server.ui.toolbar_items:               # later, or at runtime
        vuetify3.VBtn("Save", click=ctrl.save)  # every layout showing it re-renders

``with server.ui.name:`` adds to the node; ``server.ui.name.clear()``
empties it (redefine = ``clear()`` then ``with`` again). A node may be
placed in several layouts; each shows the same content.
"""

from __future__ import annotations

from typing import Any

from dominate.dom_tag import _get_thread_context, dom_tag

from ..elements import AbstractElement, pop_state, push_state
from ..widgets import html


def _detached(**kwargs: Any) -> AbstractElement:
    """A ``<div>`` that does not join the ``with`` block it is made in."""
    node = html.Div(**kwargs)
    stack = dom_tag._with_contexts.get(_get_thread_context())
    if stack and node in stack[-1].items:
        stack[-1].items.remove(node)
    return node


class VirtualNode:
    """One named placeholder (see the module docstring)."""

    def __init__(self, trame_server: Any = None, name: str = "", **_: Any) -> None:
        self._server = trame_server
        self.name = name
        self._box = _detached()  # holds the children; each spot shows its list
        self._spots: list[AbstractElement] = []
        self._layouts: list[Any] = []

    @property
    def server(self) -> Any:
        """The server the node belongs to."""
        return self._server

    @property
    def children(self) -> list:
        """The node's content."""
        return self._box.children

    def add_child(self, child: Any) -> VirtualNode:
        """Append *child* (an element or a text) to the node."""
        self._box.add(child)
        return self

    def add_children(self, children: list) -> VirtualNode:
        """Append every item of *children*."""
        self._box.add(*children)
        return self

    def clear(self) -> VirtualNode:
        """Remove the node's content (the spots stay, empty)."""
        for child in self._box.children:
            if isinstance(child, dom_tag):
                child.parent = None
        self._box.children.clear()  # in place: the spots share this list
        return self

    def __call__(self, layout: Any = None, **kwargs: Any) -> AbstractElement:
        """Place the node here, inside a ``with`` block of a layout."""
        if not dom_tag._with_contexts.get(_get_thread_context()):
            raise RuntimeError(
                f"server.ui.{self.name}(...) places the node where it is called: call it inside a "
                "`with layout:` block (or a `with` block of one of its elements)"
            )
        spot = html.Div(classes="ht-ui", data_ht_ui=self.name)
        spot.children = self._box.children
        self._spots.append(spot)
        if layout is not None:
            self._layouts.append(layout)
            self._server = getattr(layout, "server", self._server)
        return spot

    def __enter__(self) -> VirtualNode:
        if self._server is not None:
            push_state(self._server.state)
        self._box.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._box.__exit__(*exc)
        if self._server is not None:
            pop_state()
        if exc[0] is None:
            self.flush_content()

    def flush_content(self) -> VirtualNode:
        """Re-install every layout that shows the node; connected pages re-render."""
        server = self._server
        if server is None:
            return self
        for name, root in list(server.templates.items()):
            if any(node in self._spots for node in root.walk()):
                server.set_template(name, root)
        return self

    def clear_layouts(self) -> VirtualNode:
        """Forget where the node was placed: later changes re-render nothing."""
        self._spots.clear()
        self._layouts.clear()
        return self


class VirtualNodeManager:
    """``server.ui``: ``server.ui.name`` (or ``server.ui["name"]``) is the node *name*, made on first use."""

    _server: Any
    _nodes: dict[str, VirtualNode]  # set with object.__setattr__: attribute writes are refused

    def __init__(self, server: Any) -> None:
        object.__setattr__(self, "_server", server)
        object.__setattr__(self, "_nodes", {})

    def __getattr__(self, name: str) -> VirtualNode:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        nodes = self._nodes
        if name not in nodes:
            nodes[name] = VirtualNode(self._server, name)
        return nodes[name]

    def __getitem__(self, name: str) -> VirtualNode:
        return self.__getattr__(name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(
            f"server.ui.{name} is a placeholder: fill it with `with server.ui.{name}: ...`, not by assignment"
        )

    def flush_content(self) -> None:
        """Re-render every layout showing any node."""
        for node in self._nodes.values():
            node.flush_content()

    def clear(self) -> None:
        """Empty every node."""
        for node in self._nodes.values():
            node.clear()

    def clear_layouts(self) -> None:
        """Forget where every node was placed."""
        for node in self._nodes.values():
            node.clear_layouts()


__all__ = ["VirtualNode", "VirtualNodeManager"]

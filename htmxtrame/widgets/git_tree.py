"""``GitTree``: a pipeline of nodes drawn as rows (trame's ``trame.widgets.trame.GitTree``).

``GitTree(sources=("pipeline", [{"id": "1", "parent": "0", "visible": 1,
"name": "Mesh"}, ...]), actives_change=..., visibility_change=...)`` lists
the nodes depth first from ``root_id`` ("0"), children in the order of their
numeric ids, each in the lane trame's git-like graph puts it in (the last
child continues its parent's lane, earlier ones branch to the right). A row
has a visibility toggle and the node's name: clicking the name makes it the
active node (highlighted; ``actives`` holds the active ids) and calls
``actives_change`` with ``[id]``; the toggle calls ``visibility_change``
with ``{"id": id, "visible": not visible}`` (the app updates ``sources``).
The graph's drawing props (``palette``, ``delta_x``, ``radius``, ...) are
accepted; the rows use the theme's colours. Ctrl-click multi-selection is
not provided.
"""

from __future__ import annotations

from typing import Any

from ..elements.base import Loop
from .vuetify3.computed import Rows
from .vuetify3.core import VElement, el, handler, js, option_key

#: Nodes shown at most: a pipeline is a handful; a huge list is cut, not rendered whole.
MAX_NODES = 2000


def _id_order(node: dict) -> float:
    try:
        return float(node.get("id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")


def tree_rows(sources: Any, actives: Any, root_id: Any) -> list[tuple[dict]]:
    """The visible rows: ``({id, name, lane, visible, active},)`` depth first from *root_id*.

    Malformed entries (not objects, no id) are skipped; a node reachable twice
    (a cycle in ``parent``) is shown once.
    """
    children: dict[str, list[dict]] = {}
    for node in sources if isinstance(sources, list) else []:
        if isinstance(node, dict) and node.get("id") is not None:
            children.setdefault(str(node.get("parent")), []).append(node)
    active_ids = {str(a) for a in actives} if isinstance(actives, list) else set()
    rows: list[tuple[dict]] = []
    seen: set[str] = set()
    stack = [(node, 0) for node in reversed(sorted(children.get(str(root_id), []), key=_id_order))]
    while stack and len(rows) < MAX_NODES:
        node, lane = stack.pop()
        nid = str(node["id"])
        if nid in seen:
            continue
        seen.add(nid)
        rows.append(({"id": node["id"], "name": str(node.get("name", nid)), "lane": lane,
                      "visible": bool(node.get("visible")), "active": nid in active_ids},))
        kids = sorted(children.get(nid, []), key=_id_order)
        # trame's lanes: child i of n goes n - 1 - i lanes right of its parent (the last stays).
        stack.extend((kid, lane + len(kids) - 1 - i) for i, kid in reversed(list(enumerate(kids))))
    return rows


class GitTree(VElement):
    """Pipeline rows: ``sources``, ``actives``, ``root_id``; events ``actives_change``, ``visibility_change``."""

    _tag = "div"
    _base = "ht-git-tree"
    _props = frozenset({
        "sources", "actives", "root_id", "active_background", "delta_x", "delta_y", "font_size", "margin",
        "multiselect", "offset", "palette", "radius", "stroke", "width", "active_circle_stroke_color",
        "not_visible_circle_fill_color", "text_color", "text_weight", "action_map", "action_size",
    })
    _known_events = VElement._known_events | {"actives_change", "visibility_change", "action"}
    _page_css = True  # its rules are in static/components.css (transport/assets.py)

    def _build(self) -> None:
        sources = option_key(self, "sources", [], "ht_git")
        actives = option_key(self, "actives", [], "ht_git")
        self.attributes["role"] = "list"
        rows = Rows(("node",), [sources, actives, js(str(self.prop("root_id", "0")))], tree_rows,
                    f"{self._ht_id} nodes")
        row = el("div", role="listitem", style=("{ paddingLeft: (node.lane * 1.25 + 0.25) + 'rem' }",),
                 classes=("'ht-git-tree__row' + (node.active ? ' ht-git-tree__row--active' : '')",))
        with row:
            eye = el("button", type="button", classes="ht-git-tree__eye",
                     aria_pressed=("node.visible ? 'true' : 'false'",),
                     aria_label=("(node.visible ? 'Hide ' : 'Show ') + node.name",))
            name = el("button", "{{ node.name }}", type="button", classes="ht-git-tree__name",
                      aria_current=("node.active ? 'true' : null",))
        eye._events["click"] = handler("click", "null")  # the app's visibility_change does the work
        self.chain(eye, "click", "visibility_change", "({id: node.id, visible: !node.visible})")
        name._events["click"] = handler("click", f"{actives} = [node.id]")
        self.chain(name, "click", "actives_change", "[node.id]")
        row.__dict__["_loop"] = Loop(rows, rows.source)


__all__ = ["GitTree", "tree_rows"]

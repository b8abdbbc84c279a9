"""``ListBrowser``: a filterable list under a folder path (trame-components' ``trame.ListBrowser``).

``ListBrowser(list=("listing", [{"text", "value", "type", "prependIcon",
"appendIcon"}, ...]), path=("path", ["home", "data"]), filter=True,
click=(on_click, "[$event]"))`` shows, as trame does:

* the path as a row of folder icons separated by ``path_slash_style``
  (">"), then the last folder's name; clicking the icon of folder *n*
  calls ``click`` with ``{"type": "path", "value": "home/data"}`` (the path
  up to it, joined by "/");
* with ``filter``, a "Filter" field: only items whose text and type contain
  every word typed are shown (``filter_query`` given by the app wins);
* the items as list rows with their icons; clicking one calls ``click`` with
  ``{"type": item type or "item", "value": item value or its index}``.

Differences: the filter text is a state key of the widget's own (shared by
the pages of the server, as all state is; trame keeps it in each browser),
and hovering a folder icon does not swap its icon and name.
"""

from __future__ import annotations

from ..elements.base import _seed_defaults
from .vuetify3.cards import VList, VListItem
from .vuetify3.containers import VDivider
from .vuetify3.core import VElement, el, handler, js, option_key, src
from .vuetify3.icons import VIcon
from .vuetify3.inputs import VTextField

DEFAULT_PROPS = {"path_icon": "mdi-folder-outline", "path_selected_icon": "mdi-folder",
                 "path_slash_style": ">", "filter_icon": "mdi-magnify"}


class ListBrowser(VElement):
    """trame-components' list browser: ``list``, ``path``, ``filter``, ``filter_query``; event ``click``."""

    _tag = "div"
    _base = "ht-list-browser v-col pa-0"
    _props = frozenset({"list", "path", "filter", "filter_query", "filter_text", *DEFAULT_PROPS})
    _known_events = VElement._known_events | {"click"}

    def _build(self) -> None:
        items = option_key(self, "list", [], "ht_lb")
        path = option_key(self, "path", None, "ht_lb")
        text = option_key(self, "filter_text", "", "ht_lb")
        query = self.prop("filter_query")
        words = f"(({src(query) if query is not None else text}) || '').toLowerCase().split(' ')"
        icon, slash = self.prop("path_icon", DEFAULT_PROPS["path_icon"]), self.prop("path_slash_style", ">")
        with self:
            VDivider(v_if=path, classes="mb-3")
            with el("div", v_if=path, classes="v-row mx-2 py-2 rounded-0 align-center", role="navigation",
                    aria_label="Path"):
                with el("div", v_for=f"(folder, idx) in ({path})", key="idx", classes="d-flex"):
                    el("span", f"{{{{ idx ? {js(str(slash))} : '' }}}}")
                    crumb = el("button", type="button", classes="ht-list-browser__folder",
                               aria_label=("'Go to ' + folder",))
                    with crumb:
                        VIcon(icon=(src(icon),) if isinstance(icon, tuple) else icon, classes="mx-1")
                el("div", f"{{{{ ({path}).slice(-1)[0] }}}}", classes="text-truncate text-body-2 pl-1")
            VDivider(v_if=path, classes="mt-3")
            if self.prop("filter") not in (None, False):
                with el("div", classes="v-row px-2 py-0 ma-0"):
                    VTextField(v_model=(text,), label="Filter", clearable=True, classes="mx-3",
                               prepend_inner_icon=self.prop("filter_icon", DEFAULT_PROPS["filter_icon"]),
                               density="compact", variant="outlined", single_line=True, hide_details=True)
            with VList(density="compact", classes="overflow-y-auto"):
                row = VListItem(
                    v_for=f"(item, i) in ({items})", key="i", title=("item.text",),
                    prepend_icon=("item.prependIcon",), append_icon=("item.appendIcon",),
                    v_show=(f"{words}.every(w => (String(item.text || '') + '  ' + "
                            f"String(item.type || '')).toLowerCase().includes(w))"),
                    click="null",
                )
        crumb._events["click"] = handler("click", "null")  # the app's click does the work
        self.chain(crumb, "click", "click", f"({{type: 'path', value: ({path}).slice(0, idx + 1).join('/')}})")
        self.chain(row, "click", "click", "({type: item.type || 'item', value: item.value || i})")
        _seed_defaults(self)


__all__ = ["ListBrowser"]

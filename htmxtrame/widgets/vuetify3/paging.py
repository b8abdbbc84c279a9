"""Paging: ``VPagination``, ``VCarousel``/``VCarouselItem``, ``VDataTableFooter``, ``VInfiniteScroll``, ``VPullToRefresh``.

A pagination's buttons are computed in Python from the page, ``length`` and
``total_visible`` (Vuetify's ellipsis rules); a click writes the page into
its ``v_model`` on the server. A carousel is a :class:`~.data.VWindow` with
previous/next arrows and one delimiter per slide; ``cycle`` advances it
every ``interval`` ms through the page's timer hook (the snackbar's
``data-ht-timeout``), so every page showing it follows the server.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Loop
from ...expr import compile_expr, parse_v_for
from .computed import Rows
from .containers import VBtn
from .core import VElement, el, handler, is_bound, js, place, src
from .data import VWindow, VWindowItem
from .icons import icon

MAX_PAGES = 10_000_000  # a length past this is refused (shown as this many)


def page_range(page: Any, length: Any, visible: Any, start: Any = 1) -> list[Any]:
    """The page numbers a pagination shows, ``"…"`` for a gap (Vuetify's ``range``)."""
    try:
        n = min(MAX_PAGES, int(length))
        start = int(start) if start is not None else 1
        page = int(page) if page is not None else start
    except (TypeError, ValueError):
        return []
    if n <= 0:
        return []
    try:
        total = int(visible) if visible is not None else 7
    except (TypeError, ValueError):
        total = 7
    total = max(1, min(total, 50))
    if total <= 1:
        return [page]
    if n <= total:
        return list(range(start, start + n))
    even = total % 2 == 0
    middle = total // 2
    left = middle if even else middle + 1
    right = n - middle
    if left - page >= 0:
        return [*range(start, start + max(1, total - 1)), "…", n]
    if page - right >= (1 if even else 0):
        count = total - 1
        first = n - count + start
        return [start, "…", *range(first, first + count)]
    count = max(1, total - 3)
    first = page if count == 1 else page - -(-count // 2) + start
    return [start, "…", *range(first, first + count), "…", n]


class VPagination(VElement):
    """Page buttons: ``v_model`` (the page, from 1), ``length``, ``total_visible``, ``start``,
    ``show_first_last_page``, ``disabled``, ``color``/``active_color``, ``variant``, ``size``, ``rounded``.

    Events: ``update_modelValue``, ``next``, ``prev``, ``first``, ``last`` (each with the new page).
    """

    _base = "v-pagination"
    _tag = "nav"
    _props = frozenset({"length", "total_visible", "start", "show_first_last_page", "disabled", "active_color",
                        "prev_icon", "next_icon", "first_icon", "last_icon", "ellipsis", "aria_label",
                        "page_aria_label", "current_page_aria_label", "first_aria_label", "previous_aria_label",
                        "next_aria_label", "last_aria_label", "model_value", "tag", "border"})
    _known_events = VElement._known_events | {"next", "prev", "first", "last"}

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            model = f"ht__page_{self._ht_id}"
            first = self.prop("model_value", self.prop("start", 1))
            self._defaults.append((model, first if not is_bound(first) else 1))
        self.__dict__["_model_key"] = model
        self.attributes["role"] = "navigation"
        self.attributes["aria-label"] = str(self.prop("aria_label", "Pagination Navigation"))
        length, start = src(self.prop("length", 1)), src(self.prop("start", 1))
        last = f"(({start}) + Number({length}) - 1)"
        page = f"(Number({model}) || ({start}))"
        disabled = self.prop("disabled")
        off = f"({disabled[0]})" if is_bound(disabled) else js(disabled not in (None, False))
        variant, size = self.prop("variant", "text"), self.prop("size")
        active_color = self.prop("active_color", self.prop("color"))
        ellipsis = str(self.prop("ellipsis", "…"))

        def button(where: str, glyph: str, label: str, target: str, at_end: str, event: str) -> None:
            with el("li", classes=f"v-pagination__{where}"):
                btn = VBtn(icon=self.prop(f"{where}_icon", glyph), variant=variant, size=size,
                           density=self.prop("density"), rounded=self.prop("rounded"),
                           aria_label=str(self.prop(f"{'previous' if where == 'prev' else where}_aria_label",
                                                    label)),
                           disabled=(f"{off} || {at_end}",), click=f"{model} = {target}")
                self.chain(btn, "click", event, model)
                self.chain(btn, "click", "update_modelValue", model)

        with el("ul", classes="v-pagination__list"):
            if self.prop("show_first_last_page") not in (None, False):
                button("first", "mdi-page-first", "First page", start, f"{page} <= ({start})", "first")
            button("prev", "mdi-chevron-left", "Previous page", f"Math.max({start}, {page} - 1)",
                   f"{page} <= ({start})", "prev")
            rows = Rows(("p",), [model, length, src(self.prop("total_visible")), start],
                        lambda cur, n, vis, st: [({"page": x, "gap": x == "…", "active": x == cur,
                                                   "key": f"{x}-{i}"},)
                                                 for i, x in enumerate(page_range(cur, n, vis, st))],
                        f"{self._ht_id} pages")
            item = el("li", classes=("['v-pagination__item', {'v-pagination__item--is-active': p.active}]",))
            item.__dict__["_loop"] = Loop(rows, rows.source)
            with item:
                el("span", ellipsis, classes="v-pagination__ellipsis", v_if="p.gap", aria_hidden="true")
                with el("span", v_else=True, classes="v-slot"):
                    btn = VBtn(text=("p.page",), size=size, density=self.prop("density"),
                               rounded=self.prop("rounded"), disabled=(off,),
                               variant=(f"p.active ? 'flat' : {js(variant)}",),
                               color=(f"p.active ? {js(active_color)} : null",) if isinstance(active_color, str)
                               else None,
                               aria_current=("p.active ? 'page' : null",),
                               aria_label=(f"(p.active ? {js(self.prop('current_page_aria_label', 'Current page'))} "
                                           f"+ ', ' : '') + {js(self.prop('page_aria_label', 'Page'))} + ' ' + p.page",),
                               click=f"{model} = p.page")
                    self.chain(btn, "click", "update_modelValue", model)
            button("next", "mdi-chevron-right", "Next page", f"Math.min({last}, {page} + 1)",
                   f"{page} >= {last}", "next")
            if self.prop("show_first_last_page") not in (None, False):
                button("last", "mdi-page-last", "Last page", last, f"{page} >= {last}", "last")

    def _class_parts(self) -> tuple[list[str], list[str]]:
        saved = {k: self._p.pop(k) for k in ("color", "variant", "size", "rounded", "density") if k in self._p}
        try:  # the buttons carry them
            return super()._class_parts()
        finally:
            self._p.update(saved)


# -- carousel ------------------------------------------------------------------------------
class VCarouselItem(VWindowItem):
    """One slide of a :class:`VCarousel`: ``src`` (an image, ``cover`` by default), ``alt``, or children."""

    _base = "v-carousel-item v-window-item"
    _props = VWindowItem._props | {"src", "alt", "cover", "content_class", "lazy_src", "gradient", "inline"}

    def _build(self) -> None:
        image = self.prop("src")
        if image is not None:
            with el("div", classes="v-img v-responsive v-carousel-item__img"):
                img = el("img", classes="v-img__img v-img__img--cover", alt=self.prop("alt", ""))
                if is_bound(image):
                    img._set("src", image)
                else:
                    img.attributes["src"] = str(image)
        self._slots["default"] = el("div", classes="v-carousel-item__content v-responsive__content")


class VCarousel(VWindow):
    """Slides one at a time: ``v_model`` (the slide's ``value``, else its index), arrows, delimiters,
    ``cycle`` with ``interval`` (ms), ``continuous`` (default on), ``show_arrows`` (``"hover"``),
    ``hide_delimiters``, ``height`` (default 500), ``progress``.
    """

    _base = "v-carousel v-window"
    _item = VCarouselItem
    _auto = "carousel"
    _props = VWindow._props | {"cycle", "interval", "hide_delimiters", "hide_delimiter_background",
                               "delimiter_icon", "progress", "vertical_delimiters", "next_icon", "prev_icon",
                               "model_value", "show_arrows", "mandatory", "selected_class", "disabled", "tag",
                               "crossfade", "transition_duration", "verticalDelimiters"}

    def _group_build(self) -> None:
        self.attributes["role"] = "region"
        self.attributes["aria-roledescription"] = "carousel"
        self.attributes.setdefault("aria-label", "Carousel")
        self.__dict__["_values"] = []
        self._slots["default"] = el("div", classes="v-window__container")
        arrows = self.prop("show_arrows", True)
        self.__dict__["_arrows"] = []
        if arrows not in (False, "false"):
            with el("div", classes="v-window__controls" + (" v-window__controls--hover" if arrows == "hover" else "")):
                for step, glyph, label in ((-1, "mdi-chevron-left", "Previous slide"),
                                           (1, "mdi-chevron-right", "Next slide")):
                    btn = el("button", icon(self.prop("prev_icon" if step < 0 else "next_icon", glyph)),
                             type="button", classes=f"v-btn v-btn--icon v-window__{'left' if step < 0 else 'right'}",
                             aria_label=label)
                    self._arrows.append((btn, step))
        if self.prop("hide_delimiters") in (None, False):
            cls = "v-carousel__controls" + (" v-carousel__controls--bare"
                                            if self.prop("hide_delimiter_background") not in (None, False) else "")
            vertical = self.prop("vertical_delimiters", self.prop("verticalDelimiters"))
            if isinstance(vertical, str):
                cls += f" v-carousel__controls--vertical-{vertical}"
            self.__dict__["_dots"] = el("div", classes=cls, role="group", aria_label="Slides")
        progress = self.prop("progress")
        if progress not in (None, False):
            self.__dict__["_progress"] = el("div", el("div", classes="v-progress-linear__determinate"),
                                            classes="v-progress-linear v-carousel__progress", aria_hidden="true")
        if self.prop("height") is None:
            self._p["height"] = 500

    def _adopt(self, item: Any) -> None:
        if isinstance(item, self._item) and item._loop is not None:
            names, iterable = item._loop.vfor.names, item._loop.vfor.iterable.source
            value = names[1] if len(names) > 1 else names[0]
            self._values.append((f"...({iterable}).map(({names[0]}, i) => {'i' if len(names) > 1 else names[0]})",
                                 value, item))
            item._directives["v_show"] = compile_expr(f"({self._src}) === {value}")
            self._dot(value, f"'Slide ' + (({iterable}).indexOf({names[0]}) + 1)", item._loop.vfor.source)
            self._timer(item, value)
            self._rewire()
            return
        for node in ([item] if isinstance(item, self._item) else []):
            value = node.prop("value")
            v = src(value) if value is not None else js(len(self._values))
            self._values.append((v, v, node))
            self._join(node, v)
            self._dot(v, js(f"Slide {len(self._values)}"), None)
            self._timer(node, v)
        self._rewire()

    def _dot(self, value: str, label: str, vfor: str | None) -> None:
        dots = self.__dict__.get("_dots")
        if dots is None:
            return
        on = f"({self._src}) === {value}"
        with dots:
            dot = el("button", icon(self.prop("delimiter_icon", "mdi-circle")), type="button",
                     classes=(f"['v-btn', 'v-btn--icon', 'v-carousel__controls__item', {{'v-btn--active': {on}}}]",),
                     aria_label=(label,), aria_current=(f"{on} ? 'true' : null",),
                     click=f"{self._src} = {value}")
        if vfor is not None:
            dot.__dict__["_loop"] = Loop(parse_v_for(vfor), vfor)
        self.chain(dot, "click", "update_modelValue", self._src)

    def _timer(self, item: AbstractElement, value: str) -> None:
        """With ``cycle``, the shown slide carries a timer: when it runs out the next slide shows."""
        cycle = self.prop("cycle")
        if cycle in (None, False):
            return
        shown = f"({self._src}) === {value}"
        if is_bound(cycle):
            shown = f"({cycle[0]}) && {shown}"
        interval = self.prop("interval", 6000)
        timer = el("span", classes="v-carousel__timer", v_if=shown)  # display: none in CSS
        if is_bound(interval):
            timer._set("data-ht-timeout", interval)
        else:
            timer.attributes["data-ht-timeout"] = str(int(float(interval)))
        place(item, timer)
        self.__dict__.setdefault("_timers", []).append(timer)

    def _rewire(self) -> None:
        """Arrows and timers step through the slides there are now."""
        values = "[" + ", ".join(v for v, _, _ in self._values) + "]"
        at = f"{values}.indexOf({self._src})"
        n = f"{values}.length"
        wrap = self.prop("continuous", True) not in (False, "false")
        for btn, step in self._arrows:
            nxt = f"({at} + {step} + {n}) % {n}" if wrap else f"Math.min({n} - 1, Math.max(0, {at} + {step}))"
            btn._events["click"] = handler("click", f"{self._src} = {values}[{nxt}]")
            self.chain(btn, "click", "update_modelValue", self._src)
            if not wrap:
                btn._set("disabled", (f"{at} {'<= 0' if step < 0 else f'>= {n} - 1'}",))
        for timer in self.__dict__.get("_timers", []):
            timer._events["timeout"] = handler("timeout", f"{self._src} = {values}[({at} + 1) % {n}]")
            self.chain(timer, "timeout", "update_modelValue", self._src)


# -- table footer, infinite scroll, pull to refresh -------------------------------------------
class VDataTableFooter(VElement):
    """A table's pager on its own: ``page`` (bound: read and written), ``items_per_page``, ``items_length``,
    ``items_per_page_options`` (a chooser), ``show_current_page``; raises ``update_page``.
    """

    _base = "v-data-table-footer"
    _props = frozenset({"page", "items_per_page", "items_length", "items_per_page_options", "show_current_page",
                        "items_per_page_text", "page_text", "first_icon", "last_icon", "prev_icon", "next_icon",
                        "first_page_label", "prev_page_label", "next_page_label", "last_page_label",
                        "show_first_last_page"})
    _known_events = VElement._known_events | {"update_page", "update_itemsPerPage", "update_options"}

    def _option_key(self, name: str, default: Any) -> str:
        value = self.prop(name)
        if is_bound(value):
            return str(value[0]).strip()
        key = f"ht__footer_{self._ht_id}_{name}"
        self._defaults.append((key, value if value is not None else default))
        return key

    def _build(self) -> None:
        page, per = self._option_key("page", 1), self._option_key("items_per_page", 10)
        total = f"(Number({src(self.prop('items_length', 0))}) || 0)"
        pages = f"(({per}) === -1 ? 1 : Math.max(1, Math.ceil({total} / ({per}))))"
        options = self.prop("items_per_page_options")
        if isinstance(options, (list, tuple)):
            with el("label", classes="v-data-table-footer__items-per-page"):
                el("span", str(self.prop("items_per_page_text", "Items per page:")))
                select = el("select", classes="v-data-table-footer__select", aria_label="Items per page")
                for option in options:
                    value = option.get("value") if isinstance(option, dict) else option
                    title = option.get("title") if isinstance(option, dict) else ("All" if option == -1 else option)
                    select.add(el("option", str(title), value=str(value), selected=(f"({per}) === {js(value)}",)))
                select._events["change"] = handler("change", f"{per} = Number($event.target.value); {page} = 1")
                self.chain(select, "change", "update_itemsPerPage", per)
        el("div", "{{ " + total + " ? (" + f"Math.min({page}, {pages})" + " - 1) * (" + per + " === -1 ? 0 : " + per +
           ") + 1 : 0 }}–{{ " + per + " === -1 ? " + total + " : Math.min(" + f"Math.min({page}, {pages})" + " * " +
           per + ", " + total + ") }} of {{ " + total + " }}", classes="v-data-table-footer__info")
        with el("div", classes="v-data-table-footer__pagination"):
            steps = [("prev", "mdi-chevron-left", "Previous page", f"Math.max(1, {page} - 1)", f"{page} <= 1"),
                     ("next", "mdi-chevron-right", "Next page", f"Math.min({pages}, {page} + 1)",
                      f"{page} >= {pages}")]
            if self.prop("show_first_last_page") not in (None, False):
                steps = [("first", "mdi-page-first", "First page", "1", f"{page} <= 1"), *steps,
                         ("last", "mdi-page-last", "Last page", pages, f"{page} >= {pages}")]
            for where, glyph, label, target, stop in steps:
                if where == "next" and self.prop("show_current_page") not in (None, False):
                    el("span", "{{ " + page + " }}", classes="v-data-table-footer__page")
                btn = VBtn(icon=self.prop(f"{where}_icon", glyph), variant="plain", size="small",
                           aria_label=str(self.prop(f"{where}_page_label", label)), disabled=(stop,),
                           click=f"{page} = {target}")
                self.chain(btn, "click", "update_page", page)


class _Loader(VElement):
    """Shared by infinite scroll and pull to refresh: a button raising ``load`` with ``{side}``."""

    _known_events = VElement._known_events | {"load"}


class VInfiniteScroll(_Loader):
    """A scrolling box that asks for more at its end: ``load`` runs (``$event``: ``{side: "end"}`` …)
    when the "Load more" button there is pressed (``mode="manual"``, Vuetify's button mode; the
    intersect mode shows the same button). ``side`` (``"end"``, ``"start"``, ``"both"``), ``height``,
    ``load_more_text``, ``empty_text``, ``direction``.
    """

    _base = "v-infinite-scroll"
    _props = frozenset({"side", "mode", "direction", "margin", "load_more_text", "empty_text", "tag", "disabled"})

    def _build(self) -> None:
        side = self.prop("side", "end")
        direction = self.prop("direction", "vertical")
        self.attributes["class"] = f"v-infinite-scroll v-infinite-scroll--{direction}"
        text = str(self.prop("load_more_text", "Load more"))
        if side in ("start", "both"):
            with el("div", classes="v-infinite-scroll__side v-infinite-scroll__side--start"):
                self._side_button("start", text)
        self._slots["default"] = el("div", classes="v-infinite-scroll__container")
        if side in ("end", "both"):
            with el("div", classes="v-infinite-scroll__side v-infinite-scroll__side--end"):
                self._side_button("end", text)

    def _side_button(self, side: str, text: str) -> None:
        btn = VBtn(text=text, variant="outlined", size="small", color=self.prop("color"),
                   disabled=self.prop("disabled"))
        h = self.take_event("load")
        if h is not None:
            self.chain(btn, "click", "load", js({"side": side, "done": None}))
        self.__dict__.setdefault("_buttons", []).append(btn)

    def _extra_styles(self) -> tuple[list[str], list[str]]:
        return ["overflow: auto"] if self.prop("height") is not None or self.prop("max_height") is not None else [], []


class VPullToRefresh(_Loader):
    """Content with a refresh control above it: the "Refresh" button raises ``load`` (``$event``: ``{side}``);
    ``pull_down_threshold`` is accepted (the pull gesture needs a touch screen script; the button is its
    keyboard- and mouse-friendly equivalent), ``disabled``.
    """

    _base = "v-pull-to-refresh"
    _props = frozenset({"pull_down_threshold", "disabled"})

    def _build(self) -> None:
        with el("div", classes="v-pull-to-refresh__pull-down"):
            btn = VBtn(icon="mdi-refresh", variant="text", size="small", aria_label="Refresh",
                       disabled=self.prop("disabled"))
        if self.take_event("load") is not None:
            self.chain(btn, "click", "load", js({"side": "start", "done": None}))
        self._slots["default"] = el("div", classes="v-pull-to-refresh__scroll-container")


__all__ = ["VCarousel", "VCarouselItem", "VDataTableFooter", "VInfiniteScroll", "VPagination", "VPullToRefresh",
           "page_range"]

"""Rendering: an element tree and a state become HTML, fragment by fragment.

Every element whose output depends on state (a bound attribute, ``v_model``,
``v_show``/``v_text``/``v_html``, a ``{{ }}`` text, or a child with ``v_if``
or ``v_for``) is a *fragment*: it carries a stable ``id`` and the renderer
records which state keys it read while rendering it. A flush then re-renders
only the fragments that read a dirty key, and the page swaps them in by id.

Inside a ``v_for`` iteration nothing is a fragment of its own — the loop's
parent is, so a list re-renders as one piece.

Elements that handle events or carry ``v_model`` get a ``data-ht`` instance
id; :attr:`Renderer.instances` maps it back to the element and the loop
variables it was rendered with, so an event fired in row 3 sees ``i === 3``,
and whether it was rendered disabled, readonly or hidden (:mod:`.inactive`).

Every page load and every flush renders within a budget
(:mod:`.render_limits`): past it, the fragment being rendered shows an
error marker instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from dominate.dom_tag import dom_tag
from dominate.util import escape

from . import inactive
from .elements import AbstractElement, DynamicText, Text, model_event
from .elements.eventuse import dom_needs, payload_events
from .expr import (
    UNDEFINED,
    Context,
    Expr,
    ExpressionError,
    to_display,
    to_js_string,
    truthy,
)
from .render_attrs import (
    apply_binding,
    apply_model,
    echo_modifiers,
    error_marker,
    mark_option,
    safe_spread_name,
    scope_to_row,
)
from .render_ids import guard_id
from .render_leaf import leaf_of
from .render_limits import Budget, RenderLimitExceeded, RenderLimits, open_tag, over_budget_html
from .render_options import option_value
from .render_records import UNCHECKED, Fragment, Frame, Instance, is_dynamic
from .scopes import page as page_views

log = logging.getLogger("htmxtrame.render")



class Renderer:
    """Renders one layout root against one state and tracks its fragments."""

    def __init__(
        self, state: Any, root: AbstractElement, functions: dict | None = None, limits: RenderLimits | None = None,
        fallback: Any = None,
    ) -> None:
        self.state = state
        # A session's renderer reads the keys its state lacks from the shared
        # state (htmxtrame.scopes); None: this state only.
        self.fallback = fallback
        # One page's client-only values, set only while rendering for that
        # page; they win over the state's. page_view: whose values the
        # fragments reading client-only keys show now (htmxtrame.scopes.page).
        self.overlay: dict | None = None
        self.overlay_page: Any = None
        self.page_view: Any = None
        self.root = root
        self.functions = functions or {}
        self.limits = limits if limits is not None else RenderLimits()
        self.fragments: dict[str, Fragment] = {}
        self.index: dict[str, set[str]] = {}
        self.instances: dict[str, Instance] = {}
        self.render_count = 0  # render_fragment() calls, for tests and benchmarks
        # The state moved on while no page of this layout was connected, so
        # the fragments and instances above may be out of date (Scope sets it).
        self.stale = False
        self._stack: list[Frame] = []
        self._budget = Budget(self.limits)
        self._outer = inactive.VISIBLE
        self._reserved: frozenset[str] = frozenset()  # ids of the layout's fragments
        self._last_logged: dict[tuple, float] = {}

    # -- public ----------------------------------------------------------
    def render_page_body(self) -> str:
        """The whole layout as HTML; resets the fragment index."""
        with self.state._lock:
            self.fragments.clear()
            self.index.clear()
            self.instances.clear()
            self.stale = False
            self._reserved = frozenset(el.dom_id for el in self.root.walk() if is_dynamic(el))
            out: list[str] = []
            self._budget = Budget(self.limits)
            self._stack = [Frame(None)]
            self._outer = inactive.VISIBLE
            try:
                self._element(self.root, self._context(), {}, out, "", in_loop=False)
            except RenderLimitExceeded as exc:
                # Crossed outside any fragment: nothing smaller to mark.
                self._over_budget(self.root, exc)
                out = [over_budget_html("div", {}, exc, False)]
            self._stack = []
            self.page_view = self.overlay_page  # the whole page: every fragment shows this page's values
            return "".join(out)

    def refresh_if_stale(self) -> None:
        """Re-render when the state moved on unseen, so events resolve against the current page."""
        if self.stale:
            with self.state._lock:
                if self.stale:
                    self.render_page_body()

    def dirty_fragments(self, keys: Any) -> list[str]:
        """Ids of the fragments to re-render for *keys*, outermost only."""
        hit: set[str] = set()
        for key in keys:
            hit.update(self.index.get(key, ()))
        result = []
        for fid in hit:
            parent = self.fragments[fid].parent
            while parent is not None and parent not in hit:
                parent = self.fragments[parent].parent
            if parent is None:
                result.append(fid)
        return result

    def render_fragment(self, fid: str) -> str:
        """Re-render one fragment (and everything inside it) by id."""
        return self.render_fragments([fid])[fid]

    def render_fragments(self, fids: Any, on_error: Callable[[str, Exception], None] | None = None) -> dict[str, str]:
        """Re-render fragments by id, within one budget (one flush): id -> HTML.

        With *on_error*, a fragment whose rendering raises is reported there
        and left out (the page keeps its previous version); the others render.
        """
        with self.state._lock:
            self._budget = Budget(self.limits)
            out: dict[str, str] = {}
            for fid in fids:
                try:
                    out[fid] = self._fragment_again(fid)
                except Exception as exc:
                    if on_error is None:
                        raise
                    self._stack = []
                    on_error(fid, exc)
            page_views.rendered(self, out)
            return out

    def _fragment_again(self, fid: str) -> str:
        frag = self.fragments[fid]
        self.render_count += 1
        leaf = frag.leaf
        if leaf is UNCHECKED:
            leaf = frag.leaf = leaf_of(frag.element, fid)
        if leaf is not None:
            html = self._leaf_again(fid, frag, leaf)
            if html is not None:
                return html
        self._drop(fid, keep_self=True)
        parent = self.fragments.get(frag.parent) if frag.parent else None
        out: list[str] = []
        self._stack = [Frame(frag.parent)]
        self._outer = frag.outer
        self._element(frag.element, self._context(), {}, out, "", in_loop=False)
        self._stack = []
        if parent is not None and fid not in parent.children:
            parent.children.append(fid)
        return "".join(out)

    def _leaf_again(self, fid: str, frag: Fragment, leaf: Any) -> str | None:
        """A text-only fragment re-rendered from its pieces (render_leaf.py); None: take the general path."""
        frame = Frame(fid, frag.outer)
        self._stack = [frame]
        ctx = self._context()
        try:
            html = leaf.head + "".join(
                [p if type(p) is str else escape(p.render(ctx)) for p in leaf.pieces]) + leaf.close
            self._budget.node(len(html))
        except (ExpressionError, RenderLimitExceeded):
            return None  # the general path marks the element and reports it
        finally:
            self._stack = []
        reads, keys = frame.reads, frag.keys
        if reads != keys:
            for key in keys - reads:
                self.index[key].discard(fid)
            for key in reads - keys:
                self.index.setdefault(key, set()).add(fid)
            frag.keys = reads
        return html

    # -- bookkeeping -----------------------------------------------------
    def _drop(self, fid: str, keep_self: bool = False) -> None:
        frag = self.fragments.get(fid)
        if frag is None:
            return
        for child in frag.children:
            self._drop(child)
        for key in frag.keys:
            fids = self.index.get(key)
            if fids is not None:
                fids.discard(fid)
        for iid in frag.instances:
            self.instances.pop(iid, None)
        if not keep_self:
            del self.fragments[fid]

    def _read(self, name: str) -> Any:
        # Every state lookup made while rendering lands here, so the
        # innermost fragment learns which keys it depends on.
        self._stack[-1].reads.add(name)
        overlay = self.overlay
        if overlay and name in overlay:
            return overlay[name]
        try:
            return self.state.page_value(name)  # KeyError for no value, or one with no JSON form
        except KeyError:
            if self.fallback is None or name in self.state:
                raise
            return self.fallback.page_value(name)


    def _context(self) -> Context:
        return Context(lookup=self._read, locals={}, functions=self.functions,
                       max_seconds=self.limits.expression_seconds, deadline=self._budget.deadline)


    def _eval(self, expr: Expr, ctx: Context, el: AbstractElement) -> Any:
        try:
            return expr.evaluate(ctx)
        except ExpressionError as exc:
            # The rest of the page still renders; the element is marked.
            self._failed(el, exc)
            self._errors += 1
            return UNDEFINED

    def _failed(self, el: AbstractElement, exc: ExpressionError, what: str = "") -> None:
        """Log an expression that failed while rendering *el*, and tell the app.

        The expression's source with a caret says where; when app code it
        called raised (a trigger), its traceback is logged too. The app's
        ``on_error`` hears of it (and, with ``--debug``, every page shows it).
        """
        where = f"{what} of {el!r}" if what else repr(el)
        log.error("while rendering %s: %s", where, exc, exc_info=exc if exc.__cause__ is not None else None)
        self.state._report(f"rendering {where}", exc)

    _errors = 0
    _select: Any = UNDEFINED
    _options: dict | None = None  # the options of the select being rendered

    # -- walking ---------------------------------------------------------
    def _element(
        self, el: Any, ctx: Context, scope: dict, out: list[str], suffix: str, in_loop: bool
    ) -> None:
        # scope: loop variable -> (value, state keys it came from)
        if not isinstance(el, AbstractElement):
            if isinstance(el, dom_tag):
                html = el.render(pretty=False)
                out.append(html)
                self._budget.node(len(html))
            return
        if not in_loop and is_dynamic(el):
            self._fragment(el, ctx, scope, out, suffix)
        else:
            self._tag(el, ctx, scope, out, suffix, in_loop, None)

    def _tag(
        self, el: AbstractElement, ctx: Context, scope: dict, out: list[str], suffix: str, in_loop: bool,
        fid: str | None,
    ) -> None:
        errors = self._errors
        attrs = dict(el.attributes)
        if suffix and el._row_scoped:
            scope_to_row(attrs, el._row_scoped, suffix)
        own_id = attrs.get("id")  # the literal id, given its row's tag inside a v_for
        if fid is not None:
            attrs["id"] = fid
        inner: str | None = None
        for name, expr in el._bindings.items():
            apply_binding(attrs, name, self._eval(expr, ctx, el))
        if suffix and el._row_scoped and el._bindings:
            # a generated id that is bound (an autocomplete's option rows) is per row too
            bound = tuple(name for name in el._row_scoped if name in el._bindings)
            if bound:
                scope_to_row(attrs, bound, suffix)
        d = el._directives
        if "v_bind" in d:
            spread = self._eval(d["v_bind"], ctx, el)
            if isinstance(spread, dict):
                for name, value in spread.items():
                    if safe_spread_name(str(name), el):
                        apply_binding(attrs, str(name), value)
        if "v_show" in d and not truthy(self._eval(d["v_show"], ctx, el)):
            attrs["style"] = (attrs["style"] + "; " if attrs.get("style") else "") + "display: none"
        given = attrs.get("id")
        refused_id = given is not None and given != (fid or own_id) and self._guard_id(el, attrs, fid, own_id)
        if "v_text" in d:
            inner = escape(to_display(self._eval(d["v_text"], ctx, el)))
        if "v_html" in d:
            inner = to_display(self._eval(d["v_html"], ctx, el))  # the one raw-HTML opening
        select_value = UNDEFINED
        if el._model is not None:
            if fid is not None and not suffix and el.tagname in _TEXT_TAGS and str(attrs.get("type")).lower() not in _NOT_TEXT:
                # Read last of all its bindings: what the model adds is its alone.
                reads = self._stack[-1].reads
                seen = len(reads), set(reads)
            else:
                seen = None
            value = self._eval(el._model.target, ctx, el)
            inner = apply_model(el, attrs, value, inner)
            if seen is not None and len(reads) == seen[0] + 1:
                # The key, and the text the field shows for it (a mask may format it).
                shown = attrs.get("value") if el.tagname == "input" else to_display(value)
                self._stack[-1].echo = (next(iter(reads - seen[1])), shown)
            if el.tagname == "select":
                select_value = value
        if el.tagname == "option" and self._select is not UNDEFINED:
            mark_option(el, attrs, self._select)
        if el._events or el._model is not None or el._also:
            iid = el._ht_id + suffix
            attrs["data-ht"] = iid
            if el._events or el._also:
                attrs["data-ht-on"] = " ".join(dict.fromkeys([*el._events, *el._also]))
                wanted = payload_events(el)
                if wanted:
                    attrs["data-ht-ev"] = " ".join(wanted)  # the page sends $event only for these
                    dom = dom_needs(el, wanted)
                    if dom:
                        attrs["data-ht-dom"] = dom  # preventDefault() on the page, element snapshots
            if el._model is not None:
                attrs["data-ht-model"] = model_event(el)
                if el._model.modifiers or attrs.get("type") == "number":
                    mods = echo_modifiers(el)
                    if mods:
                        attrs["data-ht-mod"] = mods
            self.instances[iid] = Instance(
                el,
                {name: value for name, (value, _) in scope.items()},
                {name: keys for name, (_, keys) in scope.items()},
                inactive.state_of(el.tagname, attrs, self._outer),
                {} if el.tagname == "select" else None,
            )
            self._stack[-1].instances.append(iid)
        if self._errors > errors:
            attrs["data-ht-error"] = "expression error (see server log)"
        elif refused_id:
            attrs["data-ht-error"] = "bound id refused (see server log)"
        html = open_tag(el.tagname, attrs)
        out.append(html)
        size = len(html)
        if not el.is_single:
            if inner is not None:
                out.append(inner)
                size += len(inner)
                if el.tagname == "option":
                    self._option(el, attrs, [inner], suffix, fid)
            else:
                self._budget.node(size)
                size = 0
                saved = self._select, self._outer, self._options
                if el.tagname == "select":
                    self._select = select_value
                    self._options = self._select_options(el, suffix)
                self._outer = inactive.inherit(el.tagname, attrs, self._outer)
                start = len(out)
                self._children(el, ctx, scope, out, suffix, in_loop)
                self._select, self._outer, self._options = saved
                if el.tagname == "option":
                    self._option(el, attrs, out[start:], suffix, fid)
            out.append(f"</{el.tagname}>")
            if inner is None:
                self._budget.chars += len(el.tagname) + 3
                return
            size += len(el.tagname) + 3
        self._budget.node(size)

    def _fragment(self, el: AbstractElement, ctx: Context, scope: dict, out: list[str], suffix: str) -> None:
        """Render an updatable element; past the render budget, its error marker instead."""
        fid = el.dom_id
        parent_frame = self._stack[-1]
        frame = Frame(fid, self._outer)
        self._stack.append(frame)
        depth, start, spent = len(self._stack), len(out), self._budget.mark()
        saved = self._select, self._outer, self._options
        try:
            self._tag(el, ctx, scope, out, suffix, False, fid)
        except RenderLimitExceeded as exc:
            # Throw away what it rendered (and the fragments and instances
            # inside): the page gets the marker, with the id updates target.
            del self._stack[depth:]
            del out[start:]
            self._select, self._outer, self._options = saved
            self._abandon(frame)
            self._budget.refund(spent)
            self._over_budget(el, exc)
            attrs = {**el.attributes, "id": fid}
            out.append(over_budget_html(el.tagname, attrs, exc, el.is_single))
        self._stack.pop()
        self._register(el, frame, parent_frame)

    def _select_options(self, el: AbstractElement, suffix: str) -> dict | None:
        inst = self.instances.get(el._ht_id + suffix)
        return inst.options if inst is not None and inst.element is el else None

    def _option(self, el: AbstractElement, attrs: dict, inner: list[str], suffix: str, fid: str | None) -> None:
        """Record what an ``<option>`` offers its select (a forged value is refused: render_options.py)."""
        options = self._options
        if options is None and fid is not None:
            # An option re-rendered on its own (a bound value, outside any
            # loop): its select is its parent (or an optgroup's), not in a loop.
            parent = el.parent
            if isinstance(parent, AbstractElement) and parent.tagname == "optgroup":
                parent = parent.parent
            if isinstance(parent, AbstractElement) and parent.tagname == "select":
                options = self._select_options(parent, "")
        if options is not None:
            key = el._ht_id + suffix
            value = option_value(attrs, inner)
            if value is None:
                options.pop(key, None)
            else:
                options[key] = value

    def _abandon(self, frame: Frame) -> None:
        for iid in frame.instances:
            self.instances.pop(iid, None)
        for child in frame.children:
            self._drop(child)
        frame.instances, frame.children = [], []

    def _over_budget(self, el: AbstractElement, exc: RenderLimitExceeded) -> None:
        """Log a render that went over budget, naming the element and the expression; tell the app."""
        where = exc.element if exc.element is not None else el
        what = f" ({exc.expression})" if exc.expression else ""
        if self._logged_lately(("budget", el._ht_id)):
            return
        log.error("while rendering %r%s: %s; %r shows an error marker instead. Raise the limit "
                  "(server.render_limits) if the page really needs that much.", where, what, exc, el)
        self.state._report(f"rendering {where!r}{what}", exc)

    def _logged_lately(self, key: tuple) -> bool:
        """True when *key*'s problem was logged less than a second ago (a page may repeat it on purpose)."""
        now = time.monotonic()
        if now - self._last_logged.get(key, -1e9) < 1.0:
            return True
        if len(self._last_logged) > 1000:
            self._last_logged.clear()
        self._last_logged[key] = now
        return False

    def _guard_id(self, el: AbstractElement, attrs: dict, fid: str | None, own_id: Any) -> bool:
        """Keep bound ids off the ids updates find elements by (see :func:`.render_ids.guard_id`)."""
        problem = guard_id(el, attrs, fid, lambda i: i in self._reserved or i in self.fragments, own_id)
        if problem is not None and not self._logged_lately(("id", el._ht_id, problem)):
            log.error("%s", problem)
        return problem is not None

    def _children(
        self, el: AbstractElement, ctx: Context, scope: dict, out: list[str], suffix: str, in_loop: bool
    ) -> None:
        taken = False  # whether an earlier branch of a v-if chain rendered
        children = el.children
        content_for = getattr(type(el), "content_for", None)
        if content_for is not None:
            # Content chosen per page (a RouterView's current route): it
            # renders as one piece, as a v_for row does, so no fragment
            # inside it outlives the page it was rendered for.
            children, in_loop = content_for(el, lambda expr: self._eval(expr, ctx, el)), True
        for child in children:
            if isinstance(child, Text):
                out.append(child.html)
                self._budget.chars += len(child.html)
                continue
            if isinstance(child, DynamicText):
                html = self._text(child, ctx, el)
                out.append(html)
                self._budget.node(len(html))
                continue
            if isinstance(child, str):
                html = escape(child)
                out.append(html)
                self._budget.chars += len(html)
                continue
            chain = getattr(child, "_chain", None)
            if chain == "if":
                taken = False
            if chain is not None:
                if taken:
                    continue
                if chain != "else" and not truthy(self._eval(child._directives["cond"], ctx, child)):
                    continue
                taken = True
            if getattr(child, "_loop", None) is not None:
                self._loop(child, ctx, scope, out, suffix)
            else:
                self._element(child, ctx, scope, out, suffix, in_loop)

    def _loop(self, el: AbstractElement, ctx: Context, scope: dict, out: list[str], suffix: str) -> None:
        vfor = el._loop.vfor
        budget = self._budget
        try:
            rows = vfor.iterate(ctx, budget.limits.max_rows - budget.rows)
        except ExpressionError as exc:
            self._failed(el, exc, f"v_for={el._loop.source!r}")
            out.append(error_marker(exc))
            return
        # Writes through a loop variable (item.done = true) dirty the state
        # keys the iterable was read from.
        origin: set[str] = set()
        for name in vfor.iterable.names:
            origin.update(scope[name][1] if name in scope else {name})
        seen: set[str] = set()
        try:
            budget.fits_rows(len(rows))
            for index, row in enumerate(rows):
                budget.row()
                names = dict(zip(vfor.names, row, strict=False))
                row_ctx = ctx.child(**names)
                row_scope = {**scope, **{name: (value, origin) for name, value in names.items()}}
                row_id = self._row_id(el, row_ctx, index, seen)
                self._element(el, row_ctx, row_scope, out, f"{suffix}.{row_id}", True)
        except RenderLimitExceeded as exc:
            if exc.element is None:  # the innermost loop names itself
                exc.element, exc.expression = el, f"v_for={el._loop.source!r}"
            raise

    def _row_id(self, el: AbstractElement, ctx: Context, index: int, seen: set[str]) -> str:
        # A row's part of its instance ids: its key when it has a usable one,
        # so an event sent before the page saw a re-render (an item deleted
        # above it, by another page) still reaches the same item; else its
        # position.
        if el._key is None:
            return str(index)
        errors = self._errors
        key = self._eval(el._key, ctx, el)
        if self._errors > errors:
            return str(index)  # logged by _eval
        if isinstance(key, bool) or not isinstance(key, (str, int, float)):
            log.warning("v_for=%r of %r: key=%r gave %s, not a string or number; rows fall back to "
                        "their position", el._loop.source, el, el._key.source, to_js_string(key))
            return str(index)
        row_id = "k" + to_js_string(key).replace("%", "%25").replace(".", "%2E")
        if row_id in seen:
            log.warning("v_for=%r of %r: duplicate key %r; give every row its own key",
                        el._loop.source, el, to_js_string(key))
            return str(index)
        seen.add(row_id)
        return row_id

    def _text(self, child: DynamicText, ctx: Context, el: AbstractElement) -> str:
        try:
            return escape(child.template.render(ctx))
        except ExpressionError as exc:
            self._failed(el, exc, "text")
            return error_marker(exc)

    def _register(self, el: AbstractElement, frame: Frame, parent: Frame) -> None:
        fid = frame.fid
        assert fid is not None  # only a fragment's frame is registered
        old = self.fragments.get(fid)
        if getattr(type(el), "content_for", None) is not None:
            # Its content differs per page (a RouterView): keep every key any
            # page's content read, so a change re-renders it for the pages showing it.
            frame.reads |= el.__dict__.setdefault("_reads_seen", set())
            el.__dict__["_reads_seen"] = set(frame.reads)
        frag = Fragment(el, parent.fid, frame.reads, frame.children, frame.instances, frame.outer, frame.echo)
        if old is not None and old.element is not el:
            log.warning("two elements share the id %r; give them different ids", fid)
        self.fragments[fid] = frag
        for key in frame.reads:
            self.index.setdefault(key, set()).add(fid)
        parent.children.append(fid)


_TEXT_TAGS = frozenset(("input", "textarea"))
_NOT_TEXT = frozenset(("checkbox", "radio", "file", "range", "number", "hidden"))

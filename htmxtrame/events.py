"""Input from the page: an element id, an event name and a value, applied.

The page never sends code, a controller name or a state key. It names an
element instance (``data-ht``) and an event; this module looks both up in
what the renderer recorded, coerces the value to what the bound input
holds, writes the state or runs the bound handler, and flushes. Anything
that does not fit is refused with an :class:`InputError` and changes
nothing.
"""

from __future__ import annotations

import copy
import inspect
import logging
import math
import re
from typing import Any

from . import client_utils, inactive, refs
from .busy import refuse_write
from .controller import Controller
from .elements import model_event
from .elements.refs import page_refs, uses_refs
from .expr import UNDEFINED, Context, ExpressionError, to_js_string
from .expr.domevent import dom_event
from .files import claim_upload
from .log_budget import budget_of
from .render import Instance, Renderer
from .render_options import not_offered
from .routes import page_router
from .scopes.page import PageFull, PageValues, is_client_only, show_page
from .state import State

log = logging.getLogger("htmxtrame.events")


class InputError(ValueError):
    """Input from a page that was refused; ``code`` names the kind."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class HandlerError(RuntimeError):
    """App code bound to an event raised; the traceback is in the log."""


def python_value(value: Any) -> Any:
    """*value* as a Python callback receives it: JS ``undefined`` is ``None``.

    trame's callbacks get their arguments after the trip through the
    browser's serializer, which has no ``undefined``; here they come straight
    from the evaluator (``options.get("search")`` must be ``None``, not a
    sentinel). Values without an ``undefined`` inside are passed as they are.
    """
    return _without_undefined(value, set()) if _holds_undefined(value, set()) else value


def _holds_undefined(value: Any, seen: set[int]) -> bool:
    if value is UNDEFINED:
        return True
    if not isinstance(value, (list, dict)) or id(value) in seen:
        return False
    seen.add(id(value))
    return any(_holds_undefined(v, seen) for v in (value if isinstance(value, list) else value.values()))


def _without_undefined(value: Any, path: set[int]) -> Any:
    if value is UNDEFINED:
        return None
    if not isinstance(value, (list, dict)) or id(value) in path:  # a cycle stays as it is
        return value
    path.add(id(value))
    try:
        if isinstance(value, list):
            return [_without_undefined(v, path) for v in value]
        return {k: _without_undefined(v, path) for k, v in value.items()}
    finally:
        path.discard(id(value))


def functions_for(state: State, controller: Controller, tasks: list | None = None) -> dict:
    """The host functions expressions may call: ``trigger``, ``get``, ``set``, ``utils.*``.

    The tasks async triggers start are added to *tasks* (a page's handler:
    the page waits for them, see :mod:`htmxtrame.busy`).
    """

    def trigger(name: Any, args: Any = None, kwargs: Any = None) -> Any:
        if not isinstance(name, str):
            raise ExpressionError(f"trigger() takes a trigger name first, got {to_js_string(name)!r}")
        args = python_value(args if isinstance(args, list) else ([] if args is None else [args]))
        result = controller.call_trigger(name, args, python_value(kwargs) if isinstance(kwargs, dict) else {})
        if inspect.isawaitable(result):
            _started(state._schedule(result), tasks)
            return None
        return result

    def get(name: Any) -> Any:
        return state[str(name)]

    def set_(name: Any, value: Any) -> None:
        refuse_write(str(name))
        state[str(name)] = value

    # $refs.view.resetCamera(): methods of server-side views (htmxtrame.refs)
    return {"trigger": trigger, "get": get, "set": set_, "utils": client_utils.namespace(),
            "console": client_utils.console_namespace(),
            "$refs": refs.namespace(state)}


def dispatch(
    renderer: Renderer, controller: Controller, iid: Any, event: Any, value: Any = None, payload: Any = None,
    page: PageValues | None = None, tasks: list | None = None, resend: list | None = None,
) -> Any:
    """Apply one event from the page, then flush the state.

    Returns what the bound handler returned (file content to download).
    The tasks an async handler or trigger started are added to *tasks*.
    With *page* (the sending page's client-only values), writes to
    client-only keys land there instead of in the state; a session's
    renderer (``renderer.fallback``) reads and writes the shared keys its
    own state lacks.

    Raises :class:`InputError` for input that names nothing on the page,
    names an element a person could not use (rendered disabled, readonly or
    hidden) or carries a value of the wrong type (state untouched), and
    :class:`HandlerError` when the app's handler raised. A value taken
    in another form than sent (a range input's, clamped) adds the instance to
    *resend*: the page should be shown it again.
    """
    state = renderer.state
    if not isinstance(iid, str) or not isinstance(event, str):
        raise InputError("bad-message", "an event names an element id and an event, both strings")
    try:
        with state._lock:
            # Changes made while no page of this layout was connected left
            # its instances behind the state: a v_if since removed would
            # still answer.
            renderer.refresh_if_stale()
            show_page(renderer, state, page)  # a client-only value may decide what this page shows
            return _apply(renderer, controller, iid, event, value, payload, page, tasks, resend)
    except PageFull as exc:
        raise InputError("too-many-values", str(exc)) from None
    finally:
        # Whatever a handler changed before it failed is kept and pushed,
        # so the pages and the state never disagree.
        state.flush()
        if renderer.fallback is not None:
            renderer.fallback.flush()


def _apply(
    renderer: Renderer, controller: Controller, iid: str, event: str, value: Any, payload: Any, page: PageValues | None,
    tasks: list | None = None, resend: list | None = None,
) -> Any:
    state = renderer.state
    inst = renderer.instances.get(iid)
    if inst is None:
        raise InputError(
            "unknown-element",
            f"no element {iid[:64]!r} on this page handles events; reload the page "
            "if the layout changed",
        )
    el = inst.element
    handler = el._events.get(event)
    also = el._also.get(event, ()) if el._also else ()
    is_model = el._model is not None and event == model_event(el)
    if handler is None and not is_model and not also:
        raise InputError("unknown-event", f"element {iid!r} does not handle {event[:32]!r} events")
    why = inactive.refusal(inst.inactive, event, is_model) if inst.inactive else None
    if why is not None:
        raise InputError("inactive-element", f"element {iid!r} {why}; it takes no {event[:32]!r} input")
    # A bare callable (click=ctrl.inc) reads nothing from the page: no
    # expression context to build for it.
    bare = handler is not None and handler.code is None and handler.args is None and handler.kwargs is None
    ctx = None
    if not bare or is_model or also:
        payload = dom_event(payload)  # $event.preventDefault(), $event.srcElement...
        ctx = _context(state, controller, inst, payload, renderer, page, tasks)
    if ctx is not None and handler is not None and uses_refs(handler.code):
        # $refs.form.validate() (a form's server methods) beside server-side views' refs
        ctx.functions = {**ctx.functions, "$refs": {**page_refs(el), **ctx.functions.get("$refs", {})}}
    if is_model:
        assert ctx is not None  # built whenever the event writes a v_model
        coerced = coerce(inst, value, ctx, resend)
        try:
            el._model.assign.evaluate(ctx.child(**{"$value": coerced}))
        except ExpressionError as exc:
            raise InputError("bad-value", f"cannot write {el._model.target.source!r}: {exc}") from None
    result = _run(handler, ctx, state, iid, tasks) if handler is not None else None
    for extra, reported in also:
        assert ctx is not None  # built whenever the event raises a widget's own events
        # A widget's own event raised by this DOM event (Vuetify's
        # update:modelValue, a slider's end): $event is the value it reports.
        try:
            value = reported.evaluate(ctx) if reported is not None else payload
        except ExpressionError as exc:
            raise InputError("bad-value", f"{extra.event} of {iid!r}: {exc}") from None
        extra_result = _run(extra, ctx.child(**{"$event": value}), state, iid, tasks)
        if result is None:
            result = extra_result
    return result


def _context(
    state: State, controller: Controller, inst: Instance, payload: Any, renderer: Renderer,
    page: PageValues | None = None, tasks: list | None = None,
) -> Context:
    shared = renderer.fallback

    def owner(name: str) -> State:
        # A session's page reaches the shared state for the keys its own lacks.
        if shared is not None and name not in state and name in shared:
            return shared
        return state

    def lookup(name: str) -> Any:
        if page is not None and is_client_only(state, name):
            if name in page:
                return page.get(name)
            value = state[name] if name in state else None
            if isinstance(value, (list, dict)):
                # The page's own copy: a member write (items[0].done = true)
                # must never change the server's value in place.
                page.values[name] = copy.deepcopy(value)
                return page.values[name]
        source = owner(name)
        if name in source:
            return source[name]
        raise KeyError(name)

    def assign(name: str, value: Any) -> None:
        refuse_write(name)
        if page is not None and is_client_only(state, name):
            page.put(name, value)  # this page's alone: no listener, no other page
            return
        owner(name)[name] = value

    def touch(name: str) -> None:
        # A member write (items[2].done = true) mutated a value in place:
        # mark the state keys it came from, so listeners and pages see it.
        for root in inst.roots.get(name, {name}):
            if page is not None and root in page:
                page.touch(root)
            else:
                owner(root).dirty(root)

    functions = functions_for(state, controller, tasks)
    if page is not None:  # $router.push('/foo'), $router.back(): this page's route (htmxtrame.routes)
        functions["$router"] = page_router(page, state)
    return Context(
        lookup=lookup,
        assign=assign,
        touch=touch,
        locals={**inst.locals, "$event": payload},
        functions=functions,
        max_seconds=renderer.limits.expression_seconds,
    )


def _run(handler: Any, ctx: Context | None, state: State, iid: str, tasks: list | None = None) -> Any:
    try:
        if handler.code is not None:
            return handler.code.evaluate(ctx)
        args = handler.args.evaluate(ctx) if handler.args is not None else []
        kwargs = handler.kwargs.evaluate(ctx) if handler.kwargs is not None else {}
        if not isinstance(args, list):
            args = [args]
        result = handler.fn(*python_value(args), **(python_value(kwargs) if isinstance(kwargs, dict) else {}))
        if inspect.isawaitable(result):
            _started(state._schedule(result), tasks)
            return None
        return result
    except Exception as exc:  # noqa: BLE001 - app code must not take the server down
        # A visitor can make a failing handler fail 500 times a second: the traceback is bounded per element.
        budget_of(state).log(log, logging.ERROR, "the %s handler of element %s raised", handler.event, iid,
                             kind=(handler.event, iid.split(".", 1)[0]), exc_info=True)
        state._report(f"{handler.event} handler of {iid}", exc)
        raise HandlerError(f"the server's {handler.event} handler failed: {type(exc).__name__}: {exc}") from exc


def _started(task: Any, tasks: list | None) -> None:
    # trame awaits an async trigger before it answers the page: the page
    # waits for it (htmxtrame.busy), not for the listeners it sets off.
    if tasks is not None and task is not None:
        tasks.append(task)


def coerce(inst: Instance, value: Any, ctx: Context, resend: list | None = None) -> Any:
    """Turn the page's raw input value into what the bound input holds.

    A value no browser could send that is taken in a form it could (a range
    input's, clamped) adds *inst* to *resend*: the page should show it again.
    """
    el = inst.element
    kind = getattr(el, "_model_kind", None) or str(el.attributes.get("type", "text")).lower()
    if el.tagname == "select":
        kind = "select-multiple" if "multiple" in el.attributes else "select"
    if el._model is not None and "number" in el._model.modifiers:
        if isinstance(value, str) and "trim" in el._model.modifiers:
            value = value.strip()
        return loose_number(value)
    if kind == "file":
        # The page uploaded the files over HTTP first and sends their token.
        files = claim_upload(value)
        if files is None:
            raise InputError("bad-value", "unknown or expired upload; choose the files again")
        if getattr(el, "_single_file", False):
            return files[0] if files else None
        return files
    if kind == "number" and value == "":
        return ""  # an emptied number input: Vue's v-model gives "" (state must see the field is empty)
    if kind == "range":
        sent = _number(value, kind)
        held = _in_range(el, sent, ctx)
        if held != sent and resend is not None:
            # No browser sends this (its slider keeps min/max/step): a page made
            # to show it gets the slider back even when the state already holds *held*.
            resend.append(inst)
        return held
    if kind == "number":
        return _number(value, kind)
    if kind in ("checkbox", "switch"):
        if not isinstance(value, bool):
            raise InputError("bad-value", f"a checkbox takes true or false, got {_show(value)}")
        if getattr(el, "_model_kind", None) is None and el._model is not None:
            return _ticked(el, value, ctx)
        return value
    if kind == "radio":
        return _own_value(el, ctx)
    if kind == "select-multiple":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError("bad-value", f"a multiple select takes a list of strings, got {_show(value)}")
        if len(set(value)) != len(value):
            # A browser sends each selected option once: 150,000 copies of one
            # would make every render of the select slow, for every page.
            raise InputError("bad-value", "a multiple select takes each of its options at most once")
        return _offered(inst, value, value)
    if not isinstance(value, str):
        raise InputError("bad-value", f"a {kind} input takes a string, got {_show(value)}")
    if kind == "select":
        return _offered(inst, [value], value)
    if el._model is not None and "trim" in el._model.modifiers:
        value = value.strip()
    return value


_JS_FLOAT = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def loose_number(value: Any) -> Any:
    """Vue's ``.number`` modifier: the number a string starts with, as
    JavaScript's ``parseFloat`` reads it (``"12abc"`` → 12), else the
    string itself (``""`` stays ``""``, ``"abc"`` stays ``"abc"``)."""
    if isinstance(value, bool) or value is None:
        raise InputError("bad-value", f"a .number input takes a string or a number, got {_show(value)}")
    if isinstance(value, (int, float)):
        return _number(value, "number")
    if not isinstance(value, str):
        raise InputError("bad-value", f"a .number input takes a string or a number, got {_show(value)}")
    m = _JS_FLOAT.match(value.strip())
    if m is None:
        return value
    number = float(m.group())
    if not math.isfinite(number):
        return value  # parseFloat's Infinity: kept as typed, state holds no infinities
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _number(value: Any, kind: str) -> int | float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise InputError("bad-value", f"a {kind} input takes a number, got {_show(value)}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("bad-value", f"a {kind} input takes a number, got {_show(value)}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError("bad-value", f"a {kind} input takes a finite number, got {value}")
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def _in_range(el: Any, value: int | float, ctx: Context) -> int | float:
    """*value* as a browser's range input would hold it: within ``min``/``max``
    (as rendered now), on a ``step``. No page can send more, and an app that
    sizes work by a slider (a mesh resolution) must not get 1e9 from a forged frame."""
    low = _attribute_number(el, "min", ctx, 0.0)
    high = max(low, _attribute_number(el, "max", ctx, 100.0))
    step = None if str(el.attributes.get("step", "")).lower() == "any" else _attribute_number(el, "step", ctx, 1.0)
    number = min(max(float(value), low), high)
    if step is not None and step > 0:
        # The nearest step from min (the greater on a tie), never past max (HTML's value sanitization).
        steps = math.floor((number - low) / step + 0.5)
        if low + steps * step > high:
            steps = math.floor((high - low) / step)
        number = round(low + steps * step, 12)
    return _number(number, "range")


def _own_value(el: Any, ctx: Context) -> Any:
    """A radio's or checkbox's ``value`` (bound or literal, ``"on"`` without one): all it can write."""
    if "value" in el._bindings:
        return el._bindings["value"].evaluate(ctx)
    return el.attributes.get("value", "on")


def _ticked(el: Any, checked: bool, ctx: Context) -> Any:
    """A plain checkbox's write: *checked*, or, bound to a list (a group of
    boxes), the list with the box's own value added or removed, as Vue does."""
    try:
        current = el._model.target.evaluate(ctx)
    except ExpressionError:
        return checked
    if not isinstance(current, list):
        return checked
    own = _own_value(el, ctx)
    rest = [v for v in current if v != own]
    return [*rest, own] if checked else rest


def _offered(inst: Instance, values: list, value: Any) -> Any:
    """*value* when every one of *values* is an option its select was rendered with.

    A browser's select sends only those: a forged frame must not put a value
    the page never offered (an admin-only choice, a disabled option) into state.
    """
    if inst.options is None:
        return value
    stray = not_offered(inst.options, values)
    if stray is not None:
        raise InputError("bad-value", f"{_show(stray)} is not one of the options of {inst.element!r}; "
                         "reload the page if its options changed")
    return value


def _attribute_number(el: Any, name: str, ctx: Context, default: float) -> float:
    """A numeric attribute of *el* as the page shows it (literal or bound); *default* when it is not a number."""
    try:
        raw = el._bindings[name].evaluate(ctx) if name in el._bindings else el.attributes.get(name)
        number = float(raw) if raw is not None and not isinstance(raw, bool) else default
    except (ExpressionError, TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _show(value: Any) -> str:
    text = repr(value)
    return (text[:60] + "…") if len(text) > 60 else text

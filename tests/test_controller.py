"""Controller: late binding, decorators, trame's return values."""

from __future__ import annotations

import pytest

from htmxtrame.controller import Controller, FunctionNotImplementedError


@pytest.fixture
def ctrl() -> Controller:
    return Controller()


def test_proxy_handed_out_before_binding_calls_what_is_bound_later(ctrl):
    handle = ctrl.reset  # e.g. click=ctrl.reset, written before reset exists
    ctrl.reset = lambda: "reset done"
    assert handle() == "reset done"
    ctrl.reset = lambda: "rebound"
    assert handle() == "rebound", "the proxy resolves at call time"
    assert ctrl.reset is handle and ctrl["reset"] is handle


def test_item_assignment_binds_too(ctrl):
    ctrl["go"] = lambda x: x * 2
    assert ctrl.go(4) == 8


def test_binding_a_non_callable_is_refused(ctrl):
    with pytest.raises(TypeError, match="ctrl.x must be bound to a callable"):
        ctrl.x = 42


def test_nothing_bound_raises_function_not_implemented(ctrl):
    with pytest.raises(FunctionNotImplementedError, match="ctrl.missing"):
        ctrl.missing()
    assert "missing" not in ctrl


def test_enable_empty_makes_unbound_calls_return_none(ctrl):
    ctrl.enable_empty()
    assert ctrl.missing() is None


def test_set_only_returns_its_result(ctrl):
    @ctrl.set("compute")
    def compute(a, b=0):
        return a + b

    assert ctrl.compute(1, b=2) == 3
    assert "compute" in ctrl


def test_set_plus_added_returns_every_result_in_order(ctrl):
    ctrl.compute = lambda x: ("set", x)

    @ctrl.add("compute")
    def first(x):
        return ("first", x)

    @ctrl.add("compute")
    def second(x):
        return ("second", x)

    assert ctrl.compute(1) == [("set", 1), ("first", 1), ("second", 1)]


def test_added_only_returns_a_list(ctrl):
    ctrl.add("hook")(lambda: 5)
    assert ctrl.hook() == [5]


def test_add_twice_calls_once(ctrl):
    calls = []

    def fn():
        calls.append(1)

    ctrl.add("hook")(fn)
    ctrl.add("hook")(fn)
    ctrl.hook()
    assert calls == [1]


def test_once_runs_on_first_call_only(ctrl):
    calls = []
    ctrl.once("ready")(lambda: calls.append("once"))
    ctrl.add("ready")(lambda: calls.append("always"))
    ctrl.ready()
    ctrl.ready()
    # trame's order: the added functions, then the once ones.
    assert calls == ["always", "once", "always"]


def test_decorators_return_the_function(ctrl):
    def fn():
        return 1

    assert ctrl.set("a")(fn) is fn
    assert ctrl.add("b")(fn) is fn
    assert ctrl.once("c")(fn) is fn
    assert ctrl.trigger("d")(fn) is fn


def test_trigger_registers_a_name_and_passes_return_value(ctrl):
    @ctrl.trigger("double")
    def double(x, scale=2):
        return x * scale

    assert ctrl.call_trigger("double", [3]) == 6
    assert ctrl.call_trigger("double", [3], {"scale": 10}) == 30
    assert ctrl.trigger_name(double) == "double"


def test_trigger_name_generates_a_name_for_unregistered_functions(ctrl):
    def helper():
        return "hi"

    name = ctrl.trigger_name(helper)
    assert ctrl.trigger_name(helper) == name, "the same function keeps its name"
    assert ctrl.call_trigger(name) == "hi"


def test_unknown_trigger_raises_with_a_hint(ctrl):
    with pytest.raises(FunctionNotImplementedError, match=r"@ctrl.trigger\('nope'\)"):
        ctrl.call_trigger("nope")


def test_discard_and_clear(ctrl):
    def a():
        return "a"

    def b():
        return "b"

    ctrl.name = a
    ctrl.add("name")(b)
    ctrl.name.discard(a)
    assert ctrl.name() == ["b"]
    ctrl.name.discard(b)
    assert not ctrl.name.exists()
    with pytest.raises(FunctionNotImplementedError):
        ctrl.name()

    ctrl.name = a
    ctrl.add("name")(b)
    ctrl.name.clear()
    assert "name" not in ctrl


def test_setting_none_unbinds(ctrl):
    ctrl.x = lambda: 1
    ctrl.x = None
    assert "x" not in ctrl


def test_dunder_lookups_are_not_proxies(ctrl):
    # copy/pickle/inspect probe dunders; they must not become controller names
    with pytest.raises(AttributeError):
        ctrl.__wrapped__

"""Context: name resolution, assign/touch callbacks, locals, host functions, step budget."""

from __future__ import annotations

import pytest

from htmxtrame.expr import UNDEFINED, Context, ExpressionError, compile_expr, compile_statement


class Host:
    """A minimal host recording writes and touches, like the server's state layer."""

    def __init__(self, **state):
        self.state = state
        self.assigned: list[tuple[str, object]] = []
        self.touched: list[str] = []

    def ctx(self, **kwargs) -> Context:
        return Context(self.state.__getitem__, assign=self.assign, touch=self.touched.append, **kwargs)

    def assign(self, name: str, value: object) -> None:
        self.assigned.append((name, value))
        self.state[name] = value


def run(source: str, ctx: Context):
    return compile_statement(source).evaluate(ctx)


def test_assign_to_state() -> None:
    host = Host(count=1)
    run("count += 1", host.ctx())
    assert host.assigned == [("count", 2)]
    assert host.state["count"] == 2
    assert host.touched == []


def test_member_assignment_mutates_and_touches_root() -> None:
    items = [{"done": False}, {"done": True}]
    host = Host(items=items, i=0)
    run("items[i].done = true", host.ctx())
    assert items[0]["done"] is True
    assert host.touched == ["items"]
    assert host.assigned == []


def test_member_assignment_through_local_touches_local_name() -> None:
    item = {"done": False}
    host = Host()
    ctx = host.ctx().child(item=item)
    run("item.done = !item.done", ctx)
    assert item["done"] is True
    assert host.touched == ["item"]


def test_mutating_methods_touch_root() -> None:
    host = Host(todo={"items": [1]})
    run("todo.items.push(2)", host.ctx())
    assert host.state["todo"]["items"] == [1, 2]
    assert host.touched == ["todo"]
    host.touched.clear()
    compile_expr("todo.items.slice()").evaluate(host.ctx())
    assert host.touched == []


def test_array_index_and_length_assignment() -> None:
    arr = [1, 2]
    host = Host(arr=arr)
    run("arr[3] = 4", host.ctx())
    assert arr == [1, 2, UNDEFINED, 4]
    run("arr.length = 1", host.ctx())
    assert arr == [1]
    run("arr[0]++", host.ctx())
    assert arr == [2]


def test_assignment_to_local_updates_local_dict() -> None:
    local = {"x": 1}
    host = Host(x=100)
    ctx = host.ctx(locals=local)
    assert run("x += 1", ctx) == 2
    assert local == {"x": 2}
    assert host.state["x"] == 100 and host.assigned == []


def test_child_locals_shadow_outer_locals_and_state() -> None:
    host = Host(x="state")
    outer = host.ctx(locals={"x": "outer", "y": "y-outer"})
    inner = outer.child(x="inner")
    assert compile_expr("x + ' ' + y").evaluate(inner) == "inner y-outer"
    assert compile_expr("x").evaluate(outer) == "outer"
    assert compile_expr("x").evaluate(host.ctx()) == "state"


def test_assignment_not_allowed_without_assign_callback() -> None:
    ctx = Context({"a": 1}.__getitem__)
    with pytest.raises(ExpressionError, match="assignment not allowed here"):
        run("a = 2", ctx)


def test_cannot_assign_builtins_or_functions() -> None:
    host = Host()
    with pytest.raises(ExpressionError, match="built-in 'Math'"):
        run("Math = 1", host.ctx())
    with pytest.raises(ExpressionError, match="built-in 'trigger'"):
        run("trigger = 1", host.ctx(functions={"trigger": print}))


@pytest.mark.parametrize("source, message", [
    ("nil.x = 1", "Cannot set properties of null (setting 'x')"),
    ("missing.x = 1", "Cannot set properties of undefined (setting 'x')"),
    ("s.x = 1", "Cannot set property 'x' on the string 'abc'"),
    ("arr.foo = 1", "only indices and length"),
    ("obj.__proto__ = {}", "'__proto__' is not allowed"),
    ("obj['constructor'] = 1", "'constructor' is not allowed"),
    ("arr.length = -1", "Invalid array length"),
    ("arr[1e9] = 1", "too large"),
])
def test_member_assignment_errors(source: str, message: str) -> None:
    host = Host(nil=None, s="abc", arr=[], obj={})
    with pytest.raises(ExpressionError, match=None) as info:
        run(source, host.ctx())
    assert message in str(info.value)


def test_host_functions_get_js_values_positionally() -> None:
    calls = []
    host = Host(count=2)
    ctx = host.ctx(functions={"trigger": lambda *args: calls.append(args) or "ok"})
    assert run("trigger('save', count * 2, [1], {a: null}, undefined)", ctx) == "ok"
    assert calls == [("save", 4, [1], {"a": None}, UNDEFINED)]


def test_grouped_host_functions_are_callable() -> None:
    ctx = Context({}.__getitem__, functions={"utils": {"fmt": {"upper": str.upper}}})
    assert compile_expr("utils.fmt.upper('a')").evaluate(ctx) == "A"


def test_arrow_passed_to_host_is_callable() -> None:
    ctx = Context({}.__getitem__, functions={"apply": lambda f, x: f(x)})
    assert compile_expr("apply(x => x * 3, 2)").evaluate(ctx) == 6


def test_host_callable_as_callback() -> None:
    ctx = Context({"xs": [1, 2]}.__getitem__, functions={"double": lambda x, i, arr: x * 2})
    assert compile_expr("xs.map(double)").evaluate(ctx) == [2, 4]


def test_step_limit() -> None:
    ctx = Context({"xs": list(range(100))}.__getitem__, max_steps=50)
    with pytest.raises(ExpressionError, match="step limit exceeded"):
        compile_expr("xs.map(x => x)").evaluate(ctx)
    small = Context({"xs": list(range(10))}.__getitem__, max_steps=50)
    assert compile_expr("xs.map(x => x)").evaluate(small) == list(range(10))


def test_step_budget_is_per_evaluation() -> None:
    ctx = Context({"xs": list(range(30))}.__getitem__, max_steps=50)
    expr = compile_expr("xs.map(x => x).length")
    for _ in range(5):
        assert expr.evaluate(ctx) == 30


def test_recursion_through_state_is_bounded() -> None:
    state: dict = {}
    ctx = Context(state.__getitem__, assign=state.__setitem__)
    run("f = n => f(n + 1)", ctx)
    with pytest.raises(ExpressionError):
        compile_expr("f(0)").evaluate(ctx)


def test_event_local() -> None:
    host = Host(value="")
    ctx = host.ctx(locals={"$event": {"target": {"value": "typed"}}})
    run("value = $event.target.value", ctx)
    assert host.state["value"] == "typed"


def test_arrow_kept_in_state_is_charged_to_the_calling_evaluation() -> None:
    state: dict = {"xs": [1, 2, 3]}
    ctx = Context(state.__getitem__, assign=state.__setitem__, max_steps=20)
    run("double = x => x * 2; mapper = xs.map", ctx)
    expr = compile_expr("double(3) + mapper(double).length")
    for _ in range(50):  # 50 evaluations x 5 steps would exceed one 20-step budget
        assert expr.evaluate(ctx) == 9
    assert state["double"](4) == 8  # callable from Python, with its own budget


def test_child_accepts_any_local_name() -> None:
    ctx = Context({}.__getitem__).child(self=1, ctx=2)
    assert compile_expr("self + ctx").evaluate(ctx) == 3


def test_mutation_through_callback_touches_method_root() -> None:
    host = Host(items=[{"done": False}, {"done": False}], todo={"lists": [[1], [2]]})
    run("items.forEach(i => i.done = true)", host.ctx())
    assert all(i["done"] for i in host.state["items"])
    assert host.touched == ["items"]
    host.touched.clear()
    run("todo.lists.forEach(l => l.push(0))", host.ctx())
    assert host.state["todo"]["lists"] == [[1, 0], [2, 0]]
    assert host.touched == ["todo"]
    host.touched.clear()
    compile_expr("items.filter(i => i.done).length").evaluate(host.ctx())
    assert host.touched == []

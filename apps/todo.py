"""A todo list: v_for, v_model on items[i].done, :class, v_if, event
expressions and trigger — every template feature a trame app leans on,
evaluated on the server.

    python apps/todo.py --server --port 8080
"""

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = get_server()
state, ctrl = server.state, server.controller
state.trame__title = "Todo"
state.items = [
    {"id": 1, "text": "Port the app to htmxtrame", "done": True},
    {"id": 2, "text": "Write the e2e tests", "done": False},
]
state.next_id = 3
state.filter = "all"


@ctrl.set("add_item")
def add_item():
    text = (state.new_text or "").strip()
    if not text:
        return
    state.items = state.items + [{"id": state.next_id, "text": text, "done": False}]
    state.next_id += 1
    state.new_text = ""


@ctrl.trigger("delete")
def delete(item_id):
    state.items = [item for item in state.items if item["id"] != item_id]


@state.change("items")
def report(items, **kwargs):
    print(f"{sum(not i['done'] for i in items)} of {len(items)} left", flush=True)


STYLE = """
#todo { max-width: 480px; margin: 32px auto; font-family: sans-serif; }
#todo li { display: flex; align-items: center; gap: 8px; padding: 4px 0; list-style: none; }
#todo li.done span { text-decoration: line-through; color: #666; }
#todo .filters button.active { font-weight: bold; text-decoration: underline; }
"""

with DivLayout(server, id="todo") as layout:
    html.Style(STYLE)
    html.H1("Todo ({{ items.filter(x => !x.done).length }} left)", id="title")
    with html.Form(submit=ctrl.add_item, id="add-form"):
        html.Input(id="new", v_model=("new_text", ""), placeholder="What needs doing?", autocomplete="off",
                   aria_label="New todo")
        html.Button("Add", id="add", type="submit", disabled=("!new_text.trim()",))
    with html.Div(classes="filters"):
        for name in ("all", "active", "done"):
            html.Button(
                name.capitalize(), id=f"filter-{name}", type="button",
                click=f"filter = '{name}'", v_bind_class=(f"{{ active: filter === '{name}' }}",),
            )
    with html.Ul(id="list"):
        with html.Li(
            v_for="(item, i) in items", key="item.id",
            v_show="filter === 'all' || (filter === 'done') === item.done",
            v_bind_class=("{ done: item.done }",),
            data_id=("item.id",),
        ):
            html.Input(type="checkbox", classes="toggle", v_model=("items[i].done",), aria_label=("'Done: ' + item.text",))
            html.Span("{{ i + 1 }}. {{ item.text }}", classes="text")
            html.Button("✕", classes="delete", type="button", click="trigger('delete', [item.id])",
                        aria_label=("'Delete ' + item.text",))
    html.P("Nothing to do!", id="empty", v_if="items.length === 0")
    html.Button(
        "Clear done", id="clear", type="button",
        v_else=True, click="items = items.filter(x => !x.done)",
    )

if __name__ == "__main__":
    server.start()

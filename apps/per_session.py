"""Per-session state: each browser gets its own counter, every browser shares the total.

Tabs of one browser share their session; another browser (or a private
window) gets its own. The draft field is client-only: each tab keeps its
own text. So does the fruit picker's typed filter.

    python apps/per_session.py --server --port 8080

Set HTMXTRAME_SECRET_KEY to keep sessions across restarts (the cookie is
signed with it; without it a random key is used for this process).
"""

import os

from htmxtrame.scopes import serve_per_session
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

FRUITS = ["Apple", "Apricot", "Banana", "Blackberry", "Blueberry", "Cherry", "Grape", "Lemon", "Lime",
          "Mango", "Melon", "Orange", "Peach", "Pear", "Plum", "Raspberry", "Strawberry"]


def build(server):
    """One browser session's app: its own state and controller; ``server.shared`` is everyone's."""
    state, ctrl = server.state, server.controller
    shared = server.shared.state
    state.trame__title = "Per-session state"
    state.count = 0
    state.client_only("draft")  # each tab's own text

    @ctrl.set("click")
    def click():
        state.count += 1
        shared.total += 1  # the shared state: every browser sees it change

    with SinglePageLayout(server) as layout:
        layout.title.set_text("Per-session state")
        with layout.content:
            with v.VContainer():
                html.H2("Your session and everyone's", id="heading")
                html.P("You clicked {{ count }} times.", id="mine", aria_live="polite")
                html.P("Everyone together clicked {{ total }} times.", id="everyone", aria_live="polite")
                v.VBtn("Click", id="click", click=ctrl.click)
                v.VTextField(v_model=("draft", ""), id="draft", label="Draft (this tab only)")
                html.P("{{ draft.length }} characters in this tab's draft", id="draft-size")
                v.VAutocomplete(v_model=("fruit", None), items=("fruits", FRUITS), label="Fruit", id="fruit")
                html.P("Your fruit: {{ fruit || 'none yet' }}", id="fruit-shown")


server = serve_per_session(build, "per_session", secret_key=os.environ.get("HTMXTRAME_SECRET_KEY"))
server.state.total = 0

if __name__ == "__main__":
    server.start()

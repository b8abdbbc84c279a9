"""trame__busy, as trame apps use it, written against trame's own imports.

    htmxtrame run apps/trame_busy.py --server --port 8080

The first button is trame's ``examples/core_features/reserved_state.py``:
a handler that blocks for a second while the page shows ``trame__busy``.
The page shows the flag as text, as a spinner (``v_if``), on a button
(``disabled``) and as a progress bar (``active``); a quick action never
shows it, and another page never sees this page's wait.
"""

import asyncio
import time

from trame.app import get_server
from trame.ui.vuetify3 import SinglePageLayout
from trame.widgets import html
from trame.widgets import vuetify3 as v3

server = get_server(client_type="vue3")
state, ctrl = server.state, server.controller
state.trame__title = "trame__busy"
state.count = 0


def make_server_busy():
    time.sleep(1)


async def work_in_background():
    await asyncio.sleep(1)


def add_one():
    state.count += 1


with SinglePageLayout(server) as layout:
    layout.title.set_text("trame__busy")
    with layout.content:
        with v3.VContainer():
            v3.VProgressLinear(indeterminate=True, active=("trame__busy",), id="busy_bar")
            html.Div("trame__busy: {{ trame__busy }}", id="busy_text")
            v3.VBtn("Make server busy", id="busy", click=make_server_busy)
            v3.VBtn("Work in the background", id="background", click=work_in_background)
            v3.VBtn("Add one", id="add", click=add_one)
            v3.VBtn("Save", id="save", disabled=("trame__busy",))
            html.Div("Count: {{ count }}", id="count_text")
            v3.VProgressCircular(indeterminate=True, v_if=("trame__busy",), id="spinner")

if __name__ == "__main__":
    server.start()

"""Widgets whose browser code loads only when a page shows them (htmxtrame/transport/glue.py).

    python apps/late_widgets.py --port 8080

Nothing on the first page needs the autocomplete's keyboard or a keyboard
shortcut, so neither script is loaded; "Show the tools" reveals both, and
their scripts load with the frame that brings them.
"""

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html, trame
from htmxtrame.widgets import vuetify3 as v3

CITIES = [f"{a} {b}" for a in ("North", "South", "East", "West") for b in ("Ash", "Oak", "Pine", "Elm")]

server = get_server("late-widgets")
state = server.state
state.show = False
state.saved = 0


def save() -> None:
    state.saved += 1


with SinglePageLayout(server) as layout:
    layout.title.set_text("Late widgets")
    with layout.content, v3.VContainer():
        v3.VBtn("Show the tools", id="show", click="show = true")
        with html.Div(v_if=("show",), id="tools"):
            v3.VAutocomplete(v_model=("city", None), items=("cities", CITIES), label="City", id="city")
            html.Span("city = {{ city }}", id="city-text")
            trap = trame.MouseTrap(Save=save)
            trap.bind(["ctrl+k"], "Save")
            html.Span("saved {{ saved }}", id="saved")

if __name__ == "__main__":
    server.start()

"""bench/autocomplete.py's app: a counter button and a VAutocomplete over 10,000 city names.

The button (#inc → #count) is the click budget's reference, measured in the
same page and the same run as the keystrokes typed into #city.
"""

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

FIRST = ("North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Saint")
SECOND = ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine", "Maple", "Willow", "Yew")
CITIES = [f"{a} {b} {n}" for a in FIRST for b in SECOND for n in range(100)]  # 10,000

server = get_server()
state = server.state
state.count = 0

with SinglePageLayout(server) as layout:
    layout.title.set_text("Autocomplete bench")
    with layout.content, v.VContainer():
        v.VBtn("+1", id="inc", click="count += 1")
        html.Span("{{ count }}", id="count")
        v.VAutocomplete(v_model=("city", None), items=("cities", CITIES), label="City", id="city")

if __name__ == "__main__":
    server.start()

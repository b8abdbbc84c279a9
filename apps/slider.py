"""trame's slider example (the user guide's core concepts), on htmxtrame.

    python apps/slider.py                 # opens a browser
    python apps/slider.py --server --port 8080
"""

import asyncio
import time

from htmxtrame.app import asynchronous, get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html

server = get_server()
state, ctrl = server.state, server.controller
state.trame__title = "Slider"


@state.change("slider_value")
def slider_value_change(slider_value, **kwargs):
    print(f"Slider is changing slider_value to {slider_value}", flush=True)


def random_update():
    state.slider_value += 1
    if state.slider_value > 15:
        state.slider_value = 2


async def update_time():
    while True:
        await asyncio.sleep(1)
        with state:
            state.time = time.strftime("%H:%M:%S")


with SinglePageLayout(server) as layout:
    layout.title.set_text("Slider example")
    with layout.content:
        with html.Div(style="padding: 24px; display: flex; flex-direction: column; gap: 16px; max-width: 480px"):
            html.Input(
                type="range", id="slider", min=0, max=15, step=1, aria_label="slider_value",
                v_model=("slider_value", 8),
            )
            html.Div("slider_value = {{ slider_value }}", id="slider_text")
            html.Button("Change slider_value", id="change", click=ctrl.rnd_update)
            html.Input(type="text", id="name", v_model=("name", ""), placeholder="Type here", aria_label="Name")
            html.Div("You typed: {{ name }}", id="name_text")
            html.Div("Server time: {{ time }}", id="clock")

# Do the binding later on, as trame's guide does.
ctrl.rnd_update = random_update
state.time = time.strftime("%H:%M:%S")
asynchronous.create_task(update_time())

if __name__ == "__main__":
    server.start()

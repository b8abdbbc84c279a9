"""The user guide's core-concepts example (trame's slider), on htmxtrame.

    bash scripts/demo.sh                  # installs, then opens a browser
    python apps/slider.py --server --port 8080

The guide's own pieces, written as it writes them (only the import lines
say htmxtrame instead of trame): a Vuetify slider on ``slider_value``
(initial value 8), a listener printing each change, a button bound through
``ctrl.rnd_update`` after the UI is built, and a clock task pushing the
time with ``with state:``. The layout is Vuetify's single page, whose
toolbar holds icon-only buttons that say what they do (``aria-label``).
"""

import asyncio
import time

from htmxtrame.app import asynchronous, get_server
from htmxtrame.ui.vuetify import SinglePageLayout
from htmxtrame.widgets import vuetify

server = get_server()
state, ctrl = server.state, server.controller
state.trame__title = "Slider"


# Listening to changes
@state.change("slider_value")
def slider_value_change(slider_value, **kwargs):
    print(f"Slider is changing slider_value to {slider_value}", flush=True)


# Changing the value from Python
def random_update():
    state.slider_value += 1
    if state.slider_value > 15:
        state.slider_value = 2


def reset():
    state.slider_value = 8
    state.name = ""


# Pushing server-side changes from a background task
async def update_time():
    while True:
        await asyncio.sleep(1)
        with state:
            state.time = time.strftime("%H:%M:%S")


with SinglePageLayout(server) as layout:
    layout.title.set_text("Slider example")
    with layout.toolbar:
        vuetify.VSpacer()
        # Icon-only buttons: the aria-label is what a screen reader (and a test) calls them.
        with vuetify.VBtn(icon=True, click=ctrl.rnd_update, aria_label="Step the slider", id="toolbar_step"):
            vuetify.VIcon("mdi-plus")
        with vuetify.VBtn(icon=True, click=ctrl.reset, aria_label="Reset", id="toolbar_reset"):
            vuetify.VIcon("mdi-undo")
    with layout.content:
        with vuetify.VContainer(style="max-width: 560px"):
            # UI element with a dynamic variable
            vuetify.VSlider(
                v_model=("slider_value", 8),
                min=0, max=15, step=1, id="slider", label="slider_value", thumb_label=True,
            )
            vuetify.VCardText("slider_value = {{ slider_value }}", id="slider_text")
            # Bind method to a button click
            vuetify.VBtn("Change slider_value", id="change", color="primary", click=ctrl.rnd_update)
            vuetify.VTextField(v_model=("name", ""), label="Type here", id="name", classes="mt-6")
            vuetify.VCardText("You typed: {{ name }}", id="name_text")
            vuetify.VCardText("Server time: {{ time }}", id="clock")

# Do the binding later on, as the guide does.
ctrl.rnd_update = random_update
ctrl.reset = reset
state.time = time.strftime("%H:%M:%S")
asynchronous.create_task(update_time())

if __name__ == "__main__":
    server.start()

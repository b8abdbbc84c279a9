"""A matplotlib figure that a slider changes, rendered on the server as SVG.

    pip install matplotlib
    python apps/figure.py --server --port 8080
"""

import math

from matplotlib.figure import Figure as MplFigure

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import matplotlib, vuetify3 as vuetify

server = get_server()
state, ctrl = server.state, server.controller

fig = MplFigure(figsize=(6, 3.5))
ax = fig.subplots()


def draw(frequency):
    ax.clear()
    xs = [i / 100 for i in range(629)]
    ax.plot(xs, [math.sin(frequency * x) for x in xs], color="tab:blue")
    ax.set_title(f"sin({frequency} x)")
    ax.set_ylim(-1.1, 1.1)


draw(1)


@state.change("frequency")
def redraw(frequency, **kwargs):
    draw(int(frequency))
    chart.update(fig)


with SinglePageLayout(server) as layout:
    layout.title.set_text("Figure")
    with layout.toolbar:
        vuetify.VSpacer()
        vuetify.VSlider(v_model=("frequency", 1), min=1, max=10, step=1, hide_details=True,
                        style="max-width: 300px", id="frequency")
    with layout.content:
        with vuetify.VContainer(fluid=True):
            chart = matplotlib.Figure(fig, id="chart")

if __name__ == "__main__":
    server.start()

"""The benchmark scenario on htmxtrame: scenario_trame.py with only its imports changed.

    python bench/apps/scenario_htmxtrame.py --server --port 0
"""

import asyncio

from htmxtrame.app import asynchronous, get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = get_server(client_type="vue3")
state, ctrl = server.state, server.controller
state.count = 0
state.ticks = 0


def inc():
    state.count += 1


async def run_ticks(hz, first):
    # 500 writes; the burst continues from 501 so its final value (1000) is new on the page.
    for i in range(first, first + 500):
        with state:
            state.ticks = i
        if hz:
            await asyncio.sleep(1 / hz)


def tick():
    asynchronous.create_task(run_ticks(100, 1))


def burst():
    asynchronous.create_task(run_ticks(0, 501))


ctrl.inc, ctrl.tick, ctrl.burst = inc, tick, burst

with DivLayout(server):
    html.Div("{{ count }}", id="count")
    html.Button("+1", id="inc", click=ctrl.inc)
    html.Input(type="range", id="slider", min=0, max=100, v_model=("slider_value", 8))
    html.Div("{{ slider_value }}", id="slider_text")
    html.Button("tick", id="tick", click=ctrl.tick)
    html.Button("burst", id="burst", click=ctrl.burst)
    html.Div("{{ ticks }}", id="ticks")

if __name__ == "__main__":
    server.start()

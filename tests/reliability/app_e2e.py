"""The app the browser reliability tests run as a real process.

    python tests/reliability/app_e2e.py --server --port 0 [--debug]

#inc/#count: a click round trip; #name/#name_text: typed text; #slider:
a bound range; #storm: a background thread hammering the same keys for
STORM_SECONDS; #pulse: pushes `ticks` at 20 Hz for PULSE_SECONDS; app code
that fails: #boom (a controller method), #bad_listener (a change listener),
#bad_task (an async task), #bad_expr (an expression, shown in #expr_out).
"""

import asyncio
import os
import random
import threading
import time

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

STORM_SECONDS = float(os.environ.get("HT_STORM_SECONDS", "10"))
PULSE_SECONDS = float(os.environ.get("HT_PULSE_SECONDS", "60"))

server = get_server()
state, ctrl = server.state, server.controller
state.count = 0
state.ticks = 0
state.storm = "idle"
state.pulse = "idle"
state.poke = 0
state.obj = {"a": {"b": 1}}


def storm() -> None:
    """Write the keys the pages also write, as fast as it reasonably can."""
    with state:
        state.storm = "running"
    end = time.monotonic() + STORM_SECONDS
    while time.monotonic() < end:
        with state:
            state.count += 1
            state.slider_value = random.randint(0, 100)
            state.name = f"storm {random.random():.6f}"
        time.sleep(0.002)
    with state:
        state.storm = "done"


def pulse() -> None:
    with state:
        state.pulse = "running"
    end = time.monotonic() + PULSE_SECONDS
    while time.monotonic() < end:
        with state:
            state.ticks += 1
        time.sleep(0.05)
    with state:
        state.pulse = "done"


def start_storm() -> None:
    threading.Thread(target=storm, daemon=True).start()


def start_pulse() -> None:
    threading.Thread(target=pulse, daemon=True).start()


def boom() -> None:
    raise RuntimeError("controller method failed on purpose")


@state.change("poke")
def bad_listener(poke, **_):
    if poke:
        raise RuntimeError("change listener failed on purpose")


async def bad_task() -> None:
    await asyncio.sleep(0)
    raise RuntimeError("async task failed on purpose")


def rss() -> None:
    """Print this process's RSS (the soak test reads it from the output)."""
    with open("/proc/self/status") as f:
        kib = next(line.split()[1] for line in f if line.startswith("VmRSS:"))
    print(f"RSS {kib} KiB", flush=True)


ctrl.start_storm, ctrl.start_pulse, ctrl.boom, ctrl.bad_task = start_storm, start_pulse, boom, bad_task

with DivLayout(server):
    html.Div("{{ count }}", id="count")
    html.Button("+1", id="inc", click="count += 1")
    html.Input(type="text", id="name", v_model=("name", ""))
    html.Div("{{ name }}", id="name_text")
    html.Input(type="range", id="slider", min=0, max=100, v_model=("slider_value", 8))
    html.Div("{{ slider_value }}", id="slider_text")
    html.Button("storm", id="storm", click=ctrl.start_storm)
    html.Div("{{ storm }}", id="storm_status")
    html.Button("pulse", id="pulse", click=ctrl.start_pulse)
    html.Div("{{ pulse }}", id="pulse_status")
    html.Div("{{ ticks }}", id="ticks")
    html.Button("boom", id="boom", click=ctrl.boom)
    html.Button("listener", id="bad_listener", click="poke += 1")
    html.Button("task", id="bad_task", click=ctrl.bad_task)
    html.Button("expression", id="bad_expr", click="obj = null")
    html.Div("{{ obj.a.b }}", id="expr_out")

if __name__ == "__main__":
    server.start()

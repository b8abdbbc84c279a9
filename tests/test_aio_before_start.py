"""asynchronous.create_task() from module code waits until the server is live, as in trame.

trame puts such a task on the loop ``server.start()`` runs, so it starts
once the layout is built and has seeded its keys (trame-vtk's
``validation/Animation.py`` reads ``state.anime_rate`` at once).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from htmxtrame import aio
from htmxtrame.app import asynchronous
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def before_any_server(monkeypatch):
    """This process as it is while an app's module code runs: a server made, none live yet."""
    monkeypatch.setattr(aio, "_live", False, raising=False)
    monkeypatch.setattr(aio, "_servers_made", 0, raising=False)
    yield
    getattr(aio, "_held", []).clear()


def test_a_task_made_before_the_server_is_live_starts_once_it_is(before_any_server):
    server = Server("held-task")
    seen = []

    async def animate():
        seen.append(1.0 / server.state.anime_rate)  # the key the layout seeds below

    fut = asynchronous.create_task(animate())
    with DivLayout(server):
        html.Input(type="range", v_model=("anime_rate", 30))
    time.sleep(0.2)
    assert seen == [] and not fut.done()  # not started: the layout was not built yet
    assert asynchronous.get_number_of_pending_tasks() >= 1  # still referenced while it waits
    server.state.ready()  # what start() (or init_app) does once it serves
    assert fut.result(5) is None
    assert seen == [pytest.approx(1 / 30)]
    # Live now: the next one starts at once.
    assert asynchronous.create_task(asyncio.sleep(0, "now")).result(5) == "now"


def test_held_tasks_start_in_the_order_they_were_made_and_report_failures(before_any_server, caplog):
    server = Server("held-order")
    order = []

    async def job(n):
        order.append(n)
        if n == 2:
            raise ValueError("kaput")
        return n

    futures = [asynchronous.create_task(job(n)) for n in (1, 2, 3)]
    server.state.ready()
    assert futures[0].result(5) == 1 and futures[2].result(5) == 3
    with pytest.raises(ValueError, match="kaput"):
        futures[1].result(5)
    assert order == [1, 2, 3]
    assert "kaput" in caplog.text  # logged with its traceback, as any task failure


def test_a_held_task_cancelled_before_the_server_is_live_never_runs(before_any_server):
    server = Server("held-cancel")
    ran = []

    async def job():
        ran.append(True)

    fut = asynchronous.create_task(job())
    assert fut.cancel()
    server.state.ready()
    time.sleep(0.1)
    assert ran == [] and fut.cancelled()


def test_tasks_start_at_once_with_no_server_or_off_the_main_thread(before_any_server):
    # No server at all (a script using only the loop): nothing to wait for.
    assert asynchronous.create_task(asyncio.sleep(0, "no server")).result(5) == "no server"
    Server("held-thread")
    out = []
    # A user thread or a websocket handler: the server is the one running it.
    worker = threading.Thread(target=lambda: out.append(asynchronous.create_task(asyncio.sleep(0, "thread")).result(5)))
    worker.start()
    worker.join(10)
    assert out == ["thread"]


ANIMATION_APP = '''
import asyncio
import time
from htmxtrame.app import asynchronous, get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server = get_server("animation")
state = server.state


async def animate():
    for _ in range(3):
        await asyncio.sleep(1.0 / state.anime_rate)
    print("animated at", state.anime_rate, flush=True)
    server.stop()


asynchronous.create_task(animate())  # before the layout: it seeds anime_rate
time.sleep(0.3)  # the example builds its VTK pipeline and layout meanwhile

with DivLayout(server):
    html.Input(type="range", min=10, max=120, v_model=("anime_rate", 30))
    html.Div("{{ anime_rate }}")

if __name__ == "__main__":
    server.start(port=0, open_browser=False, show_connection_info=False, timeout=0)
'''


def test_animation_example_reads_the_rate_its_layout_seeds(tmp_path):
    app = tmp_path / "animation.py"
    app.write_text(ANIMATION_APP)
    try:
        out = subprocess.run([sys.executable, str(app)], capture_output=True, text=True, timeout=30, cwd=tmp_path,
                             env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired as exc:  # the task died, so nothing stopped the server
        pytest.fail(f"the animation never ran:\n{exc.stdout}\n{exc.stderr}")
    assert "animated at 30" in out.stdout, out.stdout + out.stderr
    assert "Traceback" not in out.stderr, out.stderr

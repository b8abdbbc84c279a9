"""Profile htmxtrame's click hot path in-process (no browser, no network).

One click = dispatch (look the element up, run the handler, flush the
state, render the dirty fragments, queue them for the page) + encoding
the websocket frame. Prints the time per click and the top costs.

    bench/.venv-tools/bin/python bench/profile_hotpath.py     # pyinstrument, if installed there
    python bench/profile_hotpath.py                           # falls back to cProfile
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htmxtrame.events import dispatch  # noqa: E402
from htmxtrame.session import Session  # noqa: E402
from htmxtrame.transport import wire  # noqa: E402


def setup():
    """The benchmark app's server with one attached page; returns a click function."""
    ns = runpy.run_path(str(ROOT / "bench" / "apps" / "scenario_htmxtrame.py"), run_name="bench_profile")
    server = ns["server"]
    server.state.ready()
    scope = server._scope
    session = Session(scope, "main")
    session.open()
    rend = scope.renderer("main")
    body = rend.render_page_body()
    iid = re.search(r'id="inc"[^>]*data-ht="([^"]+)"', body).group(1)
    ctrl = scope.controller

    def click() -> int:
        dispatch(rend, ctrl, iid, "click", None, {"type": "click"})
        return len(wire.encode(session.take(0)))

    return click


def main(n: int = 5000) -> None:
    """Time and profile *n* clicks."""
    click = setup()
    for _ in range(200):
        click()
    t = time.perf_counter()
    for _ in range(n):
        click()
    per = (time.perf_counter() - t) / n * 1e6
    print(f"in-process click path: {per:.1f} µs per click (dispatch + flush + render + encode), {n} clicks")
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    if Profiler is not None:
        prof = Profiler(interval=0.0001)
        prof.start()
        for _ in range(n):
            click()
        prof.stop()
        print(prof.output_text(unicode=True, color=False, show_all=False))
        return
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        click()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(20)
    print(out.getvalue())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)

"""Typing into a VAutocomplete over 10,000 items: server time per keystroke.

    python bench/autocomplete.py

Builds the widget over 10,000 strings and 10,000 dicts, then for each of a
few typed texts times what one keystroke costs the server: the input event
(writes the search key), the flush, and rendering the dirty fragments (the
options). Prints the median and the worst of 30 runs per text, beside the
reference: the click round trip budget of the speed issue (p95 ≤ 4 ms,
bench/README.md), which a keystroke should fit in on the server side.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from htmxtrame.controller import Controller  # noqa: E402
from htmxtrame.elements import seed_tree  # noqa: E402
from htmxtrame.events import dispatch  # noqa: E402
from htmxtrame.render import Renderer  # noqa: E402
from htmxtrame.state import State  # noqa: E402
from htmxtrame.widgets import html  # noqa: E402
from htmxtrame.widgets import vuetify3 as v  # noqa: E402

REFERENCE_MS = 4.0
TEXTS = ("a", "oak", "oak 12", "zzz")


def setup(items: list) -> tuple[Renderer, Controller, str, State]:
    state = State(ready=True)
    root = html.Div()
    with root:
        v.VAutocomplete(v_model=("pick", None), items=("items", items), item_title="title", label="City")
    seed_tree(root, state)
    state.flush()
    renderer = Renderer(state, root)
    page = renderer.render_page_body()
    iid = re.search(r'<input[^>]*role="combobox"[^>]*data-ht="([^"]+)"|<input[^>]*data-ht="([^"]+)"[^>]*role="combobox"',
                    page)
    return renderer, Controller(), [g for g in iid.groups() if g][0], state


def keystroke(renderer: Renderer, ctrl: Controller, iid: str, state: State, text: str) -> float:
    dirty: list = []
    state._commit_fn = lambda delta: dirty.extend(delta)  # noqa: SLF001  (what the session hears)
    start = time.perf_counter()
    dispatch(renderer, ctrl, iid, "input", text, None)
    for fid in renderer.dirty_fragments(state.keys() if not dirty else dirty):
        renderer.render_fragment(fid)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    names = [f"{a} {b} {n}" for a in ("North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Saint")
             for b in ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine", "Maple", "Willow", "Yew") for n in range(100)]
    for label, items in (("10,000 strings", names), ("10,000 dicts", [{"title": n, "value": i} for i, n in enumerate(names)])):
        renderer, ctrl, iid, state = setup(items)
        for text in TEXTS:
            times = [keystroke(renderer, ctrl, iid, state, text if i % 2 else text + " ") for i in range(30)]
            print(f"{label:15} typed {text!r:9} median {statistics.median(times):6.2f} ms   "
                  f"max {max(times):6.2f} ms   (reference: click p95 budget {REFERENCE_MS} ms)")


if __name__ == "__main__":
    main()

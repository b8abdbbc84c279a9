"""A pandas data explorer: 100,000 generated rows, searched, sorted and
paged on the server — the browser only ever holds the visible page.

    pip install -e ".[explorer]"        # pandas and numpy
    python apps/explorer.py --server --port 8080
"""

import time

import numpy as np
import pandas as pd

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vuetify3 as v

CITIES = ["Berlin", "Lyon", "Porto", "Oslo", "Turin", "Ghent", "Krakow", "Dublin", "Bilbao", "Tartu"]


def make_frame(n: int = 100_000, seed: int = 7) -> pd.DataFrame:
    """The data: one row per (made-up) customer."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "name": [f"customer-{i:06d}" for i in rng.permutation(n)],
        "city": rng.choice(CITIES, n),
        "age": rng.integers(18, 90, n),
        "score": np.round(rng.uniform(0, 100, n), 2),
    })


df = make_frame()
# One stable sort order per column, computed once: a sort is then a lookup.
ORDER = {col: np.argsort(df[col].to_numpy(), kind="stable") for col in df.columns}
HAYSTACK = (df["name"] + " " + df["city"]).str.lower()

server = get_server()
state, ctrl = server.state, server.controller
state.trame__title = "Data explorer"
state.headers = [
    {"title": "Id", "key": "id"},
    {"title": "Name", "key": "name"},
    {"title": "City", "key": "city"},
    {"title": "Age", "key": "age", "align": "end"},
    {"title": "Score", "key": "score", "align": "end"},
]
state.rows = []
state.total = len(df)
state.score_max = float(df["score"].max())
state.summary = ""
state.query_ms = 0.0


def query():
    """Filter, sort and cut out the page the table shows."""
    started = time.perf_counter()
    mask = (df["score"] >= (state.min_score or 0)).to_numpy()
    if state.search:
        mask = mask & HAYSTACK.str.contains(state.search.lower(), regex=False).to_numpy()
    sort = (state.sort_by or [None])[0]
    if sort:
        order = ORDER[sort["key"]]
        if sort["order"] == "desc":
            order = order[::-1]
    else:
        order = ORDER["id"]
    picked = order[mask[order]]
    per = state.items_per_page
    page = max(1, state.page)
    shown = picked if per == -1 else picked[(page - 1) * per:page * per]
    matching = df.iloc[picked] if len(picked) < len(df) else df
    state.rows = df.iloc[shown].to_dict("records")
    state.total = len(picked)
    state.summary = (f"{len(picked):,} of {len(df):,} customers · mean score "
                     f"{matching['score'].mean():.1f} · mean age {matching['age'].mean():.1f}"
                     if len(picked) else "No customer matches")
    state.query_ms = round((time.perf_counter() - started) * 1000, 1)


def on_options(options):
    """The table asks for a page (first load, header click, pager, search)."""
    query()


@state.change("min_score")
def back_to_first_page(min_score, **kwargs):
    state.page = 1
    query()


with SinglePageLayout(server) as layout:
    layout.title.set_text("Customers")
    with layout.content:
        with v.VContainer(fluid=True):
            with v.VRow():
                with v.VCol(cols=12, md=6):
                    v.VTextField(v_model=("search", ""), label="Search name or city", id="search",
                                 prepend_inner_icon="mdi-magnify", clearable=True, hide_details=True,
                                 density="compact", variant="outlined")
                with v.VCol(cols=12, md=6):
                    v.VSlider(v_model=("min_score", 0), label="Minimum score", id="min-score", min=0,
                              max=("score_max",), step=5, thumb_label=True, hide_details=True)
            v.VAlert(text=("summary",), type="info", variant="tonal", density="compact", id="summary",
                     classes="my-2")
            v.VDataTableServer(
                id="customers",
                headers=("headers",),
                items=("rows",),
                items_length=("total",),
                search=("search",),
                sort_by=("sort_by", []),
                page=("page", 1),
                items_per_page=("items_per_page", 10),
                items_per_page_options=[10, 25, 50],
                update_options=(on_options, "[$event]"),
                density="compact",
                hover=True,
            )
            v.VSheet("query took {{ query_ms }} ms", id="timing", classes="text-caption pa-2")

if __name__ == "__main__":
    server.start()

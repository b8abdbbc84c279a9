"""matplotlib ``Figure`` and ``dataframe_to_grid`` (issue 11)."""

from __future__ import annotations

import itertools

import pytest

from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout

_names = itertools.count()


def mpl_figure(title: str = "plot", points: int = 10):
    Figure = pytest.importorskip("matplotlib.figure").Figure
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot(range(points), [i % 7 for i in range(points)])
    ax.set_title(title)
    return fig, ax


def test_figure_renders_inline_svg_and_update_redraws_it_for_every_page(sim_user):
    from htmxtrame.widgets import matplotlib

    server = Server(f"fig-{next(_names)}")
    fig, ax = mpl_figure("first title")
    with DivLayout(server):
        chart = matplotlib.Figure(fig, id="chart")
    user = sim_user(server)
    html = user.html
    assert '<div id="chart" class="ht-figure"><svg ' in html and "first title" in html
    assert "<?xml" not in html
    ax.set_title("second title")
    chart.update(fig)
    assert "second title" in user.html and "first title" not in user.html


def test_large_figures_go_as_png():
    from htmxtrame.widgets.matplotlib import figure_html

    fig, _ = mpl_figure(points=2000)
    html = figure_html(fig, svg_limit=1000)
    assert html.startswith('<img alt="figure"') and "data:image/png;base64," in html
    assert figure_html(fig).startswith("<svg")


def test_figure_text_is_escaped():
    from htmxtrame.widgets.matplotlib import figure_html

    fig, _ = mpl_figure('--><script>alert(1)</script><img src=x onerror=alert(2)>')
    html = figure_html(fig)
    assert "<script" not in html and "<img src=x" not in html


def test_figure_needs_a_figure():
    from htmxtrame.widgets.matplotlib import figure_html

    with pytest.raises(TypeError, match="matplotlib figure"):
        figure_html("not a figure")


def test_dataframe_to_grid_in_every_vuetify_module():
    pd = pytest.importorskip("pandas")
    from htmxtrame.widgets import vuetify, vuetify2, vuetify3

    df = pd.DataFrame({"name": ["a", "b"], "score": [1.5, float("nan")], "n": [1, 2],
                       "when": pd.to_datetime(["2024-01-02", "2024-03-04"])})
    headers, rows = vuetify3.dataframe_to_grid(df, {"score": {"align": "end"}})
    # headers carry Vuetify 3's title/key and Vuetify 2's text/value
    assert headers[0] == {"title": "name", "key": "name", "text": "name", "value": "name"}
    assert headers[1] == {"title": "score", "key": "score", "text": "score", "value": "score", "align": "end"}
    assert rows == [
        {"name": "a", "score": 1.5, "n": 1, "when": "2024-01-02T00:00:00"},
        {"name": "b", "score": "nan", "n": 2, "when": "2024-03-04T00:00:00"},
    ]
    assert type(rows[0]["n"]) is int  # numpy scalars become Python numbers
    assert {"text": "name", "value": "name"}.items() <= vuetify.dataframe_to_grid(df)[0][0].items()
    assert vuetify2.dataframe_to_grid(df) == vuetify.dataframe_to_grid(df)
    with pytest.raises(TypeError, match="DataFrame"):
        vuetify3.dataframe_to_grid([1, 2])


def test_dataframe_grid_fills_a_data_table(sim_user):
    pd = pytest.importorskip("pandas")
    from htmxtrame.widgets import vuetify3

    server = Server(f"grid-{next(_names)}")
    headers, rows = vuetify3.dataframe_to_grid(pd.DataFrame({"city": ["Lyon", "Oslo"], "pop": [522, 709]}))
    with DivLayout(server):
        vuetify3.VDataTable(headers=("headers", headers), items=("rows", rows), id="table")
    text = sim_user(server).text("#table")
    assert "city" in text and "Lyon" in text and "709" in text


@pytest.mark.parametrize(("module", "label"), [("vuetify", "text"), ("vuetify3", "title")])
def test_a_header_label_given_in_options_shows_in_the_table(sim_user, module, label):
    # trame's table examples rename columns with Vuetify 2's `text` (or 3's `title`):
    # {"name": {"text": "Dessert"}} must show "Dessert", whichever table renders it.
    pd = pytest.importorskip("pandas")
    import importlib

    widgets = importlib.import_module(f"htmxtrame.widgets.{module}")
    server = Server(f"grid-{next(_names)}")
    headers, rows = widgets.dataframe_to_grid(pd.DataFrame({"name": ["Eclair"], "cal": [300]}),
                                              {"name": {label: "Dessert"}, "cal": {label: "Calories"}})
    assert [(h["text"], h["title"], h["value"], h["key"]) for h in headers] == [
        ("Dessert", "Dessert", "name", "name"), ("Calories", "Calories", "cal", "cal")]
    with DivLayout(server):
        widgets.VDataTable(headers=("headers", headers), items=("rows", rows), id="table")
    text = sim_user(server).text("#table")
    assert "Dessert" in text and "Calories" in text and "Eclair" in text

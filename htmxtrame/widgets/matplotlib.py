"""``htmxtrame.widgets.matplotlib``: trame-matplotlib's ``Figure``, rendered on the server.

``Figure(fig)`` shows a matplotlib figure as inline SVG (crisp at any zoom,
text selectable); a figure whose SVG would exceed ``svg_limit`` bytes (dense
scatter plots) goes as a PNG instead. ``figure.update(fig)`` re-renders it
for every page::

    fig, ax = plt.subplots()
    with layout.content:
        chart = matplotlib.Figure(fig)

    @state.change("frequency")
    def redraw(frequency, **kwargs):
        ax.clear(); ax.plot(x, np.sin(frequency * x))
        chart.update(fig)

matplotlib is not imported here (the figure does its own saving): install
it with ``pip install matplotlib``. Use a non-GUI backend on a server
(``matplotlib.use("Agg")``, or create figures with ``matplotlib.figure.Figure``).
"""

from __future__ import annotations

import base64
import io
import itertools
import re
from typing import Any

from ..elements import AbstractElement, active_state

SVG_LIMIT = 512 * 1024  # bytes of SVG above which the figure goes as PNG
_ids = itertools.count(1)
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)


def figure_html(figure: Any, svg_limit: int = SVG_LIMIT, dpi: float | None = None) -> str:
    """*figure* as inline ``<svg>``, or an ``<img>`` PNG when the SVG is larger than *svg_limit*."""
    if not callable(getattr(figure, "savefig", None)):
        raise TypeError(f"Figure takes a matplotlib figure (with savefig), got {type(figure).__name__}")
    buf = io.BytesIO()
    figure.savefig(buf, format="svg")
    svg = buf.getvalue()
    if len(svg) <= svg_limit:
        text = _PROLOGUE.sub("", svg.decode("utf-8"), count=1)  # drop the XML declaration and DOCTYPE
        return text.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
    buf = io.BytesIO()
    figure.savefig(buf, format="png", dpi=dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="figure" style="max-width:100%;height:auto" src="data:image/png;base64,{data}">'


class Figure(AbstractElement):
    """``Figure(figure=None, svg_limit=512 KiB, **kwargs)``: a figure that ``update(fig)`` redraws."""

    def __init__(self, figure: Any = None, svg_limit: int = SVG_LIMIT, **kwargs: Any) -> None:
        key = f"trame__matplotlib_{next(_ids)}"
        self.__dict__["_figure_key"] = key
        self.__dict__["_svg_limit"] = svg_limit
        initial = figure_html(figure, svg_limit) if figure is not None else ""
        super().__init__("div", v_html=(key, initial), **kwargs)
        self.attributes.setdefault("class", "ht-figure")
        self.__dict__["_figure"] = figure
        self.__dict__["_state"] = active_state()

    @property
    def key(self) -> str:
        """The state key holding the rendered markup."""
        return self.__dict__["_figure_key"]

    def update(self, figure: Any = None, **kwargs: Any) -> None:
        """Render *figure* (or the current one again) for every page."""
        if figure is not None:
            self.__dict__["_figure"] = figure
        figure = self.__dict__["_figure"]
        html = figure_html(figure, self.__dict__["_svg_limit"]) if figure is not None else ""
        state = self.__dict__.get("_state") or active_state()
        if state is None:
            from ..app import get_server  # a figure built outside a layout belongs to the default server

            state = get_server().state
        self.__dict__["_state"] = state
        state[self.key] = html
        state.flush()


__all__ = ["Figure", "figure_html", "initialize"]


def initialize(server: Any) -> None:
    """trame enables trame-matplotlib's client module here; figures need nothing more in htmxtrame."""
    return None

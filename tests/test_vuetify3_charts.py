"""VSparkline, VPie, VPieSegment, VPieTooltip: geometry computed on the server, following state."""

from __future__ import annotations

import re

from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.charts import arc_path, bar_path, pie_segments, spark_path, spark_points
from test_vuetify import Page, classes_of
from test_vuetify_components import tag


def test_spark_points_scale_into_the_box():
    pts = spark_points([0, 10, 5], 100, 50, 10)
    assert pts == [(10.0, 40.0), (50.0, 10.0), (90.0, 25.0)]
    assert spark_points([], 100, 50, 10) == [] and spark_points([3, 3], 100, 50, 0)[0][1] == 50.0
    assert spark_points(["x", None, float("nan"), {"value": 4}], 100, 50, 0)[3] == (100.0, 0.0)
    assert spark_path(pts, False, False, 50, 10) == "M10.0 40.0 L50.0 10.0 L90.0 25.0"
    assert spark_path(pts, True, True, 50, 10).startswith("M10.0 40.0 Q50.0 10.0") and \
        spark_path(pts, True, True, 50, 10).endswith("Z")
    assert bar_path([1, 2], 100, 50, 0).count("Z") == 2


def test_sparkline_follows_its_values():
    page = Page(lambda: v.VSparkline(model_value=("values",), color="primary", line_width=2, id="sp",
                                     aria_label="Sales"), values=[1, 5, 3])
    first = re.search(r'<path[^>]*d="([^"]*)"', page.html).group(1)
    assert first.startswith("M") and first.count("L") == 2
    assert "text-primary" in classes_of(page.html, "sp") and 'aria-label="Sales"' in tag(page, "sp")
    assert 'role="img"' in tag(page, "sp") and 'stroke-width="2"' in page.html
    page.state.values = [9, 1, 9, 1]
    page.state.flush()
    second = re.search(r'<path[^>]*d="([^"]*)"', page.renderer.render_page_body()).group(1)
    assert second != first and second.count("L") == 3


def test_sparkline_bars_gradient_and_labels():
    page = Page(lambda: v.VSparkline(model_value=[1, 2, 3], type="bar", gradient=["#f00", "#00f"],
                                     labels=["a", "b", "c"]))
    assert "<linearGradient" in page.html and page.html.count("<stop") == 2
    assert re.findall(r"<text[^>]*>([abc])</text>", page.html) == ["a", "b", "c"]


def test_arc_and_pie_segments():
    assert arc_path(0, 0, 0) == "" and arc_path(0, 90, 0).startswith("M50.0 50.0 L50.0 0.0 A50.0")
    assert " A25 25 0 0 0 " in arc_path(0, 90, 25)
    segs = pie_segments([{"title": "A", "value": 3}, {"title": "B", "value": 1, "color": "#123456"}])
    assert [s["percent"] for s in segs] == [75, 25] and segs[1]["color"] == "#123456"
    assert pie_segments("nope") == [] and len(pie_segments([1] * 500)) == 100


def test_pie_draws_slices_with_tooltips_and_a_legend():
    page = Page(lambda: v.VPie(items=("share",), title="Browsers", inner_cut=60, id="pie"),
                share=[{"title": "Chromium", "value": 60}, {"title": "Firefox", "value": 40}])
    assert page.html.count('class="v-pie-segment"') == 2 and "<title>Chromium: 60 (60%)</title>" in page.html
    assert 'aria-label="Browsers"' in page.html and page.html.count("v-pie__legend-item") == 2
    page.state.share = [{"title": "Only", "value": 1}]
    page.state.flush()
    assert page.renderer.render_page_body().count('class="v-pie-segment"') == 1


def test_pie_segment_and_tooltip_alone():
    page = Page(lambda: (v.VPieSegment(value=("pct",), id="seg"), v.VPieTooltip(title="A", value=3)), pct=25)
    assert 'aria-label="25%"' in tag(page, "seg") and "text-primary" in classes_of(page.html, "seg")
    assert re.search(r'<path fill="currentColor"[^>]*d="M50.0 50.0', page.html) or "d=\"M50.0 50.0" in page.html
    assert "v-pie-tooltip__title" in page.html

"""The long-tail components given state they cannot show: the page still renders, nothing raises."""

from __future__ import annotations

import pytest

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page

JUNK = [None, "text", 42, -7, {"a": 1}, [None, "x", {"b": []}], float("nan"), True]


def build_all():
    v.VPagination(v_model=("junk",), length=("junk",), total_visible=("junk",))
    with v.VCarousel(v_model=("junk",)):
        v.VCarouselItem(src=("junk",))
    v.VBreadcrumbs(items=("junk_list",))
    with v.VDataIterator(items=("junk",), page=("junk",), items_per_page=("junk",), search=("junk",),
                         sort_by=("junk",)):
        with v.Template(v_slot_default="{ items }"):
            html.Span("{{ it.raw }}", v_for="it in items")
    v.VSnackbarQueue(v_model=("junk",))
    v.VSparkline(model_value=("junk",))
    v.VPie(items=("junk",))
    v.VPieSegment(value=("junk",))
    v.VCommandPalette(v_model=("open",), items=("junk",), search=("junk_text",))
    v.VDataTableFooter(page=("junk",), items_length=("junk",))
    v.VAvatarGroup(items=("junk_list",), limit=2)
    v.VResponsive(aspect_ratio=("junk",))
    v.VHotkey(keys=("junk",))


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_junk_state_renders(junk):
    page = Page(build_all, junk=junk, junk_list=junk if isinstance(junk, list) else [], open=True,
                junk_text=junk if isinstance(junk, str) else "")
    assert "v-pagination" in page.html and "v-pie" in page.html


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_junk_state_raises_no_expression_error(junk, caplog):
    page = Page(build_all, junk=junk, junk_list=junk if isinstance(junk, list) else [], open=True,
                junk_text=junk if isinstance(junk, str) else "")
    assert page.renderer._errors == 0, caplog.text[-2000:]

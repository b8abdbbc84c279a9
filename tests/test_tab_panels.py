"""VTabs and the VWindow they drive are wired as the WAI-ARIA tabs pattern: aria-controls, tabpanel, aria-labelledby."""

from __future__ import annotations

import re

from htmxtrame.elements import seed_tree
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v


def render(build) -> str:
    state = State(ready=True)
    root = html.Div()
    with root:
        build()
    seed_tree(root, state)
    state.flush()
    return Renderer(state, root).render_page_body()


def attrs(page: str, element_id: str) -> str:
    m = re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', page)
    assert m, f"no element with id {element_id}"
    return m.group(0)


def test_each_tab_controls_its_panel_and_each_panel_is_labelled_by_its_tab():
    def build():
        with v.VTabs(v_model=("tab", "two")):
            v.VTab("One", value="one", id="t1")
            v.VTab("Two", value="two", id="t2")
        with v.VWindow(v_model="tab"):
            v.VWindowItem("first", value="one", id="p1")
            v.VWindowItem("second", value="two", id="p2")

    page = render(build)
    for n in ("1", "2"):
        assert 'aria-controls="p' + n + '"' in attrs(page, "t" + n)
        panel = attrs(page, "p" + n)
        assert 'role="tabpanel"' in panel and f'aria-labelledby="t{n}"' in panel
    assert 'aria-selected="true"' in attrs(page, "t2") and 'aria-selected="false"' in attrs(page, "t1")


def test_tabs_and_window_apart_by_index_without_ids_are_paired():
    """Tabs in one block, the window in another (an app bar and the content), no values, no ids."""
    root = html.Div()
    with root:
        bar = html.Header()
        main = html.Main()
    with bar, v.VTabs(v_model=("tab", 0)):
        v.VTab("A")
        v.VTab("B")
    with main, v.VWindow(v_model="tab"):
        v.VWindowItem("a")
        v.VWindowItem("b")
    state = State(ready=True)
    seed_tree(root, state)
    state.flush()
    page = Renderer(state, root).render_page_body()
    controls = re.findall(r'role="tab"[^>]*aria-controls="([^"]+)"|aria-controls="([^"]+)"[^>]*role="tab"', page)
    panel_ids = re.findall(r'<div [^>]*id="([^"]+)"[^>]*role="tabpanel"', page)
    assert len(panel_ids) == 2
    assert sorted(a or b for a, b in controls) == sorted(panel_ids)
    for pid in panel_ids:
        labelled = re.search(rf'id="{pid}"[^>]*aria-labelledby="([^"]+)"', page).group(1)
        assert re.search(rf'id="{labelled}"[^>]*role="tab"|role="tab"[^>]*id="{labelled}"', page)


def test_tabs_with_no_window_point_at_nothing_and_a_window_alone_is_no_tabpanel():
    page = render(lambda: (v.VTabs(v_model=("a", 0), children=[v.VTab("x")]),
                           v.VWindow(v_model="b", children=[v.VWindowItem("y", id="lone")])))
    assert "aria-controls" not in page
    assert "tabpanel" not in attrs(page, "lone")


def test_two_trees_with_the_same_key_are_not_cross_wired():
    render(lambda: v.VWindow(v_model="tab", children=[v.VWindowItem("old", value="one", id="old-panel")]))
    page = render(lambda: v.VTabs(v_model=("tab", "one"), children=[v.VTab("One", value="one", id="t")]))
    assert "aria-controls" not in attrs(page, "t")


def test_rows_of_a_v_for_are_left_alone():
    def build():
        with v.VTabs(v_model=("tab", 1)):
            v.VTab("{{ t.name }}", v_for="t in tabs", value=("t.id",))
        with v.VWindow(v_model="tab"):
            v.VWindowItem("{{ t.name }}", v_for="t in tabs", value=("t.id",))

    page = render(lambda: build())
    assert "aria-controls" not in page and "tabpanel" not in page

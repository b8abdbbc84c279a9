"""Vuetify widgets: prop mapping (incl. Vuetify 2 names), rendering, icons, events through dispatch."""

from __future__ import annotations

import logging
import re

import pytest

from htmxtrame.controller import Controller
from htmxtrame.elements import seed_tree
from htmxtrame.events import dispatch
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.widgets import html, vuetify, vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3 import icon_path, map_v2


class Page:
    """A tree built in a fresh state, rendered, and driven like the browser would."""

    def __init__(self, build, **state):
        self.state = State(ready=True)
        self.state.update(state)
        self.ctrl = Controller()
        self.root = html.Div()
        with self.root:
            build()
        seed_tree(self.root, self.state)
        self.state.flush()
        self.renderer = Renderer(self.state, self.root)
        self.html = self.renderer.render_page_body()

    def iid(self, element) -> str:
        found = [i for i, inst in self.renderer.instances.items() if inst.element is element]
        assert found, f"{element!r} handles no events on the page"
        return found[0]

    def fire(self, element, event, value=None, payload=None) -> None:
        dispatch(self.renderer, self.ctrl, self.iid(element), event, value, payload)
        self.html = self.renderer.render_page_body()


def click_option(page: Page, n: int) -> None:
    """Click the *n*-th option of the page's (only) select menu, as the browser reports it."""
    iids = re.findall(r'<div[^>]*role="option"[^>]*data-ht="([^"]+)"|<div[^>]*data-ht="([^"]+)"[^>]*role="option"',
                      page.html)
    iid = [a or b for a, b in iids][n]
    dispatch(page.renderer, page.ctrl, iid, "click", None, None)
    page.html = page.renderer.render_page_body()


def classes_of(markup: str, element_id: str) -> set[str]:
    m = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', markup)
    assert m, f"no element #{element_id}"
    cls = re.search(r'class="([^"]*)"', m.group(0))
    return set(cls.group(1).split()) if cls else set()


# -- props ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "v2, v3",
    [
        (("dense", True), ("density", "compact")),
        (("outlined", True), ("variant", "outlined")),
        (("text", True), ("variant", "text")),
        (("small", True), ("size", "small")),
        (("x_large", True), ("size", "x-large")),
        (("item_text", "name"), ("item_title", "name")),
        (("input", "x = $event"), ("update_modelValue", "x = $event")),
    ],
)
def test_vuetify2_names_map_to_vuetify3(v2, v3):
    assert map_v2(*v2) == v3


def test_v2_layout_flags_are_dropped():
    assert map_v2("app", True) is None


def test_vuetify2_module_renders_v2_props_as_v3_classes():
    page = Page(lambda: vuetify2.VBtn("Go", id="b", outlined=True, small=True, color="primary"))
    assert {"v-btn--variant-outlined", "v-btn--size-small", "text-primary"} <= classes_of(page.html, "b")
    page = Page(lambda: vuetify.VTextField(id="t", dense=True, outlined=True))
    assert {"v-input--density-compact", "v-input--variant-outlined"} <= classes_of(page.html, "t")


def test_vuetify2_classes_are_vuetify3_subclasses():
    assert issubclass(vuetify2.VBtn, v.VBtn) and vuetify.VSlider is vuetify2.VSlider


def test_v3_text_prop_stays_content():
    page = Page(lambda: v.VCardText(text="Hello", id="c"))
    assert ">Hello<" in page.html and "variant" not in page.html


def test_bound_prop_becomes_a_class_binding():
    page = Page(lambda: v.VBtn("x", id="b", color=("ok ? 'success' : 'error'",)), ok=True)
    assert "bg-success" in classes_of(page.html, "b")
    page.state.ok = False
    page.state.flush()
    assert "bg-error" in classes_of(page.renderer.render_page_body(), "b")


def test_utility_classes_and_style_pass_through():
    page = Page(lambda: v.VSheet(id="s", classes="pa-2 d-flex", style="gap: 4px", elevation=3, width=200))
    assert {"v-sheet", "pa-2", "d-flex", "elevation-3"} <= classes_of(page.html, "s")
    assert re.search(r'id="s"[^>]*style="width: 200px; gap: 4px"', page.html)


def test_grid_columns():
    page = Page(lambda: v.VCol(id="c", cols=12, md=6, lg=("n",)), n=4)
    assert {"v-col", "v-col-12", "v-col-md-6", "v-col-lg-4"} <= classes_of(page.html, "c")


# -- every component renders --------------------------------------------------------
@pytest.mark.parametrize("cls", v.COMPONENTS, ids=lambda c: c.__name__)
def test_every_component_renders_with_its_vuetify_class(cls):
    page = Page(lambda: cls(id="w"))
    base = cls._base.split()[0] if cls._base else ""
    assert 'id="w"' in page.html
    if base:
        assert base in classes_of(page.html, "w") or base in page.html


# -- icons -----------------------------------------------------------------------------
def test_icon_paths_come_from_mdi():
    assert icon_path("mdi-home").startswith("M10,20V14")
    assert icon_path("home") == icon_path("mdi-home")
    assert icon_path("mdi-numeric-1-box") is not None
    assert icon_path("mdi-no-such-icon") is None


def test_page_carries_only_the_icons_it_uses():
    page = Page(lambda: (v.VIcon("mdi-home"), v.VBtn(icon="mdi-plus"), v.VTextField(prepend_icon="mdi-account")))
    paths = re.findall(r'<path d="([^"]+)"', page.html)
    assert paths == [icon_path("mdi-home"), icon_path("mdi-plus"), icon_path("mdi-account")]


def test_bound_icon_picks_among_the_names_in_its_expression():
    page = Page(lambda: v.VIcon(icon=("on ? 'mdi-plus' : 'mdi-minus'",), id="i"), on=True)
    assert icon_path("mdi-plus") in page.html
    page.state.on = False
    page.state.flush()
    assert icon_path("mdi-minus") in page.renderer.render_page_body()


def test_unknown_icon_is_logged_and_marked(caplog):
    with caplog.at_level(logging.WARNING):
        page = Page(lambda: v.VIcon("mdi-nope"))
    assert "v-icon__missing" in page.html and "mdi-nope" in caplog.text


# -- inputs through the page's events ---------------------------------------------------------
def test_text_field_model_and_update_model_value():
    box = {}
    page = Page(lambda: box.setdefault("tf", v.VTextField(v_model=("name", "a"), label="Name",
                                                            update_modelValue="echo = $event")))
    control = box["tf"].control
    assert control.tagname == "input" and 'value="a"' in page.html and ">Name</label>" in page.html
    page.fire(control, "input", "Grace")
    assert page.state.name == "Grace" and page.state.echo == "Grace"


def test_select_keeps_item_values_typed():
    box = {}
    items = [{"title": "A", "value": 1}, {"title": "B", "value": 2}]
    page = Page(lambda: box.setdefault("s", v.VSelect(v_model=("pick", 1), items=items,
                                                        update_modelValue="seen = $event")))
    assert re.search(r'aria-selected="true"[^>]*><div class="v-list-item-title">A</div>', page.html)
    click_option(page, 1)
    assert page.state.pick == 2 and page.state.seen == 2
    assert re.search(r'aria-selected="true"[^>]*><div class="v-list-item-title">B</div>', page.html)


def test_multiple_select_item_title_and_value_keys():
    box = {}
    items = [{"name": "A", "id": "a"}, {"name": "B", "id": "b"}, {"name": "C", "id": "c"}]
    page = Page(lambda: box.setdefault("s", v.VSelect(v_model=("picks", []), items=("opts", items), multiple=True,
                                                        item_title="name", item_value="id")))
    assert ">B</div>" in page.html and 'aria-multiselectable="true"' in page.html
    click_option(page, 0)
    click_option(page, 2)
    assert page.state.picks == ["a", "c"]


def test_slider_is_numeric_and_raises_end_with_the_value():
    box = {}
    page = Page(lambda: box.setdefault("s", v.VSlider(v_model=("x", 3), min=0, max=10, step=1,
                                                        end="ended = $event", start="started = $event")))
    control = box["s"].control
    assert 'type="range"' in page.html and 'min="0"' in page.html and 'max="10"' in page.html
    page.fire(control, "input", "7")
    assert page.state.x == 7
    page.fire(control, "change")
    assert page.state.ended == 7


def test_range_slider_keeps_low_below_high():
    box = {}
    page = Page(lambda: box.setdefault("r", v.VRangeSlider(v_model=("span", [2, 5]), max=10)))
    low = [i.element for i in page.renderer.instances.values() if "min" in i.element.attributes.get("class", "")][0]
    page.fire(low, "input", "8")
    assert page.state.span == [5, 5]
    page.fire(low, "input", "1")
    assert page.state.span == [1, 5]


def test_checkbox_switch_radio():
    box = {}

    def build():
        box["c"] = v.VCheckbox(v_model=("c", False), label="C")
        box["s"] = v.VSwitch(v_model=("s", False))
        with v.VRadioGroup(v_model=("r", 1)):
            box["r1"] = v.VRadio(label="One", value=1)
            box["r2"] = v.VRadio(label="Two", value=2)

    page = Page(build)
    page.fire(box["c"].control, "change", True)
    page.fire(box["s"].control, "change", True)
    page.fire(box["r2"].control, "change", "2")
    assert (page.state.c, page.state.s, page.state.r) == (True, True, 2)  # the radio's value keeps its type
    assert 'role="switch"' in page.html


def test_btn_toggle_and_tabs_select_by_value():
    box = {}

    def build():
        with v.VBtnToggle(v_model=("align", "l"), update_modelValue="seen = $event"):
            box["l"] = v.VBtn("L", value="l")
            box["r"] = v.VBtn("R", value="r")
        with v.VTabs(v_model=("tab", 0)):
            v.VTab("A")
            box["tb"] = v.VTab("B")
        with v.VWindow(v_model="tab"):
            v.VWindowItem("first", id="w0")
            v.VWindowItem("second", id="w1")

    page = Page(build)
    page.fire(box["r"], "click")
    assert page.state.align == "r" and page.state.seen == "r"
    page.fire(box["r"], "click")  # clicking the active one clears it (not mandatory)
    assert page.state.align is None
    page.fire(box["tb"], "click")
    assert page.state.tab == 1
    assert re.search(r'id="w0"[^>]*style="display: none"', page.html)
    assert not re.search(r'id="w1"[^>]*display: none', page.html)


def test_expansion_panels_model():
    box = {}

    def build():
        with v.VExpansionPanels(v_model=("open", None), multiple=True):
            box["a"] = v.VExpansionPanel(title="A", text="a")
            box["b"] = v.VExpansionPanel(title="B", text="b")

    page = Page(build)
    page.fire(box["b"].summary, "click")
    page.fire(box["a"].summary, "click")
    assert page.state.open == [1, 0]
    assert len(re.findall(r"<details[^>]* open>", page.html)) == 2


def test_expansion_panels_without_model_are_native_accordion():
    page = Page(lambda: v.VExpansionPanels().add(v.VExpansionPanel(title="A"), v.VExpansionPanel(title="B")))
    names = re.findall(r'<details[^>]* name="(\w+)"', page.html)
    assert len(names) == 2 and len(set(names)) == 1


# -- overlays ----------------------------------------------------------------------------------
def test_dialog_activator_opens_and_scrim_closes():
    box = {}

    def build():
        with v.VDialog(v_model=("dialog", False)):
            with v.Template(v_slot_activator="{ props }"):
                box["btn"] = v.VBtn("Open", v_bind="props")
            v.VCard(title="Inside", id="inside")

    page = Page(build)
    assert 'id="inside"' not in page.html and "v-bind" not in page.html
    page.fire(box["btn"], "click")
    assert page.state.dialog is True and 'id="inside"' in page.html
    scrim = [i.element for i in page.renderer.instances.values()
             if "v-overlay__scrim" in i.element.attributes.get("class", "")][0]
    page.fire(scrim, "click")
    assert page.state.dialog is False


def test_persistent_dialog_ignores_the_scrim():
    page = Page(lambda: v.VDialog(v_model=("d", True), persistent=True).add(v.VCard(title="x")))
    assert not any("v-overlay__scrim" in i.element.attributes.get("class", "") for i in page.renderer.instances.values())


def test_menu_is_a_popover_anchored_to_its_activator():
    def build():
        with v.VMenu():
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Open", v_bind="props", id="act")
            v.VList(id="lst")

    page = Page(build)
    target = re.search(r'id="act"', page.html) and re.search(r'popovertarget="([\w-]+)"', page.html).group(1)
    assert re.search(rf'<div id="{target}" popover="auto"', page.html)
    assert f"anchor-name: --{target}" in page.html and f"position-anchor: --{target}" in page.html


def test_menu_v_model_follows_toggle_event():
    box = {}
    page = Page(lambda: box.setdefault("m", v.VMenu(v_model=("open", False))))
    pop = box["m"]._slots["default"]
    page.fire(pop, "toggle", True)
    assert page.state.open is True and 'data-ht-open="true"' in page.html


def test_tooltip_wraps_activator_and_text():
    def build():
        with v.VTooltip(text="Help", location="top"):
            with v.Template(v_slot_activator="{ props }"):
                v.VIcon("mdi-help", v_bind="props")

    page = Page(build)
    assert 'role="tooltip"' in page.html and ">Help<" in page.html and "v-tooltip--top" in page.html


# -- data table ----------------------------------------------------------------------------------
def test_data_table_sorts_searches_and_pages():
    rows = [{"n": "c", "v": 3}, {"n": "a", "v": 1}, {"n": "b", "v": 2}]
    box = {}
    page = Page(lambda: box.setdefault("t", v.VDataTable(
        id="t", headers=[{"title": "N", "key": "n"}, {"title": "V", "key": "v"}], items=("rows", rows),
        search=("q",), items_per_page=2)), q="")

    def cells():
        return re.findall(r"<td[^>]*>([^<]*)</td>", page.html)

    assert cells()[:4] == ["c", "3", "a", "1"] and "1–2 of 3" in page.html
    header = [i for i, inst in page.renderer.instances.items() if inst.element.tagname == "th"][0]
    dispatch(page.renderer, page.ctrl, header, "click")
    page.html = page.renderer.render_page_body()
    assert cells()[:4] == ["a", "1", "b", "2"]
    nxt = [i.element for i in page.renderer.instances.values()
           if "v-data-table-footer__next" in i.element.attributes.get("class", "")][0]
    page.fire(nxt, "click")
    assert cells()[:2] == ["c", "3"] and "3–3 of 3" in page.html
    page.state.q = "b"
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert cells()[:2] == ["b", "2"] and "1–1 of 1" in page.html


# -- layouts --------------------------------------------------------------------------------------
def test_layouts_slots_drawer_and_title():
    from htmxtrame.app import get_server
    from htmxtrame.ui.vuetify import SinglePageWithDrawerLayout as FromV2
    from htmxtrame.ui.vuetify3 import SinglePageLayout, SinglePageWithDrawerLayout

    assert FromV2 is SinglePageWithDrawerLayout
    server = get_server("vuetify-layout-test")
    with SinglePageWithDrawerLayout(server, title="Tab", width=200) as layout:
        layout.title.set_text("My app")
        with layout.content:
            v.VBtn("inside", id="inside")
        with layout.drawer:
            v.VList(id="nav")
    body = layout.html
    assert server.state.trame__title == "Tab" and server.state.main_drawer is True
    assert "My app" in body and 'id="inside"' in body and "--v-drawer-width: 200px" in body
    assert body.index('id="nav"') < body.index('id="inside"')  # drawer before content
    rend = Renderer(server.state, layout.root)
    rend.render_page_body()
    icon_iid = [i for i, inst in rend.instances.items() if inst.element is layout.icon][0]
    dispatch(rend, server.controller, icon_iid, "click")
    assert server.state.main_drawer is False
    assert "v-navigation-drawer--closed" in rend.render_page_body()
    with SinglePageLayout(server, template_name="other") as other:
        other.content.add(html.P("second", id="second"))
    assert set(server.templates) >= {"main", "other"}
    other.content.clear()
    other.flush_content()
    assert 'id="second"' not in other.html


def test_page_links_vuetify_css_only_when_used():
    from htmxtrame.transport.assets import page

    kwargs = dict(title="t", favicon=None, static="/s", ws_url="/ws", seq=0)
    assert "vuetify.css" in page(body='<div class="v-btn"></div>', **kwargs)
    assert "vuetify.css" not in page(body="<p>plain</p>", **kwargs)


def test_data_table_cell_slot_templates():
    rows = [{"n": "a", "v": 1}, {"n": "b", "v": 2}]

    def build():
        with v.VDataTable(headers=[{"title": "N", "key": "n"}, {"title": "V", "key": "v"}], items=rows):
            with v.Template(v_slot_item_v="{ item }"):
                v.VChip("{{ item.v * 10 }}")

    page = Page(build)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page.html)
    assert ">a</span>" in cells[0] and "v-chip" in cells[1] and ">10</span>" in cells[1]
    assert ">b</span>" in cells[2] and ">20</span>" in cells[3]


def test_v2_dense_row_keeps_its_own_meaning():
    page = Page(lambda: vuetify2.VRow(id="r", dense=True))
    assert "v-row--dense" in classes_of(page.html, "r")
    page = Page(lambda: v.VRow(id="r", dense=True))
    assert "v-row--dense" in classes_of(page.html, "r")


def test_layout_parts_take_v2_props_after_construction():
    from htmxtrame.app import get_server
    from htmxtrame.ui.vuetify import SinglePageLayout

    with SinglePageLayout(get_server("vuetify-late-props")) as layout:
        layout.toolbar.dense = True
        with layout.icon:
            v.VIcon("mdi-cube", id="own-icon")
    body = layout.html
    assert "v-app-bar--density-compact" in body
    assert 'id="own-icon"' in body and icon_path("mdi-menu") not in body


def test_text_field_rules_and_counter():
    box = {}
    page = Page(lambda: box.setdefault("t", v.VTextField(
        v_model=("name", "ok"), id="t", counter=10,
        rules=("[v => !!v || 'Required', v => (v || '').length <= 3 || 'Too long']",))))
    assert "v-input--error" not in classes_of(page.html, "t") and ">2 / 10<" in page.html
    page.fire(box["t"].control, "input", "")
    assert "v-input--error" in classes_of(page.html, "t") and ">Required<" in page.html
    page.fire(box["t"].control, "input", "long")
    assert ">Too long<" in page.html


def test_checkbox_array_model_and_true_value():
    box = {}

    def build():
        box["a"] = v.VCheckbox(v_model=("picked", ["a"]), value="a", label="A")
        box["b"] = v.VCheckbox(v_model=("picked", ["a"]), value="b", label="B")
        box["y"] = v.VCheckbox(v_model=("yes", "no"), true_value="yes", false_value="no")

    page = Page(build)
    assert page.html.count(" checked") == 1
    page.fire(box["b"].control, "change", True)
    page.fire(box["a"].control, "change", False)
    page.fire(box["y"].control, "change", True)
    assert page.state.picked == ["b"] and page.state.yes == "yes"


def test_stylesheet_utilities_are_current():
    from pathlib import Path

    from htmxtrame.widgets.vuetify3.stylesheet import MARKER, utilities

    css = (Path(__file__).resolve().parent.parent / "static" / "vuetify.css").read_text()
    assert css.split(MARKER)[1].lstrip("\n") == utilities(), "run python -m htmxtrame.widgets.vuetify3.stylesheet"
    for rule in (".pa-4{", ".mx-auto{", ".d-flex{", ".justify-space-between{", ".text-h5{", ".bg-primary{",
                 ".elevation-8{", ".v-col-md-6{", ".grey.lighten-1{", ".blue--text{"):
        assert rule in css


def test_progress_active_and_trame_busy():
    page = Page(lambda: (v.VProgressLinear(id="a", indeterminate=True, active=("loading",)),
                         v.VProgressLinear(id="b", indeterminate=True, absolute=True, bottom=True,
                                           active=("trame__busy",))), loading=False)
    assert re.search(r'id="a"[^>]*style="[^"]*display: none', page.html)
    # trame__busy like any key: idle here (the server shows it busy to a page it works for, see test_busy)
    assert re.search(r'id="b"[^>]*style="[^"]*display: none', page.html)
    assert {"v-progress-linear--absolute", "v-progress-linear--bottom"} <= classes_of(page.html, "b")
    assert page.renderer.index.get("trame__busy")


def test_data_table_row_selection():
    rows = [{"id": 1, "n": "a"}, {"id": 2, "n": "b"}, {"id": 3, "n": "c"}]
    page = Page(lambda: v.VDataTable(headers=[{"title": "N", "key": "n"}], items=rows, show_select=True,
                                     item_value="id", v_model=("sel", []), items_per_page=2))
    boxes = [i for i, inst in page.renderer.instances.items() if inst.element.attributes.get("type") == "checkbox"]
    select_all, first_row = boxes[0], boxes[1]
    dispatch(page.renderer, page.ctrl, boxes[2], "change", True)
    assert page.state.sel == [2]
    dispatch(page.renderer, page.ctrl, select_all, "change", True)
    assert sorted(page.state.sel) == [1, 2]  # the page's rows
    dispatch(page.renderer, page.ctrl, first_row, "change", False)
    assert page.state.sel == [2]

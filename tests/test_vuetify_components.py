"""Issue 14's components: each renders like Vuetify's and its v_model follows events both ways.

Selection groups, snackbar, badge, avatar, date/colour pickers, rating,
virtual scroll, treeview, timeline and stepper, driven through the same
event dispatch as the websocket (``Page`` from ``test_vuetify``).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from htmxtrame.events import InputError, dispatch
from htmxtrame.widgets import html, vuetify2
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.pickers import hex_color, month_view
from test_vuetify import Page, classes_of


def instance(page: Page, element, **where) -> str:
    """The instance id of *element* rendered with loop locals matching *where*."""
    for iid, inst in page.renderer.instances.items():
        if inst.element is element and all(inst.locals.get(k) == val for k, val in where.items()):
            return iid
    raise AssertionError(f"{element!r} with {where} is not on the page")


def fire(page: Page, element, event: str, value=None, payload=None, **where) -> None:
    dispatch(page.renderer, page.ctrl, instance(page, element, **where), event, value, payload)
    page.html = page.renderer.render_page_body()


def tag(page: Page, element_id: str) -> str:
    m = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', page.html)
    assert m, f"no #{element_id} in {page.html[:300]}"
    return m.group(0)


def find(root, cls: type, **attrs):
    return [n for n in root.walk() if isinstance(n, cls) and all(n.attributes.get(k) == x for k, x in attrs.items())]


# -- VChipGroup ------------------------------------------------------------------------------
def test_chip_group_selects_one_and_colours_it():
    chips = {}

    def build():
        with v.VChipGroup(v_model=("pick", "b"), color="primary", filter=True, id="g",
                          update_modelValue="seen = $event"):
            for name in ("a", "b", "c"):
                chips[name] = v.VChip(name.upper(), value=name, id=f"c-{name}")

    page = Page(build)
    assert 'role="listbox"' in tag(page, "g") and "data-ht-roving" in tag(page, "g")
    assert {"v-chip--selected", "text-primary"} <= classes_of(page.html, "c-b")
    assert "v-chip--selected" not in classes_of(page.html, "c-a")
    assert 'aria-selected="true"' in tag(page, "c-b") and 'tabindex="0"' in tag(page, "c-a")
    page.fire(chips["a"], "click")
    assert page.state.pick == "a" and page.state.seen == "a"
    assert "v-chip--selected" in classes_of(page.html, "c-a")
    page.fire(chips["a"], "click")  # not mandatory: a second click clears it
    assert page.state.pick is None


def test_chip_group_multiple_max_and_mandatory():
    chips = []

    def build():
        with v.VChipGroup(v_model=("tags", ["x"]), multiple=True, max=2, mandatory=True):
            for name in ("x", "y", "z"):
                chips.append(v.VChip(name, value=name))

    page = Page(build)
    page.fire(chips[1], "click")
    assert page.state.tags == ["x", "y"]
    page.fire(chips[2], "click")  # max=2: refused
    assert page.state.tags == ["x", "y"]
    page.fire(chips[0], "click")
    page.fire(chips[1], "click")  # mandatory: the last one stays
    assert page.state.tags == ["y"]


def test_chip_group_follows_the_server():
    page = Page(lambda: [v.VChipGroup(v_model=("pick", None), children=[v.VChip("One", value=1, id="one")])])
    assert "v-chip--selected" not in classes_of(page.html, "one")
    page.state.pick = 1
    page.state.flush()
    assert "v-chip--selected" in classes_of(page.renderer.render_page_body(), "one")


# -- VItemGroup / VItem ---------------------------------------------------------------------
def test_item_group_slot_props_and_toggle_in_a_loop():
    box = {}

    def build():
        with v.VItemGroup(v_model=("picked", []), multiple=True, selected_class="bg-primary"):
            with v.VItem(v_for="n in 3", value=("n",), v_slot="{ isSelected, selectedClass, toggle }"):
                box["card"] = html.Div("{{ n }}:{{ isSelected }}", classes=("['card', selectedClass]",),
                                       click="toggle")

    page = Page(build)
    assert re.findall(r'class="card"[^>]*>(\d:\w+)<', page.html) == ["1:false", "2:false", "3:false"]
    fire(page, box["card"], "click", n=2)
    assert page.state.picked == [2]
    assert re.search(r'class="card bg-primary"[^>]*>2:true<', page.html)
    fire(page, box["card"], "click", n=2)
    assert page.state.picked == []


def test_item_with_template_slot_and_select_true():
    box = {}

    def build():
        with v.VItemGroup(v_model=("one", None)):
            for i in range(2):
                with v.VItem():
                    with v.Template(v_slot_default="{ isSelected, select }"):
                        box[i] = html.Button("{{ isSelected ? 'on' : 'off' }}", click="select(true)", id=f"b{i}")

    page = Page(build)
    page.fire(box[1], "click")
    assert page.state.one == 1  # no value: the item's index
    page.fire(box[1], "click")  # select(true) on a selected item keeps it
    assert page.state.one == 1
    assert ">on</button>" in page.html and ">off</button>" in page.html


# -- VSlideGroup ------------------------------------------------------------------------------
def test_slide_group_arrows_and_items():
    box = {}

    def build():
        with v.VSlideGroup(v_model=("slide", None), show_arrows=True, id="sg"):
            with v.VSlideGroupItem(value="k", v_slot="{ isSelected, toggle }"):
                box["card"] = v.VCard(text="K", click="toggle", color=("isSelected ? 'primary' : 'grey'",), id="k")

    page = Page(build)
    assert 'aria-label="Previous"' in page.html and 'aria-label="Next"' in page.html
    assert "v-slide-group__content" in page.html and "bg-grey" in classes_of(page.html, "k")
    page.fire(box["card"], "click")
    assert page.state.slide == "k" and "bg-primary" in classes_of(page.html, "k")


# -- list selection -----------------------------------------------------------------------------
def test_list_v_model_selected_single_and_update_selected():
    items = {}

    def build():
        with v.VList(v_model_selected=("sel", ["a"]), id="l", update_selected="seen = $event"):
            items["a"] = v.VListItem(title="A", value="a", id="la")
            items["b"] = v.VListItem(title="B", value="b", id="lb")

    page = Page(build)
    assert 'role="listbox"' in tag(page, "l") and "v-list-item--active" in classes_of(page.html, "la")
    page.fire(items["b"], "click")
    assert page.state.sel == ["b"] and page.state.seen == ["b"]
    assert "v-list-item--active" in classes_of(page.html, "lb")
    assert 'aria-selected="false"' in tag(page, "la")


def test_list_items_prop_independent_strategy():
    page = Page(lambda: v.VList(items=[{"title": "X", "value": 1}, {"title": "Y", "value": 2}], id="l",
                                v_model_selected=("many", []), select_strategy="independent"))
    row = next(n for n in page.root.walk() if isinstance(n, v.VListItem))
    fire(page, row, "click", index=0)
    fire(page, row, "click", index=1)
    assert page.state.many == [1, 2]
    assert 'aria-multiselectable="true"' in tag(page, "l")


def test_vuetify2_list_item_group():
    items = []

    def build():
        with vuetify2.VList():
            with vuetify2.VListItemGroup(v_model=("chosen", 0), color="primary", change="seen = $event"):
                for title in ("Inbox", "Sent"):
                    items.append(vuetify2.VListItem(title=title))

    page = Page(build)
    assert "v-list-item--active" in page.html
    page.fire(items[1], "click")
    assert page.state.chosen == 1 and page.state.seen == 1


# -- VSnackbar ----------------------------------------------------------------------------------
def test_snackbar_shows_closes_on_timeout_and_has_actions():
    box = {}

    def build():
        with v.VSnackbar(v_model=("snack", False), text="Saved", timeout=2000, location="top end", id="sb",
                         update_modelValue="seen = $event") as bar:
            box["bar"] = bar
            with v.Template(v_slot_actions=True):
                box["close"] = v.VBtn("Close", click="snack = false")

    page = Page(build)
    assert "Saved" not in page.html
    assert {"v-snackbar--top", "v-snackbar--end"} <= classes_of(page.html, "sb")
    page.state.snack = True
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert 'role="status"' in page.html and "Saved" in page.html and 'data-ht-timeout="2000"' in page.html
    assert "v-snackbar__actions" in page.html and ">Close<" in page.html
    wrapper = box["bar"]._wrapper
    page.fire(wrapper, "timeout")  # what the page reports when the timeout ends
    assert page.state.snack is False and page.state.seen is False
    assert "Saved" not in page.html


# -- VBadge, VAvatar --------------------------------------------------------------------------------
def test_badge_content_max_dot_and_inline():
    page = Page(lambda: [v.VBadge(v.VIcon("mdi-bell"), content=("n",), max=9, id="b1"),
                         v.VBadge(dot=True, color="success", inline=True, id="b2")], n=12)
    assert re.search(r'class="v-badge__badge[^"]*bg-error[^"]*"[^>]*>9\+<', page.html)
    assert 'aria-label="Badge"' in page.html
    assert "v-badge--inline" in classes_of(page.html, "b2") and "v-badge--dot" in classes_of(page.html, "b2")
    page.state.n = 3
    page.state.flush()
    assert re.search(r">3</span>", page.renderer.render_page_body())


def test_avatar_image_icon_text_and_size():
    page = Page(lambda: [v.VAvatar(image="a.png", size=56, id="a1", alt="Ada"),
                         v.VAvatar(icon="mdi-account", color="primary", id="a2"),
                         v.VAvatar(text="AL", size="small", rounded="0", id="a3")])
    assert '<img class="v-avatar__image" alt="Ada" src="a.png">' in page.html
    assert "width: 56px" in tag(page, "a1") and "rounded-circle" in classes_of(page.html, "a1")
    assert {"bg-primary", "v-avatar--size-default"} <= classes_of(page.html, "a2")
    assert ">AL</div>" in page.html and {"v-avatar--size-small", "rounded-0"} <= classes_of(page.html, "a3")


# -- VDatePicker ----------------------------------------------------------------------------------------
def test_month_view_grid_min_max_and_navigation():
    view = month_view("2024-05-17", None, "2024-05-03", "2024-05-28", 0, today=dt.date(2024, 5, 10))
    assert view["label"] == "May 2024" and view["header"] == "Fri, May 17"
    assert view["prev"] == "2024-04" and view["next"] == "2024-06" and view["prevOff"] and view["nextOff"]
    days = [d for week in view["weeks"] for d in week if not d["outside"]]
    assert len(days) == 31 and view["weeks"][0][3]["date"] == "2024-05-01"  # May 1st 2024 is a Wednesday
    assert [d["day"] for d in days if d["disabled"]] == [1, 2, 29, 30, 31]
    assert [d["day"] for d in days if d["selected"]] == [17] and [d["day"] for d in days if d["today"]] == [10]
    assert month_view(None, "2023-12", None, None)["next"] == "2024-01"
    assert month_view("not a date", "13-99", None, None)["label"]  # bad values fall back to today
    assert month_view("2024-05-17", {"month": "2024-08", "at": "2024-05-17"}, None, None)["label"] == "August 2024"
    assert month_view("2024-06-01", {"month": "2024-08", "at": "2024-05-17"}, None, None)["label"] == "June 2024"


def test_date_picker_picks_a_day_and_moves_months():
    box = {}
    page = Page(lambda: box.setdefault("dp", v.VDatePicker(v_model=("day", "2024-05-17"), id="dp",
                                                           update_modelValue="seen = $event")))
    assert "May 2024" in page.html and "Fri, May 17" in page.html
    assert re.search(r'aria-label="17 May 2024, Friday" data-v-date="2024-05-17" aria-pressed="true"', page.html)
    day_btn = next(n for n in page.root.walk() if n.tagname == "button" and n.attributes.get("data-ht-press"))
    fire(page, day_btn, "click", d={**_cell(page, "2024-05-20")})
    assert page.state.day == "2024-05-20" and page.state.seen == "2024-05-20"
    nxt = next(n for n in page.root.walk() if "v-date-picker-controls__next" in str(n.attributes.get("class", "")))
    fire(page, nxt, "click")
    assert "June 2024" in page.html and page.state.day == "2024-05-20"
    page.state.day = "2023-01-02"  # the server moves the model: the picker shows its month, as Vuetify's does
    page.state.flush()
    assert "January 2023" in page.renderer.render_page_body()


def _cell(page: Page, date: str) -> dict:
    for inst in page.renderer.instances.values():
        d = inst.locals.get("d")
        if isinstance(d, dict) and d.get("date") == date:
            return d
    raise AssertionError(date)


def test_date_picker_min_disables_days():
    page = Page(lambda: v.VDatePicker(v_model=("day", "2024-05-17"), min="2024-05-10", max="2024-05-20"))
    assert re.search(r'data-v-date="2024-05-09"[^>]*disabled', page.html)
    assert not re.search(r'data-v-date="2024-05-10"[^>]*disabled', page.html)


# -- VColorPicker ---------------------------------------------------------------------------------------------
def test_color_picker_native_input_swatches_and_validation():
    box = {}
    page = Page(lambda: box.setdefault("cp", v.VColorPicker(v_model=("color", "#1867c0"), show_swatches=True)))
    native = next(n for n in page.root.walk() if n.attributes.get("type") == "color")
    assert re.search(r'type="color"[^>]*value="#1867c0"', page.html)
    page.fire(native, "input", "#ff8800")
    assert page.state.color == "#FF8800"
    swatch = next(n for n in page.root.walk() if n.attributes.get("aria-label") == "#4CAF50")
    page.fire(swatch, "click")
    assert page.state.color == "#4CAF50" and re.search(r'aria-label="#4CAF50"[^>]*aria-pressed="true"', page.html)
    with pytest.raises(InputError):
        page.fire(native, "input", "javascript:alert(1)")
    assert page.state.color == "#4CAF50"
    assert hex_color("f80") == "#FF8800" and hex_color("#ff8800cc") == "#FF8800"


# -- VRating -----------------------------------------------------------------------------------------------------
def test_rating_radios_set_a_number():
    box = {}
    page = Page(lambda: box.setdefault("r", v.VRating(v_model=("stars", 2), length=4, hover=True, color="amber",
                                                      id="r")))
    assert page.html.count('type="radio"') == 4 and 'role="radiogroup"' in tag(page, "r")
    assert len(re.findall(r"v-rating__item--full", page.html)) == 2
    assert 'aria-label="Rating 3 of 4"' in page.html
    radio = next(n for n in page.root.walk() if n.attributes.get("type") == "radio")
    fire(page, radio, "change", True, i=3)
    assert page.state.stars == 3 and isinstance(page.state.stars, int)
    assert len(re.findall(r"v-rating__item--full", page.html)) == 3


def test_readonly_rating_sends_nothing():
    page = Page(lambda: v.VRating(model_value=3, readonly=True))
    assert page.html.count("disabled") >= 5 and "data-ht=" not in page.html


# -- VVirtualScroll --------------------------------------------------------------------------------------------------
def test_virtual_scroll_renders_a_bounded_window():
    rows = [f"row {i}" for i in range(100_000)]

    def build():
        with v.VVirtualScroll(items=("rows",), height=300, item_height=30, id="vs") as vs:
            with v.Template(v_slot_default="{ item, index }"):
                html.Span("{{ index }}: {{ item }}")
        return vs

    box = {}
    page = Page(lambda: box.setdefault("vs", build()), rows=rows)
    assert page.html.count('class="v-virtual-scroll__item"') == 21  # 11 in view + 5 either side
    assert "0: row 0" in page.html and "row 30" not in page.html
    assert "padding-bottom: 2999370px" in page.html
    page.fire(box["vs"], "scroll", payload={"type": "scroll", "scrollTop": 30 * 5000})
    assert page.state[box["vs"]._model_key] == 4995
    assert "5000: row 5000" in page.html and "0: row 0" not in page.html
    assert page.html.count('class="v-virtual-scroll__item"') == 21
    page.fire(box["vs"], "scroll", payload={"type": "scroll", "scrollTop": "nonsense"})
    assert page.state[box["vs"]._model_key] == 0



def test_a_scroll_report_without_its_event_is_not_an_app_error():
    # A forged frame naming the scroll event with no "event": before, $event.scrollTop on null
    # raised in htmxtrame's own handler, logged as the app's error with a traceback.
    box = {}
    page = Page(lambda: box.setdefault("vs", v.VVirtualScroll(items=("rows",), height=300, item_height=30)),
                rows=list(range(1000)))
    page.fire(box["vs"], "scroll", payload={"type": "scroll", "scrollTop": 3000})
    page.fire(box["vs"], "scroll", payload=None)
    assert page.state[box["vs"]._model_key] == 0

# -- VTreeview ---------------------------------------------------------------------------------------------------------
TREE = [{"title": "src", "value": "src", "children": [
            {"title": "app.py", "value": "app"},
            {"title": "lib", "value": "lib", "children": [{"title": "a.py", "value": "a"}, {"title": "b.py", "value": "b"}]}]},
        {"title": "README", "value": "readme"}]


def test_treeview_opens_nodes_and_shows_only_visible_rows():
    box = {}
    page = Page(lambda: box.setdefault("t", v.VTreeview(items=("tree", TREE), v_model_opened=("opened", []),
                                                        id="t")))
    assert 'role="tree"' in tag(page, "t")
    assert "src" in page.html and "app.py" not in page.html
    toggle = next(n for n in page.root.walk() if "v-treeview-item__toggle" in str(n.attributes.get("class", "")))
    fire(page, toggle, "click", item=TREE[0])
    assert page.state.opened == ["src"] and "app.py" in page.html and "a.py" not in page.html
    assert re.search(r'aria-level="2"', page.html) and 'aria-expanded="true"' in page.html


def test_treeview_selection_classic_and_activation():
    box = {}
    page = Page(lambda: box.setdefault("t", v.VTreeview(items=TREE, v_model=("sel", []), selectable=True,
                                                        activatable=True, open_all=True,
                                                        v_model_activated=("act", []))))
    assert "a.py" in page.html  # open_all
    check = next(n for n in page.root.walk() if "v-treeview-item__select" in str(n.attributes.get("class", "")))
    fire(page, check, "click", item=TREE[0]["children"][1])  # "lib": selects its leaves
    assert page.state.sel == ["a", "b"]
    assert re.search(r'aria-checked="true"[^>]*>.*?lib', page.html) or 'aria-checked="mixed"' in page.html
    fire(page, check, "click", item=TREE[0]["children"][1]["children"][0])
    assert page.state.sel == ["b"] and 'aria-checked="mixed"' in page.html
    row = next(n for n in page.root.walk() if n.attributes.get("role") == "treeitem")
    fire(page, row, "click", item=TREE[1])
    assert page.state.act == ["readme"] and "v-list-item--active" in page.html


def test_treeview_search_shows_matches_and_their_ancestors():
    page = Page(lambda: v.VTreeview(items=TREE, search=("q",)), q="b.py")
    titles = re.findall(r'class="v-list-item-title">([^<]*)<', page.html)
    assert titles == ["src", "lib", "b.py"]
    page.state.q = ""
    page.state.flush()
    assert re.findall(r'class="v-list-item-title">([^<]*)<', page.renderer.render_page_body()) == ["src", "README"]


def test_vuetify2_treeview_names():
    tree = [{"id": 1, "name": "Root", "children": [{"id": 2, "name": "Leaf"}]}]
    page = Page(lambda: vuetify2.VTreeview(items=tree, open=("open_ids", [1]), active=("active_ids", []),
                                           activatable=True))
    assert "Leaf" in page.html and page.state.open_ids == [1]


# -- VTimeline ------------------------------------------------------------------------------------------------------------
def test_timeline_items_dots_and_opposite_slot():
    def build():
        with v.VTimeline(side="end", id="tl", dot_color="primary", line_color="grey"):
            v.VTimelineItem("First", icon="mdi-check", size="small", id="t1")
            with v.VTimelineItem(dot_color="error", id="t2"):
                html.Span("Second")
                with v.Template(v_slot_opposite=True):
                    html.Span("10:00", id="when")

    page = Page(build)
    assert {"v-timeline--vertical", "v-timeline--side-end"} <= classes_of(page.html, "tl")
    assert 'role="listitem"' in tag(page, "t1") and "bg-primary" in page.html and "bg-error" in page.html
    assert re.search(r'v-timeline-item__opposite">(<div class="v-slot">)?<span id="when">10:00', page.html)
    assert page.html.count("v-timeline-divider__line--colored text-grey") == 4  # before and after each dot


# -- VStepper --------------------------------------------------------------------------------------------------------------
def test_stepper_items_next_prev_and_slots():
    box = {}

    def build():
        with v.VStepper(v_model=("step", 1), items=["Cart", "Address", "Pay"], id="st") as st:
            box["st"] = st
            with v.Template(v_slot_item_2=True):
                html.P("Where to?", id="where")

    page = Page(build)
    assert page.html.count('<button type="button" class="v-stepper-item') == 3 and 'aria-current="step"' in page.html
    assert re.search(r'id="where"', page.html) and "display: none" in page.html
    buttons = {b.prop("classes"): b for b in page.root.walk() if isinstance(b, v.VBtn)}
    prev, nxt = buttons["v-stepper-actions__prev"], buttons["v-stepper-actions__next"]
    assert re.search(r'v-stepper-actions__prev[^>]*disabled|disabled[^>]*v-stepper-actions__prev', page.html)
    page.fire(nxt, "click")
    page.fire(nxt, "click")
    assert page.state.step == 3
    with pytest.raises(InputError, match="disabled"):  # at the end Next is disabled: a forged click is refused
        page.fire(nxt, "click")
    assert page.state.step == 3
    page.fire(prev, "click")
    assert page.state.step == 2


def test_stepper_built_by_hand_and_editable_items():
    box = {}

    def build():
        with v.VStepper(v_model=("s", "a"), editable=True):
            with v.VStepperHeader():
                box["a"] = v.VStepperItem(title="A", value="a", complete=("s !== 'a'",))
                v.VDivider()
                box["b"] = v.VStepperItem(title="B", value="b")
            with v.VStepperWindow():
                v.VStepperWindowItem("Step A", value="a", id="wa")
                v.VStepperWindowItem("Step B", value="b", id="wb")
            v.VStepperActions()

    page = Page(build)
    assert "display: none" in tag(page, "wb") and "display: none" not in tag(page, "wa")
    page.fire(box["b"], "click")  # editable: the header jumps
    assert page.state.s == "b" and "display: none" in tag(page, "wa")
    assert "v-stepper-item--complete" in page.html


def test_vuetify2_stepper_names():
    box = {}

    def build():
        with vuetify2.VStepper(v_model=("e1", 1)):
            with vuetify2.VStepperHeader():
                vuetify2.VStepperStep("One", step=1, complete=("e1 > 1",))
                vuetify2.VStepperStep("Two", step=2)
            with vuetify2.VStepperItems():
                with vuetify2.VStepperContent(step=1, id="c1"):
                    box["go"] = vuetify2.VBtn("Continue", click="e1 = 2")
                vuetify2.VStepperContent("Done", step=2, id="c2")

    page = Page(build)
    assert "display: none" in tag(page, "c2")
    page.fire(box["go"], "click")
    assert "display: none" in tag(page, "c1") and "display: none" not in tag(page, "c2")


# -- bad or large input ----------------------------------------------------------------------------------------------------
def test_treeview_survives_malformed_items_and_bounds_huge_trees():
    weird = [None, "text", {"title": "ok", "value": 1, "children": ["x", None, {"title": "kid", "value": 2}]}, 5]
    page = Page(lambda: v.VTreeview(items=("tree",), open_all=True), tree=weird)
    assert "ok" in page.html and "kid" in page.html and "data-ht-error" not in page.html
    page.state.tree = {"not": "a list"}
    page.state.flush()
    assert "data-ht-error" not in page.renderer.render_page_body()
    huge = [{"title": f"n{i}", "value": i, "children": [{"title": f"c{i}", "value": -i - 1}]} for i in range(20_000)]
    page.state.tree = huge
    page.state.flush()
    page.renderer.limits.max_seconds = 30  # this test is about the node bound, not a slow (loaded) machine
    rendered = page.renderer.render_page_body()
    from htmxtrame.widgets.vuetify3.trees import MAX_NODES
    assert rendered.count('role="treeitem"') == MAX_NODES


def test_disabled_item_and_group_items_do_not_toggle():
    box = {}

    def build():
        with v.VChipGroup(v_model=("pick", None)):
            box["off"] = v.VChip("Off", value="off", disabled=True)
        with v.VItemGroup(v_model=("it", None), disabled=True):
            with v.VItem(value="a", v_slot="{ isSelected, toggle, disabled }"):
                box["card"] = html.Div("{{ disabled }}", click="toggle", id="card")

    page = Page(build)
    assert "data-ht=" not in re.search(r"<span[^>]*v-chip[^>]*>", page.html).group(0)
    assert 'aria-disabled="true"' in page.html and ">true</div>" in page.html
    page.fire(box["card"], "click")  # a disabled item's toggle does nothing
    assert page.state.pick is None and page.state.it is None


def test_snackbar_without_timeout_and_unknown_event_is_refused():
    box = {}
    page = Page(lambda: box.setdefault("s", v.VSnackbar(v_model=("open", True), text="Hi", timeout=-1)))
    assert 'data-ht-timeout="-1"' in page.html
    with pytest.raises(InputError):
        page.fire(box["s"]._wrapper, "keydown")
    assert page.state.open is True


def test_bound_disabled_button_is_really_disabled():
    """A bound ``disabled`` sets the attribute (keyboard and screen readers), not only the look."""
    page = Page(lambda: v.VBtn("Next", id="b", disabled=("off",)), off=True)
    assert re.search(r'<button[^>]*id="b"[^>]*\sdisabled[\s>]', page.html)
    page.state.off = False
    page.state.flush()
    assert not re.search(r'<button[^>]*id="b"[^>]*\sdisabled[\s>]', page.renderer.render_page_body())


def test_stepper_items_from_state():
    box = {}

    def build():
        with v.VStepper(v_model=("step", "b"), items=("steps",), id="st") as st:
            box["st"] = st
            with v.Template(v_slot_item_c=True):
                html.P("Last one", id="last")

    steps = [{"title": "A", "value": "a"}, {"title": "B", "value": "b", "text": "Second"}, {"title": "C", "value": "c"}]
    page = Page(build, steps=steps)
    assert re.findall(r'v-stepper-item__title">([^<]*)<', page.html) == ["A", "B", "C"]
    assert re.findall(r'v-stepper-item__avatar"><span>(\d)</span>', page.html) == ["1", "2", "3"]
    pane = next(n for n in page.root.walk() if isinstance(n, v.VStepperWindowItem)
                and any(c.attributes.get("id") == "last" for c in n.walk()))
    assert "Second" in page.html and "display: none" in tag(page, pane.dom_id)
    nxt = next(b for b in page.root.walk() if isinstance(b, v.VBtn) and b.prop("classes") == "v-stepper-actions__next")
    page.fire(nxt, "click")
    assert page.state.step == "c" and "display: none" not in tag(page, pane.dom_id)
    with pytest.raises(InputError, match="disabled"):
        page.fire(nxt, "click")
    assert page.state.step == "c"

"""Vuetify inputs as a Vuetify user expects them: ids per row, number fields,
Vue's ``.number``, what ``$event`` carries, the select's empty choice."""

from __future__ import annotations

import re

import pytest
from test_vuetify import Page as BasePage

from htmxtrame.events import InputError, dispatch
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v


class Page(BasePage):
    """The shared test page, with events fired by CSS-ish lookups in its HTML."""

    def render(self) -> str:
        self.html = self.renderer.render_page_body()
        return self.html

    def tags(self, pattern: str) -> list[str]:
        """The opening tags matching *pattern* (a regex over one tag)."""
        return [m.group(0) for m in re.finditer(r"<[^<>]*>", self.html) if re.search(pattern, m.group(0))]

    def iid_of(self, pattern: str, n: int = 0) -> str:
        tag = self.tags(pattern)[n]
        return re.search(r'data-ht="([^"]+)"', tag).group(1)

    def fire(self, pattern: str, event: str, value=None, payload=None, n: int = 0):
        result = dispatch(self.renderer, self.ctrl, self.iid_of(pattern, n), event, value, payload)
        self.render()
        return result


def attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\b{name}="([^"]*)"', tag)
    return m.group(1) if m else None


# -- ids inside v_for ------------------------------------------------------------------
def test_checkboxes_in_a_v_for_get_an_id_each_and_their_labels_point_at_them():
    p = Page(lambda: v.VCheckbox(v_for="item, i in items", v_model="item.done", label=("item.name",)),
             items=[{"name": n, "done": False} for n in "abcd"])
    inputs = p.tags(r'type="checkbox"')
    ids = [attr(t, "id") for t in inputs]
    assert len(set(ids)) == 4, ids
    fors = [attr(t, "for") for t in p.tags(r"<label")]
    assert fors == ids  # the label of row 1 is the label of row 1's box
    # ticking row 1 ticks row 1
    p.fire(r'type="checkbox"', "change", True, n=1)
    assert [it["done"] for it in p.state["items"]] == [False, True, False, False]


def test_row_ids_follow_keys_and_stay_valid_names():
    p = Page(lambda: v.VTextField(v_for="row in rows", key="row.k", v_model="row.text", label="T"),
             rows=[{"k": "a b", "text": ""}, {"k": 'x"y', "text": ""}])
    ids = [attr(t, "id") for t in p.tags(r"<input")]
    assert len(set(ids)) == 2
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids), ids


def test_radios_in_rows_get_a_group_name_per_row():
    def build():
        with v.VRadioGroup(v_for="row in rows", v_model="row.pick"):
            v.VRadio(label="A", value="a")
            v.VRadio(label="B", value="b")

    p = Page(build, rows=[{"pick": "a"}, {"pick": "b"}])
    names = [attr(t, "name") for t in p.tags(r'type="radio"')]
    assert names[0] == names[1] and names[2] == names[3] and names[0] != names[2]
    assert len({attr(t, "id") for t in p.tags(r'type="radio"')}) == 4


def test_menus_in_rows_open_their_own_popover():
    def build():
        with v.VMenu(v_for="row in rows"):
            with v.Template(v_slot_activator="{ props }"):
                v.VBtn("Open", v_bind="props")
            v.VList(items=("row.items",))

    p = Page(build, rows=[{"items": ["x"]}, {"items": ["y"]}])
    targets = [attr(t, "popovertarget") for t in p.tags(r"popovertarget")]
    pops = [attr(t, "id") for t in p.tags(r"\bpopover=")]
    assert len(set(targets)) == 2 and targets == pops
    anchors = re.findall(r"anchor-name: (--[\w-]+)", p.html)
    assert len(set(anchors)) == 2


# -- number fields -----------------------------------------------------------------------
def test_a_number_text_field_can_be_emptied_and_state_sees_it():
    p = Page(lambda: v.VTextField(type="number", v_model=("age", 36), label="Age",
                                  rules=("[v => !!v || 'Required']",)), age=36)
    p.fire(r"<input", "input", "12")
    assert p.state["age"] == "12"  # Vuetify's text field emits the text
    p.fire(r"<input", "input", "")
    assert p.state["age"] == ""
    assert "Required" in p.html  # validation sees the empty field


def test_v_model_number_reads_numbers_as_vue_does():
    p = Page(lambda: v.VTextField(v_model_number=("n", 1), label="N"), n=1)
    for typed, held in (("12", 12), ("12abc", 12), ("2.5", 2.5), ("  -3e2 ", -300), (".5", 0.5),
                        ("", ""), ("abc", "abc"), ("1e999", "1e999")):
        p.fire(r"<input", "input", typed)
        assert p.state["n"] == held and type(p.state["n"]) is type(held), typed


def test_a_plain_number_input_gives_numbers_and_empty_string():
    p = Page(lambda: html.Input(type="number", v_model=("amount", 3)), amount=3)
    p.fire(r"<input", "input", "7")
    assert p.state["amount"] == 7
    p.fire(r"<input", "input", "")
    assert p.state["amount"] == ""
    assert 'value=""' in p.tags(r"<input")[0]
    with pytest.raises(InputError):
        p.fire(r"<input", "input", "seven")  # a number input cannot send it


def test_loose_number_refuses_what_no_input_sends():
    from htmxtrame.events import loose_number

    for bad in (None, True, {"a": 1}, [1]):
        with pytest.raises(InputError):
            loose_number(bad)


def test_number_fields_tell_the_page_how_to_compare_its_text():
    p = Page(lambda: [v.VTextField(v_model_number=("n", 1), id="a"), html.Input(type="number", v_model=("m", 1)),
                      v.VTextField(type="number", v_model=("s", "1")), v.VTextField(v_model_trim=("t", ""))])
    mods = [attr(t, "data-ht-mod") for t in p.tags(r"<input")]
    assert mods == ["number", "number", None, "trim"]


# -- $event is what the component emits ---------------------------------------------------
def test_checkbox_change_in_a_loop_passes_row_and_value():
    seen = []
    p = Page(lambda: v.VCheckbox(v_for="item, i in items", v_model="item.on",
                                 change=(lambda i, value: seen.append((i, value)), "[i, $event]")),
             items=[{"on": False}, {"on": False}])
    p.fire(r'type="checkbox"', "change", True, {"type": "change", "target": {"checked": True}}, n=1)
    p.fire(r'type="checkbox"', "change", False, {"type": "change", "target": {"checked": False}}, n=1)
    assert seen == [(1, True), (1, False)]


def test_checkbox_without_model_reports_checked():
    seen = []
    p = Page(lambda: v.VCheckbox(label="x", change=(seen.append, "[$event]")))
    p.fire(r'type="checkbox"', "change", None, {"type": "change", "target": {"checked": True, "value": "on"}})
    assert seen == [True]


def test_update_model_value_in_vue_spelling_and_list_checkboxes():
    seen = []
    p = Page(lambda: v.VCheckbox(v_model=("picked", []), value="b",
                                 **{"update:modelValue": (seen.append, "[$event]")}), picked=["a"])
    p.fire(r'type="checkbox"', "change", True)
    assert seen == [["a", "b"]]  # the list, as Vuetify emits it


def test_text_field_events_pass_values_and_dom_events():
    seen = []
    p = Page(lambda: v.VTextField(
        v_model=("name", "x"), clearable=True,
        change=(lambda e: seen.append(("change", e)), "[$event]"),
        update_focused=(lambda e: seen.append(("focused", e)), "[$event]"),
        blur=(lambda e: seen.append(("blur", e["type"])), "[$event]"),
        click_clear=(lambda e: seen.append(("clear", e["type"])), "[$event]"),
    ), name="x")
    p.fire(r"<input", "focus", None, {"type": "focus"})
    p.fire(r"<input", "input", "Ada")
    p.fire(r"<input", "change", None, {"type": "change", "target": {"value": "Ada"}})
    p.fire(r"<input", "blur", None, {"type": "blur"})
    p.fire(r"v-field__clearable", "click", None, {"type": "click"})
    assert seen == [("focused", True), ("change", "Ada"), ("blur", "blur"), ("focused", False), ("clear", "click")]
    assert p.state["name"] is None  # Vuetify's clear sets null


def test_slider_select_radio_change_pass_the_value():
    seen = []

    def build():
        v.VSlider(v_model=("level", 2), change=(lambda e: seen.append(("slider", e)), "[$event]"))
        v.VSelect(v_model=("pick", "b"), items=("['a', 'b']",), change=(lambda e: seen.append(("select", e)), "[$event]"))
        with v.VRadioGroup(v_model=("r", "x"), change=(lambda e: seen.append(("radio", e)), "[$event]")):
            v.VRadio(label="X", value="x")
            v.VRadio(label="Y", value="y")

    p = Page(build)
    p.fire(r'type="range"', "input", "7")
    p.fire(r'type="range"', "change", "7")
    p.fire(r'role="option"', "click", n=0)
    p.fire(r'type="radio"', "change", "y", n=1)
    assert seen == [("slider", 7), ("select", "a"), ("radio", "y")]


# -- the select's menu -------------------------------------------------------------------
def test_select_picks_from_its_menu_and_clears_only_when_clearable():
    p = Page(lambda: v.VSelect(v_model=("pick", "b"), items=("['a', 'b']",)))
    assert not p.tags(r"v-field__clearable")
    assert 'readonly' in p.tags(r'role="combobox"')[0]
    p.fire(r'role="option"', "click", n=0)
    assert p.state["pick"] == "a"
    c = Page(lambda: v.VSelect(v_model=("pick", "b"), items=("['a', 'b']",), clearable=True))
    c.fire(r"v-field__clearable", "click")
    assert c.state["pick"] is None


def test_a_pick_of_a_row_the_page_never_showed_is_refused():
    p = Page(lambda: v.VSelect(v_model=("pick", "b"), items=("['a', 'b']",)))
    iid = p.iid_of(r'role="option"', 1)
    with pytest.raises(InputError):
        dispatch(p.renderer, p.ctrl, iid.rsplit(".", 1)[0] + ".9", "click", None, None)
    assert p.state["pick"] == "b"


def test_select_with_nothing_chosen_shows_no_selection():
    p = Page(lambda: v.VSelect(v_model=("pick", None), items=("['a', 'b']",)))
    assert not re.search(r'class="v-autocomplete__selection"[^>]*>[^<]', p.html)


# -- js_call to a ref no element has ----------------------------------------------------------
def test_js_call_to_an_unknown_ref_is_logged_and_marked_for_debug(caplog):
    import logging
    import uuid

    from htmxtrame.server import Server
    from htmxtrame.session import Batch
    from htmxtrame.ui.html import DivLayout

    server = Server(f"t-{uuid.uuid4().hex[:8]}", debug=True)
    with DivLayout(server):
        html.Input(v_model=("name", ""), ref="name_input")
    sent = []
    server._scope.broadcast = lambda batch: sent.append(batch)  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING, logger="htmxtrame.server"):
        server.js_call("name_input", "focus")
        assert caplog.records == []
        server.js_call("nmae_input", "focus")
    assert "no element of any layout has ref='nmae_input'" in caplog.text
    assert isinstance(sent[-1], Batch) and sent[-1].calls[0]["debug"] is True


def test_striped_progress_has_stripes_in_the_stylesheet():
    from pathlib import Path

    p = Page(lambda: v.VProgressLinear(model_value=40, striped=True, height=12))
    assert "v-progress-linear--striped" in p.html
    css = (Path(__file__).resolve().parent.parent / "static" / "vuetify.css").read_text()
    assert re.search(r"\.v-progress-linear--striped \.v-progress-linear__determinate\s*\{[^}]*linear-gradient", css)

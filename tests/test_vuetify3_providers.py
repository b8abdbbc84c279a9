"""VDefaultsProvider, VLocaleProvider, VNoSsr, VLazy, VHover, VConfirmEdit, VResponsive, VParallax, icon sets."""

from __future__ import annotations

import re

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page, classes_of
from test_vuetify_components import fire, find, tag


def test_defaults_provider_gives_components_props_they_lack():
    def build():
        with v.VDefaultsProvider(defaults={"VBtn": {"color": "success", "variant": "outlined"},
                                           "global": {"density": "compact"}}):
            v.VBtn("Default", id="a")
            v.VBtn("Own", color="error", id="b")
            v.VChip("Chip", id="c")
        v.VBtn("Outside", id="d")

    page = Page(build)
    assert {"text-success", "v-btn--variant-outlined", "v-btn--density-compact"} <= classes_of(page.html, "a")
    assert "text-error" in classes_of(page.html, "b") and "text-success" not in classes_of(page.html, "b")
    assert "v-chip--density-compact" in classes_of(page.html, "c")
    assert "text-success" not in classes_of(page.html, "d")


def test_defaults_provider_disabled_and_camel_case_props():
    def build():
        with v.VDefaultsProvider(defaults={"VCard": {"maxWidth": 300}}):
            v.VCard(id="c")
        with v.VDefaultsProvider(defaults={"VBtn": {"color": "success"}}, disabled=True):
            v.VBtn("x", id="b")

    page = Page(build)
    assert "max-width: 300px" in tag(page, "c") and "text-success" not in page.html


def test_locale_provider_sets_language_and_direction():
    def build():
        with v.VLocaleProvider(locale="ar", rtl=True, id="lp"):
            html.Span("مرحبا")
        with v.VLocaleProvider(rtl=("rtl",), id="lp2"):
            html.Span("x")

    page = Page(build, rtl=False)
    assert 'lang="ar"' in tag(page, "lp") and 'dir="rtl"' in tag(page, "lp")
    assert 'dir="ltr"' in tag(page, "lp2")


def test_no_ssr_and_lazy_render_their_content():
    def build():
        with v.VNoSsr():
            html.Span("client only", id="n")
        with v.VLazy(v_model=("seen",), min_height=200):
            html.Span("lazy", id="l")

    page = Page(build)
    assert 'id="n"' in page.html and 'id="l"' in page.html and page.state.seen is True


def test_hover_tells_its_slot_whether_the_pointer_is_over_it():
    cards = []

    def build():
        with v.VHover(v_slot="{ isHovering, props }", update_modelValue="seen = $event"):
            cards.append(v.VCard(v_bind="props", id="card", title="Card",
                                 elevation=("isHovering ? 12 : 2",)))

    page = Page(build)
    assert "elevation-2" in classes_of(page.html, "card")
    assert re.search(r'data-ht-on="mouseenter mouseleave"', tag(page, "card"))
    fire(page, cards[0], "mouseenter")
    assert "elevation-12" in classes_of(page.html, "card") and page.state.seen is True
    fire(page, cards[0], "mouseleave")
    assert "elevation-2" in classes_of(page.html, "card") and page.state.seen is False


def test_hover_with_a_template_and_v_model():
    cards = []

    def build():
        with v.VHover(v_model=("over", False)):
            with v.Template(v_slot_default="{ isHovering, props }"):
                cards.append(v.VSheet("{{ isHovering ? 'over' : 'out' }}", v_bind="props", id="s"))

    page = Page(build)
    assert ">out<" in page.html
    fire(page, cards[0], "mouseenter")
    assert page.state.over is True and ">over<" in page.html
    page.state.over = False  # the server can say so too
    page.state.flush()
    assert ">out<" in page.renderer.render_page_body()


def test_disabled_hover_watches_nothing():
    page = Page(lambda: v.VHover(disabled=True, v_slot="{ isHovering, props }")
                .add(v.VCard(v_bind="props", id="c")))
    assert "mouseenter" not in tag(page, "c")


def test_confirm_edit_bound_to_a_key_named_model():
    fields = []

    def build():
        with v.VConfirmEdit(v_model=("model", "x")):  # the slot's own prop is called model too
            with v.Template(v_slot_default="{ model }"):
                fields.append(v.VTextField(v_model=("model.value",), label="Value"))

    page = Page(build)
    field = [n for n in fields[0].walk() if n.tagname == "input"][0]
    fire(page, field, "input", "y")
    assert page.state.model == "x"
    page.fire([b for b in find(page.root, v.VBtn) if b.prop("text") == "OK"][0], "click")
    assert page.state.model == "y"


def test_confirm_edit_holds_edits_until_saved():
    fields = []

    def build():
        with v.VConfirmEdit(v_model=("name", "Ada"), save="saved = $event", cancel="cancelled = true"):
            with v.Template(v_slot_default="{ model: proxy, actions }"):
                fields.append(v.VTextField(v_model=("proxy.value",), label="Name", id="f"))

    page = Page(build)
    ok = [b for b in find(page.root, v.VBtn) if b.prop("text") == "OK"][0]
    cancel = [b for b in find(page.root, v.VBtn) if b.prop("text") == "Cancel"][0]
    assert 'value="Ada"' in page.html and page.html.count("disabled") >= 2  # pristine: nothing to save
    field = [n for n in fields[0].walk() if n.tagname == "input"][0]
    fire(page, field, "input", "Grace")
    assert page.state.name == "Ada" and 'value="Grace"' in page.html  # held back
    page.fire(cancel, "click")
    assert page.state.name == "Ada" and 'value="Ada"' in page.html and page.state.cancelled is True
    fire(page, field, "input", "Linus")
    page.fire(ok, "click")
    assert page.state.name == "Linus" and page.state.saved == "Linus"
    page.state.name = "Ken"  # the model changed elsewhere: the draft starts again from it
    page.state.flush()
    assert 'value="Ken"' in page.renderer.render_page_body()


def test_confirm_edit_save_and_cancel_written_in_the_slot():
    buttons = {}

    def build():
        with v.VConfirmEdit(v_model=("tags", ["a"]), hide_actions=True, save="saved = $event"):
            with v.Template(v_slot_default="{ model, save, cancel, isPristine }"):
                v.VChip("{{ model.value.join(',') }}", id="shown")
                buttons["add"] = v.VBtn("Add", click="model.value = model.value.concat(['b'])")
                buttons["save"] = v.VBtn("Save", click="save", disabled=("isPristine",))
                buttons["cancel"] = v.VBtn("Cancel", click="cancel()")

    page = Page(build)
    assert "OK" not in page.html
    page.fire(buttons["add"], "click")
    assert page.state.tags == ["a"] and ">a,b<" in page.html
    page.fire(buttons["save"], "click")
    assert page.state.tags == ["a", "b"] and page.state.saved == ["a", "b"]
    page.fire(buttons["add"], "click")
    page.fire(buttons["cancel"], "click")
    assert page.state.tags == ["a", "b"] and ">a,b<" in page.html


def test_responsive_keeps_the_aspect_ratio():
    page = Page(lambda: v.VResponsive(aspect_ratio=16 / 9, id="r").add(html.Span("x")))
    assert "padding-bottom: 56.25%" in page.html and "v-responsive__content" in page.html


def test_parallax_draws_its_image_behind_content():
    page = Page(lambda: v.VParallax(src="sky.jpg", alt="Sky", height=300, id="p").add(html.H2("Title")))
    assert "background-image: url(&quot;sky.jpg&quot;)" in page.html and 'aria-label="Sky"' in page.html
    assert "height: 300px" in tag(page, "p") and "<h2>Title</h2>" in page.html


def test_parallax_image_url_cannot_break_out_of_its_css_string():
    page = Page(lambda: v.VParallax(src='a") ; color: red; x("'))
    assert 'url(&quot;a\\&quot;) ; color: red; x(\\&quot;&quot;)' in page.html


def test_icon_set_components():
    def build():
        v.VSvgIcon(icon="svg:M0 0L24 24Z", id="svg")
        v.VClassIcon(icon="fa fa-home", id="cls")
        v.VLigatureIcon(icon="home", id="lig")
        v.VLigatureIcon(icon="no_such_ligature", id="lig2")
        v.VComponentIcon(icon="mdi-heart", id="cmp")

    page = Page(build)
    assert '<path d="M0 0L24 24Z">' in page.html
    assert {"fa", "fa-home", "v-class-icon"} <= classes_of(page.html, "cls")
    assert re.search(r'id="lig"[^>]*>.*?<path d="M10,20V14', page.html)
    assert re.search(r'id="lig2"[^>]*>no_such_ligature<', page.html)
    assert re.search(r'id="cmp"[^>]*><svg', page.html)

"""VIconBtn (a toggling icon button) and VFab (a floating action button)."""

from __future__ import annotations

from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page, classes_of
from test_vuetify_components import find, tag


def test_icon_btn_toggles_its_model_and_shows_the_active_icon():
    def build():
        v.VIconBtn(icon="mdi-heart-outline", active_icon="mdi-heart", active_color="error", v_model=("fav", False),
                   text="Favourite", id="fav", update_active="seen = $event")

    page = Page(build)
    assert 'aria-label="Favourite"' in tag(page, "fav") and 'aria-pressed="false"' in tag(page, "fav")
    before = page.html
    page.fire(find(page.root, v.VIconBtn)[0], "click")
    assert page.state.fav is True and page.state.seen is True
    assert 'aria-pressed="true"' in tag(page, "fav") and "bg-error" in classes_of(page.html, "fav")
    assert page.html != before  # the heart is filled


def test_icon_btn_without_model_is_a_plain_round_button():
    page = Page(lambda: v.VIconBtn(icon="mdi-cog", aria_label="Settings", click="n = 1", id="b"))
    assert {"v-icon-btn", "v-btn--icon", "v-btn--variant-flat"} <= classes_of(page.html, "b")
    page.fire(find(page.root, v.VIconBtn)[0], "click")
    assert page.state.n == 1


def test_fab_is_pinned_and_shown_by_its_model():
    page = Page(lambda: v.VFab(icon="mdi-plus", aria_label="Add", app=True, location="bottom end",
                               v_model=("shown",), id="fab"), shown=False)
    assert {"v-fab", "v-fab--app", "v-fab--bottom", "v-fab--end", "v-fab--round", "bg-primary"} <= \
        classes_of(page.html, "fab")
    assert "display: none" in tag(page, "fab")
    extended = Page(lambda: v.VFab(text="Compose", prepend_icon="mdi-pencil", extended=True, id="f"))
    assert "v-fab--extended" in classes_of(extended.html, "f") and "Compose" in extended.html

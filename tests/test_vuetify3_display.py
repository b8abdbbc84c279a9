"""Display pieces: titles, banners, code and keys, empty states, skeletons, tables, list parts, button groups."""

from __future__ import annotations

import re

from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page, classes_of
from test_vuetify_components import find, tag


def test_titles_code_and_keys():
    def build():
        with v.VAlert(type="info"):
            v.VAlertTitle("Heads up", id="at")
        v.VAppBarTitle(text="My app", id="abt")
        v.VCode("x = 1", id="code")
        v.VKbd("Esc", id="kbd")

    page = Page(build)
    assert "v-alert-title" in classes_of(page.html, "at") and ">Heads up<" in page.html
    assert {"v-app-bar-title", "v-toolbar-title"} <= classes_of(page.html, "abt") and "My app" in page.html
    assert tag(page, "code").startswith("<code") and tag(page, "kbd").startswith("<kbd")


def test_hotkey_shows_keys_and_says_them():
    page = Page(lambda: v.VHotkey(keys="ctrl+shift+k", display_mode="text", id="hk"))
    assert re.findall(r'<kbd[^>]*>([^<]*)</kbd>', page.html) == ["Ctrl", "Shift", "K"]
    assert 'aria-label="Ctrl Shift K"' in tag(page, "hk")
    page = Page(lambda: v.VHotkey(keys="meta+k g", id="hk"))
    assert "⌘" in page.html and "then" in page.html


def test_banner_with_icon_text_and_actions_last():
    def build():
        with v.VBanner(text="No connection", icon="mdi-wifi-off", color="error", bg_color="grey-lighten-4",
                       lines="one", id="b"):
            with v.Template(v_slot_actions=True):
                v.VBtn("Retry", id="retry")
            html.Span("extra", id="extra")

    page = Page(build)
    assert {"v-banner", "v-banner--one-line", "bg-grey-lighten-4"} <= classes_of(page.html, "b")
    assert "No connection" in page.html and "v-banner__prepend" in page.html
    assert page.html.index('id="extra"') < page.html.index('id="retry"')  # actions stay last
    assert "v-banner-actions" in page.html


def test_avatar_group_limits_and_counts_the_rest():
    page = Page(lambda: v.VAvatarGroup(items=("people",), limit=2, id="g"),
                people=["a.png", "b.png", {"text": "CD"}, {"text": "EF"}])
    assert page.html.count("v-avatar-group__avatar") == 2 and "+2" in page.html and 'aria-label="2 more"' in page.html
    assert 'role="group"' in tag(page, "g")


def test_empty_state_action_raises_click_action():
    def build():
        v.VEmptyState(headline="404", title="Not found", text="Nothing here", icon="mdi-magnify",
                      action_text="Go home", click_action="went = true", id="es")

    page = Page(build)
    for text in ("404", "Not found", "Nothing here", "Go home"):
        assert text in page.html
    page.fire(find(page.root, v.VBtn)[0], "click")
    assert page.state.went is True


def test_skeleton_loader_shows_bones_until_loaded():
    def build():
        with v.VSkeletonLoader(type="list-item-avatar, text@2", loading=("busy",), id="sk"):
            html.Span("Loaded", id="done")

    page = Page(build, busy=True)
    assert 'aria-busy="true"' in page.html and 'role="alert"' in page.html
    assert page.html.count("v-skeleton-loader__avatar") == 1 and page.html.count("v-skeleton-loader__text ") >= 3
    assert re.search(r'class="v-skeleton-loader__content"[^>]*style="display: none"', page.html)
    page.state.busy = False
    page.state.flush()
    html_after = page.renderer.render_page_body()
    assert re.search(r'class="v-skeleton-loader__bones"[^>]*style="display: none"', html_after)


def test_skeleton_loader_unknown_type_and_huge_repeat_are_bounded():
    page = Page(lambda: v.VSkeletonLoader(type="nonsense, table@999"))
    assert page.html.count("v-skeleton-loader__bone") < 2000


def test_table_puts_children_in_its_table_and_slots_around():
    def build():
        with v.VTable(density="compact", hover=True, fixed_header=True, height=200, striped="even", id="t"):
            with v.Template(v_slot_top=True):
                html.Span("Top", id="top")
            with html.Tbody():
                html.Tr(html.Td("cell"))

    page = Page(build)
    assert {"v-table--density-compact", "v-table--hover", "v-table--fixed-header", "v-table--striped-even"} <= \
        classes_of(page.html, "t")
    assert re.search(r'<div class="v-table__wrapper" tabindex="0" style="height: 200px"><table><tbody>', page.html)
    assert page.html.index('id="top"') < page.html.index("<table>")


def test_list_parts_and_layout_items_and_system_bar():
    def build():
        with v.VList():
            with v.VListItem(title="Wi-Fi"):
                v.VListItemAction(start=True, id="act")
                v.VListItemMedia(end=True, id="med")
        v.VListImg(id="img")
        v.VLayoutItem(position="bottom", size=64, model_value=("shown",), id="li")
        v.VSystemBar(window=True, id="sb")

    page = Page(build, shown=False)
    assert "v-list-item-action--start" in classes_of(page.html, "act")
    assert "v-list-item-media--end" in classes_of(page.html, "med")
    assert "v-list-img" in classes_of(page.html, "img")
    assert "height: 64px" in tag(page, "li") and "display: none" in tag(page, "li")
    assert "v-system-bar--window" in classes_of(page.html, "sb")


def test_btn_group_gives_its_buttons_colour_and_variant():
    def build():
        with v.VBtnGroup(color="primary", variant="outlined", divided=True, id="g"):
            v.VBtn("One", id="b1")
            v.VBtn("Two", color="error", id="b2")

    page = Page(build)
    assert {"v-btn-group", "v-btn-group--divided"} <= classes_of(page.html, "g")
    assert "text-primary" not in classes_of(page.html, "g")
    assert {"text-primary", "v-btn--variant-outlined"} <= classes_of(page.html, "b1")
    assert "text-error" in classes_of(page.html, "b2") and 'role="group"' in tag(page, "g")

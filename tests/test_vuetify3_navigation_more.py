"""VBreadcrumbs, VBottomNavigation, VListGroup, VTreeviewGroup/Item: render and behaviour."""

from __future__ import annotations

import re

from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page, classes_of
from test_vuetify_components import find, tag


def test_breadcrumbs_from_a_list_link_all_but_the_last():
    page = Page(lambda: v.VBreadcrumbs(items=["Home", {"title": "Docs", "href": "/docs"}, "Widgets"], id="bc"))
    assert tag(page, "bc").startswith("<nav") and 'aria-label="Breadcrumb"' in tag(page, "bc")
    assert '<a class="v-breadcrumbs-item--link" href="/docs">Docs</a>' in page.html
    assert re.search(r'<span aria-current="page">Widgets</span>', page.html)
    assert page.html.count('aria-hidden="true" class="v-breadcrumbs-divider">/</li>') == 2
    assert "<ol" in page.html  # an ordered list of crumbs


def test_breadcrumbs_bound_to_state_follow_it():
    page = Page(lambda: v.VBreadcrumbs(items=("crumbs",), divider="›"),
                crumbs=[{"title": "A", "href": "/a"}, {"title": "B", "href": "/b"}])
    assert 'href="/a"' in page.html and 'aria-current="page">B<' in page.html and "›" in page.html
    page.state.crumbs = ["X", "Y", "Z"]
    page.state.flush()
    html = page.renderer.render_page_body()
    assert 'aria-current="page">Z<' in html and 'href="/a"' not in html


def test_breadcrumb_children_and_default_divider():
    def build():
        with v.VBreadcrumbs():
            v.VBreadcrumbsItem(title="Home", href="/")
            v.VBreadcrumbsDivider()
            v.VBreadcrumbsItem(title="Here", disabled=True)

    page = Page(build)
    assert 'href="/">Home' in page.html and 'aria-current="page">Here' in page.html and ">/</li>" in page.html


def test_bottom_navigation_selects_a_button():
    btns = []

    def build():
        with v.VBottomNavigation(v_model=("nav", "home"), color="primary", grow=True, id="bn",
                                 update_modelValue="seen = $event"):
            btns.append(v.VBtn("Home", prepend_icon="mdi-home", value="home", id="b-home"))
            btns.append(v.VBtn("Music", prepend_icon="mdi-music", value="music", id="b-music"))

    page = Page(build)
    assert tag(page, "bn").startswith("<nav") and "v-bottom-navigation--grow" in classes_of(page.html, "bn")
    assert {"v-btn--active", "text-primary", "v-btn--stacked"} <= classes_of(page.html, "b-home")
    assert "v-btn--active" not in classes_of(page.html, "b-music")
    assert 'aria-current="page"' in tag(page, "b-home")
    page.fire(btns[1], "click")
    assert page.state.nav == "music" and page.state.seen == "music"
    assert "v-btn--active" in classes_of(page.html, "b-music")


def test_bottom_navigation_active_false_hides_it_and_index_values():
    btns = []

    def build():
        with v.VBottomNavigation(active=("shown",), id="bn"):
            btns.append(v.VBtn("A"))
            btns.append(v.VBtn("B"))

    page = Page(build, shown=False)
    assert "display: none" in tag(page, "bn")
    page.state.shown = True
    page.state.flush()
    page.html = page.renderer.render_page_body()
    page.fire(btns[1], "click")
    nav = find(page.root, v.VBottomNavigation)[0]
    assert page.state[nav._src] == 1


def test_list_group_opens_and_closes_on_its_activator():
    rows = []

    def build():
        with v.VList():
            with v.VListGroup(id="grp"):
                with v.Template(v_slot_activator="{ props }"):
                    rows.append(v.VListItem(v_bind="props", title="Settings", id="act"))
                v.VListItem(title="Profile", id="child")

    page = Page(build)
    assert 'aria-expanded="false"' in tag(page, "act") and 'aria-controls="' in tag(page, "act")
    assert re.search(r'class="v-list-group__items"[^>]*style="display: none"', page.html)
    page.fire(rows[0], "click")
    assert 'aria-expanded="true"' in tag(page, "act") and "v-list-group--open" in classes_of(page.html, "grp")
    assert not re.search(r'class="v-list-group__items"[^>]*style="display: none"', page.html)
    page.fire(rows[0], "click")
    assert 'aria-expanded="false"' in tag(page, "act")


def test_list_group_follows_the_lists_opened_array():
    def build():
        with v.VList(v_model_opened=("opened", ["admin"])):
            with v.VListGroup(value="admin", title="Admin", prepend_icon="mdi-account"):
                v.VListItem(title="Users")
            with v.VListGroup(value="other", title="Other"):
                v.VListItem(title="Misc")

    page = Page(build)
    assert page.html.count('aria-expanded="true"') == 1
    header = [n for n in find(page.root, v.VListItem) if n.prop("title") == "Other"][0]
    page.fire(header, "click")
    assert page.state.opened == ["admin", "other"]
    page.fire(header, "click")
    assert page.state.opened == ["admin"]


def test_treeview_group_and_item_draw_a_tree_by_hand():
    def build():
        with v.VTreeviewGroup(title="src", id="tg"):
            v.VTreeviewItem(title="app.py", id="ti")

    page = Page(build)
    assert 'role="treeitem"' in tag(page, "ti") and "v-treeview-item" in classes_of(page.html, "ti")
    assert 'role="group"' in page.html and "v-treeview-group" in classes_of(page.html, "tg")

"""VPagination, VCarousel, VDataTableFooter, VInfiniteScroll, VPullToRefresh: render and behaviour."""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import InputError
from htmxtrame.widgets import vuetify3 as v
from htmxtrame.widgets.vuetify3.paging import page_range
from test_vuetify import Page, classes_of
from test_vuetify_components import fire, find


def buttons(page: Page, root_id: str) -> list[str]:
    """The visible texts of the buttons inside #root_id, in order."""
    start = page.html.index(f'id="{root_id}"')
    end = page.html.find("</nav>", start)
    chunk = page.html[start:end]
    return [re.sub(r"<[^>]+>", "", b).strip() for b in re.findall(r"<button.*?</button>", chunk, re.S)]


@pytest.mark.parametrize(("page", "length", "visible", "shown"), [
    (1, 5, 7, [1, 2, 3, 4, 5]),
    (1, 20, 7, [1, 2, 3, 4, 5, 6, "…", 20]),
    (10, 20, 7, [1, "…", 9, 10, 11, 12, "…", 20]),
    (20, 20, 7, [1, "…", 15, 16, 17, 18, 19, 20]),
    (3, 0, 7, []),
    (2, 9, 1, [2]),
    (1, "x", 7, []),
])
def test_page_range_follows_vuetifys_ellipsis_rules(page, length, visible, shown):
    assert page_range(page, length, visible) == shown


def test_pagination_click_writes_the_page_and_raises_events():
    def build():
        v.VPagination(v_model=("page", 1), length=12, total_visible=5, id="pg",
                      update_modelValue="seen = $event", next="went = 'next'")

    page = Page(build)
    assert 'aria-label="Pagination Navigation"' in page.html and 'role="navigation"' in page.html
    assert buttons(page, "pg") == ["", "1", "2", "3", "4", "12", ""]
    assert 'aria-current="page"' in page.html
    prev = [b for b in find(page.root, v.VBtn) if b.attributes.get("aria-label") == "Previous page"][0]
    assert re.search(r'aria-label="Previous page"[^>]*disabled', page.html)
    numbered = [b for b in find(page.root, v.VBtn) if "aria-current" in b._bindings][0]
    fire(page, numbered, "click", p={"page": 4, "gap": False, "active": False, "key": "4-3"})
    assert page.state.page == 4 and page.state.seen == 4
    nxt = [b for b in find(page.root, v.VBtn) if b.attributes.get("aria-label") == "Next page"][0]
    page.fire(nxt, "click")
    assert page.state.page == 5 and page.state.went == "next"
    assert buttons(page, "pg") == ["", "1", "5", "6", "12", ""]  # Vuetify: two pages around the current one
    page.state.page = 12
    page.state.flush()
    page.html = page.renderer.render_page_body()
    assert re.search(r'aria-label="Next page"[^>]*disabled', page.html)
    page.fire(prev, "click")
    assert page.state.page == 11


def test_pagination_without_model_keeps_its_own_page_and_first_last_buttons():
    page = Page(lambda: v.VPagination(length=3, show_first_last_page=True, id="pg", start=1))
    labels = re.findall(r'aria-label="([^"]+)"', page.html)
    assert {"First page", "Previous page", "Next page", "Last page"} <= set(labels)
    last = [b for b in find(page.root, v.VBtn) if b.attributes.get("aria-label") == "Last page"][0]
    page.fire(last, "click")
    assert "Current page, Page 3" in page.html


def test_pagination_disabled_disables_every_button():
    page = Page(lambda: v.VPagination(length=3, disabled=True, id="pg"))
    assert page.html.count("disabled") >= 5


def test_carousel_arrows_and_delimiters_move_between_slides():
    def build():
        with v.VCarousel(v_model=("slide", 0), id="car", update_modelValue="moved = $event"):
            for name in ("a", "b", "c"):
                v.VCarouselItem(src=f"{name}.png", alt=name, id=f"s-{name}")

    page = Page(build)
    assert 'aria-roledescription="carousel"' in page.html and "height: 500px" in page.html
    assert re.search(r'id="s-b"[^>]*style="display: none"', page.html)
    car = find(page.root, v.VCarousel)[0]
    prev_btn, next_btn = (b for b, _ in car._arrows)
    page.fire(next_btn, "click")
    assert page.state.slide == 1 and page.state.moved == 1
    assert re.search(r'id="s-a"[^>]*style="display: none"', page.html)
    page.fire(prev_btn, "click")
    page.fire(prev_btn, "click")  # continuous: from the first to the last
    assert page.state.slide == 2
    dots = re.findall(r'<button[^>]*aria-label="Slide (\d)"[^>]*>', page.html)
    assert dots == ["1", "2", "3"]
    first_dot = [n for n in car._dots.children][0]
    page.fire(first_dot, "click")
    assert page.state.slide == 0
    assert re.search(r'aria-label="Slide 1"[^>]*aria-current="true"|aria-current="true"[^>]*aria-label="Slide 1"',
                     page.html)


def test_carousel_not_continuous_stops_at_the_ends_and_values_are_used():
    def build():
        with v.VCarousel(v_model=("slide", "x"), continuous=False, hide_delimiters=True):
            v.VCarouselItem(value="x")
            v.VCarouselItem(value="y")

    page = Page(build)
    car = find(page.root, v.VCarousel)[0]
    prev_btn, next_btn = (b for b, _ in car._arrows)
    assert "v-carousel__controls" not in page.html
    assert re.search(r'aria-label="Previous slide"[^>]*disabled', page.html)
    page.fire(next_btn, "click")
    assert page.state.slide == "y"
    assert re.search(r'aria-label="Next slide"[^>]*disabled', page.html)
    with pytest.raises(InputError):  # a forged click on the disabled arrow is refused
        page.fire(next_btn, "click")
    assert page.state.slide == "y"


def test_carousel_cycle_advances_on_the_pages_timer():
    def build():
        with v.VCarousel(v_model=("slide", 0), cycle=True, interval=2500):
            v.VCarouselItem()
            v.VCarouselItem()

    page = Page(build)
    assert page.html.count('data-ht-timeout="2500"') == 1  # only the shown slide carries a timer
    car = find(page.root, v.VCarousel)[0]
    page.fire(car._timers[0], "timeout")
    assert page.state.slide == 1
    page.fire(car._timers[1], "timeout")
    assert page.state.slide == 0


def test_carousel_over_a_v_for_steps_through_its_rows():
    def build():
        with v.VCarousel(v_model=("slide", 0)):
            v.VCarouselItem(v_for="img, i in images", src=("img",))

    page = Page(build, images=["a.png", "b.png", "c.png"])
    car = find(page.root, v.VCarousel)[0]
    _, next_btn = (b for b, _ in car._arrows)
    page.fire(next_btn, "click")
    page.fire(next_btn, "click")
    assert page.state.slide == 2
    page.fire(next_btn, "click")
    assert page.state.slide == 0
    assert len(re.findall(r'aria-label="Slide \d"', page.html)) == 3


def test_data_table_footer_pages_through_items_length():
    page = Page(lambda: v.VDataTableFooter(page=("fp", 1), items_length=42, items_per_page=10,
                                           items_per_page_options=[10, 25, -1], update_page="seen = $event"))
    assert "1–10 of 42" in page.html
    nxt = [b for b in find(page.root, v.VBtn) if b.attributes.get("aria-label") == "Next page"][0]
    for _ in range(4):
        page.fire(nxt, "click")
    assert page.state.fp == 5 and page.state.seen == 5
    assert "41–42 of 42" in page.html
    assert re.search(r'aria-label="Next page"[^>]*disabled', page.html)  # the last page
    select = [n for n in page.root.walk() if n.tagname == "select"][0]
    fire(page, select, "change", payload={"type": "change", "target": {"value": "-1"}})
    assert page.state.fp == 1 and "1–42 of 42" in page.html


def test_infinite_scroll_load_button_raises_load_with_the_side():
    seen = []

    def build():
        with v.VInfiniteScroll(height=300, load=(seen.append, "[$event]"), id="inf"):
            v.VSheet("row")

    page = Page(build)
    assert "overflow: auto" in page.html and "Load more" in page.html
    btn = find(page.root, v.VBtn)[0]
    page.fire(btn, "click")
    assert seen == [{"side": "end", "done": None}]


def test_pull_to_refresh_button_raises_load():
    seen = []

    def build():
        with v.VPullToRefresh(load=(seen.append, "[$event]")):
            v.VSheet("content")

    page = Page(build)
    btn = find(page.root, v.VBtn)[0]
    assert btn.attributes["aria-label"] == "Refresh"
    page.fire(btn, "click")
    assert seen == [{"side": "start", "done": None}]


def test_pagination_classes_follow_vuetify():
    page = Page(lambda: v.VPagination(length=2, id="pg", color="primary", rounded="circle"))
    assert "v-pagination" in classes_of(page.html, "pg")
    assert "rounded-circle" in page.html

"""The pandas explorer in Chromium: 100,000 rows paged, sorted and searched on the server."""

from __future__ import annotations

import re

import pytest
from conftest import wait_connected, wait_for_state
from playwright.sync_api import expect

pytest.importorskip("pandas", reason="apps/explorer.py needs pandas: pip install -e '.[test]'")

ROWS = "#customers tbody tr.v-data-table__tr"
FOOTER = "#customers .v-data-table-footer__info"

# Time from a header click to the sorted first row on screen, measured in the page.
SORT_AND_WAIT = """async ([title, expected]) => {
  const firstId = () => document.querySelector('#customers tbody tr.v-data-table__tr td')?.textContent.trim();
  const th = [...document.querySelectorAll('#customers th')].find(t => t.textContent.trim().startsWith(title));
  const t0 = performance.now();
  th.click();
  await new Promise((resolve, reject) => {
    if (firstId() === expected) return resolve();
    const obs = new MutationObserver(() => { if (firstId() === expected) { obs.disconnect(); resolve(); } });
    obs.observe(document.getElementById('ht-app'), {subtree: true, childList: true, characterData: true});
    setTimeout(() => { obs.disconnect(); reject(new Error('first row never became ' + expected)); }, 5000);
  });
  return performance.now() - t0;
}"""


@pytest.fixture(scope="module")
def frame():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "apps"))
    from explorer import make_frame  # the app's own data, same seed

    return make_frame()


@pytest.fixture
def explorer(run_app, page):
    app = run_app("apps/explorer.py")
    page.goto(app.url)
    wait_connected(page)
    expect(page.locator(FOOTER)).to_have_text("1–10 of 100000")
    return page


def first_ids(page, n: int = 10) -> list[str]:
    return page.locator(f"{ROWS} td:first-child").all_text_contents()[:n]


def test_only_the_visible_page_is_rendered_and_the_pager_pages(explorer):
    expect(explorer.locator(ROWS)).to_have_count(10)
    assert first_ids(explorer) == [str(i) for i in range(1, 11)]
    explorer.get_by_label("Next page").click()
    expect(explorer.locator(FOOTER)).to_have_text("11–20 of 100000")
    expect(explorer.locator(f"{ROWS} td").first).to_have_text("11")
    expect(explorer.locator(ROWS)).to_have_count(10)
    explorer.locator(".v-data-table-footer__select").select_option("50")
    expect(explorer.locator(FOOTER)).to_have_text("1–50 of 100000")
    expect(explorer.locator(ROWS)).to_have_count(50)
    assert explorer.locator("#customers tr").count() < 60  # never the 100,000


def test_sorting_answers_in_under_100_ms(explorer, frame):
    by_score = frame.sort_values("score", kind="stable")
    lowest = str(by_score["id"].iloc[0])
    explorer.evaluate(SORT_AND_WAIT, ["Age", str(frame.sort_values("age", kind="stable")["id"].iloc[0])])  # warm up
    ascending = explorer.evaluate(SORT_AND_WAIT, ["Score", lowest])
    descending = explorer.evaluate(SORT_AND_WAIT, ["Score", str(frame.iloc[::-1].sort_values(
        "score", kind="stable", ascending=False)["id"].iloc[0])])
    print(f"sort answered in {ascending:.1f} ms (ascending), {descending:.1f} ms (descending)")
    assert ascending < 100 and descending < 100
    expect(explorer.locator("#customers th", has_text="Score")).to_have_attribute("aria-sort", "descending")
    scores = [float(s) for s in explorer.locator(f"{ROWS} td:nth-child(5)").all_text_contents()]
    assert scores == sorted(scores, reverse=True) and scores[0] == frame["score"].max()


def test_search_filters_on_the_server(explorer, frame):
    explorer.get_by_label("Next page").click()
    expect(explorer.locator(FOOTER)).to_have_text("11–20 of 100000")
    explorer.locator("#search input").click()
    explorer.keyboard.type("tartu")
    expected = int((frame["city"] == "Tartu").sum())
    expect(explorer.locator(FOOTER)).to_have_text(f"1–10 of {expected}")  # a new search starts at page 1
    cities = explorer.locator(f"{ROWS} td:nth-child(3)").all_text_contents()
    assert cities == ["Tartu"] * 10
    expect(explorer.locator("#summary")).to_contain_text(f"{expected:,} of 100,000 customers")


def test_the_score_slider_filters_and_the_summary_follows(explorer, frame):
    slider = explorer.locator("#min-score input[type=range]")
    slider.focus()
    for _ in range(18):  # step 5: up to 90
        explorer.keyboard.press("ArrowRight")
    expected = int((frame["score"] >= 90).sum())
    expect(explorer.locator(FOOTER)).to_have_text(f"1–10 of {expected}")
    expect(explorer.locator("#summary")).to_contain_text(f"{expected:,} of 100,000 customers")
    scores = [float(s) for s in explorer.locator(f"{ROWS} td:nth-child(5)").all_text_contents()]
    assert len(scores) == 10 and min(scores) >= 90
    text = explorer.locator("#summary").text_content()
    mean = float(re.search(r"mean score ([\d.]+)", text).group(1))
    assert abs(mean - frame.loc[frame["score"] >= 90, "score"].mean()) < 0.06


def test_two_pages_one_query_per_change(app_runner, browser, page):
    from htmxtrame.app import get_server
    from htmxtrame.ui.vuetify3 import SinglePageLayout
    from htmxtrame.widgets import vuetify3 as v

    server = get_server("e2e-table-two-pages")
    state = server.state
    state.queries = 0
    data = [{"n": f"r{i:03d}", "v": (i * 37) % 101} for i in range(300)]

    def load(options):
        rows = data
        for s in reversed(options["sortBy"]):
            rows = sorted(rows, key=lambda r: r[s["key"]], reverse=s["order"] == "desc")
        start = (options["page"] - 1) * options["itemsPerPage"]
        state.rows = rows[start:start + options["itemsPerPage"]]
        state.queries += 1

    with SinglePageLayout(server) as layout, layout.content:
        v.VDataTableServer(id="t", headers=[{"title": "N", "key": "n"}, {"title": "V", "key": "v"}],
                           items=("rows", []), items_length=len(data), sort_by=("sort", []),
                           update_options=(load, "[$event]"))
    app = app_runner(server)
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    try:
        page.goto(app.url)
        wait_connected(page)
        wait_for_state(page, server, "queries", 1)  # the first sight of the table asks for rows
        other.goto(app.url)
        wait_connected(other)
        expect(other.locator("#t tbody tr.v-data-table__tr")).to_have_count(10)
        page.locator("#t th", has_text="V").click()
        for pg in (page, other):
            expect(pg.locator("#t tbody tr.v-data-table__tr td").nth(1)).to_have_text("0")
        page.wait_for_timeout(300)  # time for a second page to ask again, if it were going to
        assert state.queries == 2
    finally:
        other_ctx.close()

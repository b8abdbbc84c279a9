"""axe-core on every app in ``apps/``, in both themes and at two widths.

axe-core (the npm package ``scripts/setup.sh --test`` installs into
``.cache/node_modules``) is injected into each page once it is connected
and has settled; a critical or serious violation fails the test with the
rule, its help text and the offending elements. Moderate ones are printed
(run with ``-s`` to see the counts).

Themes: the light pass is every page as served. The dark pass turns the
page dark the way the app itself would: the gallery with its own "Dark
mode" switch (the server re-renders ``VApp(theme=...)``); every other page
is forced dark for the test — its Vuetify root (``VApp``, or, for
a layout without one: ``<body>``) gets ``v-theme--dark`` as ``theme="dark"`` renders it,
and the browser reports ``prefers-color-scheme: dark``. A plain-HTML page
with no Vuetify widgets has no dark theme of its own: it is checked as a
dark-preferring visitor sees it.

Colours are read once the page has settled: no transition or finite
animation still running (a colour caught mid-transition is neither theme's).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, AppProcess, wait_connected
from playwright.sync_api import expect

AXE = ROOT / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
FAILING = ("critical", "serious")

# Every page a person can reach in the apps: (app script, path, theme switch
# selector or None). The embedded site's pages need its login first.
PAGES = [
    ("apps/gallery.py", "", "#sw-dark input"),
    ("apps/gallery.py", "?ui=compact", None),
    ("apps/gallery_display.py", "", "#sw-dark input"),  # issue 10: the display/navigation long tail
    ("apps/slider.py", "", None),
    ("apps/todo.py", "", None),
    ("apps/explorer.py", "", None),
    ("apps/embed_flask.py", "login", None),
    ("apps/embed_flask.py", "", None),
    ("apps/embed_flask.py", "inventory/", None),
    ("apps/embed_flask.py", "status/", None),
    ("apps/gallery_inputs.py", "", "#sw-dark input"),  # vtail-b: the long tail of inputs
]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
}"""


@pytest.fixture(scope="module")
def running():
    """Each app started once for the module, on first use."""
    apps: dict[str, AppProcess] = {}

    def get(script: str) -> AppProcess:
        if script not in apps:
            if script == "apps/explorer.py":
                pytest.importorskip("pandas", reason="apps/explorer.py needs pandas: pip install -e '.[test]'")
            apps[script] = AppProcess(script)
        return apps[script]

    yield get
    for app in apps.values():
        app.stop()


def axe_violations(page) -> list[dict]:
    """Inject axe-core into *page* and return its violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `bash scripts/setup.sh --test` (it installs axe-core with npm)")
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def log_in(page, app: AppProcess) -> None:
    """The embedded site's login form (any user, password ``demo``)."""
    page.goto(app.url + "login")
    page.fill("#user", "ada")
    page.fill("#password", "demo")
    page.click("#login")
    page.wait_for_url(app.url)


DARK = ".v-application.v-theme--dark, #ht-app > .v-theme--dark, html.v-theme--dark, body.v-theme--dark"

# Vuetify's dark theme on the page's theme root, as VApp(theme="dark") renders it (a page with no VApp: <html>)
FORCE_DARK = """() => {
  const root = document.querySelector('.v-application') || document.body;
  root.classList.remove('v-theme--light');
  root.classList.add('v-theme--dark');
}"""

# Settled: no CSS transition or finite animation running (spinners and busy bars loop forever: not waited for).
SETTLED = """() => document.getAnimations().every(a =>
  a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""


def is_dark(page) -> bool:
    return page.evaluate("s => !!document.querySelector(s)", DARK)


def settle(page) -> None:
    """Wait until nothing on the page is changing colour (themes and overlays fade in)."""
    page.wait_for_function(SETTLED, polling="raf")


def toggle(page, switch: str, dark: bool) -> None:
    """Press the app's theme switch with the keyboard; wait for the theme the server sends back."""
    page.locator(switch).focus()
    page.keyboard.press("Space")
    page.wait_for_function("([s, dark]) => !!document.querySelector(s) === dark", arg=[DARK, dark])


def open_page(page, script: str, app: AppProcess, path: str, theme: str, switch: str | None) -> bool:
    """Load *path* in *theme*; whether the theme switch was pressed (press it again after)."""
    if script == "apps/embed_flask.py" and path != "login":
        log_in(page, app)
    page.emulate_media(color_scheme=theme)
    page.goto(app.url + path)
    if page.locator("#ht-app").count():
        wait_connected(page)
    pressed = False
    if theme == "dark" and not is_dark(page):
        if switch and page.locator(switch).count():
            toggle(page, switch, dark=True)
            pressed = True
        else:
            page.evaluate(FORCE_DARK)
        assert is_dark(page), f"{script} {path or '/'} did not turn dark"
    settle(page)
    return pressed


def report(violations: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['summary']}" for n in v["nodes"])
        for v in violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", ("light", "dark"))
@pytest.mark.parametrize(("script", "path", "switch"), PAGES,
                         ids=[f"{Path(s).stem}:{p or '/'}" for s, p, _ in PAGES])
def test_no_serious_accessibility_violations(page, running, script, path, switch, theme, width):
    app = running(script)
    page.set_viewport_size({"width": width, "height": 900})
    pressed = open_page(page, script, app, path, theme, switch)
    try:
        violations = axe_violations(page)
    finally:
        if pressed:
            toggle(page, switch, dark=False)  # back to light for the tests after this one
    bad = [v for v in violations if v["impact"] in FAILING]
    moderate = [v for v in violations if v["impact"] == "moderate"]
    print(f"\naxe {script} {path or '/'} {theme} {width}px: {len(bad)} critical/serious, "
          f"{len(moderate)} moderate ({sum(len(v['nodes']) for v in moderate)} elements)"
          + (": " + json.dumps(sorted({v['id'] for v in moderate})) if moderate else ""))
    assert not bad, "axe-core found critical/serious violations:\n" + report(bad)
    assert not page.errors


# -- what the server pushes is announced, politely, and the focus stays put ------------------------
MARK = "s => { const el = document.querySelector(s); if (el) el.__htLiveMark = true; return !!el; }"
STILL = "s => { const el = document.querySelector(s); return !!(el && el.__htLiveMark); }"


def live_of(page, selector: str) -> str | None:
    """The politeness of the live region *selector* is in (its own or an ancestor's), None if none."""
    return page.evaluate("""s => {
      for (let el = document.querySelector(s); el; el = el.parentElement) {
        const live = el.getAttribute('aria-live'), role = el.getAttribute('role');
        if (live) return live;
        if (role === 'status' || role === 'log') return 'polite';
        if (role === 'alert') return 'assertive';
      }
      return null;
    }""", selector)


@pytest.fixture
def gallery_page(page, running):
    app = running("apps/gallery.py")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(app.url)
    wait_connected(page)
    return page


def test_a_validation_message_the_server_sends_is_announced_without_moving_the_focus(gallery_page):
    pg = gallery_page
    field = pg.locator("#tf-name input")
    region = "#tf-name .v-messages__live"
    assert pg.evaluate(MARK, region), "the field has no message region before any message"
    assert live_of(pg, region) == "polite"
    assert field.get_attribute("aria-describedby") == pg.locator(region).get_attribute("id")
    field.focus()
    pg.keyboard.press("Control+a")
    pg.keyboard.press("Backspace")  # the server runs the rule and sends "Required"
    expect(pg.locator(region)).to_have_text("Required")
    assert pg.evaluate(STILL, region), "the message came in a new region (screen readers miss those)"
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    pg.keyboard.type("Ada")
    expect(pg.locator(region)).to_have_text("")
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_a_count_the_server_changes_is_announced_without_moving_the_focus(gallery_page):
    pg = gallery_page
    badge = "#badge .v-badge__badge"
    before = pg.locator(badge).text_content()
    assert pg.evaluate(MARK, badge) and live_of(pg, badge) == "polite"
    pg.locator("#btn-notify").focus()
    pg.keyboard.press("Enter")
    expect(pg.locator(badge)).not_to_have_text(before)
    assert pg.evaluate(STILL, badge)
    expect(pg.locator("#btn-notify")).to_be_focused()


def test_flash_messages_and_the_failure_notice_have_live_regions(gallery_page):
    pg = gallery_page
    # the flash list is there, empty and polite, before any flash (a region made with its text is often missed)
    assert live_of(pg, "#ht-flashes") == "polite"
    expect(pg.locator("#ht-flashes")).to_have_text("")
    assert live_of(pg, "#ht-status") == "polite"  # "Reconnecting…"


@pytest.mark.parametrize("opener", ["#dialog-btn", "#menu-btn", "#btn-snack"])
def test_no_serious_violations_with_an_overlay_open(gallery_page, opener):
    """Dialogs, menus and snackbars are only in the page while open: check them open."""
    pg = gallery_page
    pg.locator(opener).focus()
    pg.keyboard.press("ArrowDown" if opener == "#menu-btn" else "Enter")
    expect(pg.locator(".v-dialog, .v-menu:popover-open, .v-snackbar .v-snackbar__content").first).to_be_visible()
    settle(pg)
    bad = [v for v in axe_violations(pg) if v["impact"] in FAILING]
    pg.keyboard.press("Escape")  # the state is shared: leave the overlay closed for the next test
    assert not bad, "axe-core found critical/serious violations:\n" + report(bad)

"""apps/embed_flask.py, tested as a site with the testing kit: the login in
front, the Jinja pages, the JSON API, and the two htmxtrame apps behind it —
by simulated users (milliseconds) and in Chromium."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from htmxtrame.testing import Refused, User, wait_connected, wait_until
from htmxtrame.transport import flaskctx

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.embed_flask import create_app  # noqa: E402

ADA = {"user": "ada", "password": "demo"}
BOB = {"user": "bob", "password": "demo"}


@pytest.fixture
def site(site_runner, tmp_path):
    """The site, fresh (its own database and servers) on a free port; ``site.user(path)`` is Ada, logged in."""
    config = {"DATABASE": str(tmp_path / "inventory.db"), "STATUS_INTERVAL": 0.05, "SECRET_KEY": "tests"}
    return site_runner(create_app, config, login=ADA)


# -- the site: login, redirects, templates, API -------------------------------------
def test_a_visitor_is_sent_to_log_in_and_then_back_where_they_were_going(site):
    visitor = site.anonymous()
    answer = visitor.get("/inventory/", follow=False)
    assert answer.status == 302 and answer.headers["Location"].endswith("/login?next=/inventory/")
    page = visitor.get("/inventory/")
    assert 'name="next" value="/inventory/"' in page.text
    answer = visitor.post("/login", {**ADA, "next": "/inventory/"}, follow=False)
    assert answer.status == 302 and answer.headers["Location"] == "/inventory/"
    assert "Inventory" in visitor.get("/inventory/").text


@pytest.mark.parametrize("target", [
    "/\t/evil.com", "//evil.com", "https://evil.com/", "/\\evil.com", "\\/evil.com", "/\n/evil.com",
    "evil.com", "/inventory/\r\nSet-Cookie: x=1", "javascript:alert(1)", "/\x00/evil.com",
])
def test_after_logging_in_the_site_never_redirects_off_site(site, target):
    visitor = site.anonymous()
    assert visitor.get("/login?next=" + quote(target)).status == 200  # no 500 on a newline
    answer = visitor.post("/login", {**ADA, "next": target}, follow=False)
    assert (answer.status, answer.headers["Location"]) == (302, "/")


def test_a_path_on_the_site_is_where_logging_in_goes(site):
    answer = site.anonymous().post("/login", {**ADA, "next": "/status/?x=1"}, follow=False)
    assert (answer.status, answer.headers["Location"]) == (302, "/status/?x=1")


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(site):
    visitor = site.anonymous()
    page = visitor.post("/login", {"user": "ada", "password": "nope"})
    assert page.status == 200 and "Wrong user name or password." in page.text
    assert visitor.get("/api/items").status == 401


def test_the_base_template_shows_the_user_and_flashed_messages(site):
    ada = site.http(login=ADA)  # follows the redirect home: the flash shows there
    home = ada.get("/")
    assert 'id="who">ada<' in home.text and "Welcome, ada!" not in home.text  # shown once, already
    visitor = site.anonymous()
    welcome = visitor.post("/login", {**ADA, "next": "/"})
    assert "Welcome, ada!" in welcome.text and 'id="who">ada<' in welcome.text
    bye = visitor.post("/logout")
    assert "You are logged out." in bye.text and 'id="who"' not in bye.text


def test_the_apps_are_wrapped_in_the_sites_base_template(site):
    visitor = site.anonymous()
    page = visitor.post("/login", {**ADA, "next": "/inventory/"})  # lands on the app page
    assert page.url.endswith("/inventory/")
    assert "<title>Inventory · Demo site</title>" in page.text
    assert 'id="who">ada<' in page.text  # the site's header, with its Log out button
    assert 'id="logout"' in page.text
    # The login's flash shows on the app page, in the list the app's own flashes go to.
    assert re.search(r'<ul class="flashes" id="flashes" data-ht-flashes><li>Welcome, ada!</li></ul>', page.text)
    main = page.text.split("<main>", 1)[1]
    assert 'id="ht-app"' in main and 'id="inventory"' in main  # the app fills the content block
    status = visitor.get("/status/").text
    assert "<title>Live status · Demo site</title>" in status and "Welcome, ada!" not in status  # shown once


def test_the_json_api_needs_a_login(site):
    assert site.anonymous().get("/api/items").status == 401
    assert site.anonymous().get("/api/items").json() == {"error": "log in first"}
    assert site.http(login=ADA).get("/api/items").json() == {"items": []}


def test_under_a_script_name_prefix_the_login_and_the_apps_stay_inside_it(site_runner, tmp_path):
    portal = site_runner(create_app, {"DATABASE": str(tmp_path / "p.db")}, script_name="/portal", login=ADA)
    visitor = portal.anonymous()
    answer = visitor.get("/inventory/", follow=False)
    # next= is the path the browser asked for, prefix included (as an app page sends it too).
    assert answer.headers["Location"].endswith("/portal/login?next=/portal/inventory/")
    answer = visitor.post("/login", {**ADA, "next": "/portal/inventory/"}, follow=False)
    assert answer.headers["Location"] == "/portal/inventory/"
    assert visitor.post("/login", ADA, follow=False).headers["Location"] == "/portal/"
    app_page = visitor.get("/inventory/").text
    assert 'href="/portal/status/"' in app_page and 'action="/portal/logout"' in app_page  # the site's header
    ada = portal.user("/inventory/")
    ada.type("Item", "bolts")
    ada.click("Add")
    ada.should_see("bolts 1 ada")


# -- the inventory app, by simulated users ---------------------------------------------
def test_items_are_saved_as_the_logged_in_user_and_shared(site):
    ada = site.user("/inventory/")
    ada.type("Item", "bolts")
    ada.set("Quantity", 40)
    ada.click("Add")  # a submit button: its form submits
    ada.should_see("bolts 40 ada")
    ada.should_see("1 item in stock")
    bob = site.user("/inventory/", login=BOB)
    bob.should_see("bolts 40 ada")
    bob.type("Item", "nuts")
    bob.press("Item", "Enter")
    bob.should_see("nuts 1 bob")
    ada.should_see("bob added 1 × nuts")
    bob.click("Delete bolts")  # the row's Delete button, by its title
    ada.should_not_see("bolts 40 ada")
    ada.should_see("bob deleted bolts")
    assert site.http(login=ADA).get("/api/items").json()["items"] == [
        {"id": 2, "name": "nuts", "qty": 1, "added_by": "bob"}]


def test_a_handlers_flash_shows_to_the_user_who_clicked(site):
    ada = site.user("/inventory/")
    bob = site.user("/inventory/", login=BOB)
    ada.type("Item", "bolts")
    ada.set("Quantity", 40)
    ada.click("Add")
    assert ada.flashes == ["Item added: 40 × bolts."]
    ada.should_see("Item added: 40 × bolts.")
    bob.should_see("bolts 40 ada")  # the table is shared...
    bob.should_not_see("Item added")  # ...the flash is Ada's alone
    bob.click("Delete bolts")
    assert bob.flashes == ["Item deleted: bolts."] and ada.flashes == ["Item added: 40 × bolts."]
    # Not left in the cookie for a later page: the message was shown on the app page.
    assert "Item added" not in ada.http.get("/").text


def test_the_inventory_lives_in_sqlite(site):
    ada = site.user("/inventory/")
    ada.type("Item", "washers")
    ada.click("Add")
    rows = sqlite3.connect(site.app.config["DATABASE"]).execute("SELECT name, qty, added_by FROM items").fetchall()
    assert rows == [("washers", 1, "ada")]


def test_bad_quantities_are_refused_with_a_message(site):
    ada = site.user("/inventory/")
    ada.type("Item", "bolts")
    ada.set("Quantity", 0)
    ada.click("Add")
    ada.should_see("The quantity is a whole number from 1 to 1,000,000.")
    ada.should_see("0 items in stock")
    ada.set("Quantity", 3)
    ada.click("Add")
    ada.should_not_see("The quantity is")


def test_an_empty_name_cannot_be_added(site):
    ada = site.user("/inventory/")
    with pytest.raises(AssertionError, match="disabled"):
        ada.click("Add")


def test_logging_out_closes_every_app_page_of_that_login_and_only_those(site):
    ada = site.user("/inventory/")
    # Another tab of Ada's browser (same cookie), on the other app.
    ada_status = User(site.server_at("/status/"), app=site.app, path="/status/", cookies=ada.cookies,
                      guarded=True).open()
    bob = site.user("/inventory/", login=BOB)
    ada.type("Item", "bolts")
    assert "You are logged out." in ada.http.post("/logout").text  # the same browser, another tab
    assert ada.closed_by_server == (4401, "logged out") and ada_status.closed_by_server == (4401, "logged out")
    with pytest.raises(Refused, match="4401.*login page"):
        ada.click("Add")
    with pytest.raises(Refused, match="4401"):
        ada.type("Item", "nuts")  # any event: the page is gone
    assert site.http(login=ADA).get("/api/items").json()["items"] == []
    bob.type("Item", "nuts")  # Bob's login is another: his page stays open
    bob.click("Add")
    bob.should_see("nuts 1 bob")
    again = site.user("/inventory/")  # logging in again opens the page again
    again.should_see("nuts 1 bob")


def test_a_session_that_no_longer_verifies_is_refused_at_the_next_click(site, monkeypatch):
    monkeypatch.setattr(flaskctx, "SESSION_RECHECK", 0.0)  # verify the cookie for every message
    ada = site.user("/inventory/")
    ada.type("Item", "bolts")
    site.app.secret_key = "rotated"  # as after a restart with a new SECRET_KEY
    with pytest.raises(Refused, match="4401"):
        ada.click("Add")
    assert site.http(login=ADA).get("/api/items").json()["items"] == []


def test_each_site_built_by_the_factory_has_its_own_data(site_runner, tmp_path, site):
    site.user("/inventory/").type("Item", "only here")
    other = site_runner(create_app, {"DATABASE": str(tmp_path / "other.db")}, login=ADA)
    assert other.user("/inventory/").state["name"] == ""
    assert other.user("/inventory/").server is not site.user("/inventory/").server


# -- the live-status app ------------------------------------------------------------------
def test_the_status_ticks_while_a_page_is_open_and_pauses_after(site):
    watcher = site.user("/status/")
    wait_until(lambda: watcher.state["tick"] >= 3, message="the status never ticked")
    watcher.should_see("live")
    assert site.http(login=ADA).get("/api/status").json()["tick"] >= 3
    watcher.close()
    wait_until(lambda: watcher.server.state["live"] is False, message="the ticker kept running with no page open")


# -- in Chromium, behind the login ---------------------------------------------------------
def test_in_chromium_a_logged_in_user_adds_an_item(site, page):
    site.open(page, "/inventory/")
    wait_connected(page)
    page.get_by_label("Item").fill("bolts")
    page.get_by_label("Quantity").fill("12")
    page.get_by_role("button", name="Add").click()
    row = page.locator("#items tbody tr")
    expect(row).to_have_text("bolts12adaDelete")
    expect(page.locator("#count")).to_have_text("1 item in stock")
    # The handler's flash() shows in the site's flash list, in the site's header and title.
    expect(page.locator("#flashes li")).to_have_text(["Item added: 12 × bolts."])
    expect(page.locator("#who")).to_have_text("ada")
    expect(page).to_have_title("Inventory · Demo site")
    page.get_by_role("link", name="Live status").click()
    wait_connected(page)
    expect(page.locator("#tick")).not_to_have_text("Tick 0")
    assert page.errors == []


def test_in_chromium_logging_in_through_the_form_lands_on_the_page_asked_for(site, page):
    page.goto(site.url + "inventory/")
    expect(page).to_have_url(site.url + "login?next=/inventory/")
    page.fill("#user", "ada")
    page.fill("#password", "demo")
    page.click("#login")
    expect(page).to_have_url(site.url + "inventory/")
    wait_connected(page)
    expect(page.locator("#flashes")).to_have_text("Welcome, ada!")  # on the app page, in the site's layout
    expect(page.locator("#who")).to_have_text("ada")


def test_in_chromium_under_a_prefix(site_runner, tmp_path, page):
    portal = site_runner(create_app, {"DATABASE": str(tmp_path / "p.db")}, script_name="/portal", login=ADA)
    portal.open(page, "/inventory/")
    wait_connected(page)
    page.get_by_label("Item").fill("bolts")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("#items tbody tr")).to_have_text("bolts1adaDelete")
    page.get_by_role("link", name="Demo site").click()
    expect(page).to_have_url(portal.url)
    expect(page.locator("h1")).to_have_text("Hello ada")


def test_in_chromium_logging_out_in_another_tab_sends_the_open_app_to_log_in_and_back(site, page):
    site.open(page, "/inventory/")
    wait_connected(page)
    other_tab = page.context.new_page()
    other_tab.goto(site.url)
    other_tab.click("#logout")
    expect(other_tab).to_have_url(re.compile(r"/login$"))
    # The app page's socket was closed by logout_sessions(): it goes to the login page,
    # with next= back to itself.
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)inventory(/|%2F)$"))
    expect(page.locator("#login")).to_be_visible()
    page.fill("#user", "ada")
    page.fill("#password", "demo")
    page.click("#login")
    expect(page).to_have_url(site.url + "inventory/")
    wait_connected(page)
    page.get_by_label("Item").fill("after logging in again")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("#items tbody tr")).to_have_text("after logging in again1adaDelete")
    items = site.http(login=ADA).get("/api/items").json()["items"]
    assert [item["name"] for item in items] == ["after logging in again"]
    assert page.errors == []


def test_in_chromium_a_new_secret_key_sends_the_open_app_to_log_in(site, page, monkeypatch):
    monkeypatch.setattr(flaskctx, "SESSION_RECHECK", 0.0)  # verify the cookie for every message
    site.open(page, "/inventory/")
    wait_connected(page)
    site.app.secret_key = "rotated"  # as after a restart with a new SECRET_KEY: the cookie no longer verifies
    page.get_by_label("Item").fill("after the restart")  # refused: not applied, the page goes to log in
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)inventory(/|%2F)$"))
    assert site.server_at("/inventory/").state.name == ""
    page.fill("#user", "ada")
    page.fill("#password", "demo")
    page.click("#login")
    expect(page).to_have_url(site.url + "inventory/")
    wait_connected(page)

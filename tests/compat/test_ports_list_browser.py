"""ListBrowser (trame-components): path crumbs, filter and rows; clicks reach the app with trame's payloads."""

from __future__ import annotations

import uuid

from htmxtrame.server import Server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import trame as trame_widgets

LISTING = [
    {"text": "Hello.txt", "value": "hello.txt", "type": "File", "prependIcon": "mdi-file-document-outline"},
    {"text": "Results", "type": "Folder"},
    {"text": "notes.md", "type": "File"},
]


def browser(sim_user, **kwargs):
    server = Server(f"lb-{uuid.uuid4().hex[:8]}")
    heard: list = []
    with SinglePageLayout(server) as layout, layout.content:
        trame_widgets.ListBrowser(list=("listing", LISTING), path=("path", ["home", "me"]),
                                  click=(heard.append, "[$event]"), **kwargs)
    return sim_user(server), heard, server


def rows(user) -> list[str]:
    return [r.text for r in user.find_all(".v-list-item") if "display: none" not in (r.get("style") or "")]


def test_rows_and_path_show_and_clicks_carry_trames_payloads(sim_user):
    user, heard, _ = browser(sim_user)
    assert rows(user) == ["Hello.txt", "Results", "notes.md"]
    assert user.find(".text-truncate").text == "me"  # the last folder's name
    user.click("Hello.txt")
    user.click("Results")
    assert heard == [{"type": "File", "value": "hello.txt"}, {"type": "Folder", "value": 1}]
    user.click("Go to home")
    assert heard[-1] == {"type": "path", "value": "home"}
    user.click("Go to me")
    assert heard[-1] == {"type": "path", "value": "home/me"}


def test_the_filter_keeps_items_whose_text_and_type_hold_every_word(sim_user):
    user, _, _ = browser(sim_user, filter=True)
    user.set("Filter", "file")
    assert rows(user) == ["Hello.txt", "notes.md"]
    user.set("Filter", "file hello")
    assert rows(user) == ["Hello.txt"]
    user.set("Filter", "")
    assert len(rows(user)) == 3


def test_no_filter_field_unless_asked_and_the_apps_query_wins(sim_user):
    user, _, server = browser(sim_user, filter_query=("query", "folder"))
    assert user.find_all("input") == []
    assert rows(user) == ["Results"]


def test_malformed_lists_render_without_crashing(sim_user):
    server = Server(f"lb-{uuid.uuid4().hex[:8]}")
    with SinglePageLayout(server) as layout, layout.content:
        trame_widgets.ListBrowser(list=("listing", [{"text": None}, {"type": 3}]), path=("path", None))
    user = sim_user(server)
    assert len(user.find_all(".v-list-item")) == 2

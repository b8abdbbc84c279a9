"""Uploads and downloads under three gunicorn workers sharing state through Redis.

A file the page uploads is a POST of its own and a download link a GET of its
own: whichever worker accepts them, the page whose socket another worker
holds gets its file and its download (htmxtrame.backends.transfers).
``server.download(...)`` reaches the pages of every worker (a control
message, htmxtrame.backends.control)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from conftest import wait_connected
from test_site_chromium import log_in
from test_site_workers import WORKER_SITE, site_fixture, tabs_on_every_worker

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")

FILES_SITE = WORKER_SITE.replace(
    "with DivLayout(counter):\n",
    """counter.state.uploaded = "none"


@counter.state.change("upload")
def got_upload(upload, **_):
    counter.state.uploaded = f"{upload[0]['name']} {len(upload[0]['content'])} B" if upload else "none"


def table():
    return b"worker,ok\\n" + str(os.getpid()).encode() + b",yes\\n"


with DivLayout(counter):
    html.Input(type="file", v_model=("upload", None), id="file")
    html.Span("{{ uploaded }}", id="uploaded")
    html.Button("CSV", id="csv", click=table)
    html.Button("Send to every page", id="all", click=send_all)
""", 1).replace(
    "def table():",
    """def send_all():
    counter.download(b"for every page, from worker " + str(os.getpid()).encode(), "all.txt", "text/plain")


def table():""", 1)


assert FILES_SITE != WORKER_SITE
site = site_fixture(FILES_SITE)


def test_every_tab_uploads_and_downloads_whichever_worker_takes_the_request(browser: Any, site: Any, tmp_path: Any):
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True)
    try:
        first = context.new_page()
        log_in(first, site.url)
        tabs = tabs_on_every_worker(context, first, site.url + "app/")
        for n, tab in enumerate(tabs * 2):  # twice round: the requests go to whichever worker accepts them
            wait_connected(tab)
            path = tmp_path / f"t{n}.txt"
            path.write_bytes(b"x" * (100 + n))
            tab.set_input_files("#file", str(path))
            expect(tab.locator("#uploaded")).to_have_text(f"t{n}.txt {100 + n} B", timeout=10_000)
            with tab.expect_download(timeout=10_000) as info:
                tab.click("#csv")
            saved = tmp_path / f"d{n}.csv"
            info.value.save_as(saved)
            assert saved.read_bytes().endswith(b",yes\n") and saved.read_bytes().startswith(b"worker,ok\n")
    finally:
        context.close()


def test_server_download_reaches_the_tabs_on_every_worker(browser: Any, site: Any, tmp_path: Any):
    context = browser.new_context(accept_downloads=True)
    try:
        first = context.new_page()
        log_in(first, site.url)
        tabs = tabs_on_every_worker(context, first, site.url + "app/")
        got: dict[int, list[Any]] = {n: [] for n in range(len(tabs))}
        for n, tab in enumerate(tabs):
            wait_connected(tab)
            tab.on("download", lambda d, n=n: got[n].append(d))
        clicker = tabs[-1]  # the other tabs' sockets are on the other workers
        clicker.click("#all")
        deadline = time.monotonic() + 10
        while not all(got.values()) and time.monotonic() < deadline:
            clicker.wait_for_timeout(50)  # lets Playwright deliver the tabs' download events
        sender = clicker.inner_text("#worker").split()[-1]
        for n in got:
            assert len(got[n]) == 1, f"tab {n} got {len(got[n])} downloads"
            saved = tmp_path / f"all{n}.txt"
            got[n][0].save_as(saved)
            assert got[n][0].suggested_filename == "all.txt"
            assert saved.read_bytes() == f"for every page, from worker {sender}".encode()
    finally:
        context.close()

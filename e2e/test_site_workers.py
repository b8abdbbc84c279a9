"""The Flask site of test_site_chromium under three gunicorn workers sharing
state through Redis, in Chromium: a logout in one tab sends the app tabs of
that user to the login page on every worker, not only on the worker that
ran the logout view."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from conftest import AppProcess, wait_connected
from test_site_chromium import ROOT, SITE, at_login, log_in

pytest.importorskip("redis", reason="pip install -e '.[test]' installs the redis client")

WORKERS = 3
# Each worker's layout names the worker, so a tab shows which worker holds its socket.
WORKER_SITE = SITE.replace(
    '    html.Button("Rename", id="rename", click="trame__title = \'Tally\'")\n',
    '    html.Button("Rename", id="rename", click="trame__title = \'Tally\'")\n'
    '    html.Span(f"worker {os.getpid()}", id="worker")\n',
)


def serve_workers(tmp_path: Any, redis_url: str, source: str, *gunicorn_args: str) -> AppProcess:
    """The site *source* under ``gunicorn -k gthread -w 3`` sharing the Redis at *redis_url*, once every worker booted."""
    (tmp_path / "flasksite.py").write_text(source)
    proc = AppProcess(
        "flasksite.py",
        command=[sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "16", "-w", str(WORKERS),
                 "-b", "127.0.0.1:0", "--chdir", str(tmp_path), *gunicorn_args, "flasksite:app"],
        port_pattern=r"Listening at: http://127\.0\.0\.1:(\d+)", host="127.0.0.1",
        env={"SITE_SECRET": "one", "PYTHONPATH": f"{tmp_path}:{ROOT}", "HTMXTRAME_REDIS_URL": redis_url,
             "MALLOC_ARENA_MAX": "2"},
    )
    proc.wait_output(rf"(Booting worker with pid: \d+[\s\S]*){{{WORKERS}}}", timeout=30)
    return proc


def site_fixture(source: str, *gunicorn_args: str) -> Any:
    """A ``site`` fixture: *source* served by :func:`serve_workers`, stopped after the test."""

    @pytest.fixture
    def site(tmp_path: Any, redis_server: Any) -> Any:
        proc = serve_workers(tmp_path, redis_server.url, source, *gunicorn_args)
        yield proc
        proc.stop()

    return site


assert WORKER_SITE != SITE
site = site_fixture(WORKER_SITE)


def tabs_on_every_worker(context: Any, first: Any, url: str) -> list[Any]:
    """*first* and more tabs of *url*, opened until their sockets are on every worker."""
    tabs, held = [first], {socket_worker(first)}
    for _ in range(30):
        if len(held) == WORKERS:
            break
        tabs.append(context.new_page())
        tabs[-1].goto(url)
        held.add(socket_worker(tabs[-1]))
    assert len(held) == WORKERS, f"tabs landed on workers {held} only"
    return tabs


def socket_worker(page: Any) -> int:
    """The worker holding *page*'s socket (a socket on another worker than the page's resyncs the page)."""
    wait_connected(page)
    first = page.evaluate("Number(document.getElementById('ht-app').getAttribute('data-ht-seq'))")
    try:
        page.wait_for_function(f"window.htmxtrame.seq !== {first}", timeout=1500)
    except Exception:  # noqa: BLE001 - the same worker: no resync, the pid shown is the socket's
        pass
    return int(page.inner_text("#worker").split()[-1])


def test_logout_in_one_tab_sends_the_app_tabs_on_every_worker_to_the_login_page(browser: Any, site: Any) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        log_in(tab, site.url)
        tabs = tabs_on_every_worker(context, tab, site.url + "app/")  # tabs of the same browser
        home = context.new_page()
        home.goto(site.url)
        home.click("#logout")  # one worker runs the view: the others hold tabs of this user too
        for page in tabs:
            page.wait_for_url(at_login(), timeout=10_000)
            assert page.is_visible("#user")
    finally:
        context.close()

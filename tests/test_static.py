"""Vendored assets match their manifest; the static route compresses and caches."""

from __future__ import annotations

import gzip
import html as html_text
import hashlib
import json
import re
from pathlib import Path

import pytest

from htmxtrame.server import Server
from htmxtrame.transport import jsmin
from htmxtrame.transport.assets import static_dir
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

STATIC = Path(__file__).resolve().parent.parent / "static"
MANIFEST = json.loads((STATIC / "manifest.json").read_text())
VENDORED = [
    (package, name, entry)
    for package, info in MANIFEST.items()
    for name, entry in info["files"].items()
]


def test_manifest_pins_htmx_4_0_1_with_both_files():
    assert MANIFEST["htmx"]["version"] == "4.0.1"
    assert set(MANIFEST["htmx"]["files"]) == {"vendor/htmx.min.js", "vendor/hx-ws.min.js"}
    assert (STATIC / MANIFEST["htmx"]["license"].split()[0]).is_file()


@pytest.mark.parametrize("package, name, entry", VENDORED, ids=[v[1] for v in VENDORED])
def test_vendored_file_matches_its_manifest_sha256(package, name, entry):
    data = (STATIC / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], (
        f"{name} differs from the {package} release recorded in static/manifest.json; "
        "re-vendor it from the pinned release or update the manifest with its new origin"
    )


def test_the_package_finds_the_static_folder():
    assert (static_dir() / "htmxtrame.js").is_file()


@pytest.fixture(scope="module")
def client():
    srv = Server("test-static")
    with DivLayout(srv):
        html.P("static test")
    return srv.flask_app().test_client()


def test_static_file_is_served_gzip_with_an_etag(client):
    raw = (STATIC / "vendor/htmx.min.js").read_bytes()
    resp = client.get("/__htmxtrame/static/vendor/htmx.min.js", headers={"Accept-Encoding": "gzip, br"})
    assert resp.status_code == 200
    assert resp.headers["Content-Encoding"] == "gzip"
    assert resp.headers["Content-Type"].startswith(("application/javascript", "text/javascript"))
    assert "Accept-Encoding" in resp.headers["Vary"]
    assert resp.headers["ETag"]
    assert gzip.decompress(resp.data) == raw
    assert len(resp.data) < len(raw) / 2


def test_static_file_uncompressed_when_gzip_not_accepted(client):
    raw = (STATIC / "htmxtrame.js").read_text()
    resp = client.get("/__htmxtrame/static/htmxtrame.js", headers={"Accept-Encoding": "identity"})
    assert resp.status_code == 200
    assert "Content-Encoding" not in resp.headers
    assert resp.data == jsmin.strip(raw).encode()  # our scripts go without their comments


def test_if_none_match_gets_304_without_a_body(client):
    first = client.get("/__htmxtrame/static/htmxtrame.css", headers={"Accept-Encoding": "gzip"})
    etag = first.headers["ETag"]
    again = client.get(
        "/__htmxtrame/static/htmxtrame.css", headers={"If-None-Match": etag, "Accept-Encoding": "gzip"}
    )
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    stale = client.get("/__htmxtrame/static/htmxtrame.css", headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200


@pytest.mark.parametrize("path", ["nope.js", "../pyproject.toml", "..%2Fpyproject.toml", "vendor/../../README.md"])
def test_missing_or_escaping_paths_are_404(client, path):
    assert client.get(f"/__htmxtrame/static/{path}").status_code == 404


def test_page_is_gzipped_when_accepted_and_never_cached(client):
    resp = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert resp.headers["Content-Encoding"] == "gzip"
    assert resp.headers["Cache-Control"] == "no-store"
    assert gzip.decompress(resp.data).startswith(b"<!doctype html>")
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"<!doctype html>")


def test_every_file_a_page_links_or_inlines_is_warmed_before_the_first_visit():
    import re

    from htmxtrame.transport import assets

    shell = assets.page(title="t", favicon=None, body='<div class="v-app"></div>', static="S", ws_url="ws", seq=0)
    # the script is linked; the whole Vuetify sheet is linked for later; the styles are inlined
    linked = set(re.findall(r'(?:href|src|data-ht-full)="S/([^"?]+)', shell))
    assert linked == {assets.BUNDLE, "vuetify.css"}
    assert "<style>" in shell and "<style data-ht-full=" in shell
    assert linked | {"htmxtrame.css"} == set(assets.PAGE_ASSETS), "warm() must cover what every page uses"
    assets._load.cache_clear()
    assets.warm()
    misses = assets._load.cache_info().misses
    for name in assets.PAGE_ASSETS:
        assert assets._load(name) is not None, f"{name} is used by every page but missing"
    assets.page(title="t", favicon=None, body='<div class="v-app"></div>', static="S", ws_url="ws", seq=0)
    assert assets._load.cache_info().misses == misses, "warm() left files to compress on first visit"


def test_a_page_links_one_versioned_script_cached_for_good(client):
    import re

    page = client.get("/").data.decode()
    scripts = re.findall(r'<script src="([^"]+)"([^>]*)>', page)
    assert len(scripts) == 1, scripts  # htmx, its websocket extension and the glue in one file
    src, attrs = scripts[0]
    assert src.startswith("__htmxtrame/static/htmxtrame.bundle.js?v=")
    assert attrs.startswith(" defer")  # the page paints while it loads
    # the widgets' own scripts (transport/glue.py) it does not use are listed for later, not loaded
    later = json.loads(html_text.unescape(re.search(r'data-ht-glue="([^"]+)"', attrs).group(1)))
    assert set(later) == {"choices", "size_observer", "mouse_trap", "float_card", "grid"}
    assert later["grid"][1].startswith("__htmxtrame/static/glue/grid.js?v=")
    # before it, inline: the early script that opens the socket and keeps early clicks
    inline = re.findall(r"<script( [^>]*)?>(.*?)</script>", page, re.S)
    assert inline[0] == (' data-ht-ws="__htmxtrame/ws?ui=main"', jsmin.strip((STATIC / "early.js").read_text()))
    assert page.index("<script data-ht-ws") < page.index("<script src=")
    first = client.get("/" + src)
    assert first.status_code == 200 and "immutable" in first.headers["Cache-Control"]
    body = gzip.decompress(first.data) if first.headers.get("Content-Encoding") else first.data
    # first line: Chromium compiles the whole file while it downloads, not function by function on the page's thread
    hint, _, body = body.partition(b"\n")
    assert hint == b"//# allFunctionsCalledOnLoad"
    assert body.startswith((STATIC / "vendor/htmx.min.js").read_bytes()[:200])
    assert jsmin.strip((STATIC / "htmxtrame.js").read_text()).encode() in body
    # an old page asking an older version gets today's file, revalidated rather than kept a year
    stale = client.get("/__htmxtrame/static/htmxtrame.bundle.js?v=000000000000")
    assert stale.status_code == 200 and "must-revalidate" in stale.headers["Cache-Control"]
    assert b"htmxtrameEarly" in body and b"new Native(" not in body  # the glue adopts what early.js started
    # the separate files stay served (pages cached from an older release link them)
    assert client.get("/__htmxtrame/static/htmxtrame.js").status_code == 200


def test_the_page_inlines_its_styles_and_its_tab_icon(client):
    from urllib.parse import unquote

    page = client.get("/").data.decode()
    assert "<link rel=\"stylesheet\"" not in page
    css = (STATIC / "htmxtrame.css").read_text().strip()
    assert css[:80] in page
    icon = page.split('<link rel="icon" href="', 1)[1].split('"', 1)[0]
    assert icon.startswith("data:image/svg+xml,")
    assert unquote(icon.split(",", 1)[1]) == (STATIC / "favicon.svg").read_text().strip()


def test_an_apps_own_favicon_is_linked_as_given():
    srv = Server("test-static-icon")
    srv.state.trame__favicon = "https://example.org/i.png"
    with DivLayout(srv):
        html.P("x")
    page = srv.flask_app().test_client().get("/").data.decode()
    assert '<link rel="icon" href="https://example.org/i.png">' in page


def test_the_inline_script_hash_allows_exactly_the_pages_inline_script(client):
    import base64
    import re

    from htmxtrame.transport import assets

    page = client.get("/").data.decode()
    (text,) = re.findall(r"<script data-ht-ws=[^>]*>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert assets.early_script_csp() == f"'sha256-{digest}'"
    assert "</script" not in text.lower()


def test_a_page_showing_a_widget_with_its_own_script_loads_it_after_the_glue():
    from htmxtrame.transport import assets, glue

    body = '<input role="combobox" aria-controls="x"><div class="ht-grid-layout" data-ht-grid="{}"></div>'
    head = assets.page_assets("S", body)
    tags = re.findall(r'<script src="([^"]+)"', head)
    assert [t.split("?")[0] for t in tags] == ["S/htmxtrame.bundle.js", "S/glue/choices.js", "S/glue/grid.js"]
    later = json.loads(html_text.unescape(re.search(r'data-ht-glue="([^"]+)"', head).group(1)))
    assert set(later) == set(glue.SECTIONS) - {"choices", "grid"}
    assert later["mouse_trap"] == ["data-ht-keys", "S/" + assets.versioned("glue/mouse_trap.js")]
    served = Server("glue-files").flask_app().test_client().get("/__htmxtrame/static/glue/mouse_trap.js")
    assert served.status_code == 200 and b"data-ht-keys" in served.data and b"// ----" not in served.data  # minified

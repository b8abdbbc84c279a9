"""Static assets and the page shell.

The assets live in the project's top-level ``static/`` folder; the wheel
carries them as ``htmxtrame/static``. They are served cacheable (an ETag,
revalidated) and gzip-compressed when the browser accepts it; the
compressed bytes are computed once per file.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dominate.util import escape
from flask import Response, abort, request

from . import csssubset, glue, jsmin

_HERE = Path(__file__).resolve().parent.parent
VUETIFY = "vuetify.css"
OWN_SCRIPTS = ("early.js", "htmxtrame.js", "vtk.js")  # served without their comments (vendored files come minified)


def static_dir() -> Path:
    """Where the static files are: in the package when installed, else beside it."""
    for candidate in (_HERE / "static", _HERE.parent / "static"):
        if (candidate / "htmxtrame.js").is_file():
            return candidate
    raise FileNotFoundError(
        "htmxtrame's static files are missing; expected them in "
        f"{_HERE / 'static'} (installed) or {_HERE.parent / 'static'} (source checkout). "
        "Reinstall the package."
    )


# The page's one script file: htmx, its websocket extension and the glue, in
# that order. One request instead of three, loaded deferred: the page is
# parsed and painted while it arrives. EARLY, inlined in <head> before it,
# opens the socket and keeps what the user does before the glue runs (a click
# made while the page is still loading is answered, not lost).
BUNDLE = "htmxtrame.bundle.js"
EARLY = "early.js"
BUNDLED = ("vendor/htmx.min.js", "vendor/hx-ws.min.js", "htmxtrame.js")
# V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): every
# function of the file is compiled while it streams in, off the main thread,
# instead of lazily on first call. Nearly all of it runs during the first
# second anyway (htmx's init, the socket's adoption, the first click and
# swap), and on a loading page each lazy compile waited behind parse, style
# and layout: measured, the first working click came 5 ms sooner (median of
# 40 cold loads, bench/README.md) and the page's main thread did 7 ms less.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


@lru_cache(maxsize=64)
def _load(filename: str) -> tuple[bytes, bytes, str, str] | None:
    if "\x00" in filename:
        return None  # no file has one; resolve() would raise
    if filename == BUNDLE:
        # the hint must be the file's first line
        return _with_digest(COMPILE_HINT + b"\n;".join(_raw(name) for name in BUNDLED), "application/javascript; charset=utf-8")
    root = static_dir()
    path = (root / filename).resolve()
    if root not in path.parents or not path.is_file():
        return None
    raw = path.read_bytes()
    if filename in OWN_SCRIPTS or filename.startswith("glue/"):
        raw = jsmin.minify(raw.decode("utf-8")).encode("utf-8")  # a third of the glue is comments
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if mime.startswith("text/") or mime in ("application/javascript", "application/json", "image/svg+xml"):
        mime += "; charset=utf-8"
    return _with_digest(raw, mime)


@lru_cache(maxsize=8)
def _inline_text(filename: str) -> str:
    """A static text file as a page inlines it (decoded once)."""
    return _raw(filename).decode("utf-8")


def _raw(filename: str) -> bytes:
    loaded = _load(filename)
    if loaded is None:
        raise FileNotFoundError(f"htmxtrame's static file {filename} is missing; reinstall the package")
    return loaded[0]


def _with_digest(raw: bytes, mime: str) -> tuple[bytes, bytes, str, str]:
    """*raw*, its gzip form, its type and its ETag."""
    etag = hashlib.sha256(raw).hexdigest()[:20]
    return raw, gzip.compress(raw, 9, mtime=0), mime, etag


# What every page shell links or inlines: loaded (and compressed) once, before the first page asks.
PAGE_ASSETS = ("htmxtrame.css", "vuetify.css", BUNDLE)


def warm() -> None:
    """Load and gzip the page shell's files now (level 9 takes ≈ 10 ms), so the
    first visitor's page does not wait for it."""
    for name in PAGE_ASSETS + tuple(glue.filename(section) for section in glue.SECTIONS):
        _load(name)  # a page versions every section's URL, used or not
    _vuetify_subsets()  # parsing the sheet takes ≈ 40 ms


def serve(filename: str) -> Response:
    """A static file, compressed when accepted, with an ETag."""
    loaded = _load(filename)
    if loaded is None:
        abort(404)
    raw, packed, mime, etag = loaded
    if request.if_none_match.contains(etag):
        resp = Response(status=304)
    else:
        resp = _encoded(raw, packed, mime)
    resp.set_etag(etag)
    if request.args.get("v") == etag[:VERSION_CHARS]:
        # A versioned URL (the page's script): its bytes never change, so a
        # reload asks nothing. A new release links a new version.
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        resp.headers["Cache-Control"] = "public, max-age=3600, must-revalidate"
    return resp


VERSION_CHARS = 12


def versioned(filename: str) -> str:
    """*filename* with its content's version as a query (``?v=``), for a URL cached for good."""
    loaded = _load(filename)
    return filename if loaded is None else f"{filename}?v={loaded[3][:VERSION_CHARS]}"


def _encoded(raw: bytes, packed: bytes | None, mime: str) -> Response:
    """*raw* or its gzip form (computed when not given), as the client accepts."""
    # By quality, not by substring: "gzip;q=0" means "never gzip".
    gz = request.accept_encodings.quality("gzip") > 0
    if gz and packed is None:
        packed = gzip.compress(raw, 6)
    resp = Response(packed if gz else raw, mimetype=mime.split(";")[0])
    resp.headers["Content-Type"] = mime
    if gz:
        resp.headers["Content-Encoding"] = "gzip"
    resp.headers["Vary"] = "Accept-Encoding"
    return resp


def html_response(html: str) -> Response:
    """A rendered page, gzip-compressed when accepted, never cached."""
    resp = _encoded(utf8(html), None, "text/html; charset=utf-8")
    resp.headers["Cache-Control"] = "no-store"
    return resp


def utf8(text: str) -> bytes:
    """*text* as UTF-8, a lone surrogate as U+FFFD (what a browser shows for it).

    State may hold one: a page's JSON can send ``"\\ud800"``, and
    ``os.listdir`` returns undecodable file names with surrogate escapes.
    Plain ``encode`` would fail, and every page load with it.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16, paired surrogates join into their character, as in JavaScript.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").encode("utf-8")


def page(
    *, title: str, favicon: Any, body: str, static: str, ws_url: str, seq: int, extra_head: str = "",
    login_url: str = "", tree: Any = None, boot: str = "",
) -> str:
    """The whole HTML page around a rendered layout body."""
    icon = f'<link rel="icon" href="{escape(str(favicon or default_favicon()))}">'
    return (
        "<!doctype html>"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{icon}"
        f"{page_assets(static, body, extra_head, tree, ws_url)}</head><body>"
        f"{app_root(body=body, ws_url=ws_url, seq=seq, boot=boot, login_url=login_url, main=not has_main(body))}"
        "</body></html>"
    )


@lru_cache(maxsize=1)
def default_favicon() -> str:
    """htmxtrame's tab icon as a ``data:`` URL: 200 bytes in the page save a request."""
    svg = (static_dir() / "favicon.svg").read_text(encoding="utf-8").strip()
    return "data:image/svg+xml," + quote(svg, safe=" /:=.")


def page_assets(static: str, body: str, extra_head: str = "", tree: Any = None, ws_url: str = "") -> str:
    """The styles and scripts an app page needs (in ``<head>``, or first in a host's block).

    *tree* is the layout's root element: the Vuetify rules its classes can
    use are what the page loads (see :mod:`.csssubset`). *ws_url*: the
    socket the page's script opens while the page loads (the app root's).
    """
    early = f' data-ht-ws="{escape(ws_url)}"' if ws_url else ""
    # Vuetify's look only for pages that use its widgets (their classes are v-*)
    vuetify = _vuetify_link(static, body, tree) if 'class="v-' in body else ""
    components = f"<style>{_inline_text(COMPONENTS_CSS)}</style>" if _uses_components(body, tree) else ""
    glue_attr, glue_tags = glue.page_tags(static, body, versioned)  # the widgets' own scripts (glue.py)
    return (
        f"<style>{_inline_text('htmxtrame.css')}</style>"
        f"{vuetify}{components}"
        # the early script first (see BUNDLE); module scripts are deferred too, so run after the glue
        f"<script{early}>{_inline_text(EARLY)}</script>"
        f'<script src="{static}/{versioned(BUNDLE)}" defer{glue_attr}></script>{glue_tags}'
        f"{extra_head}"
    )


def early_script_csp() -> str:
    """The ``script-src`` source that allows the page's one inline script (``'sha256-…'``).

    A site whose Content-Security-Policy refuses inline scripts can add this
    to keep the early socket and the clicks made while the page loads; without
    it the page still works, the socket opening when htmx starts.
    """
    digest = hashlib.sha256(_inline_text(EARLY).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The rules of trame-components' Cursor and GitTree: only pages that have one carry them.
COMPONENTS_CSS = "components.css"
_COMPONENT_MARKS = ("data-ht-cursor", "ht-git-tree")


def _uses_components(body: str, tree: Any) -> bool:
    """Whether the page has (or its layout can show later) a widget whose rules are in COMPONENTS_CSS."""
    if any(mark in body for mark in _COMPONENT_MARKS):
        return True
    return tree is not None and hasattr(tree, "walk") and _components_memo(tree)


_components_memo = csssubset.TreeMemo(
    lambda tree: any(getattr(node, "_page_css", False) for node in tree.walk()), csssubset.MAX_SUBSETS
)


@lru_cache(maxsize=1)
def _vuetify_subsets() -> csssubset.Subsets:
    return csssubset.Subsets(csssubset.Sheet((static_dir() / VUETIFY).read_text(encoding="utf-8")))


def _vuetify_link(static: str, body: str, tree: Any) -> str:
    subsets = _vuetify_subsets()
    have = csssubset.families_in_html(body)
    if tree is not None:
        have |= csssubset.families_in_tree(tree)
    key, listed = subsets.key_for(have)
    # The glue adds the whole sheet once a frame brings a family not listed here.
    return (
        f'<style data-ht-full="{static}/{VUETIFY}" '
        f'data-ht-families="{listed}" data-ht-all="{escape(subsets.sheet.vocabulary())}">{subsets.text(key)}</style>'
    )


_MAIN = re.compile(r'<main[\s>]|\srole="main"')


def has_main(body: str) -> bool:
    """Whether a rendered layout has its own main landmark (a VMain, an ``html.Main``, ``role="main"``)."""
    return _MAIN.search(body) is not None


def app_root(
    *, body: str, ws_url: str, seq: int, boot: str = "", login_url: str = "", main: bool = False,
    title: str | None = None,
) -> str:
    """The status bar and the app's root element, holding the rendered layout.

    *main*: the app is the whole page and its layout (a ``DivLayout``, say)
    has no main landmark: the root is the page's ``role="main"``, so
    everything is in a landmark and the user's own markup and CSS stay as
    they wrote them. A host page that embeds the app owns its landmarks.
    *seq* and *boot*: the scope's message number and boot mark, which the
    page's hello says back (``Scope.new_boot_mark``).
    *title*: the app's title as a host's layout was given it (its ``{% block
    title %}``): the glue keeps the text around it when the title changes.
    """
    extra = f' data-ht-login="{escape(login_url)}"' if login_url else ""
    if title is not None:
        extra += f' data-ht-title="{escape(title)}"'
    role = ' role="main"' if main else ""
    return (
        '<div id="ht-status" role="status" hidden></div>'
        f'<div id="ht-app"{role} hx-ws:connect="{escape(ws_url)}" data-ht-seq="{seq}"'
        f' data-ht-boot="{escape(boot)}"{extra}>{body}</div>'
    )

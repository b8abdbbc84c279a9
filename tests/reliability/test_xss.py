"""XSS: whatever state holds is rendered inert — text, attributes, URLs,
``{{ }}`` output, attribute dictionaries, loops — on page load and in the
fragments a flush pushes."""

from __future__ import annotations

import uuid
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmxtrame.expr import to_display, to_js_string
from htmxtrame.server import Server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v3

NASTY = [
    "<script>alert(1)</script>", "</script>", "<script", '"', "'", "`", "<", ">", "&", "&amp;",
    "&#106;", "javascript:", "JaVaScRiPt:", " javascript:", "\tjava\nscript:", "\x00", "\x01javascript:",
    "vbscript:", "data:text/html,<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "onmouseover=alert(1)", '" onmouseover="alert(1)', "' autofocus onfocus='alert(1)", "{{ secret }}",
    "}}", "${secret}", "<!--", "-->", "<![CDATA[", "\u2028", "<svg/onload=alert(1)>", "</div>",
    "<hx-partial hx-target='#ht-app'>", "hx-on:click=alert(1)",
]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=8).map("".join)

EXPECTED_TAGS = {"div", "span", "a", "input", "ul", "li", "textarea", "iframe"}
SCRIPT_URLS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " \t\njavascript:alert(1)", "\x00javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
]
urls = st.one_of(nasty_text, st.sampled_from(SCRIPT_URLS + ["https://example.com/?q=<script>", "/relative?a=1&b=2"]))
# Attribute names are case-insensitive in HTML: HREF and Src are the same live URLs.
URL_NAMES = ["href", "src", "action", "formaction", "xlink:href", "poster", "data"]
url_names = st.sampled_from(URL_NAMES).flatmap(
    lambda n: st.tuples(*[st.sampled_from([c.lower(), c.upper()]) for c in n]).map("".join))


class _Scan(HTMLParser):
    """Collect tags, attributes and the text of elements by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, str] = {}
        self._stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("input", "br", "img"):
            self._stack.append(a.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if self._stack and tag not in ("input", "br", "img"):
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        for eid in self._stack:
            if eid:
                self.text[eid] = self.text.get(eid, "") + data


def _make() -> Server:
    server = Server(f"xss_{uuid.uuid4().hex[:8]}")
    state = server.state
    state.v = ""
    state.url = ""
    state.attrs = {}
    state.items = []
    state.secret = "SECRET"
    with DivLayout(server):
        html.Div("{{ v }}", id="text")
        html.Span("before {{ '<b>' + v + '</b>' }} after", id="concat")
        html.Div(id="attr", title=("v",), data_x=("v",), classes=("v",))
        html.A("link", id="link", href=("url",))
        v3.VBtn("button link", id="btn_link", href=("url",))  # widgets render their links too
        v3.VListItem(title="item link", id="item_link", href=("url",))
        html.Input(type="text", id="input", v_model=("v",))
        html.Textarea(id="area", v_model=("v",))
        html.Div(id="bound", v_bind=("attrs",))
        html.A("spread link", id="bound_link", v_bind=("attrs",))
        html.Iframe(id="bound_frame", v_bind=("attrs",))
        with html.Ul(id="list"):
            html.Li("{{ item }}", v_for="item in items")
        html.Div(id="vtext", v_text=("v",))
    return server


SERVER = _make()
REND = SERVER._scope.renderer("main")


def _scan(markup: str) -> _Scan:
    scan = _Scan()
    scan.feed(markup)
    scan.close()
    return scan


def _assert_inert(markup: str) -> _Scan:
    scan = _scan(markup)
    for tag, attrs in scan.tags:
        assert tag in EXPECTED_TAGS, f"state produced a <{tag}> element"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"state produced an event attribute {name}={value!r}"
            assert not name.startswith("hx-"), f"state produced an htmx attribute {name}"
            if name in ("href", "src", "action", "formaction"):
                cleaned = "".join(ch for ch in (value or "") if ord(ch) > 0x20).lower()
                assert not cleaned.startswith(("javascript:", "vbscript:", "data:")), f"{name}={value!r}"
    return scan


def _by_id(scan: _Scan, eid: str) -> dict:
    return next(a for t, a in scan.tags if a.get("id") == eid)


def _render(**values) -> str:
    for k, v in values.items():
        SERVER.state[k] = v
    return REND.render_page_body()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=nasty_text)
def test_state_text_and_attributes_render_inert_and_exact(value):
    scan = _assert_inert(_render(v=value))
    # The text reads back exactly as JavaScript would display the value.
    assert scan.text.get("text", "") == to_display(value)
    assert scan.text.get("concat", "") == f"before <b>{value}</b> after"
    attr = _by_id(scan, "attr")
    assert attr.get("title") in (to_js_string(value), None)
    assert "SECRET" not in scan.text.get("text", ""), "state values are never re-evaluated as templates"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=urls)
def test_bound_urls_are_never_script_urls(url):
    scan = _assert_inert(_render(url=url))
    for eid in ("link", "btn_link", "item_link"):
        href = _by_id(scan, eid).get("href")
        if href is not None and not href.startswith("about:blank"):
            assert href == to_js_string(url)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from([
    "onclick", "onerror", "OnMouseOver", "hx-on:click", "hx-get", "hx:on", "data-hx-get", "data-ht", "srcdoc",
    "href", "title", 'x" onclick="alert(1)', "a b", "><script>alert(1)</script>", "",
]), value=nasty_text)
def test_attribute_dictionaries_from_state_cannot_add_handlers(name, value):
    _assert_inert(_render(attrs={name: value, "href": "javascript:alert(1)"}))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=url_names, url=urls)
def test_attribute_dictionaries_cannot_set_script_urls_in_any_letter_case(name, url):
    """``{"HREF": "javascript:…"}`` on an <a>, ``{"Src": …}`` on an <iframe>: as live as lower case."""
    _assert_inert(_render(attrs={name: url}))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(nasty_text, max_size=5))
def test_loop_items_render_inert(items):
    scan = _assert_inert(_render(items=items))
    assert scan.text.get("list", "") == "".join(to_display(i) for i in items)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=nasty_text)
def test_pushed_fragments_are_inert_too(value):
    SERVER.state.v = value
    SERVER.state.url = value
    for fid in REND.dirty_fragments({"v": value, "url": value}):
        _assert_inert(REND.render_fragment(fid))

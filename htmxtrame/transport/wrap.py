"""An app page inside the host's Jinja layout.

``init_app(app, url_prefix="/inv", template="base.html", block="content")``
renders the page as a child of the host's ``base.html``: the app (its
styles, scripts and root element) fills ``{% block content %}``, and a
``{% block title %}`` gets the app's title. Everything else — the site's
header, navigation, ``get_flashed_messages()`` — is the host's template,
rendered in the page's request as any of its own views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import render_template_string
from markupsafe import Markup

from . import assets, flaskctx

if TYPE_CHECKING:  # pragma: no cover
    from ..server import Server


def page_html(server: Server, bp_name: str, scope: Any, template: str, body: str, seq: int) -> str:
    """The app's page: whole, or inside the host's layout when ``init_app(template=...)`` asked for it."""
    title = str(scope.state["trame__title"] or server.name)
    # Relative to the page, so a prefix or a proxy in front changes nothing.
    static, ws_url = "__htmxtrame/static", f"__htmxtrame/ws?ui={template}"
    login_url = flaskctx.login_url(server, bp_name)
    options = flaskctx.mount_options(server, bp_name)
    tree = scope.renderer(template).root  # the classes it can ever show pick the page's Vuetify rules
    if not options.get("template"):
        return assets.page(
            title=title, favicon=scope.state["trame__favicon"], body=body, static=static,
            ws_url=ws_url, seq=seq, boot=scope.boot, extra_head=server.extra_head(), login_url=login_url, tree=tree,
        )
    app_html = assets.page_assets(static, body, server.extra_head(), tree, ws_url) + assets.app_root(
        body=body, ws_url=ws_url, seq=seq, boot=scope.boot, login_url=login_url, title=title
    )
    return wrapped_page(options["template"], options.get("block") or "content", title=title, app_html=app_html)


def wrapped_page(template: str, block: str, *, title: str, app_html: str) -> str:
    """Render *app_html* into *block* of the host's *template* (``block`` is checked at ``init_app``)."""
    source = (
        "{% extends htmxtrame_layout %}"
        "{% block title %}{{ htmxtrame_title }}{% endblock %}"
        f"{{% block {block} %}}{{{{ htmxtrame_app }}}}{{% endblock %}}"
    )
    return render_template_string(
        source, htmxtrame_layout=template, htmxtrame_title=title, htmxtrame_app=Markup(app_html)
    )

"""An app page inside the host's Jinja layout.

``init_app(app, url_prefix="/inv", template="base.html", block="content")``
renders the page as a child of the host's ``base.html``: the app (its
styles, scripts and root element) fills ``{% block content %}``, and a
``{% block title %}`` gets the app's title. Everything else — the site's
header, navigation, ``get_flashed_messages()`` — is the host's template,
rendered in the page's request as any of its own views.
"""

from __future__ import annotations

from flask import render_template_string
from markupsafe import Markup


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

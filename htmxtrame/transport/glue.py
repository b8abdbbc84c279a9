"""The glue's optional sections: each page loads the browser code of the widgets it shows.

Most of ``static/htmxtrame.js`` serves every page (the socket, swaps, focus
and echo, the keyboard of common widgets). Some widgets need code no other
page uses: an autocomplete's menu keyboard, a size observer, keyboard
shortcuts, floating cards, grid dragging. Bundled, each one made every
page's first load bigger (bench/README.md, "first load"); so each lives in
``static/glue/<name>.js`` and is loaded only where it is used:

* a page whose layout, as first rendered, holds the widget (its *marker*, an
  attribute only that widget renders, is in the body) gets a deferred script
  tag for it, which runs right after the bundle;
* for the others, the bundle's script tag lists the sections and their
  markers (``data-ht-glue``), and the glue loads a section the first time a
  frame brings its marker (a ``v_if`` showing an autocomplete, a new layout).

Each section only listens on ``document`` and reads the page as it finds it,
so loading it after its widget appeared is enough.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from dominate.util import escape

#: section -> the text only its widgets render (in the page's HTML).
SECTIONS: dict[str, str] = {
    "choices": 'role="combobox"',  # VSelect, VAutocomplete, VCombobox (widgets/vuetify3/choices.py)
    "size_observer": "data-ht-size",  # trame.SizeObserver
    "mouse_trap": "data-ht-keys",  # trame.MouseTrap
    "float_card": "ht-float-card",  # trame.FloatCard
    "grid": "data-ht-grid",  # trame.widgets.grid
}


def filename(section: str) -> str:
    """The static file of *section*."""
    return f"glue/{section}.js"


def page_tags(static: str, body: str, versioned: Callable[[str], str]) -> tuple[str, str]:
    """``(attribute for the bundle's tag, script tags)``: what *body* uses now, and how to load the rest."""
    tags, later = [], {}
    for section, marker in SECTIONS.items():
        url = f"{static}/{versioned(filename(section))}"
        if marker in body:
            tags.append(f'<script src="{url}" defer></script>')
        else:
            later[section] = [marker, url]
    attr = f' data-ht-glue="{escape(json.dumps(later, separators=(",", ":")))}"' if later else ""
    return attr, "".join(tags)

"""``htmxtrame.ui.vuetify2``: trame's Vuetify 2 layouts (``trame.ui.vuetify2``).

The same structure and slots as :mod:`htmxtrame.ui.vuetify3` — ``toolbar``,
``icon``, ``title``, ``content``, ``footer`` and ``drawer`` — so a Vuetify 2
app's ``with layout.content: vuetify2.VContainer(...)`` works unchanged; the
look is the one of the Vuetify 3 gallery (htmxtrame draws both the same).
"""

from .vuetify3 import SinglePageLayout, SinglePageWithDrawerLayout, VAppLayout

__all__ = ["SinglePageLayout", "SinglePageWithDrawerLayout", "VAppLayout"]

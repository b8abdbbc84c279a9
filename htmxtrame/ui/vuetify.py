"""``htmxtrame.ui.vuetify``: the same layouts as :mod:`htmxtrame.ui.vuetify3`."""

from .vuetify3 import SinglePageLayout, SinglePageWithDrawerLayout, VAppLayout

__all__ = ["SinglePageLayout", "SinglePageWithDrawerLayout", "VAppLayout"]

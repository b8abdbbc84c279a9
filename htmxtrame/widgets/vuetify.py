"""``htmxtrame.widgets.vuetify``: trame's Vuetify 2 module name; the same as :mod:`.vuetify2`."""

from .vuetify2 import *  # noqa: F401,F403
from .vuetify2 import __all__  # noqa: F401

"""``htmxtrame.widgets.vuetify2``: the Vuetify widgets, taking Vuetify 2 prop names.

``dense`` → ``density="compact"``, ``outlined`` → ``variant="outlined"``,
``small`` → ``size="small"``, ``text`` → ``variant="text"``, ``item_text`` →
``item_title``, the ``input`` event → ``update_modelValue``... (see
:data:`htmxtrame.widgets.vuetify3.core.V2_FLAGS`). Each class here is a
subclass of its :mod:`~htmxtrame.widgets.vuetify3` namesake, so
``isinstance`` checks hold across both modules.
"""

from __future__ import annotations

from . import vuetify3 as _v3
from .vuetify3 import Template, VElement, map_v2  # noqa: F401  (re-exported)


def _v2(cls: type) -> type:
    return type(cls.__name__, (cls,), {"_v2": True, "__module__": __name__, "__doc__": cls.__doc__})


COMPONENTS = [_v2(c) for c in _v3.COMPONENTS]
globals().update({c.__name__: c for c in COMPONENTS})

__all__ = ["COMPONENTS", "Template", "VElement", "map_v2", *(c.__name__ for c in COMPONENTS)]

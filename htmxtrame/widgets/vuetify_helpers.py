"""Module-level helpers of ``trame.widgets.vuetify2``/``vuetify3`` that are not components.

* :func:`dataframe_to_grid` — a pandas DataFrame as ``(headers, rows)`` for ``VDataTable``.
* :func:`enable_lab` / :func:`initialize` — trame loads Vuetify's JavaScript
  here; htmxtrame draws Vuetify's look on the server, so they do nothing.
"""

from __future__ import annotations

import math
from numbers import Number
from typing import Any


def _serializable(value: Any) -> Any:
    """A cell value a page can show: dates as ISO text, numbers as is (NaN/inf as text), the rest as text."""
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()  # a NumPy scalar: its Python value
    if isinstance(value, Number) and not isinstance(value, complex):
        return str(value) if isinstance(value, float) and not math.isfinite(value) else value
    return str(value)


def dataframe_to_grid(dataframe: Any, options: dict | None = None) -> tuple[list[dict], list[dict]]:
    """``headers, rows = dataframe_to_grid(df)`` for ``VDataTable(headers=..., items=...)``.

    *options* maps a column name to extra header fields (``{"age": {"align": "end"}}``).
    Headers carry Vuetify 2's ``text``/``value`` and Vuetify 3's ``title``/``key``;
    a label or key given in *options* under either name fills both.
    """
    if not hasattr(dataframe, "columns") or not hasattr(dataframe, "to_dict"):
        raise TypeError(f"dataframe_to_grid() takes a pandas DataFrame, got {type(dataframe).__name__}")
    options = options or {}
    headers = []
    for column in dataframe.columns:
        extra = dict(options.get(column) or {})
        # trame's Vuetify 2 examples label a column with `text`, its Vuetify 3 ones with `title`.
        label = extra.get("title", extra.get("text", column))
        key = extra.get("key", extra.get("value", column))
        headers.append({"text": label, "value": key, "title": label, "key": key, **extra})
    rows = [{str(k): _serializable(v) for k, v in row.items()} for row in dataframe.to_dict(orient="records")]
    return headers, rows


def enable_lab() -> None:
    """trame loads Vuetify's "labs" components; every component here is drawn by the server already."""
    return None


def initialize(server: Any) -> None:
    """trame enables the Vuetify client module; nothing is needed here."""
    return None


__all__ = ["dataframe_to_grid", "enable_lab", "initialize"]

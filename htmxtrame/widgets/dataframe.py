"""``dataframe_to_grid(df)``: a pandas DataFrame as ``VDataTable`` headers and rows.

As trame's vuetify modules offer it::

    headers, rows = vuetify.dataframe_to_grid(df)
    vuetify.VDataTable(headers=("headers", headers), items=("rows", rows))

pandas is not imported here: any object with ``columns`` and
``to_dict(orient="records")`` works. Values become what the state can hold:
numbers stay numbers (NaN and infinities become their text), dates become
ISO text, anything else its ``str()``.
"""

from __future__ import annotations

import math
from typing import Any


def serializable(value: Any) -> Any:
    """A cell value the state (and JSON) can hold."""
    if value is None or isinstance(value, (bool, str)):
        return value
    iso = getattr(value, "isoformat", None)
    if callable(iso):
        return iso()
    if hasattr(value, "item") and type(value).__module__.startswith("numpy"):
        value = value.item()  # numpy scalar -> Python number
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _grid(dataframe: Any, options: dict | None, title: str, key: str) -> tuple[list[dict], list[dict]]:
    if not hasattr(dataframe, "columns") or not callable(getattr(dataframe, "to_dict", None)):
        raise TypeError(f"dataframe_to_grid takes a pandas DataFrame, got {type(dataframe).__name__}")
    options = options or {}
    headers = []
    for col in dataframe.columns:
        header = {title: str(col), key: str(col)}
        extra = options.get(col)
        if isinstance(extra, dict):
            header.update(extra)
        headers.append(header)
    rows = [{str(k): serializable(v) for k, v in row.items()} for row in dataframe.to_dict(orient="records")]
    return headers, rows


def dataframe_to_grid(dataframe: Any, options: dict | None = None) -> tuple[list[dict], list[dict]]:
    """``(headers, rows)`` for Vuetify 3's ``VDataTable`` (headers as ``{title, key}``).

    *options* maps a column name to extra header fields (``{"age": {"align": "end"}}``).
    """
    return _grid(dataframe, options, "title", "key")


def dataframe_to_grid_v2(dataframe: Any, options: dict | None = None) -> tuple[list[dict], list[dict]]:
    """``(headers, rows)`` with Vuetify 2 headers (``{text, value}``), as trame's vuetify2 module."""
    return _grid(dataframe, options, "text", "value")

"""``print_banner()``: the name and version htmxtrame prints at start-up (``trame_server.utils.banner``)."""

from __future__ import annotations

from typing import Any

from .version import get_version

_ART = r"""
  _     _                   _
 | |__ | |_ _ __ ___ __  __| |_ _ __ __ _ _ __ ___   ___
 | '_ \| __| '_ ` _ \\ \/ /| __| '__/ _` | '_ ` _ \ / _ \
 | | | | |_| | | | | |>  < | |_| | | (_| | | | | | |  __/
 |_| |_|\__|_| |_| |_/_/\_\ \__|_|  \__,_|_| |_| |_|\___|
"""


def print_banner(*_: Any, **__: Any) -> None:
    """Print the banner (what ``--banner`` shows), with the installed version."""
    print(_ART + f"\n server-rendered trame apps, version {get_version('htmxtrame') or 'unknown'}\n", flush=True)


__all__ = ["print_banner"]

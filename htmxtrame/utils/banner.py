"""``print_banner()``: htmxtrame's logo and version, where trame prints its own (``trame_server.utils.banner``).

trame prints its logo with ``--banner`` once the server is ready, and when
an app calls ``print_banner()``; so does htmxtrame. The logo is the name in
block letters shaded from htmx blue to trame green (24-bit ANSI colours),
plain with ``NO_COLOR`` set (https://no-color.org) or ``TERM=dumb``, and
in ASCII letters where the output cannot encode the block characters.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from .version import get_version

# Block letters (figlet's "ANSI Shadow" style), one list of rows per letter.
_LETTERS = {
    "h": ["██╗  ██╗", "██║  ██║", "███████║", "██╔══██║", "██║  ██║", "╚═╝  ╚═╝"],
    "t": ["████████╗", "╚══██╔══╝", "   ██║   ", "   ██║   ", "   ██║   ", "   ╚═╝   "],
    "m": ["███╗   ███╗", "████╗ ████║", "██╔████╔██║", "██║╚██╔╝██║", "██║ ╚═╝ ██║", "╚═╝     ╚═╝"],
    "x": ["██╗  ██╗", "╚██╗██╔╝", " ╚███╔╝ ", " ██╔██╗ ", "██╔╝ ██╗", "╚═╝  ╚═╝"],
    "r": ["██████╗ ", "██╔══██╗", "██████╔╝", "██╔══██╗", "██║  ██║", "╚═╝  ╚═╝"],
    "a": [" █████╗ ", "██╔══██╗", "███████║", "██╔══██║", "██║  ██║", "╚═╝  ╚═╝"],
    "e": ["███████╗", "██╔════╝", "█████╗  ", "██╔══╝  ", "███████╗", "╚══════╝"],
}
_START = (0x3D, 0x72, 0xD7)  # htmx's blue
_END = (0x41, 0xB8, 0x83)  # a trame green
_SHADOW = (0x6B, 0x72, 0x80)  # the letters' shadow lines (╚═╝)

_ASCII = r"""
  _     _                   _
 | |__ | |_ _ __ ___ __  __| |_ _ __ __ _ _ __ ___   ___
 | '_ \| __| '_ ` _ \\ \/ /| __| '__/ _` | '_ ` _ \ / _ \
 | | | | |_| | | | | |>  < | |_| | | (_| | | | | | |  __/
 |_| |_|\__|_| |_| |_/_/\_\ \__|_|  \__,_|_| |_| |_|\___|
"""


def logo(word: str = "htmxtrame", color: bool = True) -> str:
    """*word* in block letters; with *color*, each column shaded along the blue-to-green gradient."""
    rows = ["".join(_LETTERS[c][i] for c in word) for i in range(6)]
    if not color:
        return "\n".join(rows)
    width = len(rows[0])
    lines = []
    for row in rows:
        parts = []
        current = None
        for col, ch in enumerate(row):
            if ch != " ":
                # The face of a letter takes its column's colour; its shadow a grey.
                rgb = _mix(col / max(width - 1, 1)) if ch == "█" else _SHADOW
                if rgb != current:
                    parts.append("\x1b[38;2;{};{};{}m".format(*rgb))
                    current = rgb
            parts.append(ch)
        lines.append("".join(parts) + "\x1b[0m")
    return "\n".join(lines)


def _mix(t: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * t) for a, b in zip(_START, _END, strict=True))  # type: ignore[return-value]


def use_color(environ: Any = None) -> bool:
    """Colours unless ``NO_COLOR`` is set (non-empty) or ``TERM`` is ``dumb``.

    As trame's banner, it prints the same to a pipe or a log: the banner is
    only printed when asked for (``--banner``, a call), and CI logs show colours.
    """
    env = os.environ if environ is None else environ
    return not env.get("NO_COLOR") and env.get("TERM") != "dumb"


def _encodable(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True  # an in-memory text stream holds any character
    try:
        "█╗═╝╔║".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def print_banner(*_: Any, **__: Any) -> None:
    """Print the logo and the installed version (``--banner`` does at start-up; extra arguments are ignored, as in trame)."""
    out = sys.stdout
    art = "\n" + logo(color=use_color()) + "\n" if _encodable(out) else _ASCII
    print(art + f"\n server-rendered trame apps, version {get_version('htmxtrame') or 'unknown'}\n", file=out, flush=True)


__all__ = ["logo", "print_banner", "use_color"]

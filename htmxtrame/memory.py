"""Process memory tuning for the threads htmxtrame's server runs.

Werkzeug serves every request and every websocket on a thread of its own.
glibc gives threads their own malloc arenas (up to eight per core), and an
arena, once made, keeps its pages: on a 2-core machine twenty pages of one
app left ~16 arenas behind, ≈ 130 KiB of RSS per connected page. Python's
own small-object allocator does not need them (it runs under the GIL), so
capping the arenas costs no speed. gunicorn's docs give the same advice
(``MALLOC_ARENA_MAX``) for threaded workers.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

log = logging.getLogger("htmxtrame.memory")

M_ARENA_MAX = -8  # mallopt() parameter number, from glibc's malloc.h
DEFAULT_ARENAS = 2

_capped = False


def cap_malloc_arenas(arenas: int = DEFAULT_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process (once); ``True`` if capped.

    Does nothing where glibc is not the allocator, when ``MALLOC_ARENA_MAX``
    is already set in the environment (the operator chose), or when called
    again. Only ``server.start()`` calls it: embedded in a host app, the
    host owns the process and its allocator settings.
    """
    global _capped
    if _capped or not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # musl or another libc: nothing to tune
    if mallopt(M_ARENA_MAX, int(arenas)) != 1:
        log.debug("mallopt(M_ARENA_MAX, %s) was refused", arenas)
        return False
    _capped = True
    return True

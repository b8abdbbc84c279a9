"""Which WSGI server serves us: refuse one that cannot hold a page open, warn once about many processes.

An open page holds its websocket — and so a worker thread — for as long as
it is open. gunicorn's default ``sync`` worker has one thread per process:
the first open page would block every other request of that process. Its
``gthread`` worker (``-k gthread --threads N``) sets ``wsgi.multithread``.
Several worker processes each hold their own state unless they share it
through Redis (``redis_url=``, ``HTMXTRAME_REDIS_URL``); without it they
diverge, so say so once.
"""

from __future__ import annotations

import logging
import sys
import threading

log = logging.getLogger("htmxtrame.transport")

SYNC_WORKER = (
    "htmxtrame needs a threaded server: gunicorn's sync worker serves one request at a time per "
    "process, and an open page holds its websocket for as long as it is open, so the first page "
    "would block the whole site. Run gunicorn with the threaded worker: "
    "gunicorn -k gthread --threads 16 ... (threads for your open pages plus ordinary requests)."
)
MANY_WORKERS = (
    "htmxtrame: this site runs in several worker processes (gunicorn -w > 1). Each process keeps "
    "its own htmxtrame state, so pages served by different workers see different values. Share the "
    "state through Redis (HTMXTRAME_REDIS_URL=redis://host:6379/0, pip install 'htmxtrame[redis]'; "
    "see docs/scaling.md), or run one worker with more threads (-w 1 -k gthread --threads N)."
)

_warned = threading.Event()


def refusal(environ: dict) -> str | None:
    """Why this server cannot serve htmxtrame pages, or ``None`` when it can."""
    software = str(environ.get("SERVER_SOFTWARE", ""))
    if not software.startswith("gunicorn") or environ.get("wsgi.multithread"):
        return None
    if "gevent" in sys.modules or "eventlet" in sys.modules:
        return None  # green workers: one greenlet per connection
    return SYNC_WORKER


def warn_if_many_processes(environ: dict) -> None:
    """Log :data:`MANY_WORKERS` once per process when the server says it runs several."""
    if environ.get("wsgi.multiprocess") and not _warned.is_set():
        _warned.set()
        log.warning(MANY_WORKERS)

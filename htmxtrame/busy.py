"""``trame__busy``: "the server is still working on what this page asked".

In trame the page sets this client-only key itself: it counts the requests
it has waiting on the server (a trigger, a controller call, a state update)
and publishes the count 50 ms after it last changed while non-zero, and 0
as soon as the last one is answered (vtk.js's ``WSLinkClient``, whose
``notificationTimeout`` is 50 ms). So a fast handler never shows it, and
one page's wait never shows on another page. The server's state holds the
key, but never hears a page's value.

htmxtrame renders on the server, so the server plays the page's part
(:mod:`htmxtrame.transport.busy`): while a page's own event is being
handled, and still after :data:`SHOW_AFTER` seconds, the fragments that
read ``trame__busy`` are rendered for that page alone with :data:`BUSY`,
then again with the state's value once it is done. This module holds the
name and the rule the event code needs: no page input may write it.
"""

from __future__ import annotations

from typing import Any

from .expr import ExpressionError

BUSY_KEY = "trame__busy"
IDLE = 0  # the state's value, and what an idle page shows (trame's page shows 0 too)
BUSY = 1  # what a waiting page shows (trame shows its count of requests in flight: 1 for one)
SHOW_AFTER = 0.05  # seconds a handler runs before its page shows busy (trame's 50 ms)


def seed(state: Any) -> None:
    """Give *state* the key, idle, and make it client-only (trame's ``trame__client_only``)."""
    state.setdefault(BUSY_KEY, IDLE)
    state.client_only(BUSY_KEY)


def refuse_write(name: str) -> None:
    """Raise when page input would write ``trame__busy``: the server alone says when a page waits."""
    if name == BUSY_KEY:
        raise ExpressionError(f"{BUSY_KEY} is set by the server while it works for this page; "
                              "a page cannot write it")

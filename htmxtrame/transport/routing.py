"""A page's route messages (``{"t": "route", "path": ...}``) and the history moves its handlers asked for.

The route is a client-only value of the page (``$route``,
:mod:`htmxtrame.routes`): setting it re-renders what reads it for that page
only. :func:`wire.decode` already checked the path (a string, size-capped).
"""

from __future__ import annotations

import logging

from ..log_budget import budget_of
from ..routes import ROUTE_KEY, location, table
from ..scopes.page import PageFull
from ..session import Batch, Session

log = logging.getLogger("htmxtrame.transport")


def handle_route(session: Session, path: str) -> None:
    """The page's URL hash names *path*: show it there (and only there)."""
    try:
        session.page.put(ROUTE_KEY, location(path, table(session.scope.state)))
    except PageFull as exc:
        budget_of(session).log(log, logging.WARNING, "refused a route from %r: %s", session, exc)
        session.push_error("too-many-values", str(exc))
        return
    if session.page.changed:
        session.scope.page_update(session)
    else:
        session.push(Batch(session.scope.last_seq))  # the same route: an answer, so the page is not left waiting


def send_moves(session: Session) -> None:
    """History moves (``$router.back()``) a handler asked of this page: the page makes them."""
    moves = session.page.moves
    if moves:
        session.push(Batch(session.scope.last_seq, nav=list(moves)))
        moves.clear()

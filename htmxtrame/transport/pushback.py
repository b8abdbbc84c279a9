"""After refused input, the page shows the state again.

A person's browser changes a control before the server hears of it: a
select shows the picked option, a checkbox its tick, a field its text. When
the server refuses that input (a value no option offers, a control rendered
disabled or readonly that a probe re-enabled in its DOM, a wrong type), the
state keeps its value, so nothing is re-rendered and the page would go on
showing what was refused: page and state would disagree. So the element's
fragment is rendered again, from the state, for that page alone; the morph
and the glue's property sync put the control back (its ``selected``,
``checked``, ``value``, and any attribute the probe changed).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..scopes.page import render_for_page
from ..session import Batch
from .limits import TokenBucket

if TYPE_CHECKING:
    from ..render import Renderer
    from ..session import Session

log = logging.getLogger("htmxtrame.transport")

PUSHBACKS_PER_SECOND = 20  # re-renders after refused input, per page (bursts of twice that); past it, only the error


def show_state_again(session: Session, iid: Any) -> bool:
    """Send *session*'s page the fragment holding element *iid* as the state has it.

    Returns whether a fragment was queued: not for an id the page does not
    show, nor past :data:`PUSHBACKS_PER_SECOND` (a flood of refused input
    costs at most that many small renders a second, each within the render budget).
    """
    if not isinstance(iid, str):
        return False
    bucket = session.__dict__.get("_pushbacks")
    if bucket is None:
        bucket = session.__dict__["_pushbacks"] = TokenBucket(PUSHBACKS_PER_SECOND)
    scope = session.scope
    with scope.state._lock:
        rend = session.renderer
        if iid not in rend.instances:
            return False
        fid = _fragment_of(rend, iid)
        if fid is None or not bucket.allow():
            return False
        frags = render_for_page(rend, session.page, lambda: rend.render_fragments([fid], scope._failed))
        if frags:
            session.push(Batch(scope.last_seq, frags, local=bool(session.page)))
    return bool(frags)


def _fragment_of(rend: Renderer, iid: str) -> str | None:
    """The innermost fragment whose render recorded instance *iid* (a scan: only after refused input)."""
    for fid, frag in rend.fragments.items():
        if iid in frag.instances:
            return fid
    return None

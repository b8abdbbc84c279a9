"""Fragments a page already shows are not sent to it again by its own input.

Typing into an autocomplete re-renders its options on every keystroke, and
while the text still picks the same first options ("N", "No", "Nor" … all
start with "North Ash 0…9") the page would be sent, and would morph, the
same HTML again: most of a keystroke's answer, in bytes and in the page's
time. So :meth:`Scope.page_update <htmxtrame.session.Scope.page_update>`
(a page's own input writing its client-only values) remembers, per page,
what it sent, and its next answer leaves out each fragment whose HTML is
the same.

That is safe only while the page shows exactly what was remembered. Any
other batch for the page that brings one of those fragments, a fragment
holding one (it is re-sent inside it) or one inside it (it changed a part
of it), or a whole page, makes the page forget it (:func:`forget`, under
the session's lock, as the batch is queued). So a left-out fragment is
always one the page shows as rendered.
"""

from __future__ import annotations

from typing import Any

# fragment id -> (its HTML as last sent by the page's own input, the ids whose arrival replaces it)
Memory = dict[str, tuple[str, frozenset[str]]]


def family(renderer: Any, fid: str) -> frozenset[str]:
    """*fid*, the fragments holding it and the fragments inside it."""
    ids = {fid}
    frags = renderer.fragments
    up = frags.get(fid)
    while up is not None and up.parent is not None and up.parent not in ids:
        ids.add(up.parent)
        up = frags.get(up.parent)
    down = list(frags[fid].children) if fid in frags else []
    while down:
        child = down.pop()
        if child not in ids:
            ids.add(child)
            down.extend(frags[child].children if child in frags else ())
    return frozenset(ids)


def leave_out_unchanged(memory: Memory, batch: Any, rendered: dict[str, str], renderer: Any) -> Memory:
    """Drop from *batch* the fragments *memory* says the page shows as *rendered*; the memory after it."""
    for fid, html in rendered.items():
        known = memory.get(fid)
        if known is not None and known[0] == html:
            batch.fragments.pop(fid, None)
    # A field sent as its text (own_input) is not remembered: the page holds the text, not this HTML.
    return {fid: (html, family(renderer, fid)) for fid, html in rendered.items() if fid not in batch.kept}


def forget(memory: Memory, batch: Any) -> Memory:
    """*memory* without what *batch*, queued for the page, replaces or changes."""
    if not (batch.body is not None or batch.fragments or batch.kept):
        return memory
    if batch.body is not None:
        return {}
    arriving = batch.fragments.keys() | batch.kept.keys()
    return {fid: known for fid, known in memory.items() if known[1].isdisjoint(arriving)}

"""trame's public API (the committed snapshot) against htmxtrame: every difference must be declared.

The snapshot is tests/compat/trame_api.json, written by
scripts/trame_api_snapshot.py from the real trame packages; the declared
differences are the table in docs/compat.md.
"""

from __future__ import annotations

import copy

import api_diff
import pytest


@pytest.fixture(scope="module")
def snapshots():
    return api_diff.current()


def test_every_difference_from_trame_is_declared_in_docs_compat(snapshots):
    theirs, ours = snapshots
    found = api_diff.differences(theirs, ours)
    known = api_diff.declared(api_diff.COMPAT_DOC.read_text())
    undeclared = {key: why for key, why in found.items() if key not in known}
    assert undeclared == {}, (
        "htmxtrame differs from trame's public API in ways docs/compat.md does not declare "
        "(add the name, or a row to its table):\n" + "\n".join(f"  {k}: {v}" for k, v in sorted(undeclared.items()))
    )


def test_the_snapshot_covers_trames_public_modules(snapshots):
    theirs, _ = snapshots
    for module in ("trame.app", "trame.decorators", "trame.assets.local", "trame.ui.vuetify2",
                   "trame.widgets.client", "trame.widgets.vuetify3"):
        assert module in theirs["modules"] and "error" not in theirs["modules"][module]
    assert "client_type" in theirs["classes"]["trame_server.core:Server"]["members"]
    assert theirs["versions"]["trame"]


def test_a_name_trame_adds_is_reported(snapshots):
    theirs, ours = snapshots
    drifted = copy.deepcopy(theirs)
    drifted["modules"]["trame.widgets.client"]["NewWidget"] = {"kind": "class", "params": [], "signature": "()"}
    drifted["classes"]["trame_server.state:State"]["members"]["new_method"] = {"kind": "method", "params": []}
    found = api_diff.differences(drifted, ours)
    assert found["trame.widgets.client.NewWidget"] == "missing"
    assert found["trame_server.state:State.new_method"] == "missing"


@pytest.mark.parametrize(("theirs", "ours", "gap"), [
    (["any:a", "any:b="], ["any:a", "any:b=", "any:c="], None),
    (["any:a", "any:b="], ["any:a"], "positional parameter 'b' (#2) is not accepted"),
    (["any:a", "any:b="], ["any:b", "any:a="], "positional parameter #1 is 'b' here, 'a' in trame"),
    (["any:_server"], ["any:server"], None),  # trame's _-names are positional in practice
    (["kw:width="], ["**:kwargs"], None),
    (["kw:width="], ["any:height="], "keyword 'width' is not accepted"),
    (["*:args"], ["any:a="], "*args is not accepted"),
    (["any:a="], ["any:a="], None),
    (["any:a="], ["any:a"], "'a' is required here but optional or absent in trame"),
])
def test_call_compatibility_rules(theirs, ours, gap):
    assert api_diff.call_gap(theirs, ours) == gap


def test_declared_table_expands_brace_lists():
    rows = "| name | d | why |\n|---|---|---|\n| `m.{A, B}` and `m.C` | missing | later |"
    text = f"x\n{api_diff.TABLE_MARK}\n{rows}\n\nafter"
    assert api_diff.declared(text) == {"m.A": "later", "m.B": "later", "m.C": "later"}

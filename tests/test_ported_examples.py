"""What porting trame's own examples turned up (trame/examples, changed imports only)."""

from __future__ import annotations

import itertools

from htmxtrame.server import Server
from htmxtrame.testing import User
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import vuetify3 as v3

_names = itertools.count()


def test_a_bound_color_a_row_lacks_adds_no_class():
    # 00_dataframe-table-vue3: VChip(color=("item.color",)) in an item slot whose rows have no
    # `color`: Vue renders no colour class; "text-undefined" would be a class no stylesheet knows.
    server = Server(f"port-{next(_names)}")
    with DivLayout(server):
        with v3.VDataTable(headers=("headers", [{"title": "Cal", "key": "cal"}]),
                           items=("rows", [{"cal": 1}, {"cal": 2, "color": "red"}]), id="table"):
            with v3.Template(v_slot_item_cal="{ item }"):
                v3.VChip("{{ item.cal }}", color=("item.color",))
    with User(server) as user:
        classes = [chip.get("class").split() for chip in user.find_all("#table .v-chip")]
    assert len(classes) == 2
    assert not [c for c in classes[0] if "undefined" in c or "null" in c], classes[0]
    assert "text-red" in classes[1]

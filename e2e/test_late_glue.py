"""A widget whose browser code is not in the page's bundle works when a frame first brings it.

apps/late_widgets.py shows an autocomplete and a keyboard shortcut only
after a click: the page loads neither script at first (transport/glue.py),
and both work once they appear.
"""

from __future__ import annotations

from playwright.sync_api import expect

from conftest import serve_module

app, pg = serve_module("apps/late_widgets.py")


def test_widgets_revealed_later_load_their_scripts_and_answer_the_keyboard(pg):
    loaded = lambda: pg.evaluate("[...document.scripts].map(s => s.src).filter(s => s.includes('/glue/'))")  # noqa: E731
    assert loaded() == []  # the first page needs none of them
    pg.click("#show")
    box = pg.locator("#city input[role=combobox]")
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially("oak", delay=20)
    listbox = pg.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox.locator(".v-list-item-title").first).to_contain_text("Oak")
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(listbox.locator(".v-list-item--focus")).to_have_text("South Oak")  # the choices script moves the focus
    box.press("Enter")
    expect(pg.locator("#city-text")).to_have_text("city = South Oak")
    pg.locator("#saved").click()  # out of the field: shortcuts are not for text fields
    pg.keyboard.press("Control+k")
    expect(pg.locator("#saved")).to_have_text("saved 1")
    assert sorted(s.split("/glue/")[1].split("?")[0] for s in loaded()) == ["choices.js", "mouse_trap.js"]
    assert not pg.errors

"""VFileUpload and its parts: files dropped or browsed into the model, listed, removable."""

from __future__ import annotations

import re

import pytest

from htmxtrame.events import InputError, dispatch
from htmxtrame.files import store_upload
from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page

FILES = [{"name": "a.txt", "size": 12, "type": "text/plain", "lastModified": 0, "content": b"x"},
         {"name": "b.csv", "size": 2400, "type": "text/csv", "lastModified": 0, "content": b"y"}]


def test_drop_zone_is_a_labelled_file_input_covering_the_zone():
    box = {}
    page = Page(lambda: box.setdefault("u", v.VFileUpload(v_model=("files", []), multiple=True, accept=".txt",
                                                          title="Drop here", id="up")))
    native = re.search(r'<input type="file"[^>]*>', page.html).group(0)
    assert 'aria-label="Drop here"' in native and "multiple" in native and 'accept=".txt"' in native
    assert 'data-ht-model="change"' in native and "Browse Files" in page.html
    assert "v-file-upload-item" not in page.html  # nothing chosen yet


def test_chosen_files_are_listed_with_sizes_and_removable_one_by_one():
    box = {}
    page = Page(lambda: box.setdefault("u", v.VFileUpload(v_model=("files", []), multiple=True)))
    page.state.files = [dict(f) for f in FILES]
    page.state.flush()
    out = page.renderer.render_page_body()
    assert re.findall(r'v-list-item-title"[^>]*>([^<]*)', out) == ["a.txt", "b.csv"]
    assert re.findall(r'v-list-item-subtitle"[^>]*>([^<]*)', out) == ["12 B", "2.4 kB"]
    remove = next(n for n in box["u"].walk() if n.tagname == "button")
    iid = next(i for i, inst in page.renderer.instances.items() if inst.element is remove and inst.locals.get("i") == 0)
    dispatch(page.renderer, page.ctrl, iid, "click", None, None)
    assert [f["name"] for f in page.state.files] == ["b.csv"]


def test_an_unknown_upload_token_is_refused_and_the_model_kept():
    box = {}
    page = Page(lambda: box.setdefault("u", v.VFileUpload(v_model=("files", []))), files=[])
    with pytest.raises(InputError, match="unknown or expired upload"):
        page.fire(box["u"].control, "change", "forged-token")
    assert page.state.files == []


def test_uploads_arrive_through_the_upload_token_multiple_adds_single_replaces():
    box = {}
    page = Page(lambda: (box.setdefault("many", v.VFileUpload(v_model=("files", []), multiple=True,
                                                              update_modelValue="seen = $event.length")),
                         box.setdefault("one", v.VFileUpload(v_model=("file", [])))))
    for _ in range(2):
        page.fire(box["many"].control, "change", store_upload([dict(FILES[0])]))
        page.fire(box["one"].control, "change", store_upload([dict(FILES[1])]))
    assert [f["name"] for f in page.state.files] == ["a.txt", "a.txt"] and page.state.seen == 2
    assert [f["name"] for f in page.state.file] == ["b.csv"] and page.state.file[0]["content"] == b"y"


def test_parts_on_their_own():
    def build():
        v.VFileUploadDropzone(title="Zone", browse_text="Pick", divider_text="or else")
        v.VFileUploadList(files=("files",))
        v.VFileUploadItem(title="report.pdf", file_size=2_500_000, clearable=True)

    page = Page(build, files=FILES)
    assert ">Pick<" in page.html and ">or else<" in page.html and 'aria-label="Zone"' in page.html
    assert re.findall(r'v-list-item-title"[^>]*>([^<]*)', page.html) == ["a.txt", "b.csv", "report.pdf"]
    assert "2.5 MB" in page.html and 'aria-label="Remove report.pdf"' in page.html


def test_a_vuetify2_file_input_without_multiple_holds_one_file_as_in_trame():
    from htmxtrame.widgets import vuetify2

    box = {}
    page = Page(lambda: (box.setdefault("one", vuetify2.VFileInput(v_model=("file", None))),
                         box.setdefault("many", vuetify2.VFileInput(v_model=("files", []), multiple=True)),
                         box.setdefault("v3", v.VFileInput(v_model=("v3", [])))))
    page.fire(box["one"].control, "change", store_upload([dict(FILES[0])]))
    page.fire(box["many"].control, "change", store_upload([dict(f) for f in FILES]))
    page.fire(box["v3"].control, "change", store_upload([dict(FILES[1])]))
    assert page.state.file["name"] == "a.txt" and page.state.file["content"] == b"x"  # trame's ClientFile(dict)
    assert [f["name"] for f in page.state.files] == ["a.txt", "b.csv"]
    assert [f["name"] for f in page.state.v3] == ["b.csv"]  # Vuetify 3: always a list

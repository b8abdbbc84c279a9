"""``VFileUpload``: a drop zone for files, and the list of what was chosen.

``VFileUpload(v_model=("files", []), multiple=True)`` shows a dashed drop
zone; files dropped on it or chosen through its browse button go up over
HTTP as any file input's do (``htmxtrame.files``) and arrive in the model
as a list of trame ``ClientFile`` dicts (``name``, ``size``, ``type``,
``lastModified``, ``content``). With ``multiple`` each choice adds to the
list; each listed file has a remove button. The native file input covers
the zone, so dropping and the keyboard (Tab, then Enter or Space) are the
browser's own.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from ...elements.base import Model
from ...expr import compile_expr, compile_statement
from .core import VElement, el, is_bound, src, text_child
from .icons import icon
from .inputs import _attr, row_scoped


def _on(value: Any) -> bool:
    return value not in (None, False)


def _size_text(size: str) -> str:
    """An expression: a byte count as ``12.3 kB`` (1000-based, as Vuetify shows sizes)."""
    return (f"(Number({size}) >= 1000000 ? (Number({size}) / 1000000).toFixed(1) + ' MB' : "
            f"Number({size}) >= 1000 ? (Number({size}) / 1000).toFixed(1) + ' kB' : Number({size}) + ' B')")


class VFileUploadDropzone(VElement):
    """The dashed zone: ``icon``, ``title``, ``browse_text``, ``divider_text``; the file input covers it."""

    _base = "v-file-upload"
    _props = frozenset({"icon", "title", "subtitle", "browse_text", "divider_text", "disabled", "multiple",
                        "accept", "hide_browse", "scrim", "show_size", "density", "name", "model_value"})

    def _build(self) -> None:
        icon_name = self.prop("icon", "mdi-upload")
        el("div", icon(icon_name), classes="v-file-upload-icon", aria_hidden="true")
        title = self.prop("title", "Drag and drop files here")
        el("div", text_child(title), classes="v-file-upload-title")
        if self.prop("subtitle") is not None:
            el("div", text_child(self.prop("subtitle")), classes="v-file-upload-subtitle")
        if not _on(self.prop("hide_browse")):
            el("div", text_child(self.prop("divider_text", "or")), classes="v-file-upload-divider")
            el("span", text_child(self.prop("browse_text", "Browse Files")),
               classes="v-btn v-btn--variant-tonal v-file-upload-browse", aria_hidden="true")
        native = el("input", type="file", classes="v-file-upload__input", id=f"{self._ht_id}-input")
        row_scoped(native, "id")
        native.attributes["aria-label"] = str(title) if not is_bound(title) else "Upload files"
        for name in ("multiple", "accept", "name", "disabled"):
            _attr(native, name, self.prop(name))
        self.__dict__["control"] = native

    def take(self, model: str | None, multiple: bool) -> AbstractElement:
        """Bind the native input to *model* (appending with *multiple*)."""
        native = self.control
        if model is not None:
            write = f"{model} = [].concat({model} ?? []).concat($value)" if multiple else f"{model} = $value"
            native.__dict__["_model"] = Model(compile_expr(f"{model} ?? null"), compile_statement(write), frozenset())
        return native


class VFileUploadItem(VElement):
    """One chosen file: ``title`` (its name), ``file_size``/``show_size``, ``clearable`` with ``click_remove``."""

    _base = "v-file-upload-item v-list-item"
    _props = frozenset({"title", "subtitle", "file", "file_size", "show_size", "clearable", "prepend_icon",
                        "disabled"})
    _known_events = VElement._known_events | {"click_remove"}

    def _build(self) -> None:
        self.attributes["role"] = "listitem"
        el("span", icon(self.prop("prepend_icon", "mdi-file-document")), classes="v-list-item__prepend",
           aria_hidden="true")
        with el("div", classes="v-list-item__content"):
            if self.prop("title") is not None:
                el("div", text_child(self.prop("title")), classes="v-list-item-title")
            size = self.prop("file_size")
            if size is not None and _on(self.prop("show_size", True)):
                shown = _size_text(size[0] if is_bound(size) else str(size))
                el("div", "{{ " + shown + " }}", classes="v-list-item-subtitle")
        h = self.take_event("click_remove")
        if h is not None or _on(self.prop("clearable")):
            name = self.prop("title")
            btn = el("button", icon("mdi-close"), type="button", classes="v-file-upload-item__remove v-btn v-btn--icon",
                     aria_label=(f"'Remove ' + ({name[0]})",) if is_bound(name) else f"Remove {name or 'file'}")
            if h is not None:
                btn._events["click"] = h


class VFileUploadList(VElement):
    """The list of files in a model: ``VFileUploadList(files=("files",))``; each can be removed."""

    _base = "v-file-upload-list v-list"
    _props = frozenset({"files", "show_size", "clearable", "disabled"})

    def _build(self) -> None:
        self.attributes["role"] = "list"
        files = self.prop("files")
        if not is_bound(files):
            return
        self.attributes["aria-label"] = "Chosen files"
        listing(files[0], _on(self.prop("show_size", True)), not _on(self.prop("disabled")))


def listing(model: str, show_size: bool, removable: bool) -> None:
    """A row per file in *model*, with a remove button that drops that file from it."""
    item = VFileUploadItem(title=("f.name",), file_size=("f.size",) if show_size else None,
                           v_for=f"(f, i) in ({model} ?? [])",
                           click_remove=f"{model} = [].concat({model}).filter((x, j) => j !== i)" if removable else None)
    if not removable:
        item._events.pop("click_remove", None)


class VFileUpload(VElement):
    """Files dropped or browsed into ``v_model`` (a list of file dicts); ``multiple`` adds to it."""

    _base = "v-file-upload-wrap"
    _props = VFileUploadDropzone._props | {"label", "hide_details", "clearable", "show_size", "messages",
                                           "error_messages", "readonly"}

    def _build(self) -> None:
        model = self.model_source()
        multiple = _on(self.prop("multiple"))
        passed = {k: v for k, v in self._p.items() if k in VFileUploadDropzone._props}
        zone = VFileUploadDropzone(**passed)
        native = zone.take(model, multiple)
        self.chain(native, "change", "update_modelValue", model)
        self.__dict__["control"] = native
        if model is not None:
            with el("div", classes="v-file-upload-list v-list", role="list", aria_label="Chosen files",
                    v_if=f"[].concat({model} ?? []).length"):
                listing(model, _on(self.prop("show_size", True)), not _on(self.prop("disabled")))
        errors = self.prop("error_messages")
        if errors is not None:
            with el("div", classes="v-messages__live", role="alert", aria_live="polite"):
                el("div", "{{ m }}", classes="v-messages v-messages--error", v_for=f"m in [].concat({src(errors)} ?? [])")


__all__ = ["VFileUpload", "VFileUploadDropzone", "VFileUploadItem", "VFileUploadList"]

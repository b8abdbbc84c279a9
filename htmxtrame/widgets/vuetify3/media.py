"""Video: ``VVideo`` (the browser's player), ``VVideoControls`` and ``VVideoVolume`` (controls bound to state).

``VVideo`` is a ``<video>`` with the browser's own controls (keyboard
operable, captions, full screen): ``src``, ``image`` (poster), ``autoplay``,
``muted``, ``loop``, ``aspect_ratio``. ``VVideoControls`` and
``VVideoVolume`` are Vuetify's control bar and volume control as state:
``playing`` (a play/pause toggle), ``progress`` and ``volume`` (0–100
sliders), each a prop bound to a state key (or ``v_model_<name>``), so an
app can drive its own player view (a VTK animation, a frame series) with
Vuetify's look. They do not reach into a ``<video>``: that needs a
framework in the page.
"""

from __future__ import annotations

from typing import Any

from ...elements import AbstractElement
from .containers import VBtn
from .core import ColorBar, VElement, el, is_bound, option_key


def _state_key(widget: VElement, name: str, default: Any) -> str:
    """The state key a control's *name* (``playing``, ``volume``…) lives in: bound, two-way, or its own."""
    return option_key(widget, name, default, "ht__video")


def _slider(widget: VElement, key: str, label: str, event: str, classes: str) -> AbstractElement:
    box = el("div", classes=f"v-slider v-video__slider {classes}")
    with box:
        control = el("input", type="range", min="0", max="100", step="1", classes="v-slider__input",
                     aria_label=label, v_model=(key,))
    widget.chain(control, "input", event, key)
    return box


class VVideoVolume(VElement):
    """A mute button and a volume slider: ``v_model`` (or ``volume``/``model_value`` bound) 0–100;
    ``hide_slider``, ``direction``; raises ``update_modelValue``."""

    _base = "v-video-volume"
    _props = frozenset({"model_value", "hide_slider", "direction", "inline", "label", "menu_props", "slider_props",
                        "volume", "v_model_volume", "sizes"})

    def _build(self) -> None:
        model = self.model_source()
        if model is None:
            bound = self.prop("model_value", self.prop("volume"))
            if is_bound(bound):
                model = str(bound[0]).strip()
            else:
                model = f"ht__video_{self._ht_id}_volume"
                self._defaults.append((model, bound if bound is not None else 100))
        self.attributes["role"] = "group"
        self.attributes["aria-label"] = str(self.prop("label", "Volume"))
        _volume(self, model, str(self.prop("label", "Volume")), "update_modelValue",
                self.prop("hide_slider") in (None, False))


def _volume(widget: VElement, model: str, label: str, event: str, slider: bool) -> None:
    """A mute button (and a slider) for the volume in *model*, raising *event* on *widget*."""
    glyph = (f"Number({model}) <= 0 ? 'mdi-volume-off' : Number({model}) < 50 ? 'mdi-volume-medium' : "
             "'mdi-volume-high'",)
    mute = VBtn(icon=glyph, variant="text", size="small", aria_label=(f"Number({model}) <= 0 ? 'Unmute' : 'Mute'",),
                click=f"{model} = Number({model}) <= 0 ? 100 : 0")
    widget.chain(mute, "click", event, model)
    if slider:
        _slider(widget, model, label, event, "v-video-volume__slider")


class VVideoControls(ColorBar):
    """Vuetify's video control bar as state: a play/pause button (``playing``), a position slider
    (``progress``, 0–100), a volume control (``volume``), a full-screen button raising ``click_fullscreen``;
    ``hide_play``, ``hide_volume``, ``hide_fullscreen``, ``variant``, ``color``, ``bg_color``.

    Each of ``playing``/``progress``/``volume`` is a prop bound to state (or ``v_model_<name>``); raises
    ``update_playing``, ``update_progress``, ``update_volume``.
    """

    _base = "v-video-controls"
    _props = frozenset({"playing", "progress", "volume", "v_model_playing", "v_model_progress", "v_model_volume",
                        "hide_play", "hide_volume", "hide_fullscreen", "fullscreen", "bg_color", "track_color",
                        "pills", "split_volume", "duration", "detached", "floating", "volume_props", "variant"})
    _known_events = VElement._known_events | {"update_playing", "update_progress", "update_volume", "skip",
                                              "click_fullscreen"}

    def _build(self) -> None:
        self.attributes["role"] = "group"
        self.attributes.setdefault("aria-label", "Video controls")
        playing = _state_key(self, "playing", False)
        progress = _state_key(self, "progress", 0)
        if self.prop("hide_play") in (None, False):
            play = VBtn(icon=(f"{playing} ? 'mdi-pause' : 'mdi-play'",), variant="text", size="small",
                        aria_label=(f"{playing} ? 'Pause' : 'Play'",), aria_pressed=(f"String(!!{playing})",),
                        click=f"{playing} = !{playing}", color=self.prop("color"))
            self.chain(play, "click", "update_playing", playing)
        _slider(self, progress, "Position", "update_progress", "v-video-controls__progress")
        if self.prop("hide_volume") in (None, False):
            volume = _state_key(self, "volume", 100)
            with el("div", classes="v-video-volume", role="group", aria_label="Volume"):
                _volume(self, volume, "Volume", "update_volume", True)
        if self.prop("hide_fullscreen") in (None, False):
            full = VBtn(icon="mdi-fullscreen", variant="text", size="small", aria_label="Full screen")
            self.chain(full, "click", "click_fullscreen", None)


class VVideo(VElement):
    """A video the browser plays with its own controls: ``src``, ``type``, ``image`` (poster),
    ``autoplay``, ``muted``, ``loop``, ``aspect_ratio``, ``height``/``width``, ``rounded``;
    ``controls_variant="hidden"`` hides the controls. ``title``/``aria_label`` names it.
    """

    _base = "v-video"
    _props = frozenset({"src", "type", "image", "autoplay", "muted", "loop", "controls_variant", "hide_overlay",
                        "no_fullscreen", "aspect_ratio", "start_at", "eager", "floating", "pills", "title",
                        "hide_volume", "hide_play", "volume", "playing", "progress", "track_color", "bg_color",
                        "controls_props", "volume_props", "content_class", "detached", "background"})

    def _build(self) -> None:
        video = el("video", classes="v-video__video", preload="metadata", playsinline=True)
        if self.prop("controls_variant") not in ("hidden", "none") and self.prop("background") in (None, False):
            video.attributes["controls"] = True
        for flag in ("autoplay", "muted", "loop"):
            value = self.prop(flag)
            if is_bound(value):
                video._set(flag, value)
            elif value not in (None, False):
                video.attributes[flag] = True
        if self.prop("background") not in (None, False):
            video.attributes.update(autoplay=True, muted=True, loop=True)
        for prop, attr in (("src", "src"), ("image", "poster")):
            value = self.prop(prop)
            if is_bound(value):
                video._set(attr, value)
            elif value is not None:
                video.attributes[attr] = str(value)
        if isinstance(self.prop("type"), str) and not is_bound(self.prop("src")) and self.prop("src"):
            video.attributes.pop("src", None)
            video.add(el("source", src=str(self.prop("src")), type=self.prop("type")))
        name = self.prop("title", self.prop("aria_label", "Video"))
        if is_bound(name):
            video._set("aria-label", name)
        else:
            video.attributes["aria-label"] = str(name)
        ratio = self.prop("aspect_ratio")
        if ratio is not None and not is_bound(ratio):
            video.attributes["style"] = f"aspect-ratio: {ratio}"
        self._slots["default"] = el("div", classes="v-video__content")


__all__ = ["VVideo", "VVideoControls", "VVideoVolume"]

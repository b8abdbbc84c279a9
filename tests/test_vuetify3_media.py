"""VVideo, VVideoControls, VVideoVolume: the browser's player, and controls bound to state."""

from __future__ import annotations

import re

from htmxtrame.widgets import vuetify3 as v
from test_vuetify import Page
from test_vuetify_components import fire, find


def test_video_is_the_browsers_player():
    page = Page(lambda: v.VVideo(src="clip.mp4", image="poster.jpg", muted=True, loop=True, aspect_ratio="16/9",
                                 title="Demo clip"))
    video = re.search(r"<video[^>]*>", page.html).group(0)
    for part in ('src="clip.mp4"', 'poster="poster.jpg"', "controls", "muted", "loop", 'aria-label="Demo clip"',
                 "aspect-ratio: 16/9"):
        assert part in video
    hidden = Page(lambda: v.VVideo(src=("url",), controls_variant="hidden"), url="b.webm")
    assert 'src="b.webm"' in hidden.html and "controls" not in re.search(r"<video[^>]*>", hidden.html).group(0)


def test_video_with_a_type_uses_a_source_element():
    page = Page(lambda: v.VVideo(src="clip.webm", type="video/webm"))
    assert '<source src="clip.webm" type="video/webm">' in page.html


def test_video_controls_drive_state():
    def build():
        v.VVideoControls(playing=("playing", False), progress=("position", 10), volume=("vol", 80),
                         update_playing="seen = $event", update_volume="heard = $event")

    page = Page(build)
    play = [b for b in find(page.root, v.VBtn) if "aria-pressed" in b._bindings][0]
    assert 'aria-label="Play"' in page.html and 'aria-label="Position"' in page.html
    page.fire(play, "click")
    assert page.state.playing is True and page.state.seen is True and 'aria-label="Pause"' in page.html
    slider = [n for n in page.root.walk() if n.tagname == "input" and n.attributes.get("aria-label") == "Position"][0]
    fire(page, slider, "input", "55")
    assert page.state.position == 55
    mute = [b for b in find(page.root, v.VBtn) if "aria-label" in b._bindings and "Mute" in
            b._bindings["aria-label"].source][0]
    page.fire(mute, "click")
    assert page.state.vol == 0 and page.state.heard == 0


def test_video_volume_alone():
    page = Page(lambda: v.VVideoVolume(v_model=("vol", 30), update_modelValue="seen = $event"))
    slider = [n for n in page.root.walk() if n.tagname == "input"][0]
    fire(page, slider, "input", "70")
    assert page.state.vol == 70 and page.state.seen == 70
    assert 'role="group"' in page.html and 'aria-label="Volume"' in page.html

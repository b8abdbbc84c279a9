"""print_banner(): htmxtrame's logo, where trame prints its own (htmxtrame.utils.banner)."""

from __future__ import annotations

import contextlib
import io

from htmxtrame.server import Server
from htmxtrame.utils import banner


def printed(stream=None):
    out = stream or io.StringIO()
    with contextlib.redirect_stdout(out):
        banner.print_banner("ignored", extra=1)  # trame's signature: arguments are ignored
    return out


def test_the_logo_is_shaded_from_blue_to_green(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    text = printed().getvalue()
    assert len(text) > 4096  # trame-server's test_banner asks this much of its logo
    assert "\x1b[38;2;61;114;215m█" in text  # htmx blue at the left edge
    assert "\x1b[38;2;65;183;132m█" in text  # a trame green at the right edge
    assert text.count("\x1b[0m") == 6  # one reset per row: the terminal's colour comes back
    assert "version" in text


def test_no_color_prints_the_same_letters_plain(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = printed().getvalue()
    assert "\x1b[" not in text
    assert banner.logo(color=False) in text
    assert banner.logo(color=False).splitlines()[0].startswith("██╗  ██╗████████╗███╗   ███╗")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b[" not in printed().getvalue()


def test_an_output_without_block_characters_gets_ascii_letters():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1")
    printed(stream)
    stream.flush()
    text = raw.getvalue().decode("latin-1")
    assert "|_| |_|" in text and "\x1b[" not in text


def test_banner_flag_prints_the_logo_when_the_server_is_ready(capsys, monkeypatch):
    monkeypatch.setenv("TRAME_ARGS", "--banner")
    monkeypatch.setenv("NO_COLOR", "1")
    server = Server("test-banner-logo")
    server.start(port=0, host="127.0.0.1", thread=True, open_browser=False, timeout=0, show_connection_info=False)
    server.stop()
    out = capsys.readouterr().out
    assert banner.logo(color=False) in out
    assert out.index(banner.logo(color=False)) < out.index(f"http://127.0.0.1:{server.port}/")

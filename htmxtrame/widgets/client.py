"""``htmxtrame.widgets.client``: the parts of ``trame.widgets.client`` that fit.

* :class:`Style` — a ``<style>`` block of static CSS text.
* :class:`Script` — a ``<script>`` block of static JavaScript written by the
  app author (a custom element, a chart library's setup).

Both take fixed text from Python, never anything a page sent. Not provided,
because they would run code built at runtime in the browser, or exist only
for Vue: ``JSEval``, ``ClientTriggers``, ``Getter``, ``DeepReactive``,
``ServerTemplate``, ``SizeObserver``. ``server.js_call(ref, method, *args)``
covers calling a method of a page element.
"""

from __future__ import annotations

import re
from typing import Any

from ..elements import AbstractElement, Text


def _raw(text: Any, tag: str) -> Text:
    """A child rendered verbatim inside a raw-text element, refusing a breakout."""
    if not isinstance(text, str):
        raise TypeError(f"client.{tag.capitalize()} takes its content as a string, got {type(text).__name__}")
    if re.search(rf"</\s*{tag}", text, re.I) or "<!--" in text:
        raise ValueError(
            f"client.{tag.capitalize()} content must not contain '</{tag}' or '<!--' (it would end the "
            f"<{tag}> block early); serve long {tag} text as a file with server.enable_module instead"
        )
    child = Text.__new__(Text)
    child.html = text
    return child


class Style(AbstractElement):
    """``client.Style("body { margin: 0 }")``: CSS added where it is placed."""

    def __init__(self, content: str = "", **kwargs: Any) -> None:
        super().__init__("style", **kwargs)
        if content:
            self.children.append(_raw(content, "style"))


class Script(AbstractElement):
    """``client.Script("customElements.define(...)")``: static JavaScript from the app author."""

    def __init__(self, content: str = "", **kwargs: Any) -> None:
        super().__init__("script", **kwargs)
        if content:
            self.children.append(_raw(content, "script"))


__all__ = ["Script", "Style"]

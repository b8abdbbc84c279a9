"""Name translation for namespaced state and controllers (trame's ``Translator``).

A child state or controller shares its parent's storage but sees it through a
translator: ``prefix="child_"`` makes ``child.state.a`` the parent's
``child_a``, and an explicit ``add_translation("a", "other")`` maps one name.
Reserved names (``trame__*`` keys and the lifecycle hooks) are never
translated, so every child sees the one server title and the one
``on_server_ready``.
"""

from __future__ import annotations

import re
from typing import Any

# Controller names every child shares with its root.
RESERVED_CONTROLLER_NAMES = frozenset(
    {
        "on_server_start", "on_server_bind", "on_server_ready", "on_client_connected",
        "on_client_exited", "on_server_exited", "on_server_reload",
    }
)

# A JavaScript identifier (with '$' as Vue allows), the unit a template names a key by.
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_MUSTACHE = re.compile(r"\{\{(.*?)\}\}", re.S)


def is_name_reserved(name: str) -> bool:
    """True for names a translator never changes."""
    return name.startswith("trame__") or name in RESERVED_CONTROLLER_NAMES


class Translator:
    """Maps the names a component uses to the names its server stores."""

    def __init__(self, prefix: str | None = None) -> None:
        self._prefix = prefix
        self._transl: dict[str, str] = {}
        self._reverse_transl: dict[str, str] = {}

    @property
    def prefix(self) -> str | None:
        """The prefix added to every name without an explicit translation."""
        return self._prefix

    def set_prefix(self, prefix: str | None) -> None:
        """Prefix every name without an explicit translation."""
        self._prefix = prefix

    def add_translation(self, key: str, translated_key: str) -> None:
        """Map *key* to *translated_key* (and back)."""
        self._transl[key] = translated_key
        self._reverse_transl[translated_key] = key

    def translate_key(self, key: str) -> str:
        """The stored name of *key*."""
        if is_name_reserved(key):
            return key
        if key in self._transl:
            return self._transl[key]
        return f"{self._prefix}{key}" if self._prefix else key

    def reverse_translate_key(self, translated_key: str) -> str:
        """The component's name for the stored name *translated_key*."""
        if is_name_reserved(translated_key):
            return translated_key
        if translated_key in self._reverse_transl:
            return self._reverse_transl[translated_key]
        if self._prefix:
            return translated_key.removeprefix(self._prefix)
        return translated_key

    def translate_list(self, keys: Any) -> list[str]:
        """Every name of *keys*, translated."""
        return [self.translate_key(k) for k in keys]

    def translate_dict(self, values: dict) -> dict:
        """*values* with its keys translated."""
        return {self.translate_key(k): v for k, v in values.items()}

    def reverse_translate_list(self, keys: Any) -> list[str]:
        """Every stored name of *keys*, as the component calls it."""
        return [self.reverse_translate_key(k) for k in keys]

    def reverse_translate_dict(self, values: dict) -> dict:
        """The stored *values* as this component sees them.

        A stored key that this translator would not produce for its own
        name is shadowed (another component's value) and left out.
        """
        out = {}
        for key, value in values.items():
            name = self.reverse_translate_key(key)
            if self.translate_key(name) == key:
                out[name] = value
        return out

    def translate_js_expression(self, state: Any, expression: str) -> str:
        """*expression* with every identifier that names a state key translated."""

        def swap(match: re.Match) -> str:
            name = match.group(0)
            start = match.start()
            if start and expression[start - 1] == ".":
                return name  # a property (a.b), not a key
            return self.translate_key(name) if state.has(name) else name

        return _IDENT.sub(swap, expression)

    def translate_vue_templating(self, state: Any, text: str) -> str:
        """*text* with the state keys inside each ``{{ }}`` translated."""
        return _MUSTACHE.sub(
            lambda m: "{{" + self.translate_js_expression(state, m.group(1)) + "}}", text
        )

    def __call__(self, key: str) -> str:
        return self.translate_key(key)

    def __repr__(self) -> str:
        return f"Translator(prefix={self._prefix!r}, translations={self._transl!r})"

"""``trame_server.utils.namespace``'s names, for code that imports them from there."""

from ..translator import RESERVED_CONTROLLER_NAMES, Translator, is_name_reserved

__all__ = ["RESERVED_CONTROLLER_NAMES", "Translator", "is_name_reserved"]

"""The single exception type raised by the expression package."""

from __future__ import annotations

__all__ = ["ExpressionError"]


class ExpressionError(ValueError):
    """A syntax error (raised at compile time) or runtime error (raised by evaluate).

    Attributes:
        message: what went wrong, without location.
        source: the expression text, or "" when not yet known.
        position: 0-based character offset into ``source``, or None.
    """

    def __init__(self, message: str, source: str = "", position: int | None = None):
        self.message = message
        self.source = source
        self.position = position
        super().__init__(message)

    def with_source(self, source: str, offset: int = 0) -> ExpressionError:
        """Return self with the location filled in (inner parts of a template
        are compiled on their own, so the outer text is attached later)."""
        if not self.source:
            self.source = source
            if self.position is not None:
                self.position += offset
        return self

    def __str__(self) -> str:
        if not self.source:
            return self.message
        where = f" at position {self.position}" if self.position is not None else ""
        text = f'{self.message}{where} in expression "{self.source}"'
        if self.position is not None and "\n" not in self.source and len(self.source) <= 200:
            # The caret points under the offending character of the quoted source.
            text += "\n    " + self.source + "\n    " + " " * self.position + "^"
        return text

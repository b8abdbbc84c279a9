"""Elements: dominate tags that understand trame's keyword arguments."""

from .base import (
    AbstractElement,
    DynamicText,
    EventHandler,
    Model,
    Text,
    active_state,
    model_event,
    pop_state,
    push_state,
    seed_tree,
)

__all__ = [
    "AbstractElement", "DynamicText", "active_state", "EventHandler", "Model", "Text", "model_event",
    "pop_state", "push_state", "seed_tree",
]

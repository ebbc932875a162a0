"""The page's chatbot, which takes no history from the browser beyond the owner's limits (``history.HistoryLimits``).

Gradio's ChatInterface copies the displayed chat into the session's history with events that take the chatbot's
value as the browser sends it (sync after a reply, undo, edit, options), and the conversation downloads are
written from it: a caller of those routes could store a 10 MB reply or thousands of turns in the session, or
write them to disk. Every event that reads the chatbot reads it through ``preprocess``: bounded there, the
history is bounded on every path, before any handler sees it.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from .history import HistoryLimits, history_refusal


class BoundedChatbot(gr.Chatbot):
    """``gr.Chatbot`` whose value, as any event receives it, passes ``history_refusal`` (else a ``gr.Error``)."""

    is_template = True  # the browser renders it as the Chatbot it is

    def __init__(self, *args: Any, limits: HistoryLimits, **kwargs: Any) -> None:
        self.limits = limits
        super().__init__(*args, **kwargs)

    def get_config(self, cls: type | None = None) -> dict[str, Any]:
        """The page gets a Chatbot's props (Gradio reads them off ``__init__``'s signature, which here has ``limits``)."""
        return super().get_config(cls or gr.Chatbot)

    def preprocess(self, payload):
        if payload is not None and (why := history_refusal([m.model_dump() for m in payload.root], self.limits)):
            raise gr.Error(why)
        return super().preprocess(payload)

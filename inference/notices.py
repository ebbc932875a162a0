"""What the user sees besides the reply: transient statuses and marked notices.

A notice is text in the stream, marked with NOTICE_MARK so the UI can tell it from the reply; a status is a
``Status`` object the UI renders while no text has arrived (``webui.history`` renders and recognises both).
"""

from __future__ import annotations

NOTICE_MARK = "⚠️ "


class Status(str):
    """A transient status line (e.g. waiting for the local model); shown until text arrives, never part of the reply."""

    __slots__ = ()


class Notice(str):
    """A notice delta: the app's own complete words, so the stream passes it on whole (never held back in part)."""

    __slots__ = ()


def notice(text: str, *, after_text: bool) -> Notice:
    """A final notice delta: its own paragraph when it follows reply text, so it can be told apart and stripped."""
    return Notice(("\n\n" if after_text else "") + NOTICE_MARK + " ".join(text.split()))


def waiting(ahead: int) -> Status:
    return Status(f"Waiting for the local model — {ahead} request{'s' if ahead != 1 else ''} ahead…")


MODEL_LOADING = Status("Loading the local model…")
"""Shown while the embedded model is read from disk on its first use."""

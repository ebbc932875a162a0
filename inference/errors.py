"""The package's exceptions: internal only, every backend fault reaches the user as a notice."""

from __future__ import annotations


class InferenceError(Exception):
    """Base of inference errors."""


class BackendFault(InferenceError):
    """A backend failed; ``str(fault)`` is the short user-facing message (what happened, what to do)."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class LocalModelUnavailable(BackendFault):
    """The embedded model's package or runtime is missing."""


class MalformedChunk(InferenceError):
    """A streamed chunk that isn't an OpenAI chat-completion chunk (bad JSON or the wrong shape)."""

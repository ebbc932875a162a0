"""What Settings show about the model: only what applies to the backend that is answering."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from inference import BackendInfo


@dataclass(frozen=True)
class ModelSettings:
    hosted_box: bool
    """Show the editable hosted model id (only a hosted backend takes a model id per request)."""
    note: str
    """Markdown naming the model when there is nothing to choose ("" when the box is shown)."""


def model_settings(backend: BackendInfo) -> ModelSettings:
    if backend.kind == "hosted":
        return ModelSettings(hosted_box=True, note="")
    return ModelSettings(hosted_box=False,
                         note=f"**Model:** {escape(backend.model)}, built in and running on this server.")

"""Per-request knobs the UI exposes; validation and documentation in one model."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ChatSettings(BaseModel):
    """What the user may change per message in the Settings panel."""

    model: str | None = Field(None, description="Hosted model id override; None uses the configured default.")
    temperature: float = Field(0.3, ge=0, le=2, description="Sampling temperature; 0 is (near) deterministic.")
    max_new_tokens: int = Field(256, ge=1, le=4096, description="Upper bound on the reply length in tokens.")
